"""How much of a curated bundle a draft proposes: precision and recall, kind by kind.

    python -m tests.evaluate_draft DRAFT.yaml [CURATED.yaml]

compares a draft of the seed article (by default with the curated seed). A drafted figure is
right when a curated one has its value, qualifier and metric; a drafted statement when a curated one
has its speaker and a citation overlapping one of its own; a drafted event when a curated one
has its dates and precision and an overlapping citation. Each curated record is matched once.
"""

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.bundles import Bundle, read_bundle
from app.models import CitationCreate
from app.quotes import locate

SEED = Path(__file__).resolve().parent.parent / "seed" / "000_085de9c4592446ff.yaml"


@dataclass(frozen=True)
class Score:
    drafted: int
    curated: int
    matched: int

    @property
    def precision(self) -> float:
        return self.matched / self.drafted if self.drafted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.curated if self.curated else 0.0


def _texts(bundle: Bundle) -> dict[str, str]:
    return {source.id: source.text for source in bundle.sources if source.text is not None}


def _spans(texts: dict[str, str], citations: list[CitationCreate]) -> list[tuple[int, int]]:
    """Return where the citations are in the one article text both bundles quote."""
    text = next(iter(texts.values()))
    return [
        (span.start, span.end)
        for citation in citations
        for span in [locate(text, citation.quote, citation.prefix)]
    ]


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _match(
    drafted: Sequence[Any], curated: Sequence[Any], same: Callable[[Any, Any], bool]
) -> Score:
    """Return the score of a greedy one-to-one matching of `drafted` to `curated`."""
    free = list(curated)
    matched = 0
    for record in drafted:
        partner = next((c for c in free if same(record, c)), None)
        if partner is not None:
            free.remove(partner)
            matched += 1
    return Score(len(drafted), len(curated), matched)


def evaluate(drafted: Bundle, curated: Bundle) -> dict[str, Score]:
    """Return the score of `drafted` against `curated`, by kind of fact."""
    d_texts, c_texts = _texts(drafted), _texts(curated)
    assert list(d_texts.values()) == list(c_texts.values())[:1], "not a draft of that article"

    def d_spans(citations: list[CitationCreate]) -> list[tuple[int, int]]:
        return _spans(d_texts, citations)

    def c_spans(citations: list[CitationCreate]) -> list[tuple[int, int]]:
        return _spans(c_texts, citations)

    return {
        "figures": _match(
            drafted.figures,
            curated.figures,
            lambda d, c: (d.value, d.qualifier, d.metric) == (c.value, c.qualifier, c.metric),
        ),
        "statements": _match(
            drafted.statements,
            curated.statements,
            lambda d, c: (
                d.speaker == c.speaker
                and _overlap(d_spans(d.citations[:1]), c_spans(c.citations[:1]))
            ),
        ),
        "events": _match(
            drafted.events,
            curated.events,
            lambda d, c: (
                (d.start_date, d.end_date, d.date_precision)
                == (c.start_date, c.end_date, c.date_precision)
                and _overlap(d_spans(d.citations), c_spans(c.citations))
            ),
        ),
    }


def table(scores: dict[str, Score]) -> str:
    """Return the scores as a Markdown table."""
    lines = [
        "| kind | drafted | curated | matched | precision | recall |",
        "|---|---|---|---|---|---|",
    ]
    for kind, s in scores.items():
        lines.append(
            f"| {kind} | {s.drafted} | {s.curated} | {s.matched} "
            f"| {s.precision:.2f} | {s.recall:.2f} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    curated_path = Path(sys.argv[2]) if len(sys.argv) > 2 else SEED
    print(table(evaluate(read_bundle(Path(sys.argv[1])), read_bundle(curated_path))))
