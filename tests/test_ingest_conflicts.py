"""Ingest never undoes a correction: over HTTP (409) and the command line (exit 1), with an
explicit override that the history records."""

from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

from app import bundles
from app.cli import cli
from tests.conftest import DEATHS, Curation, cite, problem, report

VILLAGES = "/v1/figures/villages-damaged"


def corrected(curation: Curation) -> None:
    """Ingest the report, then correct one of its figures as a curator would."""
    assert curation.post("/v1/bundles", report()).status_code == 201
    fix = {"value": 41, "reason": "The article's table says 41."}
    assert curation.patch(VILLAGES, fix).status_code == 200


def test_reingesting_after_a_patch_is_a_409_naming_the_field(curation: Curation) -> None:
    corrected(curation)
    before = curation.dump()
    for params in ("", "?dry_run=true"):
        body = problem(curation.post(f"/v1/bundles{params}", report()), 409)
        (conflict,) = body["conflicts"]
        assert {k: v for k, v in conflict.items() if k != "changed_at"} == {
            "name": "/figures/2/value",
            "record_id": "villages-damaged",
            "field": "value",
            "stored": 41,
            "bundle": 40,
            "changed_by": "alice",
            "changed_in": "correction",
            "reason": "The article's table says 41.",
        }
        history = curation.client.get(f"{VILLAGES}/history").json()["data"]
        assert conflict["changed_at"] == history[-1]["at"]
        assert "villages-damaged.value" in body["detail"]
        assert "override=true" in body["detail"]
        assert curation.dump() == before
    assert curation.client.get(VILLAGES).json()["value"] == 41


def test_a_bundle_that_agrees_with_the_correction_is_accepted(curation: Curation) -> None:
    corrected(curation)
    agreeing = report()
    agreeing["figures"][2]["value"] = 41
    assert curation.post("/v1/bundles", agreeing).json()["unchanged"] == 12
    # Another field of the corrected record, never corrected, is the bundle's to change.
    agreeing["figures"][2]["scope"] = "in the district"
    response = curation.post("/v1/bundles?dry_run=true", agreeing)
    assert response.status_code == 200
    assert response.json()["changes"] == {
        "figures/villages-damaged": {"scope": [None, "in the district"]}
    }
    assert curation.post("/v1/bundles", agreeing).status_code == 201


def test_an_override_applies_the_bundle_and_says_so(curation: Curation) -> None:
    corrected(curation)
    dry = curation.post("/v1/bundles?dry_run=true&override=true", report())
    assert dry.status_code == 200
    assert dry.json()["overridden"] == ["figures/villages-damaged"]
    assert curation.client.get(VILLAGES).json()["value"] == 41
    response = curation.post("/v1/bundles?override=true", report())
    assert response.status_code == 201
    summary = response.json()
    assert summary["updated"] == summary["overridden"] == ["figures/villages-damaged"]
    assert summary["changes"]["figures/villages-damaged"]["value"] == [41, 40]
    assert curation.client.get(VILLAGES).json()["value"] == 40
    history = curation.client.get(f"{VILLAGES}/history").json()["data"]
    correction_at = history[1]["at"]
    assert history[-1]["reason"] == (
        f"ingest of POST /v1/bundles; overrides value as alice set it at {correction_at[:19]}Z"
    )
    feed = curation.client.get("/v1/changes", params={"limit": 100}).json()["data"]
    assert feed[-1]["reason"] == history[-1]["reason"]
    # Once the bundle set it again, ingesting it changes nothing and conflicts with nothing.
    assert curation.post("/v1/bundles", report()).status_code == 200


def test_a_retraction_since_the_ingest_is_a_conflict(curation: Curation) -> None:
    assert curation.post(f"{DEATHS}/retract", {"reason": "Needs a better source."}).is_success
    seed = bundles.read_bundle(bundles.SEED[0]).model_dump(mode="json")
    seed["figures"][0]["scope"] = "changed"
    body = problem(curation.post("/v1/bundles", seed), 409)
    ((name, field, changed_in, reason),) = [
        (c["name"], c["field"], c["changed_in"], c["reason"]) for c in body["conflicts"]
    ]
    assert (name, field, changed_in, reason) == (
        "/figures/0/scope",
        "scope",
        "retraction",
        "Needs a better source.",
    )
    # An override does not bring a retracted fact back: it still cannot change.
    body = problem(curation.post("/v1/bundles?override=true", seed), 422)
    assert body["errors"][0]["record_id"] == "war-2020-deaths"


def write_yaml(path: Path, data: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_the_cli_refuses_to_undo_a_correction_unless_told(
    tmp_path: Path, curation: Curation
) -> None:
    path = tmp_path / "report.yaml"
    write_yaml(path, report())
    assert CliRunner().invoke(cli, ["ingest", str(path)]).exit_code == 0
    fix = {"value": 41, "reason": "The article's table says 41."}
    assert curation.patch(VILLAGES, fix).status_code == 200
    before = curation.dump()
    for args in ([], ["--dry-run"]):
        result = CliRunner().invoke(cli, ["ingest", *args, str(path)])
        assert result.exit_code == 1
        lines = result.stderr.splitlines()
        assert lines[0] == (
            f"1 conflict in {path}: it would undo corrections made since it was ingested"
        )
        assert lines[1].startswith(
            f"{path}: /figures/2/value (villages-damaged): value is 41, set by alice at "
        )
        assert lines[1].endswith("(correction: The article's table says 41.); the bundle says 40")
        assert "--override" in lines[2]
        assert curation.dump() == before
    result = CliRunner().invoke(cli, ["ingest", "--override", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{path}: 0 inserted, 1 updated, 11 unchanged\n"
    latest = curation.client.get(f"{VILLAGES}/history").json()["data"][-1]
    assert latest["by"].startswith("cli:")
    assert latest["reason"].startswith("ingest of report.yaml; overrides value as alice set it")
    assert latest["changes"]["value"] == [41, 40]


def test_a_correction_of_a_figure_cited_anew_is_a_conflict_too(curation: Curation) -> None:
    corrected(curation)
    changed = report()
    changed["figures"][2]["citations"] = cite("About 40 villages")
    body = problem(curation.post("/v1/bundles", changed), 409)
    assert [c["field"] for c in body["conflicts"]] == ["value"]
