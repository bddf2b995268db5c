"""Date expressions, resolved with dateparser against the publication date."""

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from dateparser.date import DateDataParser

from app.draft.text import containing, sentences
from app.models import DatePrecision

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:19|20)\d\d"
_RANGE = re.compile(
    rf"(?:from\s+)?(?P<first>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:to|until|-|–)\s*"
    rf"(?P<last>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<rest>{_MONTH}(?:,?\s+\d{{4}})?)"
)
"""A span of days in one month: "from 1 to 4 May 2023", "1-4 May"."""
_DATE = re.compile(
    rf"(?<!\w)(?:{_RANGE.pattern}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+\d{{4}})?"
    rf"|{_MONTH}(?:\s+\d{{4}})?(?:\s+or\s+{_MONTH}(?:\s+\d{{4}})?)?"
    rf"|(?:(?:[Ll]ast|[Nn]ext|[Tt]his)\s+)?{_WEEKDAY}"
    r"|(?:yesterday|today|tomorrow|overnight|tonight|last night)"
    r"|[Tt]his\s+(?:morning|afternoon|evening)"
    r"|(?<=the\s)(?:past|last)\s+(?:day|24\s+hours|twenty-four\s+hours)"
    r"|(?<![\w,]\s)(?:Yesterday|Today|Tomorrow|Overnight)"  # opening a sentence, not "Syunik Today"
    r"|(?:[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast)\s+(?:week|month|year)"
    r"|\d{1,2}\.\d{1,2}\.\d{4}"
    rf"|(?<=in\s){_YEAR}|(?<=since\s){_YEAR}|(?<=by\s){_YEAR}|(?<=until\s){_YEAR}"
    rf"|(?<=of\s){_YEAR}|(?<=the\s){_YEAR}(?=\s)"
    r"|(?:\d+|[Aa]|[Oo]ne|two|three|four|five|six|seven|eight|nine|ten)\s+(?:day|week|month)s?"
    r"\s+(?:earlier|before|later|ago)(?!\s+(?:the|a|an|his|her|its|their)\b))(?!\w)",
)
"""A date: absolute ("July 16, 2022", "16 July 2022", "November 2020", "in 2020") or relative
to the publication ("on Saturday", "in April", "last month", "next week", "overnight", "this
afternoon", "over the past day")."""

FUTURE = re.compile(
    r"(?i)\b(?:will|would|scheduled|(?<!a )(?<!the )planned|next|upcoming|due to|expected to"
    r"|are to)\b"
)


_BOUNDARY = re.compile(r"[,;:()]|\s(?:after|when|while|because|that|since|before|until|but)\s")
_PAST = re.compile(
    r"(?i)\b(?:\w+ed|was|were|had|hit|met|took|began|came|fell|held|left|saw|went|struck|shot"
    r"|fought|broke|said|told|gave|lost|made|ran|sent|won)\b"
)


def is_future(text: str, sentence: tuple[int, int], start: int, end: int) -> bool:
    """Return whether the words at `start`-`end` are in the future tense: as the clause around
    them says ("after shots hit the building on Sunday night" is past in a sentence that says
    the school "will stay closed"), else as their sentence does."""
    before = [m.end() for m in _BOUNDARY.finditer(text, sentence[0], start)]
    after = _BOUNDARY.search(text, end, sentence[1])
    clause = text[before[-1] if before else sentence[0] : after.start() if after else sentence[1]]
    if FUTURE.search(clause):
        return True
    if _PAST.search(clause):
        return False
    return bool(FUTURE.search(text[sentence[0] : sentence[1]]))


@dataclass(frozen=True)
class DateCandidate:
    """A date expression in the text, resolved to the span of days it names."""

    start: int
    end: int
    text: str
    start_date: date
    end_date: date
    precision: DatePrecision
    relative: bool
    since: bool
    shift: int | None = None
    """For "two weeks earlier": the days from the event told before it (resolved by
    `anchor`); None for a date read against the publication."""


_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_COUNTS |= {"eight": 8, "nine": 9, "ten": 10}
_INTERVAL = re.compile(r"(?i)^(\w+)\s+(day|week|month)s?\s+(earlier|before|later|ago)$")


def _interval(expression: str) -> tuple[int, bool] | None:
    """Return (days, from the publication) of "two weeks earlier" or "three days ago"."""
    match = _INTERVAL.match(expression)
    if match is None:
        return None
    word = match.group(1).lower()
    count = int(word) if word.isdigit() else _COUNTS.get(word, 0)
    days = count * {"day": 1, "week": 7, "month": 30}[match.group(2).lower()]
    sign = 1 if match.group(3).lower() == "later" else -1
    return sign * days, match.group(3).lower() == "ago"


def anchor(candidate: DateCandidate, day: date) -> DateCandidate:
    """Return `candidate` ("two weeks earlier") resolved against the day of the event told
    before it."""
    shifted = day + timedelta(days=candidate.shift or 0)
    return replace(candidate, start_date=shifted, end_date=shifted)


def _month_end(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def _resolve(expression: str, base: datetime, prefer: str) -> tuple[date, date, str] | None:
    """Return (first day, last day, precision) of `expression` as dateparser reads it."""
    if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", expression):
        day_, month, year = (int(part) for part in expression.split("."))
        try:
            day = date(year, month, day_)
        except ValueError:
            return None
        return day, day, "day"
    parser = DateDataParser(
        languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer}
    )
    data = parser.get_date_data(expression)
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    if data.period == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31), "year"
    if data.period == "month":
        return day.replace(day=1), _month_end(day), "month"
    if data.period == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6), "day"
    return day, day, "day"


