"""Messages a curator can act on: each bundle problem names the record, points at the field,
shows the offending values, and says what was probably meant."""

from pathlib import Path

from typer.testing import CliRunner

from app.cli import cli
from tests.conftest import Curation, cite, problem, report


def errors(curation: Curation, bundle: dict[str, object]) -> list[tuple[str, str, str | None]]:
    body = problem(curation.post("/v1/bundles?dry_run=true", bundle), 422)
    return [(e["name"], e["detail"], e.get("record_id")) for e in body["errors"]]


def test_dates_out_of_order_point_at_the_field_with_both_dates(curation: Curation) -> None:
    bad = report()
    bad["events"][1]["start_date"], bad["events"][1]["end_date"] = "2020-02-01", "2020-01-01"
    assert errors(curation, bad) == [
        (
            "/events/1/end_date",
            "end_date 2020-01-01 is before start_date 2020-02-01",
            "vienna-talks",
        )
    ]


def test_a_misspelled_field_gets_a_did_you_mean(curation: Curation) -> None:
    bad = report()
    bad["events"][0]["date_precison"] = "day"
    assert errors(curation, bad) == [
        (
            "/events/0/date_precison",
            "Extra inputs are not permitted (did you mean 'date_precision'?)",
            "geneva-talks",
        )
    ]


def test_an_unknown_id_gets_the_near_one(curation: Curation) -> None:
    bad = report()
    bad["statements"][0]["speaker"] = "synthetic-envoi"  # in the bundle: synthetic-envoy
    bad["figures"][0]["event_id"] = "nagorno-karabakh-war-2002"  # stored: …-2020
    assert errors(curation, bad) == [
        (
            "/figures/0/event_id",
            "unknown event 'nagorno-karabakh-war-2002'; did you mean 'nagorno-karabakh-war-2020'?",
            "war-2020-deaths-observers",
        ),
        (
            "/statements/0/speaker",
            "unknown actor 'synthetic-envoi'; did you mean 'synthetic-envoy'?",
            "envoy-keep-talking",
        ),
    ]


def test_a_misquote_shows_the_closest_passage(curation: Curation) -> None:
    bad = report()
    bad["figures"][1]["citations"] = cite("Some 300 prisoners were swapped")
    assert errors(curation, bad) == [
        (
            "/figures/1/citations/0/quote",
            "quote not found in the source text: 'Some 300 prisoners were swapped'; "
            "the closest passage is 'Some 300 prisoners were exchanged.'",
            "prisoners-exchanged",
        )
    ]


def test_no_validator_prefixes_reach_a_curator(curation: Curation) -> None:
    bad = report()
    bad["events"][0]["date_precision"] = None
    for _, detail, _ in errors(curation, bad):
        assert not detail.startswith(("Value error", "Assertion failed"))


def test_the_cli_says_the_same_with_file_and_line(tmp_path: Path, curation: Curation) -> None:
    path = tmp_path / "bundle.yaml"
    path.write_text(
        "events:\n  - id: talks\n    title: Talks\n    summary: S.\n    type: diplomatic_meeting\n"
        "    start_date: 2020-02-01\n    end_date: 2020-01-01\n    date_precison: day\n"
        "    status: occurred\n    citations: []\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["ingest", "--dry-run", str(path)])
    assert result.exit_code == 1
    assert (
        f"{path}:8: /events/0/date_precison (talks): Extra inputs are not permitted "
        "(did you mean 'date_precision'?)"
    ) in result.stderr.splitlines()
