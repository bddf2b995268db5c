"""The OpenAPI document and the docs pages: complete, local, and true to the API."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.openapi import EXAMPLES, load_examples
from app.settings import Settings
from tests.conftest import BACKEND

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
# The manual: every page of docs/, each of which the README links to.
DOCS = sorted((ROOT / "docs").glob("*.md"))

# The request behind each operation's example response, all answered from the seed.
EXAMPLE_REQUESTS = {
    "listEvents": "/v1/events?sort=-start_date&limit=1",
    "listTimeline": "/v1/timeline?place=brussels&limit=1&group_by=month",
    "getCard": "/embed/figures/war-2020-deaths",
    "getOembed": "/oembed?url=http://testserver/embed/figures/war-2020-deaths&format=json",
    "getEvent": "/v1/events/nagorno-karabakh-war-2020",
    "listFigures": "/v1/figures?metric=deaths",
    "getFigure": "/v1/figures/missing-azerbaijanis",
    "listStatements": "/v1/statements?speaker=charles-michel",
    "getStatement": "/v1/statements/bayramov-withdrawal-demand",
    "listSources": "/v1/sources?kind=news_article",
    "getSource": "/v1/sources/presstv-armenia-azerbaijan-talks",
    "getSourceText": "/v1/sources/presstv-armenia-azerbaijan-talks/text",
    "listActors": "/v1/actors?kind=person&limit=2",
    "getActor": "/v1/actors/azerbaijan",
    "listPlaces": "/v1/places?limit=2",
    "getPlace": "/v1/places/tbilisi",
    "getFigureSummary": "/v1/figure-summary?metric=deaths&event=nagorno-karabakh-war-2020",
    "listEventHistory": "/v1/events/tbilisi-foreign-ministers-talks-2022/history",
    "listFigureHistory": "/v1/figures/war-2020-deaths/history",
    "listStatementHistory": "/v1/statements/michel-next-meeting/history",
    "listChanges": "/v1/changes?limit=2",
    "getBundleSchema": "/v1/schemas/bundle",
    "searchRecords": "/v1/search?q=Tbilisi%20talks&limit=2",
    "getDump": "/v1/dump",
    "getHealth": "/healthz",
    "getReadiness": "/readyz",
}


def without_times(body: Any) -> Any:
    """Return `body` with every revision's `at` masked: the seed is loaded anew for each run."""
    if isinstance(body, dict):
        return {k: "<time>" if k == "at" else without_times(v) for k, v in body.items()}
    if isinstance(body, list):
        return [without_times(item) for item in body]
    return body


def operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
    ]


def test_info(client: TestClient) -> None:
    info = client.get("/openapi.json").json()["info"]
    assert info["title"] == "conflict-facts"
    assert info["version"] == "0.1.0"
    assert info["license"] == {"name": "MIT", "identifier": "MIT"}
    assert info["contact"]["name"]
    assert "text[start:end] == exact" in info["description"]


