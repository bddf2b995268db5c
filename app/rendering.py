"""Rendering: the JSON the API serves of each record, made when the record is written.

The data is read far more often than it is written, so the work of an answer (loading a record
with all it embeds, validating, serialising, hashing for the ETag) is done by the write, once,
in its own transaction (app.writes), and a read serves the stored bytes (app.serving). Each
record has, in the `rendered` table:

- `{kind}.item`: what a list serves of it (`/v1/{kind}`);
- `{kind}.detail`: what `GET /v1/{kind}/{id}` answers, and its ETag; none for a retracted
  fact, which answers 410;
- `{kind}.all`: what `GET /v1/{kind}/{id}?include_retracted=true` answers, only where that
  differs from the detail (a retracted fact, an event with retracted parts or facts);
- `event.timeline`: what `/v1/timeline` lists of a live event, and `event.timeline.all` what
  it lists with `include_retracted=true`, only where that differs.

`{kind}` is the kind's singular (app.kinds). What a rendering embeds of other records is
listed in `embedded_by`: a write renders again the records it changed and every record whose
rendering embeds one of them, before and after the change.

The renderings are made by the code that serves them, so code that renders differently (a new
field) makes the stored ones stale: `fingerprint()` names the way this code renders, and
`conflict-facts migrate` renders everything again when the database holds another.
"""

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Connection, Table, delete, insert, select
from sqlmodel import SQLModel

from app import kinds
from app.kinds import Kind
from app.models import (
    Actor,
    Citation,
    Event,
    EventActor,
    EventSpan,
    Figure,
    Place,
    Rendered,
    RenderedWith,
    Source,
    SourceCite,
    Statement,
)
from app.models.timeline import TimelineEvent

VERSION = 1
"""Raise it when the rendering changes in a way the models' JSON Schemas do not show (an
order, a filter): the fingerprint changes, and `migrate` renders everything again."""

BATCH = 500
"""Records rendered per round of queries: far below any database's limit on parameters."""


def _table(model: type[SQLModel]) -> Table:
    table: Table = SQLModel.metadata.tables[model.__tablename__]  # type: ignore[index]
    return table


RENDERED = _table(Rendered)
EVENT, FIGURE, STATEMENT = _table(Event), _table(Figure), _table(Statement)
SOURCE, CITE, CITATION = _table(Source), _table(SourceCite), _table(Citation)
ACTOR, PLACE, ROLE = _table(Actor), _table(Place), _table(EventActor)
SPAN = _table(EventSpan)

Key = tuple[Kind, str]
"""A record: its kind and id."""


def item(kind: Kind) -> str:
    """Return the `rendered.kind` of the list items of `kind`."""
    return f"{kind.singular}.item"


def detail(kind: Kind) -> str:
    """Return the `rendered.kind` of the details of `kind`."""
    return f"{kind.singular}.detail"


def everything(kind: Kind) -> str:
    """Return the `rendered.kind` of the details of `kind` with their retracted parts."""
    return f"{kind.singular}.all"


def timeline(include_retracted: bool = False) -> str:
    """Return the `rendered.kind` of the timeline's entries (with their retracted facts)."""
    return "event.timeline.all" if include_retracted else "event.timeline"


VARIANTS: dict[Kind, list[str]] = {
    kind: [item(kind), detail(kind), everything(kind)] for kind in kinds.KINDS
}
"""The renderings each kind of record may have."""
VARIANTS[kinds.EVENTS] += [timeline(), timeline(True)]


def etag(body: bytes) -> str:
    """Return the strong entity tag of a response body: a quoted hash of its bytes."""
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def fingerprint() -> str:
    """Return what names the way this code renders: the JSON Schemas of what it renders."""
    schemas = {
        kind.name: [kind.item.model_json_schema(), kind.detail.model_json_schema()]
        for kind in kinds.KINDS
    }
    schemas["timeline"] = [TimelineEvent.model_json_schema()]
    text = json.dumps([VERSION, schemas], sort_keys=True)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


# --- loading records as the JSON models validate them ----------------------------------------


def _retraction(row: Mapping[str, Any]) -> dict[str, Any] | None:
    """Return the `retraction` of a fact's row, as app.models.Retractable has it."""
    if row["retracted_at"] is None:
        return None
    reason, by = row["retraction_reason"] or "", row["retracted_by"] or ""
    return {"reason": reason, "at": row["retracted_at"], "by": by}


