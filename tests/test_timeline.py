"""`/v1/timeline`: date order, precision kept, filters and counts, through HTTP."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.bundles import Bundle
from tests.conftest import load

TALKS = "tbilisi-foreign-ministers-talks-2022"


def timeline(client: TestClient, **params: Any) -> dict[str, Any]:
    response = client.get("/v1/timeline", params={"limit": 100, **params})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_events_in_date_order_with_their_precision(client: TestClient) -> None:
    body = timeline(client)
    assert [(event["id"], event["when"]) for event in body["data"]] == [
        ("nagorno-karabakh-war-2020", "2020-09/2020-11"),
        ("mutual-accusations-peace-deal-breaches", "2020-11/.."),
        ("russian-brokered-deal-2020", "2020-11"),
        ("eu-mediation-armenia-azerbaijan", "2022-02-24/.."),
        ("russia-ukraine-offensive-2022", "2022-02-24"),
        ("aliyev-pashinyan-brussels-meeting-2022-04", "2022-04"),
        ("aliyev-pashinyan-brussels-meeting-2022-05", "2022-05"),
        ("aliyev-pashinyan-next-meeting-2022", "2022-07/2022-08"),
        (TALKS, "2022-07-16"),
        ("russia-peacekeepers-deployment", None),  # undated: last
    ]
    assert body["next_cursor"] is None
    assert body["groups"] is None


def test_each_event_carries_its_figures_and_statements_with_citations(
    client: TestClient,
) -> None:
    (talks,) = timeline(client, actor="ararat-mirzoyan")["data"]
    assert talks["title"] == "Armenian and Azerbaijani foreign ministers hold talks in Tbilisi"
    assert [figure["id"] for figure in talks["figures"]] == [
        "missing-azerbaijanis",
        "time-since-war-at-tbilisi-talks",
    ]
    missing = talks["figures"][0]
    assert (missing["qualifier"], missing["value"], missing["upper_bound"]) == (
        "nearly",
        4000,
        4000,
    )
    assert missing["claimed_by_actor"]["name"] == "Jeyhun Bayramov"
    assert missing["citations"][0]["exact"] == "nearly 4,000 missing Azerbaijanis"
    assert len(talks["statements"]) == 6
    withdrawal = next(s for s in talks["statements"] if s["id"] == "bayramov-withdrawal-demand")
    assert withdrawal["speaker_actor"]["name"] == "Jeyhun Bayramov"
    assert withdrawal["reported_by_actor"]["name"] == "Azerbaijani Foreign Ministry"
    assert [c["exact"] for c in withdrawal["citations"]] == [
        "the withdrawal of the Armenian armed forces from the territory of Azerbaijan",
        "The Azerbaijani Foreign Ministry, for its part, said Bayramov demanded",
    ]


def test_a_month_precision_event_shows_as_the_month(client: TestClient) -> None:
    (april,) = timeline(client, place="brussels", to="2022-04-30")["data"]
    assert april["id"] == "aliyev-pashinyan-brussels-meeting-2022-04"
    assert (april["when"], april["start_date"], april["date_precision"]) == (
        "2022-04",
        "2022-04-01",
        "month",
    )


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "ceasefire_agreement"}, ["russian-brokered-deal-2020"]),
        ({"status": "scheduled"}, ["aliyev-pashinyan-next-meeting-2022"]),
        ({"country": "GE"}, [TALKS]),
        (
            {"from": "2022-05-15", "to": "2022-07-01"},
            [
                "mutual-accusations-peace-deal-breaches",
                "eu-mediation-armenia-azerbaijan",
                "aliyev-pashinyan-brussels-meeting-2022-05",
                "aliyev-pashinyan-next-meeting-2022",
            ],
        ),
        (
            {"sort": "-start_date", "place": "brussels"},
            [
                "aliyev-pashinyan-brussels-meeting-2022-05",
                "aliyev-pashinyan-brussels-meeting-2022-04",
            ],
        ),
    ],
)
def test_filters_are_those_of_events(
    client: TestClient, params: dict[str, Any], expected: list[str]
) -> None:
    assert [event["id"] for event in timeline(client, **params)["data"]] == expected


def test_counts_per_month_cover_every_page(client: TestClient) -> None:
    body = timeline(client, group_by="month", limit=2)
    assert len(body["data"]) == 2
    assert body["groups"] == [
        {"period": "2020-09", "count": 1},
        {"period": "2020-11", "count": 2},
        {"period": "2022-02", "count": 2},
        {"period": "2022-04", "count": 1},
        {"period": "2022-05", "count": 1},
        {"period": "2022-07", "count": 2},
        {"period": None, "count": 1},
    ]
    following = timeline(client, group_by="month", limit=2, cursor=body["next_cursor"])
    assert following["groups"] == body["groups"]
    assert [event["id"] for event in following["data"]] == [
        "russian-brokered-deal-2020",
        "eu-mediation-armenia-azerbaijan",
    ]


def test_counts_per_year_follow_the_filters_and_the_sort(client: TestClient) -> None:
    body = timeline(client, group_by="year", sort="-start_date", type="diplomatic_meeting")
    assert body["groups"] == [{"period": "2022", "count": 4}]
    everything = timeline(client, group_by="year", sort="-start_date")
    assert everything["groups"] == [
        {"period": "2022", "count": 6},
        {"period": "2020", "count": 3},
        {"period": None, "count": 1},
    ]


def test_a_year_precision_event_counts_under_its_year(client_for: Any, fresh_url: str) -> None:
    source = {
        "id": "annual-report",
        "title": "Annual report",
        "publisher": "An observatory",
        "kind": "report",
        "text": "In 2021 there were clashes. In March 2021 there was a meeting.",
    }
    events = [
        {
            "id": "clashes-2021",
            "title": "Clashes in 2021",
            "summary": "Clashes in 2021.",
            "type": "armed_conflict",
            "start_date": "2021-01-01",
            "end_date": "2021-12-31",
            "date_precision": "year",
            "status": "occurred",
            "citations": [{"source_id": "annual-report", "quote": "In 2021 there were clashes"}],
        },
        {
            "id": "meeting-2021-03",
            "title": "Meeting in March 2021",
            "summary": "A meeting in March 2021.",
            "type": "diplomatic_meeting",
            "start_date": "2021-03-01",
            "end_date": "2021-03-31",
            "date_precision": "month",
            "status": "occurred",
            "citations": [
                {"source_id": "annual-report", "quote": "In March 2021 there was a meeting"}
            ],
        },
    ]
    load(fresh_url, Bundle.model_validate({"sources": [source], "events": events}))
    body = timeline(client_for(fresh_url), group_by="month")
    assert [event["when"] for event in body["data"]] == ["2021", "2021-03"]
    assert body["groups"] == [{"period": "2021", "count": 1}, {"period": "2021-03", "count": 1}]


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"group_by": "week"}, "group_by"),
        ({"sort": "id"}, "sort"),
        ({"colour": "red"}, "colour"),
        ({"format": "csv"}, "format"),
    ],
)
def test_bad_parameters_are_422(client: TestClient, params: dict[str, str], name: str) -> None:
    response = client.get("/v1/timeline", params=params)
    assert response.status_code == 422
    assert [error["name"] for error in response.json()["errors"]] == [name]


def test_the_timeline_is_json_only(client: TestClient) -> None:
    response = client.get("/v1/timeline?format=csv")
    assert response.json()["errors"] == [
        {
            "location": "query",
            "name": "format",
            "detail": "The timeline is JSON only; /v1/events exports the events",
        }
    ]
    as_csv = client.get("/v1/timeline?limit=1", headers={"Accept": "text/csv"})
    assert as_csv.headers["content-type"] == "application/json"
    assert client.get("/v1/timeline?limit=1&format=json").json() == as_csv.json()
