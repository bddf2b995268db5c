"""`conflict-facts backup` and `restore`: a consistent copy of a live database, and back."""

import sqlite3
import threading
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app.bundles import Bundle
from app.cli import cli
from tests.conftest import load, migrated
from tests.test_limits import write_key

WRITES = 60


def article(number: int) -> Bundle:
    """Return bundle `number`: one source and one event citing it, which land together or not."""
    text = f"Report {number}: the ministers met for round {number} of talks."
    return Bundle.model_validate(
        {
            "sources": [
                {
                    "id": f"s{number}",
                    "title": "T",
                    "publisher": "P",
                    "kind": "news_article",
                    "text": text,
                }
            ],
            "events": [
                {
                    "id": f"e{number}",
                    "title": f"Round {number}",
                    "summary": "The ministers met.",
                    "type": "diplomatic_meeting",
                    "status": "occurred",
                    "citations": [{"source_id": f"s{number}", "quote": f"round {number} of talks"}],
                }
            ],
        }
    )


def run(url: str, *args: str) -> tuple[int, str]:
    """Run the CLI against the database at `url`; return its exit code and output."""
    result = CliRunner().invoke(cli, list(args), env={"DATABASE_URL": url})
    return result.exit_code, result.output


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute(sql).fetchall()


@pytest.mark.slow
@pytest.mark.only_on("sqlite", reason="backs up a SQLite file")
def test_a_backup_taken_during_writes_is_whole_and_restores(
    tmp_path: Path, client_for: Callable[..., TestClient]
) -> None:
    url = migrated(tmp_path / "live.db")
    writing = threading.Thread(target=lambda: [load(url, article(n)) for n in range(WRITES)])
    writing.start()
    backups = []
    while writing.is_alive() or not backups:
        backups.append(tmp_path / f"backup-{len(backups)}.db")
        code, output = run(url, "backup", str(backups[-1]))
        assert code == 0, output
    writing.join()

    taken = []
    for path in backups:
        assert rows(path, "PRAGMA integrity_check") == [("ok",)]
        assert rows(path, "PRAGMA foreign_key_check") == []
        events = {row[0] for row in rows(path, "SELECT id FROM event")}
        sources = {row[0] for row in rows(path, "SELECT id FROM source")}
        cited = {row[0] for row in rows(path, "SELECT event_id FROM citation")}
        # Each bundle is all there or not there at all: never an event without its source.
        assert {f"s{e[1:]}" for e in events} == sources
        assert cited == events
        taken.append(len(events))
    assert taken == sorted(taken), "later backups never hold less"
    assert taken[-1] <= WRITES

    restored_url = migrated(tmp_path / "restored.db")
    code, output = run(restored_url, "restore", str(backups[-1]))
    assert code == 0, output
    client = client_for(restored_url)
    served = client.get("/v1/events?limit=100").json()["data"]
    assert len(served) == taken[-1]
    for event in served[:5]:
        citation = event["citations"][0]
        text = client.get(f"/v1/sources/{citation['source_id']}/text").text
        assert text[citation["start"] : citation["end"]] == citation["exact"]


@pytest.mark.only_on("sqlite", reason="backs up a SQLite file")
def test_backup_never_overwrites(tmp_path: Path) -> None:
    url = migrated(tmp_path / "live.db")
    existing = tmp_path / "existing.db"
    existing.write_bytes(b"keep me")
    code, output = run(url, "backup", str(existing))
    assert code == 1
    assert "exists" in output
    assert existing.read_bytes() == b"keep me"


@pytest.mark.only_on("sqlite", reason="restores a SQLite file")
@pytest.mark.parametrize("content", [b"not a database", b""])
def test_restore_refuses_what_is_not_a_backup(tmp_path: Path, content: bytes) -> None:
    url = migrated(tmp_path / "live.db")
    load(url, article(1))
    before = rows(tmp_path / "live.db", "SELECT id, title FROM event")
    junk = tmp_path / "junk.db"
    junk.write_bytes(content)
    code, output = run(url, "restore", str(junk))
    assert code == 1
    assert "not a conflict-facts database" in output or "unknown schema" in output
    assert rows(tmp_path / "live.db", "SELECT id, title FROM event") == before


def test_postgresql_is_backed_up_with_its_own_tools() -> None:
    code, output = run("postgresql+psycopg://localhost/facts", "backup", "x.db")
    assert code == 1
    assert "pg_dump" in output


@pytest.mark.only_on("sqlite", reason="restores a SQLite file")
def test_restore_keeps_the_current_keys(
    tmp_path: Path, client_for: Callable[..., TestClient]
) -> None:
    """Defect 5: a key revoked after the backup worked again once it was restored (a
    retraction with it was accepted), and a key made after the backup was gone."""
    url = migrated(tmp_path / "live.db")
    load(url, article(1))
    old = write_key(url, "old-key")
    backup = tmp_path / "backup.db"
    assert run(url, "backup", str(backup))[0] == 0
    assert run(url, "keys", "revoke", "old-key")[0] == 0
    new = write_key(url, "new-key")

    code, output = run(url, "restore", str(backup))
    assert code == 0, output
    assert "with the current curator keys" in output
    client = client_for(url)

    def retract(token: str) -> int:
        response = client.post(
            "/v1/events/e1/retract",
            json={"reason": "Test."},
            headers={"Authorization": f"Bearer {token}"},
        )
        return response.status_code

    assert retract(old) == 401
    assert retract(new) == 200

    # Asked for, the backup's keys come back as they were.
    code, output = run(url, "restore", str(backup), "--keys-from-backup")
    assert code == 0, output
    client = client_for(url)
    assert retract(new) == 401
    assert retract(old) == 200
