"""Events: dated happenings, their type, place and actors; and the stored events an article
names again ("the 2020 war"), which it refers to instead of drafting them anew."""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from app.draft.dates import FUTURE, DateCandidate, anchor, is_future
from app.draft.names import Entities, Entity
from app.draft.text import Span, containing
from app.models import DatePrecision, EventType

EVENT_WORDS: dict[EventType, str] = {
    EventType.diplomatic_meeting: (
        r"talks|negotiations?|meetings?|met|meet|meets|summit|visit(?:ed|s)?|received|hosted"
        r"|hosts?|interlocutors|round of talks|consultations|agreed"
        r"|(?:further|next|new|latest|first|second|third|fourth|final)\s+round"
    ),
    EventType.ceasefire_agreement: r"ceasefire|truce|deal|agreement|accord|armistice|treaty",
    EventType.armed_conflict: (
        # "violated the ceasefire 26 times", "ceasefire violations": fighting, not a truce;
        # "repelled nineteen assaults": fighting, not one attack.
        r"(?:violated|violating|broke|breached|breaking)\s+(?:the\s+|a\s+)?(?:ceasefire|truce)"
        r"|(?:ceasefire|truce)\s+violations?"
        # "repelled a fresh assault", "beat back two attacks": fighting too.
        r"|(?:repelled|repulsed|beat\s+back|fended\s+off)\s+(?:\S+\s+){0,3}?"
        r"(?:attacks?|assaults?|attempts?|offensives?)"
        r"|war|conflict|fighting|clash|clashes|clashed|fought|shootout|exchanged fire|flare-up"
        r"|skirmish(?:es)?|hostilities|battle|violation|violated"
    ),
    EventType.deployment: r"deploy(?:ed|ment|s)?|peacekeepers|monitors|mission",
    EventType.military_operation: (
        r"operation|offensive|invasion|invaded|launched|anti-terrorist|occupied|seized|captured"
        r"|took control|(?:laid\s+)?siege|besieged|encircled"
    ),
    EventType.mediation: r"mediator|mediation|mediated|mediating|handed over|handover",
    EventType.accusation: r"accused|accuses|accusations?",
    EventType.attack: (
        r"attack(?:ed|s)?|assaults?|shelling|shelled|shells|strikes?|struck|bombing|missile|blast"
        r"|explosion|bombardments?|bombarded"
        r"|landmine|mine|opened fire|drones?|shots|gunfire|gunshots?|bullets?|shooting"
        r"|fired (?:on|at)|under fire"
        r"|(?:sniper|mortar|artillery|rocket|small-arms|machine-gun) fire"
    ),
    EventType.protest: r"protests?|rally|demonstrations?|blocked|blockade|protesters|activists",
}
"""Words that name an event of each type."""

_GENERIC = {"agreed", "met", "meet"}
"""Event words that yield to a more telling one nearby."""

_TITLES: dict[EventType, str] = {
    EventType.diplomatic_meeting: "Meeting",
    EventType.ceasefire_agreement: "Ceasefire agreement",
    EventType.armed_conflict: "Fighting",
    EventType.deployment: "Deployment",
    EventType.military_operation: "Military operation",
    EventType.mediation: "Mediation",
    EventType.accusation: "Accusations",
    EventType.attack: "Attack",
    EventType.protest: "Protest",
}

_VIOLENT = {EventType.armed_conflict, EventType.attack, EventType.military_operation}


@dataclass(frozen=True)
class StoredEvent:
    """An event the database holds: what an article may name again."""

    id: str
    title: str
    type: str
    start_date: date | None
    end_date: date | None
    actors: frozenset[str]
    place_id: str | None


@dataclass
class EventCandidate:
    """A happening the article dates, or a stored event it names."""

    type: EventType
    start_date: date | None
    end_date: date | None
    precision: DatePrecision | None
    status: str
    sentence: Span
    word: str
    word_at: int
    rule: str
    sure: float
    dates: list[DateCandidate] = field(default_factory=list)
    actors: list[Entity] = field(default_factory=list)
    place: Entity | None = None
    citations: list[Span] = field(default_factory=list)
    stored: StoredEvent | None = None
    notes: list[str] = field(default_factory=list)

    def title(self) -> str:
        """Return a neutral title: what happened, between whom, where."""
        label = _TITLES[self.type]
        people = [a for a in self.actors if a.kind in ("person", "state")]
        names = [a.name.split()[-1] if a.kind == "person" else a.name for a in people[:2]]
        who = ""
        if names and self.type in (
            EventType.diplomatic_meeting,
            EventType.armed_conflict,
            EventType.ceasefire_agreement,
        ):
            who = " between " + " and ".join(names) if len(names) > 1 else f" involving {names[0]}"
        elif names:
            who = f" by {names[0]}"
        where = f" in {self.place.name}" if self.place else ""
        if self.place and self.place.kind == "site":
            where = f" at the {self.place.name}"
        return f"{label}{who}{where}"

    def span(self) -> tuple[date, date] | None:
        if self.start_date is None:
            return None
        return self.start_date, self.end_date or date.max


