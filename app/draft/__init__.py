"""Drafting a bundle from raw article text: candidate figures, quotes, dates and mentions.

Everything here is rule-based and offline. Libraries do what they are made for: pysbd finds
sentence boundaries, text2num reads number words, dateparser resolves dates (relative ones
against the publication date). Written by hand are only the rules no library has: the hedges
in front of figures, the noun a figure counts, and who a quote is attributed to.

Every candidate keeps its exact offsets in the text. The draft is rendered as a bundle in the
seed format, with the reasoning in YAML comments, for a curator to edit and load.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import pysbd
import yaml
from dateparser.date import DateDataParser
from sqlmodel import Session, col, select
from text_to_num import text2num

from app.models import (
    Actor,
    DatePrecision,
    Event,
    EventType,
    Figure,
    Place,
    Qualifier,
    Source,
    Statement,
)
from app.quotes import QuoteError, locate

# --- shared bits --------------------------------------------------------------------------


@dataclass(frozen=True)
class KnownName:
    """An actor or place the database already holds, with every name a text may use for it."""

    id: str
    names: tuple[str, ...]
    kind: str
    country: str | None = None


@dataclass(frozen=True)
class Known:
    """What the database already holds: actors and places to recognise, ids already taken."""

    actors: tuple[KnownName, ...] = ()
    places: tuple[KnownName, ...] = ()
    taken: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Mention:
    """Where the text names a known actor or place."""

    start: int
    end: int
    id: str
    text: str


def _words(text: str) -> frozenset[str]:
    """Return the set of words of `text`: word lists read best written as words."""
    return frozenset(text.split())


def slug(words: str, limit: int = 60) -> str:
    """Return `words` as an id slug (lowercase ASCII words joined by hyphens), at most `limit`
    characters long, cut at a word boundary."""
    parts = re.findall(r"[a-z0-9]+", words.lower().replace("’", "").replace("'", ""))
    result = ""
    for part in parts:
        if len(result) + len(part) + 1 > limit:
            break
        result = f"{result}-{part}" if result else part
    return result or "draft"


def find_mentions(text: str, names: Iterable[KnownName]) -> list[Mention]:
    """Return the non-overlapping mentions of `names` in `text`, longest name first, in text
    order. Names match whole words, case-sensitively."""
    pairs = sorted(
        ((name, known.id) for known in names for name in known.names if name),
        key=lambda pair: -len(pair[0]),
    )
    taken: list[Mention] = []
    for name, known_id in pairs:
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            if not any(m.start < match.end() and match.start() < m.end for m in taken):
                taken.append(Mention(match.start(), match.end(), known_id, match.group()))
    return sorted(taken, key=lambda m: m.start)


_SEGMENTER = pysbd.Segmenter(language="en", clean=False, char_span=True)


def sentences(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of every sentence of `text`, trimmed of white space; no
    sentence runs across a blank line."""
    spans = []
    for paragraph in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", text):
        for part in _SEGMENTER.segment(paragraph.group()):
            start, end = paragraph.start() + part.start, paragraph.start() + part.end
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end:
                spans.append((start, end))
    return spans


def _sentence_of(spans: list[tuple[int, int]], position: int) -> tuple[int, int]:
    """Return the sentence span holding `position` (or the nearest one before it)."""
    found = spans[0] if spans else (0, 0)
    for span in spans:
        if span[0] <= position:
            found = span
    return found


# --- figures ------------------------------------------------------------------------------

HEDGES: dict[str, Qualifier] = {
    "more than": Qualifier.more_than,
    "over": Qualifier.more_than,
    "in excess of": Qualifier.more_than,
    "upwards of": Qualifier.more_than,
    "at least": Qualifier.at_least,
    "no fewer than": Qualifier.at_least,
    "no less than": Qualifier.at_least,
    "nearly": Qualifier.nearly,
    "almost": Qualifier.nearly,
    "close to": Qualifier.nearly,
    "just under": Qualifier.nearly,
    "about": Qualifier.approximately,
    "around": Qualifier.approximately,
    "approximately": Qualifier.approximately,
    "roughly": Qualifier.approximately,
    "some": Qualifier.approximately,
    "an estimated": Qualifier.approximately,
    "fewer than": Qualifier.less_than,
    "less than": Qualifier.less_than,
    "under": Qualifier.less_than,
    "up to": Qualifier.at_most,
    "at most": Qualifier.at_most,
    "no more than": Qualifier.at_most,
    "as many as": Qualifier.at_most,
}
"""A source's hedge in front of a number, and the qualifier it means."""

