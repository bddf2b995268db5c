"""Synthetic data at scale, for benchmarks: `conflict-facts synth --events N --seed S`.

The records are made up but shaped like the real ones: events over 30 years (1995–2024) in
40 countries (a few of them far busier than the rest), actors, places, figures with every
qualifier, direct quotes and paraphrases, sources relaying wire reports. Every source text is
written around the facts it reports, and every citation's `start`/`end` slices that text to
its `exact` words, so every citation verifies like a curated one. Names carry diacritics and
the texts typographic quotes and no-break spaces, so offsets count code points, not bytes.

One seeded `random.Random` draws everything in a fixed order: the same `--events` and
`--seed` give the same database, row for row, on SQLite and PostgreSQL alike.

The load is built for speed (a million events in minutes): rows go in as plain tuples in
large batches (`executemany` on SQLite, `COPY` on PostgreSQL), in one transaction, with the
secondary indexes dropped first and rebuilt from their own definitions at the end.
"""

import calendar
import hashlib
import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate
from typing import Any, TypeVar

from app import changes, rendering
from app.models.common import folded_names
from app.quotes import CONTEXT
from app.writes import Write

T = TypeVar("T")

BATCH = 20_000
"""Rows buffered per table before they are written."""

FIRST_DAY = date(1995, 1, 1)
LAST_DAY = date(2024, 12, 31)

# (ISO code, name, latitude, longitude), busiest first.
COUNTRIES = [
    ("AM", "Armenia", 40.1, 45.0),
    ("AZ", "Azerbaijan", 40.3, 47.7),
    ("GE", "Georgia", 42.3, 43.4),
    ("RU", "Russia", 55.7, 37.6),
    ("TR", "Türkiye", 39.0, 35.2),
    ("IR", "Iran", 32.4, 53.7),
    ("UA", "Ukraine", 49.0, 31.4),
    ("BY", "Belarus", 53.7, 27.9),
    ("MD", "Moldova", 47.4, 28.4),
    ("KZ", "Kazakhstan", 48.0, 66.9),
    ("SY", "Syria", 34.8, 38.9),
    ("IQ", "Iraq", 33.2, 43.7),
    ("LB", "Lebanon", 33.9, 35.9),
    ("IL", "Israel", 31.0, 34.9),
    ("PS", "Palestine", 31.9, 35.2),
    ("YE", "Yemen", 15.6, 48.5),
    ("SA", "Saudi Arabia", 23.9, 45.1),
    ("EG", "Egypt", 26.8, 30.8),
    ("LY", "Libya", 26.3, 17.2),
    ("SD", "Sudan", 12.9, 30.2),
    ("SS", "South Sudan", 6.9, 31.3),
    ("ET", "Ethiopia", 9.1, 40.5),
    ("SO", "Somalia", 5.2, 46.2),
    ("ML", "Mali", 17.6, -4.0),
    ("NE", "Niger", 17.6, 8.1),
    ("BF", "Burkina Faso", 12.2, -1.6),
    ("NG", "Nigeria", 9.1, 8.7),
    ("CD", "Democratic Republic of the Congo", -4.0, 21.8),
    ("CF", "Central African Republic", 6.6, 20.9),
    ("MZ", "Mozambique", -18.7, 35.5),
    ("AF", "Afghanistan", 33.9, 67.7),
    ("PK", "Pakistan", 30.4, 69.3),
    ("IN", "India", 20.6, 79.0),
    ("MM", "Myanmar", 21.9, 95.9),
    ("CO", "Colombia", 4.6, -74.3),
    ("MX", "Mexico", 23.6, -102.5),
    ("HT", "Haiti", 18.9, -72.3),
    ("RS", "Serbia", 44.0, 21.0),
    ("BA", "Bosnia and Herzegovina", 43.9, 17.7),
    ("CY", "Cyprus", 35.1, 33.4),
]
COUNTRY_WEIGHTS = list(accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(COUNTRIES))))
"""Cumulative: a few countries are far busier than the rest, as in real conflict data."""
MONTHS = ["", "January", "February", "March", "April", "May", "June", "July"]
MONTHS += ["August", "September", "October", "November", "December"]
"""English month names by number (`calendar.month_name` follows the locale, and is slow)."""

