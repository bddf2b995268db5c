"""Curation over HTTP and the command line: bundles, corrections, retractions, histories, the
change feed and curator keys."""

import hashlib
import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from sqlmodel import Session, select
from typer.testing import CliRunner

from app import bundles, caching
from app.cli import cli
from app.db import make_engine
from app.limits import MAX_BODY
from app.models import ApiKey
from tests.conftest import (
    DEATHS,
    TEXT,
    WAR,
    Curation,
    cite,
    keys,
    load,
    problem,
    report,
)


def everything(client: TestClient, path: str, **params: Any) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    params["limit"] = 100
    while True:
        page = client.get(path, params=params).json()
        records += page["data"]
        if page["next_cursor"] is None:
            return records
        params["cursor"] = page["next_cursor"]


# --- bundles ----------------------------------------------------------------------------


def test_the_bundle_schema_is_published(client: TestClient) -> None:
    schema = client.get("/v1/schemas/bundle").json()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert list(schema["properties"]) == [
        "sources",
        "actors",
        "places",
        "events",
        "figures",
        "statements",
    ]
    assert schema["additionalProperties"] is False
    citation = schema["properties"]["events"]["items"]["properties"]["citations"]["items"]
    assert "quote" in citation["required"]
    assert "$ref" not in json.dumps(schema)  # whole wherever it is embedded (the OpenAPI example)


def test_a_bundle_is_ingested_and_summarized(curation: Curation) -> None:
    response = curation.post("/v1/bundles", report())
    assert response.status_code == 201
    assert response.json() == {
        "dry_run": False,
        "inserted": [
            "actors/synthetic-envoy",
            "sources/synthetic-report",
            "events/geneva-talks",
            "events/vienna-talks",
            "events/prisoner-exchange",
            "figures/war-2020-deaths-observers",
            "figures/prisoners-exchanged",
            "figures/villages-damaged",
            "figures/families-returned",
            "statements/envoy-keep-talking",
            "statements/envoy-talks-useful",
            "statements/observers-count-incomplete",
        ],
        "updated": [],
        "unchanged": 0,
        "changes": {},
        "warnings": [],
        "overridden": [],
    }
    quote = curation.client.get("/v1/statements/envoy-keep-talking").json()["citations"][0]
    assert quote["exact"] == "“We will keep talking,” the envoy said"
    assert TEXT[quote["start"] : quote["end"]] == quote["exact"]
    history = curation.client.get("/v1/figures/villages-damaged/history").json()["data"]
    assert [(r["number"], r["op"], r["by"], r["reason"]) for r in history] == [
        (1, "insert", "alice", "ingest of POST /v1/bundles")
    ]


def test_the_same_bundle_twice_changes_nothing(curation: Curation) -> None:
    assert curation.post("/v1/bundles", report()).status_code == 201
    before = curation.dump()
    again = curation.post("/v1/bundles", report())
    assert again.status_code == 200
    assert again.json() == {
        "dry_run": False,
        "inserted": [],
        "updated": [],
        "unchanged": 12,
        "changes": {},
        "warnings": [],
        "overridden": [],
    }
    assert curation.dump() == before


def test_a_changed_bundle_records_a_new_revision(curation: Curation) -> None:
    assert curation.post("/v1/bundles", report()).status_code == 201
    changed = report()
    changed["figures"][2]["value"] = 41
    changed["figures"][2]["citations"] = cite("About 40 villages")
    response = curation.post("/v1/bundles", changed)
    assert response.status_code == 201
    assert response.json()["updated"] == ["figures/villages-damaged"]
    latest = curation.client.get("/v1/figures/villages-damaged/history").json()["data"][-1]
    assert latest["number"] == 2
    assert latest["op"] == "update"
    assert latest["changes"]["value"] == [40, 41]
    assert [c["exact"] for c in latest["record"]["citations"]] == ["About 40 villages"]


def test_one_bad_quote_among_ten_good_facts_rejects_the_whole_bundle(curation: Curation) -> None:
    bad = report()
    bad["figures"][1]["citations"] = cite("Some 3,000 prisoners")
    bad["statements"][2]["speaker"] = "nobody-at-all"
    before = curation.dump()
    body = problem(curation.post("/v1/bundles", bad), 422)
    assert body["errors"] == [
        {
            "location": "body",
            "name": "/figures/1/citations/0/quote",
            "detail": "quote not found in the source text: 'Some 3,000 prisoners'; the closest passage is 'Some 300 prisoners'",
            "record_id": "prisoners-exchanged",
        },
        {
            "location": "body",
            "name": "/statements/2/speaker",
            "detail": "unknown actor 'nobody-at-all'",
            "record_id": "observers-count-incomplete",
        },
    ]
    assert body["detail"] == "2 invalid inputs; see `errors`."
    assert curation.dump() == before


