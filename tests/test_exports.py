"""Exports through HTTP: CSV, GeoJSON, JSON-LD, content negotiation, and the NDJSON dump."""

import csv
import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from geojson_pydantic import FeatureCollection
from pyld import jsonld
from starlette.applications import Starlette
from starlette.routing import Mount

from app import create_app
from app.bundles import Bundle
from app.exports import MAX_EXPORT
from app.settings import Settings
from tests import synthetic
from tests.conftest import load, migrated
from tests.test_problems import problem

LISTS = ["/v1/events", "/v1/figures", "/v1/statements", "/v1/sources", "/v1/actors", "/v1/places"]
SCHEMA = "https://schema.org/"


def every(client: TestClient, path: str, **params: Any) -> list[dict[str, Any]]:
    """Return every record of a JSON list, following the cursors."""
    records: list[dict[str, Any]] = []
    params = {"limit": 100, **params}
    while True:
        page = client.get(path, params=params).json()
        records += page["data"]
        if page["next_cursor"] is None:
            return records
        params["cursor"] = page["next_cursor"]


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def as_cell(value: Any) -> str:
    """What docs/exports.md promises a JSON value becomes in a CSV cell, before defusing."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(value)
    return value if isinstance(value, str) else json.dumps(value)


def undefuse(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = migrated(tmp_path_factory.mktemp("many") / "many.db")
    load(url, synthetic.bundle(160))
    return url


# CSV


def test_csv_is_rfc_4180_in_utf_8(client: TestClient) -> None:
    response = client.get("/v1/figures", params={"format": "csv", "claimed_by": "jeyhun-bayramov"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == 'attachment; filename="figures.csv"'
    assert response.content == (
        b"id,metric,value,unit,qualifier,lower_bound,upper_bound,scope,event_id,claimed_by,"
        b"citation_count,citations\r\n"
        b"missing-azerbaijanis,missing_persons,4000,people,nearly,,4000,missing Azerbaijanis,"
        b"tbilisi-foreign-ministers-talks-2022,jeyhun-bayramov,1,"
        b"presstv-armenia-azerbaijan-talks@1390-1423\r\n"
    )


@pytest.mark.parametrize("path", LISTS)
def test_csv_round_trips_to_the_json_values(client: TestClient, path: str) -> None:
    records = every(client, path)
    response = client.get(path, params={"format": "csv"})
    assert not response.content.startswith(b"\xef\xbb\xbf")  # no BOM
    table = rows(response.text)
    assert [row["id"] for row in table] == [record["id"] for record in records]
    for record, row in zip(records, table, strict=True):
        shared = [name for name in row if name in record and not isinstance(record[name], dict)]
        assert len(shared) >= 5
        for name in shared:
            if name in ("actors", "citations"):
                continue  # lists of objects: flattened, checked below
            assert undefuse(row[name]) == as_cell(record[name]), (record["id"], name)
        if "citations" in record:
            assert row["citation_count"] == str(len(record["citations"]))
            spans = [f"{c['source_id']}@{c['start']}-{c['end']}" for c in record["citations"]]
            assert row["citations"] == ";".join(spans)


def test_csv_flattens_an_events_place_and_actors(client: TestClient) -> None:
    response = client.get("/v1/events", params={"format": "csv", "place": "tbilisi"})
    (event,) = client.get("/v1/events", params={"place": "tbilisi"}).json()["data"]
    (row,) = rows(response.text)
    place = event["place"]
    assert (row["place_id"], row["place_name"]) == (place["id"], place["name"])
    assert (row["latitude"], row["longitude"]) == (str(place["latitude"]), str(place["longitude"]))
    assert row["actors"] == ";".join(a["actor"]["id"] for a in event["actors"])
    assert row["roles"] == ";".join(a["role"] for a in event["actors"])


EVIL = '=HYPERLINK("http://evil")'
TEXT = "Something happened at the crossing. Officials counted the losses."


def evil_bundle() -> Bundle:
    cite = [{"source_id": "evil-source", "quote": "Something happened at the crossing"}]
    return Bundle.model_validate(
        {
            "sources": [
                {
                    "id": "evil-source",
                    "title": EVIL,
                    "publisher": "+Publisher",
                    "kind": "report",
                    "text": TEXT,
                }
            ],
            "actors": [
                {"id": "quoted", "name": "'Quoted", "kind": "person", "aliases": ["@handle"]}
            ],
            "places": [
                {
                    "id": "west",
                    "name": "\tWest",
                    "kind": "site",
                    "latitude": -12.5,
                    "longitude": -77.25,
                }
            ],
            "events": [
                {
                    "id": "evil-event",
                    "title": EVIL,
                    "summary": "-1 is what the summary starts with.",
                    "type": "attack",
                    "status": "occurred",
                    "start_date": "2022-01-01",
                    "end_date": "2022-01-01",
                    "date_precision": "day",
                    "place_id": "west",
                    "citations": cite,
                }
            ],
            "figures": [
                {
                    "id": "change",
                    "metric": "change",
                    "value": -3,
                    "unit": "people",
                    "qualifier": "exact",
                    "citations": [{"source_id": "evil-source", "quote": "counted the losses"}],
                }
            ],
        }
    )


def test_csv_defuses_formulas_but_not_numbers(
    fresh_url: str, client_for: Callable[..., TestClient]
) -> None:
    load(fresh_url, evil_bundle())
    client = client_for(fresh_url)
    (event,) = rows(client.get("/v1/events?format=csv").text)
    assert event["title"] == "'" + EVIL
    assert event["summary"] == "'-1 is what the summary starts with."
    assert event["place_name"] == "'\tWest"
    assert (event["latitude"], event["longitude"]) == ("-12.5", "-77.25")
    assert event["start_date"] == "2022-01-01"
    (source,) = rows(client.get("/v1/sources?format=csv").text)
    assert (source["title"], source["publisher"]) == ("'" + EVIL, "'+Publisher")
    (actor,) = rows(client.get("/v1/actors?format=csv").text)
    assert (actor["name"], actor["aliases"]) == ("''Quoted", "'@handle")
    (figure,) = rows(client.get("/v1/figures?format=csv").text)
    assert (figure["value"], figure["lower_bound"]) == ("-3", "-3")
    # Stripping the one leading ' gives the JSON value back.
    assert undefuse(actor["name"]) == client.get("/v1/actors/quoted").json()["name"]


# Whole lists, in chunks


@pytest.mark.parametrize("fmt", ["csv", "geojson", "jsonld"])
@pytest.mark.parametrize("sort", ["start_date", "-end_date", "id"])
def test_an_export_without_limit_sends_every_record_in_order(
    many: str, client_for: Callable[..., TestClient], fmt: str, sort: str
) -> None:
    client = client_for(many)
    expected = [record["id"] for record in every(client, "/v1/events", sort=sort)]
    assert len(expected) == 160
    response = client.get("/v1/events", params={"format": fmt, "sort": sort})
    assert "link" not in response.headers
    if fmt == "csv":
        ids = [row["id"] for row in rows(response.text)]
    elif fmt == "geojson":
        ids = [feature["id"] for feature in response.json()["features"]]
    else:
        ids = [node["identifier"] for node in response.json()["@graph"]]
    assert ids == expected


def test_an_export_with_limit_is_one_page_with_a_next_link(
    many: str, client_for: Callable[..., TestClient]
) -> None:
    client = client_for(many)
    expected = [record["id"] for record in every(client, "/v1/figures", sort="-value")]
    first = client.get("/v1/figures", params={"format": "csv", "sort": "-value", "limit": 70})
    link = first.headers["link"]
    assert link.startswith("<http://testserver/v1/figures?format=csv&sort=-value&limit=70&cursor=")
    assert link.endswith('>; rel="next"')
    # The cursor without a limit sends the rest.
    cursor = link.split("cursor=")[1].split(">")[0]
    rest = client.get("/v1/figures", params={"format": "csv", "sort": "-value", "cursor": cursor})
    ids = [row["id"] for row in rows(first.text) + rows(rest.text)]
    assert ids == expected


@pytest.mark.parametrize("path", ["/v1/events?format=csv", "/v1/dump"])
def test_bulk_files_carry_a_strong_etag_of_the_data_version_and_take_ranges(
    fresh_url: str, client_for: Callable[..., TestClient], path: str
) -> None:
    client = client_for(fresh_url)
    load(fresh_url, synthetic.bundle(3))
    first = client.get(path)
    assert first.status_code == 200
    assert first.headers["content-length"] == str(len(first.content))
    assert first.headers["accept-ranges"] == "bytes"
    assert first.headers["cache-control"] == "public, no-cache"
    assert first.headers["content-disposition"].startswith("attachment; filename=")
    tag = first.headers["etag"]
    assert tag.startswith('"')
    again = client.get(path, headers={"If-None-Match": tag})
    assert again.status_code == 304
    assert again.content == b""
    assert client.get(path).headers["etag"] == tag, "no write, same tag"
    # A download resumes where it stopped, while the file is the same.
    rest = client.get(path, headers={"Range": "bytes=10-", "If-Range": tag})
    assert rest.status_code == 206
    assert rest.content == first.content[10:]
    assert (
        rest.headers["content-range"] == f"bytes 10-{len(first.content) - 1}/{len(first.content)}"
    )
    beyond = client.get(path, headers={"Range": f"bytes={len(first.content)}-"})
    assert beyond.status_code == 416
    size = len(first.content)
    assert problem(beyond)["detail"] == f"The range is beyond the file's {size} bytes."
    assert beyond.headers["content-range"] == f"bytes */{len(first.content)}"
    assert problem(client.get(path, headers={"Range": "lines=1-2"}))["status"] == 400
    retitled = synthetic.bundle(3)
    retitled.events[0].title = "Retitled"
    load(fresh_url, retitled)
    changed = client.get(path, headers={"If-None-Match": tag})
    assert changed.status_code == 200
    assert changed.headers["etag"] != tag
    assert b"Retitled" in changed.content
    # The old tag no longer names the file: the whole new file, not a piece of it.
    stale = client.get(path, headers={"Range": "bytes=10-", "If-Range": tag})
    assert (stale.status_code, stale.content) == (200, changed.content)


@pytest.mark.parametrize(
    "path", ["/v1/events?format=csv&sort=id", "/v1/places?format=jsonld&limit=1"]
)
def test_exports_made_per_request_carry_a_weak_etag_of_the_data_version(
    fresh_url: str, client_for: Callable[..., TestClient], path: str
) -> None:
    client = client_for(fresh_url)
    load(fresh_url, synthetic.bundle(3))
    first = client.get(path)
    assert first.status_code == 200
    assert first.headers["content-length"] == str(len(first.content)), "made whole, then sent"
    tag = first.headers["etag"]
    assert tag.startswith('W/"')
    assert client.get(path, headers={"If-None-Match": tag}).status_code == 304
    assert client.get(path + "&x").headers.get("etag") != tag
    retitled = synthetic.bundle(3)
    retitled.events[0].title = "Retitled"
    load(fresh_url, retitled)
    assert client.get(path, headers={"If-None-Match": tag}).status_code == 200


def test_an_export_made_per_request_holds_at_most_max_export_records(
    client_for: Callable[..., TestClient], fresh_url: str
) -> None:
    load(fresh_url, synthetic.bundle(MAX_EXPORT + 20))
    client = client_for(fresh_url)
    first = client.get("/v1/events", params={"format": "csv", "sort": "id"})
    assert len(rows(first.text)) == MAX_EXPORT
    cursor = first.headers["link"].split("cursor=")[1].split(">")[0]
    rest = client.get("/v1/events", params={"format": "csv", "sort": "id", "cursor": cursor})
    assert "link" not in rest.headers
    ids = [row["id"] for row in rows(first.text) + rows(rest.text)]
    assert ids == sorted(f"event-{i:03}" for i in range(MAX_EXPORT + 20))
    # The whole list is the file: every record at once.
    assert len(rows(client.get("/v1/events?format=csv").text)) == MAX_EXPORT + 20


# Negotiation


@pytest.mark.parametrize(
    ("path", "query", "accept", "media_type"),
    [
        ("/v1/events", "", None, "application/json"),
        ("/v1/events", "", "*/*", "application/json"),
        ("/v1/events", "", "application/json", "application/json"),
        ("/v1/events", "", "text/html,application/xhtml+xml,*/*;q=0.8", "application/json"),
        ("/v1/events", "", "text/csv", "text/csv; charset=utf-8"),
        ("/v1/events", "", "TEXT/CSV", "text/csv; charset=utf-8"),
        ("/v1/events", "", "text/*", "text/csv; charset=utf-8"),
        ("/v1/events", "", "application/geo+json", "application/geo+json"),
        ("/v1/places", "", "application/geo+json", "application/geo+json"),
        ("/v1/actors", "", "application/ld+json", "application/ld+json"),
        ("/v1/events", "", "text/csv;q=0.5, application/ld+json", "application/ld+json"),
        ("/v1/events", "?format=json", "text/csv", "application/json"),
        ("/v1/events", "?format=geojson", "text/html", "application/geo+json"),
        ("/v1/sources", "?format=csv", None, "text/csv; charset=utf-8"),
    ],
)
def test_the_format_is_negotiated(
    client: TestClient, path: str, query: str, accept: str | None, media_type: str
) -> None:
    headers = {"Accept": accept} if accept else {}
    response = client.get(path + query, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"] == media_type
    assert "Accept" in response.headers["vary"].split(", ")


@pytest.mark.parametrize(
    ("path", "accept", "detail"),
    [
        (
            "/v1/events",
            "text/html",
            "This list is available as application/json, text/csv, application/geo+json,"
            " application/ld+json.",
        ),
        (
            "/v1/figures",
            "application/geo+json",
            "GeoJSON is available for events and places only. This list is available as"
            " application/json, text/csv, application/ld+json.",
        ),
        (
            "/v1/actors",
            "not a media type",
            "This list is available as application/json, text/csv, application/ld+json.",
        ),
    ],
)
def test_an_accept_we_cannot_serve_is_a_406(
    client: TestClient, path: str, accept: str, detail: str
) -> None:
    response = client.get(path, headers={"Accept": accept})
    assert response.status_code == 406
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == {
        "type": "about:blank",
        "title": "Not Acceptable",
        "status": 406,
        "detail": detail,
        "instance": path,
    }


def test_geojson_of_figures_is_a_422(client: TestClient) -> None:
    response = client.get("/v1/statements?format=geojson")
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "location": "query",
            "name": "format",
            "detail": "geojson is available for events and places only; here: json, csv, jsonld",
        }
    ]


def test_errors_stay_problem_json_whatever_was_asked(client: TestClient) -> None:
    response = client.get("/v1/events?format=csv&limit=0", headers={"Accept": "text/csv"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    response = client.get("/v1/events?format=xml")
    assert response.status_code == 422
    assert response.json()["errors"][0]["name"] == "format"


# GeoJSON


@pytest.mark.parametrize("path", ["/v1/events", "/v1/places"])
def test_geojson_is_a_valid_feature_collection(client: TestClient, path: str) -> None:
    records = every(client, path)
    response = client.get(path, params={"format": "geojson"})
    assert response.headers["content-type"] == "application/geo+json"
    collection = FeatureCollection.model_validate_json(response.content)
    assert len(collection.features) == len(records)
    body = response.json()
    for record, feature in zip(records, body["features"], strict=True):
        assert feature["id"] == record["id"]
        assert feature["properties"] == record
        place = record.get("place", record)
        if place is None:
            assert feature["geometry"] is None  # an event with no place
        else:
            coordinates = [place["longitude"], place["latitude"]]
            assert feature["geometry"] == {"type": "Point", "coordinates": coordinates}
    assert any(feature["geometry"] is None for feature in body["features"]) == (
        path == "/v1/events"
    )


# JSON-LD


def no_network(url: str, options: Any) -> Any:
    raise AssertionError(f"JSON-LD processing tried to load {url}")


def expand(document: Any) -> list[dict[str, Any]]:
    expanded: list[dict[str, Any]] = jsonld.expand(document, {"documentLoader": no_network})
    return expanded


def by_id(expanded: list[dict[str, Any]], id: str) -> dict[str, Any]:
    (node,) = [node for node in expanded if node["@id"] == id]
    return node


@pytest.mark.parametrize("path", LISTS)
def test_jsonld_expands_offline_to_schema_org(client: TestClient, path: str) -> None:
    response = client.get(path, params={"format": "jsonld"})
    assert response.headers["content-type"] == "application/ld+json"
    expanded = expand(response.json())
    assert len(expanded) == len(every(client, path))
    for node in expanded:
        assert node["@id"].startswith(f"http://testserver{path}/")
        assert all(key.startswith(("@", SCHEMA)) for key in node), node


def test_jsonld_event(client: TestClient) -> None:
    document = client.get("/v1/events?format=jsonld&place=tbilisi").json()
    node = by_id(
        expand(document), "http://testserver/v1/events/tbilisi-foreign-ministers-talks-2022"
    )
    assert node["@type"] == [SCHEMA + "Event"]
    event = client.get("/v1/events/tbilisi-foreign-ministers-talks-2022").json()
    assert node[SCHEMA + "name"] == [{"@value": event["title"]}]
    assert node[SCHEMA + "description"] == [{"@value": event["summary"]}]
    assert node[SCHEMA + "startDate"] == [{"@value": "2022-07-16"}]
    (place,) = node[SCHEMA + "location"]
    assert place["@id"] == "http://testserver/v1/places/tbilisi"
    assert place["@type"] == [SCHEMA + "Place"]
    (geo,) = place[SCHEMA + "geo"]
    assert geo[SCHEMA + "latitude"] == [{"@value": 41.7151}]
    roles = node[SCHEMA + "about"]
    assert {role["@type"][0] for role in roles} == {SCHEMA + "Role"}
    people = [role[SCHEMA + "about"][0] for role in roles]
    assert "http://testserver/v1/actors/jeyhun-bayramov" in {person["@id"] for person in people}
    assert node[SCHEMA + "citation"] == [
        {"@id": "http://testserver/v1/sources/presstv-armenia-azerbaijan-talks"}
    ]


def test_jsonld_month_precision_is_kept(client: TestClient) -> None:
    document = client.get("/v1/events?format=jsonld&from=2022-04-15&to=2022-04-15").json()
    node = by_id(
        expand(document), "http://testserver/v1/events/aliyev-pashinyan-brussels-meeting-2022-04"
    )
    assert node[SCHEMA + "startDate"] == [{"@value": "2022-04"}]


def test_jsonld_figure_is_a_claim_by_its_claimant(client: TestClient) -> None:
    document = client.get("/v1/figures?format=jsonld&claimed_by=jeyhun-bayramov").json()
    (node,) = expand(document)
    assert node["@type"] == [SCHEMA + "Claim"]
    assert node[SCHEMA + "text"] == [{"@value": "nearly 4000 people"}]
    assert node[SCHEMA + "author"] == [{"@id": "http://testserver/v1/actors/jeyhun-bayramov"}]
    assert node[SCHEMA + "citation"] == [
        {"@id": "http://testserver/v1/sources/presstv-armenia-azerbaijan-talks"}
    ]


def test_jsonld_statements_are_quotations_or_claims(client: TestClient) -> None:
    expanded = expand(client.get("/v1/statements?format=jsonld").json())
    for statement in every(client, "/v1/statements"):
        node = by_id(expanded, f"http://testserver/v1/statements/{statement['id']}")
        kind = "Quotation" if statement["kind"] == "direct_quote" else "Claim"
        assert node["@type"] == [SCHEMA + kind]
        assert node[SCHEMA + "text"] == [{"@value": statement["text"]}]
        speaker = f"http://testserver/v1/actors/{statement['speaker']}"
        assert node[SCHEMA + "creator"] == [{"@id": speaker}]


def test_jsonld_ids_follow_a_mount_prefix(seeded_url: str) -> None:
    parent = Starlette(routes=[Mount("/api", app=create_app(Settings(database_url=seeded_url)))])
    with TestClient(parent) as client:
        document = client.get("/api/v1/places?format=jsonld&limit=1").json()
    (node,) = expand(document)
    assert node["@id"] == "http://testserver/api/v1/places/brussels"


# Dump


def test_dump_holds_every_record_once_as_its_detail_view(client: TestClient) -> None:
    response = client.get("/v1/dump")
    assert response.headers["content-type"] == "application/x-ndjson"
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert response.text.endswith("\n")
    kinds = ["actor", "place", "source", "source_text", "event", "figure", "statement"]
    assert list(dict.fromkeys(line["type"] for line in lines)) == kinds
    plural = {"actor": "actors", "place": "places", "source": "sources", "event": "events"}
    plural |= {"figure": "figures", "statement": "statements"}
    seen: dict[str, list[str]] = {kind: [] for kind in kinds}
    for line in lines:
        data = line["data"]
        if line["type"] == "source_text":
            seen["source_text"].append(data["source_id"])
            text = client.get(f"/v1/sources/{data['source_id']}/text").text
            assert data == {"source_id": data["source_id"], "text": text}
        else:
            seen[line["type"]].append(data["id"])
            path = f"/v1/{plural[line['type']]}/{data['id']}"
            assert data == client.get(path).json(), path
    for kind, path in plural.items():
        ids = sorted(record["id"] for record in every(client, f"/v1/{path}"))
        assert seen[kind] == ids, kind
    texts = [s["id"] for s in every(client, "/v1/sources", sort="id") if s["has_text"]]
    assert seen["source_text"] == texts


def test_dump_streams_many_records_in_chunks(
    many: str, client_for: Callable[..., TestClient]
) -> None:
    lines = client_for(many).get("/v1/dump").text.splitlines()
    events = [json.loads(line)["data"]["id"] for line in lines if '"type":"event"' in line]
    assert events == [f"event-{i:03}" for i in range(160)]
