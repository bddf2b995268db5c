"""The history of every record, one append-only table that is also the change feed.

Every write (an ingest from the command line or over HTTP, a correction, a retraction)
appends one revision per record it changes, in the same transaction, holding the whole
record as it is after the change. Replaying the revisions in `seq` order therefore rebuilds
the current data exactly.
"""

from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session, SQLModel, func, select

from app.models import (
    Actor,
    ActorPublic,
    Event,
    EventRecord,
    Figure,
    FigurePublic,
    Place,
    PlacePublic,
    RecordKind,
    Revision,
    RevisionOp,
    Source,
    SourcePublic,
    Statement,
    StatementPublic,
)

TABLES: dict[RecordKind, type[SQLModel]] = {
    RecordKind.sources: Source,
    RecordKind.actors: Actor,
    RecordKind.places: Place,
    RecordKind.events: Event,
    RecordKind.figures: Figure,
    RecordKind.statements: Statement,
}
"""The table of each kind of record, in the order a bundle writes them."""

SHAPES: dict[RecordKind, type[SQLModel]] = {
    RecordKind.sources: SourcePublic,
    RecordKind.actors: ActorPublic,
    RecordKind.places: PlacePublic,
    RecordKind.events: EventRecord,
    RecordKind.figures: FigurePublic,
    RecordKind.statements: StatementPublic,
}
"""The shape a revision gives each kind of record: its list item, by id (never stale)."""


def now() -> datetime:
    """Return the current moment in UTC."""
    return datetime.now(UTC)


def version(session: Session) -> int:
    """Return the `seq` of the newest revision, 0 for an empty database: the data's version."""
    return session.exec(select(func.max(Revision.seq))).one() or 0


def snapshot(kind: RecordKind, row: SQLModel) -> dict[str, Any]:
    """Return `row` as a revision records it: JSON-ready, in the shape of its kind."""
    return SHAPES[kind].model_validate(row).model_dump(mode="json")


def record(
    session: Session,
    kind: RecordKind,
    row: SQLModel,
    before: dict[str, Any] | None,
    *,
    by: str,
    reason: str | None,
    op: RevisionOp | None = None,
    at: datetime | None = None,
) -> Revision | None:
    """Append the revision that takes the record `row` from `before` to what it is now, at
    the moment `at` (default: now).

    Returns None, appending nothing, when nothing changed and the record already has a
    history. A record without one (loaded before histories were kept) gets an insert, whose
    `changes` are empty: all of `record` is new.
    """
    record_id: str = getattr(row, "id")  # noqa: B009 - SQLModel types `id` per table
    after = snapshot(kind, row)
    last = session.exec(
        select(func.max(Revision.number)).where(
            Revision.kind == kind, Revision.record_id == record_id
        )
    ).one()
    if last is not None and before == after and op is None:
        return None
    if last is None:
        before = None
    revision = Revision(
        kind=kind,
        record_id=record_id,
        number=(last or 0) + 1,
        op=op or (RevisionOp.insert if before is None else RevisionOp.update),
        at=at or now(),
        by=by,
        reason=reason,
        changes={} if before is None else _changes(before, after),
        record=after,
    )
    session.add(revision)
    return revision


def _changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Return `[old, new]` for every field of `after` whose value differs in `before`."""
    return {name: [before.get(name), new] for name, new in after.items() if before.get(name) != new}