def _grouped(rows: Iterable[Any], key: str) -> dict[Any, list[dict[str, Any]]]:
    """Return `rows` as dicts, listed by their `key` column, in the order they came."""
    groups: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[row[key]].append(dict(row))
    return groups


def _by_id(connection: Connection, table: Table, ids: Collection[Any]) -> dict[str, dict[str, Any]]:
    """Return the rows of `table` among `ids`, as dicts, by id."""
    wanted = [id for id in set(ids) if id is not None]
    if not wanted:
        return {}
    rows = connection.execute(select(table).where(table.c.id.in_(wanted))).mappings()
    return {row["id"]: dict(row) for row in rows}


def _citations(connection: Connection, column: str, ids: Collection[str]) -> dict[str, list[Any]]:
    """Return the citations of the facts `ids`, cited through `column` (`figure_id`…), in
    order, by fact."""
    if not ids:
        return {}
    fact = CITATION.c[column]
    statement = select(CITATION).where(fact.in_(ids)).order_by(fact, CITATION.c.position)
    return _grouped(connection.execute(statement).mappings(), column)


def _facts(
    connection: Connection, table: Table, column: str, ids: Collection[str]
) -> dict[str, list[dict[str, Any]]]:
    """Return the figures or statements (`table`) whose `column` is among `ids`, each with
    its citations and retraction, by id, grouped by that column."""
    statement = select(table).where(table.c[column].in_(ids)).order_by(table.c[column], table.c.id)
    rows = [dict(row) for row in connection.execute(statement).mappings()]
    cited = _citations(connection, f"{table.name}_id", [row["id"] for row in rows])
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        row["citations"] = cited.get(row["id"], [])
        row["retraction"] = _retraction(row)
        groups[row[column]].append(row)
    return groups


def _events(connection: Connection, ids: Collection[str]) -> Iterator[dict[str, Any]]:
    """Yield the events `ids` that exist with all their details embed, unfiltered."""
    events = _by_id(connection, EVENT, ids)
    places = _by_id(connection, PLACE, [event["place_id"] for event in events.values()])
    roles = connection.execute(
        select(ROLE.c.event_id, ROLE.c.role, ACTOR)
        .join(ACTOR, ACTOR.c.id == ROLE.c.actor_id)
        .where(ROLE.c.event_id.in_(events))
        .order_by(ROLE.c.event_id, ROLE.c.position)
    ).mappings()
    actors: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for role in roles:
        actor = {name: role[name] for name in ACTOR.c.keys()}  # noqa: SIM118 - names, not columns
        actors[role["event_id"]].append({"role": role["role"], "actor": actor})
    citations = _citations(connection, "event_id", list(events))
    parts = _grouped(
        connection.execute(
            select(EVENT)
            .where(EVENT.c.parent_id.in_(events))
            .order_by(EVENT.c.parent_id, EVENT.c.id)
        ).mappings(),
        "parent_id",
    )
    figures = _facts(connection, FIGURE, "event_id", list(events))
    statements = _facts(connection, STATEMENT, "event_id", list(events))
    # The timeline names who claims each figure, and who said and reported each statement.
    people = [row["claimed_by"] for rows in figures.values() for row in rows]
    people += [row[name] for rows in statements.values() for row in rows for name in SPEAKERS]
    actors_by_id = _by_id(connection, ACTOR, people)
    for row in (row for rows in figures.values() for row in rows):
        row["claimed_by_actor"] = actors_by_id.get(row["claimed_by"])
    for row in (row for rows in statements.values() for row in rows):
        row["speaker_actor"] = actors_by_id.get(row["speaker"])
        row["reported_by_actor"] = actors_by_id.get(row["reported_by"])
    for id, event in events.items():
        event["place"] = places.get(event["place_id"])
        event["actors"] = actors.get(id, [])
        event["citations"] = citations.get(id, [])
        event["retraction"] = _retraction(event)
        event["parts"] = parts.get(id, [])
        event["figures"] = figures.get(id, [])
        event["statements"] = statements.get(id, [])
        yield event


def _live_event(event: dict[str, Any]) -> dict[str, Any] | None:
    """Return `event` without its retracted parts, figures and statements, or None if it has
    none (it is then the same)."""
    live = {
        name: [record for record in event[name] if record["retracted_at"] is None]
        for name in ("parts", "figures", "statements")
    }
    if all(len(live[name]) == len(event[name]) for name in live):
        return None
    return event | live