SYLLABLES = [
    "ka",
    "lo",
    "ver",
    "an",
    "tsi",
    "mar",
    "ol",
    "dze",
    "sha",
    "ri",
    "nu",
    "ba",
    "ze",
    "ye",
    "kor",
    "ev",
    "ar",
    "in",
    "ost",
    "tal",
    "mir",
    "gu",
    "sel",
]
DIACRITICS = str.maketrans({"s": "ş", "c": "ç", "g": "ğ", "o": "ö", "u": "ü", "e": "é", "a": "ə"})

# (type, weight, title, sentence): `{a}`/`{b}` are actors, `{p}` the place, `{d}` the date.
EVENT_TYPES = [
    ("diplomatic_meeting", 20, "Meeting of {a} and {b} in {p}", "{a} and {b} met in {p} {d}"),
    (
        "armed_conflict",
        8,
        "Armed conflict between {a} and {b}",
        "fighting between {a} and {b} around {p} was reported {d}",
    ),
    (
        "ceasefire_agreement",
        4,
        "Ceasefire agreed by {a} and {b}",
        "{a} and {b} agreed a ceasefire in {p} {d}",
    ),
    ("deployment", 6, "Deployment by {a} to {p}", "{a} deployed personnel to {p} {d}"),
    (
        "military_operation",
        10,
        "Military operation by {a} near {p}",
        "{a} conducted a military operation near {p} {d}",
    ),
    ("mediation", 8, "Mediation by {a} between parties in {p}", "{a} mediated talks in {p} {d}"),
    ("accusation", 14, "{a} accuses {b}", "{a} accused {b} of violating earlier commitments {d}"),
    ("attack", 18, "Attack near {p}", "an attack near {p} was reported {d}"),
    ("protest", 12, "Protest in {p}", "a protest took place in {p} {d}"),
]
EVENT_WEIGHTS = list(accumulate(weight for _, weight, _, _ in EVENT_TYPES))
ROLES = {
    "diplomatic_meeting": ["participant", "participant", "host"],
    "mediation": ["mediator", "participant", "participant"],
    "ceasefire_agreement": ["signatory", "signatory", "broker"],
    "accusation": ["accuser", "accused"],
}

# (metric, unit, low, high, clause): the clause follows the qualified number.
METRICS = [
    ("deaths", "people", 1, 20_000, "people were killed"),
    ("injured", "people", 1, 50_000, "people were injured"),
    ("displaced_persons", "people", 100, 2_000_000, "people were displaced"),
    ("missing_persons", "people", 1, 10_000, "people remain missing"),
    ("detained", "people", 1, 5_000, "people were detained"),
    ("peacekeepers_deployed", "people", 50, 20_000, "peacekeepers were deployed"),
    ("duration", "hours", 1, 2_000, "hours of fighting were counted"),
]
QUALIFIERS = [
    ("exact", ""),
    ("approximately", "about "),
    ("more_than", "more than "),
    ("at_least", "at least "),
    ("nearly", "nearly "),
    ("less_than", "fewer than "),
    ("at_most", "at most "),
]
SCOPES = [None, "both sides", "civilians", "soldiers", "in the region"]
QUOTES = [
    "We will not accept any change to the line of contact",
    "Our delegation came here to find a lasting solution",
    "The other side must return to the negotiating table",
    "Civilians must be protected, whatever the circumstances",
    "We call on all parties to exercise restraint",
    "The agreement has been violated several times this week",
    "Humanitarian access remains our first priority",
    "There can be no military solution to this conflict",
]
PARAPHRASES = [
    "called for the talks to continue",
    "said the ceasefire was holding",
    "denied the other side's account of the events",
    "announced that a further meeting would take place",
    "said humanitarian corridors would open",
]
PUBLISHERS = [
    ("Synthetic Wire Service", "wire_report"),
    ("The Sample Daily", "news_article"),
    ("Example Broadcasting Network", "news_article"),
    ("Placeholder Times", "news_article"),
    ("Mock Observer", "news_article"),
    ("Dummy Monitor", "report"),
    ("Test Bulletin", "news_article"),
    ("Demo Herald", "news_article"),
]
ORGANIZATIONS = [
    "Regional Security Organisation",
    "Council of Neighbouring States",
    "International Humanitarian Committee",
    "Ceasefire Monitoring Mission",
    "Union of Coastal Nations",
    "Committee on Missing Persons",
]

