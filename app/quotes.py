"""Finding a curated quote in a source text, tolerant of typography, exact in its offsets.

Curators type straight quotes and plain spaces; sources print curly quotes, no-break spaces
and line breaks. Both sides are folded to a plain form for matching, while every folded
character remembers its position in the original, so the offsets returned always slice the
original text: `text[start:end]` is what the source really prints.
"""

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

CONTEXT = 32
"""Code points of `prefix`/`suffix` context kept around a quote (W3C TextQuoteSelector)."""

_PLAIN = str.maketrans(
    {
        "\u2018": "'",  # ‘
        "\u2019": "'",  # ’
        "\u201a": "'",  # ‚
        "\u201b": "'",  # ‛
        "\u2032": "'",  # ′
        "\u201c": '"',  # “
        "\u201d": '"',  # ”
        "\u201e": '"',  # „
        "\u201f": '"',  # ‟
        "\u2033": '"',  # ″
        "\u2010": "-",  # ‐ hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # – en dash
        "\u2014": "-",  # — em dash
        "\u2212": "-",  # − minus
        "\u00ad": "",  # soft hyphen: invisible, so it must not break a match
    }
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


class QuoteError(ValueError):
    """The quote is not in the text, or is there more than once."""


# A bundle locates every quote of its facts in the same source text: fold that text once.
@lru_cache(maxsize=16)
def fold(text: str) -> tuple[str, tuple[int, ...]]:
    """Return `text` in plain typography with runs of white space made one space, and the
    position in `text` of every character of the result."""
    chars: list[str] = []
    positions: list[int] = []
    for position, char in enumerate(text):
        plain = char.translate(_PLAIN)
        if not plain:
            continue
        if plain.isspace():
            if chars and chars[-1] == " ":
                continue
            plain = " "
        chars.append(plain)
        positions.append(position)
    return "".join(chars), tuple(positions)


def normalize(text: str) -> str:
    """Return `text` folded to plain typography and single spaces, trimmed."""
    return fold(text)[0].strip()


def locate(text: str, quote: str, prefix: str | None = None) -> Span:
    """Return the one span of `text` that `quote` matches (preceded by `prefix`, if given).

    Raises QuoteError when the quote does not occur, or occurs more than once.
    """
    folded, positions = fold(text)
    needle = normalize(quote)
    if not needle:
        raise QuoteError("the quote is empty")
    starts = []
    index = folded.find(needle)
    while index != -1:
        starts.append(index)
        index = folded.find(needle, index + 1)
    if prefix is not None:
        before = normalize(prefix)
        starts = [i for i in starts if folded[:i].rstrip().endswith(before)]
    if not starts:
        where = " after the given prefix" if prefix is not None else ""
        near = closest(text, quote)
        hint = f"; the closest passage is {near!r}" if near else ""
        raise QuoteError(f"quote not found in the source text{where}: {quote!r}{hint}")
    if len(starts) > 1:
        raise QuoteError(
            f"quote occurs {len(starts)} times in the source text; "
            f"add a `prefix` to choose one: {quote!r}"
        )
    start = positions[starts[0]]
    end = positions[starts[0] + len(needle) - 1] + 1
    return Span(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
    )


MAX_WINDOWS = 20_000
"""The most passages compared with a quote not found: a bounded cost for any text."""


def closest(text: str, quote: str) -> str | None:
    """Return the passage of `text`, as many words long as `quote`, most like it (difflib's
    ratio, at least 0.6), or None when none is."""
    words = list(re.finditer(r"\S+", text))
    size = max(1, len(quote.split()))
    wanted = normalize(quote).casefold()
    best, best_ratio = None, 0.6
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(wanted)
    for first in range(min(len(words) - size + 1, MAX_WINDOWS)):
        start, end = words[first].start(), words[first + size - 1].end()
        matcher.set_seq1(normalize(text[start:end]).casefold())
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best, best_ratio = text[start:end], ratio
    return best
