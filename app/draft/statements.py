"""Statements: who said what. Direct quotes with their speakers, and reported speech.

A sentence that joins two speakers ("A said …, while B said …") is read clause by clause, so
each speaker gets a statement of their own. A quotation that runs to the end of its clause is
a direct quote; one the clause goes on after ("accused them of "provocations" near …") stays
inside a paraphrase of the clause, where the party's wording keeps its quotation marks.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from app.draft.text import DASH_QUOTE, QUOTE, Span, containing, masked, sentences, words

VERBS = words(
    "said says say added adds told tells stressed stresses noted notes stated states warned "
    "warns urged urges insisted insists emphasized emphasised explained declared announced "
    "wrote writes tweeted demanded demands asked claimed claims argued reiterated underlined "
    "affirmed confirmed acknowledged replied responded concluded pledged vowed reported "
    "reaffirmed accused accuses denied denies rejected rejects welcomed welcomes condemned "
    "condemns thanked call called calls estimated estimates raised warned believes believed "
    "recalled complained alleged insisted admitted argues cautions cautioned contends contended "
    "blames blamed recalls"
)
"""Verbs that attribute words (or a stance taken in words) to a speaker."""

_VERB = (
    "(?:"
    + "|".join(sorted(VERBS, key=len, reverse=True))
    # "It put Azerbaijani losses at "more than 30 killed"": a count given in words.
    + r"|puts?(?=\s+(?:[\w-]+\s+){0,2}(?:losses|toll|casualties|number|figure)\s+at\b)"
    # "The Ministry is concerned by the shelling …", "expressed concern over": a stance in words.
    + r"|(?:is|are|was|were)\s+(?:deeply\s+|seriously\s+|gravely\s+)?(?:concerned|alarmed)"
    + r"(?=\s+(?:by|about|over|at|that)\b)"
    + r"|express(?:es|ed)\s+(?:its\s+|their\s+|his\s+|her\s+)?(?:deep\s+|grave\s+)?concern"
    + ")"
)
_CAP = r"[A-Z][\w’'.-]*"
_NAME = (
    rf"(?:(?:[Tt]he|[Hh]is|[Hh]er|[Ii]ts)\s+)?{_CAP}(?:\s+(?:of|for|of the)\s+{_CAP}|\s+{_CAP})*"
)
_NOUNS = (
    r"ministry|ministries|spokesman|spokeswoman|spokesperson|officials?|government|president"
    r"|prime minister|foreign minister|minister|army|military|statement|agency|bloc|group"
    r"|alliance|organi[sz]ation|authorities|presidency|office|command|mission|protesters"
    r"|activists|residents|leaders?|diplomats?|forces|committee|council|kremlin|rebels"
    r"|separatists|police|administration|service|embassy|secretary|governor|mayor|ombudsman"
    r"|air force|navy|general staff|border guards?"
)
# "the ministry", "the humanitarian group", "Russia's defence ministry", "Armenian officials",
# "Karabakh's ethnic Armenian authorities": speakers described rather than named.
_ROLE = (
    rf"(?:(?:[Tt]he\s+|{_CAP}['’]s\s+)(?:[\w-]+\s+){{0,3}}?(?:{_NOUNS})"
    rf"|{_CAP}(?:\s+(?:ethnic|local|senior|top|{_CAP}))*\s+(?:officials|authorities|government|leaders|diplomats|forces|troops|military))(?!\w)"
)
_PRONOUN = r"(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t)"
_SPEAKER = rf"(?P<name>{_ROLE}|{_NAME}|{_PRONOUN})"
_NOT_NAMES = {
    "the",
    "his",
    "her",
    "its",
    "this",
    "that",
    "but",
    "and",
    "in",
    "on",
    "which",
    "who",
    "as",
    "both",
    "after",
    "before",
    "when",
    "while",
    "if",
    "so",
    "a",
    "an",
    "there",
    "here",
}
# What may stand between a speaker and its verb: "also", "strongly", "once again".
_ADVERBS = r"(?:(?:also|further|again|once again|later|then|[a-z]+ly)\s+){0,2}"
# "X said", "X, for its part, said", "X (ANAMA) said", "X also noted", "X strongly condemns".
_SAID = re.compile(
    rf"{_SPEAKER}(?:\s*\([^)\n]{{1,20}}\))?(?:,\s*(?P<appos>[^,\"“”\n]{{1,100}}),|,)?\s+"
    rf"{_ADVERBS}(?P<verb>{_VERB})\b"
)
_PROPER = re.compile(rf"{_CAP}(?:\s+{_CAP}){{1,3}}")
_NAME_AFTER = re.compile(
    r"\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|On|In|The)\b)"
    r"((?:[A-Z]{2,}|[A-Z][a-z][\w’'-]*)(?:\s+[A-Z][\w’'-]+){0,3})"
)
# ", said X", "… – said X": the verb before its speaker, after a quote or a comma.
# ("…, blames Baku's demand": whom one blames is no speaker.)
_SAID_BY = re.compile(rf"[,\"”—–]\s*(?!blame)(?P<verb>{_VERB})\s+(?P<name>{_ROLE}|{_NAME})")
_ACCORDING = re.compile(
    rf"\b[Aa]ccording to\s+(?:(?:figures|data|a statement|a report|estimates|a tally)"
    rf"(?:\s+(?:collected|published|released|issued|compiled))?\s+(?:by|from)\s+)?"
    rf"(?P<name>{_ROLE}|{_NAME}|him|her|them)"
)
# "According to the head of the Khoznavar community, Armen Sargsyan, …": a description, then
# the name in commas.
_ACCORDING_TITLED = re.compile(
    r"\b[Aa]ccording to\s+(?:the|a|an|its|their)\s+[a-z][^,;\"“”\n]{1,80},\s+"
    r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3}),"
)
# Where and to whom words were said, between the verb and what was said: "told reporters in
# Baku", "told a cabinet meeting", "said in a statement", "wrote on Telegram".
VENUE = (
    r"(?:\s+(?:reporters|journalists|parliament|lawmakers|residents|us|the\s+[A-Z]\w+"
    r"|a\s+(?:[\w-]+\s+){0,2}(?:meeting|conference|briefing|session|rally|gathering)"
    r"|in\s+(?:a\s+(?:[\w-]+\s+){0,2}(?:statement|interview|message|address|post|briefing)"
    r"|[A-Z]\w+)"
    r"|at\s+(?:a|the)\s+(?:[\w-]+\s+){0,2}(?:conference|briefing|meeting|session|summit|rally)"
    r"|on\s+(?:Telegram|Twitter|Facebook|television)|after\s+the\s+(?:talks|meeting)))"
)
# What may stand between "X said" and the quote it introduces.
_SAID_BEFORE = re.compile(
    rf"^(?:\s*\([^)]*\))?(?:,[^,]*,)?\s+{_ADVERBS}{_VERB}(?:{VENUE}){{0,2}}"
    r"(?:\s+on\s+\w+)?(?:,?\s+adding)?(?:\s+that)?[\s:,]*$"
)
SUBJECT = 'X "verb …"'
"""How a speaker named just before a quote that opens with its verb is found."""
_SPEECH_START = re.compile(rf"^(?:{_VERB}|called|calls|expressed|described)\b")
# Where a sentence holding two speakers splits: "A said …, while B said …".
_JOINS = re.compile(r",\s+(?:while|whereas)\s+|;\s+|\s+[–—]\s+")


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
    """Words attributed to a speaker: a direct quote, or a paraphrase of reported speech."""

    kind: str
    start: int
    end: int
    text: str
    speaker: Attribution
    reported_by: Attribution | None
    cue: Span | None
    """The attribution's own words ("Baku said"), cited beside a quote."""
    rule: str
    sentence: Span


