"""Engine and per-request session."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any, TypeVar

from fastapi import Depends, HTTPException, Request
from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.interfaces import ORMOption
from sqlmodel import Session, SQLModel, create_engine

Row = TypeVar("Row", bound=SQLModel)


def make_engine(url: str) -> Engine:
    """Return an engine for `url`; SQLite connections enforce foreign keys and wait on locks."""
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        # The driver's own implicit BEGIN is turned off: `_begin` below says which one.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # SQLite leaves foreign keys off unless asked, per connection.
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA busy_timeout = 5000")
        # Write-ahead logging: readers never wait for the writer, nor the writer for them,
        # and a commit appends to the log instead of rewriting pages. It is a property of the
        # file, kept once set; an in-memory database stays as it is.
        cursor.execute("PRAGMA journal_mode = WAL")
        # Under WAL, NORMAL syncs at checkpoints, not every commit: a crash of the process
        # loses nothing, a power cut at most the last commits; the file is never corrupted.
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA temp_store = MEMORY")
        # A small private page cache: the operating system caches the file for everyone.
        cursor.execute("PRAGMA cache_size = -512")  # KiB
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        # A writer takes the write lock when it begins, waiting up to busy_timeout for it:
        # a deferred transaction that reads and then writes can fail at once with
        # "database is locked" when another writer got in between.
        immediate = connection.get_execution_options().get("sqlite_immediate", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


@contextmanager
def writing(engine: Engine) -> Iterator[Session]:
    """Yield a session whose transaction writes, one writer at a time, committed on success.

    Writers are serialized so that revisions commit in the order of their `seq` and the change
    feed never skips one: SQLite begins IMMEDIATE, PostgreSQL locks the revision table.
    """
    with Session(engine.execution_options(sqlite_immediate=True)) as session:
        if engine.dialect.name == "postgresql":
            session.execute(text("LOCK TABLE revision IN EXCLUSIVE MODE"))
        yield session
        session.commit()


def get_session(request: Request) -> Iterator[Session]:
    """Yield a session bound to the app's engine, closed after the response."""
    with Session(request.app.state.engine) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def get_writing_session(request: Request) -> Iterator[Session]:
    """Yield a writing session (see `writing`); handlers commit it before they answer."""
    with writing(request.app.state.engine) as session:
        yield session


WritingSessionDep = Annotated[Session, Depends(get_writing_session)]


def get_or_404(session: Session, model: type[Row], id: str, *options: ORMOption) -> Row:
    """Return the `model` row with primary key `id`, loaded with `options`.

    Raises HTTPException 404 (rendered as problem+json) when there is none.
    """
    # No id holds a NUL, and PostgreSQL cannot even be asked about one.
    row = None if "\x00" in id else session.get(model, id, options=options)
    if row is None:
        raise HTTPException(404, f"No {model.__name__.lower()} with id {id!r}.")
    return row


def selectin(*path: Any) -> ORMOption:
    """Return the option eager-loading relationship `path`, e.g. (Event.actors, EventActor.actor).

    SQLModel types relationship attributes as their values, so they are taken as `Any`.
    """
    option = selectinload(path[0])
    for attribute in path[1:]:
        option = option.selectinload(attribute)
    return option
