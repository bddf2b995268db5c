"""Named people, organisations, states and places: found, classified and matched to the records
the database already holds.

A name is first read as a stored record (by name or alias, a ministry by its country and
portfolio, a state by its capital); only what none of them is becomes a new record, with a
kind, a country and, for a place, coordinates from the offline gazetteer. Every entity says
which rule found it and how sure that rule is.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from app.draft.gazetteer import Gazetteer, gazetteer, plain
from app.draft.statements import VERBS
from app.draft.text import Boilerplate, Span, paragraphs

WORD = r"(?:(?:[A-Z]\.){2,}|[A-Z][\w’'-]*)"
"""A capitalised word: "Nagorno-Karabakh", "D.C.", "Azerbaijan's"."""
_CHUNK = re.compile(rf"{WORD}(?:(?:[ \t]+|[ \t]+(?:of|for|of the|de|al|bin)[ \t]+){WORD})*")
TITLES = (
    "President|Vice President|Prime Minister|Minister|Secretary|Undersecretary|Spokesman"
    "|Spokeswoman|Spokesperson|Ambassador|Chairman|Chairwoman|Chair|Commander|General|Envoy"
    "|Governor|Mayor|Chief|Director|Representative|Adviser|Advisor|Aide|Head|Ombudsman|Speaker"
    "|King|Queen|Prince|Sheikh|Colonel|Major|Captain|Lieutenant|Sergeant|Private|Mr|Mrs|Ms|Dr"
    "|Senator|Deputy|Patriarch|Pope|Foreign|Defence|Defense|State|Deputy|Acting|Former"
)
_ENVOY = r"(?:Special\s+|High\s+)?(?:Representative|Envoy|Commissioner|Coordinator)"
"""A title that sends a person on behalf of a body: "the EU Special Representative"."""
_TITLE_WORDS = set(TITLES.split("|")) | {"Prime", "Vice", "Affairs", "Interior", "Council"}
# Lowercase role nouns that end a title before a name ("local official Karen Sargsyan").
_ROLE_NOUNS = (
    "official|officials|spokesman|spokeswoman|spokesperson|adviser|advisor|aide|analyst|chief"
    "|governor|mayor|ombudsman|commander|envoy|minister|president|secretary|teacher|private"
    "|soldier|head|director|leader|activist|resident|journalist|correspondent|researcher"
    "|undersecretary|ambassador|representative|spokesmen|expert"
)
_ORG_WORDS = {
    "Ministry",
    "Council",
    "Committee",
    "Forces",
    "Army",
    "Agency",
    "Organization",
    "Organisation",
    "Union",
    "Group",
    "Community",
    "Nations",
    "Administration",
    "Office",
    "Service",
    "Cross",
    "Crescent",
    "Bank",
    "Court",
    "Party",
    "Parliament",
    "Assembly",
    "Commission",
    "Mission",
    "Fund",
    "Programme",
    "Program",
    "Institute",
    "Front",
    "Movement",
    "Brigade",
    "Battalion",
    "Regiment",
    "Guard",
    "Police",
    "Kremlin",
    "Pentagon",
    "Government",
    "Presidency",
    "Navy",
    "Watch",
    "International",
    "Federation",
    "Alliance",
    "League",
    "Authority",
    "Directorate",
    "Department",
    "Bureau",
    "Center",
    "Centre",
    "Foundation",
}
_BARE_BODIES = {
    "Ministry",
    "Agency",
    "Committee",
    "Council",
    "Mission",
    "Office",
    "Government",
    "Presidency",
    "Department",
}
"""A body's word alone, capitalised as official statements do ("The Ministry calls on"): no
name of its own."""

_GOVERNMENT_WORDS = {
    "Ministry",
    "Administration",
    "Army",
    "Kremlin",
    "Pentagon",
    "Parliament",
    "Government",
    "Police",
    "Office",
    "Service",
    "Guard",
    "Presidency",
    "Navy",
    "Directorate",
    "Department",
    "Bureau",
    "Authority",
}
_MEDIA_WORDS = {
    "News",
    "TV",
    "Radio",
    "Press",
    "Herald",
    "Times",
    "Post",
    "Wire",
    "Daily",
    "Gazette",
    "Television",
    "Broadcasting",
    "Channel",
    "Telegraph",
    "Tribune",
    "AFP",
    "Reuters",
    "TASS",
}
_ARMED_WORDS = {"Forces", "Front", "Movement", "Brigade", "Battalion", "Regiment", "Militia"}
_PLACE_KEYWORDS = {
    "district": "region",
    "districts": "region",
    "region": "region",
    "regions": "region",
    "province": "region",
    "provinces": "region",
    "oblast": "region",
    "governorate": "region",
    "heights": "site",
    "corridor": "site",
    "spring": "site",
    "airport": "site",
    "dam": "site",
    "nuclear power plant": "site",
    "power plant": "site",
    "bridge": "site",
    "checkpoint": "site",
    "base": "site",
    "pass": "site",
    "crossing": "site",
    "port": "site",
}
_SETTLEMENTS = "town|village|city|settlement|capital|municipality|district|region|province"
_TIME_ZONES = {"GMT", "UTC", "CET", "CEST", "EET", "EEST", "BST", "MSK", "EDT", "EST", "CDT"}
_TIME_ZONES |= {"CST", "PDT", "PST", "AMT", "AZT", "EAT", "CAT", "WAT", "IST"}
"""Time zones after a clock time: never actors."""
_LOCATIVE = re.compile(
    r"(?i)\b(?:in|into|inside|near|to|from|at|outside|across|throughout|towards?|via|for)"
    r"(?:\s+the)?\s+$"
)
_GROUPS = {
    "residents",
    "farmers",
    "villagers",
    "witnesses",
    "locals",
    "families",
    "relatives",
    "doctors",
    "rescuers",
    "refugees",
    "officials",
    "soldiers",
    "troops",
    "people",
}
"""Plural nouns that open a sentence ("Residents of Sotk said"): people, not a name."""
_SKIP_WORDS = {
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "As",
    "After",
    "Before",
    "Since",
    "According",
    "Under",
    "Speaking",
    "While",
    "But",
    "And",
    "He",
    "She",
    "They",
    "It",
    "Their",
    "His",
    "Her",
    "Its",
    "This",
    "That",
    "These",
    "Those",
    "Our",
    "We",
    "Both",
    "If",
    "When",
    "Until",
    "For",
    "From",
    "With",
    "By",
    "Of",
    "To",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Minister",
    "President",
    "Secretary",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Sept",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Oct",
    "Nov",
    "Dec",
    "Twitter",
    "Telegram",
    "Facebook",
    "Instagram",
    "YouTube",
    "X",
}
_EVENT_NAMES = {
    "War",
    "Conflict",
    "Summit",
    "Agreement",
    "Treaty",
    "Accord",
    "Accords",
    "Ceasefire",
    "Offensive",
    "Operation",
    "Crisis",
    "Revolution",
    "Declaration",
    "Charter",
    "Process",
    "Format",
    "Talks",
    "Conference",
    "Forum",
    "Games",
    "Cup",
    "Day",
}
_PORTFOLIOS = {
    "defence": "Defence",
    "defense": "Defence",
    "foreign": "Foreign",
    "foreign affairs": "Foreign",
    "health": "Health",
    "interior": "Interior",
    "internal affairs": "Interior",
    "emergency situations": "Emergency Situations",
    "justice": "Justice",
    "finance": "Finance",
    "economy": "Economy",
    "education": "Education",
    "energy": "Energy",
}


@dataclass
class Entity:
    """A person, organisation, state or place the article names."""

    name: str
    category: str
    """"actor" or "place"."""
    kind: str
    country: str | None = None
    title: str | None = None
    aliases: list[str] = field(default_factory=list)
    latitude: float | None = None
    longitude: float | None = None
    stored_id: str | None = None
    rule: str = ""
    sure: float = 0.5
    mentions: list[Span] = field(default_factory=list)
    key: str = ""

    def names(self) -> set[str]:
        return {plain(n) for n in (self.name, *self.aliases)} - {""}

    def surname(self) -> str | None:
        words = self.name.split()
        return words[-1] if self.kind == "person" and len(words) > 1 else None


@dataclass(frozen=True)
class StoredName:
    """An actor or place the database holds, with every name a text may use for it."""

    id: str
    names: tuple[str, ...]
    kind: str
    country: str | None = None
    title: str | None = None


def portfolio(words: str) -> str | None:
    """Return the ministry portfolio `words` name ("defence ministry" -> "Defence"), or None."""
    key = plain(words).removesuffix(" ministry").removeprefix("ministry of ").strip()
    return _PORTFOLIOS.get(key)


def ministry_key(name: str, places: Gazetteer) -> tuple[str, str] | None:
    """Return (country code, portfolio) of a ministry's name in any of its usual forms:
    "Azerbaijani Foreign Ministry", "Azerbaijan's Defence Ministry", "Russia's defence
    ministry", "Ministry of Defence of the Republic of Azerbaijan", "the Armenian Ministry of
    Emergency Situations"; None when `name` is no ministry of a known country."""
    text = re.sub(r"^(?:[Tt]he)\s+", "", name.strip())
    forms = [
        rf"^(?P<country>{WORD})['’]s\s+(?P<topic>[\w ]+?)\s+[Mm]inistry$",
        rf"^(?P<country>{WORD})\s+(?P<topic>[\w ]+?)\s+Ministry$",
        rf"^(?P<country>{WORD})\s+Ministry\s+of\s+(?P<topic>[\w ]+)$",
        rf"^Ministry\s+of\s+(?P<topic>[\w ]+?)\s+of\s+(?:the\s+)?(?:Republic\s+of\s+)?"
        rf"(?:the\s+)?(?P<country>{WORD}(?:\s+{WORD})?)$",
    ]
    for form in forms:
        match = re.match(form, text)
        if not match:
            continue
        topic = portfolio(match.group("topic"))
        word = re.sub(r"['’]s$", "", match.group("country"))
        country = places.demonym(word) or places.country(word)
        if topic and country:
            return country.code, topic
    return None


