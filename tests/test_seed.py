"""The seed: every fact from the article, each citation verifiable to the character."""

import hashlib
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app import bundles
from app.cli import cli
from app.db import make_engine
from tests.conftest import dump, load

ARTICLE = Path(__file__).resolve().parent.parent / "seed" / "000_085de9c4592446ff.txt"
PRESS_TV = "presstv-armenia-azerbaijan-talks"


def everything(client: TestClient, kind: str) -> list[dict[str, Any]]:
    """Return every record of a list endpoint, following `next_cursor` to the end."""
    records: list[dict[str, Any]] = []
    params: dict[str, Any] = {"limit": 100}
    while True:
        page = client.get(f"/v1/{kind}", params=params).json()
        records += page["data"]
        if page["next_cursor"] is None:
            return records
        params["cursor"] = page["next_cursor"]


def test_article_is_stored_byte_for_byte(client: TestClient) -> None:
    response = client.get(f"/v1/sources/{PRESS_TV}/text")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.content == ARTICLE.read_bytes()
    assert hashlib.sha256(response.content).hexdigest() == (
        "9df08624656d49ed5cabe099d87fb7b0a90837bd96e36e25f390697828a899cb"
    )
    source = client.get(f"/v1/sources/{PRESS_TV}").json()
    assert source["text_sha256"] == hashlib.sha256(response.content).hexdigest()
    assert source["text_length"] == len(response.content.decode())
    assert source["has_text"] is True


def test_every_citation_slices_its_source_exactly(client: TestClient) -> None:
    texts: dict[str, str] = {}
    checked = 0
    for kind in ("events", "figures", "statements"):
        for record in everything(client, kind):
            assert record["citations"], f"{kind}/{record['id']} has no evidence"
            for citation in record["citations"]:
                source_id = citation["source_id"]
                if source_id not in texts:
                    texts[source_id] = client.get(f"/v1/sources/{source_id}/text").text
                text = texts[source_id]
                start, end = citation["start"], citation["end"]
                assert text[start:end] == citation["exact"]
                assert text[:start].endswith(citation["prefix"])
                assert text[end:].startswith(citation["suffix"])
                checked += 1
    assert checked >= 30


def test_headline_figures(client: TestClient) -> None:
    figures = {f["id"]: f for f in everything(client, "figures")}
    headline = {
        (
            f["metric"],
            f["value"],
            f["qualifier"],
            f["lower_bound"],
            f["upper_bound"],
            f["claimed_by"],
        )
        for f in figures.values()
    }
    assert ("deaths", 6500, "more_than", 6500, None, None) in headline
    assert ("peacekeepers_deployed", 1960, "exact", 1960, 1960, None) in headline
    assert ("missing_persons", 4000, "nearly", None, 4000, "jeyhun-bayramov") in headline
    deaths = figures["war-2020-deaths"]
    assert deaths["scope"] == "both sides"
    assert deaths["event_id"] == "nagorno-karabakh-war-2020"
    assert deaths["citations"][0]["exact"] == "claimed more than 6,500 lives on both sides"
    missing = figures["missing-azerbaijanis"]
    assert missing["citations"][0]["via"] == ["azerbaijan-mfa-statement"]
    assert {(f["metric"], f["value"], f["unit"]) for f in figures.values()} >= {
        ("duration", 6, "weeks"),
        ("duration", 5, "years"),
    }