_HEDGE = re.compile(
    r"(?<!\w)(" + "|".join(sorted(map(re.escape, HEDGES), key=len, reverse=True)) + r")\s+$",
    re.IGNORECASE,
)
_UNITS = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
_UNITS += "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
_UNITS += "eighty ninety hundred thousand million billion"
_WORD = "(?:" + "|".join(sorted(_UNITS.split(), key=len, reverse=True)) + ")"
_NUMBER = re.compile(
    rf"(?<![\w,.])(?:(?P<digits>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)"
    rf"(?:\s+(?P<scale>million|billion))?"
    rf"|(?P<words>{_WORD}(?:(?:\s+and\s+|[\s-]+){_WORD})*))(?![\w])",
    re.IGNORECASE,
)
_SCALES = {"million": 1_000_000, "billion": 1_000_000_000}
_TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade"}
_STOP = _words(
    "to on in of at for from with by after before since and or but as into over under than "
    "were was are is be been have has had who which that the a an their its his her this these "
    "those said say says also more less"
)
_PEOPLE_METRICS = [
    ({"killed", "dead", "died", "deaths", "death", "lives", "fatalities", "bodies"}, "deaths"),
    ({"wounded", "injured", "injuries"}, "injured"),
    ({"missing", "disappeared", "unaccounted"}, "missing_persons"),
    ({"displaced", "refugees", "fled", "evacuated"}, "displaced_persons"),
    ({"prisoners", "detainees", "captives", "detained", "arrested", "captured"}, "prisoners"),
]
_PEOPLE = {"people", "persons", "civilians", "lives", "residents", "individuals", "children"}
_FORCES = {"peacekeepers", "troops", "soldiers", "servicemen", "police", "officers", "observers"}


@dataclass(frozen=True)
class FigureCandidate:
    """A number in the text with its hedge and what it counts."""

    start: int
    end: int
    value: float
    qualifier: Qualifier
    hedge: str | None
    counted: str
    metric: str
    unit: str


def _plural(word: str) -> str:
    return word if word.endswith("s") else f"{word}s"


def _metric(counted: list[str], sentence: str) -> tuple[str, str]:
    """Return the (metric, unit) guessed from the counted words and their sentence."""
    words = [w.lower() for w in counted]
    noun = words[-1]
    if noun.rstrip("s") in _TIME_UNITS:
        return "duration", _plural(noun)
    context = set(words) | set(re.findall(r"[a-z]+", sentence.lower()))
    for keys, metric in _PEOPLE_METRICS:
        if keys & set(words):
            return metric, "people"
    if noun in _FORCES:
        deployed = "deploy" in sentence.lower()
        return (f"{noun}_deployed" if deployed else noun), noun
    if noun in _PEOPLE or counted[-1][:1].isupper():
        for keys, metric in _PEOPLE_METRICS:
            if keys & context:
                return metric, "people"
        return "people", "people"
    return noun.replace("-", "_"), noun


def find_figures(text: str, skip: Iterable[tuple[int, int]] = ()) -> list[FigureCandidate]:
    """Return the figures in `text`: numbers in digits or words, with the hedge before them and
    the words after them that say what they count.

    Numbers inside the `skip` spans (dates), years, a lone "one", numbers after "the" ("the two
    sides") and numbers followed by no noun are left out.
    """
    skipped = list(skip)
    spans = sentences(text)
    found = []
    for match in _NUMBER.finditer(text):
        start, end = match.start(), match.end()
        if any(s < end and start < e for s, e in skipped):
            continue
        if match.group("digits"):
            digits = match.group("digits")
            if re.fullmatch(r"1[89]\d\d|20\d\d", digits):
                continue  # a year
            value = float(digits.replace(",", ""))
            value *= _SCALES.get((match.group("scale") or "").lower(), 1)
        else:
            words = match.group("words")
            hyphenated = text[end : end + 1] == "-"
            if words.lower() == "one" and not hyphenated:
                continue
            if re.search(r"(?i)\bthe\s+$", text[:start]) and not hyphenated:
                continue  # "the two sides" names them; it does not count them
            try:
                value = float(text2num(re.sub(r"[\s-]+", " ", words.lower()), "en"))
            except ValueError:
                continue
        after = text[end:]
        adjective = re.match(r"-(\w+)", after)  # "six-week", "five-year"
        if adjective:
            counted = [adjective.group(1)]
            end += adjective.end()
        else:
            counted = []
            after_end = 0
            while len(counted) < 3:
                word = re.match(r"\s+([A-Za-z][\w’'-]*)", after[after_end:])
                if word is None or word.group(1).lower() in _STOP:
                    break
                counted.append(word.group(1))
                after_end += word.end()
                noun = word.group(1).lower()
                if noun.endswith("s") or noun in _PEOPLE or noun.rstrip("s") in _TIME_UNITS:
                    break
            if not counted:
                continue
            end += after_end
        hedge_match = _HEDGE.search(text[max(0, start - 20) : start])
        hedge = hedge_match.group(1) if hedge_match else None
        if hedge_match:
            start -= len(text[max(0, start - 20) : start]) - hedge_match.start()
        qualifier = HEDGES[hedge.lower()] if hedge else Qualifier.exact
        sentence = text.__getitem__(slice(*_sentence_of(spans, start)))
        metric, unit = _metric(counted, sentence)
        found.append(
            FigureCandidate(start, end, value, qualifier, hedge, " ".join(counted), metric, unit)
        )
    return found