def _clean_name(match: re.Match[str]) -> tuple[int, int, str] | None:
    """Return (start, end, name) of a speaker match, or None when it is no name at all. A
    description followed by a name in commas ("Pashinyan's spokeswoman, Nazeli Baghdasaryan,
    said") is that name."""
    name = match.group("name")
    start = match.start("name")
    appos = match.groupdict().get("appos")
    if appos and _PROPER.fullmatch(appos.strip()) and re.search(rf"(?i)(?:{_NOUNS})$", name):
        name = appos.strip()
        start = match.start("appos") + appos.index(name)
    trimmed = re.sub(r"[’']s$", "", name)
    if not re.search(r"(?:^|\s)(?:[A-Z]\.)+$", trimmed):
        trimmed = trimmed.rstrip(".")  # the full stop ending the sentence, not an initial
    if trimmed.lower() in _NOT_NAMES or not re.search(r"[A-Za-z]{2}", trimmed):
        return None
    return start, start + len(trimmed), trimmed


def attributions(text: str, span: Span, blank: str | None = None) -> list[Attribution]:
    """Return the attributions ("X said", "said X", "according to X") inside `span` of
    `text`, outside quotation marks, in text order."""
    start, end = span
    hidden = (blank if blank is not None else masked(text))[start:end]
    found = []
    for pattern, how in (
        (_SAID, "X said"),
        (_SAID_BY, "said X"),
        (_ACCORDING, "according to X"),
        (_ACCORDING_TITLED, "according to X"),
    ):
        for match in pattern.finditer(hidden):
            name = _clean_name(match)
            if name is None:
                continue
            if how == "X said" and re.search(
                r"\b(?:in|of|from|near|at|outside)\s+(?:the\s+)?$", hidden[: name[0]]
            ):
                appos = match.groupdict().get("appos")
                if not (appos and _PROPER.fullmatch(appos.strip())):
                    continue  # "Farmers in the village of Nerkin Hand say": the farmers speak
                # "Its coordinator in Darfur, Hana Ibrahim, told us": the name in commas.
                at = match.start("appos") + appos.index(appos.strip())
                name = (at, at + len(appos.strip()), appos.strip())
            verb = match.groupdict().get("verb") or "according to"
            if how == "according to X" and re.search(rf"(?:{_NOUNS})$", name[2]):
                # "according to the monitoring group ACLED": the name after the description.
                after = _NAME_AFTER.match(hidden, name[1])
                if after:
                    name = (after.start(1), after.end(1), after.group(1))
            found.append(Attribution(start + name[0], start + name[1], name[2], verb, how))
    unique = {(a.start, a.end): a for a in reversed(found)}  # "X said" wins over "said X"
    kept = sorted(unique.values(), key=lambda a: a.start)
    # A name found inside a longer one ("Azerbaijan" in "Azerbaijan's Defence Ministry") is
    # that one.
    return [
        a
        for a in kept
        if not any(
            b is not a
            and b.start <= a.start
            and a.end <= b.end
            and (b.end - b.start) > (a.end - a.start)
            for b in kept
        )
    ]