# Columns written, per table, in the order each row tuple holds them.
COLUMNS = {
    "source": [
        "id", "title", "publisher", "kind", "published_on", "url", "language", "text_sha256",
        "text_length",
    ],
    "source_text": ["source_id", "content"],
    "source_cite": ["source_id", "cited_id"],
    "actor": ["id", "name", "kind", "title", "country", "aliases", "folded"],
    "place": ["id", "name", "kind", "country", "latitude", "longitude", "folded"],
    "event": [
        "id", "title", "summary", "type", "start_date", "end_date", "date_precision",
        "date_note", "status", "parent_id", "place_id",
    ],
    "event_actor": ["event_id", "actor_id", "role", "position"],
    "figure": ["id", "metric", "value", "unit", "qualifier", "scope", "event_id", "claimed_by"],
    "statement": ["id", "speaker", "kind", "text", "said_on", "event_id", "reported_by"],
    "citation": [
        "id", "event_id", "figure_id", "statement_id", "position", "source_id", "exact",
        "prefix", "suffix", "start", "end", "via",
    ],
}  # fmt: skip
"""Parents before children: flushing the tables in this order keeps every foreign key valid."""


class SynthError(Exception):
    """The database cannot take synthetic data (not migrated, or not empty)."""


@dataclass
class Actor:
    id: str
    name: str
    country: str | None


@dataclass
class Country:
    code: str
    name: str
    state: Actor
    people: list[Actor] = field(default_factory=list)
    bodies: list[Actor] = field(default_factory=list)
    places: list[tuple[str, str]] = field(default_factory=list)  # (id, name)
    actors: list[Actor] = field(default_factory=list)  # who takes part in its events
    claimants: list[Actor] = field(default_factory=list)  # who claims its figures
    speakers: list[Actor] = field(default_factory=list)  # who speaks about its events
    conflict: str | None = None  # the latest armed conflict there, which attacks are part of


def _when(start: date | None, precision: str | None) -> str:
    """Return how a text dates an event: "on 3 March 2015", "in March 2015", "in 2015"."""
    if start is None or precision is None:
        return "at an unstated date"
    if precision == "day":
        return f"on {start.day}\u00a0{MONTHS[start.month]} {start.year}"
    if precision == "month":
        return f"in {MONTHS[start.month]} {start.year}"
    return f"in {start.year}"