SPEAKERS = ("speaker", "reported_by")


def _figures(connection: Connection, ids: Collection[str]) -> Iterator[dict[str, Any]]:
    figures = _by_id(connection, FIGURE, ids)
    events = _by_id(connection, EVENT, [figure["event_id"] for figure in figures.values()])
    actors = _by_id(connection, ACTOR, [figure["claimed_by"] for figure in figures.values()])
    citations = _citations(connection, "figure_id", list(figures))
    for id, figure in figures.items():
        figure["citations"] = citations.get(id, [])
        figure["retraction"] = _retraction(figure)
        figure["event"] = events.get(figure["event_id"])
        figure["claimed_by_actor"] = actors.get(figure["claimed_by"])
        yield figure


def _statements(connection: Connection, ids: Collection[str]) -> Iterator[dict[str, Any]]:
    statements = _by_id(connection, STATEMENT, ids)
    events = _by_id(connection, EVENT, [row["event_id"] for row in statements.values()])
    people = [row[name] for row in statements.values() for name in SPEAKERS]
    actors = _by_id(connection, ACTOR, people)
    citations = _citations(connection, "statement_id", list(statements))
    for id, statement in statements.items():
        statement["citations"] = citations.get(id, [])
        statement["retraction"] = _retraction(statement)
        statement["event"] = events.get(statement["event_id"])
        statement["speaker_actor"] = actors.get(statement["speaker"])
        statement["reported_by_actor"] = actors.get(statement["reported_by"])
        yield statement


def _sources(connection: Connection, ids: Collection[str]) -> Iterator[dict[str, Any]]:
    sources = _by_id(connection, SOURCE, ids)
    order = (CITE.c.source_id, CITE.c.cited_id)
    cites = _grouped(
        connection.execute(select(CITE).where(CITE.c.source_id.in_(sources)).order_by(*order))
        .mappings()
        .all(),
        "source_id",
    )
    cited_by = _grouped(
        connection.execute(
            select(CITE).where(CITE.c.cited_id.in_(sources)).order_by(*reversed(order))
        ).mappings(),
        "cited_id",
    )
    for id, source in sources.items():
        source["cites"] = [row["cited_id"] for row in cites.get(id, [])]
        source["cited_by"] = [row["source_id"] for row in cited_by.get(id, [])]
        yield source


def _plain(table: Table) -> Callable[[Connection, Collection[str]], Iterator[dict[str, Any]]]:
    def load(connection: Connection, ids: Collection[str]) -> Iterator[dict[str, Any]]:
        yield from _by_id(connection, table, ids).values()

    return load


LOADERS: dict[Kind, Callable[[Connection, Collection[str]], Iterator[dict[str, Any]]]] = {
    kinds.ACTORS: _plain(ACTOR),
    kinds.PLACES: _plain(PLACE),
    kinds.SOURCES: _sources,
    kinds.EVENTS: _events,
    kinds.FIGURES: _figures,
    kinds.STATEMENTS: _statements,
}
"""Each kind's loader: its records among some ids, as dicts its detail model validates."""


# --- rendering ----------------------------------------------------------------------------------


def _json(model: type[BaseModel], record: BaseModel) -> bytes:
    """Return `record` as `model` serialises it: the bytes FastAPI answers for a `model`."""
    return model.__pydantic_serializer__.to_json(record)


def renderings(
    connection: Connection, kind: Kind, ids: Collection[str]
) -> dict[tuple[str, str], bytes]:
    """Return the renderings of the records `ids` of `kind` that exist, by (`rendered.kind`,
    id), as the database on `connection` holds them now."""
    found: dict[tuple[str, str], bytes] = {}
    validate = kind.detail.__pydantic_validator__.validate_python
    for data in LOADERS[kind](connection, ids):
        id = data["id"]
        whole = validate(data)
        found[(item(kind), id)] = _json(kind.item, whole)
        if kind is kinds.EVENTS:
            found |= _event_renderings(data, whole)
        elif kind.fact and data["retracted_at"] is not None:
            found[(everything(kind), id)] = _json(kind.detail, whole)
        else:
            found[(detail(kind), id)] = _json(kind.detail, whole)
    return found