def clauses(text: str, span: Span, blank: str) -> list[Span]:
    """Return the parts of the sentence at `span` that each hold a speaker of their own ("A
    said …, while B said …"), or the whole sentence."""
    start, end = span
    parts: list[Span] = []
    cut = start
    for join in _JOINS.finditer(blank, start, end):
        if attributions(text, (join.end(), end), blank) and attributions(
            text, (cut, join.start()), blank
        ):
            parts.append((cut, join.start()))
            cut = join.end()
    parts.append((cut, end))
    return parts


def _end_of(text: str, start: int, end: int) -> int:
    """Return `end` moved back over the punctuation closing a clause."""
    while end > start and text[end - 1] in " .,;:":
        end -= 1
    return end


def _quotes(text: str, span: Span) -> list[tuple[int, int, int, int]]:
    """Return (mark start, mark end, words start, words end) of each quotation in `span`."""
    found = []
    for match in QUOTE.finditer(text, span[0], span[1]):
        group = "curly" if match.group("curly") is not None else "straight"
        found.append((match.start(), match.end(), match.start(group), match.end(group)))
    for match in DASH_QUOTE.finditer(text):
        if span[0] <= match.start("dash") < span[1]:
            words_end = match.end("dash")
            found.append((match.start(), match.end(), match.start("dash"), words_end))
    return sorted(found)