def _words(event_type: EventType) -> re.Pattern[str]:
    return re.compile(rf"(?i)\b(?:{EVENT_WORDS[event_type]})\b")


def _nearest_word(text: str, span: Span, position: int) -> tuple[int, EventType, str, int] | None:
    """Return (distance, type, word, where) of the event word nearest `position` in `span`."""
    nearest = None
    for event_type in EVENT_WORDS:
        for match in _words(event_type).finditer(text, span[0], span[1]):
            distance = min(abs(match.start() - position), abs(match.end() - position))
            if match.group().lower() in _GENERIC:
                distance += 40  # "agreed on Wednesday to a ceasefire": the ceasefire says more
            # Of words as near, the longer says more ("violated the ceasefire", "ceasefire").
            if (
                nearest is None
                or distance < nearest[0]
                or (distance == nearest[0] and len(match.group()) > len(nearest[2]))
            ):
                nearest = (distance, event_type, match.group(), match.start())
    return nearest


_LOCAL_VISIT = re.compile(
    r"(?i)\s+(?:the\s+)?(?:nearby\s+)?(?:village|town|city|site|area|scene|hospital|border|front"
    r"|wounded|victims|residents|families|school|camp|region|district)\b"
)
"""What an official visits without meeting anyone for talks: "visited the village"."""

_INTERNAL_MEETING = re.compile(
    r"(?i)\b(?:operational|cabinet|government|staff|internal|party|board|press)\s+(?:\w+\s+)?$"
)
"""What a meeting within one government or body is called: "an operational meeting"."""