class Generator:
    """Draws the records of a synthetic database, table by table, from one seed."""

    def __init__(self, events: int, seed: int) -> None:
        self.events = events
        self.random = random.Random(seed)  # noqa: S311 - reproducible on purpose, not secret
        self.rows: dict[str, list[tuple[Any, ...]]] = {table: [] for table in COLUMNS}
        self.counts = dict.fromkeys(COLUMNS, 0)
        self.citation_id = 0
        self.slugs: set[str] = set()
        self.countries: list[Country] = []
        self.organizations: list[Actor] = []
        self.media: list[Actor] = []

    def pick(self, items: Sequence[T]) -> T:
        """Return one of `items` at random (as `random.choice`, in half the time)."""
        return items[int(self.random.random() * len(items))]

    def add(self, table: str, row: tuple[Any, ...]) -> None:
        self.rows[table].append(row)
        self.counts[table] += 1

    def name(self, syllables: int) -> tuple[str, str]:
        """Return a made-up (display name, unique slug), sometimes with diacritics."""
        rand = self.random
        ascii_name = "".join(rand.choice(SYLLABLES) for _ in range(syllables))
        slug = ascii_name
        number = 2
        while slug in self.slugs:
            slug, number = f"{ascii_name}-{number}", number + 1
        self.slugs.add(slug)
        shown = ascii_name.translate(DIACRITICS) if rand.random() < 0.2 else ascii_name
        return shown.capitalize(), slug

    def actor(
        self, kind: str, name: str, slug: str, title: str | None, country: str | None
    ) -> Actor:
        aliases = [name.split()[-1]] if kind == "person" else []
        folded = folded_names(name, aliases)
        self.add("actor", (slug, name, kind, title, country, json.dumps(aliases), folded))
        return Actor(slug, name, country)

    def world(self) -> None:
        """Add the countries, their places and actors, organisations and media."""
        rand = self.random
        per_country = max(4, self.events // 2_000)  # people and places grow with the data
        for code, country_name, latitude, longitude in COUNTRIES:
            slug = country_name.lower().replace(" ", "-").replace("ü", "u")
            self.slugs.add(slug)
            state = self.actor("state", country_name, slug, None, code)
            country = Country(code, country_name, state)
            self.add(
                "place",
                (
                    f"{slug}-country",
                    country_name,
                    "country",
                    code,
                    latitude,
                    longitude,
                    folded_names(country_name),
                ),
            )
            country.places.append((f"{slug}-country", country_name))
            for body in ("Ministry of Foreign Affairs", "Ministry of Defence", "Armed Forces"):
                body_slug = f"{slug}-{body.lower().replace(' ', '-')}"
                country.bodies.append(
                    self.actor(
                        "government_body", f"{body} of {country_name}", body_slug, None, code
                    )
                )
            for index in range(per_country):
                first, _ = self.name(2)
                last, last_slug = self.name(3)
                role = ["President", "Foreign Minister", "Defence Minister", "Spokesperson"][
                    index % 4
                ]
                title = f"{role} of {country_name}"
                person = self.actor("person", f"{first} {last}", last_slug, title, code)
                country.people.append(person)
            for _ in range(per_country * 2):
                shown, place_slug = self.name(rand.choice((2, 3)))
                kind = "city" if rand.random() < 0.8 else rand.choice(("region", "site"))
                self.add(
                    "place",
                    (
                        place_slug,
                        shown,
                        kind,
                        code,
                        round(latitude + rand.uniform(-2, 2), 5),
                        round(longitude + rand.uniform(-2, 2), 5),
                        folded_names(shown),
                    ),
                )
                country.places.append((place_slug, shown))
            for _ in range(2):
                shown, group_slug = self.name(2)
                country.bodies.append(
                    self.actor(
                        "armed_group", f"{shown} Brigade", f"{group_slug}-brigade", None, code
                    )
                )
            country.actors = [*country.people, *country.bodies, country.state]
            country.claimants = [*country.people, country.state]
            self.countries.append(country)
        for org_name in ORGANIZATIONS:
            org_slug = org_name.lower().replace(" ", "-")
            self.organizations.append(self.actor("organization", org_name, org_slug, None, None))
        for country in self.countries:
            country.speakers = [*country.people, *self.organizations[:2]]
        for publisher, _ in PUBLISHERS:
            media_slug = publisher.lower().replace(" ", "-")
            self.media.append(self.actor("media", publisher, media_slug, None, None))

    def run(self, flush: Callable[[str, list[tuple[Any, ...]]], None]) -> dict[str, int]:
        """Draw every record, handing full batches to `flush(table, rows)`; return the counts."""
        self.world()
        made = 0
        article = 0
        while made < self.events:
            count = min(self.random.randint(1, 8), self.events - made)
            self.article(article, made, count)
            made += count
            article += 1
            if any(len(rows) >= BATCH for rows in self.rows.values()):
                self.flush_all(flush)
        self.flush_all(flush)
        return self.counts

    def flush_all(self, flush: Callable[[str, list[tuple[Any, ...]]], None]) -> None:
        for table, rows in self.rows.items():
            if rows:
                flush(table, rows)
                self.rows[table] = []

    def article(self, number: int, first_event: int, count: int) -> None:
        """Add one source whose text reports `count` events, with their facts and citations."""
        rand = self.random
        span = (LAST_DAY - FIRST_DAY).days
        # Later years are busier: the day is drawn with a density growing over the 30 years.
        published = FIRST_DAY + timedelta(days=int(span * rand.random() ** 0.6))
        publisher, kind = PUBLISHERS[rand.randrange(len(PUBLISHERS))]
        publisher_actor = self.media[PUBLISHERS.index((publisher, kind))]
        country = rand.choices(self.countries, cum_weights=COUNTRY_WEIGHTS)[0]
        source_id = f"{publisher_actor.id}-{published.isoformat()}-{number:x}"
        title = f"{country.name}: report of {published.isoformat()} (synthetic)"
        pieces = [f"{title}\n\n{publisher}, {_when(published, 'day')}.\n\n"]
        length = len(pieces[0])
        citations: list[tuple[str | None, str | None, str | None, int, int, int, list[str]]] = []
        relayed: str | None = None
        if kind == "news_article" and rand.random() < 0.3:
            relayed = f"{source_id}-wire"
            self.add(
                "source",
                (
                    relayed,
                    f"Wire report relayed by {publisher}",
                    "Synthetic Wire Service",
                    "wire_report",
                    published.isoformat(),
                    None,
                    None,
                    None,
                    None,
                ),
            )

        def write(text: str) -> tuple[int, int]:
            nonlocal length
            start = length
            pieces.append(text)
            length += len(text)
            return start, length

        def cite(
            fact: tuple[str | None, str | None, str | None],
            text: str,
            position: int,
            before: str = "",
            after: str = ". ",
        ) -> None:
            write(before)
            start, end = write(text)
            write(after)
            via = [relayed] if relayed and rand.random() < 0.5 else []
            citations.append((*fact, position, start, end, via))

        for offset in range(count):
            self.event(first_event + offset, country, published, cite)
            write("\n\n")
            if rand.random() < 0.1:  # news is often about one country, sometimes another
                country = rand.choices(self.countries, cum_weights=COUNTRY_WEIGHTS)[0]
        text = "".join(pieces)
        url = f"https://news.example/{source_id}" if rand.random() < 0.7 else None
        self.add(
            "source",
            (
                source_id,
                title,
                publisher,
                kind,
                published.isoformat(),
                url,
                "en",
                hashlib.sha256(text.encode()).hexdigest(),
                len(text),
            ),
        )
        self.add("source_text", (source_id, text))
        if relayed:
            self.add("source_cite", (source_id, relayed))
        for event_id, figure_id, statement_id, position, start, end, via in citations:
            self.citation_id += 1
            self.add(
                "citation",
                (
                    self.citation_id,
                    event_id,
                    figure_id,
                    statement_id,
                    position,
                    source_id,
                    text[start:end],
                    text[max(0, start - CONTEXT) : start],
                    text[end : end + CONTEXT],
                    start,
                    end,
                    json.dumps(via),
                ),
            )

    def event(
        self, number: int, country: Country, published: date, cite: Callable[..., None]
    ) -> None:
        """Add event `number`, reported on `published`, and its actors, figures and statements."""
        rand = self.random
        pick = self.pick
        kind, _, title_form, sentence_form = rand.choices(EVENT_TYPES, cum_weights=EVENT_WEIGHTS)[0]
        place_id, place_name = pick(country.places)
        others = [c for c in rand.sample(self.countries, 3) if c is not country][:1]
        a = pick(country.actors)
        b = (
            others[0].state
            if kind in ("accusation", "armed_conflict")
            else self.pick([others[0].state, *country.bodies])
        )
        if kind == "mediation":
            a = self.pick(self.organizations)
        if b is a:
            b = others[0].state
        status, start, end, precision, note = self.dates(published)
        event_id = (
            f"{kind.replace('_', '-')}-{place_id}-{start.year if start else 'undated'}-{number:x}"
        )
        names = {"a": a.name, "b": b.name, "p": place_name}
        title = title_form.format(**names)
        sentence = sentence_form.format(**names, d=_when(start, precision))
        summary = sentence[0].upper() + sentence[1:] + "."
        parent = None
        if kind == "armed_conflict":
            country.conflict = event_id
        elif kind in ("attack", "military_operation") and country.conflict and rand.random() < 0.5:
            parent = country.conflict
        self.add(
            "event",
            (
                event_id,
                title,
                summary,
                kind,
                start and start.isoformat(),
                end and end.isoformat(),
                precision,
                note,
                status,
                parent,
                place_id,
            ),
        )
        roles = ROLES.get(kind, ["participant", "participant"])
        for position, (actor, role) in enumerate(zip([a, b], roles, strict=False)):
            if kind in ("attack", "protest") and position:
                break
            self.add("event_actor", (event_id, actor.id, role, position))
        cite((event_id, None, None), sentence[0].upper() + sentence[1:], 0)
        if rand.random() < 0.2:
            cite((event_id, None, None), f"The report names {place_name} as the location", 1)
        for index in range(self.pick((0, 1, 1, 1, 2, 3))):
            self.figure(f"{event_id}-figure-{index}", event_id, country, cite)
        for index in range(self.pick((0, 0, 1, 1, 2))):
            self.statement(f"{event_id}-statement-{index}", event_id, country, start, cite)

    def dates(
        self, published: date
    ) -> tuple[str, date | None, date | None, str | None, str | None]:
        """Return (status, start, end, precision, date note) of an event reported on `published`."""
        rand = self.random
        roll = rand.random()
        if roll < 0.01:
            return "occurred", None, None, None, None
        status = "occurred" if roll < 0.86 else "ongoing" if roll < 0.95 else "scheduled"
        if status == "scheduled":
            start = published + timedelta(days=rand.randint(1, 60))
        else:
            start = published - timedelta(days=int(rand.expovariate(1 / 20)))
        precision = "day" if rand.random() < 0.8 else "month" if rand.random() < 0.75 else "year"
        note = None
        if precision == "month":
            start = start.replace(day=1)
            end = start.replace(day=calendar.monthrange(start.year, start.month)[1])
            note = "The source gives the month only."
        elif precision == "year":
            start, end = date(start.year, 1, 1), date(start.year, 12, 31)
            note = "The source gives the year only."
        else:
            end = start + timedelta(days=self.pick((0, 0, 0, 0, 1, 2, 7, 30)))
        return status, start, None if status == "ongoing" else end, precision, note

    def figure(
        self, figure_id: str, event_id: str, country: Country, cite: Callable[..., None]
    ) -> None:
        rand = self.random
        metric, unit, low, high, clause = self.pick(METRICS)
        qualifier, words = self.pick(QUALIFIERS)
        value: float = int(low * (high / low) ** rand.random())
        if qualifier != "exact" and value >= 100:
            digits = len(str(int(value))) - 2
            value = round(value, -digits)
        if metric == "duration" and rand.random() < 0.2:
            value += 0.5
        claimant = self.pick(country.claimants) if rand.random() < 0.6 else None
        scope = self.pick(SCOPES)
        number = f"{value:,.1f}" if value % 1 else f"{int(value):,}"
        space = "\u00a0" if rand.random() < 0.2 else " "
        said = f"{claimant.name} said that " if claimant else "According to the report, "
        tail = f" ({scope})" if scope else ""
        self.add(
            "figure",
            (figure_id, metric, value, unit, qualifier, scope, event_id, claimant and claimant.id),
        )
        cite((None, figure_id, None), f"{words}{number}{space}{clause}{tail}", 0, before=said)

    def statement(
        self,
        statement_id: str,
        event_id: str,
        country: Country,
        start: date | None,
        cite: Callable[..., None],
    ) -> None:
        rand = self.random
        speaker = self.pick(country.speakers)
        reporter = self.pick(self.media) if rand.random() < 0.5 else None
        said_on = start.isoformat() if start and rand.random() < 0.7 else None
        if rand.random() < 0.5:
            words = self.pick(QUOTES)
            self.add(
                "statement",
                (
                    statement_id,
                    speaker.id,
                    "direct_quote",
                    words,
                    said_on,
                    event_id,
                    reporter and reporter.id,
                ),
            )
            cite(
                (None, None, statement_id),
                f"{speaker.name} said: \u201c{words}\u201d",
                0,
                after=" ",
            )
        else:
            words = self.pick(PARAPHRASES)
            text = f"{speaker.name} {words}."
            self.add(
                "statement",
                (
                    statement_id,
                    speaker.id,
                    "paraphrase",
                    text,
                    said_on,
                    event_id,
                    reporter and reporter.id,
                ),
            )
            cite((None, None, statement_id), f"{speaker.name} {words}", 0)


def _sqlite_indexes(cursor: Any) -> list[tuple[str, str]]:
    rows = cursor.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
    ).fetchall()
    return [(name, sql) for name, sql in rows]


