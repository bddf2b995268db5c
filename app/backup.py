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


def restore(database_url: str, backup_file: Path, keys_from_backup: bool = False) -> str:
    """Replace the database at `database_url` with the backup in `backup_file`; return its revision.

    The curator keys stay those of the database being replaced: a key revoked since the backup
    stays revoked, and a key made since stays valid. With `keys_from_backup`, the backup's keys
    come back instead, as they were when it was taken.

    The backup is checked first, and a damaged or foreign file is refused before anything changes.
    It is staged beside the database with the current keys, then copied in under SQLite's write
    lock, so readers see the old data or the restored data, never a mix. Raises BackupError when
    refused.
    """
    target = sqlite_file(database_url)
    if not backup_file.is_file():
        raise BackupError(f"There is no backup at {backup_file}.")
    staged = target.with_name(target.name + ".restoring")
    staged.unlink(missing_ok=True)
    try:
        with closing(sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)) as copy:
            revision = _check(copy, str(backup_file))
            with closing(sqlite3.connect(staged)) as stage:
                copy.backup(stage, pages=-1)
                if not keys_from_backup:
                    _keep_current_keys(target, stage)
                with closing(sqlite3.connect(target, timeout=30)) as live:
                    stage.backup(live, pages=-1)
    finally:
        staged.unlink(missing_ok=True)
    return revision


def _keep_current_keys(target: Path, stage: sqlite3.Connection) -> None:
    """Replace the curator keys in `stage` with those of the database at `target`, if any.

    Raises BackupError when the staged backup has no key table to hold them (it predates
    curator keys): restoring it would drop every key.
    """
    current: list[tuple[object, ...]] = []
    columns: list[str] = []
    if target.exists():
        with closing(sqlite3.connect(f"file:{target}?mode=ro", uri=True)) as live:
            columns = _columns(live, "api_key")
            if columns:
                # The names are the live schema's own, quoted: no input reaches this SQL.
                select = f"SELECT {_names(columns)} FROM api_key"  # noqa: S608
                current = live.execute(select).fetchall()
    if not current:
        return
    staged_columns = _columns(stage, "api_key")
    if set(columns) != set(staged_columns):
        raise BackupError(
            "The backup's curator keys are stored otherwise than today's, so they cannot be "
            "kept; restore with --keys-from-backup and make the keys again."
        )
    with stage:  # one transaction
        stage.execute("DELETE FROM api_key")
        marks = ", ".join("?" for _ in columns)
        insert = f"INSERT INTO api_key ({_names(columns)}) VALUES ({marks})"  # noqa: S608
        stage.executemany(insert, current)


def _names(columns: list[str]) -> str:
    return ", ".join('"' + name.replace('"', '""') + '"' for name in columns)


def _columns(connection: sqlite3.Connection, table: str) -> list[str]:
    """Return the column names of `table`, or [] if there is no such table."""
    return [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
