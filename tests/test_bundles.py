"""The bundle loader: quotes found despite typography, every problem reported, nothing half-written."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.bundles import Bundle, BundleError, read_bundle
from app.db import make_engine
from tests.conftest import dump, load

# Typography as sources print it: curly quotes, a no-break space, a line break, an en dash.
TEXT = (
    "The minister said “we will meet again”\u00a0on Monday.\nTalks 2021–2022 went on. We will meet."
)


def bundle(**changes: Any) -> Bundle:
    """Return a small valid bundle, with top-level lists replaced by `changes`."""
    data: dict[str, Any] = {
        "sources": [
            {"id": "s", "title": "T", "publisher": "P", "kind": "news_article", "text": TEXT},
            {"id": "relayed", "title": "R", "publisher": "P", "kind": "wire_report"},
        ],
        "actors": [{"id": "minister", "name": "Minister", "kind": "person"}],
        "events": [
            {
                "id": "talks",
                "title": "Talks",
                "summary": "Talks.",
                "type": "diplomatic_meeting",
                "status": "occurred",
                "citations": [{"source_id": "s", "quote": "Talks 2021-2022 went on"}],
            }
        ],
        "statements": [
            {
                "id": "meet-again",
                "speaker": "minister",
                "kind": "direct_quote",
                "text": "we will meet again",
                "citations": [{"source_id": "s", "quote": '"we will meet again" on Monday'}],
            }
        ],
    }
    return Bundle.model_validate(data | changes)


def problems(url: str, candidate: Bundle) -> list[str]:
    """Return the problems loading `candidate` reports, checking that it wrote nothing."""
    engine = make_engine(url)
    before = dump(engine)
    with pytest.raises(BundleError) as raised:
        load(url, candidate)
    assert dump(engine) == before
    engine.dispose()
    return [str(problem) for problem in raised.value.problems]


def test_typography_is_tolerated_and_the_source_characters_kept(
    fresh_url: str, client_for: Callable[..., TestClient]
) -> None:
    load(fresh_url, bundle())
    client = client_for(fresh_url)
    (citation,) = client.get("/v1/statements/meet-again").json()["citations"]
    assert citation["exact"] == "“we will meet again”\u00a0on Monday"
    assert TEXT[citation["start"] : citation["end"]] == citation["exact"]
    (citation,) = client.get("/v1/events/talks").json()["citations"]
    assert citation["exact"] == "Talks 2021–2022 went on"


def test_a_quote_across_a_line_break_matches(
    fresh_url: str, client_for: Callable[..., TestClient]
) -> None:
    talks = bundle().events[0].model_dump()
    talks["citations"] = [{"source_id": "s", "quote": "on Monday. Talks"}]
    load(fresh_url, bundle(events=[talks]))
    (citation,) = client_for(fresh_url).get("/v1/events/talks").json()["citations"]
    assert citation["exact"] == "on Monday.\nTalks"


def test_prefix_picks_one_of_several_matches(
    fresh_url: str, client_for: Callable[..., TestClient]
) -> None:
    talks = bundle().events[0].model_dump()
    talks["citations"] = [{"source_id": "s", "quote": "meet", "prefix": "went on. We will"}]
    load(fresh_url, bundle(events=[talks]))
    (citation,) = client_for(fresh_url).get("/v1/events/talks").json()["citations"]
    assert (citation["exact"], citation["suffix"]) == ("meet", ".")
    talks["citations"] = [{"source_id": "s", "quote": "meet"}]
    assert problems(fresh_url, bundle(events=[talks])) == [
        "/events/0/citations/0/quote (talks): quote occurs 2 times in the source text; "
        "add a `prefix` to choose one: 'meet'"
    ]


def test_every_problem_is_reported_at_once(fresh_url: str) -> None:
    sources = [s.model_dump() for s in bundle().sources]
    sources[1]["cites"] = ["s", "s"]
    talks = bundle().events[0].model_dump()
    child = talks | {"id": "part", "parent_id": "part"}
    dup = talks | {"place_id": "atlantis"}
    dup["actors"] = [{"actor_id": "minister", "role": "host"}] * 2
    quote = bundle().statements[0].model_dump()
    quote["text"] = "we shall meet again"
    quote["citations"].append({"source_id": "relayed", "quote": "anything", "via": ["nowhere"]})
    candidate = bundle(sources=sources, events=[talks, dup, child], statements=[quote])
    assert problems(fresh_url, candidate) == [
        "/events/1/id (talks): id repeats",
        "/sources/1/cites/1 (relayed): 's' repeats",
        "/events/1/place_id (talks): unknown place 'atlantis'",
        "/events/1/actors/1 (talks): 'minister' as 'host' repeats",
        "/events/2/parent_id (part): parent_id makes the event part of itself: part → part",
        "/statements/0/citations/1/via/0 (meet-again): unknown source 'nowhere'",
        "/statements/0/citations/1/source_id (meet-again): source 'relayed' has no stored text to quote from",
    ]


@pytest.mark.parametrize(
    ("title", "problem"),
    [
        ("Talks\x00", "contains a NUL character"),
        ("Talks \ud800", "contains a lone surrogate, which is not UTF-8"),
    ],
)
def test_text_no_database_can_store_is_refused(fresh_url: str, title: str, problem: str) -> None:
    talks = bundle().events[0].model_dump() | {"title": title}
    assert problems(fresh_url, bundle(events=[talks])) == [f"/events/0/title (talks): {problem}"]


def test_blank_text_is_refused_but_a_prefix_may_be_a_line_break(fresh_url: str) -> None:
    blank = "is empty or only whitespace; write it out, or use null where the field may be empty"
    talks = bundle().events[0].model_dump() | {"title": " ", "date_note": ""}
    minister = bundle().actors[0].model_dump() | {"aliases": ["Min.", "\u00a0"]}
    assert problems(fresh_url, bundle(events=[talks], actors=[minister])) == [
        f"/actors/0/aliases/1 (minister): {blank}",
        f"/events/0/title (talks): {blank}",
        f"/events/0/date_note (talks): {blank}",
    ]
    talks = bundle().events[0].model_dump()
    talks["citations"] = [{"source_id": "s", "quote": "Talks", "prefix": "\n"}]
    load(fresh_url, bundle(events=[talks]))


def test_a_stored_text_cannot_change_under_its_citations(fresh_url: str) -> None:
    load(fresh_url, bundle())
    sources = [s.model_dump() for s in bundle().sources]
    sources[0]["text"] = "A new first line.\n" + TEXT
    assert problems(fresh_url, bundle(sources=sources)) == [
        "/sources/0/text (s): the text differs from the one stored; give the new text a new source id"
    ]


@pytest.mark.parametrize("text", ["we shall meet again", "meet", "we will meet again on Monday"])
def test_a_direct_quote_must_be_the_quoted_words(fresh_url: str, text: str) -> None:
    quote = bundle().statements[0].model_dump() | {"text": text}
    assert problems(fresh_url, bundle(statements=[quote])) == [
        "/statements/0/text (meet-again): "
        "a direct quote's text must be the quoted words of one of its citations"
    ]


def test_children_may_come_before_their_parents(
    fresh_url: str, client_for: Callable[..., TestClient]
) -> None:
    talks = bundle().events[0].model_dump()
    day_one = talks | {"id": "day-one", "parent_id": "talks"}
    load(fresh_url, bundle(events=[day_one, talks]))
    assert client_for(fresh_url).get("/v1/events/day-one").json()["parent_id"] == "talks"


def write(tmp_path: Path, text: str, article: bytes = TEXT.encode()) -> Path:
    (tmp_path / "article.txt").write_bytes(article)
    path = tmp_path / "bundle.yaml"
    path.write_text(text, encoding="utf-8")
    return path


SOURCE_YAML = """
sources:
  - {id: s, title: T, publisher: P, kind: news_article, text_file: article.txt}