class Entities:
    """The entities an article names, found once, looked up by where they are named."""

    def __init__(
        self,
        text: str,
        blank: str,
        actors: Iterable[StoredName],
        places: Iterable[StoredName],
        boilerplate: Boilerplate,
        places_data: Gazetteer | None = None,
    ) -> None:
        self.text = text
        self.blank = blank
        self.gazetteer = places_data or gazetteer()
        self.stored_actors = list(actors)
        self.stored_places = list(places)
        self.boilerplate = boilerplate
        self.items: list[Entity] = []
        self._taken: list[Span] = []
        self._paragraphs = paragraphs(text)
        self._near: set[str] = set()
        self._find()

    # --- looking entities up -------------------------------------------------------------

    def at(self, start: int, end: int, category: str | None = None) -> Entity | None:
        """Return the entity named at (or around) `start`-`end`, the longest mention first."""
        best: tuple[int, Entity] | None = None
        for entity in self.items:
            if category and entity.category != category:
                continue
            for s, e in entity.mentions:
                if s < end and start < e:
                    overlap = min(e, end) - max(s, start)
                    if best is None or overlap > best[0]:
                        best = (overlap, entity)
        return best[1] if best else None

    def before(self, position: int, test: Callable[[Entity], bool]) -> Entity | None:
        """Return the entity passing `test` named last before `position`."""
        found: tuple[int, Entity] | None = None
        for entity in self.items:
            if not test(entity):
                continue
            for s, _ in entity.mentions:
                if s < position and (found is None or s > found[0]):
                    found = (s, entity)
        return found[1] if found else None

    def paragraph(self, position: int) -> Span:
        for span in self._paragraphs:
            if span[0] <= position <= span[1]:
                return span
        return (position, position)

    def actors(self) -> list[Entity]:
        return [e for e in self.items if e.category == "actor"]

    def places(self) -> list[Entity]:
        return [e for e in self.items if e.category == "place"]

    # --- finding them --------------------------------------------------------------------

    def _free(self, start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in self._taken)

    def _add(self, entity: Entity, start: int, end: int, *, claim: bool = True) -> Entity:
        """Record a mention of `entity` (merged with an entity of the same key or stored id)."""
        key = entity.key or f"{entity.category}:{entity.stored_id or plain(entity.name)}"
        entity.key = key
        for known in self.items:
            if known.key == key or (
                known.category == entity.category
                and known.names() & entity.names()
                and known.kind == entity.kind
            ):
                if (start, end) not in known.mentions:
                    known.mentions.append((start, end))
                surface = re.sub(r"['’]s$", "", self.text[start:end])
                for alias in (surface, *entity.aliases, entity.name):
                    if plain(alias) not in known.names() and alias:
                        known.aliases.append(alias)
                known.title = known.title or entity.title
                known.country = known.country or entity.country
                if claim:
                    self._taken.append((start, end))
                return known
        entity.mentions.append((start, end))
        surface = re.sub(r"['’]s$", "", self.text[start:end])
        if plain(surface) not in entity.names():
            entity.aliases.append(surface)
        self.items.append(entity)
        if claim:
            self._taken.append((start, end))
        return entity

    def _stored(self, name: str, category: str) -> StoredName | None:
        wanted = plain(re.sub(r"^[Tt]he\s+", "", re.sub(r"['’]s$", "", name)))
        for record in self.stored_actors if category == "actor" else self.stored_places:
            names = {plain(n) for n in record.names}
            if category == "place":
                # "Karabakh" for "Nagorno-Karabakh": the last part of a compound name.
                names |= {
                    plain(n.split("-")[-1])
                    for n in record.names
                    if "-" in n and len(n.split("-")[-1]) > 4
                }
            if wanted in names:
                return record
        return None

    def _stored_ministry(self, key: tuple[str, str]) -> StoredName | None:
        for record in self.stored_actors:
            if any(ministry_key(n, self.gazetteer) == key for n in record.names):
                return record
        return None

    def _find(self) -> None:
        self._near = self._countries_named()
        self._ministries()
        self._authorities()
        self._places_by_cue()
        for match in _CHUNK.finditer(self.blank):
            self._chunk(match.start(), match.end())
        self._acronyms()
        self._surnames()

    def _countries_named(self) -> set[str]:
        """Return the countries the article names (by name, demonym or a stored record's
        country): where an ambiguous town name is looked for first."""
        codes = set()
        for word in re.findall(WORD, self.blank):
            word = re.sub(r"['’]s$", "", word)
            country = self.gazetteer.country(word) or self.gazetteer.demonym(word)
            if country:
                codes.add(country.code)
        for record in self.stored_actors:
            if record.country and any(
                re.search(rf"(?<!\w){re.escape(n)}(?!\w)", self.blank) for n in record.names
            ):
                codes.add(record.country)
        return codes

    def _ministries(self) -> None:
        forms = [
            rf"Ministry\s+of\s+[A-Z]\w+(?:\s+[A-Z]\w+)?\s+of\s+(?:the\s+)?(?:Republic\s+of\s+)?(?:the\s+)?{WORD}",
            rf"{WORD}\s+Ministry\s+of\s+[A-Z]\w+(?:\s+[A-Z]\w+)?",
            rf"{WORD}['’]s\s+(?:[A-Za-z]+\s+){{1,2}}[Mm]inistry",
            rf"{WORD}\s+(?:[A-Z]\w+\s+){{1,2}}Ministry",
        ]
        for form in forms:
            for match in re.finditer(form, self.blank):
                name = re.sub(r"^[Tt]he\s+", "", match.group())
                start = match.end() - len(name)
                key = ministry_key(name, self.gazetteer)
                if key is None or not self._free(start, start + len(name)):
                    continue
                code, topic = key
                stored = self._stored_ministry(key)
                country = self.gazetteer.by_code[code]
                if stored:
                    entity = Entity(
                        stored.names[0],
                        "actor",
                        stored.kind,
                        stored.country,
                        stored_id=stored.id,
                        rule="stored ministry, by country and portfolio",
                        sure=0.9,
                    )
                else:
                    demonym = country.demonym or country.name
                    entity = Entity(
                        f"{demonym} {topic} Ministry",
                        "actor",
                        "government_body",
                        code,
                        rule="ministry named by country and portfolio",
                        sure=0.85,
                    )
                entity.key = f"ministry:{code}:{topic}"
                self._add(entity, start, start + len(name))

    def _authorities(self) -> None:
        """ "Karabakh's ethnic Armenian authorities", "the authorities of Nagorno-Karabakh":
        a body named by the place it governs; "Armenian officials": the state itself."""
        by_place = re.compile(
            rf"(?P<place>{WORD})['’]s\s+(?:(?:ethnic|local|de facto|separatist|self-declared)\s+)?"
            rf"(?:{WORD}\s+)?authorities"
            rf"|(?:[Tt]he\s+)?(?:(?:ethnic|local|de facto|separatist)\s+)?(?:{WORD}\s+)?"
            rf"authorities\s+of\s+(?P<place2>{WORD})"
        )
        for match in by_place.finditer(self.blank):
            place = re.sub(r"['’]s$", "", match.group("place") or match.group("place2"))
            if self.gazetteer.country(place):
                continue  # "Armenia's authorities": the state
            short = place.split("-")[-1]
            entity = Entity(
                f"{short} authorities",
                "actor",
                "government_body",
                None,
                rule="authorities of a place",
                sure=0.7,
                key=f"authorities:{plain(short)}",
            )
            name = re.sub(r"^[Tt]he\s+", "", match.group())
            start = match.start() + match.group().index(name)
            self._add(entity, start, start + len(name))
        for match in re.finditer(
            rf"(?P<dem>{WORD})\s+(?:officials|authorities|government)\b", self.blank
        ):
            country = self.gazetteer.demonym(match.group("dem"))
            if country is None or not self._free(match.start(), match.end()):
                continue
            self._state(
                country.code,
                country.name,
                match.start(),
                match.end(),
                "state by its officials",
                0.7,
            )

    def _state(self, code: str, name: str, start: int, end: int, rule: str, sure: float) -> Entity:
        stored = next(
            (a for a in self.stored_actors if a.kind == "state" and a.country == code), None
        )
        if stored:
            entity = Entity(
                stored.names[0],
                "actor",
                "state",
                code,
                stored_id=stored.id,
                rule=f"stored {rule}",
                sure=sure,
            )
        else:
            entity = Entity(name, "actor", "state", code, rule=rule, sure=sure)
        entity.key = f"actor:state:{code}"
        return self._add(entity, start, end)

    def _places_by_cue(self) -> None:
        """Places named with what they are: "the village of Sotk", "the Kalbajar and Lachin
        districts", "the Saribaba heights", "the Zaporizhzhia nuclear power plant"."""
        settlement = re.compile(
            r"\b(?:resort |spa |southern |northern |eastern |western |nearby |border |frontline "
            r"|[A-Z]\w+ )?"
            rf"(?P<what>{_SETTLEMENTS}) of (?P<name>{WORD}(?:[ -]{WORD})*)"
        )
        for match in settlement.finditer(self.blank):
            what = match.group("what")
            kind = "region" if what in {"district", "region", "province"} else "city"
            self._place(
                match.group("name"),
                match.start("name"),
                match.end("name"),
                kind,
                f"{what} of X",
                0.85,
            )
        keywords = "|".join(sorted((re.escape(k) for k in _PLACE_KEYWORDS), key=len, reverse=True))
        listed = re.compile(
            rf"(?P<names>{WORD}(?:,\s+{WORD})*(?:,?\s+and\s+{WORD})?)\s+(?P<kw>{keywords})\b"
        )
        for match in listed.finditer(self.blank):
            kind = _PLACE_KEYWORDS[match.group("kw")]
            names = re.split(r",\s+(?:and\s+)?|,?\s+and\s+", match.group("names"))
            if kind == "site":
                name = names[-1]
                start = match.start("names") + match.group("names").rindex(name)
                if name in _SKIP_WORDS:
                    continue
                self._place(
                    f"{name} {match.group('kw')}",
                    start,
                    match.end("kw"),
                    "site",
                    "X heights, X corridor",
                    0.8,
                )
                continue
            position = match.start("names")
            for name in names:
                start = self.blank.index(name, position)
                position = start + len(name)
                if name not in _SKIP_WORDS:
                    self._place(name, start, position, kind, f"X {match.group('kw')}", 0.8)

    def _place(
        self, name: str, start: int, end: int, kind: str, rule: str, sure: float
    ) -> Entity | None:
        if not self._free(start, end) or self.boilerplate.holds(start):
            return None
        stored = self._stored(name, "place")
        if stored:
            entity = Entity(
                stored.names[0],
                "place",
                stored.kind,
                stored.country,
                stored_id=stored.id,
                rule=f"stored place, {rule}",
                sure=0.9,
            )
            return self._add(entity, start, end)
        entity = Entity(name, "place", kind, rule=rule, sure=sure)
        if kind == "site":
            head = name.split()[0]
            city = self.gazetteer.city(head, self._near)
            if city and city.country in self._near:
                entity.country = city.country
        else:
            bare = re.sub(r",.*", "", name)
            city = self.gazetteer.city(bare, self._near)
            # A town of a country the article names, or the only one of that name anywhere.
            unique = len({c.country for c in self.gazetteer.cities.get(plain(bare), [])}) == 1
            if city and (city.country in self._near or kind == "city" or unique):
                entity.country = city.country
                entity.latitude, entity.longitude = city.latitude, city.longitude
                entity.rule += f"; coordinates of {city.name} ({city.country}) in GeoNames"
            else:
                entity.rule += "; not in the gazetteer: no coordinates"
                entity.sure -= 0.2
        return self._add(entity, start, end)

    def _chunk(self, start: int, end: int) -> None:
        """Classify one run of capitalised words."""
        text = self.blank[start:end]
        # Leading words that only open a sentence ("The", "According", "Speaking").
        words = list(re.finditer(r"\S+", text))
        while words and (
            words[0].group().rstrip(",") in _SKIP_WORDS or self._common(words[0].group())
        ):
            words.pop(0)
        if not words:
            return
        start = start + words[0].start()
        text = self.blank[start:end]
        text = re.sub(r"(?:\s+(?:of|for|of the|and the))+$", "", text)
        end = start + len(text)
        if not self._free(start, end) or not text:
            return
        if len(text.split()) > 1 and text.isupper():
            return  # "SHARE THIS ARTICLE": a page's furniture, not a name
        if text in _BARE_BODIES:
            return  # "The Ministry calls on …": a body described, resolved where it speaks
        if self.boilerplate.holds(start):
            # The headline and datelines name stored records too; nothing new is proposed there.
            headline = self.boilerplate.headline
            if headline and headline[0] <= start < headline[1]:
                for part in re.split(r",\s+|\s+and\s+", text):
                    stored = self._stored(part, "actor")
                    if stored and stored.kind == "state":
                        offset = start + text.index(part)
                        self._add(
                            Entity(
                                stored.names[0],
                                "actor",
                                "state",
                                stored.country,
                                stored_id=stored.id,
                                rule="stored actor named in the headline",
                                sure=0.8,
                            ),
                            offset,
                            offset + len(part),
                        )
            return
        # A document of an organisation names the organisation: "Charter of the United Nations".
        document = re.match(
            r"(?:Charter|Treaty|Convention|Statute|Resolution)\s+of\s+(?:the\s+)?", text
        )
        if document:
            start += document.end()
            text = text[document.end() :]
        if re.search(rf"\b{_ENVOY}\s+for\s+(?:the\s+)?$", self.blank[max(0, start - 40) : start]):
            return  # "Special Representative for the South Caucasus": the remit of a title
        envoy = re.fullmatch(rf"(?P<body>.+?)\s+{_ENVOY}", text)
        if envoy:
            # "the European Union Special Representative, Magnus Lindqvist": a person's title,
            # naming the body that sent them.
            text = envoy.group("body")
            end = start + len(text)
        possessive = re.match(rf"^(?P<owner>{WORD}?)['’]s$", text)
        if possessive:
            text = possessive.group("owner")
            end = start + len(text)
        if self._as_stored_actor(text, start, end):
            return
        locative = self._locative(start)
        for entity in self.items:
            if entity.category == "actor" and text in (entity.name, *entity.aliases):
                if locative and entity.kind == "state":
                    break  # "flown to Yerevan": the city, below
                self._add(entity, start, end)
                return
        tokens = text.split()
        split = self._split_title(text)
        if split and len(split[1].split()) >= 2 and not set(split[1].split()) & _ORG_WORDS:
            # "European Council President Marta Lindqvist": a person behind a title that
            # names an organisation.
            self._person(text, start, end, None)
            return
        if set(tokens) & _ORG_WORDS or set(tokens) & _MEDIA_WORDS:
            self._organisation(text, start, end)
            return
        country = self.gazetteer.country(text)
        if country:
            self._country(country.code, country.name, text, start, end)
            return
        if text in _TIME_ZONES:
            return  # "(0550 GMT)", "07.20 CET": a clock's zone, no organisation
        if re.fullmatch(r"[A-Z]{3,8}|[A-Z]{1,3}\d{1,3}", text) and not self.gazetteer.city(
            text, self._near
        ):
            # "UNHCR", "MONUSCO", "M23 rebels": an organisation known by its acronym only.
            armed = re.match(
                r"\s+(?:rebels|militia|militants|fighters|insurgents)\b", self.blank[end:]
            )
            entity = Entity(
                text,
                "actor",
                "armed_group" if armed else "organization",
                rule="an acronym alone",
                sure=0.5,
            )
            self._add(entity, start, end)
            return
        if re.fullmatch(
            rf"(?:North|South|East|West|Northern|Southern|Eastern|Western|Upper|Lower|Central)"
            rf"\s+{WORD}",
            text,
        ) and not self.gazetteer.country(text.split()[-1]):
            # "West Darfur": a region named by a part of a place.
            self._place(text, start, end, "region", "a region named by its direction", 0.7)
            return
        object_of = re.search(
            r"\b(?:by|thanked|thanks|accused|accuses|blamed|blames|urged|urges|told|asked|warned"
            r"|called on|against)\s+$",
            self.blank[max(0, start - 14) : start],
        )
        capital_of = self.gazetteer.capital(text)
        # "Moscow has blamed Baku": the state; "a round in Washington ended": the city.
        acts = self._acts(end) and not self._locative(start)
        if capital_of is not None and (acts or object_of):
            self._state(
                capital_of.code, capital_of.name, start, end, "state named by its capital", 0.7
            )
            return
        geographic = re.fullmatch(
            rf"(?:(?P<town>{WORD}(?:\s+{WORD})?\s+City|(?:El|Al|Ad|Ar|As|An)[\s-]{WORD})"
            rf"|(?P<feature>(?:Lake|Mount|Mt\.?|River|Gulf\s+of|Bay\s+of)\s+{WORD}"
            rf"|{WORD}\s+(?:River|Valley|Strip|Plateau|Peninsula|Desert|Mountains?|Islands?"
            rf"|Lake|Province|Governorate|Oblast|Camp)))",
            text,
        )
        if geographic and (geographic.group("feature") or self._locative(start)):
            # "Gaza City", "in El Fasher", "Lake Kivu", "the Jordan Valley": places by their
            # make, not people, whatever the gazetteer knows of them.
            kind = "city" if geographic.group("town") else "region"
            if text.endswith("Camp"):
                kind = "site"
            self._place(text, start, end, kind, "a place by the shape of its name", 0.6)
            return
        title = self._title_before(start)
        person = self._person(text, start, end, title)
        if person:
            return
        city = self.gazetteer.city(text, self._near)
        if city is not None and len(tokens) <= 3 and not text.isupper():
            after_locative = self._locative(start)
            if city.country in self._near or after_locative or self.gazetteer.capital(text):
                # "Washington, D.C.": the district is part of the name.
                suffix = re.match(r",\s+(?:[A-Z]\.){2,}", self.blank[end : end + 8])
                if suffix:
                    text, end = text + suffix.group(), end + suffix.end()
                self._place(
                    text,
                    start,
                    end,
                    "city",
                    "town in the gazetteer",
                    0.75 if after_locative else 0.55,
                )

    def _locative(self, start: int) -> bool:
        """Return whether the name at `start` follows a preposition of place, itself or as a
        later item of a list that does ("in Khartoum, Omdurman and West Darfur")."""
        before = self.blank[max(0, start - 80) : start]
        if _LOCATIVE.search(before[-14:]):
            return True
        return (
            re.search(
                r"\b(?:[Ii]n|[Ii]nto|[Ii]nside|[Nn]ear|[Tt]o|[Ff]rom|[Aa]t|[Aa]cross|[Tt]hroughout)"
                rf"\s+(?:the\s+)?"
                rf"{WORD}(?:[ -]{WORD})*(?:,\s+{WORD}(?:[ -]{WORD})*)*(?:,\s+|,?\s+and\s+)$",
                before,
            )
            is not None
        )

    def _common(self, word: str) -> bool:
        """Return whether a capitalised `word` is a common word that opens a sentence: it
        also appears in lower case in the text."""
        bare = word.rstrip(",.;:")
        if bare.isupper() or bare[1:2].isupper():
            return False
        return re.search(rf"(?<![\w-]){re.escape(bare.lower())}(?![\w-])", self.blank) is not None

    def _acts(self, end: int) -> bool:
        """Return whether the name ending at `end` is the subject of a verb ("Baku said")."""
        # "Moscow, which brokered the ceasefire, has watched": the relative clause acts too.
        verb = re.match(
            r"(?:,\s+(?:which|who))?\s+(?:also\s+)?([a-z]+)\b",
            self.blank[end : end + 30],
        )
        return verb is not None and (
            verb.group(1) in VERBS
            or re.fullmatch(
                r"[a-z]+(?:s|ed)|did|does|do|had|have|is|was|were|are|will|would|can|could|must"
                r"|should|may|might",
                verb.group(1),
            )
            is not None
        )

    def _as_stored_actor(self, text: str, start: int, end: int) -> bool:
        """Record `text` as a stored actor when it is one (maybe behind a title: "Armenian
        Prime Minister Nikol Pashinyan"), or a stored place; return whether it was."""
        candidates = [text]
        split = self._split_title(text)
        if split:
            candidates.append(split[1])
        for candidate in candidates:
            offset = text.rfind(candidate)
            record = self._stored(candidate, "actor")
            place = self._stored(candidate, "place")
            locative = self._locative(start + offset)
            city = self.gazetteer.capital(candidate) or self.gazetteer.city(candidate)
            if record and place and locative:
                record = None
            if record and locative and city and record.kind == "state":
                # "from Baku to Yerevan": the city, not the state named by it.
                record = None
            country = self.gazetteer.country(candidate)
            if (
                record
                and record.kind == "state"
                and country
                and locative
                and not re.search(
                    r"(?i)\bbetween\s+$", self.blank[max(0, start + offset - 10) : start + offset]
                )
                and not self._acts(start + offset + len(candidate))
            ):
                # "still held in Azerbaijan": the country as a place.
                self._country(
                    country.code,
                    country.name,
                    candidate,
                    start + offset,
                    start + offset + len(candidate),
                )
                return True
            if record:
                entity = Entity(
                    record.names[0],
                    "actor",
                    record.kind,
                    record.country,
                    stored_id=record.id,
                    rule="stored actor, by name or alias",
                    sure=0.95,
                )
                self._add(entity, start + offset, start + offset + len(candidate))
                return True
            if place:
                entity = Entity(
                    place.names[0],
                    "place",
                    place.kind,
                    place.country,
                    stored_id=place.id,
                    rule="stored place, by name",
                    sure=0.9,
                )
                self._add(entity, start + offset, start + offset + len(candidate))
                return True
        return False

    def _country(self, code: str, name: str, text: str, start: int, end: int) -> None:
        if self._locative(start) and not self._acts(end):
            stored = next(
                (p for p in self.stored_places if p.kind == "country" and p.country == code), None
            )
            if stored:
                self._add(
                    Entity(
                        stored.names[0],
                        "place",
                        "country",
                        code,
                        stored_id=stored.id,
                        rule="stored place, country after a preposition",
                        sure=0.8,
                    ),
                    start,
                    end,
                )
                return
            country = self.gazetteer.by_code[code]
            entity = Entity(
                name,
                "place",
                "country",
                code,
                latitude=country.latitude,
                longitude=country.longitude,
                rule="country after a preposition; a point inside it from countryinfo",
                sure=0.7,
            )
            entity.key = f"place:country:{code}"
            self._add(entity, start, end)
            return
        self._state(code, name, start, end, "state by its name", 0.9)

    def _organisation(self, text: str, start: int, end: int) -> None:
        tokens = set(text.split())
        country = None
        for word in text.replace("'s", "").split():
            found = self.gazetteer.demonym(word) or self.gazetteer.country(word)
            if found:
                country = found.code
                break
        if tokens & _MEDIA_WORDS and not tokens & {"Agency"} - _MEDIA_WORDS:
            kind = "media"
        elif (
            tokens & _GOVERNMENT_WORDS
            or ("Armed" in tokens and country)
            or ("Agency" in tokens and country)
            or ("Council" in tokens and country)
        ):
            kind = "government_body"
        elif tokens & _ARMED_WORDS and not country:
            kind = "armed_group"
        elif "Kremlin" in tokens:
            kind = "government_body"
        else:
            kind = "organization"
        if "Kremlin" in tokens:
            country = "RU"
        if "Forces" in tokens and "Armed" not in tokens:
            kind = "armed_group"
        # "the Red Cross" after "the International Committee of the Red Cross": the end of a
        # longer name named before is that organisation, shortened.
        if len(text.split()) >= 2:
            for known in self.items:
                if (
                    known.category == "actor"
                    and known.kind in ("organization", "armed_group", "government_body")
                    and len(known.name) > len(text)
                    and re.search(rf"(?:^|\s){re.escape(text)}$", known.name)
                ):
                    self._add(known, start, end)
                    return
        entity = Entity(
            text, "actor", kind, country, rule=f"organisation ({kind} from its name)", sure=0.75
        )
        entity = self._add(entity, start, end)
        acronym = re.match(r"\s*\((?P<acronym>[A-Z]{2,8})\)", self.blank[end : end + 12])
        if acronym:
            entity.aliases.append(acronym.group("acronym"))
            self._taken.append((end + acronym.start("acronym"), end + acronym.end("acronym")))

    def _split_title(self, text: str) -> tuple[str, str] | None:
        """Return (title, name) of a titled name ("Armenian Prime Minister Nikol Pashinyan",
        "Minister of Foreign Affairs of Armenia Ararat Mirzoyan"), or None."""
        tokens = text.split()
        name: list[str] = []
        for index in range(len(tokens) - 1, -1, -1):
            token = tokens[index]
            bare = re.sub(r"['’]s$", "", token)
            if (
                len(name) == 1
                and index > 0
                and tokens[index - 1] in _TITLE_WORDS
                and self.gazetteer.demonym(bare)
                and not self.gazetteer.country(bare)
            ):
                # "Energy Minister German Galushchenko": after a title, a first name.
                name.insert(0, token)
                continue
            if (
                bare in _TITLE_WORDS
                or bare in {"of", "the", "for"}
                or bare in _ORG_WORDS
                or self.gazetteer.country(bare)
                or self.gazetteer.demonym(bare)
                or len(name) == 4
            ):
                break
            name.insert(0, token)
        if not name or len(name) == len(tokens):
            return None
        title = " ".join(tokens[: len(tokens) - len(name)])
        if not (set(title.split()) & _TITLE_WORDS):
            return None
        return title, " ".join(name)

    def _title_before(self, start: int) -> str | None:
        """Return the lowercase title just before a name ("local official", "Regional
        governor", "Kremlin spokesman", "EU foreign policy chief"), or None."""
        match = re.search(
            rf"((?:[A-Z][\w’'-]*\s+)?(?:[a-z][\w-]*\s+){{0,3}}(?:{_ROLE_NOUNS}))\s+$",
            self.blank[max(0, start - 60) : start],
        )
        if not match:
            return None
        return re.sub(r"^(?:the|a|an|and|of)\s+", "", match.group(1))

    def _person(self, text: str, start: int, end: int, title: str | None) -> bool:
        split = self._split_title(text)
        if split:
            title, text = split[0], split[1]
            start = end - len(text)
            for word in re.findall(WORD, title):
                stored = self._stored(word, "actor")
                if stored and stored.kind == "state":
                    # "Minister of Foreign Affairs of Armenia": the title names the state.
                    at = self.blank.rfind(word, 0, start)
                    self._add(
                        Entity(
                            stored.names[0],
                            "actor",
                            "state",
                            stored.country,
                            stored_id=stored.id,
                            rule="stored state named in a title",
                            sure=0.8,
                        ),
                        at,
                        at + len(word),
                        claim=False,
                    )
        tokens = text.split()
        if tokens and tokens[0].lower() in _GROUPS:
            return False  # "Residents of Sotk said": people the article does not name
        if not tokens or any(t in _SKIP_WORDS or t in _ORG_WORDS for t in tokens):
            return False
        if tokens[-1] in _EVENT_NAMES:
            return False  # "the First Karabakh War" is a war, not a person
        bare = [re.sub(r"['’]s$", "", t) for t in tokens]
        if split and len(bare) == 2 and not self.gazetteer.country(bare[0]):
            bare = bare[1:]  # "Energy Minister German Galushchenko": a first name (above)
        if any(
            self.gazetteer.country(t)
            or self.gazetteer.demonym(t)
            or self.gazetteer.demonym(t.removesuffix("s"))
            for t in bare
        ):
            return False
        appos = re.match(
            r",\s+(?:a|an|the)?\s*(?P<title>[a-z][^,]{2,70}?),", self.blank[end : end + 80]
        )
        if title is None and appos and re.search(rf"\b(?:{_ROLE_NOUNS})\b", appos.group("title")):
            title = appos.group("title")
        named_as = re.search(r"\bnamed as\s+$", self.blank[max(0, start - 12) : start])
        if len(tokens) == 1:
            return self._surname(text, start, end)
        if len(tokens) > 4:
            return False
        if (
            title is None
            and not named_as
            and not self._acts(end)
            and not appos
            and self.gazetteer.city(text)
        ):
            # Two capitalised words alone may be anything ("Security Council"); a person is
            # titled, described or speaks.
            return False
        country = self._country_in(title) if title else None
        rule = "titled name" if title else "proper name"
        entity = Entity(
            text,
            "actor",
            "person",
            country,
            title=title,
            aliases=[tokens[-1]],
            rule=rule,
            sure=0.8 if title else 0.6,
        )
        entity.key = f"person:{plain(text)}"
        existing = self._stored(text, "actor")
        if existing:
            entity = Entity(
                existing.names[0],
                "actor",
                existing.kind,
                existing.country,
                stored_id=existing.id,
                rule="stored actor, by name",
                sure=0.95,
            )
        self._add(entity, start, end)
        return True

    def _country_in(self, title: str) -> str | None:
        """Return the country a title names ("Armenian Prime Minister", "secretary of
        Armenia's Security Council", "Pashinyan's spokesperson"), or None."""
        for word in re.findall(WORD, title):
            bare = re.sub(r"['’]s$", "", word)
            country = self.gazetteer.demonym(bare) or self.gazetteer.country(bare)
            if country:
                return country.code
            owner = self._stored(bare, "actor")
            if owner and owner.country:
                return owner.country
            for entity in self.items:
                if bare in (entity.name, *entity.aliases) and entity.country:
                    return entity.country
        return None

    def _surname(self, text: str, start: int, end: int) -> bool:
        """Record a lone capitalised word that is the surname of a person already named."""
        for entity in self.items:
            if entity.kind == "person" and (entity.surname() == text or text in entity.aliases):
                self._add(entity, start, end)
                return True
        return False

    def _acronyms(self) -> None:
        """An acronym in brackets after a name is that name's alias ("… Mine Action (ANAMA)");
        the acronym alone later names it too."""
        for match in re.finditer(r"\((?P<acronym>[A-Z]{2,8})\)", self.blank):
            owner = self.at(match.start() - 2, match.start() - 1, "actor")
            if owner is None:
                continue
            acronym = match.group("acronym")
            if acronym not in owner.aliases:
                owner.aliases.append(acronym)
            for other in re.finditer(rf"(?<![\w(]){acronym}(?![\w)])", self.blank):
                if self._free(other.start(), other.end()):
                    self._add(owner, other.start(), other.end())
        # Drop organisations that were only an acronym we now know.
        self.items = [
            e
            for e in self.items
            if not (
                e.category == "actor"
                and e.name.isupper()
                and any(o is not e and e.name in o.aliases for o in self.items)
            )
        ]

    def _surnames(self) -> None:
        """A surname alone before its person's full name was seen is read again now."""
        for match in re.finditer(WORD, self.blank):
            word = match.group()
            if self._free(match.start(), match.end()) and not self.boilerplate.holds(match.start()):
                self._surname(
                    re.sub(r"['’]s$", "", word),
                    match.start(),
                    match.start() + len(re.sub(r"['’]s$", "", word)),
                )
