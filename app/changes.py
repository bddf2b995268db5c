"""The history of every record, one append-only table that is also the change feed.

Every write (an ingest from the command line or over HTTP, a correction, a retraction)
appends one revision per record it changes, in the same transaction, holding the whole
record as it is after the change. Replaying the revisions in `seq` order therefore rebuilds
the current data exactly.
"""

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert
from sqlmodel import Session, SQLModel, col, func, select

from app import kinds, rendering
from app.kinds import Kind
from app.models import Revision, RevisionOp, RevisionOrigin
from app.rendering import RENDERED

CHUNK = 500
"""Ids per query: far below any database's limit on bound parameters."""


def now() -> datetime:
    """Return the current moment in UTC."""
    return datetime.now(UTC)


NEWEST = select(col(Revision.seq), col(Revision.at)).order_by(col(Revision.seq).desc()).limit(1)
"""The `seq` and time of the newest revision. The time tells apart two histories that reached
the same `seq`, as when a backup is restored and written to again: with it, the pair names
the data exactly, for what is kept until the data changes (search's hits, streamed
answers' ETags)."""


Version = tuple[int, datetime] | None
"""The data version: the newest revision's `seq` and time (NEWEST), None before any."""


def newest(session: Session) -> Version:
    """Return the data version: the `seq` and time of the newest revision, or None for none."""
    row = session.exec(NEWEST).first()
    return None if row is None else (row[0] or 0, row[1])  # `seq` is typed optional, never NULL


def snapshot(kind: Kind, row: SQLModel) -> dict[str, Any]:
    """Return `row` as a revision records it: JSON-ready, in the shape of its kind."""
    return kind.record.model_validate(row).model_dump(mode="json")


def rows(session: Session, kind: Kind, ids: Iterable[str]) -> dict[str, Any]:
    """Return the stored records of `kind` among `ids`, by id, with what their snapshots need
    loaded: a few queries for a whole bundle rather than several per record."""
    table, wanted = kind.table, list(dict.fromkeys(ids))
    id_column = col(getattr(table, "id"))  # noqa: B009 - SQLModel types `id` per table
    found: dict[str, Any] = {}
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        statement = select(table).where(id_column.in_(chunk)).options(*kind.loads)
        found |= {getattr(row, "id"): row for row in session.exec(statement)}  # noqa: B009
    return found


def numbers(session: Session, kind: Kind, ids: Iterable[str]) -> dict[str, int]:
    """Return the number of the latest revision of each record of `kind` among `ids` that has
    a history."""
    wanted, found = list(dict.fromkeys(ids)), dict[str, int]()
    for start in range(0, len(wanted), CHUNK):
        statement = (
            select(Revision.record_id, func.max(Revision.number))
            .where(
                Revision.kind == kind.name,
                col(Revision.record_id).in_(wanted[start : start + CHUNK]),
            )
            .group_by(col(Revision.record_id))
        )
        found |= dict(session.exec(statement).all())
    return found


def record(
    session: Session,
    kind: Kind,
    row: SQLModel,
    before: dict[str, Any] | None,
    last: int | None,
    *,
    by: str,
    reason: str | None,
    op: RevisionOp | None = None,
    at: datetime | None = None,
    origin: RevisionOrigin = RevisionOrigin.ingest,
) -> Revision | None:
    """Append the revision that takes the record `row`, whose latest revision is number
    `last` (None if it has no history), from `before` to what it is now, at the moment `at`
    (default: now), made by `origin`.

    Returns None, appending nothing, when nothing changed and the record already has a
    history. A record without one (loaded before histories were kept) gets an insert, whose
    `changes` are empty: all of `record` is new.
    """
    record_id: str = getattr(row, "id")  # noqa: B009 - SQLModel types `id` per table
    after = snapshot(kind, row)
    if last is not None and before == after and op is None:
        return None
    if last is None:
        before = None
    revision = Revision(
        kind=kind.name,
        record_id=record_id,
        number=(last or 0) + 1,
        op=op or (RevisionOp.insert if before is None else RevisionOp.update),
        at=at or now(),
        by=by,
        reason=reason,
        origin=origin,
        changes={} if before is None else _changes(before, after),
        record=after,
    )
    session.add(revision)
    return revision


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Return `[old, new]` for every field of `after` whose value differs in `before`."""
    return _changes(before, after)


def _changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Return `[old, new]` for every field of `after` whose value differs in `before`."""
    return {name: [before.get(name), new] for name, new in after.items() if before.get(name) != new}


def _as_record(kind: Kind, item: dict[str, Any]) -> dict[str, Any]:
    """Return a record's revision `record` from its list item (app.kinds: an event's names
    its place and actors by id)."""
    if kind is not kinds.EVENTS:
        return item
    place, actors = item.pop("place"), item.pop("actors")
    item["place_id"] = place and place["id"]
    item["actors"] = [{"actor_id": a["actor"]["id"], "role": a["role"]} for a in actors]
    return item


def record_inserts(connection: Connection, *, by: str, reason: str) -> int:
    """Append, in `connection`'s transaction, the first revision of every record, as it is
    rendered now, kind by kind in the registry's order: for data loaded in bulk (synth)
    rather than by the loader. Returns how many were appended."""
    at, count = now(), 0
    table = Revision.__table__  # type: ignore[attr-defined]
    for kind in kinds.KINDS:
        last = ""
        while True:
            rows = connection.execute(
                select(RENDERED.c.id, RENDERED.c.body)
                .where(RENDERED.c.kind == rendering.item(kind), RENDERED.c.id > last)
                .order_by(RENDERED.c.id)
                .limit(CHUNK * 10)
            ).all()
            if not rows:
                break
            revisions = [
                {
                    "kind": kind.name,
                    "record_id": row.id,
                    "number": 1,
                    "op": RevisionOp.insert,
                    "at": at,
                    "by": by,
                    "reason": reason,
                    "origin": RevisionOrigin.ingest,
                    "changes": {},
                    "record": _as_record(kind, json.loads(row.body)),
                }
                for row in rows
            ]
            connection.execute(insert(table), revisions)
            count += len(revisions)
            last = rows[-1].id
    return count
