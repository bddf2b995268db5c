"""Engine and per-request session."""

import sqlite3
import time
from collections.abc import Iterator
from typing import Annotated, Any, TypeVar

from fastapi import Depends, HTTPException, Request
from sqlalchemy import URL, Connection, Engine, event, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.interfaces import ORMOption
from sqlmodel import Session, SQLModel, create_engine

Row = TypeVar("Row", bound=SQLModel)


def in_memory(url: URL) -> bool:
    """Return whether `url` names an in-memory SQLite database, which is another database on
    every connection and has no file."""
    return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")


def make_engine(url: str, query_timeout_ms: int | None = None, connections: int = 5) -> Engine:
    """Return an engine for `url`; SQLite connections enforce foreign keys and wait on locks.

    With `query_timeout_ms`, a statement running longer is cancelled and raises
    OperationalError (see `timed_out`): PostgreSQL's `statement_timeout`, or on SQLite a
    progress handler armed with a deadline before each statement. The pool serves
    `connections` requests at once (the app's MAX_CONCURRENCY) without opening one.
    """
    # A connection given back beyond `pool_size` is closed, and the next request opens one
    # again: with SQLAlchemy's 5 under 16 concurrent requests, opening them (and setting
    # SQLite's pragmas) cost a fifth of an event's detail.
    if not url.startswith("sqlite"):
        timeout = f"-c statement_timeout={query_timeout_ms}"
        options = {"options": timeout} if query_timeout_ms else {}
        # A PostgreSQL connection is a server process: keep half, open the rest in bursts,
        # so that a few workers stay inside the server's max_connections (100).
        kept = max(1, connections // 2)
        return create_engine(
            url,
            hide_parameters=True,
            pool_pre_ping=True,
            connect_args=options,
            pool_size=kept,
            max_overflow=connections - kept,
        )
    # A file's connections are cheap to hold, and bursts need no limit.
    files = {} if in_memory(make_url(url)) else {"pool_size": connections, "max_overflow": -1}
    # hide_parameters: a logged database error never repeats what a client sent (app.logs).
    engine = create_engine(
        url, connect_args={"check_same_thread": False}, hide_parameters=True, **files
    )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        # The driver's own implicit BEGIN is turned off: `_begin` below says which one.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # SQLite leaves foreign keys off unless asked, per connection.
        cursor.execute("PRAGMA foreign_keys = ON")
        # Waiting for another writer's lock counts against the time budget, as on PostgreSQL.
        cursor.execute(f"PRAGMA busy_timeout = {query_timeout_ms or 5000}")
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

    if query_timeout_ms:
        _time_budget(engine, query_timeout_ms / 1000)
    return engine


def _time_budget(engine: Engine, seconds: float) -> None:
    """Interrupt any SQLite statement of `engine` still running `seconds` after it started."""

    def arm(dbapi_connection: sqlite3.Connection) -> None:
        deadline = time.monotonic() + seconds
        # SQLite calls the handler every 1000 virtual machine instructions; true interrupts.
        dbapi_connection.set_progress_handler(lambda: time.monotonic() > deadline, 1000)

    def disarm(dbapi_connection: sqlite3.Connection) -> None:
        dbapi_connection.set_progress_handler(None, 0)

    @event.listens_for(engine, "before_cursor_execute")
    def _arm(_conn: Any, cursor: sqlite3.Cursor, *_args: Any) -> None:
        arm(cursor.connection)

    # A deadline left over from an earlier statement must not interrupt the end of the
    # transaction, nor the rollback that returns the connection to the pool.
    @event.listens_for(engine, "commit")
    @event.listens_for(engine, "rollback")
    def _disarm(conn: Connection) -> None:
        disarm(conn.connection.dbapi_connection)  # type: ignore[arg-type]

    @event.listens_for(engine, "reset")
    def _disarm_on_return(dbapi_connection: sqlite3.Connection, *_args: Any) -> None:
        disarm(dbapi_connection)


def timed_out(exc: OperationalError) -> bool:
    """Return whether `exc` is a statement that ran, or waited for a lock, past its budget."""
    # SQLite says "interrupted", or "database is locked" once busy_timeout has passed;
    # PostgreSQL raises query_canceled (SQLSTATE 57014) for both.
    sqlite_timeout = str(exc.orig) in ("interrupted", "database is locked")
    return sqlite_timeout or getattr(exc.orig, "sqlstate", None) == "57014"


def get_session(request: Request) -> Iterator[Session]:
    """Yield a session bound to the app's engine, closed once the handler has its answer."""
    with Session(request.app.state.engine) as session:
        yield session


# Closed when the handler returns, not after the answer is sent: a client that reads slowly
# must not hold a connection of the pool, nor a read transaction, while it does.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


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
