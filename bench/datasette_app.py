"""Datasette serving the benchmark's SQLite file, at its fastest, as an ASGI app for uvicorn.

Run by uvicorn exactly like the API (same server, same flags, access log off), rather than
through `datasette serve`, which always logs every request. The file is opened immutable
(no locking, no change checks) and facet suggestions are off. The time limit on a query is
raised from 1 s to 30 s, so that a slow page is measured as slow rather than as an error.
"""

import os

from datasette.app import Datasette  # type: ignore[import-untyped]


def create_app() -> object:
    """Return Datasette's ASGI app for the file named by BENCH_DATASETTE_DB."""
    datasette = Datasette(
        immutables=[os.environ["BENCH_DATASETTE_DB"]],
        settings={"suggest_facets": False, "sql_time_limit_ms": 30_000},
    )
    return datasette.app()