actors:
  - {id: norway, name: Norway, kind: state, country: NO}
"""


def test_yaml_keeps_country_codes_as_text(
    tmp_path: Path, fresh_url: str, client_for: Callable[..., TestClient]
) -> None:
    load(fresh_url, write(tmp_path, SOURCE_YAML))
    assert client_for(fresh_url).get("/v1/actors/norway").json()["country"] == "NO"


@pytest.mark.parametrize(
    ("text", "article", "expected"),
    [
        (
            SOURCE_YAML.replace("country: NO}", "country: NO, colour: red}"),
            TEXT.encode(),
            ["/actors/0/colour (norway): Extra inputs are not permitted"],
        ),
        (
            SOURCE_YAML.replace("kind: state", "kind: nation"),
            TEXT.encode(),
            [
                "/actors/0/kind (norway): Input should be 'person', 'state', 'government_body', "
                "'organization', 'armed_group' or 'media'"
            ],
        ),
        (
            SOURCE_YAML,
            b"caf\xe9",
            [
                "/sources/0/text_file: cannot read {dir}/article.txt: 'utf-8' codec can't decode "
                "byte 0xe9 in position 3: unexpected end of data"
            ],
        ),
        ("- just\n- a list\n", TEXT.encode(), ["/: the file does not hold a mapping"]),
        (
            SOURCE_YAML.replace("text_file: article.txt", "text_file: gone.txt"),
            TEXT.encode(),
            [
                "/sources/0/text_file: cannot read {dir}/gone.txt: [Errno 2] No such file or "
                "directory: '{dir}/gone.txt'"
            ],
        ),
    ],
)
def test_unreadable_bundles_are_reported(
    tmp_path: Path, text: str, article: bytes, expected: list[str]
) -> None:
    path = write(tmp_path, text, article)
    with pytest.raises(BundleError) as raised:
        read_bundle(path)
    assert [str(p) for p in raised.value.problems] == [e.format(dir=tmp_path) for e in expected]


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        (
            {"start_date": "2022-07-16", "end_date": "2022-07-15", "date_precision": "day"},
            "end_date 2022-07-15 is before start_date 2022-07-16",
        ),
        (
            {"start_date": "2022-07-16"},
            "start_date and date_precision are given together or not at all",
        ),
        ({"end_date": "2022-07-16"}, "end_date 2022-07-16 is given without a start_date"),
        (
            {"start_date": "2022-07-16", "date_precision": "day"},
            "an event that occurred needs an end_date",
        ),
        (
            {"start_date": "2022-04-15", "end_date": "2022-04-30", "date_precision": "month"},
            "a month precision span starts on the 1st",
        ),
        (
            {"start_date": "2022-04-01", "end_date": "2022-05-30", "date_precision": "month"},
            "a month precision span ends on the last day of a month",
        ),
        (
            {"start_date": "2022-02-01", "end_date": "2022-12-31", "date_precision": "year"},
            "a year precision span starts on 1 January",
        ),
        (
            {"start_date": "2022-01-01", "end_date": "2023-11-30", "date_precision": "year"},
            "a year precision span ends on the last day of a year",
        ),
    ],
)
def test_event_dates_must_agree(dates: dict[str, str], message: str) -> None:
    talks = bundle().events[0].model_dump()
    with pytest.raises(ValueError, match=message):
        bundle(events=[talks | dates])


def test_whole_spans_of_months_and_years_are_accepted() -> None:
    talks = bundle().events[0].model_dump()
    for dates in (
        {"start_date": "2024-02-01", "end_date": "2024-02-29", "date_precision": "month"},
        {"start_date": "2020-01-01", "end_date": "2022-12-31", "date_precision": "year"},
        {"start_date": "2022-07-01", "date_precision": "month", "status": "ongoing"},
    ):
        assert bundle(events=[talks | dates]).events[0].start_date is not None


@pytest.mark.parametrize("value", [float("inf"), float("nan")])
def test_figures_are_finite(value: float) -> None:
    figure = {
        "id": "f",
        "metric": "deaths",
        "value": value,
        "unit": "people",
        "qualifier": "exact",
        "citations": [{"source_id": "s", "quote": "Monday"}],
    }
    with pytest.raises(ValueError, match="Input should be a finite number"):
        bundle(figures=[figure])