def _event_renderings(data: dict[str, Any], whole: BaseModel) -> dict[tuple[str, str], bytes]:
    """Return the renderings of an event but its item: its detail and timeline entry, with and
    without its retracted parts and facts. `whole` is its detail with all of them."""
    kind, id, retracted = kinds.EVENTS, data["id"], data["retracted_at"] is not None
    live = _live_event(data)
    entry = TimelineEvent.__pydantic_validator__.validate_python
    found = {}
    if not retracted:
        live_detail = (
            whole if live is None else kind.detail.__pydantic_validator__.validate_python(live)
        )
        found[(detail(kind), id)] = _json(kind.detail, live_detail)
        found[(timeline(), id)] = _json(TimelineEvent, entry(live or data))
    if retracted or live is not None:
        found[(everything(kind), id)] = _json(kind.detail, whole)
        found[(timeline(True), id)] = _json(TimelineEvent, entry(data))
    return found


def render(connection: Connection, kind: Kind, ids: Collection[str]) -> int:
    """Store the renderings of the records `ids` of `kind` as they are now, in the transaction
    of `connection`, writing only those that changed; return how many rows were written."""
    written = 0
    ordered = sorted(set(ids))
    variants = VARIANTS[kind]
    for start in range(0, len(ordered), BATCH):
        batch = ordered[start : start + BATCH]
        if kind is kinds.EVENTS:
            _stretch(connection, batch)
        new = renderings(connection, kind, batch)
        stored = {
            (row.kind, row.id): (row.body, row.etag)
            for row in connection.execute(
                select(RENDERED.c.kind, RENDERED.c.id, RENDERED.c.body, RENDERED.c.etag).where(
                    RENDERED.c.kind.in_(variants), RENDERED.c.id.in_(batch)
                )
            )
        }
        # Compared whole, so that `render` also mends a body or a tag changed by hand.
        fresh = {key: (body, etag(body)) for key, body in new.items()}
        stale = [key for key, old in stored.items() if fresh.get(key) != old]
        changed = [key for key, value in fresh.items() if stored.get(key) != value]
        # One statement per variant: SQLite walks the whole table for `(kind, id) IN (VALUES
        # …)` (a PATCH took 37 ms at 10,000 events), but seeks the key for `kind = ? AND id IN`.
        by_variant: dict[str, list[str]] = {}
        for variant, id in stale:
            by_variant.setdefault(variant, []).append(id)
        for variant, stale_ids in by_variant.items():
            connection.execute(
                delete(RENDERED).where(RENDERED.c.kind == variant, RENDERED.c.id.in_(stale_ids))
            )
        if changed:
            rows = [
                {"kind": k, "id": id, "body": fresh[(k, id)][0], "etag": fresh[(k, id)][1]}
                for k, id in changed
            ]
            connection.execute(insert(RENDERED), rows)
        written += len(set(stale) | set(changed))
    return written


def render_all(connection: Connection) -> int:
    """Render every record of every kind again in `connection`'s transaction, and record this
    code's fingerprint; return the number of rows written."""
    written = 0
    for kind in kinds.KINDS:
        table = _table(kind.table)
        last = None
        while True:
            statement = select(table.c.id).order_by(table.c.id).limit(BATCH * 20)
            if last is not None:
                statement = statement.where(table.c.id > last)
            ids = list(connection.execute(statement).scalars())
            if not ids:
                break
            written += render(connection, kind, ids)
            last = ids[-1]
    # Renderings of records that are gone (none are deleted, but a database may be edited).
    for kind in kinds.KINDS:
        table = _table(kind.table)
        variants = VARIANTS[kind]
        orphans = RENDERED.c.kind.in_(variants) & ~RENDERED.c.id.in_(select(table.c.id))
        written += connection.execute(delete(RENDERED).where(orphans)).rowcount
    measure_spans(connection)
    record_fingerprint(connection)
    return written


# --- the longest span of an event, which date windows need (app.models.EventSpan) ----------


def _longest(rows: Iterable[Any]) -> int:
    """Return the longest span, in days, of the (start, end) dates `rows`, or 0."""
    return max(((end - start).days for start, end in rows), default=0)


def _spans() -> Any:
    """Return the query of the (start, end) dates of the events with both."""
    return select(EVENT.c.start_date, EVENT.c.end_date).where(
        EVENT.c.start_date.is_not(None), EVENT.c.end_date.is_not(None)
    )