def find_statements(text: str, skip: Iterable[Span] = ()) -> list[StatementCandidate]:
    """Return direct quotes with their speakers, and reported speech as paraphrases.

    A quote's speaker is, in order of preference: the subject just before a quote that opens
    with a reporting verb (Mirzoyan "stressed …"); "X said" just before the quote (or a
    colon: `X said: "…"`); "…," X said just after it; any other attribution in its clause; the
    subject of the clause a colon ends; an attribution in the sentence before. Another
    attribution in the clause becomes `reported_by`. Quotes with no attribution at all
    (scare quotes) are left out. Unquoted reported speech ("According to X, …", "X said that
    …", "…, X said", "X urged restraint") becomes a paraphrase: the clause itself.
    Sentences inside the `skip` spans (the headline, a dateline) are left out.
    """
    blank = masked(text)
    skipped = list(skip)
    spans = []
    for first, last in sentences(text):
        # A skipped span ending inside a sentence (a dateline: "MOSCOW, Aug 4 (Agency) -")
        # opens it: the sentence is what follows.
        first = max([first] + [b for a, b in skipped if a <= first < b < last])
        if not any(a <= first < b for a, b in skipped):
            spans.append((first + len(text[first:last]) - len(text[first:last].lstrip()), last))
    found: list[StatementCandidate] = []
    for index, sentence in enumerate(spans):
        for clause in clauses(text, sentence, blank):
            found += _clause_statements(text, blank, sentence, clause, spans[:index])
    return sorted(found, key=lambda s: s.start)