def test_a_bundle_that_is_not_the_format_is_422_with_pointers(curation: Curation) -> None:
    bad = report()
    bad["figures"][0]["colour"] = "red"
    bad["events"][0]["id"] = "Not A Slug"
    body = problem(curation.post("/v1/bundles", bad), 422)
    assert [(e["name"], e["detail"]) for e in body["errors"]] == [
        ("/events/0/id", "String should match pattern '^[a-z0-9]+(?:-[a-z0-9]+)*$'"),
        ("/figures/0/colour", "Extra inputs are not permitted"),
    ]
    truncated = curation.client.post(
        "/v1/bundles",
        content=b'{"sources": [',
        headers=curation.auth | {"Content-Type": "application/json"},
    )
    assert problem(truncated, 422)["errors"] == [
        {
            "location": "body",
            "name": "",
            "detail": "JSON decode error at character 13: Expecting value",
        }
    ]


YAML = {"Content-Type": "application/yaml"}


def test_a_bundle_is_ingested_from_yaml_as_from_json(curation: Curation) -> None:
    text = yaml.safe_dump(report(), allow_unicode=True, sort_keys=False)
    dry = curation.client.post(
        "/v1/bundles?dry_run=true", content=text, headers=curation.auth | YAML
    )
    assert dry.status_code == 200, dry.text
    created = curation.client.post("/v1/bundles", content=text, headers=curation.auth | YAML)
    assert created.status_code == 201, created.text
    assert created.json() | {"dry_run": True} == dry.json()
    again = curation.post("/v1/bundles", report())  # the same bundle as JSON: nothing new
    assert again.status_code == 200, again.text
    assert curation.client.get("/v1/events/geneva-talks").json()["title"] == "Talks in Geneva"
    post = curation.client.get("/openapi.json").json()["paths"]["/v1/bundles"]["post"]
    assert sorted(post["requestBody"]["content"]) == ["application/json", "application/yaml"]


def test_a_yaml_bundle_s_problems_carry_their_lines(curation: Curation) -> None:
    text = (
        "events:\n  - id: talks\n    title: Talks\n    summary: S.\n    type: diplomatic_meeting\n"
        "    start_date: 2020-02-01\n    end_date: 2020-01-01\n    date_precison: day\n"
        "    status: occurred\n    citations: []\n"
    )
    response = curation.client.post("/v1/bundles", content=text, headers=curation.auth | YAML)
    assert problem(response, 422)["errors"] == [
        {
            "location": "body",
            "name": "/events/0/citations",
            "detail": "List should have at least 1 item after validation, not 0",
            "record_id": "talks",
            "line": 10,
        },
        {
            "location": "body",
            "name": "/events/0/date_precison",
            "detail": "Extra inputs are not permitted (did you mean 'date_precision'?)",
            "record_id": "talks",
            "line": 8,
        },
    ]
    unknown = yaml.safe_dump(report(), sort_keys=False).replace(
        "speaker: synthetic-envoy", "speaker: synthetic-envoi", 1
    )
    response = curation.client.post("/v1/bundles", content=unknown, headers=curation.auth | YAML)
    (error,) = problem(response, 422)["errors"]
    line = next(n for n, text in enumerate(unknown.splitlines(), 1) if "synthetic-envoi" in text)
    assert error == {
        "location": "body",
        "name": "/statements/0/speaker",
        "detail": "unknown actor 'synthetic-envoi'; did you mean 'synthetic-envoy'?",
        "record_id": "envoy-keep-talking",
        "line": line,
    }


@pytest.mark.parametrize(
    ("text", "detail", "line"),
    [
        (
            "actors:\n  - id: a\n    name: A\n   kind: person\n",
            "not valid YAML: expected <block end>, but found '<block mapping start>' (line 4, "
            "column 4); check the indentation of the lines from line 2",
            4,
        ),
        (
            "actors:\n  - &one {id: a, name: A, kind: person}\n  - *one\n",
            "not valid YAML: aliases (*name) are not accepted; write the value out (line 3, "
            "column 5)",
            3,
        ),
    ],
)
def test_a_body_that_is_not_yaml_is_422_with_its_line(
    curation: Curation, text: str, detail: str, line: int
) -> None:
    response = curation.client.post("/v1/bundles", content=text, headers=curation.auth | YAML)
    assert problem(response, 422)["errors"] == [
        {"location": "body", "name": "", "detail": detail, "line": line}
    ]