def _stretch(connection: Connection, ids: Collection[str]) -> None:
    """Make the longest span stored cover the spans of the events `ids` as they are now."""
    longest = _longest(connection.execute(_spans().where(EVENT.c.id.in_(ids))))
    connection.execute(
        SPAN.update().where(SPAN.c.longest_days < longest).values(longest_days=longest)
    )


def measure_spans(connection: Connection) -> None:
    """Store the longest span of all events, measured again (it may have shrunk)."""
    longest = _longest(connection.execute(_spans()))
    connection.execute(delete(SPAN))
    connection.execute(insert(SPAN).values(longest_days=longest))


def longest_span(connection: Connection) -> int | None:
    """Return the longest span, in days, of any event with an end date, or None if the
    database does not say."""
    days: int | None = connection.execute(select(SPAN.c.longest_days)).scalar()
    return days


def stored_fingerprint(connection: Connection) -> str | None:
    """Return the fingerprint of the code that rendered what the database holds, if any."""
    with_table = _table(RenderedWith)
    return connection.execute(select(with_table.c.fingerprint)).scalar()


def record_fingerprint(connection: Connection) -> None:
    """Record that what the database holds was rendered by this code."""
    with_table = _table(RenderedWith)
    connection.execute(delete(with_table))
    connection.execute(insert(with_table).values(fingerprint=fingerprint()))


# --- what embeds what ---------------------------------------------------------------------------


def embedded_by(connection: Connection, kind: Kind, ids: Collection[str]) -> list[tuple[Key, str]]:
    """Return (record, id) for every record whose rendering embeds one of the records `ids`
    of `kind`, and the id of the one it embeds, as the database holds them now."""
    found: list[tuple[Key, str]] = []
    wanted = list(ids)
    for start in range(0, len(wanted), BATCH):
        for into, statement in _embedding(kind, wanted[start : start + BATCH]):
            found += [((into, row[0]), row[1]) for row in connection.execute(statement) if row[0]]
    return found


def _embedding(kind: Kind, ids: list[str]) -> list[tuple[Kind, Any]]:
    """Return, for the records `ids` of `kind`, (kind, query of (its id, the id it embeds))
    of what embeds them."""
    if kind is kinds.ACTORS:
        return [
            (
                kinds.EVENTS,
                select(ROLE.c.event_id, ROLE.c.actor_id).where(ROLE.c.actor_id.in_(ids)),
            ),
            (
                kinds.FIGURES,
                select(FIGURE.c.id, FIGURE.c.claimed_by).where(FIGURE.c.claimed_by.in_(ids)),
            ),
            (
                kinds.STATEMENTS,
                select(STATEMENT.c.id, STATEMENT.c.speaker).where(STATEMENT.c.speaker.in_(ids)),
            ),
            (
                kinds.STATEMENTS,
                select(STATEMENT.c.id, STATEMENT.c.reported_by).where(
                    STATEMENT.c.reported_by.in_(ids)
                ),
            ),
        ]
    if kind is kinds.PLACES:
        return [
            (kinds.EVENTS, select(EVENT.c.id, EVENT.c.place_id).where(EVENT.c.place_id.in_(ids)))
        ]
    if kind is kinds.SOURCES:
        # A source's detail lists the sources relaying it (`cited_by`).
        return [
            (
                kinds.SOURCES,
                select(CITE.c.cited_id, CITE.c.source_id).where(CITE.c.source_id.in_(ids)),
            )
        ]
    if kind is kinds.EVENTS:
        # An event's detail lists its parts; a figure's or statement's names its event.
        return [
            (kinds.EVENTS, select(EVENT.c.parent_id, EVENT.c.id).where(EVENT.c.id.in_(ids))),
            (
                kinds.FIGURES,
                select(FIGURE.c.id, FIGURE.c.event_id).where(FIGURE.c.event_id.in_(ids)),
            ),
            (
                kinds.STATEMENTS,
                select(STATEMENT.c.id, STATEMENT.c.event_id).where(STATEMENT.c.event_id.in_(ids)),
            ),
        ]
    # A figure or a statement is listed in its event's detail.
    table = FIGURE if kind is kinds.FIGURES else STATEMENT
    return [(kinds.EVENTS, select(table.c.event_id, table.c.id).where(table.c.id.in_(ids)))]
