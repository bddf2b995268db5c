"""Lookups for curators: `q` on actors and places, the vocabularies in use, and the warning
for a new value close to one in use."""

from collections import Counter

from fastapi.testclient import TestClient

from tests.conftest import Curation, problem, report


def ids(client: TestClient, path: str, q: str) -> list[str]:
    response = client.get(path, params={"q": q})
    assert response.status_code == 200, response.text
    return [record["id"] for record in response.json()["data"]]


def test_actors_are_found_by_name_and_alias_in_any_case(client: TestClient) -> None:
    assert ids(client, "/v1/actors", "MIRZOYAN") == ["ararat-mirzoyan"]
    assert ids(client, "/v1/actors", "azeri pres") == ["ilham-aliyev"]  # an alias
    assert ids(client, "/v1/actors", "no such name") == []
    assert ids(client, "/v1/actors", "100%_") == []  # wildcards are just characters
    assert ids(client, "/v1/places", "tbil") == ["tbilisi"]
    assert problem(client.get("/v1/actors", params={"q": ""}), 422)["errors"][0]["name"] == "q"


def test_accents_are_ignored_both_ways(curation: Curation) -> None:
    bundle = {
        "actors": [
            {"id": "ana-sapiro", "name": "Ana Šapiro", "kind": "person", "aliases": ["Ćosić"]}
        ],
        "places": [{"id": "susa", "name": "Şuşa", "kind": "city"}],
    }
    assert curation.post("/v1/bundles", bundle).status_code == 201
    client = curation.client
    assert ids(client, "/v1/actors", "sapiro") == ["ana-sapiro"]
    assert ids(client, "/v1/actors", "ŠAPIRO") == ["ana-sapiro"]
    assert ids(client, "/v1/actors", "cosic") == ["ana-sapiro"]
    assert ids(client, "/v1/places", "susa") == ["susa"]
    assert ids(client, "/v1/places", "Şuşa") == ["susa"]


def test_the_vocabularies_in_use_are_listed_with_counts(curation: Curation) -> None:
    before = curation.client.get("/v1/vocabularies").json()
    assert set(before) == {"event_types", "roles", "metrics", "units", "qualifiers"}
    assert curation.post("/v1/bundles", report()).status_code == 201
    after = curation.client.get("/v1/vocabularies").json()
    metrics = {term["value"]: term["count"] for term in after["metrics"]}
    assert metrics["villages_damaged"] == 1
    deaths = {term["value"]: term["count"] for term in before["metrics"]}["deaths"]
    assert metrics["deaths"] == deaths + 1
    units = {term["value"]: term["count"] for term in after["units"]}
    assert units["families"] == 1
    counts = [term["count"] for term in after["event_types"]]
    assert counts == sorted(counts, reverse=True)
    # A retracted figure no longer counts.
    retract = curation.post("/v1/figures/villages-damaged/retract", {"reason": "r"})
    assert retract.status_code == 200
    metrics = {t["value"] for t in curation.client.get("/v1/vocabularies").json()["metrics"]}
    assert "villages_damaged" not in metrics


def test_a_retracted_event_s_type_and_roles_no_longer_count(curation: Curation) -> None:
    def counts() -> dict[str, dict[str, int]]:
        found = curation.client.get("/v1/vocabularies").json()
        return {name: {t["value"]: t["count"] for t in terms} for name, terms in found.items()}

    event = curation.client.get("/v1/events/tbilisi-foreign-ministers-talks-2022").json()
    roles = Counter(actor["role"] for actor in event["actors"])
    before = counts()
    path = "/v1/events/tbilisi-foreign-ministers-talks-2022/retract"
    assert curation.post(path, {"reason": "r"}).status_code == 200
    after = counts()
    assert after["event_types"].get("diplomatic_meeting", 0) == (
        before["event_types"]["diplomatic_meeting"] - 1
    )
    assert roles
    for role, count in roles.items():
        assert after["roles"].get(role, 0) == before["roles"][role] - count
    assert after["metrics"] == before["metrics"]


def test_a_new_value_close_to_one_in_use_is_a_warning(curation: Curation) -> None:
    assert curation.post("/v1/bundles", report()).status_code == 201
    near = report()
    near["figures"][3]["id"] = "families-returned-again"
    near["figures"][3]["metric"] = "family_returned"
    near["figures"][2]["unit"] = "village"
    response = curation.post("/v1/bundles?dry_run=true", near)
    assert response.status_code == 200
    assert response.json()["warnings"] == [
        "/figures/2/unit (villages-damaged): 'village' is new; 'villages' is in use "
        "(1 record): did you mean it?",
        "/figures/3/metric (families-returned-again): 'family_returned' is new; "
        "'families_returned' is in use (1 record): did you mean it?",
    ]
    exact = curation.post("/v1/bundles?dry_run=true", report())
    assert exact.json()["warnings"] == []
