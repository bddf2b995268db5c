"""The typed Python client in clients/python/: generated from today's OpenAPI document, and
working against a real server, as a notebook user would use it."""

import contextlib
import filecmp
import io
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conflict_facts_client import AuthenticatedClient, Client
from conflict_facts_client.api.bundles import create_bundle
from conflict_facts_client.api.events import get_event, list_events
from conflict_facts_client.api.figures import get_figure
from conflict_facts_client.api.search import search_records
from conflict_facts_client.api.sources import get_source_text
from conflict_facts_client.models import (
    Bundle,
    EventDetail,
    EventPage,
    EventType,
    FigureDetail,
    ListEventsSort,
    SearchPage,
    SearchRecordsTypeItem,
    Summary,
)

from app import bundles
from tests.conftest import load, migrated, serving
from tests.processes import run

ROOT = Path(__file__).resolve().parent.parent
CLIENT = ROOT / "clients" / "python"
NEWEST_FIRST = ListEventsSort("-start_date")


@pytest.mark.slow
@pytest.mark.only_on("sqlite", reason="the document is the same on both backends")
def test_the_checked_in_client_is_what_the_document_generates(tmp_path: Path) -> None:
    """`make client` was run after the last change to the API (and nobody edited its output)."""
    fresh = tmp_path / "python"
    subprocess.run(
        [sys.executable, ROOT / "clients" / "generate.py", "--out", fresh],
        check=True,
        capture_output=True,
    )

    def differences(compared: filecmp.dircmp[str]) -> list[str]:
        found = [*compared.left_only, *compared.right_only, *compared.diff_files]
        # What installing or linting it leaves is not part of it (and is ignored by git).
        found = [n for n in found if not (n.startswith((".", "__pycache__")) or "egg-info" in n)]
        for name, sub in compared.subdirs.items():
            if not name.startswith((".", "__pycache__")):
                found += differences(sub)
        return found

    assert differences(filecmp.dircmp(CLIENT, fresh)) == [], "run `make client`"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A real server on a seeded database of this module's own, and a curator key for it."""
    url = migrated(tmp_path_factory.mktemp("client") / "client.db")
    load(url, *bundles.SEED)
    token = run(url, "keys", "create", "--name", "notebook")
    with serving(url) as base:
        yield base, token


def test_list_with_filters_and_page_to_the_end(served: tuple[str, str]) -> None:
    with Client(base_url=served[0]) as client:
        page = list_events.sync(
            client=client, type_=[EventType.DIPLOMATIC_MEETING], sort=NEWEST_FIRST, limit=2
        )
        assert isinstance(page, EventPage)
        ids = [event.id for event in page.data]
        while page.next_cursor:
            page = list_events.sync(
                client=client,
                type_=[EventType.DIPLOMATIC_MEETING],
                sort=NEWEST_FIRST,
                limit=2,
                cursor=page.next_cursor,
            )
            assert isinstance(page, EventPage)
            ids += [event.id for event in page.data]
    assert ids == [
        "tbilisi-foreign-ministers-talks-2022",
        "aliyev-pashinyan-next-meeting-2022",
        "aliyev-pashinyan-brussels-meeting-2022-05",
        "aliyev-pashinyan-brussels-meeting-2022-04",
    ]


def test_get_a_figure_and_verify_its_citation(served: tuple[str, str]) -> None:
    with Client(base_url=served[0]) as client:
        figure = get_figure.sync("war-2020-deaths", client=client)
        assert isinstance(figure, FigureDetail)
        assert (figure.value, figure.qualifier.value) == (6500, "more_than")
        (citation,) = figure.citations
        text = get_source_text.sync(citation.source_id, client=client)
        assert isinstance(text, str)
        assert text[citation.start : citation.end] == citation.exact


def test_search(served: tuple[str, str]) -> None:
    with Client(base_url=served[0]) as client:
        found = search_records.sync(
            client=client, q="Tbilisi talks", type_=[SearchRecordsTypeItem.EVENT]
        )
    assert isinstance(found, SearchPage)
    assert [hit.id for hit in found.data] == ["tbilisi-foreign-ministers-talks-2022"]


def test_post_a_bundle_with_a_key_and_read_it_back(served: tuple[str, str]) -> None:
    base, token = served
    text = (
        "Made up for the tests, not real reporting. The two delegations met in Geneva on 3 March."
    )
    bundle = Bundle.from_dict(
        {
            "sources": [
                {
                    "id": "client-test-report",
                    "title": "A made-up report (not real reporting)",
                    "publisher": "conflict-facts tests",
                    "kind": "report",
                    "text": text,
                }
            ],
            "events": [
                {
                    "id": "client-test-geneva-talks",
                    "title": "Talks in Geneva",
                    "summary": "Made up for the tests.",
                    "type": "diplomatic_meeting",
                    "status": "occurred",
                    "start_date": "2023-03-03",
                    "end_date": "2023-03-03",
                    "date_precision": "day",
                    "citations": [
                        {
                            "source_id": "client-test-report",
                            "quote": "The two delegations met in Geneva on 3 March",
                        }
                    ],
                }
            ],
        }
    )
    with Client(base_url=base) as anonymous:
        refused = create_bundle.sync_detailed(client=anonymous, body=bundle)  # type: ignore[arg-type]
    assert refused.status_code == 401
    with AuthenticatedClient(base_url=base, token=token) as client:
        written = create_bundle.sync_detailed(client=client, body=bundle)
        assert written.status_code == 201, written.content
        assert isinstance(written.parsed, Summary)
        assert "events/client-test-geneva-talks" in written.parsed.inserted
        event = get_event.sync("client-test-geneva-talks", client=client)
    assert isinstance(event, EventDetail)
    (citation,) = event.citations
    assert text[citation.start : citation.end] == citation.exact


def test_the_readme_example_prints_what_it_shows(served: tuple[str, str]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code, shown = re.search(
        r"```python\n(from conflict_facts_client.*?)```\n\n```text\n(.*?)```", readme, re.S
    ).groups()
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(code.replace("http://127.0.0.1:8000", served[0]), {})  # noqa: S102 - our own README
    assert printed.getvalue() == shown