def test_events_from_the_article(client: TestClient) -> None:
    events = {e["id"]: e for e in everything(client, "events")}
    dated = {
        (e["type"], e["start_date"], e["end_date"], e["date_precision"], e["status"])
        for e in events.values()
    }
    assert dated >= {
        ("diplomatic_meeting", "2022-07-16", "2022-07-16", "day", "occurred"),  # Tbilisi
        ("armed_conflict", "2020-09-01", "2020-11-30", "month", "occurred"),  # the 2020 war
        ("ceasefire_agreement", "2020-11-01", "2020-11-30", "month", "occurred"),
        ("deployment", None, None, None, "ongoing"),
        ("accusation", "2020-11-01", None, "month", "ongoing"),
        ("military_operation", "2022-02-24", "2022-02-24", "day", "occurred"),
        ("mediation", "2022-02-24", None, "day", "ongoing"),
        ("diplomatic_meeting", "2022-04-01", "2022-04-30", "month", "occurred"),
        ("diplomatic_meeting", "2022-05-01", "2022-05-31", "month", "occurred"),
        ("diplomatic_meeting", "2022-07-01", "2022-08-31", "month", "scheduled"),
    }
    talks = events["tbilisi-foreign-ministers-talks-2022"]
    assert talks["place"]["id"] == "tbilisi"
    assert "Saturday" in talks["date_note"]
    assert {a["actor"]["id"] for a in talks["actors"]} >= {"ararat-mirzoyan", "jeyhun-bayramov"}
    for meeting in (
        "aliyev-pashinyan-brussels-meeting-2022-04",
        "aliyev-pashinyan-brussels-meeting-2022-05",
    ):
        assert "2022 is inferred" in events[meeting]["date_note"]
    # Neutral facts, attributed claims: a party's wording stays in quotes.
    ukraine = events["russia-ukraine-offensive-2022"]
    assert "special military operation" not in ukraine["title"]
    assert '"special military operation"' in ukraine["summary"]
    for event in events.values():
        assert "separatist" not in (event["title"] + event["summary"]).lower()


def test_statements_from_the_article(client: TestClient) -> None:
    statements = everything(client, "statements")
    said = [(s["speaker"], s["kind"], s["reported_by"]) for s in statements]
    assert sorted(said) == sorted(
        [
            # The ministries' own words, quoted.
            ("armenia-foreign-ministry", "direct_quote", "armenia-foreign-ministry"),
            ("azerbaijan-foreign-ministry", "direct_quote", "azerbaijan-foreign-ministry"),
            # What the ministers said, in the ministries' words.
            ("ararat-mirzoyan", "paraphrase", "armenia-foreign-ministry"),
            ("ararat-mirzoyan", "paraphrase", "armenia-foreign-ministry"),
            ("jeyhun-bayramov", "direct_quote", "azerbaijan-foreign-ministry"),
            ("jeyhun-bayramov", "paraphrase", "azerbaijan-foreign-ministry"),
            # Reported without saying where he said it.
            ("charles-michel", "paraphrase", None),
        ]
    )
    assert len(statements) == 7
    article = ARTICLE.read_text(encoding="utf-8").replace("\u00a0", " ")
    for statement in statements:
        if statement["kind"] == "direct_quote":
            # The quoted words exactly, inside quotation marks in the article.
            assert f'"{statement["text"].rstrip(".")}' in article


def test_places_have_coordinates(client: TestClient) -> None:
    places = {p["id"]: p for p in everything(client, "places")}
    assert set(places) >= {"tbilisi", "brussels", "nagorno-karabakh", "ukraine"}
    for place in places.values():
        assert -90 <= place["latitude"] <= 90
        assert -180 <= place["longitude"] <= 180


def test_relayed_sources_have_no_text_and_no_invented_url(client: TestClient) -> None:
    sources = {s["id"]: s for s in everything(client, "sources")}
    assert sources[PRESS_TV]["cites"] == [
        "afp-tbilisi-talks-report",
        "armenia-mfa-statement",
        "azerbaijan-mfa-statement",
        "georgia-mfa-handout-photo",
    ]
    for source_id in sources[PRESS_TV]["cites"]:
        assert sources[source_id]["has_text"] is False
        assert sources[source_id]["url"] is None
        assert client.get(f"/v1/sources/{source_id}").json()["cited_by"] == [PRESS_TV]


def test_loading_twice_changes_nothing(fresh_url: str) -> None:
    load(fresh_url, *bundles.SEED)
    engine = make_engine(fresh_url)
    before = dump(engine)
    load(fresh_url, *bundles.SEED)
    assert dump(engine) == before
    assert len(before["citation"]) >= 30
    engine.dispose()