def test_a_yaml_bundle_cannot_read_the_server_s_files(curation: Curation) -> None:
    text = "sources:\n  - {id: s, title: S, publisher: P, kind: report, text_file: /etc/hostname}\n"
    response = curation.client.post("/v1/bundles", content=text, headers=curation.auth | YAML)
    names = [(e["name"], e["detail"]) for e in problem(response, 422)["errors"]]
    assert ("/sources/0/text_file", "Extra inputs are not permitted") in names


@pytest.mark.parametrize(
    ("method", "path", "media_type"),
    [
        ("POST", "/v1/bundles", "application/json"),
        ("POST", "/v1/bundles", "application/yaml"),
        ("PATCH", DEATHS, "application/json"),
        ("POST", f"{DEATHS}/retract", "application/json"),
    ],
)
def test_a_body_that_is_not_text_is_a_documented_400(
    curation: Curation, method: str, path: str, media_type: str
) -> None:
    before = curation.dump()
    response = curation.client.request(
        method,
        path,
        content=b'{"reason": "\xff"}',
        headers=curation.auth | {"Content-Type": media_type},
    )
    assert problem(response, 400) == {
        "type": "about:blank",
        "title": "Bad Request",
        "status": 400,
        "detail": "There was an error parsing the body",
        "instance": path,
    }
    paths = curation.client.get("/openapi.json").json()["paths"]
    template = path.replace("war-2020-deaths", "{id}")
    assert "400" in paths[template][method.lower()]["responses"]
    assert curation.dump() == before


def test_numbers_and_dates_are_of_the_types_the_schema_says(curation: Curation) -> None:
    bad = report()
    bad["sources"][0]["published_on"] = 0  # not a Unix time
    bad["events"][0]["end_date"] = "2023-03-03T00:00"
    bad["figures"][0]["value"] = "6000"
    bad["places"] = [{"id": "somewhere", "name": "S", "kind": "city", "longitude": False}]
    body = problem(curation.post("/v1/bundles?dry_run=true", bad), 422)
    assert [(e["name"], e["detail"]) for e in body["errors"]] == [
        ("/sources/0/published_on", "Expected a date as YYYY-MM-DD"),
        ("/places/0/longitude", "Input should be a valid number"),
        ("/events/0/end_date", "Expected a date as YYYY-MM-DD"),
        ("/figures/0/value", "Input should be a valid number"),
    ]


def test_a_bundle_cannot_set_what_the_server_derives(curation: Curation) -> None:
    bad = report()
    bad["sources"][0]["text_sha256"] = "0" * 64
    bad["figures"][0]["lower_bound"] = 1
    bad["statements"][0]["retraction"] = None
    body = problem(curation.post("/v1/bundles", bad), 422)
    assert [(e["name"], e["detail"]) for e in body["errors"]] == [
        ("/sources/0/text_sha256", "Extra inputs are not permitted"),
        ("/figures/0/lower_bound", "Extra inputs are not permitted"),
        ("/statements/0/retraction", "Extra inputs are not permitted"),
    ]


def test_a_dry_run_writes_nothing(curation: Curation) -> None:
    before = curation.dump()
    response = curation.post("/v1/bundles?dry_run=true", report())
    assert response.status_code == 200
    assert response.json()["dry_run"] is True
    assert len(response.json()["inserted"]) == 12
    assert curation.dump() == before


def test_the_cli_ingests_with_lines_and_dry_runs(tmp_path: Path, curation: Curation) -> None:
    path = tmp_path / "report.yaml"
    bad = report()
    bad["figures"][1]["citations"] = cite("Some 3,000 prisoners")
    path.write_text(yaml.safe_dump(bad, allow_unicode=True, sort_keys=False), encoding="utf-8")
    before = curation.dump()
    result = CliRunner().invoke(cli, ["ingest", str(path)])
    assert result.exit_code == 1
    line = path.read_text().splitlines().index("    quote: Some 3,000 prisoners") + 1
    assert result.stderr.splitlines() == [
        f"1 problem in {path}:",
        f"{path}:{line}: /figures/1/citations/0/quote (prisoners-exchanged): quote not found in the source text: 'Some 3,000 prisoners'; the closest passage is 'Some 300 prisoners'",
    ]
    assert curation.dump() == before
    path.write_text(json.dumps(report()), encoding="utf-8")  # JSON is YAML too
    result = CliRunner().invoke(cli, ["ingest", "--dry-run", str(path)])
    lines = result.stdout.splitlines()
    assert lines[0] == f"{path}: 12 inserted, 0 updated, 0 unchanged (dry run: nothing written)"
    assert lines[1:4] == [
        "  + actors/synthetic-envoy",
        "  + sources/synthetic-report",
        "  + events/geneva-talks",
    ]
    assert len(lines) == 13
    assert curation.dump() == before
    result = CliRunner().invoke(cli, ["ingest", str(path)])
    assert result.stdout == f"{path}: 12 inserted, 0 updated, 0 unchanged\n"
    result = CliRunner().invoke(cli, ["ingest", str(path)])
    assert result.stdout == f"{path}: 0 inserted, 0 updated, 12 unchanged\n"
    (revision,) = curation.client.get("/v1/figures/villages-damaged/history").json()["data"]
    assert revision["by"].startswith("cli:")
    assert revision["reason"] == "ingest of report.yaml"


