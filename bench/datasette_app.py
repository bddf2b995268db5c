"""Datasette serving the benchmark's SQLite file, at its fastest, as an ASGI app for uvicorn.

Run by uvicorn exactly like the API (same server, same flags, access log off), rather than
through `datasette serve`, which always logs every request. The file is opened immutable
(no locking, no change checks) and facet suggestions are off. The time limit on a query is
raised from 1 s to 30 s, so that a slow page is measured as slow rather than as an error.
Datasette is told which FTS5 table indexes `search_document` (it only detects one declared
with `content="…"` in double quotes), so that `_search` uses the API's own search index.
"""

import os
import sqlite3
from pathlib import Path

from datasette.app import Datasette  # type: ignore[import-untyped]


def create_app() -> object:
    """Return Datasette's ASGI app for the file named by BENCH_DATASETTE_DB."""
    path = os.environ["BENCH_DATASETTE_DB"]
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        fts = connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_fts'").fetchone()
    tables = {"search_document": {"fts_table": "search_fts", "fts_pk": "docid"}} if fts else {}
    datasette = Datasette(
        immutables=[path],
        settings={"suggest_facets": False, "sql_time_limit_ms": 30_000},
        metadata={"databases": {Path(path).stem: {"tables": tables}}},
    )
    return datasette.app()
