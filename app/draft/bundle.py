"""The draft bundle: every candidate linked (speakers and claimants to actors, facts to events,
events to places), stored records referred to by id, the rest proposed with new ids; each
record with the rule that made it and how sure it is; and a review list for the curator."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml
from sqlmodel import Session, col, select

from app.draft.dates import find_dates, stated_date
from app.draft.events import (
    EventCandidate,
    StoredEvent,
    anchored,
    find_events,
    main_event,
    referred,
    reported_harm,
)
from app.draft.figures import FigureCandidate, find_figures
from app.draft.gazetteer import plain
from app.draft.names import Entities, Entity, StoredName, ministry_key
from app.draft.statements import Attribution, StatementCandidate, find_statements, said_when
from app.draft.text import Span, boilerplate, containing, headline, masked, paragraphs, sentences
from app.models import Actor, Event, EventActor, Figure, Place, Source, Statement
from app.quotes import QuoteError, locate

Record = dict[str, Any]
SECTIONS = ("sources", "actors", "places", "events", "figures", "statements")


@dataclass(frozen=True)
class Known:
    """What the database already holds: actors, places and events to recognise, ids taken."""

    actors: tuple[StoredName, ...] = ()
    places: tuple[StoredName, ...] = ()
    taken: frozenset[str] = frozenset()
    events: tuple[StoredEvent, ...] = ()


KnownName = StoredName


@dataclass
class Draft:
    """A proposed bundle: records by section (in the seed file's order), each with the comment
    lines that explain it; comment lines for the head of the file; the stored records the
    article names (referred to by id, never proposed again); and what to review first."""

    header: list[str] = field(default_factory=list)
    sections: dict[str, list[tuple[list[str], Record]]] = field(
        default_factory=lambda: {name: [] for name in SECTIONS}
    )
    mentions: dict[str, list[str]] = field(
        default_factory=lambda: {"actors": [], "places": [], "events": []}
    )
    review: list[str] = field(default_factory=list)

    def records(self, section: str) -> list[Record]:
        """Return the records of `section`, without their comments."""
        return [record for _, record in self.sections[section]]


def slug(words: str, limit: int = 60) -> str:
    """Return `words` as an id slug (lowercase ASCII words joined by hyphens), at most `limit`
    characters long, cut at a word boundary."""
    parts = plain(words.replace("’", "").replace("'", "")).split()
    result = ""
    for part in parts:
        if len(result) + len(part) + 1 > limit:
            break
        result = f"{result}-{part}" if result else part
    return result or "draft"


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


def _sure(value: float) -> str:
    return f"sure {max(0.05, min(value, 0.99)):.2f}"


def _when(candidate: EventCandidate) -> str:
    if candidate.start_date is None:
        return "undated"
    if candidate.end_date == candidate.start_date:
        return f"{candidate.start_date}"
    return f"{candidate.start_date}..{candidate.end_date or ''}"


_BODIES = (
    r"police|air force|navy|general staff|army|military|armed forces|border guards?"
    r"|border service|national guard|health ministry|interior ministry|emergencies ministry"
    r"|defence ministry|defense ministry|foreign ministry|ombudsman"
)
"""What a body described by its owner is: "the Armenian police", "Ukraine's air force"."""


_STAFF = re.compile(
    r"\b(?:[Oo]ur|[Tt]his\s+(?:station|paper|agency)['’]s)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:correspondent|reporter|editor|presenter|anchor|journalist)(?:\s+in\s+\w+)?,?\s+$"
)
"""How an outlet names its own staff: "Our correspondent Lilit Petrosyan"."""

_SAID_ON = re.compile(
    r"\b(?:said|says|told\s+(?:reporters|journalists)|announced|claimed|stated|added)"
    r"\s+(?:late\s+|early\s+)?(?:on\s+)?$"
)
_ON_SAID = re.compile(
    r"(?:\s+(?:morning|afternoon|evening))?\s+(?:said|says|gave|reported|released|published"
    r"|announced|claimed|confirmed|denied)\b"
)
"""A date by a verb of saying: "said on Friday", "on Friday gave sharply different figures"."""


_DONE = re.compile(
    r"\s+that\s+(?:[\w-]+\s+){1,3}?(?:had|have|has)\s+(?:\w+ly\s+)?(?:finished|completed|agreed"
    r"|signed|reached|concluded|initialled|struck|sealed)\b"
)
"""What an announcement says is done: "… that they had finished negotiating"."""


class _Drafter:
    """Builds one draft: the state shared by the steps of `draft`."""

    def __init__(
        self,
        text: str,
        published_on: date | None,
        known: Known,
        publisher: str,
        kind: str,
        url: str | None,
        language: str,
    ) -> None:
        self.text = text
        self.known = known
        self.result = Draft()
        self.ids = _Ids(known.taken)
        self.frame = boilerplate(text)
        self.skip: list[Span] = list(self.frame.lines) + (
            [self.frame.dateline] if self.frame.dateline else []
        )
        self.published_on = published_on or stated_date(text, self.skip)
        if published_on is None and self.published_on is not None:
            self.result.header.append(f"Publication date read from the text: {self.published_on}.")
        self.publisher = publisher
        self.kind = kind
        self.url = url
        self.language = language
        self.blank = masked(text)
        # A dateline ("JERMUK - ") opens the first sentence: the sentence is what follows.
        self.sentences = [
            (max([a] + [e for s, e in self.skip if s <= a < e < b]), b) for a, b in sentences(text)
        ]
        self.paragraphs = paragraphs(text)
        self.entities = Entities(text, self.blank, known.actors, known.places, self.frame)
        self.actor_ids: dict[int, str] = {}
        self.place_ids: dict[int, str] = {}
        self.event_ids: dict[int, str] = {}
        self.speakers: list[tuple[int, Entity]] = []
        body = [p for p in self.paragraphs if p not in self.frame.lines]
        self.lead: Span = (body[0][0], body[min(1, len(body) - 1)][1]) if body else (0, 0)
        self.dates: list[Any] = []
        self.statement_dates: list[Span] = []

    # --- sources, actors, places ----------------------------------------------------------

    def source(self) -> str:
        title = headline(self.text)
        source_id = self.ids.new(
            slug(f"{self.publisher if self.publisher != 'unknown' else ''} {title}")
        )
        self.result.sections["sources"].append(
            (
                [f"The article; {len(self.text)} characters, stored byte-for-byte as `text`."],
                {
                    "id": source_id,
                    "title": title,
                    "publisher": self.publisher,
                    "kind": str(self.kind),
                    "published_on": self.published_on,
                    "url": self.url,
                    "language": self.language,
                    "cites": [],
                    "text": self.text,
                },
            )
        )
        return source_id

    def actor_id(self, entity: Entity) -> str:
        """Return the id of an actor entity: its stored id, or a new one (proposed once)."""
        if entity.stored_id:
            if entity.stored_id not in self.result.mentions["actors"]:
                self.result.mentions["actors"].append(entity.stored_id)
            return entity.stored_id
        if id(entity) not in self.actor_ids:
            self.actor_ids[id(entity)] = self.ids.new(entity.name)
        return self.actor_ids[id(entity)]

    def place_id(self, entity: Entity) -> str:
        if entity.stored_id:
            if entity.stored_id not in self.result.mentions["places"]:
                self.result.mentions["places"].append(entity.stored_id)
            return entity.stored_id
        if id(entity) not in self.place_ids:
            self.place_ids[id(entity)] = self.ids.new(entity.name)
        return self.place_ids[id(entity)]

    def publisher_entity(self) -> Entity | None:
        """Return the actor that published the article when it is an official statement."""
        if str(self.kind) != "official_statement" or self.publisher == "unknown":
            return None
        key = ministry_key(self.publisher, self.entities.gazetteer)
        for entity in self.entities.actors():
            if plain(self.publisher) in entity.names() or (
                key and entity.key.endswith(f"{key[0]}:{key[1]}")
            ):
                return entity
        return None

    def own_outlet(self, entity: Entity) -> bool:
        """Return whether `entity` is the outlet publishing the article, named in it."""
        return plain(entity.name) == plain(self.publisher) and str(self.kind) != (
            "official_statement"
        )

    def owners(self, entity: Entity) -> None:
        """List the stored states a new actor's name or title names ("Armenia's Defence
        Ministry", "Ministry of Defence of Azerbaijan", not in the header) as named too."""
        for start, end in entity.mentions:
            headed = any(a <= start < b for a, b in self.skip)
            owner = (
                None
                if headed
                else re.search(
                    r"\bof\s+(?:the\s+Republic\s+of\s+)?([A-Z][\w-]+)$", self.text[start:end]
                )
                or re.search(
                    r"\b(?:Minister|Ministry|Ambassador)\b[^.,;]{0,40}\bof\s+"
                    r"(?:the\s+Republic\s+of\s+)?([A-Z][\w-]+)\s+$",
                    self.text[max(0, start - 60) : start],
                )
            )
            owner = owner or re.match(r"([A-Z][\w-]+)['’]s\s", self.text[start:end])
            state = owner and next(
                (
                    a
                    for a in self.known.actors
                    if a.kind == "state" and plain(owner.group(1)) in map(plain, a.names)
                ),
                None,
            )
            if state and state.id not in self.result.mentions["actors"]:
                self.result.mentions["actors"].append(state.id)

    def entity_records(self) -> None:
        """Propose every new actor and place the article names; list the stored ones."""
        for entity in self.entities.items:
            if entity.stored_id:
                (self.actor_id if entity.category == "actor" else self.place_id)(entity)
                continue
            if entity.category == "actor" and entity.kind != "media":
                self.owners(entity)
            if entity.kind == "media" and id(entity) not in self.actor_ids:
                # A news outlet is the publisher itself ("told the Herald") or a source the
                # article draws on ("AFP reported"): cite it as `via`; an actor only if it
                # speaks or reports a statement.
                self.result.header.append(
                    f"News outlet named at {entity.mentions[0][0]}: {entity.name} "
                    "(a source to cite as `via`, not proposed as an actor)."
                )
                continue
            if self.own_outlet(entity) and id(entity) not in self.actor_ids:
                # "told Syunik Today" in Syunik Today's own article: the source, not an actor.
                self.result.header.append(
                    f"The publisher named at {entity.mentions[0][0]}: {entity.name} (the source)."
                )
                continue
            first = entity.mentions[0][0]
            if (
                entity.kind == "person"
                and id(entity) not in self.actor_ids
                and _STAFF.search(self.text, max(0, first - 40), first)
            ):
                # "Our correspondent Lilit Petrosyan is there": the outlet's own, no actor
                # unless quoted.
                self.result.header.append(
                    f"The outlet's own reporter named at {first}: {entity.name} (not proposed)."
                )
                continue
            mentions = ", ".join(f"{s}-{e}" for s, e in entity.mentions[:4])
            notes = [f"rule: {entity.rule}; named at {mentions}; {_sure(entity.sure)}"]
            # An alias a stored record already answers to ("Aliyev") would name two actors.
            stored_names = {plain(n) for a in self.known.actors for n in a.names}
            aliases = sorted(
                {
                    a
                    for a in entity.aliases
                    if plain(a) != plain(entity.name) and plain(a) not in stored_names
                }
            )
            if entity.category == "actor":
                record: Record = {
                    "id": self.actor_id(entity),
                    "name": entity.name,
                    "kind": entity.kind,
                    "title": entity.title,
                    "country": entity.country,
                    "aliases": aliases,
                }
                self.result.sections["actors"].append((notes, record))
                if entity.sure < 0.7 or (entity.kind == "person" and not entity.country):
                    self.result.review.append(
                        f"actors/{record['id']}: a new {entity.kind} ({entity.rule}); check its "
                        "kind, country and that it is not stored under another name"
                    )
            else:
                record = {
                    "id": self.place_id(entity),
                    "name": entity.name,
                    "kind": entity.kind,
                    "country": entity.country,
                    "latitude": entity.latitude,
                    "longitude": entity.longitude,
                }
                self.result.sections["places"].append((notes, record))
                if entity.latitude is None:
                    self.result.review.append(
                        f"places/{record['id']}: no coordinates in the gazetteer; add them "
                        "(WGS 84) or leave null"
                    )

    # --- statements -----------------------------------------------------------------------

    def object_at(self, position: int) -> bool:
        """Return whether the name at `position` is the object of a verb or preposition ("told
        Syunik Today", "met Aliyev"), not a subject a later pronoun may stand for."""
        before = self.text[max(0, position - 12) : position]
        return (
            re.search(r"\b(?:told|to|by|with|from|for|of|and|met|thanked|urged|asked)\s+$", before)
            is not None
        )

    def described_body(self, attribution: Attribution, named: Entity | None) -> Entity | None:
        """Return a body the attribution describes by its owner and what it is, proposed as a
        new actor: "the Armenian police", "Ukraine's air force", "Karabakh's health ministry"
        (not a stored or named one: "Azerbaijan's Defence Ministry" is named); else None."""
        name = re.sub(r"^[Tt]he\s+", "", attribution.name)
        by_demonym = re.fullmatch(rf"([A-Z][a-z]+)\s+({_BODIES})", name)
        owned = re.fullmatch(rf"([A-Z][\w-]+)['’]s\s+((?:[a-z]+\s+)?(?:{_BODIES}))", name, re.I)
        placed = re.fullmatch(
            r"([A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)\s+(?:(?:regional|military|city|district"
            r"|provincial|local|municipal)\s+){1,2}(?:administration|authorities|council|police)",
            name,
        )
        country = None
        if placed and named is None:
            # "the Syunik regional administration": a body named by the place it governs.
            where = next(
                (e for e in self.entities.places() if plain(placed.group(1)) in e.names()),
                None,
            )
            city = self.entities.gazetteer.city(placed.group(1), self.entities._near)
            country = where.country if where else city.country if city else None
        elif by_demonym:
            demonym = self.entities.gazetteer.demonym(by_demonym.group(1))
            if demonym is None:
                return None
            country = demonym.code
        elif owned:
            if named is not None and named.kind != "state":
                return None  # the whole name is an actor already
            if owned.group(2)[:1].isupper() and "ministry" in owned.group(2).lower():
                return None  # "Azerbaijan's Defence Ministry": a ministry the names know
            found = self.entities.gazetteer.country(owned.group(1))
            country = found.code if found else (named.country if named else None)
        else:
            return None
        entity = Entity(
            name,
            "actor",
            "government_body",
            country,
            rule="a body described by its owner, speaking",
            sure=0.5,
        )
        return self.entities._add(entity, attribution.start, attribution.end, claim=False)

    def speaker(self, attribution: Attribution) -> tuple[Entity | None, str, float]:
        """Return the entity an attribution names, how it was found and how sure that is."""
        named = self.entities.at(attribution.start, attribution.end, "actor")
        lower = attribution.name.lower()
        body = self.described_body(attribution, named)
        if body is not None:
            return body, f"{attribution.name!r}: a body described by its owner", 0.5
        if named is not None:
            if named.kind == "state" and self.entities.gazetteer.capital(attribution.name):
                # "Baku said": a state named by its capital; its foreign ministry, if it has
                # spoken already, is the likelier speaker.
                bodies = [
                    e
                    for p, e in self.speakers
                    if p < attribution.start and e.key == f"ministry:{named.country}:Foreign"
                ]
                if bodies:
                    return (
                        bodies[-1],
                        f"{attribution.name!r} read as {bodies[-1].name}, which spoke before",
                        0.7,
                    )
            return named, f"{attribution.name!r} names {named.name}", min(named.sure, 0.9)
        earlier = [e for p, e in self.speakers if p < attribution.start]
        if lower in ("he", "she", "him", "her"):
            paragraph = self.entities.paragraph(attribution.start)
            named_here = self.entities.before(
                attribution.start,
                lambda e: (
                    e.kind == "person"
                    and any(
                        paragraph[0] <= p < attribution.start and not self.object_at(p)
                        for p, _ in e.mentions
                    )
                ),
            )
            if named_here is not None:
                # "Governor Ghalumyan visited the village. "…," he told residents."
                return named_here, f"{attribution.name!r} is the last person named", 0.7
            people = [e for e in earlier if e.kind == "person"]
            person = (
                people[-1]
                if people
                else self.entities.before(attribution.start, lambda e: e.kind == "person")
            )
            if person:
                return person, f"{attribution.name!r} is the last person quoted", 0.7
            return None, "a pronoun with no person before it", 0.0
        if lower in ("it", "they", "them"):
            # The body named earlier in the same sentence is its subject ("The ministry gave a
            # different account - … it said"); else the last body that spoke.
            sentence = containing(self.sentences, attribution.start)
            subject = self.entities.before(
                attribution.start,
                lambda e: (
                    e.category == "actor"
                    and e.kind != "person"
                    and any(sentence[0] <= s < attribution.start for s, _ in e.mentions)
                ),
            )
            if subject:
                return (
                    subject,
                    f"{attribution.name!r} is the body named before it in its sentence",
                    0.7,
                )
            bodies = [e for e in earlier if e.kind != "person"]
            body = (
                bodies[-1]
                if bodies
                else self.entities.before(
                    attribution.start, lambda e: e.category == "actor" and e.kind != "person"
                )
            )
            if body:
                return body, f"{attribution.name!r} is the last body that spoke", 0.6
            return None, "a pronoun with nothing before it", 0.0
        role = re.sub(r"^(?:the|his|her|its)\s+", "", lower)
        publisher = self.publisher_entity()
        if role in ("ministry", "government", "agency", "office", "council", "committee") and (
            publisher is not None
            and role in publisher.name.lower()
            and not self.by_role(role, attribution.start, paragraph_only=True)
        ):
            # "The Ministry calls on …" in the ministry's own statement: its publisher.
            return publisher, f"{attribution.name!r} is the publisher of this statement", 0.7
        found = self.by_role(role, attribution.start)
        if found:
            return found, f"{attribution.name!r} refers to {found.name}", 0.6
        group = re.fullmatch(
            r"(?:the\s+)?(protesters|activists|residents|rebels|separatists)", lower
        )
        if group:
            entity = Entity(
                group.group(1), "actor", "organization", rule="a group that speaks", sure=0.4
            )
            entity = self.entities._add(entity, attribution.start, attribution.end)
            return entity, f"{attribution.name!r}: a group proposed as a new actor", 0.4
        return None, f"{attribution.name!r} is no actor the draft knows", 0.0

    def by_role(self, role: str, position: int, *, paragraph_only: bool = False) -> Entity | None:
        """Return the actor a description refers to ("ministry", "foreign minister", "bloc",
        "agency", "humanitarian group", "prime minister"), named last before `position` (in
        its paragraph, when `paragraph_only`); a ministry of the country the paragraph names
        is preferred."""
        paragraph = self.entities.paragraph(position)
        if paragraph_only:
            found = self.by_role(role, position)
            if found is None or not any(paragraph[0] <= s < position for s, _ in found.mentions):
                return None
            return found
        if role.endswith("ministry"):
            named_here = {
                e.country
                for e in self.entities.items
                if e.kind == "state" and any(paragraph[0] <= s < position for s, _ in e.mentions)
            }
            ministries = [
                e for e in self.entities.actors() if "ministry" in e.key or "Ministry" in e.name
            ]
            local = [e for e in ministries if e.country in named_here]
            chosen = self.entities.before(position, lambda e: e in local) if local else None
            return chosen or self.entities.before(position, lambda e: e in ministries)
        words = role.split()
        head = words[-1] if words else role
        if head in (
            "minister",
            "president",
            "secretary",
            "spokesman",
            "spokeswoman",
            "spokesperson",
            "governor",
            "mayor",
        ):
            wanted = role
            return self.entities.before(
                position,
                lambda e: (
                    (e.kind == "person" and wanted in (e.title or "").lower())
                    or (e.kind == "person" and wanted in self._stored_title(e).lower())
                ),
            ) or (
                self.entities.before(
                    position,
                    lambda e: (
                        e.kind == "person"
                        and head in ((e.title or "") + self._stored_title(e)).lower()
                    ),
                )
            )
        if head == "bloc":
            return self.entities.before(
                position, lambda e: "Union" in e.name or "Community" in e.name
            )
        if head in (
            "agency",
            "organisation",
            "organization",
            "group",
            "committee",
            "council",
            "office",
            "mission",
            "command",
            "army",
            "military",
            "government",
            "alliance",
        ):
            # "The army" is first the body named an army ("the Sudanese army"), then one
            # described as one.
            named_so = self.entities.before(
                position,
                lambda e: e.category == "actor" and e.kind != "person" and head in e.name.lower(),
            )
            if named_so is not None:
                return named_so
            return self.entities.before(
                position,
                lambda e: (
                    e.category == "actor"
                    and e.kind != "person"
                    and (
                        head in e.name.lower()
                        or (
                            head in ("group", "organisation", "organization")
                            and e.kind == "organization"
                        )
                        # "the EU monitoring mission in Armenia (EUMA)" … "The mission"
                        or any(
                            re.search(rf"\b{head}\b", self.text[max(0, s - 40) : s].lower())
                            for s, _ in e.mentions
                        )
                        or (head in ("government", "military", "army") and e.kind == "state")
                    )
                ),
            )
        return None

    def _stored_title(self, entity: Entity) -> str:
        for record in self.known.actors:
            if record.id == entity.stored_id:
                return record.title or ""
        return ""

    # --- the whole draft ------------------------------------------------------------------

    def run(self) -> Draft:
        source_id = self.source()
        publisher = self.publisher_entity()
        statements = find_statements(self.text, self.frame.lines)
        resolved: list[tuple[StatementCandidate, Entity, str, float, Entity | None, str]] = []
        statement_dates: list[Span] = []
        for candidate in statements:
            entity, how, sure = self.speaker(candidate.speaker)
            if entity is None:
                self.result.header.append(
                    f"Not drafted: the words at {candidate.start}-{candidate.end} ({how})."
                )
                continue
            if entity.kind == "media" and candidate.speaker.verb in ("reported", "reports"):
                self.result.header.append(
                    f"{entity.name} reported the words at {candidate.start}-{candidate.end}: "
                    "a source to cite as `via`, not a speaker."
                )
                continue
            self.speakers.append((candidate.speaker.start, entity))
            reporter = None
            reporter_how = ""
            if candidate.reported_by is not None:
                reporter, reporter_how, _ = self.speaker(candidate.reported_by)
                if reporter is entity:
                    reporter = None
                if reporter is not None:
                    self.speakers.append((candidate.reported_by.start, reporter))
            if reporter is None and publisher is not None and publisher is not entity:
                reporter, reporter_how = publisher, "the publisher of this official statement"
            when = said_when(self.text, candidate.speaker)
            if when:
                statement_dates.append(when)
            resolved.append((candidate, entity, how, sure, reporter, reporter_how))
        dates = find_dates(self.text, self.published_on)
        self.dates = dates
        # "both sides said on Friday", "Armenia and Azerbaijan on Friday gave casualty figures":
        # the day words were said or figures given, whoever gave them, dates no event.
        statement_dates += [
            (d.start, d.end)
            for d in dates
            if _SAID_ON.search(self.text, max(0, d.start - 40), d.start)
            or _ON_SAID.match(self.text, d.end)
        ]
        self.statement_dates = statement_dates
        # "announced on 13 March that they had finished negotiating a treaty": the day of the
        # announcement is the day of what it announces as done.
        announcing = [
            (start, end)
            for start, end in statement_dates
            if re.search(r"\bannounced\s+(?:on\s+)?$", self.text[max(0, start - 20) : start])
            and _DONE.match(self.text, end)
        ]
        event_skip = [s for s in statement_dates if s not in announcing] + self.skip
        if self.frame.headline:
            event_skip.append(self.frame.headline)
        events = find_events(
            self.text,
            dates,
            self.sentences,
            self.entities,
            list(self.known.events),
            self.published_on,
            event_skip,
        )
        reported = reported_harm(
            self.text, self.sentences, self.lead, dates, statement_dates, events, self.entities
        )
        if reported is not None:
            events.append(reported)
        figures = find_figures(
            self.text,
            [(d.start, d.end) for d in dates]
            + self.skip
            + ([self.frame.headline] if self.frame.headline else []),
        )
        for event in events:
            # "told Tavush Today that bullets hit four houses": the outlet takes no part.
            event.actors = [a for a in event.actors if not self.own_outlet(a)]
        self.event_records(events, source_id)
        statement_spans = self.statement_records(resolved, events, dates, source_id)
        self.figure_records(figures, events, statement_spans, source_id)
        # Last: the actors and places every record above refers to get their records.
        self.entity_records()
        self.review_events(events)
        return self.result

    # --- events ---------------------------------------------------------------------------

    def event_records(self, events: list[EventCandidate], source_id: str) -> None:
        for event in events:
            if event.stored is not None:
                self.event_ids[id(event)] = event.stored.id
                if event.stored.id not in self.result.mentions["events"]:
                    self.result.mentions["events"].append(event.stored.id)
                    self.result.header.append(
                        f"Stored event named at {event.sentence[0]}-{event.sentence[1]}: "
                        f"{event.stored.id} ({event.rule}); facts about it link to it."
                    )
                continue
            title = event.title()
            when = _when(event)
            event_id = self.ids.new(f"{title} {event.start_date or ''}")
            self.event_ids[id(event)] = event_id
            notes = [
                f"rule: {event.rule}; {when} ({event.precision}); status {event.status}; "
                f"{_sure(event.sure)}",
                *event.notes,
            ]
            relative = [d for d in event.dates if d.relative]
            note = None
            if relative:
                note = (
                    f'The text says "{relative[0].text}"; read against the publication date '
                    f"{self.published_on}."
                )
            if (
                event.status == "ongoing"
                and event.end_date is None
                and event.start_date is not None
            ):
                note = (note + " " if note else "") + "Open-ended."
            sentence = self.text[event.sentence[0] : event.sentence[1]]
            actors = []
            for actor in event.actors:
                if actor.kind == "media":
                    continue
                actor_id = self.actor_id(actor)
                role = "participant"
                if event.type.value == "diplomatic_meeting" and re.search(
                    r"(?i)\bhost",
                    self.text[max(0, actor.mentions[0][0] - 40) : actor.mentions[0][1] + 40],
                ):
                    role = "host"
                entry = {"actor_id": actor_id, "role": role}
                if entry not in actors:
                    actors.append(entry)
            record: Record = {
                "id": event_id,
                "title": title,
                "summary": f'{title}, {when}. The article says: "{sentence.rstrip(".")}."',
                "type": event.type.value,
                "start_date": event.start_date,
                "end_date": event.end_date,
                "date_precision": str(event.precision) if event.precision else None,
                "date_note": note,
                "status": event.status,
                "place_id": self.place_id(event.place) if event.place else None,
                "parent_id": None,
                "actors": actors,
                "citations": [
                    citation(self.text, s, e - (1 if self.text[e - 1] == "." else 0), source_id)
                    for s, e in event.citations
                ],
            }
            self.result.sections["events"].append((notes, record))

    def link(
        self,
        span: Span,
        events: list[EventCandidate],
        *,
        prefer: set[str] | None = None,
        noun: str | None = None,
        casualties: bool = False,
        figure: bool = False,
    ) -> tuple[EventCandidate | None, str]:
        """Return the event the words at `span` are about, and the rule that says so: the one
        their words name ("six-week war"); one cited in the same sentence (not one named only
        to tell the time: "since the 2020 war"); one the sentence refers back to ("in the
        fighting"); one cited in the same paragraph; else the article's main event, unless the
        sentence dates itself apart from it ("last week", "earlier blasts")."""
        sentence = containing(self.sentences, span[0])
        paragraph = containing(self.paragraphs, span[0])

        def cited(event: EventCandidate, area: Span) -> bool:
            return any(area[0] <= s < area[1] or s <= area[0] < t for s, t in event.citations)

        # An event named only to tell the time ("since the 2020 war") is not what the words
        # before it are about; words after it may describe it ("shelling that damaged 12 houses").
        here = [
            e
            for e in events
            if cited(e, sentence) and (not anchored(self.text, e, sentence) or e.word_at < span[0])
        ]
        described = [
            e for e in events if cited(e, sentence) and 0 <= e.word_at - span[1] <= 1 and figure
        ]
        if described:
            # "the six-week war of 2020": the length is the war's, even where the war is named
            # to tell the time ("five years after the six-week war").
            return described[0], f"the event it describes ({described[0].word!r})"
        if noun == "after":
            # "agreed on Wednesday to a ceasefire, one day after the offensive began", "The
            # incident came two days after the talks": the time is the later event's.
            told = [
                e for e in events if cited(e, sentence) and e.word_at < span[0] and e.stored is None
            ]
            if told:
                return told[-1], "the later event, the one told before the time"
            came = re.search(
                r"\b(?:came|happened|occurred|took place)\s+(?:only\s+|just\s+|barely\s+)?$",
                self.text[sentence[0] : span[0]],
            )
            earlier = [
                e
                for e in events
                if e.stored is None and e.start_date and e.citations[0][0] < sentence[0]
            ]
            if came and earlier:
                return earlier[-1], "the later event, told before the sentence that times it"
        if noun in ("after", "before", "since"):
            following = [e for e in events if cited(e, sentence) and e.word_at > span[0]]
            if following:
                return min(following, key=lambda e: e.word_at), f"the event it counts {noun}"
        if noun:
            named = [e for e in here if e.word.lower().startswith(noun.lower()[:4])]
            if named:
                return named[0], f"the event named by {noun!r}"
        if prefer:
            typed = [e for e in here if e.type.value in prefer]
            if typed:
                return typed[0], "an event of the fitting type in the same sentence"
        if here:
            # Nearest by its word, or a figure's by its date: "four incidents in April, against
            # more than thirty in April 2023" (one event word, two dates).
            nearest = min(
                here,
                key=lambda e: min(
                    [abs(e.word_at - span[0])]
                    + [
                        abs(d.start - span[1])
                        for d in e.dates
                        if figure and cited(e, (d.start, d.end))
                    ]
                ),
            )
            return nearest, "an event in the same sentence"
        index = self.sentences.index(sentence) if sentence in self.sentences else 0
        previous = self.sentences[index - 1] if index > 0 else sentence
        # A stored event the sentence before names (not to tell the time) may be referred back
        # to across a paragraph break: wire copy gives each sentence its own paragraph.
        near = [
            e
            for e in events
            if e.stored is None
            or cited(e, paragraph)
            or (cited(e, previous) and not anchored(self.text, e, previous))
        ]
        back = referred(self.text, sentence, near)
        if back:
            return back, f"the sentence refers back to it ({back.word!r})"
        around = [
            e
            for e in events
            if e.stored is None
            and cited(e, paragraph)
            and not anchored(self.text, e, e.citations[0])
        ]
        told = [e for e in around if e.citations[0][0] < sentence[0]]
        # "four incidents in April, against more than thirty in April 2023": the event told
        # for comparison is not the one the paragraph goes on about.
        told = [e for e in told if not self.compared(e)] or told
        if told:
            # What the paragraph told before the sentence, not what it goes on to tell.
            return told[-1], "an event told before it in the same paragraph"
        if paragraph[0] < sentence[0]:
            # "The ministry confirmed the incident. Baku said Armenian troops fired first":
            # the paragraph goes on about the event an earlier sentence of it referred to.
            back = referred(
                self.text, (paragraph[0], sentence[0]), [e for e in events if e.stored is None]
            )
            if back:
                return back, f"its paragraph refers back to it ({back.word!r})"
        main = main_event(self.text, events, self.lead, violent=casualties)
        if main is not None and self.long_before(main):
            # An analysis opening on talks of a year ago: its later facts are not about them.
            main = None
        if main is None or self.dated_apart(sentence, main):
            if around:
                return around[0], "an event in the same paragraph"
            if main is None:
                return None, "no event in its sentence or paragraph, and no main event"
            return None, "its sentence is dated apart from the main event"
        return main, "the article's main event (nothing nearer)"

    def compared(self, event: EventCandidate) -> bool:
        """Return whether `event` is told only to compare: its dates follow "against",
        "compared with", "up from" or "down from" in their clause."""
        return bool(event.dates) and all(
            re.search(
                r"(?i)\b(?:against|compared\s+(?:with|to)|up\s+from|down\s+from|versus)\s"
                r"[^.;,]{0,40}$",
                self.text[max(event.sentence[0], d.start - 60) : d.start],
            )
            for d in event.dates
        )

    def long_before(self, event: EventCandidate) -> bool:
        """Return whether `event` ended more than a month before the publication."""
        last = event.end_date or event.start_date
        return (
            self.published_on is not None
            and last is not None
            and event.end_date is not None
            and (self.published_on - last).days > 92
        )

    def dated_apart(self, sentence: Span, event: EventCandidate) -> bool:
        """Return whether the sentence at `sentence` is about another time than `event`: a
        date of its own outside the event's days, or "earlier", "previous", "last year"."""
        words = self.text[sentence[0] : sentence[1]]
        if re.search(
            r"(?i)\b(?:earlier|previous|last year|in the past(?!\s+(?:day|week|month|\d|24|few"
            r"|two|three|seven|several))|since the end)\b",
            words,
        ):
            return True
        span = event.span()
        paragraph = containing(self.paragraphs, sentence[0])
        for found in self.dates:
            if not paragraph[0] <= found.start < sentence[1] or span is None:
                continue
            if any(a <= found.start < b for a, b in self.skip):
                continue  # the report's own date, in its dateline
            if re.search(
                r"(?i)\bvisit(?:ed|s)?\s+(?:the\s+)?(?:nearby\s+)?(?:village|town|city|site|scene"
                r"|hospital|wounded|victims|families|school)\b[^.;]{0,30}$",
                self.text[max(paragraph[0], found.start - 80) : found.start],
            ):
                continue  # "The governor visited the village on Monday": a visit after the event

            if any(
                s <= found.start < e or found.start <= s < found.end
                for s, e in self.statement_dates
            ):
                if found.end_date < span[0]:
                    return True  # "the bloc said last week", before the event
                continue
            if sentence[0] <= found.start and (
                found.end_date < span[0] or found.start_date > span[1]
            ):
                return True
            if found.start < sentence[0] and found.start_date > span[1]:
                return True  # a later day named earlier in the paragraph
        return False

    # --- statements and figures -----------------------------------------------------------

    def statement_records(
        self,
        resolved: list[tuple[StatementCandidate, Entity, str, float, Entity | None, str]],
        events: list[EventCandidate],
        dates: list[Any],
        source_id: str,
    ) -> list[tuple[int, int, str]]:
        spans: list[tuple[int, int, str]] = []
        for candidate, entity, how, sure, reporter, reporter_how in resolved:
            speaker_id = self.actor_id(entity)
            words_span = (candidate.start, candidate.end)
            harm = re.search(
                r"(?i)\b(?:killed|wounded|injured|dead|died|casualties)\b",
                self.text[candidate.start : candidate.end],
            )
            event, link_rule = self.link(words_span, events, casualties=harm is not None)
            said_on, said_rule = self.said_on(candidate, entity, event, dates)
            if (
                event is not None
                and said_rule.startswith("the date by the verb")
                and said_on is not None
                and event.start_date is not None
                and event.status == "occurred"
                and said_on < event.start_date
            ):
                # "Aliyev said two days earlier …": words said before it are not about it.
                event, link_rule = None, "said before the event its sentence names"
            event_id = self.event_ids.get(id(event)) if event else None
            notes = [
                f"{candidate.kind.replace('_', ' ')} at {candidate.start}-{candidate.end}; "
                f"rule: {candidate.rule}; "
                f"speaker {candidate.speaker.name!r}: {how} -> {speaker_id}; {_sure(sure)}",
                f"event: {link_rule}"
                + (f" -> {event_id}" if event_id else "")
                + f"; said_on: {said_rule}",
            ]
            reporter_id = self.actor_id(reporter) if reporter is not None else None
            if reporter_id:
                notes.append(f"reported by {reporter_how} -> {reporter_id}")
            citations = [citation(self.text, candidate.start, candidate.end, source_id)]
            if candidate.cue is not None and not (
                candidate.start <= candidate.cue[0] < candidate.end
            ):
                citations.append(citation(self.text, *candidate.cue, source_id))
            words = [
                w
                for w in re.findall(r"[a-z]+", candidate.text.lower())
                if len(w) > 3 and w not in speaker_id.split("-")
            ]
            record: Record = {
                "id": self.ids.new(f"{speaker_id}-{'-'.join(words[:4])}"),
                "speaker": speaker_id,
                "kind": candidate.kind,
                "text": candidate.text,
                "said_on": said_on,
                "event_id": event_id,
                "reported_by": reporter_id if reporter_id != speaker_id else None,
                "citations": citations,
            }
            self.result.sections["statements"].append((notes, record))
            spans.append((candidate.start, candidate.end, speaker_id))
            if sure < 0.7:
                self.result.review.append(
                    f"statements/{record['id']}: speaker found by {how}; check it"
                )
        return spans

    def said_on(
        self,
        candidate: StatementCandidate,
        speaker: Entity,
        event: EventCandidate | None,
        dates: list[Any],
    ) -> tuple[date | None, str]:
        """Return when the words were said, and why: the date by the verb ("said on
        Tuesday"); the day of the event the speaker took part in; the publication date."""
        when = said_when(self.text, candidate.speaker)
        if when:
            for found in dates:
                if found.start <= when[0] < found.end and found.start_date == found.end_date:
                    return found.start_date, f"the date by the verb ({found.text!r})"
        if (
            event is not None
            and event.stored is None
            and speaker in event.actors
            and any(
                event.sentence[0] <= p < event.sentence[1] and p != candidate.speaker.start
                for p, _ in speaker.mentions
            )
            and event.start_date
            and event.start_date == event.end_date
            and event.precision
            and event.precision.value == "day"
        ):
            return event.start_date, "the day of the event the speaker took part in"
        if self.published_on:
            return self.published_on, "the publication date"
        return None, "no date"

    def figure_records(
        self,
        figures: list[FigureCandidate],
        events: list[EventCandidate],
        statements: list[tuple[int, int, str]],
        source_id: str,
    ) -> None:
        tag = slug(headline(self.text), 24)
        for figure in figures:
            claimant = next((who for s, e, who in statements if s <= figure.start < e), None)
            if claimant is None:
                sentence = containing(self.sentences, figure.start)
                claimant = next(
                    (
                        who
                        for s, e, who in statements
                        if sentence[0] <= s < sentence[1] and s <= figure.start
                    ),
                    None,
                )
            prefer = None
            noun = None
            if figure.metric == "duration":
                after = re.match(r"\s+([a-z]+)", self.text[figure.end :])
                noun = after.group(1) if after else None
            elif figure.metric.endswith("_deployed"):
                prefer = {"deployment"}
            elif figure.metric in ("deaths", "injured", "missing_persons"):
                prefer = {"armed_conflict", "attack", "military_operation"}
            sentence = containing(self.sentences, figure.start)
            if re.search(
                r"\b(?:lies|lie|is located|is situated|sits)\s+(?:\w+\s+){0,3}$",
                self.text[sentence[0] : figure.start],
            ):
                # "The city lies about 50 kilometres from the plant": where a place is.
                event, link_rule = None, "where a place lies, about no event"
            elif re.match(
                r"\s+(?:still\s+|now\s+)?(?:live|lives|reside|resides)\s+(?:in|at|near|on)\b",
                self.text[figure.end : figure.end + 40],
            ):
                # "About 120 families live in Berdavan": who lives in a place, not a harm.
                event, link_rule = None, "who lives in a place, about no event"
            else:
                event, link_rule = self.link(
                    (figure.start, figure.end),
                    events,
                    prefer=prefer,
                    noun=noun,
                    casualties=figure.metric in ("deaths", "injured"),
                    figure=True,
                )
            event_id = self.event_ids.get(id(event)) if event else None
            hedge = f"hedge {figure.hedge!r}" if figure.hedge else "no hedge"
            notes = [
                f"{figure.start}-{figure.end}; rule: {figure.rule}; {hedge} -> {figure.qualifier}; "
                f"counts {figure.counted!r} -> {figure.metric}"
                + (f"; claimed by {claimant} (the figure is in their words)" if claimant else "")
                + f"; {_sure(0.8 if figure.metric not in ('people',) else 0.5)}",
                f"event: {link_rule}" + (f" -> {event_id}" if event_id else ""),
            ]
            value: int | float = int(figure.value) if figure.value.is_integer() else figure.value
            record: Record = {
                "id": self.ids.new(f"{event_id or tag}-{figure.metric}-{value}"),
                "metric": figure.metric,
                "value": value,
                "unit": figure.unit,
                "qualifier": str(figure.qualifier),
                "scope": figure.counted or None,
                "event_id": event_id,
                "claimed_by": claimant,
                "citations": [citation(self.text, figure.start, figure.end, source_id)],
            }
            self.result.sections["figures"].append((notes, record))
            if event_id is None and figure.metric in (
                "deaths",
                "injured",
                "missing_persons",
                "displaced_persons",
            ):
                self.result.review.append(
                    f"figures/{record['id']}: {value} {figure.metric} with no event; link it if "
                    "it counts one"
                )
            if figure.metric == "people":
                self.result.review.append(
                    f"figures/{record['id']}: what {value} {figure.counted or 'people'} counts "
                    "is a guess; set the metric"
                )

    def review_events(self, events: list[EventCandidate]) -> None:
        for event in events:
            event_id = self.event_ids.get(id(event))
            if event.stored is not None:
                self.result.review.insert(
                    0,
                    f"events/{event_id}: named again ({event.rule}); check it is that stored event",
                )
            elif any(d.relative for d in event.dates) or event.sure < 0.6:
                self.result.review.append(
                    f"events/{event_id}: {event.type.value} {_when(event)} from {event.rule}; "
                    "check the type and dates"
                )


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
    """Return the bundle proposed for the article `text`, published on `published_on` (else
    on the date its dateline or "Published" line gives).

    Stored actors, places and events are referred to by their ids; what none of them is gets
    a new record with an id the database does not hold. The source holds the text itself,
    so the draft loads as it is.
    """
    return _Drafter(text, published_on, known, publisher, str(kind), url, language).run()


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

REVIEW_LINES = 12
"""How many review items the draft ends with (the first are the ones to check first)."""


def render(result: Draft, origin: str) -> str:
    """Return the draft as a bundle file: YAML in the seed format, with the reasons for every
    candidate as comments and the review list at its end. Every string reads back exactly
    as it was, the text included."""
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
        "# file. Comments give each record's rule and how sure it is; the review list at the end",
        "# says what to check first.",
    ]
    for kind, ids in result.mentions.items():
        if ids:
            lines.append(
                f"# Stored {kind} the article names (referred to by id): {', '.join(ids)}."
            )
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
    lines.append("# Review first:")
    review = list(dict.fromkeys(result.review))
    lines += [f"#  {n}. {item}" for n, item in enumerate(review[:REVIEW_LINES], 1)]
    if len(review) > REVIEW_LINES:
        lines.append(f"#  … and {len(review) - REVIEW_LINES} more of the same kinds.")
    if not review:
        lines.append("#  nothing stands out; read each record against its comment.")
    return "\n".join(lines).rstrip("\n") + "\n"


def read_known(session: Session) -> Known:
    """Return the actors, places and events the database holds, and every id already taken."""
    actors = tuple(
        StoredName(a.id, (a.name, *a.aliases), str(a.kind), a.country, a.title)
        for a in session.exec(select(Actor)).all()
    )
    places = tuple(
        StoredName(p.id, (p.name,), str(p.kind), p.country) for p in session.exec(select(Place))
    )
    roles: dict[str, set[str]] = {}
    for role in session.exec(select(EventActor)):
        roles.setdefault(role.event_id, set()).add(role.actor_id)
    events = tuple(
        StoredEvent(
            e.id,
            e.title,
            str(e.type),
            e.start_date,
            e.end_date,
            frozenset(roles.get(e.id, set())),
            e.place_id,
        )
        for e in session.exec(select(Event).where(col(Event.retracted_at).is_(None)))
    )
    taken: set[str] = set()
    for model in (Source, Actor, Place, Event, Figure, Statement):
        taken.update(session.exec(select(col(getattr(model, "id")))).all())  # noqa: B009
    return Known(actors, places, frozenset(taken), events)