def _clause_statements(
    text: str, blank: str, sentence: Span, clause: Span, earlier: list[Span]
) -> list[StatementCandidate]:
    """Return the statements of one clause (a whole sentence, or a part of one)."""
    around = attributions(text, clause, blank)
    quotes = _quotes(text, clause)
    found: list[StatementCandidate] = []
    fragments: list[Attribution] = []
    for mark_start, mark_end, start, end in quotes:
        end = _end_of(text, start, end) if text[end - 1 : end] in ",;:" else end
        after = blank[mark_end : clause[1]]
        speaker = _quote_speaker(text, blank, (mark_start, mark_end), around, clause)
        if speaker is None and not re.match(r"^[\s,.]*$", blank[clause[0] : mark_start]):
            speaker = _colon_subject(text, blank, clause, mark_start)
        if speaker is None and re.match(r"^\W*$", blank[clause[0] : mark_start]):
            earlier_found = attributions(text, earlier[-1], blank) if earlier else []
            speaker = earlier_found[-1] if earlier_found else None
        if speaker is None:
            continue
        # Words the clause goes on with after the quote ("… "provocations" near the …"): the
        # quote is a fragment of reported speech, not a statement of its own.
        # (A quote ending in its own comma or full stop is whole: "…Azerbaijan," referring to.)
        whole = text[end - 1 : end] in ".!?" or text[mark_end - 2 : mark_end - 1] in ",.!?"
        goes_on = not whole and re.match(r"^[\s”\"]*(?:[A-Za-z]+\b)", after)
        said_after = goes_on and any(
            a.start >= mark_end
            and re.match(r"^[\s,.”\"—–-]*(?:\w+\s+){0,6}?$", blank[mark_end : a.start])
            for a in around
        )
        if (
            goes_on
            and not said_after
            and not re.match(r"^[\s,]*(?:and|but)\s+\w+\s*,", after)
            and speaker.how != SUBJECT
        ):
            fragments.append(speaker)
            continue
        # (A speaker from the sentence before leads into nothing: '"…," he said. "…"'.)
        lead = (
            blank[speaker.end : mark_start]
            if clause[0] <= speaker.start and speaker.end <= mark_start
            else None
        )
        if (
            lead is not None
            and speaker.how == "X said"
            and not _SAID_BEFORE.match(lead)
            and not lead.rstrip().endswith(":")
            and re.search(r"[a-z]{2,}", lead)
        ):
            # 'X said Armenia was ready to sign "by the end of the year"', 'X called the
            # report "a fabrication"': words of the speaker's own lead into the quote, which
            # stays inside their paraphrase.
            fragments.append(speaker)
            continue
        if (
            lead is not None
            and speaker.how == "X said"
            and lead.rstrip().endswith(":")
            and speaker.start == clause[0]
        ):
            said = re.match(rf"(?:,[^,]*,)?\s+{_ADVERBS}{_VERB}\b", lead)
            rest = lead[said.end() :] if said else ""
            if len(re.findall(r"[A-Za-z]+", rest)) >= 3 and not re.fullmatch(
                rf"(?:{VENUE}){{0,2}}(?:\s+on\s+\w+)?\s*:\s*", rest
            ):
                # 'X blames Baku's demand that …: "…"': the words before the colon are a
                # statement of their own, then the quote.
                end_lead = _end_of(text, clause[0], mark_start)
                words = text[clause[0] : end_lead]
                found.append(
                    StatementCandidate(
                        "paraphrase",
                        clause[0],
                        end_lead,
                        words[:1].upper() + words[1:] + ".",
                        speaker,
                        None,
                        None,
                        "reported speech before a colon and a quote",
                        sentence,
                    )
                )
        # A pronoun after the quote ("…," he said) repeats its speaker; it reports nothing.
        others = [
            a
            for a in around
            if a.start != speaker.start and a.name.lower() not in ("he", "she", "it", "they")
        ]
        reported_by = min(others, key=lambda a: abs(a.start - start)) if others else None
        cited = reported_by if speaker.how == SUBJECT else speaker
        cue = _cue(text, cited) if cited is not None and cited.how != SUBJECT else None
        rule = "dash quote" if text[mark_start] in "—–-" else f"quote, {speaker.how}"
        found.append(
            StatementCandidate(
                "direct_quote",
                start,
                end,
                text[start:end],
                speaker,
                reported_by,
                cue,
                rule,
                sentence,
            )
        )
        and_clause = re.match(r"^\s+and\s+([^,\"“”]+?)\s*,\s*", text[mark_end : clause[1]])
        if speaker.how == SUBJECT and and_clause and reported_by is not None:
            clause_start = mark_end + and_clause.start(1)
            clause_end = mark_end + and_clause.end(1)
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
                    'X "verb …" and verb …',
                    sentence,
                )
            )
    if found:
        return found
    if not around:
        return []
    speaker = fragments[0] if fragments else _paraphrase_speaker(text, clause, around)
    if speaker is None:
        return []
    others = [
        a for a in around if a.start != speaker.start and a.name.lower() not in {"which", "who"}
    ]
    reported_by = None
    # (A pronoun there is part of what was said: "He added that Azerbaijan still held 23
    # people it accuses of war crimes".)
    nested = [
        a
        for a in others
        if a.start > speaker.end
        and a.how == "X said"
        and a.name.lower() not in ("he", "she", "it", "they")
    ]
    if nested and speaker.how == "X said" and not fragments:
        # "The ministry said Bayramov demanded …": Bayramov speaks, the ministry reports it.
        speaker, reported_by = nested[0], speaker
    start = clause[0]
    end = _end_of(text, start, clause[1])
    words = text[start:end]
    paraphrase = words[:1].upper() + words[1:] + "."
    return [
        StatementCandidate(
            "paraphrase",
            start,
            end,
            paraphrase,
            speaker,
            reported_by,
            None,
            f"reported speech, {speaker.how}" + (", quoted words kept" if fragments else ""),
            sentence,
        )
    ]


def _paraphrase_speaker(text: str, clause: Span, around: list[Attribution]) -> Attribution | None:
    """Return who a clause of unquoted reported speech is attributed to: "X said …" at its
    head, "…, X said" at its end, "according to X" anywhere; else None."""
    for attribution in around:
        lead = text[clause[0] : attribution.start]
        # What may open the clause before its speaker: "After the meeting,", "In the nearby
        # village of Sotk, local official", and the rest of a name or title.
        lead = re.sub(
            r"^(?:[A-Z]\w*\s+)?(?:in|on|at|after|before|speaking|later)\b[^,]*,",
            "",
            lead,
            flags=re.I,
        )
        lead = re.sub(
            rf"(?:[A-Z][\w’'.-]*|\b(?:of|the|a|an|local|senior|regional|foreign policy|{_NOUNS}"
            r"|official|adviser|aide|analyst|chief)\b)",
            "",
            lead,
        )
        if attribution.how == "X said" and not re.search(r"[A-Za-z]", lead):
            return attribution
    for attribution in reversed(around):
        if attribution.how in ("said X", "according to X"):
            return attribution
        rest = re.sub(r"^\s*\([^)]*\)", "", text[attribution.end : clause[1]])
        if attribution.how == "X said" and re.match(rf"^\W*{_ADVERBS}{_VERB}\W*$", rest):
            return attribution  # "…, the ministry said."
        if attribution.how == "X said" and re.match(rf"^\W*{_ADVERBS}{_VERB}\b", rest):
            return attribution
    return None


