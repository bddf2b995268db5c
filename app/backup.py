"""Online backup and restore of the embedded SQLite store.

Both go through SQLite's online backup API, which copies the database page by page inside one
read transaction, so the copy is the state of one moment even while the server keeps writing.
PostgreSQL has its own tools for this (`pg_dump`, `pg_restore`).
"""

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy.engine import make_url

from app.migrations import MIGRATIONS


class BackupError(Exception):
    """A backup or restore that was refused or failed; the message says why."""


def sqlite_file(database_url: str) -> Path:
    """Return the file of the SQLite database at `database_url`.

    Raises BackupError for another backend or an in-memory database.
    """
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        raise BackupError(
            f"{url.get_backend_name()} is backed up with its own tools: for PostgreSQL, "
            "`pg_dump --format=custom` and `pg_restore --clean`."
        )
    if not url.database or url.database == ":memory:":
        raise BackupError("An in-memory database has no file to back up.")
    return Path(url.database)


def _check(connection: sqlite3.Connection, what: str) -> str:
    """Return the Alembic revision of a conflict-facts database that passes SQLite's checks.

    Raises BackupError when it is damaged, has broken references or is no conflict-facts database.
    """
    try:
        integrity = connection.execute("PRAGMA integrity_check").fetchall()
        if integrity != [("ok",)]:
            raise BackupError(f"{what} is damaged: {integrity[:3]}")
        if connection.execute("PRAGMA foreign_key_check").fetchall():
            raise BackupError(f"{what} has references to missing records.")
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{what} is not a conflict-facts database: {exc}") from exc
    if row is None or row[0] not in {
        r.revision for r in ScriptDirectory(str(MIGRATIONS)).walk_revisions()
    }:
        raise BackupError(f"{what} is at an unknown schema revision: {row}")
    return str(row[0])


def backup(database_url: str, target: Path) -> str:
    """Copy the live database at `database_url` to the new file `target`; return its revision.

    The copy is written beside `target` and renamed into place once checked, so `target` is
    either a whole, verified backup or absent. Raises BackupError if `target` exists.
    """
    source = sqlite_file(database_url)
    if not source.exists():
        raise BackupError(f"There is no database at {source}.")
    if target.exists():
        raise BackupError(f"{target} exists; choose a new file.")
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        with closing(sqlite3.connect(source)) as live, closing(sqlite3.connect(partial)) as copy:
            # pages=-1 copies everything in one step: one read transaction, one moment.
            live.backup(copy, pages=-1)
            revision = _check(copy, "The copy")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return revision


def restore(database_url: str, backup_file: Path) -> str:
    """Replace the database at `database_url` with the backup in `backup_file`; return its revision.

    The backup is checked first, and a damaged or foreign file is refused before anything changes.
    SQLite holds the write lock for the whole copy, so readers see the old data or the restored
    data, never a mix. Raises BackupError when refused.
    """
    target = sqlite_file(database_url)
    if not backup_file.is_file():
        raise BackupError(f"There is no backup at {backup_file}.")
    with closing(sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)) as copy:
        revision = _check(copy, str(backup_file))
        with closing(sqlite3.connect(target, timeout=30)) as live:
            copy.backup(live, pages=-1)
    return revision
