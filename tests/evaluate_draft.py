"""How much of a curated bundle a draft proposes: precision and recall by kind, links, duplicates.

    python -m tests.evaluate_draft              # the development set: the table, in-sample and held-out
    python -m tests.evaluate_draft --verbose    # ... and every miss
    python -m tests.evaluate_draft --in-sample  # only the articles the rules were tuned on
    python -m tests.evaluate_draft --json       # the figures as JSON (what the baseline file holds)
    python -m tests.evaluate_draft --verbose --part in_sample --part held_out_4
                                                # ... only those parts (a key of PARTS); the
                                                # misses of a part still held out are never read
    python -m tests.evaluate_draft --part held_out_5
                                                # a part not scored yet (UNSCORED): its first look;
                                                # without --part, only the scored parts are drafted

Each article of the development set (tests/data/drafting/dev_set.yaml) is drafted against a
fresh database holding the seed, as `conflict-facts draft` does, and compared with its curated
bundle. Every curated record is matched at most once:

- a figure is right when a curated one has its value and qualifier and a citation overlapping
  its own;
- a statement when a curated one has its speaker and an overlapping first citation;
- an event when a curated one has its type, dates and precision and an overlapping citation; a
  stored event the draft refers to is right when the curated bundle refers to it;
- an actor or place the draft proposes when a curated new one has one of its names or aliases
  (case, accents and a possessive "'s" aside); a stored one it refers to when the article names it.

Links: of the figures and statements matched, how many have the curated event (or both none).
Duplicates: new actors and places that have the name or an alias of a stored one, and new events
cited where the article names a stored event of that type.
"""

import json
import re
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from app import bundles
from app.bundles import Bundle, read_bundle
from app.draft import Draft, Known, draft, read_known, render
from app.models import CitationCreate
from app.quotes import locate

DEV_SET = Path(__file__).resolve().parent / "data" / "drafting"
BASELINE = DEV_SET / "baseline.json"
KINDS = ("figures", "statements", "events", "actors", "places")


@dataclass
class Score:
    drafted: int = 0
    curated: int = 0
    matched: int = 0

    def __iadd__(self, other: "Score") -> "Score":
        self.drafted += other.drafted
        self.curated += other.curated
        self.matched += other.matched
        return self

    @property
    def precision(self) -> float:
        return self.matched / self.drafted if self.drafted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.curated if self.curated else 1.0


@dataclass
class Report:
    """The scores of one or more drafts."""

    kinds: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in KINDS})
    links: int = 0
    linked_right: int = 0
    duplicates: list[str] = field(default_factory=list)
    articles: int = 0
    misses: list[str] = field(default_factory=list)

    def __iadd__(self, other: "Report") -> "Report":
        for kind in KINDS:
            self.kinds[kind] += other.kinds[kind]
        self.links += other.links
        self.linked_right += other.linked_right
        self.duplicates += other.duplicates
        self.articles += other.articles
        self.misses += other.misses
        return self

    @property
    def link_accuracy(self) -> float:
        return self.linked_right / self.links if self.links else 1.0

    def figures(self) -> dict[str, Any]:
        """Return the report as the baseline file holds it."""
        result: dict[str, Any] = {
            kind: {"precision": round(s.precision, 3), "recall": round(s.recall, 3)}
            for kind, s in self.kinds.items()
        }
        result["links"] = round(self.link_accuracy, 3)
        result["duplicates"] = len(self.duplicates)
        return result


