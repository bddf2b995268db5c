"""Figures: numbers in digits or words, with the source's hedge and what they count."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from text_to_num import text2num

from app.draft.text import containing, sentences, words
from app.models import Qualifier

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
    rf"(?<![\w,.:/])(?:(?P<digits>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)"
    rf"(?:\s+(?P<scale>million|billion))?"
    rf"|(?P<words>{_WORD}(?:(?:\s+and\s+|[\s-]+){_WORD})*))(?![\w:/])",
    re.IGNORECASE,
)
_SCALES = {"million": 1_000_000, "billion": 1_000_000_000}
_CLOCK = (
    r"am|pm|a\.m\.?|p\.m\.?|hrs|hours\s+(?:local|gmt|utc)|local\s+time|local\b|o['’]clock"
    r"|gmt|utc|cet|cest|eet|eest|bst|msk|edt|est|cdt|pdt|amt|azt|eat|cat|wat"
)
"""What follows a clock time: "9 am", "8 p.m.", "07.20 CET", "5.30 local"."""
_MEASURES = (
    r"km|kilomet(?:er|re)s?|mi|miles?|m|met(?:er|re)s?|feet|ft|yards?|kg|kilograms?|tonnes?|tons?"
    r"|hectares?|ha|acres?|sq\.?\s*(?:km|mi)|square\s+(?:kilomet(?:er|re)s?|miles?)"
)
"""Units of a measure whose conversion follows in brackets: "11 km (7 miles)"."""
_SUPERLATIVE = re.compile(
    r"(?i)\b(?:\w+iest|worst|best|first|biggest|largest|highest|lowest|longest|greatest"
    r"|strongest|fiercest|sharpest|gravest|most\s+\w+)"
    # up to six words between, none a verb: "the first round lasted for two days" is a duration
    r"(?:\s+(?!(?:is|was|were|are|has|had|have|be|been|lasted|held|went|ran|took)\b)"
    r"(?![a-z]+ed\b)[\w'’-]+){0,6}"
    r"\s+(?:in|for|over)\s+(?:the\s+)?(?:past\s+|last\s+|almost\s+|nearly\s+"
    r"|more\s+than\s+|over\s+|about\s+)?$"
)
"""A superlative whose comparison window follows: "the deadliest in two decades"."""
TIME_UNITS = {"second", "minute", "hour", "day", "night", "week", "month", "year", "decade"}
_STOP = words(
    "to on in of at for from with by after before since and or but as into over under than "
    "were was are is be been have has had who which that the a an their its his her this "
    "these those said say says also more less our my your according"
)
# What a number of people is counted for, from the words around it.
PEOPLE_METRICS = [
    (
        {"killed", "dead", "died", "deaths", "death", "lives", "fatalities", "bodies", "killing"},
        "deaths",
    ),
    ({"wounded", "injured", "injuries", "wounding", "injuring", "hurt"}, "injured"),
    ({"missing", "disappeared", "unaccounted"}, "missing_persons"),
    ({"displaced", "refugees", "fled", "evacuated", "left", "crossed"}, "displaced_persons"),
    ({"returned", "back"}, "returned"),
    (
        {"prisoners", "detainees", "captives", "detained", "arrested", "captured", "held"},
        "prisoners",
    ),
]
_RELEASED = {"released", "freed", "handed", "exchanged", "repatriated"}
PEOPLE = {
    "people",
    "person",
    "persons",
    "civilians",
    "lives",
    "residents",
    "individuals",
    "children",
    "men",
    "women",
    "workers",
    "soldiers",
    "servicemen",
    "troops",
    "fighters",
    "militants",
    "officers",
    "others",
}
FORCES = {
    "peacekeepers",
    "troops",
    "soldiers",
    "servicemen",
    "police",
    "officers",
    "observers",
    "monitors",
    "experts",
}
# Numbers that count nothing: "a four-way meeting", "a 34-year-old".
_NOT_COUNTS = {"way", "year-old", "old", "point", "fold", "strong"}


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
    rule: str


def _plural(word: str) -> str:
    return word if word.endswith("s") else f"{word}s"


def _metric(counted: list[str], around: list[str], sentence: str) -> tuple[str, str]:
    """Return the (metric, unit) guessed from the counted words, the words around the number
    (the verb after it, or before it: "killing at least seven"), and its sentence."""
    words = [w.lower() for w in counted]
    noun = words[-1] if words else "people"
    if noun.rstrip("s") in TIME_UNITS:
        return "duration", _plural(noun)
    nearby = set(words) | {w.lower() for w in around}
    if nearby & _RELEASED and (
        noun in PEOPLE or counted[-1][:1].isupper() or noun in {"prisoners"}
    ):
        return "prisoners_released", "people"
    for keys, metric in PEOPLE_METRICS:
        if keys & set(words):
            return metric, "people"
    if noun in FORCES and not nearby & {w for keys, _ in PEOPLE_METRICS[:3] for w in keys}:
        deployed = re.search(r"(?i)\bdeploy", sentence) is not None
        return (f"{noun}_deployed" if deployed else noun), noun
    plural = re.sub(r"man$", "men", noun) if noun.endswith("man") else _plural(noun)
    if noun in PEOPLE or plural in PEOPLE | FORCES or counted[-1][:1].isupper() or not counted:
        for keys, metric in PEOPLE_METRICS:
            if keys & nearby:
                return metric, "people"
        context = set(re.findall(r"[a-z]+", sentence.lower()))
        for keys, metric in PEOPLE_METRICS:
            if keys & context:
                return metric, "people"
        return "people", "people"
    return noun.replace("-", "_").replace(" ", "_"), noun


def _value(match: re.Match[str], text: str) -> float | None:
    """Return the number `match` reads, or None when it is no count (a year, "the two")."""
    if match.group("digits"):
        digits = match.group("digits")
        if re.fullmatch(r"1[89]\d\d|20\d\d", digits):
            return None  # a year
        value = float(digits.replace(",", ""))
        return value * _SCALES.get((match.group("scale") or "").lower(), 1)
    words = match.group("words")
    try:
        return float(text2num(re.sub(r"[\s-]+", " ", words.lower()), "en"))
    except ValueError:
        return None


def find_figures(text: str, skip: Iterable[tuple[int, int]] = ()) -> list[FigureCandidate]:
    """Return the figures in `text`: numbers in digits or words, with the hedge before them and
    the words after them that say what they count.

    "Three of the soldiers", "50 of its servicemen" count the noun after "of"; a bare number
    after a verb of harm ("wounding 49") or before one ("six wounded", "one was injured")
    counts people. Numbers inside the `skip` spans (dates), years, a lone "one", numbers after
    "the" ("the two sides"), ages and times ("34,", "9 am"), the window of a count ("over the
    past 24 hours") and numbers followed by no noun are left out.
    """
    skipped = list(skip)
    spans = sentences(text)
    found: list[FigureCandidate] = []
    for match in _NUMBER.finditer(text):
        start, end = match.start(), match.end()
        if any(s < end and start < e for s, e in skipped):
            continue
        value = _value(match, text)
        if value is None:
            continue
        before = text[max(0, start - 40) : start]
        after = text[end:]
        lone_one = bool(match.group("words")) and match.group().lower() == "one"
        hyphenated = after[:1] == "-"
        whole_of = re.search(rf"(?i)(?:\d|\b{_WORD})\s+of\s+the\s+$", before) is not None
        if re.search(r"(?i)\bthe\s+$", before) and not hyphenated and not whole_of:
            continue  # "the two sides" names them; it does not count them ("61 of the 88" does)
        if lone_one and re.search(r"(?i)\bno\s+$", before):
            continue  # "no one was hurt" counts no one
        if re.match(r",\s", after) and re.search(r"\w,\s+$", before) and match.group("digits"):
            continue  # an age: "The injured worker, 34, was taken"
        if re.match(rf"(?i)\s*(?:{_CLOCK})(?!\w)", after):
            continue  # a time: "9 am", "8 p.m.", "07.20 CET", "just after two o'clock"
        if (
            match.group("digits")
            and re.fullmatch(r"(?:[01]?\d|2[0-3])\.[0-5]\d", match.group("digits"))
            and re.search(r"(?i)\b(?:at|from|until|till|by|around|about|after|before)\s+$", before)
        ):
            continue  # a clock time with a dot: "at 09.20", "from 5.30 until …"
        if re.search(r"\(\s*$", before) and re.search(
            rf"(?i)(?:\d|\b{_WORD})[\s-]*(?:{_MEASURES})\s*\(\s*$", before
        ):
            continue  # the same measure in other units: "3 kilometres (2 miles)"
        if (
            match.group("words")
            and match.group("words").lower() in _SCALES | {"hundred": 1, "thousand": 1}
            and re.search(r"\d\s+$", before)
        ):
            continue  # "300 hundred": the scale is the number before it, misspelt
        if re.search(r"(?i)\bwithin\s+(?:the\s+)?(?:first\s+|next\s+)?$", before):
            continue  # when, not how long: "Within two months, fighting …"
        if re.search(r"(?i)\b(?:past|last|next|previous)\s+$", before):
            continue  # the window a count covers: "over the past 24 hours"
        sentence_span = containing(spans, start)
        sentence = text[sentence_span[0] : sentence_span[1]]
        # "more than a million": the hedge stands before the article of a scale word
        article = (
            2
            if match.group("words")
            and match.group("words").lower() in ("hundred", "thousand", "million", "billion")
            and re.search(r"(?i)\ba\s$", before)
            else 0
        )
        hedge_match = _HEDGE.search(text[max(0, start - 20 - article) : start - article])
        hedge = hedge_match.group(1) if hedge_match else None
        if (
            hedge
            and hedge.lower() == "over"
            and re.search(
                r"(?i)\b(?:hand|hands|handed|handing|took|taken|take|takes|turned|turn|taking)\s+over\s+$",
                before,
            )
        ):
            hedge_match, hedge = None, None  # "handed over 17 prisoners": a verb, not a hedge
        if hedge_match:
            start -= len(text[max(0, start - 20 - article) : start]) - hedge_match.start()
        counted: list[str] = []
        around: list[str] = re.findall(r"[A-Za-z]+", text[max(0, start - 30) : start])[-2:]
        rule = "number + noun"
        # "1,400 of the town's 4,000 residents": the second number is the whole, not a harm.
        whole = re.search(r"\bof\s+the\s+\w+['’]s\s+$", before) is not None
        adjective = re.match(r"-([A-Za-z]+(?:-old)?)", after)  # "six-week", "five-year"
        if adjective:
            if adjective.group(1).lower() in _NOT_COUNTS:
                continue
            counted = [adjective.group(1)]
            end += adjective.end()
            rule = "number-noun adjective"
        else:
            of = re.match(
                r"\s+of\s+(?:(?:the|its|our|their|his|her)\s+)?(?:[A-Za-z]+['’]s\s+)?"
                r"(?:[\d,]+\s+)?(?P<noun>(?:[A-Z][a-z]+\s+)?[a-z]+)",
                after,
            )
            harmed = re.match(
                r"[^.;]{0,60}?\b(?:was|were|had been|have been)\s+(?:\w+\s+)?"
                r"(?:killed|wounded|injured|captured|detained|missing)\b|[^.;]{0,40}?\bdied\b",
                after[of.end() :] if of else "",
            )
            if of and lone_one and not harmed:
                continue  # "one of the ministers" counts no one
            if of:
                # "three of the soldiers", "1,400 of the town's 4,000 residents"
                counted = of.group("noun").split()
                end += of.end()
                rule = "number of the noun"
            elif re.match(r"\s+who\s+(?:had\s+|have\s+)?[a-z]+ed\b", after):
                # "150,000 who crossed into Chad": people, counted by what they did.
                counted = []
                rule = "number of those who did something"
            else:
                # "two more years", "three further soldiers": what follows is counted.
                more = re.match(r"\s+(?:more|further)\b(?!\s+than\b)", after)
                after_end = more.end() if more else 0
                while len(counted) < 3:
                    word = re.match(r"\s+([A-Za-z][\w’'-]*)", after[after_end:])
                    if word is None or word.group(1).lower() in _STOP:
                        break
                    counted.append(word.group(1))
                    after_end += word.end()
                    noun = word.group(1).lower()
                    if (
                        noun.endswith("s")
                        or noun in PEOPLE
                        or noun.rstrip("s") in TIME_UNITS
                        or noun in {w for keys, _ in PEOPLE_METRICS for w in keys}
                    ):
                        break
                end += after_end
        verb_after = re.match(r"(?:\s+\w+){0,4}", text[end:])
        around += re.findall(r"[A-Za-z]+", verb_after.group() if verb_after else "")
        compared = re.search(
            r"(?i)\b(?:against|compared\s+(?:with|to)|up\s+from|down\s+from|versus)\s+$",
            text[max(0, start - 30) : start],
        )
        if (
            not counted
            and compared
            and found
            and containing(spans, found[-1].start) == (sentence_span)
        ):
            # "four incidents in April, against more than thirty a year before": the number
            # compared counts what the one before it counts.
            counted = found[-1].counted.split()
            rule = "number compared with the one before"
        if not counted and rule == "number of those who did something":
            pass
        elif not counted:
            harm = {w for keys, _ in PEOPLE_METRICS for w in keys}
            if not ({w.lower() for w in around} & harm):
                continue
            rule = "bare number beside a verb"
        if (
            lone_one
            and not hyphenated
            and rule == "number + noun"
            and not re.match(r"\s+(?:was|were|has|had)\b", after)
            # "killing one soldier", "wounding one civilian"
            and not (
                counted
                and re.search(
                    r"(?i)\b(?:killing|wounding|injuring|killed|wounded|injured)\s+$", before
                )
            )
            # "one day after Azerbaijan launched …": the time between two events
            and not re.match(r"\s+(?:hour|day|week|month|year)\s+(?:after|before)\b", after)
            and not (
                # "one serviceman was killed"
                counted
                and re.match(
                    r"\s+(?:was|has been|had been)\s+(?:\w+\s+)?"
                    r"(?:killed|wounded|injured|destroyed|damaged|burned|burnt|hit)\b",
                    text[end:],
                )
            )
        ):
            continue
        if (
            counted
            and counted[-1].lower().rstrip("s") in TIME_UNITS
            and re.match(r"\s+(?:earlier|later|ago)\b", text[end:])
        ):
            continue  # "two weeks earlier", "two days ago": when, not how long
        if (
            counted
            and counted[-1].lower().rstrip("s") in TIME_UNITS
            and _SUPERLATIVE.search(text[max(sentence_span[0], start - 100) : start])
        ):
            continue  # "the deadliest in two decades", "the first in ten years": a window
        qualifier = HEDGES[hedge.lower()] if hedge else Qualifier.exact
        if whole:
            metric, unit = counted[-1].lower(), counted[-1].lower()
        else:
            metric, unit = _metric(counted, around, sentence)
            harm_after = re.match(r"\s+(?:were\s+|was\s+|had\s+been\s+)?([a-z]+)", text[end:])
            if unit == "people" and harm_after:
                # "13 were killed and 19 others wounded": the word after the count says it
                for keys, people_metric in PEOPLE_METRICS[:2]:
                    if harm_after.group(1) in keys:
                        metric = people_metric
        found.append(
            FigureCandidate(
                start, end, value, qualifier, hedge, " ".join(counted), metric, unit, rule
            )
        )
    return found