def test_bundles_are_bounded(curation: Curation) -> None:
    too_large = curation.client.post(
        "/v1/bundles",
        content=b"{" + b" " * MAX_BODY + b"}",
        headers=curation.auth | {"Content-Type": "application/json"},
    )
    assert problem(too_large, 413)["detail"] == (
        "A request body holds at most 2097152 bytes (2 MiB)."
    )
    chunked = curation.client.post(  # no Content-Length: counted as it arrives
        "/v1/bundles",
        content=iter([b"{" + b" " * MAX_BODY, b"}"]),
        headers=curation.auth | {"Content-Type": "application/json"},
    )
    assert "content-length" not in chunked.request.headers
    assert problem(chunked, 413)["status"] == 413
    many = [{"id": f"actor-{n}", "name": "A", "kind": "person"} for n in range(5001)]
    body = problem(curation.post("/v1/bundles", {"actors": many}), 422)
    assert body["errors"] == [
        {
            "location": "body",
            "name": "",
            "detail": "the bundle holds 5001 records, more than 5000; split it",
        }
    ]


# --- competing figures ------------------------------------------------------------------


def test_competing_figures_are_summarized_with_their_sources(curation: Curation) -> None:
    assert curation.post("/v1/bundles", report()).status_code == 201
    response = curation.client.get("/v1/figure-summary", params={"metric": "deaths", "event": WAR})
    assert response.status_code == 200
    summary = response.json()
    claims = [
        (c["id"], c["value"], c["qualifier"], c["lower_bound"], c["upper_bound"], c["sources"])
        for c in summary["claims"]
    ]
    assert claims == [
        ("war-2020-deaths-observers", 6000, "more_than", 6000, None, ["synthetic-report"]),
        ("war-2020-deaths", 6500, "more_than", 6500, None, ["presstv-armenia-azerbaijan-talks"]),
    ]
    assert [c["claimed_by_actor"] for c in summary["claims"]] == [None, None]
    assert summary["values"] == {"low": 6000, "high": 6500}
    assert summary["range"] == {"low": 6000, "high": None}
    unknown = curation.client.get("/v1/figure-summary?metric=deaths&event=no-such-event")
    assert problem(unknown, 404)["detail"] == "No event with id 'no-such-event'."