def _postgres_indexes(cursor: Any) -> list[tuple[str, str]]:
    # Only plain indexes: those backing a primary key or unique constraint stay.
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
        " AND indexname NOT IN (SELECT conname FROM pg_constraint)"
    )
    return [(name, sql) for name, sql in cursor.fetchall()]


def load(write: Write, events: int, seed: int, *, by: str) -> dict[str, int]:
    """Fill the empty, migrated database of `write` with `events` synthetic events and their
    facts, each with its first revision (by `by`) and its renderings; return the number of
    rows written per table.

    Raises SynthError when the database already holds events or sources. All of it is
    written in the transaction of `write`, which the caller commits.
    """
    connection = write.session.connection()
    sqlite = connection.dialect.name == "sqlite"
    cursor: Any = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    cursor.execute("SELECT (SELECT count(*) FROM event) + (SELECT count(*) FROM source)")
    if cursor.fetchone()[0]:
        raise SynthError("The database already holds data: synth fills an empty one.")
    if sqlite:
        # References are checked once, at the commit, rather than row by row; a bigger page
        # cache speeds up rebuilding the indexes.
        cursor.execute("PRAGMA defer_foreign_keys = ON")
        cursor.execute("PRAGMA cache_size = -262144")  # 256 MiB
        indexes = _sqlite_indexes(cursor)
    else:
        indexes = _postgres_indexes(cursor)
    for name, _ in indexes:
        cursor.execute(f'DROP INDEX "{name}"')

    def flush(table: str, rows: list[tuple[Any, ...]]) -> None:
        names = ", ".join(f'"{column}"' for column in COLUMNS[table])
        if sqlite:
            marks = ", ".join("?" * len(COLUMNS[table]))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608
            return
        with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    counts = Generator(events, seed).run(flush)
    for _, sql in indexes:
        cursor.execute(sql)
    if not sqlite:
        # Citation ids were given explicitly: move the sequence past them.
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('citation', 'id'),"
            " (SELECT coalesce(max(id), 0) + 1 FROM citation), false)"
        )
        cursor.execute("ANALYZE")
    counts["rendered"] = rendering.render_all(connection)
    counts["revision"] = changes.record_inserts(connection, by=by, reason="synth")
    if sqlite:
        cursor.execute("PRAGMA cache_size = -512")  # back to the engine's (app.db)
    return counts