def _tensed(expression: str, base: datetime, future: bool) -> tuple[date, date, str] | None:
    """Return `expression` resolved in the publication's own week or year, moved into the
    future or the past when that reading contradicts the tense of its sentence."""
    lowered = re.sub(r"\s+", " ", expression.lower())
    if lowered in ("overnight", "last night") or re.fullmatch(
        r"(?:past|last) (?:day|24 hours|twenty-four hours)", lowered
    ):
        # The night before the report, or "over the past day" (24 hours): from the day
        # before to the report's.
        day = base.date()
        return day - timedelta(days=1), day, "day"
    if lowered in ("past week", "past month"):
        # "in the past week": the seven days up to the report, not the calendar week before.
        day = base.date()
        return day - timedelta(days=7 if lowered == "past week" else 30), day, "day"
    if lowered in ("tonight", "this morning", "this afternoon", "this evening"):
        return base.date(), base.date(), "day"
    resolved = _resolve(expression, base, "current_period")
    if resolved and future and resolved[1] < base.date():
        return _resolve(expression, base, "future")
    if resolved and not future and resolved[0] > base.date():
        return _resolve(expression, base, "past")
    return resolved


def find_dates(text: str, published_on: date | None) -> list[DateCandidate]:
    """Return the date expressions in `text`, resolved with dateparser against `published_on`.

    A weekday or month without a year is read in the publication's week or year ("on
    Saturday" in a Saturday's article is that day), unless that puts it in the future of a
    sentence in the past tense or the other way round. "Overnight" is the night before the
    publication. Expressions that need a publication date are left out when there is none;
    "July or August" is one span covering both months.
    """
    spans = sentences(text)
    found = []
    for match in _DATE.finditer(text):
        expression = match.group()
        relative = not re.search(r"\d{4}", expression)
        if relative and published_on is None:
            continue
        if expression == "May" and not re.search(
            r"\b(?:in|of|since|until|by|early|late|mid)\s+$", text[: match.start()]
        ):
            continue  # the verb, not the month
        base = datetime.combine(published_on or date(2000, 1, 1), datetime.min.time())
        interval = _interval(expression)
        if interval is not None:
            # "three days ago" counts from the publication; "two weeks earlier" from the
            # event told before it (see `anchor`), the publication until then.
            day = base.date() + timedelta(days=interval[0])
            found.append(
                DateCandidate(
                    start=match.start(),
                    end=match.end(),
                    text=expression,
                    start_date=day,
                    end_date=day,
                    precision=DatePrecision.day,
                    relative=True,
                    since=False,
                    shift=None if interval[1] else interval[0],
                )
            )
            continue
        future = is_future(text, containing(spans, match.start()), match.start(), match.end())
        span_of_days = _RANGE.fullmatch(expression)
        pieces = (
            [
                f"{span_of_days['first']} {span_of_days['rest']}",
                f"{span_of_days['last']} {span_of_days['rest']}",
            ]
            if span_of_days
            else re.split(r"\s+or\s+", expression)
        )
        parts = [_tensed(part, base, future) for part in pieces]
        if not parts or any(part is None for part in parts):
            continue
        resolved = [part for part in parts if part is not None]
        before = text[max(0, match.start() - 7) : match.start()].lower()
        # "Since the outbreak of fighting on 15 April": open-ended from that day.
        outbreak = re.search(
            r"(?i)\bsince\s+(?:the\s+(?:outbreak|start|beginning|launch)\s+of\s+[^,.;]{1,40}?"
            r"|[^,.;]{1,80}?\s+(?:began|started|resumed|broke out|erupted|laid siege)\b"
            r"[^,.;]{0,60}?)(?:\s+on|\s+in)?\s+$",
            text[max(0, match.start() - 160) : match.start()],
        ) or re.match(r"\s+and\s+(?:has|have)\s+since\b", text[match.end() : match.end() + 30])
        # "since fighting resumed near Kitshanga on Tuesday", "since gunfire resumed last
        # Friday", "since the RSF laid siege to the city in May", "began on 15 April and has
        # since killed": open-ended from that day (or month). "The worst since September
        # 2022" compares with a time that is over.
        compared = re.search(
            r"(?i)\b(?:worst|first|deadliest|heaviest|largest|biggest|highest|lowest|best"
            r"|most\s+\w+)\s+since\s+$",
            text[max(0, match.start() - 40) : match.start()],
        )
        found.append(
            DateCandidate(
                start=match.start(),
                end=match.end(),
                text=expression,
                start_date=resolved[0][0],
                end_date=resolved[-1][1],
                precision=DatePrecision(resolved[0][2]),
                relative=relative,
                since=(before.rstrip().endswith("since") or outbreak is not None) and not compared,
            )
        )
    return found


def stated_date(text: str, spans: list[tuple[int, int]]) -> date | None:
    """Return the first full date (with its year) written inside `spans` (the boilerplate:
    "Published 1 September 2022", "Baku, 14 September 2022"), or None."""
    for start, end in spans:
        for candidate in find_dates(text[start:end], None):
            if candidate.precision is DatePrecision.day:
                return candidate.start_date
    return None