def _quote_speaker(
    text: str, blank: str, quote: Span, around: list[Attribution], clause: Span
) -> Attribution | None:
    """Return who speaks the quote at `quote`, from the attributions `around` it."""
    words = text[quote[0] + 1 : quote[1] - 1]
    subject = re.search(
        rf"{_SPEAKER}(?:\s+(?:also|further|then))?\s*$", blank[clause[0] : quote[0]]
    )
    name = _clean_name(subject) if subject else None
    if name and _SPEECH_START.match(words):
        start, end = clause[0] + name[0], clause[0] + name[1]
        return Attribution(start, end, name[2], words.split()[0], SUBJECT)
    before = [a for a in around if a.end <= quote[0]]
    if before and _SAID_BEFORE.match(blank[before[-1].end : quote[0]]):
        return before[-1]
    after = [a for a in around if a.start >= quote[1]]
    if after and re.match(r"^[\s,.”\"—–-]*(?:\w+\s+){0,6}?$", blank[quote[1] : after[0].start]):
        return after[0]
    if around:
        return min(around, key=lambda a: min(abs(a.start - quote[1]), abs(a.end - quote[0])))
    return None


def _colon_subject(text: str, blank: str, clause: Span, quote_start: int) -> Attribution | None:
    """Return the subject of a clause ended by a colon before a quote ("The minister ordered
    …: "…"") as its speaker, or None."""
    lead = blank[clause[0] : quote_start]
    if not lead.rstrip().endswith(":"):
        return None
    subject = re.match(rf"\s*{_SPEAKER}\s+(?:also\s+)?[a-z]+", lead)
    name = _clean_name(subject) if subject else None
    if subject is None or name is None:
        return None
    start = clause[0] + name[0]
    return Attribution(
        start, clause[0] + name[1], name[2], (subject.group().split() or [""])[-1], 'X …: "…"'
    )


def _cue(text: str, attribution: Attribution) -> Span:
    """Return the span of an attribution's words: the name through the verb ("Baku said")."""
    window = text[attribution.start : attribution.end + 80]
    verb = re.search(rf"\b{re.escape(attribution.verb)}\b", window)
    if attribution.how == "said X":
        back = text[max(0, attribution.start - 40) : attribution.start]
        verb_back = re.search(rf"\b{re.escape(attribution.verb)}\s+$", back)
        if verb_back:
            return attribution.start - len(back) + verb_back.start(), attribution.end
    if verb:
        return attribution.start, attribution.start + verb.end()
    return attribution.start, attribution.end


def said_when(text: str, attribution: Attribution) -> Span | None:
    """Return where the words right after an attribution's verb date it ("said on Tuesday",
    "told reporters on Monday"), or None."""
    window_start = attribution.end
    match = re.match(
        rf"(?:\s*\([^)]*\))?(?:,[^,]*,)?\s+{_ADVERBS}{re.escape(attribution.verb)}"
        rf"(?:{VENUE}){{0,2}}"
        r"\s+(?:on\s+|late on\s+|early on\s+)?"
        r"(?P<when>(?:last\s+|this\s+)?(?:[A-Z]\w+(?:\s+\d{1,2})?|\d{1,2}\s+[A-Z]\w+)"
        r"|(?:last|this)\s+(?:week|month)|\w+\s+(?:day|week|month)s?\s+(?:earlier|before|ago))\b",
        text[window_start : window_start + 120],
    )
    if match is None:
        return None
    return window_start + match.start("when"), window_start + match.end("when")


def in_clause(spans: list[Span], position: int) -> Span:
    """Return the span of `spans` holding `position`."""
    return containing(spans, position)