_COUNTS = {"one": 1, "a": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def _days_before(between: str, date_first: bool) -> int:
    """Return how many days before its date an event is when the words between them say so
    ("on Thursday, two days after shelling"), else 0."""
    if not date_first:
        return 0
    match = re.search(
        r"(?i)\b(\d+|one|a|two|three|four|five|six|seven)\s+(day|week)s?\s+after\b", between
    )
    if not match:
        return 0
    word = match.group(1).lower()
    count = int(word) if word.isdigit() else _COUNTS[word]
    return count * (7 if match.group(2).lower() == "week" else 1)


def _overlaps(a: tuple[date, date] | None, b: tuple[date | None, date | None]) -> bool:
    if a is None or b[0] is None:
        return False
    return a[0] <= (b[1] or date.max) and b[0] <= a[1]


def find_events(
    text: str,
    dates: list[DateCandidate],
    sentences: list[Span],
    entities: Entities,
    stored: list[StoredEvent],
    published_on: date | None,
    skip: list[Span],
) -> list[EventCandidate]:
    """Return the events the article dates (one per type and days, merged), each matched to a
    stored event of the same type, overlapping days and a shared actor or place when there is
    one; and the stored events it names without a date of their own ("its peacekeepers")."""
    found: list[EventCandidate] = []
    for index, candidate in enumerate(dates):
        if candidate.shift is not None:
            # "a clash near Khramort two weeks earlier": earlier than the event told before.
            told = [
                e
                for e in found
                if e.start_date is not None and not e.rule.startswith("stored event named")
            ]
            if told:
                candidate = dates[index] = anchor(candidate, told[-1].start_date or date.min)
        if any(a <= candidate.start < b for a, b in skip):
            continue
        sentence = containing(sentences, candidate.start)
        if re.fullmatch(r"(?i)(?:so\s+far\s+)?this\s+(?:year|month|week)", candidate.text) and (
            _SUPERLATIVE_BEFORE.search(text, sentence[0], candidate.start)
        ):
            continue  # "the deadliest clash this year": the window of a comparison, no event
        nearest = _nearest_word(text, sentence, candidate.start)
        if nearest is None:
            continue
        _, event_type, word, where = nearest
        if re.fullmatch(r"(?i)visit(?:ed|s)?", word) and _LOCAL_VISIT.match(
            text, where + len(word)
        ):
            continue  # "the governor visited the village on Monday": no talks between parties
        if event_type is EventType.diplomatic_meeting and _INTERNAL_MEETING.search(
            text, max(sentence[0], where - 30), where
        ):
            continue  # "held an operational meeting": a government's own, between no parties
        owned = _possessed_word(text, candidate.end, sentence[1])
        if owned is not None:
            # "last month's border fighting": the date belongs to the noun it possesses.
            event_type, word, where = owned
        start_date, end_date = candidate.start_date, candidate.end_date
        shift = _days_before(
            text[min(candidate.end, where) : max(candidate.start, where)], candidate.start < where
        )
        if not shift and where < candidate.start:
            # "Two days after a missile strike killed eleven people, rescuers ended their
            # search on Sunday": the strike was two days before the sentence's date.
            lead = re.search(
                r"(?i)\b(?:\d+|one|a|two|three|four|five|six|seven)\s+(?:day|week)s?\s+after\s+"
                r"(?:[\w-]+\s+){0,3}$",
                text[sentence[0] : where],
            )
            if lead:
                shift = _days_before(lead.group(), True)
        if shift:
            # "on Thursday, two days after shelling": the shelling was two days earlier.
            start_date = end_date = candidate.start_date - timedelta(days=shift)
        future = is_future(text, sentence, candidate.start, candidate.end) or (
            published_on is not None and candidate.start_date > published_on
        )
        status = "scheduled" if future else "ongoing" if candidate.since else "occurred"
        event = EventCandidate(
            type=event_type,
            start_date=start_date,
            end_date=None if candidate.since else end_date,
            precision=candidate.precision,
            status=status,
            sentence=sentence,
            word=word,
            word_at=where,
            rule=f"date {candidate.text!r} with the event word {word!r} nearest it"
            + (f", {shift} days before it" if shift else ""),
            sure=0.7 if abs(where - candidate.start) < 60 else 0.5,
            dates=[candidate],
            citations=[sentence],
        )
        _people_and_place(event, entities)
        found.append(event)
        earlier = re.search(
            r"(?i)\b(\d+|one|a|two|three|four|five|six|seven)\s+(day|week)s?\s+after\s+",
            text[candidate.end : sentence[1]],
        )
        if earlier and not shift:
            # "agreed on Wednesday to a ceasefire, one day after Azerbaijan launched an
            # offensive": a second event, that many days earlier.
            after = candidate.end + earlier.end()
            second = _nearest_word(text, (after, sentence[1]), after)
            days = _days_before(earlier.group(), True)
            if second is not None and second[1] is not event_type and days:
                # An offensive or fighting a ceasefire came after lasted until the ceasefire.
                until = (
                    event_type is EventType.ceasefire_agreement
                    and second[1] in (EventType.military_operation, EventType.armed_conflict)
                    and not re.search(r"(?i)\b(?:the|that|this)\s+$", text[after : second[3]])
                )
                other = EventCandidate(
                    type=second[1],
                    start_date=candidate.start_date - timedelta(days=days),
                    end_date=candidate.start_date - timedelta(days=0 if until else days),
                    precision=candidate.precision,
                    status="occurred",
                    sentence=sentence,
                    word=second[2],
                    word_at=second[3],
                    rule=(
                        f"{earlier.group().strip()!r} {candidate.text!r}, "
                        f"the event word {second[2]!r}"
                    ),
                    sure=0.6,
                    dates=[candidate],
                    citations=[sentence],
                )
                _people_and_place(other, entities)
                found.append(other)
        # Other event words of a dated sentence may name stored events ("the deal that ended
        # the 2020 war"): they are matched, never drafted anew.
        for other_type in EVENT_WORDS:
            if other_type is event_type:
                continue
            match = _words(other_type).search(text, sentence[0], sentence[1])
            if match is None:
                continue
            extra = EventCandidate(
                type=other_type,
                start_date=event.start_date,
                end_date=event.end_date,
                precision=event.precision,
                status=status,
                sentence=sentence,
                word=match.group(),
                word_at=match.start(),
                rule=f"stored event named beside {candidate.text!r}",
                sure=0.5,
                dates=[candidate],
                citations=[sentence],
            )
            _people_and_place(extra, entities)
            found.append(extra)
    found += _came_after(text, dates, sentences, entities, found, skip)
    primary = [e for e in found if not e.rule.startswith("stored event named")]
    for event in primary:
        _match_stored(event, stored, entities, loose=False)
    # A second event word matches a stored event sharing an actor, or one the article has
    # named already ("The six-week conflict, which …, ended in November 2020 with a deal").
    named = [r for r in stored if any(e.stored is r for e in primary)]
    for extra in (e for e in found if e not in primary):
        if not _match_stored(extra, stored, entities, loose=True):
            _match_stored(extra, named, entities, loose=False, named_before=True)
    for event in primary:
        # "… ended with a Russian-brokered truce. … the agreement since it came into force on
        # November 10": "the agreement" refers back to the stored truce the article named
        # before, on days it spans; it is that truce, not a new one.
        if event.stored is not None or not re.match(
            rf"(?i){REFERS[event.type]}\b" if event.type in REFERS else r"(?!)",
            text[max(0, event.word_at - 4) : event.word_at + len(event.word)],
        ):
            continue
        before = [
            e.stored
            for e in found
            if e.stored is not None
            and e.stored.type == event.type
            and e.citations[0][0] < event.citations[0][0]
        ]
        if before:
            _match_stored(event, before[-1:], entities, loose=False, named_before=True)
    merged = _merge([e for e in found if e in primary or e.stored is not None], text)
    _close_by_length(text, sentences, merged, skip)
    merged += _undated_mentions(text, sentences, entities, stored, merged, skip)
    merged += _undated_deployments(text, sentences, entities, merged, skip)
    return merged


_CAME_AFTER = re.compile(
    # "The latest violence comes a day after air strikes killed 15": the present tense too
    r"(?i)\b(?:came|comes|come|happened|occurred|took place)\s+(?:only\s+|just\s+|barely\s+)?"
    r"(\d+|one|a|two|three|four|five|six|seven)\s+(day|week)s?\s+after\s+"
)


def _came_after(
    text: str,
    dates: list[DateCandidate],
    sentences: list[Span],
    entities: Entities,
    found: list[EventCandidate],
    skip: list[Span],
) -> list[EventCandidate]:
    """Return the events a sentence with no date of its own dates from the event told before
    it: "The exchange came three days after the border commissions met in Moscow"."""
    events = []
    for match in _CAME_AFTER.finditer(text):
        sentence = containing(sentences, match.start())
        if any(a <= match.start() < b for a, b in skip) or any(
            sentence[0] <= d.start < sentence[1] for d in dates
        ):
            continue
        told = [
            e
            for e in found
            if e.start_date is not None
            and e.citations[0][0] < sentence[0]
            and not e.rule.startswith("stored event named")
        ]
        word = _nearest_word(text, (match.end(), sentence[1]), match.end())
        if not told or word is None or told[-1].start_date is None:
            continue
        days = _days_before(
            match.group()[match.group().lower().index(match.group(1).lower()) :], True
        )
        day = told[-1].start_date - timedelta(days=days)
        event = EventCandidate(
            type=word[1],
            start_date=day,
            end_date=day,
            precision=DatePrecision.day,
            status="occurred",
            sentence=sentence,
            word=word[2],
            word_at=word[3],
            rule=f"{match.group().strip()!r} the event told before it, the event word {word[2]!r}",
            sure=0.5,
            dates=[],
            citations=[sentence],
        )
        _people_and_place(event, entities)
        events.append(event)
    return events


_LENGTH = re.compile(
    r"(?i)\b(\d+|two|three|four|five|six|seven|eight|nine|ten)(?:\s+days\s+of|-day)\s+"
    r"(?:[\w-]+\s+)?(fighting|clashes|hostilities|shelling|war|protests?|talks)\b"
)
_LENGTHS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_LENGTHS |= {"nine": 9, "ten": 10}


def _close_by_length(
    text: str, sentences: list[Span], events: list[EventCandidate], skip: list[Span]
) -> None:
    """Close an open-ended event the article gives a length ("since the clashes began on
    Wednesday" and "two days of fighting": Wednesday and Thursday), and cite that length."""
    for match in _LENGTH.finditer(text):
        if any(a <= match.start() < b for a, b in skip):
            continue  # the headline's "after two days of fighting"
        word = match.group(1).lower()
        days = int(word) if word.isdigit() else _LENGTHS[word]
        kind = next(t for t in EVENT_WORDS if _words(t).fullmatch(match.group(2)))
        open_ended = [
            e
            for e in events
            if e.type is kind and e.start_date and e.end_date is None and e.stored is None
        ]
        if len(open_ended) != 1 or days < 1:
            continue
        event = open_ended[0]
        if event.start_date is None:
            continue
        event.end_date = event.start_date + timedelta(days=days - 1)
        event.status = "occurred"
        sentence = containing(sentences, match.start())
        if sentence not in event.citations:
            event.citations.append(sentence)
        event.notes.append(f"ends after {match.group()!r}")


def _possessed_word(text: str, end: int, limit: int) -> tuple[EventType, str, int] | None:
    """Return (type, word, where) of the event word a date ending at `end` possesses, within
    two words ("last month's border fighting", "Tuesday's attack"); None if it possesses none."""
    owner = re.match(r"['’]s\s+(?:[\w-]+\s+){0,2}", text[end:limit])
    if owner is None:
        return None
    after = end + 3
    words = text[after : min(limit, end + owner.end() + 24)]
    found = []
    for event_type in EVENT_WORDS:
        match = _words(event_type).search(words)
        if match and match.group().lower() not in _GENERIC:
            found.append((match.start(), event_type, match.group()))
    if not found:
        return None
    at, event_type, word = min(found, key=lambda f: f[0])
    return event_type, word, after + at


_NUMBER = r"(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|a few|dozens of|hundreds of)"
_DEPLOYED = re.compile(
    rf"(?i)\b(?:deploy(?:ed|ment\s+of|ing|s)?\s+(?:(?:up\s+to|about|around|some|more\s+than)\s+)?"
    rf"{_NUMBER}\b|mission\b[^.;]{{0,80}}?\b(?:include|number|of)\s+"
    rf"(?:(?:up\s+to|about|around|some|more\s+than)\s+)?{_NUMBER}\s+"
    r"(?:observers|monitors|troops|peacekeepers|experts|soldiers|police))"
)
"""A deployment counted: "the deployment of up to 40 monitors", "the mission will include about
40 observers"."""


def _undated_deployments(
    text: str,
    sentences: list[Span],
    entities: Entities,
    found: list[EventCandidate],
    skip: list[Span],
) -> list[EventCandidate]:
    """Return a deployment, without dates, for each sentence that counts what was or will be
    deployed and cites no deployment yet: the event its count is about."""
    deployments = []
    for sentence in sentences:
        if any(a <= sentence[0] < b for a, b in skip):
            continue
        if any(
            e.type is EventType.deployment and sentence[0] <= e.citations[0][0] < sentence[1]
            for e in found
        ):
            continue
        match = _DEPLOYED.search(text, sentence[0], sentence[1])
        if match is None:
            continue
        clause = text[sentence[0] : sentence[1]]
        event = EventCandidate(
            type=EventType.deployment,
            start_date=None,
            end_date=None,
            precision=None,
            status="scheduled" if FUTURE.search(clause) else "ongoing",
            sentence=sentence,
            word=match.group().split()[0],
            word_at=match.start(),
            rule=f"a deployment counted ({match.group()!r}), undated",
            sure=0.5,
            citations=[sentence],
        )
        _people_and_place(event, entities)
        deployments.append(event)
    return deployments


def _people_and_place(event: EventCandidate, entities: Entities) -> None:
    """Give `event` the actors (not media) and the place named in its sentence."""
    first, last = event.sentence
    actors: list[Entity] = []
    places: list[tuple[int, Entity]] = []
    for entity in entities.items:
        inside = [s for s, _ in entity.mentions if first <= s < last]
        if not inside:
            continue
        if (
            event.type in _VIOLENT
            and entity.category == "actor"
            and entity.kind == "person"
            and _only_speaks(entities.text, entity, inside)
        ):
            continue  # "Governor Oleh Kiper said": who tells of fighting takes no part in it
        if entity.category == "actor" and entity.kind != "media" and entity not in actors:
            actors.append(entity)
        elif entity.category == "place":
            places.append((min(abs(s - event.word_at) for s in inside), entity))
    event.actors = sorted(actors, key=lambda e: min(s for s, _ in e.mentions if first <= s < last))
    if places:
        event.place = min(places, key=lambda pair: pair[0])[1]


_SAYS = re.compile(
    r"\s+(?:\w+ly\s+)?(?:said|says|told|tells|wrote|writes|added|adds"
    r"|stated|announced|reported|claimed)\b"
)
_SAID_BY = re.compile(r"(?i)\b(?:said|says|according\s+to|told)\s+(?:[\w.-]+\s+){0,4}$")


def _only_speaks(text: str, entity: Entity, mentions: list[int]) -> bool:
    """Return whether every mention of a person in a sentence is as its speaker: "Governor Oleh
    Kiper said", "said army spokesman Olivier Hamuli"."""
    for start in mentions:
        end = next(e for s, e in entity.mentions if s == start)
        if not (_SAYS.match(text, end) or _SAID_BY.search(text, max(0, start - 60), start)):
            return False
    return True


def _refers_back(event: EventCandidate, text: str) -> bool:
    """Return whether `event` is one told before, named again: "the attack", "a day after the
    attack" (its place is the first telling's, not its sentence's)."""
    before = text[max(0, event.word_at - 12) : event.word_at].lower()
    return "days before it" in event.rule or bool(re.search(r"\b(?:the|that|this)\s+$", before))


def _merge(events: list[EventCandidate], text: str) -> list[EventCandidate]:
    """Return `events` with those of one type and the same days made one, unless they happen in
    two places the text names."""
    merged: dict[tuple[object, ...], EventCandidate] = {}
    for event in events:
        key: tuple[object, ...] = (
            event.type,
            event.start_date,
            event.end_date,
            event.rule.startswith("stored"),
        )
        kept = merged.get(key)
        if (
            kept is not None
            and kept.place
            and event.place
            and kept.place is not event.place
            and not _refers_back(event, text)
        ):
            # Shelling of Nova Kakhovka overnight, attacks near Bakhmut over the past day: one
            # type and the same days, in two places, are two events.
            key += (id(event.place),)
        if key not in merged:
            merged[key] = event
            continue
        kept = merged[key]
        kept.citations += [c for c in event.citations if c not in kept.citations]
        kept.dates += event.dates
        kept.actors += [a for a in event.actors if a not in kept.actors]
        kept.place = kept.place or event.place
        kept.notes.append(f"also {event.rule}")
    return list(merged.values())


def _country_codes(
    event: EventCandidate, entities: Entities, text: str, *, parties: bool = False
) -> set[str]:
    """Return the countries an event's sentence names, by demonym too ("Russian peacekeepers");
    only those that may be parties to it when `parties` (not "a Russian-brokered truce")."""
    codes = {a.country for a in event.actors if a.country and a.kind == "state"}
    for match in re.finditer(r"[A-Z][a-z]+", text[event.sentence[0] : event.sentence[1]]):
        if (
            parties
            and text[event.sentence[0] + match.end() : event.sentence[0] + match.end() + 1] == "-"
        ):
            continue  # "a Russian-brokered truce", "Iranian-made drones": no party named
        country = entities.gazetteer.demonym(match.group())
        if country:
            codes.add(country.code)
    return codes


def _match_stored(
    event: EventCandidate,
    stored: list[StoredEvent],
    entities: Entities,
    *,
    loose: bool,
    named_before: bool = False,
) -> bool:
    """Point `event` at the stored event it names again, and return whether there is one: of
    its type, with days overlapping its own (a day inside a long or open-ended stored event is
    a new event within it, not that event), sharing an actor or place, or, named only by its
    year or month, naming no state that did not take part in it (not when `loose`: a second
    event word of a sentence must share an actor). A stored event without dates is named by
    its type and an actor."""
    ids = {a.stored_id for a in event.actors if a.stored_id}
    place = event.place.stored_id if event.place else None
    codes = _country_codes(event, entities, entities.text)
    by_country = {a.id for a in entities.stored_actors if a.country in codes and a.kind == "state"}
    party_codes = _country_codes(event, entities, entities.text, parties=True)
    states = {a.stored_id or a.key for a in event.actors if a.kind == "state"} | {
        a.id for a in entities.stored_actors if a.country in party_codes and a.kind == "state"
    }
    for record in stored:
        if record.type != event.type:
            continue
        shared = bool((ids | by_country) & record.actors) or bool(
            place and place == record.place_id
        )
        if record.start_date is None:
            if shared:
                event.stored = record
                return True
            continue
        if not _overlaps(event.span(), (record.start_date, record.end_date)):
            continue
        length = (
            ((record.end_date or date.max) - record.start_date).days if record.end_date else 10**6
        )
        if event.precision is DatePrecision.day and length > 31:
            continue
        coarse = event.precision in (DatePrecision.month, DatePrecision.year)
        if shared or named_before or (coarse and not loose and not (states - record.actors)):
            event.stored = record
            return True
    return False


def _undated_mentions(
    text: str,
    sentences: list[Span],
    entities: Entities,
    stored: list[StoredEvent],
    found: list[EventCandidate],
    skip: list[Span],
) -> list[EventCandidate]:
    """Return the stored events without dates that a sentence names by a word of their type and
    one of their actors (or a demonym of its country): "Russia has about 2,000 peacekeepers"."""
    mentions = []
    known = {e.stored.id for e in found if e.stored}
    for record in stored:
        if record.start_date is not None or record.id in known:
            continue
        for sentence in sentences:
            if any(a <= sentence[0] < b for a, b in skip):
                continue
            match = _words(EventType(record.type)).search(text, sentence[0], sentence[1])
            if match is None:
                continue
            event = EventCandidate(
                type=EventType(record.type),
                start_date=None,
                end_date=None,
                precision=None,
                status="ongoing",
                sentence=sentence,
                word=match.group(),
                word_at=match.start(),
                rule=f"stored event named by {match.group()!r} and one of its actors",
                sure=0.6,
                citations=[sentence],
            )
            _people_and_place(event, entities)
            ids = {a.stored_id for a in event.actors if a.stored_id}
            codes = _country_codes(event, entities, text)
            by_country = {
                a.id for a in entities.stored_actors if a.country in codes and a.kind == "state"
            }
            if (ids | by_country) & record.actors:
                event.stored = record
                mentions.append(event)
                known.add(record.id)
                break
    return mentions


REFERS = {
    EventType.diplomatic_meeting: r"(?:the|that) (?:talks|meeting|negotiations|summit|visit)",
    EventType.armed_conflict: (
        r"the (?:fighting|clashes|war|conflict|shootout|flare-up|hostilities)"
        # "Some 6,000 people were killed in six weeks of fighting": the war told before
        r"|(?:[\w-]+\s+)?(?:days|weeks|months|years) of (?:fighting|war|clashes|hostilities)"
    ),
    EventType.ceasefire_agreement: r"the (?:ceasefire|truce|deal|agreement)",
    EventType.attack: r"the (?:attack|strike|shelling|blast|explosion)",
    EventType.protest: r"the (?:protest|protesters|blockade|rally)",
    EventType.mediation: r"the (?:handover|release|mediation|exchange)",
    EventType.military_operation: r"the (?:operation|offensive)",
    EventType.deployment: r"the (?:deployment|mission|monitors|peacekeepers)",
}
"""How a sentence refers back to an event it does not date: "in the fighting"."""


def referred(text: str, span: Span, events: list[EventCandidate]) -> EventCandidate | None:
    """Return the event `span` refers back to by its type ("the fighting"), the last one named
    before it; None if it refers to none."""
    words = text[span[0] : span[1]]
    past = re.search(r"(?i)\b(?:had been|was|were|has been)\b", words) is not None
    for event_type, pattern in REFERS.items():
        named = [
            m
            for m in re.finditer(rf"(?i)\b{pattern}\b", words)
            # "five days after the talks": named to tell the time, not referred to
            # ("said after the talks" is about them)
            if not re.search(
                r"(?i)(?:\b(?:days?|weeks?|months?|years?)\s+(?:after|before)|\bsince)\s+$",
                words[: m.start()],
            )
        ]
        if named:
            earlier = [
                e
                for e in events
                if e.type is event_type
                and e.citations[0][0] <= span[0]
                and not (past and e.status == "scheduled")
            ]
            if earlier:
                # the one told last before it: a stored war named again in the sentence
                # before ("turned to war last year") is told after an event of the lead
                return max(earlier, key=lambda e: max(c[0] for c in e.citations if c[0] <= span[0]))
    # "confirmed the incident", "such provocations", "to assess the damage": the last violent
    # event told before, whatever its type.
    if re.search(
        r"(?i)\b(?:the\s+(?:incident|provocation|damage)|(?:such|these|those)\s+"
        r"(?:provocations|attacks|incidents|strikes))\b",
        words,
    ):
        violent = [e for e in events if e.type in _VIOLENT and e.citations[0][0] <= span[0]]
        if violent:
            return violent[-1]
    return None


def anchored(text: str, event: EventCandidate, span: Span) -> bool:
    """Return whether the sentence at `span` names `event` only to tell the time of something
    else: "since the end of the 2020 war", "two days after shelling", "after the truce"."""
    if not span[0] <= event.word_at < span[1]:
        return False
    if event.stored is None and event.start_date is not None and event.end_date is None:
        return False  # "since gunfire resumed last Friday": still going on, not a time past
    before = text[max(span[0], event.word_at - 50) : event.word_at]
    return (
        re.search(
            # "since the end of last year's war": a time's possessive is one of the words
            # between (an actor's is not: "since Azerbaijan's offensive" is about it)
            r"(?i)\b(?:since|after|before|until)\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?)?"
            r"(?:(?:year|month|week|\d{4}|yesterday|\w+day|summer|autumn|winter|spring)['’]s\s+"
            r"|[\w-]+\s+){0,3}$",
            before,
        )
        is not None
    )


def main_event(
    text: str, events: list[EventCandidate], lead: Span, *, violent: bool = False
) -> EventCandidate | None:
    """Return the article's main event: the first event its opening paragraphs (`lead`) date,
    which facts without an event of their own are about; for casualties (`violent`), the
    first violent one there is. One named only to tell the time ("since the 2020 war") comes
    after the others, and is never a stored one."""
    ordered = sorted(
        (
            e
            for e in events
            if lead[0] <= e.citations[0][0] < lead[1]
            and e.start_date is not None
            and not (e.stored is not None and anchored(text, e, e.citations[0]))
        ),
        key=lambda e: (anchored(text, e, e.citations[0]), e.citations[0][0]),
    )
    if violent:
        harmful = [e for e in ordered if e.type in _VIOLENT]
        if harmful:
            return harmful[0]
    return ordered[0] if ordered else None


_SUPERLATIVE_BEFORE = re.compile(
    r"(?i)\b(?:\w+iest|worst|biggest|largest|highest|heaviest|first|most\s+\w+)\b[^.;,]{0,60}$"
)
_HARM = re.compile(r"(?i)\b(?:killed|wounded|injured|dead|died)\b")


def reported_harm(
    text: str,
    sentences: list[Span],
    lead: Span,
    dates: list[DateCandidate],
    said: list[Span],
    events: list[EventCandidate],
    entities: Entities,
) -> EventCandidate | None:
    """Return the violent event a lead reports dated only by the day it was reported, when the
    article dates no violent event of its own: "Three soldiers were killed in clashes on the
    border, the government said on Wednesday" is fighting on that Wednesday (wire copy dates
    the news by the day it was said). A war named to tell the time ("the deadliest clash since
    the end of last year's war") is not it."""
    if any(e.stored is None and e.type in _VIOLENT and e.start_date for e in events):
        return None
    for sentence in sentences:
        if not lead[0] <= sentence[0] < lead[1]:
            continue
        harm = _HARM.search(text, sentence[0], sentence[1])
        if harm is None:
            continue
        day = next(
            (
                d
                for d in dates
                if sentence[0] <= d.start < sentence[1]
                and d.precision is DatePrecision.day
                and any(s <= d.start < e for s, e in said)
            ),
            None,
        )
        if day is None:
            continue
        words = sorted(
            (m.start(), event_type, m.group())
            for event_type in _VIOLENT
            for m in _words(event_type).finditer(text, harm.end(), sentence[1])
            if m.start() - harm.end() < 60
            # "killed in the 2020 war": a war the article names (stored or dated), not the news
            and not any(e.word_at == m.start() for e in events)
            and not re.search(
                r"(?i)\b(?:since|after|before|until|than)\b[^,;]*$", text[harm.end() : m.start()]
            )
        )
        if not words:
            continue
        where, event_type, word = words[0]
        event = EventCandidate(
            type=event_type,
            start_date=day.start_date,
            end_date=day.end_date,
            precision=day.precision,
            status="occurred",
            sentence=sentence,
            word=word,
            word_at=where,
            rule=(
                f"the lead's harm {harm.group()!r} in {word!r}, dated by the day it was reported "
                f"({day.text!r})"
            ),
            sure=0.5,
            dates=[day],
            citations=[sentence],
        )
        _people_and_place(event, entities)
        anchor_word = re.compile(r"(?i)\b(?:since|after|before|until|than)\b").search(
            text, where, sentence[1]
        )
        if event.place is not None and anchor_word is not None:
            inside = [s for s, _ in event.place.mentions if sentence[0] <= s < sentence[1]]
            if inside and all(s > anchor_word.start() for s in inside):
                event.place = None  # the place of the war named to tell the time ("since …")
        return event
    return None
