"""What every rule reads first: sentences, paragraphs, quotes, the headline and the dateline."""

import re
from dataclasses import dataclass

import pysbd

Span = tuple[int, int]

_SEGMENTER = pysbd.Segmenter(language="en", clean=False, char_span=True)

QUOTE = re.compile(r"“(?P<curly>[^”\n]+)”|\"(?P<straight>[^\"\n]+)\"")
"""Words between quotation marks, curly or straight, on one line."""

# A dialogue dash opens and closes a quote in much of the region's press:
# "— We spent two nights in the basement, — said Anahit Petrosyan".
DASH_QUOTE = re.compile(r"(?m)^[—–-]\s+(?P<dash>[^—–\n]+?),?\s+[—–-]\s+")


def words(text: str) -> frozenset[str]:
    """Return the set of words of `text`: word lists read best written as words."""
    return frozenset(text.split())


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def paragraphs(text: str) -> list[Span]:
    """Return the (start, end) of every paragraph: runs of lines between blank lines."""
    spans = []
    for match in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", text):
        span = _trimmed(text, match.start(), match.end())
        if span:
            spans.append(span)
    return spans


def sentences(text: str) -> list[Span]:
    """Return the (start, end) of every sentence of `text`, trimmed of white space; no
    sentence runs across a blank line."""
    spans = []
    for first, last in paragraphs(text):
        # A speaker's label in a transcript ("CORRESPONDENT: The four men …") is no part of
        # the first sentence of their turn.
        label = _TURN.match(text, first, last)
        if label:
            first = label.end()
        for part in _SEGMENTER.segment(text[first:last]):
            span = _trimmed(text, first + part.start, first + part.end)
            if span:
                spans.append(span)
    return spans


_TURN = re.compile(r"[A-Z][A-Z ]{2,}:\s+(?=\S[^\n]{40,})")
"""A speaker's label opening a paragraph of a transcript: "PRESENTER: Good evening. …"."""


def containing(spans: list[Span], position: int) -> Span:
    """Return the span holding `position` (or the nearest one before it)."""
    found = spans[0] if spans else (0, 0)
    for span in spans:
        if span[0] <= position:
            found = span
    return found


def masked(text: str) -> str:
    """Return `text` with the words inside quotation marks blanked (the marks kept), so that
    rules looking for who speaks or what is named do not read what is quoted."""
    blank = QUOTE.sub(lambda m: m.group()[0] + " " * (len(m.group()) - 2) + m.group()[-1], text)
    return DASH_QUOTE.sub(
        lambda m: (
            blank[m.start() : m.start("dash")]
            + " " * (m.end("dash") - m.start("dash"))
            + blank[m.end("dash") : m.end()]
        ),
        blank,
    )


def quoted_spans(text: str) -> list[Span]:
    """Return where every quotation (marks included) is."""
    spans = [(m.start(), m.end()) for m in QUOTE.finditer(text)]
    spans += [(m.start("dash"), m.end("dash")) for m in DASH_QUOTE.finditer(text)]
    return sorted(spans)


_DATED_LINE = re.compile(
    r"\b\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)\s+(?:19|20)\d\d\b"
)


def headline(text: str) -> str:
    """Return the article's title: its first line of five to 25 words that does not end
    like a sentence (menus are shorter, paragraphs end with a full stop)."""
    for line in text.splitlines():
        if _DATED_LINE.search(line) and len(line.split()) <= 8:
            continue  # "Syunik Today | 22 February 2024": the outlet and the date
        if 5 <= len(line.split()) <= 25 and not line.rstrip().endswith((".", ":")):
            return line.strip()
    return text.strip().split("\n")[0][:100] or "Untitled"


@dataclass(frozen=True)
class Boilerplate:
    """The lines around the story itself: a label ("FICTIONAL TEST DATA: …"), the headline, a
    dateline or "Published …" line. Names and dates in them are the report's, not the story's."""

    headline: Span | None
    lines: tuple[Span, ...]
    dateline: Span | None
    """The lead's "YEREVAN, Sept 13 (Agency) -", which dates and places the report."""

    def holds(self, position: int) -> bool:
        return any(s <= position < e for s, e in self.lines) or (
            self.dateline is not None and self.dateline[0] <= position < self.dateline[1]
        )


_LABEL = re.compile(r"^[A-Z][A-Z ]{2,}:")  # "BREAKING:", "UPDATE:"
_STAMP = re.compile(
    r"(?i)^(?:(?:published|updated|posted(?: on)?|last updated|date)\b|no[.:]?\s*\S+,)"
    r"|\d{1,2}[./]\d{1,2}[./]\d{2,4}"
)
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.\- /]+[A-Z])"
    # The country or region after the city: "YEREVAN, Armenia (AP) --".
    r"(?:,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?=\s*[,(]|\s*(?:--|[-–—])\s))?"
    # "Aug 4", "Sept. 9", "20 July", with or without the year.
    r"(?:,\s*(?P<date>(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+)(?:,?\s+\d{4})?))?"
    r"\s*(?:\([^)\n]{2,40}\))?\s*(?:--|[-–—])\s+"
)

_AGENCY_DATELINE = re.compile(
    r"^(?P<place>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})(?:,\s*[A-Z][\w'’. -]{1,30})?"
    r"(?:\s*\([^)\n]{2,40}\))?\s*\((?:AFP|AP|Reuters|dpa|Xinhua|TASS|Anadolu|UPI|ANI|IANS)\)"
    r"\s*[-–—:]?\s+"
)
"""A dateline in mixed case with the agency in brackets: "Gaza City (Palestinian Territories)
(AFP) – …", "YEREVAN, Armenia (AP) — …"."""


def boilerplate(text: str) -> Boilerplate:
    """Return the article's boilerplate: lines before the story that are labels, its headline,
    or short lines with a date ("Published 1 September 2022", "Baku, 14 September 2022"), and
    the dateline opening its first paragraph."""
    title = headline(text)
    title_start = text.find(title)
    lines: list[Span] = []
    dateline = None
    for first, last in paragraphs(text):
        line = text[first:last]
        short = len(line.split()) <= 12 and "\n" not in line
        headline_line = first == title_start and not line.rstrip().endswith(".")
        # A label opens a short line ("BREAKING: …") or one above the headline; a paragraph
        # of the story it opens is a speaker's turn in a transcript ("PRESENTER: Good evening.").
        label = _LABEL.match(line) and (short or first < title_start)
        if headline_line or label or (short and _STAMP.search(line)):
            lines.append((first, last))
            continue
        if short and not line.endswith(".") and re.search(r"\b(?:19|20)\d\d\b", line):
            lines.append((first, last))  # "Baku, 14 September 2022", "16.09.2022"
            continue
        if short and first < title_start:
            lines.append((first, last))  # menus above the headline
            continue
        if first > title_start:
            match = _DATELINE.match(line) or _AGENCY_DATELINE.match(line)
            if match:
                dateline = (first, first + match.end())
            break
    in_lines = any(s <= title_start < e for s, e in lines)
    headline_span = (title_start, title_start + len(title)) if in_lines else None
    return Boilerplate(headline_span, tuple(lines), dateline)