def test_a_figure_may_be_named_summary_and_the_old_summary_url_redirects(
    curation: Curation,
) -> None:
    figure = report()["figures"][0] | {"id": "summary"}
    assert curation.post("/v1/bundles", {**report(), "figures": [figure]}).status_code == 201
    assert curation.client.get("/v1/figures/summary").json()["id"] == "summary"
    old = "/v1/figures/summary?metric=deaths&event=" + WAR
    response = curation.client.get(old, follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (
        308,
        f"http://testserver/v1/figure-summary?metric=deaths&event={WAR}",
    )
    assert (
        curation.client.get(old).json()
        == curation.client.get(
            "/v1/figure-summary", params={"metric": "deaths", "event": WAR}
        ).json()
    )


# --- corrections and retractions --------------------------------------------------------


def test_a_correction_is_checked_recorded_and_attributed(curation: Curation) -> None:
    response = curation.patch(DEATHS, {"scope": "both sides, as the article says", "reason": "r"})
    assert response.status_code == 200
    assert response.json()["scope"] == "both sides, as the article says"
    assert response.headers["etag"] == caching.etag(curation.client.get(DEATHS).content)
    assert response.headers["cache-control"] == "private, no-store"
    history = curation.client.get(f"{DEATHS}/history").json()
    assert history["next_cursor"] is None
    first, second = history["data"]
    assert (first["number"], first["op"], first["by"]) == (1, "insert", "cli:tests")
    assert {k: v for k, v in second.items() if k not in ("seq", "at", "record")} == {
        "kind": "figures",
        "record_id": "war-2020-deaths",
        "number": 2,
        "op": "update",
        "by": "alice",
        "reason": "r",
        "changes": {"scope": ["both sides", "both sides, as the article says"]},
    }


def test_a_correction_is_validated_as_an_ingest_is(curation: Curation) -> None:
    before = curation.dump()
    body = problem(
        curation.patch(
            "/v1/events/tbilisi-foreign-ministers-talks-2022",
            {
                "end_date": "2022-07-15",
                "place_id": "atlantis",
                "citations": [{"source_id": "presstv-armenia-azerbaijan-talks", "quote": "nope"}],
                "reason": "test",
            },
        ),
        422,
    )
    assert [(e["name"], e["detail"]) for e in body["errors"]] == [
        ("/end_date", "end_date 2022-07-15 is before start_date 2022-07-16"),
    ]
    body = problem(
        curation.patch(
            "/v1/events/tbilisi-foreign-ministers-talks-2022",
            {
                "place_id": "atlantis",
                "citations": [{"source_id": "presstv-armenia-azerbaijan-talks", "quote": "nope"}],
                "reason": "test",
            },
        ),
        422,
    )
    assert [(e["name"], e["detail"]) for e in body["errors"]] == [
        ("/place_id", "unknown place 'atlantis'"),
        ("/citations/0/quote", "quote not found in the source text: 'nope'"),
    ]
    assert curation.dump() == before


def test_a_correction_may_not_blank_a_field_or_give_a_blank_reason(curation: Curation) -> None:
    before = curation.dump()
    event = "/v1/events/tbilisi-foreign-ministers-talks-2022"
    body = problem(curation.patch(event, {"title": "", "reason": "tidy"}), 422)
    assert body["errors"] == [
        {
            "location": "body",
            "name": "/title",
            "detail": "is empty or only whitespace; write it out, or use null where the field "
            "may be empty",
            "record_id": "tbilisi-foreign-ministers-talks-2022",
        }
    ]
    body = problem(curation.patch(event, {"date_note": "Stated.", "reason": " \t"}), 422)
    assert body["errors"] == [
        {"location": "body", "name": "/reason", "detail": "Must not be empty or only whitespace"}
    ]
    body = problem(curation.post(f"{DEATHS}/retract", {"reason": "\u00a0"}), 422)
    assert [error["detail"] for error in body["errors"]] == ["Must not be empty or only whitespace"]
    assert curation.dump() == before


def test_null_clears_what_may_be_empty_and_is_refused_elsewhere(curation: Curation) -> None:
    schemas = curation.client.get("/openapi.json").json()["components"]["schemas"]
    update = schemas["FigureUpdate"]["properties"]
    assert update["metric"] == {"title": "Metric", "type": "string"}
    assert update["citations"]["minItems"] == 1
    assert "anyOf" not in update["citations"]
    assert {"type": "null"} in update["scope"]["anyOf"]
    before = curation.dump()
    for field in ("metric", "value", "qualifier", "citations"):
        body = problem(curation.patch(DEATHS, {field: None, "reason": "r"}), 422)
        assert [error["name"] for error in body["errors"]] == [f"/{field}"]
    body = problem(curation.patch(DEATHS, {"citations": [], "value": "6500", "reason": "r"}), 422)
    assert body["errors"] == [
        {"location": "body", "name": "/value", "detail": "Input should be a valid number"},
        {
            "location": "body",
            "name": "/citations",
            "detail": "List should have at least 1 item after validation, not 0",
        },
    ]
    assert curation.dump() == before
    cleared = curation.patch(DEATHS, {"scope": None, "reason": "not stated"})
    assert cleared.status_code == 200
    assert cleared.json()["scope"] is None


@pytest.mark.parametrize(
    "field",
    [{"id": "other"}, {"created_at": "2020-01-01"}, {"history": []}, {"retraction": None}],
)
def test_server_owned_fields_are_never_accepted(curation: Curation, field: dict[str, Any]) -> None:
    body = problem(curation.patch(DEATHS, field | {"reason": "r"}), 422)
    (name,) = field
    assert body["errors"] == [
        {"location": "body", "name": f"/{name}", "detail": "Extra inputs are not permitted"}
    ]


def test_a_correction_needs_a_reason_and_a_known_record(curation: Curation) -> None:
    body = problem(curation.patch(DEATHS, {"value": 6501}), 422)
    assert body["errors"] == [{"location": "body", "name": "/reason", "detail": "Field required"}]
    assert problem(curation.patch("/v1/figures/nope", {"reason": "r"}), 404)["detail"] == (
        "No figure with id 'nope'."
    )


def test_a_stale_etag_is_412(curation: Curation) -> None:
    read = curation.client.get(DEATHS)
    tag = caching.etag(read.content)
    assert read.headers["etag"] == tag
    first = curation.patch(DEATHS, {"value": 6501, "reason": "typo"}, **{"If-Match": tag})
    assert first.status_code == 200
    stale = curation.patch(DEATHS, {"value": 6502, "reason": "again"}, **{"If-Match": tag})
    assert problem(stale, 412)["detail"] == (
        f"The record changed since you read it; its ETag is now {first.headers['etag']}. "
        "GET it again."
    )
    assert curation.client.get(DEATHS).json()["value"] == 6501
    fresh = curation.patch(
        DEATHS, {"value": 6500, "reason": "back"}, **{"If-Match": first.headers["etag"]}
    )
    assert fresh.status_code == 200
    weak = curation.post(
        f"{DEATHS}/retract", {"reason": "r"}, **{"If-Match": f"W/{fresh.headers['etag']}"}
    )
    assert weak.status_code == 412


def test_a_retracted_fact_is_gone_with_its_reason(curation: Curation) -> None:
    reason = "The article gives this figure for both sides; a better source is needed."
    response = curation.post(f"{DEATHS}/retract", {"reason": reason})
    assert response.status_code == 200
    retraction = response.json()["retraction"]
    assert (retraction["reason"], retraction["by"]) == (reason, "alice")
    gone = problem(curation.client.get(DEATHS), 410)
    assert gone == {
        "type": "about:blank",
        "title": "Gone",
        "status": 410,
        "detail": f"Figure 'war-2020-deaths' was retracted: {reason} "
        "(`?include_retracted=true` shows it).",
        "instance": DEATHS,
        "retraction": retraction,
    }
    shown = curation.client.get(DEATHS, params={"include_retracted": "true"})
    assert shown.status_code == 200
    assert shown.json()["retraction"] == retraction
    ids = [f["id"] for f in everything(curation.client, "/v1/figures")]
    assert "war-2020-deaths" not in ids
    ids = [f["id"] for f in everything(curation.client, "/v1/figures", include_retracted=True)]
    assert "war-2020-deaths" in ids
    war = curation.client.get(f"/v1/events/{WAR}").json()
    assert "war-2020-deaths" not in [f["id"] for f in war["figures"]]
    history = curation.client.get(f"{DEATHS}/history").json()["data"]
    assert [(r["number"], r["op"], r["reason"]) for r in history] == [
        (1, "insert", "ingest of 000_085de9c4592446ff.yaml"),
        (2, "retract", reason),
    ]
    assert history[1]["changes"] == {"retraction": [None, retraction]}
    again = curation.post(f"{DEATHS}/retract", {"reason": "twice"})
    assert problem(again, 410)["retraction"] == retraction
    assert problem(curation.patch(DEATHS, {"value": 1, "reason": "r"}), 410)
    # A bundle may not change it back to life, nor change it; the same words change nothing.
    seed = bundles.read_bundle(bundles.SEED[0]).model_dump(mode="json")
    assert curation.post("/v1/bundles", seed).json()["unchanged"] == 44
    seed["figures"][0]["scope"] = "changed"
    assert problem(curation.post("/v1/bundles", seed), 409)["conflicts"][0]["field"] == "scope"
    body = problem(curation.post("/v1/bundles?override=true", seed), 422)
    assert body["errors"] == [
        {
            "location": "body",
            "name": "/figures/0",
            "detail": "this fact was retracted; it cannot change (give a new fact a new id)",
            "record_id": "war-2020-deaths",
        }
    ]


def test_a_retracted_fact_leaves_the_search_and_the_timeline(curation: Curation) -> None:
    def found() -> list[str]:
        hits = curation.client.get("/v1/search", params={"q": "deaths", "limit": 100})
        return [hit["id"] for hit in hits.json()["data"]]

    def on_the_timeline() -> list[str]:
        page = curation.client.get("/v1/timeline", params={"limit": 100}).json()
        return [f["id"] for event in page["data"] for f in event["figures"]]

    assert "war-2020-deaths" in found()
    assert "war-2020-deaths" in on_the_timeline()
    assert curation.post(f"{DEATHS}/retract", {"reason": "r"}).status_code == 200
    assert "war-2020-deaths" not in found()
    assert "war-2020-deaths" not in on_the_timeline()
    card = curation.client.get("/embed/figures/war-2020-deaths")
    assert problem(card, 410)["retraction"]["reason"] == "r"


def test_retracting_an_event_leaves_its_facts(curation: Curation) -> None:
    response = curation.post(f"/v1/events/{WAR}/retract", {"reason": "test"})
    assert response.status_code == 200
    assert problem(curation.client.get(f"/v1/events/{WAR}"), 410)["retraction"]["reason"] == "test"
    assert curation.client.get(DEATHS).json()["event_id"] == WAR
    statement = curation.post("/v1/statements/michel-next-meeting/retract", {"reason": "t"})
    assert statement.status_code == 200
    assert problem(curation.client.get("/v1/statements/michel-next-meeting"), 410)


# --- the change feed --------------------------------------------------------------------


def replay(client: TestClient) -> tuple[dict[str, dict[str, Any]], str]:
    """Return every record as the change feed rebuilds it, by kind and id, and the cursor."""
    mirror: dict[str, dict[str, Any]] = {}
    cursor = None
    while True:
        response = client.get(
            "/v1/changes", params={"limit": 7, "since": cursor} if cursor else {"limit": 7}
        )
        page = response.json()
        for change in page["data"]:
            mirror.setdefault(change["kind"], {})[change["record_id"]] = change["record"]
        cursor = page["next_cursor"]
        if "link" not in response.headers:
            return mirror, cursor


def listed(client: TestClient) -> dict[str, dict[str, Any]]:
    """Return every record the lists serve, retracted ones included, by kind and id, with an
    event's place and actors named by id as the feed names them."""
    data = {}
    for kind in ("sources", "actors", "places", "events", "figures", "statements"):
        params = {"include_retracted": True} if kind in ("events", "figures", "statements") else {}
        data[kind] = {r["id"]: r for r in everything(client, f"/v1/{kind}", **params)}
    for event in data["events"].values():
        place = event.pop("place")
        event["place_id"] = place["id"] if place else None
        event["actors"] = [
            {"actor_id": a["actor"]["id"], "role": a["role"]} for a in event["actors"]
        ]
    return data


def test_replaying_the_change_feed_reproduces_the_data(curation: Curation) -> None:
    client = curation.client
    mirror, cursor = replay(client)
    assert mirror == listed(client)
    assert client.get("/v1/changes", params={"since": cursor}).json() == {
        "data": [],
        "next_cursor": cursor,
    }
    # Every kind of write: an ingest with new and changed records, a correction, retractions.
    changed = report()
    changed["actors"].append(
        {"id": "jeyhun-bayramov", "name": "Jeyhun Bayramov", "kind": "person", "aliases": []}
    )
    assert curation.post("/v1/bundles", changed).status_code == 201
    assert curation.patch(DEATHS, {"qualifier": "at_least", "reason": "r"}).status_code == 200
    assert curation.post(f"/v1/events/{WAR}/retract", {"reason": "r"}).status_code == 200
    assert curation.post("/v1/figures/villages-damaged/retract", {"reason": "r"}).status_code == 200
    news = client.get("/v1/changes", params={"since": cursor, "limit": 100}).json()["data"]
    assert [(c["kind"], c["record_id"], c["op"]) for c in news][-5:] == [
        ("statements", "envoy-talks-useful", "insert"),
        ("statements", "observers-count-incomplete", "insert"),
        ("figures", "war-2020-deaths", "update"),
        ("events", WAR, "retract"),
        ("figures", "villages-damaged", "retract"),
    ]
    assert ("actors", "jeyhun-bayramov", "update") in [
        (c["kind"], c["record_id"], c["op"]) for c in news
    ]
    mirror, _ = replay(client)
    assert mirror == listed(client)


def test_a_database_loaded_before_histories_gets_them_on_the_next_ingest(
    fresh_url: str, client_for: Callable[..., TestClient]
) -> None:
    load(fresh_url, *bundles.SEED)
    engine = make_engine(fresh_url)
    with engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM revision")
    engine.dispose()
    load(fresh_url, *bundles.SEED)
    client = client_for(fresh_url)
    mirror, _ = replay(client)
    assert mirror == listed(client)


# --- keys and authentication ------------------------------------------------------------


def write_requests(client: TestClient) -> list[tuple[str, str, Any]]:
    """Return (method, path, body) for every write operation of the API, on seed records."""
    ids = {"events": WAR, "figures": "war-2020-deaths", "statements": "michel-next-meeting"}
    requests = []
    for path, item in client.get("/openapi.json").json()["paths"].items():
        for method in item:
            if method != "get":
                kind = path.split("/")[2]
                body = report() if kind == "bundles" else {"reason": "r"}
                requests.append((method, path.replace("{id}", ids.get(kind, "")), body))
    return requests


def test_keys_are_stored_as_hashes_and_revocable(curation: Curation) -> None:
    listed_keys = keys(curation.url, curation.monkeypatch, "list").split("\t")
    assert listed_keys[:3] == ["alice", "write", curation.token[:12] + "…"]
    assert listed_keys[4] == "-"
    engine = make_engine(curation.url)
    with Session(engine) as session:
        (key,) = session.exec(select(ApiKey)).all()
        assert key.hash == hashlib.sha256(curation.token.encode()).hexdigest()
        assert curation.token not in str(curation.dump())
    engine.dispose()
    result = CliRunner().invoke(cli, ["keys", "create", "--name", "alice"])
    assert result.exit_code == 1
    assert result.stderr == (
        "Cannot create the key: a key named 'alice' exists or existed; names are never reused.\n"
    )
    result = CliRunner().invoke(cli, ["keys", "create", "--name", "cli:bob"])
    assert result.exit_code == 1
    assert result.stderr == (
        "Cannot create the key: a key name is lowercase letters, digits and hyphens, "
        "not 'cli:bob'.\n"
    )
    assert keys(curation.url, curation.monkeypatch, "revoke", "alice") == "revoked alice"
    result = CliRunner().invoke(cli, ["keys", "revoke", "alice"])
    assert result.stderr == "Cannot revoke the key: the key 'alice' is already revoked.\n"


def test_every_write_needs_a_live_write_key(curation: Curation) -> None:
    requests = write_requests(curation.client)
    assert len(requests) == 7
    read_only = keys(
        curation.url, curation.monkeypatch, "create", "--name", "reader", "--read-only"
    )
    revoked = keys(curation.url, curation.monkeypatch, "create", "--name", "bob")
    keys(curation.url, curation.monkeypatch, "revoke", "bob")
    unknown = "cfk_" + "A" * 43
    before = curation.dump()
    cases = [
        (None, 401, "This operation needs a curator key: `Authorization: Bearer …`.", "Bearer"),
        (
            "Basic YWxpY2U6c2VjcmV0",
            401,
            "This operation needs a curator key: `Authorization: Bearer …`.",
            "Bearer",
        ),
        (
            "Bearer not-a-key",
            401,
            "The bearer token is not a curator key.",
            'Bearer error="invalid_token"',
        ),
        (f"Bearer {unknown}", 401, "Unknown curator key.", 'Bearer error="invalid_token"'),
        (f"Bearer {revoked}", 401, "This curator key was revoked.", 'Bearer error="invalid_token"'),
        (
            f"Bearer {read_only}",
            403,
            "This key is read-only; writes need a write key.",
            'Bearer error="insufficient_scope"',
        ),
    ]
    for method, path, body in requests:
        for authorization, status, detail, challenge in cases:
            headers = {"Authorization": authorization} if authorization else {}
            response = curation.client.request(method, path, json=body, headers=headers)
            assert problem(response, status)["detail"] == detail, (method, path, authorization)
            assert response.headers["www-authenticate"] == challenge
            if authorization:
                assert response.headers["cache-control"] == "private, no-store"
    assert curation.dump() == before


def test_reads_stay_public_and_authenticated_answers_private(curation: Curation) -> None:
    assert curation.client.get(DEATHS).headers["cache-control"] == "public, no-cache"
    response = curation.client.get(DEATHS, headers=curation.auth)
    assert response.status_code == 200
    assert response.headers["cache-control"] == "private, no-store"


@pytest.mark.serial  # every writer within the time budget: not beside other tests
def test_concurrent_writers_all_succeed(curation: Curation) -> None:
    figures = [f["id"] for f in everything(curation.client, "/v1/figures")]
    statuses: list[int] = []

    def correct(figure: str) -> None:
        for n in range(3):
            response = curation.patch(f"/v1/figures/{figure}", {"scope": f"{n}", "reason": "r"})
            statuses.append(response.status_code)

    threads = [threading.Thread(target=correct, args=(figure,)) for figure in figures]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 3 * len(figures)
    seqs = [c["seq"] for c in replay_all(curation.client)]
    assert seqs == list(range(1, len(seqs) + 1))


def replay_all(client: TestClient) -> list[dict[str, Any]]:
    changes: list[dict[str, Any]] = []
    params: dict[str, Any] = {"limit": 100}
    while True:
        response = client.get("/v1/changes", params=params)
        changes += response.json()["data"]
        if "link" not in response.headers:
            return changes
        params["since"] = response.json()["next_cursor"]