def plain(name: str) -> str:
    """Return `name` compared loosely: lowercase ASCII words, no possessive, no "the"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = re.sub(r"['’]s\b", "", ascii_name.lower())
    return " ".join(w for w in re.findall(r"[a-z0-9]+", ascii_name) if w != "the")


def _names(record: Any) -> set[str]:
    return {plain(n) for n in (record.name, *getattr(record, "aliases", []))} - {""}


def _overlap(a: Iterable[tuple[int, int]], b: Iterable[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _match(
    drafted: Sequence[Any], curated: Sequence[Any], same: Callable[[Any, Any], bool]
) -> dict[int, int]:
    """Return a greedy one-to-one matching of `drafted` to `curated`, as index pairs."""
    free = list(range(len(curated)))
    pairs = {}
    for i, record in enumerate(drafted):
        partner = next((j for j in free if same(record, curated[j])), None)
        if partner is not None:
            free.remove(partner)
            pairs[i] = partner
    return pairs


def evaluate(
    proposed: Draft,
    drafted: Bundle,
    curated: Bundle,
    stored: dict[str, Any],
    known: Known,
    name: str = "",
) -> Report:
    """Return the score of `drafted` (the bundle `proposed` renders to) against `curated`, where
    `stored` lists the stored records the article names (as dev_set.yaml does)."""
    text = next(s.text for s in curated.sources if s.text is not None)
    assert [s.text for s in drafted.sources] == [text], "not a draft of that article"

    def spans(citations: list[CitationCreate]) -> list[tuple[int, int]]:
        return [(s.start, s.end) for c in citations for s in [locate(text, c.quote, c.prefix)]]

    report = Report(articles=1)
    mentioned = proposed.mentions

    # Actors and places: new ones by name, stored ones by id.
    actor_map: dict[str, str] = {}
    for kind in ("actors", "places"):
        new_pairs = _match(
            getattr(drafted, kind), getattr(curated, kind), lambda d, c: bool(_names(d) & _names(c))
        )
        if kind == "actors":
            for i, j in new_pairs.items():
                actor_map[drafted.actors[i].id] = curated.actors[j].id
        stored_ids = set(stored[kind])
        drafted_stored = set(mentioned[kind])
        score = Score(
            drafted=len(getattr(drafted, kind)) + len(drafted_stored),
            curated=len(getattr(curated, kind)) + len(stored_ids),
            matched=len(new_pairs) + len(drafted_stored & stored_ids),
        )
        report.kinds[kind] = score
        report.misses += [
            f"{name}: extra {kind} {r.id}"
            for i, r in enumerate(getattr(drafted, kind))
            if i not in new_pairs
        ]
        report.misses += [
            f"{name}: missed {kind} {r.id}"
            for j, r in enumerate(getattr(curated, kind))
            if j not in set(new_pairs.values())
        ]
        report.misses += [
            f"{name}: extra stored {kind} {i}" for i in sorted(drafted_stored - stored_ids)
        ]
        report.misses += [
            f"{name}: missed stored {kind} {i}" for i in sorted(stored_ids - drafted_stored)
        ]
        stored_names = [
            (k.id, plain(k.names[0]), {plain(n) for n in k.names}) for k in getattr(known, kind)
        ]
        for record in getattr(drafted, kind):
            for stored_id, stored_name, names in stored_names:
                # The new record's name is a stored one's name or alias, or the other way round.
                if plain(record.name) in names or stored_name in _names(record):
                    report.duplicates.append(f"{name}: {kind}/{record.id} duplicates {stored_id}")

    def actor(ref: str | None) -> str | None:
        return actor_map.get(ref, ref) if ref else None

    # Events: new ones by type, dates and citation; stored ones by id.
    new_events = _match(
        drafted.events,
        curated.events,
        lambda d, c: (
            (d.type, d.start_date, d.end_date, d.date_precision)
            == (c.type, c.start_date, c.end_date, c.date_precision)
            and _overlap(spans(d.citations), spans(c.citations))
        ),
    )
    event_map = {drafted.events[i].id: curated.events[j].id for i, j in new_events.items()}
    stored_events = dict(stored["events"])
    drafted_stored = set(mentioned["events"])
    report.kinds["events"] = Score(
        drafted=len(drafted.events) + len(drafted_stored),
        curated=len(curated.events) + len(stored_events),
        matched=len(new_events) + len(drafted_stored & set(stored_events)),
    )
    stored_by_id = {k.id: k for k in known.events}
    for record in drafted.events:
        for stored_id, quotes in stored_events.items():
            where = [(s.start, s.end) for q in quotes for s in [locate(text, q)]]
            other = stored_by_id[stored_id]
            # Same type, cited where the article names the stored event, and not dated apart.
            apart = (
                record.start_date is not None
                and other.start_date is not None
                and (
                    record.start_date > (other.end_date or record.start_date)
                    or (record.end_date or other.start_date) < other.start_date
                )
            )
            if record.type == other.type and _overlap(spans(record.citations), where) and not apart:
                report.duplicates.append(f"{name}: events/{record.id} duplicates {stored_id}")

    def event(ref: str | None) -> str | None:
        return event_map.get(ref, ref) if ref else None

    figures = _match(
        drafted.figures,
        curated.figures,
        lambda d, c: (
            (d.value, d.qualifier) == (c.value, c.qualifier)
            and _overlap(spans(d.citations), spans(c.citations))
        ),
    )
    statements = _match(
        drafted.statements,
        curated.statements,
        lambda d, c: (
            actor(d.speaker) == c.speaker
            and _overlap(spans(d.citations[:1]), spans(c.citations[:1]))
        ),
    )
    report.kinds["figures"] = Score(len(drafted.figures), len(curated.figures), len(figures))
    report.kinds["statements"] = Score(
        len(drafted.statements), len(curated.statements), len(statements)
    )
    for pairs, d_records, c_records in (
        (figures, drafted.figures, curated.figures),
        (statements, drafted.statements, curated.statements),
    ):
        for i, j in pairs.items():
            d, c = d_records[i], c_records[j]
            if d.event_id is None and c.event_id is None:
                continue
            report.links += 1
            right = event(d.event_id) == c.event_id
            report.linked_right += right
            if not right:
                report.misses.append(f"{name}: link of {d.id}: {d.event_id} (curated {c.event_id})")
    for label, pairs, d_records, c_records in (
        ("figure", figures, drafted.figures, curated.figures),
        ("statement", statements, drafted.statements, curated.statements),
        ("event", new_events, drafted.events, curated.events),
    ):
        report.misses += [
            f"{name}: extra {label} {d_records[i].id}"
            for i in range(len(d_records))
            if i not in pairs
        ]
        matched = set(pairs.values())
        report.misses += [
            f"{name}: missed {label} {c_records[j].id}"
            for j in range(len(c_records))
            if j not in matched
        ]
    return report


PARTS = {
    "in_sample": "in-sample",
    "held_out": "17-20",
    "held_out_2": "21-26",
    "held_out_3": "27-32",
    "held_out_4": "33-38",
    "held_out_5": "held-out 39-44",
    "held_out_6": "held-out 45-50",
}
"""The parts of the development set, as the baseline file and the table name them. Articles
17-20, 21-26, 27-32 and 33-38 were held out once and have been tuned on since; 39-44 and 45-50
are held out."""

UNSCORED = {"held_out_5", "held_out_6"}
"""Held-out parts not scored yet. A part has no baseline entry until its first look, and the CI
gate (tests/test_draft.py) covers exactly the parts the baseline file holds; it also requires
that every other part is named here, and none that is scored. The first look writes the part's
entry into the baseline and takes it out of this set."""


def part_of(article: dict[str, Any]) -> str:
    """Return the part of the development set `article` belongs to: the tuning set, the first
    held-out set (`held_out: true`), the second (`held_out: second`), the third
    (`held_out: third`), the fourth (`held_out: fourth`), the fifth (`held_out: fifth`) or the sixth
    (`held_out: sixth`)."""
    held_out = article.get("held_out")
    later = {
        "second": "held_out_2",
        "third": "held_out_3",
        "fourth": "held_out_4",
        "fifth": "held_out_5",
        "sixth": "held_out_6",
    }
    return later.get(held_out, "held_out") if held_out else "in_sample"


def dev_set(part: str) -> list[dict[str, Any]]:
    """Return the articles of one part of the development set (a key of PARTS)."""
    index = yaml.safe_load((DEV_SET / "dev_set.yaml").read_text(encoding="utf-8"))
    return [a for a in index["articles"] if part_of(a) == part]


def draft_article(article: dict[str, Any], known: Known) -> tuple[Draft, Bundle, Bundle]:
    """Return the draft of a development-set article (as the CLI makes it: the source's date,
    publisher and kind given), the bundle it renders to, and the curated bundle."""
    curated = read_bundle(DEV_SET / f"{article['name']}.yaml")
    source = curated.sources[0]
    assert source.text is not None
    proposed = draft(
        source.text,
        source.published_on,
        known,
        publisher=source.publisher,
        kind=source.kind,
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "draft.yaml"
        path.write_text(render(proposed, f"{article['name']}.txt"), encoding="utf-8")
        drafted = read_bundle(path)
    return proposed, drafted, curated


def seeded_known() -> Known:
    """Return what a database holding exactly the seed knows, as `draft` reads it."""
    from sqlmodel import Session

    from app.db import make_engine
    from app.migrations import upgrade
    from app.writes import writing

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'seed.db'}"
        upgrade(url, "head")
        engine = make_engine(url)
        try:
            with writing(engine) as write:
                bundles.load_files(write, bundles.SEED, by="evaluate")
            with Session(engine) as session:
                return read_known(session)
        finally:
            engine.dispose()


def evaluate_dev_set(known: Known, part: str) -> Report:
    """Return the scores of the drafts of one part of the development set, summed."""
    total = Report()
    for article in dev_set(part):
        proposed, drafted, curated = draft_article(article, known)
        total += evaluate(proposed, drafted, curated, article["stored"], known, article["name"])
    return total


def table(reports: dict[str, Report]) -> str:
    """Return the reports (by column title) as one Markdown table."""
    titles = list(reports)
    lines = [
        "| | " + " | ".join(f"{t} P | {t} R" for t in titles) + " |",
        "|---|" + "---:|---:|" * len(titles),
    ]
    labels = {
        "figures": "figures",
        "statements": "statements (right speaker)",
        "events": "events",
        "actors": "actors",
        "places": "places",
    }
    for kind, label in labels.items():
        cells = []
        for report in reports.values():
            s = report.kinds[kind]
            cells += [
                f"{s.precision:.2f} ({s.matched}/{s.drafted})",
                f"{s.recall:.2f} ({s.matched}/{s.curated})",
            ]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    cells = []
    for report in reports.values():
        cells += [f"{report.link_accuracy:.2f} ({report.linked_right}/{report.links})", ""]
    lines.append("| links (event of a matched figure or statement) | " + " | ".join(cells) + " |")
    cells = []
    for report in reports.values():
        cells += [str(len(report.duplicates)), ""]
    lines.append("| duplicates of stored records | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    known = seeded_known()
    chosen = [argv[i + 1] for i, arg in enumerate(argv[:-1]) if arg == "--part"]
    scored = [part for part in PARTS if part not in UNSCORED]
    parts = ["in_sample"] if "--in-sample" in argv else chosen or scored
    reports = {PARTS[part]: evaluate_dev_set(known, part) for part in parts}
    if "--json" in argv:
        figures = {part: r.figures() for part, r in zip(parts, reports.values(), strict=True)}
        print(json.dumps(figures, indent=2))
        return
    counts = ", ".join(f"{r.articles} {k} articles" for k, r in reports.items())
    print(f"Drafts of the development set ({counts}), with the seed stored:\n")
    print(table(reports))
    for report in reports.values():
        for duplicate in report.duplicates:
            print(f"duplicate: {duplicate}")
        if "--verbose" in argv:
            print("\n".join(report.misses))


if __name__ == "__main__":
    main(sys.argv[1:])