def test_every_operation_is_documented(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    tags = {tag["name"]: tag["description"] for tag in schema["tags"]}
    seen = set()
    for path, method, operation in operations(schema):
        name = f"{method.upper()} {path}"
        assert method in ("get", "post", "patch"), name
        assert re.fullmatch(r"[a-z]+(?:[A-Z][a-z]+)+", operation["operationId"]), name
        assert operation["operationId"] not in seen, name
        seen.add(operation["operationId"])
        assert operation["summary"], name
        assert operation["description"], name
        (tag,) = operation["tags"]
        assert tags[tag], name
        responses = operation["responses"]
        errors = {status: r for status, r in responses.items() if status[0] in "45"}
        assert "500" in errors, name
        if any(p["in"] == "query" for p in operation.get("parameters", [])):
            assert "422" in errors, name
        elif method == "get":  # nothing a client sends can be invalid
            assert "422" not in errors, name
        if "{id}" in path:
            assert "404" in errors, name
        if method == "get":  # reads are public, and say so
            assert operation["security"] == [], name
        else:  # writes need a curator key, and answer every way a write can fail
            assert operation["security"] == [{"curatorKey": []}], name
            assert set(errors) >= {"401", "403", "413", "422"}, name
            assert operation["requestBody"]["required"], name
        for status, response in errors.items():
            assert response["content"] == {
                "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
            }, f"{name} {status}"
    assert len(seen) == 34
    assert schema["components"]["securitySchemes"]["curatorKey"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "A curator key from `conflict-facts keys create --name NAME`.",
    }
    assert schema["servers"] == [{"url": "/"}]  # mounted under a prefix, it is the prefix


def test_examples_are_real_responses(client: TestClient) -> None:
    """The examples in the docs are what the API answers for the seed (UPDATE_EXAMPLES=1
    rewrites them after a deliberate change)."""
    actual = {}
    for operation_id, path in EXAMPLE_REQUESTS.items():
        response = client.get(path)
        assert response.status_code == 200, path
        is_json = response.headers["content-type"] == "application/json"
        actual[operation_id] = {"path": path, "body": response.json() if is_json else response.text}
    if os.environ.get("UPDATE_EXAMPLES"):
        assert BACKEND == "sqlite", "the examples are the default store's answers"
        EXAMPLES.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n")
    expected = load_examples()
    if BACKEND != "sqlite":
        # Search scores and snippets are each database's own (docs/search.md); the examples
        # are SQLite's.
        del expected["searchRecords"], actual["searchRecords"]
    assert without_times(expected) == without_times(actual)
    schema = client.get("/openapi.json").json()
    for _, _, operation in operations(schema):
        if operation["operationId"] in actual:
            content = operation["responses"]["200"]["content"]
            media = content.get("application/json") or next(iter(content.values()))
            assert without_times(media["example"]) == without_times(
                actual[operation["operationId"]]["body"]
            )


def test_lists_document_their_exports(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    lists = [
        operation
        for path, _, operation in operations(schema)
        if operation["operationId"].startswith("list")
        and not path.endswith("/history")  # a record's revisions, not records
        and path != "/v1/changes"  # a feed of revisions, not records
    ]
    # The timeline is a JSON view of events; their exports are those of listEvents.
    (timeline,) = [op for op in lists if op["operationId"] == "listTimeline"]
    assert list(timeline["responses"]["200"]["content"]) == ["application/json"]
    assert "406" not in timeline["responses"]
    lists.remove(timeline)
    assert len(lists) == 6
    for operation in lists:
        name = operation["operationId"]
        geo = ["application/geo+json"] if name in ("listEvents", "listPlaces") else []
        media_types = ["application/json", *geo, "application/ld+json", "text/csv"]
        assert sorted(operation["responses"]["200"]["content"]) == sorted(media_types), name
        assert "406" in operation["responses"], name
        (format_,) = [p for p in operation["parameters"] if p["name"] == "format"]
        assert "Accept" in format_["description"], name


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_pages_need_no_internet(client: TestClient, page: str) -> None:
    response = client.get(page)
    assert response.status_code == 200
    html = response.text
    assert not re.search(r"(?:src|href)=[\"']?(?:https?:)?//", html), "external asset"
    assets = re.findall(r"(?:src|href)=[\"']?(/static-offline-docs/[^\"' >]+)", html)
    assert assets
    for asset in assets:
        assert client.get(asset).status_code == 200, asset


def test_readme_links_every_docs_page() -> None:
    readme = README.read_text(encoding="utf-8")
    assert DOCS
    for page in DOCS:
        assert f"](docs/{page.name})" in readme, f"README does not link docs/{page.name}"


def test_readme_lists_every_endpoint(client: TestClient) -> None:
    readme = README.read_text(encoding="utf-8")
    schema = client.get("/openapi.json").json()
    for path in schema["paths"]:
        assert f"`{path}`" in readme, f"README's endpoint table lacks {path}"


def test_docs_document_every_setting() -> None:
    operations = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"| `{name.upper()}` |" in operations, f"docs/operations.md lacks {name.upper()}"
    development = (ROOT / "docs" / "development.md").read_text(encoding="utf-8")
    assert "`TEST_DATABASE_URL`" in development  # the tests' own setting


def curl_examples(page: Path) -> list[tuple[str, str, str]]:
    """The `$ curl -s URL | python3 …` examples of a page: (path, command, shown output)."""
    return re.findall(
        r"^\$ curl -s '?http://127\.0\.0\.1:8000(/\S+?)'? \| (python3 [^\n]+)\n(.*?)\n(?=\$ |```)",
        page.read_text(encoding="utf-8"),
        flags=re.M | re.S,
    )


def test_readme_and_docs_show_curl_examples() -> None:
    assert len(curl_examples(README)) >= 2  # a fact, and its citation checked against the text
    assert sum(len(curl_examples(page)) for page in DOCS) >= 10


# Pages whose summarised examples follow writes they describe (a bundle, a correction); their
# whole JSON bodies are still the seed's. Search scores are SQLite's.
AFTER_WRITES = {"curation.md", "limits.md"}


@pytest.mark.parametrize("page", [README, *DOCS], ids=lambda page: page.name)
def test_curl_examples_show_what_the_api_answers(client: TestClient, page: Path) -> None:
    """Each `curl -s URL | python3 …` example shows what that command prints from the seed."""
    for path, command, shown in curl_examples(page):
        body = client.get(f"http://127.0.0.1:8000{path}").content
        if command == "python3 -m json.tool":
            assert json.loads(shown) == json.loads(body), path
            continue
        code = re.fullmatch(r"python3 -c '([^']*)'", command)
        assert code, command
        if page.name in AFTER_WRITES or (page.name == "search.md" and BACKEND != "sqlite"):
            continue
        printed = subprocess.run(
            [sys.executable, "-c", code[1]], input=body, capture_output=True, check=True
        ).stdout.decode()
        assert printed.rstrip("\n") == shown.rstrip("\n"), path