# --- dates --------------------------------------------------------------------------------

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DATE = re.compile(
    rf"(?<!\w)(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+\d{{4}})?"
    rf"|{_MONTH}(?:\s+\d{{4}})?(?:\s+or\s+{_MONTH}(?:\s+\d{{4}})?)?"
    rf"|(?:(?:last|next|this)\s+)?{_WEEKDAY}"
    r"|(?:yesterday|today|tomorrow)"
    r"|(?:last|next|this|past)\s+(?:week|month|year)"
    r"|(?<=in\s)\d{4}|(?<=since\s)\d{4}|(?<=by\s)\d{4}|(?<=until\s)\d{4})(?!\w)",
)
_FUTURE = re.compile(r"(?i)\b(?:will|scheduled|planned|next|upcoming|due to|expected to)\b")


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


def _month_end(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def _resolve(expression: str, base: datetime, prefer: str) -> tuple[date, date, str] | None:
    """Return (first day, last day, precision) of `expression` as dateparser reads it."""
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
    sentence in the past tense or the other way round.
    Expressions that need a publication date are left out when there is none; "July or
    August" is one span covering both months.
    """
    spans = sentences(text)
    found = []
    for match in _DATE.finditer(text):
        expression = match.group()
        relative = not re.search(r"\d{4}", expression)
        if relative and published_on is None:
            continue
        base = datetime.combine(published_on or date(2000, 1, 1), datetime.min.time())
        sentence = text.__getitem__(slice(*_sentence_of(spans, match.start())))
        future = bool(_FUTURE.search(sentence))
        parts = [_tensed(part, base, future) for part in re.split(r"\s+or\s+", expression)]
        if not parts or any(part is None for part in parts):
            continue
        resolved = [part for part in parts if part is not None]
        before = text[max(0, match.start() - 7) : match.start()].lower()
        found.append(
            DateCandidate(
                start=match.start(),
                end=match.end(),
                text=expression,
                start_date=resolved[0][0],
                end_date=resolved[-1][1],
                precision=DatePrecision(resolved[0][2]),
                relative=relative,
                since=before.rstrip().endswith("since"),
            )
        )
    return found


# --- quotes and attribution ---------------------------------------------------------------

VERBS = _words(
    "said says added adds told tells stressed stresses noted notes stated states warned warns "
    "urged urges insisted insists emphasized emphasised explained declared announced wrote "
    "tweeted demanded demands asked claimed claims argued reiterated underlined affirmed "
    "confirmed acknowledged replied responded concluded pledged vowed reported reaffirmed"
)
"""Reporting verbs that attribute words to a speaker."""
_VERB = "(?:" + "|".join(sorted(VERBS)) + ")"
_CAP = r"[A-Z][\w’'.-]*"
_NAME = rf"(?:(?:[Tt]he|[Hh]is|[Hh]er|[Ii]ts)\s+)?{_CAP}(?:\s+(?:of|for)\s+{_CAP}|\s+{_CAP})*"
_ROLE = (
    r"(?:[Tt]he\s+(?:ministry|spokesman|spokeswoman|spokesperson|officials?|government"
    r"|president|prime minister|foreign minister|minister|army|military|statement))"
)
_SPEAKER = rf"(?P<name>{_ROLE}|{_NAME})"
_PRONOUNS = {"he": "person", "she": "person", "they": None}
_NOT_NAMES = {"the", "his", "her", "its", "this", "that", "it", "but", "and", "in", "on"}
# "X said", "X, for its part, said", "X also noted": the speaker before its verb.
_SAID = re.compile(rf"{_SPEAKER}(?:,[^,\"“”]{{1,40}},)?\s+(?:also\s+)?(?P<verb>{_VERB})\b")
# ", said X": the verb before its speaker, after a quote or a comma.
_SAID_BY = re.compile(rf"[,\"”]\s*(?P<verb>{_VERB})\s+(?P<name>{_ROLE}|{_NAME})")
_ACCORDING = re.compile(rf"\b[Aa]ccording to\s+(?P<name>{_ROLE}|{_NAME})")
_QUOTE = re.compile(r"“(?P<curly>[^”\n]+)”|\"(?P<straight>[^\"\n]+)\"")
# What may stand between "X said" and the quote it introduces.
_SAID_BEFORE = re.compile(
    rf"^(?:,[^,]*,)?\s+(?:also\s+)?{_VERB}(?:\s+(?:reporters|journalists))?"
    r"(?:,?\s+adding)?(?:\s+that)?[\s:,]*$"
)
_SUBJECT = 'X "verb …"'
"""How a speaker named just before a quote that opens with its verb is found."""
_SPEECH_START = re.compile(rf"^(?:{_VERB}|called|calls|expressed|described)\b")


@dataclass(frozen=True)
class Attribution:
    """Who a sentence says is speaking: the name as printed, where, and the verb used."""

    start: int
    end: int
    name: str
    verb: str
    how: str


@dataclass(frozen=True)
class StatementCandidate:
    """Words attributed to a speaker: a direct quote, or a paraphrase ("according to X")."""

    kind: str
    start: int
    end: int
    text: str
    speaker: Attribution
    reported_by: Attribution | None
    cue: tuple[int, int] | None
    """The attribution's own words ("Baku said"), cited beside a quote."""


def _clean_name(match: re.Match[str]) -> tuple[int, int, str] | None:
    """Return (start, end, name) of a speaker match, or None when it is no name at all."""
    name = match.group("name")
    start = match.start("name")
    trimmed = re.sub(r"[’']s$", "", name)
    if not re.search(r"(?:^|\s)(?:[A-Z]\.)+$", trimmed):
        trimmed = trimmed.rstrip(".")  # the full stop ending the sentence, not an initial
    if trimmed.lower() in _NOT_NAMES or not re.search(r"[A-Za-z]{2}", trimmed):
        return None
    return start, start + len(trimmed), trimmed


def attributions(text: str, span: tuple[int, int]) -> list[Attribution]:
    """Return the attributions ("X said", "said X", "according to X") inside `span` of
    `text`, outside quotation marks, in text order."""
    start, end = span
    masked = _QUOTE.sub(
        lambda m: m.group()[0] + " " * (len(m.group()) - 2) + m.group()[-1], text[start:end]
    )
    found = []
    for pattern, how in ((_SAID, "X said"), (_SAID_BY, "said X"), (_ACCORDING, "according to X")):
        for match in pattern.finditer(masked):
            name = _clean_name(match)
            if name is None:
                continue
            verb = match.groupdict().get("verb") or "according to"
            found.append(Attribution(start + name[0], start + name[1], name[2], verb, how))
    unique = {(a.start, a.end): a for a in reversed(found)}  # "X said" wins over "said X"
    return sorted(unique.values(), key=lambda a: a.start)


def find_statements(text: str) -> list[StatementCandidate]:
    """Return direct quotes with their speakers, and "according to X" paraphrases.

    A quote's speaker is, in order of preference: the subject just before a quote that opens
    with a reporting verb (Mirzoyan "stressed …"); "X said" just before the quote; "…," X
    said just after it; any other attribution in its sentence; one in the sentence before.
    Another attribution in the sentence becomes `reported_by`. Quotes with no attribution at
    all (scare quotes) are left out. Unquoted words that a quote's speaker is said to have
    said in the same breath ("and called on Baku to …, the ministry added") become
    paraphrases.
    """
    spans = sentences(text)
    found: list[StatementCandidate] = []
    quoted: list[tuple[int, int]] = []
    for match in _QUOTE.finditer(text):
        group = "curly" if match.group("curly") is not None else "straight"
        start, end = match.start(group), match.end(group)
        while end > start and text[end - 1] in ", ;:":
            end -= 1
        quoted.append((match.start(), match.end()))
        first = _sentence_of(spans, match.start())
        last = _sentence_of(spans, match.end() - 1)
        context = (first[0], max(last[1], match.end()))
        around = attributions(text, context)
        speaker = _quote_speaker(text, match, around, context) or _last_attribution(
            text, [s for s in spans if s[1] <= context[0]]
        )
        if speaker is None:
            continue
        after = text[match.end() : context[1]]
        others = [a for a in around if a.start != speaker.start]
        reported_by = min(others, key=lambda a: abs(a.start - start)) if others else None
        # The words that attribute the quote, cited beside it: "Baku said", "the ministry added".
        cited = reported_by if speaker.how == _SUBJECT else speaker
        cue = _cue(text, cited) if cited is not None and cited.how != _SUBJECT else None
        found.append(
            StatementCandidate(
                "direct_quote", start, end, text[start:end], speaker, reported_by, cue
            )
        )
        and_clause = re.match(r"^\s+and\s+([^,\"“”]+?)\s*,\s*", after)
        if speaker.how == _SUBJECT and and_clause and reported_by is not None:
            clause_start = match.end() + and_clause.start(1)
            clause_end = match.end() + and_clause.end(1)
            words = text[clause_start:clause_end]
            found.append(
                StatementCandidate(
                    "paraphrase",
                    clause_start,
                    clause_end,
                    f"{speaker.name} {words}.",
                    speaker,
                    reported_by,
                    cue,
                )
            )
    for span in spans:
        if any(s < span[1] and span[0] < e for s, e in quoted):
            continue
        for attribution in attributions(text, span):
            reported = _reported_words(text, span, attribution)
            if reported is None or len(reported.split()) < 3:
                continue
            end = span[1]
            while text[end - 1] in " .":
                end -= 1
            paraphrase = reported[:1].upper() + reported[1:] + "."
            found.append(
                StatementCandidate("paraphrase", span[0], end, paraphrase, attribution, None, None)
            )
    return sorted(found, key=lambda s: s.start)


def _quote_speaker(
    text: str, quote: re.Match[str], around: list[Attribution], context: tuple[int, int]
) -> Attribution | None:
    """Return who speaks the `quote`, from the attributions `around` it in its sentence."""
    words = text[quote.start() + 1 : quote.end() - 1]
    subject = re.search(
        rf"{_SPEAKER}(?:\s+(?:also|further|then))?\s*$", text[context[0] : quote.start()]
    )
    name = _clean_name(subject) if subject else None
    if name and _SPEECH_START.match(words):
        start, end = context[0] + name[0], context[0] + name[1]
        return Attribution(start, end, name[2], words.split()[0], _SUBJECT)
    before = [a for a in around if a.end <= quote.start()]
    if before and _SAID_BEFORE.match(text[before[-1].end : quote.start()]):
        return before[-1]
    after = [a for a in around if a.start >= quote.end()]
    if after and re.match(r"^[\s,.”\"]*(?:\w+\s+){0,6}?$", text[quote.end() : after[0].start]):
        return after[0]
    if around:
        return min(
            around, key=lambda a: min(abs(a.start - quote.end()), abs(a.end - quote.start()))
        )
    return None


def _last_attribution(text: str, earlier: list[tuple[int, int]]) -> Attribution | None:
    """Return the last attribution in the last of the `earlier` sentences, if any."""
    found = attributions(text, earlier[-1]) if earlier else []
    return found[-1] if found else None


def _reported_words(text: str, span: tuple[int, int], attribution: Attribution) -> str | None:
    """Return what the unquoted sentence at `span` reports as said, when `attribution` opens
    or closes it ("According to X, …", "X said that …", "…, X said"); else None."""
    lead = text[span[0] : attribution.start]
    rest = text[attribution.end : span[1]]
    if attribution.how == "according to X":
        lead = lead[: lead.lower().rfind("according to")]
    elif attribution.how == "X said":
        rest = rest[rest.index(attribution.verb) + len(attribution.verb) :]
    else:
        lead = lead[: lead.rfind(attribution.verb)]
    lead, rest = lead.strip(" ,"), re.sub(r"^\s*that\b", "", rest).strip(" ,.")
    if lead and not rest:
        return lead
    if rest and not lead:
        return rest
    return None


def _cue(text: str, attribution: Attribution) -> tuple[int, int]:
    """Return the span of an attribution's words: the name through the verb ("Baku said")."""
    window = text[attribution.start : attribution.end + 60]
    verb = re.search(rf"\b{re.escape(attribution.verb)}\b", window)
    if attribution.how == "said X":
        back = text[max(0, attribution.start - 40) : attribution.start]
        verb_back = re.search(rf"\b{re.escape(attribution.verb)}\s+$", back)
        if verb_back:
            return attribution.start - len(back) + verb_back.start(), attribution.end
    if verb:
        return attribution.start, attribution.start + verb.end()
    return attribution.start, attribution.end


# --- the draft bundle ---------------------------------------------------------------------

_EVENT_WORDS: dict[EventType, str] = {
    EventType.diplomatic_meeting: r"talks|negotiations?|meetings?|met|meet|summit|visit(?:ed)?",
    EventType.ceasefire_agreement: r"ceasefire|truce|deal|agreement|accord|armistice",
    EventType.armed_conflict: r"war|conflict|fighting|clashes|fought",
    EventType.deployment: r"deploy(?:ed|ment|s)?",
    EventType.military_operation: r"operation|offensive|invasion|invaded",
    EventType.mediation: r"mediator|mediation|mediated|mediating",
    EventType.accusation: r"accused|accuses|accusations?",
    EventType.attack: r"attack(?:ed|s)?|shelling|shelled|strikes?|bombing",
    EventType.protest: r"protests?|rally|demonstrations?",
}
_BODY_WORDS = re.compile(
    r"(?i)\b(?:ministry|office|government|council|parliament|army|forces|committee|service)\b"
)
_TITLES = (
    "President|Minister|Secretary|Spokesman|Spokeswoman|Spokesperson|Ambassador|Chairman"
    "|Chairwoman|Chair|Commander|General|Envoy|Governor|Mayor|Chief|Director|Representative"
)
_MEDIA_WORDS = re.compile(r"\b(?:AFP|Reuters|AP|TV|News|Press|Agency|Times|Post)\b")

Record = dict[str, Any]


@dataclass
class Draft:
    """A proposed bundle: records by section (in the seed file's order), each with the
    comment lines that explain it, and comment lines for the head of the file."""

    header: list[str] = field(default_factory=list)
    sections: dict[str, list[tuple[list[str], Record]]] = field(
        default_factory=lambda: {
            name: [] for name in ("sources", "actors", "places", "events", "figures", "statements")
        }
    )

    def records(self, section: str) -> list[Record]:
        """Return the records of `section`, without their comments."""
        return [record for _, record in self.sections[section]]


def headline(text: str) -> str:
    """Return the article's title: its first line of five to twenty words that does not end
    like a sentence (menus are shorter, paragraphs end with a full stop)."""
    for line in text.splitlines():
        if 5 <= len(line.split()) <= 20 and not line.rstrip().endswith("."):
            return line.strip()
    return text.strip().split("\n")[0][:100] or "Untitled"


def citation(text: str, start: int, end: int, source_id: str) -> Record:
    """Return a curated citation of `text[start:end]` that the loader locates there: the
    quote, with as much text before it as a `prefix` as it takes to make it unique."""
    quote = text[start:end]
    record: Record = {"source_id": source_id, "quote": quote}
    try:
        locate(text, quote)
    except QuoteError:
        for size in (16, 32, 64, 128, 256, start):
            prefix = text[max(0, start - size) : start]
            try:
                if prefix.strip() and locate(text, quote, prefix).start == start:
                    record["prefix"] = prefix.strip()
                    break
            except QuoteError:
                continue
    record["via"] = []
    return record


def _offsets(start: int, end: int) -> str:
    return f"offsets {start}-{end}"


class _Ids:
    """Hands out ids that neither the database nor this draft already uses."""

    def __init__(self, taken: Iterable[str]) -> None:
        self.taken = set(taken)

    def new(self, base: str) -> str:
        base = slug(base, 90)
        candidate, number = base, 2
        while candidate in self.taken:
            candidate, number = f"{base}-{number}", number + 1
        self.taken.add(candidate)
        return candidate


def draft(
    text: str,
    published_on: date | None,
    known: Known = Known(),
    *,
    publisher: str = "unknown",
    kind: str = "news_article",
    url: str | None = None,
    language: str = "en",
) -> Draft:
    """Return the bundle proposed for the article `text`, published on `published_on`.

    Known actors and places are referred to by their ids; speakers not among them are
    proposed as new actors. The source holds the text itself, so the draft loads as it is.
    """
    result = Draft()
    ids = _Ids(known.taken)
    title = headline(text)
    source_id = ids.new(slug(title))
    tag = slug(title, 24)
    result.sections["sources"].append(
        (
            [f"The article; {len(text)} characters, stored byte-for-byte as `text`."],
            {
                "id": source_id,
                "title": title,
                "publisher": publisher,
                "kind": str(kind),
                "published_on": published_on,
                "url": url,
                "language": language,
                "cites": [],
                "text": text,
            },
        )
    )
    actor_mentions = find_mentions(text, known.actors)
    place_mentions = find_mentions(text, known.places)
    kinds = {a.id: a.kind for a in known.actors}
    countries = {a.id: a.country for a in known.actors}
    names = {a.id: a.names[0] for a in (*known.actors, *known.places)}
    result.header += _mention_lines("actors", actor_mentions)
    result.header += _mention_lines("places", place_mentions)

    proposed: dict[str, Record] = {}
    speakers: list[tuple[int, str]] = []  # (position, actor id) of every speaker so far

    def resolve(attribution: Attribution) -> tuple[str, str]:
        """Return the actor id for an attribution, and how it was found."""
        inside = [m for m in actor_mentions if attribution.start <= m.start < attribution.end]
        lower = attribution.name.lower()
        before = [(p, i) for p, i in speakers if p < attribution.start]
        if inside:
            actor_id, how = inside[-1].id, f"known actor {inside[-1].text!r}"
        elif lower in _PRONOUNS:
            people = [i for _, i in before if kinds.get(i) == "person"]
            if not people:
                return _propose(attribution.name), "pronoun with no earlier speaker"
            actor_id, how = people[-1], f"{attribution.name!r} is the last person quoted"
        elif re.fullmatch(_ROLE, attribution.name):
            word = lower.split()[-1]
            earlier = [
                m.id
                for m in actor_mentions
                if m.start < attribution.start and word in m.text.lower()
            ] + [i for _, i in before if word in str(names.get(i, "")).lower()]
            if not earlier:
                return _propose(attribution.name), "no earlier mention to refer to"
            actor_id, how = earlier[-1], f"{attribution.name!r} refers to the last {word} named"
        else:
            return _propose(attribution.name), "proposed new actor"
        if kinds.get(actor_id) == "state":
            # "Baku said" names the state by its capital; the body of that state that has
            # spoken already is the likelier speaker.
            bodies = [
                i
                for _, i in before
                if kinds.get(i) == "government_body" and countries.get(i) == countries[actor_id]
            ]
            if bodies:
                return bodies[-1], f"{how}, read as {bodies[-1]} (spoke earlier)"
        return actor_id, how

    def _propose(name: str) -> str:
        plain = re.sub(r"^(?:[Tt]he|[Hh]is|[Hh]er|[Ii]ts)\s+", "", name)
        titled = re.match(rf"^(?P<title>.*\b(?:{_TITLES}))\s+(?P<name>{_CAP}.*)$", plain)
        title = titled.group("title") if titled else None
        plain = titled.group("name") if titled else plain
        for actor_id, record in proposed.items():
            if plain in (record["name"], *record["aliases"], record["name"].split()[-1]):
                return actor_id
        guess = (
            "person"
            if title
            else "government_body"
            if _BODY_WORDS.search(plain)
            else "media"
            if _MEDIA_WORDS.search(plain)
            else "organization"
            if plain.isupper()
            else "person"
        )
        actor_id = ids.new(plain)
        proposed[actor_id] = {
            "id": actor_id,
            "name": plain,
            "kind": guess,
            "title": title,
            "country": None,
            "aliases": [],
        }
        kinds[actor_id] = guess
        names[actor_id] = plain
        countries[actor_id] = None
        return actor_id

    statement_spans: list[tuple[int, int, str]] = []
    for candidate in find_statements(text):
        speaker_id, how = resolve(candidate.speaker)
        speakers.append((candidate.speaker.start, speaker_id))
        reporter_id = None
        notes = [
            f"{candidate.kind.replace('_', ' ')} at {_offsets(candidate.start, candidate.end)}; "
            f"speaker {candidate.speaker.name!r} ({candidate.speaker.how}, "
            f"{candidate.speaker.verb!r}): {how} -> {speaker_id}"
        ]
        if candidate.reported_by is not None:
            reporter_id, reporter_how = resolve(candidate.reported_by)
            speakers.append((candidate.reported_by.start, reporter_id))
            notes.append(
                f"reported by {candidate.reported_by.name!r} "
                f"({candidate.reported_by.verb!r}): {reporter_how} -> {reporter_id}"
            )
        statement_spans.append((candidate.start, candidate.end, speaker_id))
        citations = [citation(text, candidate.start, candidate.end, source_id)]
        if candidate.cue is not None and not (candidate.start <= candidate.cue[0] < candidate.end):
            citations.append(citation(text, *candidate.cue, source_id))
        words = [
            w
            for w in re.findall(r"[a-z]+", candidate.text.lower())
            if w not in _STOP and w not in speaker_id.split("-")
        ]
        record: Record = {
            "id": ids.new(f"{speaker_id}-{'-'.join(words[:4])}"),
            "speaker": speaker_id,
            "kind": candidate.kind,
            "text": candidate.text,
            "said_on": None,
            "event_id": None,
            "reported_by": reporter_id if reporter_id != speaker_id else None,
            "citations": citations,
        }
        result.sections["statements"].append((notes, record))

    dates = find_dates(text, published_on)
    for figure in find_figures(text, [(d.start, d.end) for d in dates]):
        claimant = next((who for s, e, who in statement_spans if s <= figure.start < e), None)
        hedge = f"hedge {figure.hedge!r}" if figure.hedge else "no hedge"
        notes = [
            f"{_offsets(figure.start, figure.end)}; {hedge} -> {figure.qualifier}; "
            f"counts {figure.counted!r} -> {figure.metric}"
            + (f"; inside a statement by {claimant}" if claimant else "")
        ]
        value: int | float = int(figure.value) if figure.value.is_integer() else figure.value
        result.sections["figures"].append(
            (
                notes,
                {
                    "id": ids.new(f"{tag}-{figure.metric}-{value}"),
                    "metric": figure.metric,
                    "value": value,
                    "unit": figure.unit,
                    "qualifier": str(figure.qualifier),
                    "scope": figure.counted,
                    "event_id": None,
                    "claimed_by": claimant,
                    "citations": [citation(text, figure.start, figure.end, source_id)],
                },
            )
        )

    _events(
        result,
        text,
        dates,
        published_on,
        source_id,
        tag,
        ids,
        actor_mentions,
        place_mentions,
        kinds,
        names,
    )
    result.sections["actors"] = [
        ([f"proposed: {record['name']!r} speaks in this article; kind is a guess"], record)
        for record in proposed.values()
    ]
    return result


def _mention_lines(kind: str, mentions: list[Mention]) -> list[str]:
    """Return header comment lines listing the known `kind` mentioned, with their offsets."""
    by_id: dict[str, list[str]] = {}
    for mention in mentions:
        by_id.setdefault(mention.id, []).append(f"{mention.start}-{mention.end}")
    if not by_id:
        return [f"Known {kind} mentioned: none."]
    lines = [f"Known {kind} mentioned (offsets):"]
    lines += [f"  {known_id}: {', '.join(spans)}" for known_id, spans in by_id.items()]
    return lines


def _events(
    result: Draft,
    text: str,
    dates: list[DateCandidate],
    published_on: date | None,
    source_id: str,
    tag: str,
    ids: _Ids,
    actor_mentions: list[Mention],
    place_mentions: list[Mention],
    kinds: dict[str, str],
    names: dict[str, str],
) -> None:
    """Add an event candidate for every dated happening; one a date says nothing about is
    listed in the header instead. Happenings of one type, date and place are one event."""
    spans = sentences(text)
    title = headline(text)
    title_start = text.find(title)
    merged: dict[tuple[Any, ...], tuple[list[str], Record]] = {}
    for candidate in dates:
        first, last = _sentence_of(spans, candidate.start)
        sentence = text[first:last]
        if title_start <= candidate.start < title_start + len(title):
            # The headline repeats what the body tells, less exactly.
            result.header.append(f"Date in the headline, not drafted: {candidate.text!r}")
            continue
        nearest: tuple[int, EventType, str] | None = None
        for event_type, words in _EVENT_WORDS.items():
            for match in re.finditer(rf"(?i)\b(?:{words})\b", sentence):
                here = first + match.start()
                distance = min(
                    abs(here - candidate.end), abs(here + len(match.group()) - candidate.start)
                )
                if nearest is None or distance < nearest[0]:
                    nearest = (distance, event_type, match.group())
        resolved = (
            f"{candidate.text!r} at {_offsets(candidate.start, candidate.end)} -> "
            + (
                f"{candidate.start_date}"
                if candidate.start_date == candidate.end_date
                else f"{candidate.start_date}..{candidate.end_date}"
            )
            + f" ({candidate.precision})"
        )
        if nearest is None:
            result.header.append(f"Date with no event word in its sentence: {resolved}")
            continue
        _, event_type, word = nearest
        place = next((m.id for m in place_mentions if first <= m.start < last), None)
        actor_ids = list(
            dict.fromkeys(
                m.id
                for m in actor_mentions
                if first <= m.start < last and kinds.get(m.id) != "media"
            )
        )
        future = bool(_FUTURE.search(sentence)) or (
            published_on is not None and candidate.start_date > published_on
        )
        status = "scheduled" if future else "ongoing" if candidate.since else "occurred"
        key = (event_type, candidate.start_date, candidate.end_date, place)
        cite = citation(text, first, last - (1 if text[last - 1] == "." else 0), source_id)
        notes = [f"{resolved}; type from {word!r}; status {status}"]
        if key in merged:
            merged[key][0].extend(notes)
            if cite not in merged[key][1]["citations"]:
                merged[key][1]["citations"].append(cite)
            continue
        label = event_type.replace("_", " ").capitalize()
        where = f" in {names[place]}" if place else ""
        note = None
        if candidate.relative:
            note = f'The text says "{candidate.text}"; read against the publication date '
            note += f"{published_on}."
        if candidate.since:
            note = f'The text says "since {candidate.text}"; open-ended.' + (
                f" Read against the publication date {published_on}." if candidate.relative else ""
            )
        record: Record = {
            "id": ids.new(f"{tag}-{event_type}-{candidate.start_date}"),
            "title": f"{label}{where}",
            "summary": f'The article says: "{sentence}"',
            "type": str(event_type),
            "start_date": candidate.start_date,
            "end_date": None if candidate.since else candidate.end_date,
            "date_precision": str(candidate.precision),
            "date_note": note,
            "status": status,
            "place_id": place,
            "parent_id": None,
            "actors": [{"actor_id": actor_id, "role": "participant"} for actor_id in actor_ids],
            "citations": [cite],
        }
        merged[key] = (notes, record)
    result.sections["events"] = list(merged.values())


# --- rendering ----------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Repeats equal values rather than anchoring them: a curator edits each on its own."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


class _BlockDumper(_Dumper):
    """Also writes multi-line strings as literal blocks, so the article reads as text."""


def _text_block(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_BlockDumper.add_representer(str, _text_block)


def render(result: Draft, origin: str) -> str:
    """Return the draft as a bundle file: YAML in the seed format, with the reasons for every
    candidate as comments. Every string reads back exactly as it was, the text included."""
    rendered = _render(result, origin, _BlockDumper)
    texts = [record.get("text") for record in result.records("sources")]
    if [source.get("text") for source in yaml.safe_load(rendered)["sources"] or []] != texts:
        # A text that a literal block cannot hold exactly (trailing spaces, carriage
        # returns…) goes in double quotes, which hold any string.
        return _render(result, origin, _Dumper)
    return rendered


def _render(result: Draft, origin: str, dumper: type[_Dumper]) -> str:
    """Return the draft as YAML with comments, its records written by `dumper`."""
    lines = [
        f"# Draft bundle proposed by `conflict-facts draft` from {origin}.",
        "# Every candidate is a guess with exact offsets: keep, fix or delete it, then load the",
        "# file. Comments say where each candidate is in the text and why it was proposed.",
    ]
    lines += [f"# {line}" for line in result.header]
    for section, items in result.sections.items():
        if not items:
            lines.append(f"{section}: []")
            continue
        lines.append(f"{section}:")
        for notes, record in items:
            lines += [f"  # {note}" for note in notes]
            dumped = yaml.dump(
                [record], Dumper=dumper, sort_keys=False, allow_unicode=True, width=100
            )
            lines += [f"  {line}" if line else line for line in dumped.splitlines()]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def read_known(session: Session) -> Known:
    """Return the actors and places the database holds, and every id already taken."""
    actors = tuple(
        KnownName(a.id, (a.name, *a.aliases), str(a.kind), a.country)
        for a in session.exec(select(Actor)).all()
    )
    places = tuple(KnownName(p.id, (p.name,), str(p.kind)) for p in session.exec(select(Place)))
    taken: set[str] = set()
    for model in (Source, Actor, Place, Event, Figure, Statement):
        taken.update(session.exec(select(col(getattr(model, "id")))).all())  # noqa: B009
    return Known(actors, places, frozenset(taken))