def broken_copy(tmp_path: Path, change: Any) -> Path:
    """Return the path of a copy of the seed bundle after `change(data)`."""
    (seed,) = bundles.SEED
    data = yaml.safe_load(seed.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (tmp_path / "000_085de9c4592446ff.txt").write_bytes(ARTICLE.read_bytes())
    return path


def misquote(data: dict[str, Any]) -> None:
    data["figures"][0]["citations"][0]["quote"] = "claimed more than 7,500 lives"


def unknown_actor(data: dict[str, Any]) -> None:
    data["statements"][1]["speaker"] = "nobody-at-all"


def ambiguous(data: dict[str, Any]) -> None:
    data["statements"][0]["citations"][0]["quote"] = "Foreign Minister"


def line_of(path: Path, words: str) -> int:
    """Return the number of the one line of the file at `path` holding `words`."""
    lines = path.read_text().splitlines(keepends=True)
    (number,) = [n for n, line in enumerate(lines, 1) if words in line]
    return number


@pytest.mark.parametrize(
    ("change", "words", "expected"),
    [
        (
            misquote,
            "7,500",
            "/figures/0/citations/0/quote (war-2020-deaths): quote not found in the source text: 'claimed more than 7,500 lives'; the closest passage is 'claimed more than 6,500 lives'",
        ),
        (
            unknown_actor,
            "nobody-at-all",
            "/statements/1/speaker (mirzoyan-political-resolution): unknown actor 'nobody-at-all'",
        ),
        (
            ambiguous,
            "quote: Foreign Minister\n",
            "/statements/0/citations/0/quote (armenia-mfa-normalization-talks): quote occurs 3 times in the source text; add a `prefix` to choose one: 'Foreign Minister'",
        ),
    ],
)
def test_broken_bundle_fails_with_the_line_and_changes_nothing(
    tmp_path: Path, fresh_url: str, change: Any, words: str, expected: str
) -> None:
    load(fresh_url, *bundles.SEED)
    engine = make_engine(fresh_url)
    before = dump(engine)
    path = broken_copy(tmp_path, change)
    with pytest.raises(bundles.BundleError) as raised:
        load(fresh_url, path)
    line = line_of(path, words)
    assert str(raised.value) == f"1 problem in {path}:\n{path}:{line}: {expected}"
    assert dump(engine) == before
    engine.dispose()


def test_cli_reports_every_problem_and_writes_nothing(
    tmp_path: Path, fresh_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def two_problems(data: dict[str, Any]) -> None:
        misquote(data)
        unknown_actor(data)

    path = broken_copy(tmp_path, two_problems)
    monkeypatch.setenv("DATABASE_URL", fresh_url)
    engine = make_engine(fresh_url)
    empty = dump(engine)
    result = CliRunner().invoke(cli, ["ingest", str(path)])
    assert result.exit_code == 1
    misquoted, unknown = line_of(path, "7,500"), line_of(path, "nobody-at-all")
    assert result.stderr.splitlines() == [
        f"2 problems in {path}:",
        f"{path}:{misquoted}: /figures/0/citations/0/quote (war-2020-deaths): quote not found in the source text: 'claimed more than 7,500 lives'; the closest passage is 'claimed more than 6,500 lives'",
        f"{path}:{unknown}: /statements/1/speaker (mirzoyan-political-resolution): unknown actor 'nobody-at-all'",
    ]
    assert dump(engine) == empty
    result = CliRunner().invoke(cli, ["ingest", "--dry-run", str(bundles.SEED[0])])
    assert result.exit_code == 0, result.output
    summary, *records = result.stdout.splitlines()
    assert (
        summary
        == f"{bundles.SEED[0]}: 44 inserted, 0 updated, 0 unchanged (dry run: nothing written)"
    )
    assert len(records) == 44
    assert all(line.startswith("  + ") for line in records), records
    assert dump(engine) == empty
    result = CliRunner().invoke(cli, ["seed"])
    assert result.exit_code == 0, result.output
    assert len(dump(engine)["event"]) == 10
    engine.dispose()


def test_cli_refuses_to_seed_an_unmigrated_database(
    empty_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", empty_url)
    result = CliRunner().invoke(cli, ["seed"])
    assert result.exit_code == 1
    assert result.stderr == (
        "The database is not at the newest schema: run `conflict-facts migrate`.\n"
    )
    result = CliRunner().invoke(cli, ["migrate"])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(cli, ["seed"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{bundles.SEED[0]}: 44 inserted, 0 updated, 0 unchanged\n"
    result = CliRunner().invoke(cli, ["seed"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "The database already holds data (change 44); nothing seeded.\n"
