"""The read API over the seed: every endpoint, filter, sort and detail view, through HTTP."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from app import migrations

TALKS = "tbilisi-foreign-ministers-talks-2022"


def ids(client: TestClient, path: str, **params: Any) -> list[str]:
    response = client.get(path, params={"limit": 100, **params})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["next_cursor"] is None
    return [record["id"] for record in body["data"]]


# --- events -----------------------------------------------------------------------------


def test_events_default_to_date_order_with_undated_last(client: TestClient) -> None:
    assert ids(client, "/v1/events") == [
        "nagorno-karabakh-war-2020",
        "mutual-accusations-peace-deal-breaches",
        "russian-brokered-deal-2020",
        "eu-mediation-armenia-azerbaijan",
        "russia-ukraine-offensive-2022",
        "aliyev-pashinyan-brussels-meeting-2022-04",
        "aliyev-pashinyan-brussels-meeting-2022-05",
        "aliyev-pashinyan-next-meeting-2022",
        TALKS,
        "russia-peacekeepers-deployment",
    ]
    newest_first = ids(client, "/v1/events", sort="-start_date")
    assert newest_first[:2] == [TALKS, "aliyev-pashinyan-next-meeting-2022"]
    assert newest_first[-1] == "russia-peacekeepers-deployment"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "ceasefire_agreement"}, ["russian-brokered-deal-2020"]),
        (
            {"type": ["mediation", "military_operation"]},
            ["eu-mediation-armenia-azerbaijan", "russia-ukraine-offensive-2022"],
        ),
        ({"status": "scheduled"}, ["aliyev-pashinyan-next-meeting-2022"]),
        ({"actor": "charles-michel"}, []),
        ({"actor": "european-union"}, ["eu-mediation-armenia-azerbaijan"]),
        ({"actor": "ararat-mirzoyan"}, [TALKS]),
        (
            {"place": "brussels"},
            [
                "aliyev-pashinyan-brussels-meeting-2022-04",
                "aliyev-pashinyan-brussels-meeting-2022-05",
            ],
        ),
        ({"country": "ge"}, [TALKS]),
        ({"country": "UA"}, ["russia-ukraine-offensive-2022"]),
        # Month precision: an event "in April 2022" overlaps the 15th.
        (
            {"from": "2022-04-15", "to": "2022-04-15"},
            [
                "mutual-accusations-peace-deal-breaches",
                "eu-mediation-armenia-azerbaijan",
                "aliyev-pashinyan-brussels-meeting-2022-04",
            ],
        ),
        (
            {"from": "2022-07-17", "type": "diplomatic_meeting"},
            ["aliyev-pashinyan-next-meeting-2022"],
        ),
        ({"to": "2020-10-31"}, ["nagorno-karabakh-war-2020"]),
    ],
)
def test_event_filters(client: TestClient, params: dict[str, Any], expected: list[str]) -> None:
    assert ids(client, "/v1/events", **params) == expected


def test_event_detail_embeds_what_a_client_needs(client: TestClient) -> None:
    event = client.get(f"/v1/events/{TALKS}").json()
    assert event["place"] == {
        "id": "tbilisi",
        "name": "Tbilisi",
        "kind": "city",
        "country": "GE",
        "latitude": 41.7151,
        "longitude": 44.8271,
    }
    assert event["actors"][0] == {
        "role": "participant",
        "actor": {
            "id": "ararat-mirzoyan",
            "name": "Ararat Mirzoyan",
            "kind": "person",
            "title": "Foreign Minister of Armenia",
            "country": "AM",
            "aliases": ["Mirzoyan"],
        },
    }
    assert [f["id"] for f in event["figures"]] == [
        "missing-azerbaijanis",
        "time-since-war-at-tbilisi-talks",
    ]
    assert len(event["statements"]) == 6
    assert all(s["citations"] for s in event["statements"])
    assert event["citations"][0]["via"] == ["afp-tbilisi-talks-report"]


def test_event_parts_name_their_parent(client: TestClient) -> None:
    deal = client.get("/v1/events/russian-brokered-deal-2020").json()
    assert deal["parent_id"] == "nagorno-karabakh-war-2020"
    assert deal["parts"] == []
    assert [a["role"] for a in deal["actors"]] == ["broker", "participant", "participant"]
    war = client.get("/v1/events/nagorno-karabakh-war-2020").json()
    assert war["parts"] == [
        {
            "id": "russian-brokered-deal-2020",
            "title": "Russian-brokered deal ends the 2020 Nagorno-Karabakh war",
            "type": "ceasefire_agreement",
            "start_date": "2020-11-01",
            "date_precision": "month",
        }
    ]


# --- figures ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"metric": "deaths"}, ["war-2020-deaths"]),
        ({"metric": ["deaths", "missing_persons"]}, ["missing-azerbaijanis", "war-2020-deaths"]),
        ({"qualifier": "nearly"}, ["missing-azerbaijanis", "time-since-war-at-tbilisi-talks"]),
        (
            {"event": "russia-peacekeepers-deployment"},
            ["peacekeepers-initial-period", "russian-peacekeepers-deployed"],
        ),
        ({"claimed_by": "jeyhun-bayramov"}, ["missing-azerbaijanis"]),
        (
            {"min_value": 1960, "max_value": 4000},
            ["missing-azerbaijanis", "russian-peacekeepers-deployed"],
        ),
        ({"min_value": 5000}, ["war-2020-deaths"]),
        (
            {"max_value": 5, "sort": "-value"},
            ["peacekeepers-initial-period", "time-since-war-at-tbilisi-talks"],
        ),
    ],
)
def test_figure_filters(client: TestClient, params: dict[str, Any], expected: list[str]) -> None:
    assert ids(client, "/v1/figures", **params) == expected


def test_figures_sort_by_value(client: TestClient) -> None:
    assert ids(client, "/v1/figures", sort="-value")[:3] == [
        "war-2020-deaths",
        "missing-azerbaijanis",
        "russian-peacekeepers-deployed",
    ]


def test_figure_range_must_not_be_reversed(client: TestClient) -> None:
    response = client.get("/v1/figures", params={"min_value": 10, "max_value": 1})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"location": "query", "name": "max_value", "detail": "`max_value` is below `min_value`"}
    ]


def test_figure_detail_names_its_claimant_and_event(client: TestClient) -> None:
    figure = client.get("/v1/figures/missing-azerbaijanis").json()
    assert {k: figure[k] for k in ("value", "qualifier", "lower_bound", "upper_bound")} == {
        "value": 4000,
        "qualifier": "nearly",
        "lower_bound": None,
        "upper_bound": 4000,
    }
    assert figure["claimed_by_actor"]["name"] == "Jeyhun Bayramov"
    assert figure["event"] == {
        "id": TALKS,
        "title": "Armenian and Azerbaijani foreign ministers hold talks in Tbilisi",
        "type": "diplomatic_meeting",
        "start_date": "2022-07-16",
        "date_precision": "day",
    }


# --- statements -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"speaker": "charles-michel"}, ["michel-next-meeting"]),
        (
            {"speaker": "ararat-mirzoyan", "kind": "paraphrase"},
            ["mirzoyan-political-resolution", "mirzoyan-prisoners-of-war"],
        ),
        ({"speaker": "jeyhun-bayramov", "kind": "direct_quote"}, ["bayramov-withdrawal-demand"]),
        ({"event": "aliyev-pashinyan-next-meeting-2022"}, ["michel-next-meeting"]),
        (
            {"kind": "direct_quote"},
            [
                "bayramov-withdrawal-demand",
                "armenia-mfa-normalization-talks",
                "azerbaijan-mfa-continue-dialogue",
            ],
        ),
        ({"from": "2022-07-17"}, []),
        (
            {"to": "2022-07-16", "speaker": "jeyhun-bayramov"},
            ["bayramov-missing-persons", "bayramov-withdrawal-demand"],
        ),
    ],
)
def test_statement_filters(client: TestClient, params: dict[str, Any], expected: list[str]) -> None:
    assert ids(client, "/v1/statements", **params) == expected


def test_statement_detail_names_speaker_and_reporter(client: TestClient) -> None:
    statement = client.get("/v1/statements/bayramov-withdrawal-demand").json()
    assert statement["text"] == (
        "the withdrawal of the Armenian armed forces from the territory of Azerbaijan"
    )
    assert statement["kind"] == "direct_quote"
    assert statement["speaker_actor"]["id"] == "jeyhun-bayramov"
    assert statement["reported_by_actor"]["id"] == "azerbaijan-foreign-ministry"
    assert statement["event"]["id"] == TALKS


# --- sources, actors, places ------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {},
            [
                "afp-tbilisi-talks-report",
                "armenia-mfa-statement",
                "azerbaijan-mfa-statement",
                "georgia-mfa-handout-photo",
                "presstv-armenia-azerbaijan-talks",
            ],
        ),
        ({"kind": "official_statement"}, ["armenia-mfa-statement", "azerbaijan-mfa-statement"]),
        ({"publisher": "Press TV"}, ["presstv-armenia-azerbaijan-talks"]),
        # Only the photo is dated; undated sources come last either way, by id.
        (
            {"sort": "published_on"},
            [
                "georgia-mfa-handout-photo",
                "afp-tbilisi-talks-report",
                "armenia-mfa-statement",
                "azerbaijan-mfa-statement",
                "presstv-armenia-azerbaijan-talks",
            ],
        ),
        (
            {"sort": "-published_on"},
            [
                "georgia-mfa-handout-photo",
                "presstv-armenia-azerbaijan-talks",
                "azerbaijan-mfa-statement",
                "armenia-mfa-statement",
                "afp-tbilisi-talks-report",
            ],
        ),
    ],
)
def test_source_filters(client: TestClient, params: dict[str, Any], expected: list[str]) -> None:
    assert ids(client, "/v1/sources", **params) == expected


def test_actor_detail(client: TestClient) -> None:
    response = client.get("/v1/actors/azerbaijan")
    assert response.status_code == 200
    assert response.json() == {
        "id": "azerbaijan",
        "name": "Azerbaijan",
        "kind": "state",
        "title": None,
        "country": "AZ",
        "aliases": ["Baku", "Republic of Azerbaijan"],
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "government_body"}, ["armenia-foreign-ministry", "azerbaijan-foreign-ministry"]),
        ({"kind": "person", "country": "AM"}, ["ararat-mirzoyan", "nikol-pashinyan"]),
        (
            {"kind": "person", "sort": "-name"},
            [
                "nikol-pashinyan",
                "jeyhun-bayramov",
                "ilham-aliyev",
                "charles-michel",
                "ararat-mirzoyan",
            ],
        ),
        ({"kind": "state", "sort": "name"}, ["armenia", "azerbaijan", "russia", "ukraine"]),
        ({"kind": "state", "sort": "-id"}, ["ukraine", "russia", "azerbaijan", "armenia"]),
    ],
)
def test_actor_filters(client: TestClient, params: dict[str, Any], expected: list[str]) -> None:
    assert ids(client, "/v1/actors", **params) == expected


def test_place_detail_and_filters(client: TestClient) -> None:
    assert client.get("/v1/places/brussels").json() == {
        "id": "brussels",
        "name": "Brussels",
        "kind": "city",
        "country": "BE",
        "latitude": 50.8503,
        "longitude": 4.3517,
    }
    assert ids(client, "/v1/places", country="AZ") == ["nagorno-karabakh"]
    assert ids(client, "/v1/places", kind="city", sort="-name") == ["tbilisi", "brussels"]


def test_health(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {
        "status": "ok",
        "revision": migrations.head(),
        "in_flight": 0,
        "capacity": 32,
    }
