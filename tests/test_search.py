"""Full-text search: ranking, snippets, filters, paging, the index kept in sync, hostile input.

Scores and snippets are each database's own (bm25 and FTS5 snippets on SQLite, ts_rank_cd and
ts_headline on PostgreSQL): the tests assert what both agree on, the hits and their order.
"""

import re
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.bundles import Bundle
from tests import synthetic
from tests.conftest import keys, load

TALKS = "tbilisi-foreign-ministers-talks-2022"


def ids(response: Any) -> list[tuple[str, str]]:
    assert response.status_code == 200, response.text
    return [(hit["type"], hit["id"]) for hit in response.json()["data"]]


def test_the_tbilisi_talks_rank_first(client: TestClient) -> None:
    response = client.get("/v1/search", params={"q": "Tbilisi talks"})
    assert ids(response) == [
        ("event", TALKS),
        ("figure", "time-since-war-at-tbilisi-talks"),
        ("source", "armenia-mfa-statement"),
        ("source", "azerbaijan-mfa-statement"),
        ("source", "afp-tbilisi-talks-report"),
        ("source", "presstv-armenia-azerbaijan-talks"),
    ]
    body = response.json()
    assert body["next_cursor"] is None
    first = body["data"][0]
    assert first.keys() == {"type", "id", "title", "snippet", "url", "score"}
    assert first["title"] == "Armenian and Azerbaijani foreign ministers hold talks in Tbilisi"
    assert first["url"] == f"http://testserver/v1/events/{TALKS}"
    assert "<mark>talks</mark>" in first["snippet"]
    assert "<mark>Tbilisi</mark>" in first["snippet"]
    scores = [hit["score"] for hit in body["data"]]
    assert scores == sorted(scores, reverse=True)


def test_every_kind_of_hit_links_to_its_record(client: TestClient) -> None:
    """A statement's title is its text; every url serves the record it names."""
    response = client.get("/v1/search", params={"q": "prisoners of war", "type": "statement"})
    assert ids(response) == [("statement", "mirzoyan-prisoners-of-war")]
    (hit,) = response.json()["data"]
    assert hit["title"] == "Mirzoyan called on Azerbaijan to release Armenian prisoners of war."
    for q in ("missing Azerbaijanis", "Tbilisi talks"):
        for hit in client.get("/v1/search", params={"q": q}).json()["data"]:
            record = client.get(hit["url"])
            assert record.status_code == 200, hit["url"]
            assert record.json()["id"] == hit["id"]


def test_words_match_by_stem_and_ignore_case(client: TestClient) -> None:
    assert ids(client.get("/v1/search?q=PRISONER&type=statement")) == [
        ("statement", "mirzoyan-prisoners-of-war")
    ]
    assert ids(client.get("/v1/search?q=peacekeeper&type=figure")) == [
        ("figure", "russian-peacekeepers-deployed")
    ]
    # A possessive finds the name: the seed never writes "Mirzoyan's".
    for q in ("Mirzoyan's", "Mirzoyan’s", "MIRZOYAN'S"):
        assert ids(client.get("/v1/search", params={"q": q, "type": "actor"})) == [
            ("actor", "ararat-mirzoyan")
        ]


def test_urls_follow_the_mount_point(
    seeded_url: str, client_for: Callable[..., TestClient]
) -> None:
    mounted = client_for(seeded_url, root_path="/facts")
    (hit,) = mounted.get("/v1/search?q=prisoners&type=statement").json()["data"]
    assert hit["url"] == "http://testserver/facts/v1/statements/mirzoyan-prisoners-of-war"


def test_snippets_are_escaped_html_with_marked_matches(
    fresh_url: str, client_for: Callable[..., TestClient]
) -> None:
    title = '<script>alert("talks")</script> Talks & "more" talks'
    text = "The talks took place."
    load(
        fresh_url,
        Bundle.model_validate(
            {
                "sources": [
                    {"id": "s", "title": "T", "publisher": "P", "kind": "report", "text": text}
                ],
                "events": [
                    {
                        "id": "talks",
                        "title": title,
                        "summary": "Talks <b>held</b> & ended.",
                        "type": "diplomatic_meeting",
                        "status": "ongoing",
                        "citations": [{"source_id": "s", "quote": "The talks took place"}],
                    }
                ],
            }
        ),
    )
    client = client_for(fresh_url)
    response = client.get("/v1/search?q=talks&type=event")
    (hit,) = response.json()["data"]
    assert hit["title"] == title  # plain JSON text, not HTML
    snippet = hit["snippet"]
    assert re.search(r"<mark>talks</mark>", snippet, re.I), snippet
    assert "<script" not in snippet
    assert "<b>" not in snippet
    # Outside the <mark> tags, nothing is markup: every <, >, & and quote is escaped.
    text_only = re.sub(r"</?mark>", "", snippet)
    assert not re.search(r"[<>\"']|&(?!(?:lt|gt|amp|quot|#x27);)", text_only), snippet


def test_type_takes_commas_and_repeats(client: TestClient) -> None:
    def types(query: str) -> set[str]:
        return {kind for kind, _ in ids(client.get(f"/v1/search?q=Tbilisi&{query}"))}

    assert types("") == {"event", "figure", "place", "source"}
    assert types("type=source") == {"source"}
    assert types("type=event,figure") == {"event", "figure"}
    assert types("type=event&type=source,figure") == {"event", "figure", "source"}
    assert types("type=statement") == set()


def test_unknown_type_and_bad_cursor_are_422(client: TestClient) -> None:
    response = client.get("/v1/search?q=Tbilisi&type=event,person&cursor=nonsense")
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"] == [
        {
            "location": "query",
            "name": "type",
            "detail": (
                "Input should be 'event', 'figure', 'statement', 'actor', 'place' or 'source'"
            ),
        }
    ]
    events_cursor = client.get("/v1/events?limit=1").json()["next_cursor"]
    response = client.get("/v1/search", params={"q": "Tbilisi", "cursor": events_cursor})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "location": "query",
            "name": "cursor",
            "detail": "This cursor was made for sort='start_date', not 'relevance'.",
        }
    ]


@pytest.mark.slow
def test_pages_hold_every_hit_once_in_order(
    fresh_url: str, client_for: Callable[..., TestClient]
) -> None:
    """160 statements score exactly alike: the cursor pages through the ties by type and id."""
    load(fresh_url, synthetic.bundle())
    client = client_for(fresh_url)
    expected = [("source", synthetic.SOURCE)] + [
        ("statement", f"statement-{i:03}") for i in range(160)
    ]
    whole = []
    url: str | None = "/v1/search?q=statement&limit=100"
    while url:
        response = client.get(url)
        whole += ids(response)
        url = response.links.get("next", {}).get("url")
    assert sorted(whole) == sorted(expected)
    assert len(whole) == len(set(whole))

    paged, cursor, pages = [], None, 0
    while True:
        params = {"q": "statement", "limit": 7} | ({"cursor": cursor} if cursor else {})
        body = client.get("/v1/search", params=params).json()
        paged += [(hit["type"], hit["id"]) for hit in body["data"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert paged == whole
    assert pages == 23  # 161 hits, 7 a page
    statements = [hit for hit in paged if hit[0] == "statement"]
    assert statements == sorted(statements)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            "/v1/events?q=Brussels",
            [
                "aliyev-pashinyan-brussels-meeting-2022-04",
                "aliyev-pashinyan-brussels-meeting-2022-05",
            ],
        ),
        (
            "/v1/events?q=Brussels&sort=-start_date&limit=1",
            ["aliyev-pashinyan-brussels-meeting-2022-05"],
        ),
        ("/v1/events?q=Brussels&type=mediation", []),
        (
            "/v1/timeline?q=Brussels&sort=-start_date",
            [
                "aliyev-pashinyan-brussels-meeting-2022-05",
                "aliyev-pashinyan-brussels-meeting-2022-04",
            ],
        ),
        ("/v1/figures?q=missing", ["missing-azerbaijanis"]),
        ("/v1/statements?q=prisoners", ["mirzoyan-prisoners-of-war"]),
        ("/v1/statements?q=Tbilisi", []),
        (
            "/v1/sources?q=Tbilisi&sort=id",
            [
                "afp-tbilisi-talks-report",
                "armenia-mfa-statement",
                "azerbaijan-mfa-statement",
                "georgia-mfa-handout-photo",
                "presstv-armenia-azerbaijan-talks",
            ],
        ),
        # Only the stored text of the article says where the ministers were photographed.
        ("/v1/sources?q=Georgian capital", ["presstv-armenia-azerbaijan-talks"]),
    ],
)
def test_q_filters_the_lists(client: TestClient, path: str, expected: list[str]) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert [record["id"] for record in response.json()["data"]] == expected


def _bundle(title: str, statement: str, source_title: str) -> Bundle:
    return Bundle.model_validate(
        {
            "sources": [
                {
                    "id": "s",
                    "title": source_title,
                    "publisher": "P",
                    "kind": "report",
                    "text": "The ministers met in Oslo.",
                }
            ],
            "actors": [{"id": "minister", "name": "Minister", "kind": "person"}],
            "events": [
                {
                    "id": "meeting",
                    "title": title,
                    "summary": "They met.",
                    "type": "diplomatic_meeting",
                    "status": "ongoing",
                    "citations": [{"source_id": "s", "quote": "The ministers met"}],
                }
            ],
            "statements": [
                {
                    "id": "said",
                    "speaker": "minister",
                    "kind": "paraphrase",
                    "text": statement,
                    "citations": [{"source_id": "s", "quote": "met in Oslo"}],
                }
            ],
        }
    )


def test_the_index_follows_changed_records(
    fresh_url: str, client_for: Callable[..., TestClient]
) -> None:
    client = client_for(fresh_url)

    def found(q: str) -> list[tuple[str, str]]:
        return ids(client.get("/v1/search", params={"q": q}))

    load(fresh_url, _bundle("Ministers meet in Oslo", "Talks were calm.", "Annual review"))
    assert found("ministers") == [("event", "meeting"), ("actor", "minister"), ("source", "s")]
    assert found("Oslo") == [("event", "meeting"), ("source", "s")]
    assert found("calm") == [("statement", "said")]

    load(fresh_url, _bundle("Ministers meet in Geneva", "Talks were tense.", "Wire report"))
    assert found("Geneva") == [("event", "meeting")]
    assert found("Oslo") == [("source", "s")]  # still in the stored text
    assert found("annual review") == []
    assert found("wire") == [("source", "s")]
    assert found("calm") == []
    assert found("tense") == [("statement", "said")]
    assert ids(client.get("/v1/events?q=Geneva")) == [("diplomatic_meeting", "meeting")]


def test_actors_and_places_are_found_by_name_alias_and_title(client: TestClient) -> None:
    """An actor's name is its title; its aliases, title and country its body. A place's name
    is its title; its country its body."""
    assert ids(client.get("/v1/search?q=Mirzoyan&type=actor")) == [("actor", "ararat-mirzoyan")]
    assert ids(client.get("/v1/search?q=baku&type=actor,place")) == [("actor", "azerbaijan")]
    assert ids(client.get("/v1/search?q=Foreign%20Minister&type=actor")) == [
        ("actor", "ararat-mirzoyan"),
        ("actor", "jeyhun-bayramov"),
    ]
    assert ids(client.get("/v1/search?q=Tbilisi&type=place")) == [("place", "tbilisi")]
    # Without `type`, the events naming him come first; `type=actor` keeps him alone.
    assert ("actor", "ilham-aliyev") in ids(client.get("/v1/search?q=Aliyev"))
    assert ids(client.get("/v1/search?q=Aliyev&type=actor")) == [("actor", "ilham-aliyev")]
    assert ids(client.get("/v1/search?q=Tbilisi&type=actor")) == []

    body = client.get("/v1/search?q=azeri%20president&type=actor").json()
    (hit,) = body["data"]
    # The snippet and score are each database's own; both mark the alias.
    assert re.search(r"<mark>Azeri</mark> <mark>President</mark>", hit.pop("snippet"))
    assert isinstance(hit.pop("score"), float)
    assert body == {
        "data": [
            {
                "type": "actor",
                "id": "ilham-aliyev",
                "title": "Ilham Aliyev",
                "url": "http://testserver/v1/actors/ilham-aliyev",
            }
        ],
        "next_cursor": None,
    }
    (place,) = client.get("/v1/search?q=brussels&type=place").json()["data"]
    assert (place["title"], place["url"]) == ("Brussels", "http://testserver/v1/places/brussels")
    assert client.get(place["url"]).json()["name"] == "Brussels"


def test_names_are_found_in_any_case_with_or_without_accents(
    fresh_url: str, client_for: Callable[..., TestClient]
) -> None:
    load(
        fresh_url,
        Bundle.model_validate(
            {
                "actors": [
                    {
                        "id": "ana-sapiro",
                        "name": "Ana Šapiro",
                        "kind": "person",
                        "aliases": ["Ćosić"],
                    }
                ],
                "places": [
                    {"id": "susa", "name": "Şuşa", "kind": "city", "country": "AZ"},
                    {"id": "lodz", "name": "Łódź", "kind": "city", "country": "PL"},
                ],
            }
        ),
    )
    client = client_for(fresh_url)
    for q in ("sapiro", "ŠAPIRO", "Šapiro", "ana", "cosic", "ĆOSIĆ"):
        assert ids(client.get("/v1/search", params={"q": q})) == [("actor", "ana-sapiro")], q
    for q in ("susa", "SUSA", "Şuşa"):
        assert ids(client.get("/v1/search", params={"q": q})) == [("place", "susa")], q
    for q in ("lodz", "Łódź", "ŁÓDŹ"):
        assert ids(client.get("/v1/search", params={"q": q})) == [("place", "lodz")], q
    (hit,) = client.get("/v1/search?q=cosic").json()["data"]
    assert hit["title"] == "Ana Šapiro"


def test_the_index_follows_changed_actors_and_places(
    fresh_url: str, client_for: Callable[..., TestClient]
) -> None:
    client = client_for(fresh_url)

    def found(q: str) -> list[tuple[str, str]]:
        return ids(client.get("/v1/search", params={"q": q, "type": "actor,place"}))

    def bundle(alias: str, place: str) -> Bundle:
        return Bundle.model_validate(
            {
                "actors": [{"id": "envoy", "name": "Envoy", "kind": "person", "aliases": [alias]}],
                "places": [{"id": "venue", "name": place, "kind": "city"}],
            }
        )

    load(fresh_url, bundle("Special Representative", "Oslo"))
    assert found("representative") == [("actor", "envoy")]
    assert found("Oslo") == [("place", "venue")]
    load(fresh_url, bundle("Mediator", "Geneva"))
    assert found("representative") == []
    assert found("mediator") == [("actor", "envoy")]
    assert found("Oslo") == []
    assert found("Geneva") == [("place", "venue")]


HOSTILE = [
    ('"', 422),
    ('""', 422),
    ('"unbalanced', 200),
    ("*", 422),
    ("a*", 200),
    ("NOT", 200),
    ("AND OR NOT", 200),
    ("talks NOT Tbilisi", 200),
    ("(", 422),
    (")(", 422),
    ("NEAR(a b)", 200),
    ("title:x", 200),
    ("{title body}: talks", 200),
    ("-", 422),
    ("-talks", 200),
    ("^", 422),
    ("^talks", 200),
    ("talks + Tbilisi", 200),
    ("\x01\x07\x1b\x7f", 422),
    ("talks\x0bTbilisi\x1f", 200),
    ("🕊️", 422),
    ("peace 🕊️ talks", 200),
    ("שיחות בטביליסי", 200),
    ("محادثات تبليسي", 200),
    ("'; DROP TABLE event; --", 200),
    ("%' OR '1'='1", 200),
    ("\\", 422),
    ("talks\x00", 422),
    ("a" * 500, 200),
    (" ".join(["talks"] * 83), 200),  # 497 characters, one word 83 times
    (" ".join(f"w{i}" for i in range(32)), 200),
    (" ".join(f"w{i}" for i in range(33)), 422),  # 33 different words
    ("a" * 501, 422),
    ("Tbilisi " * 125, 422),  # 1,000 characters
    ("   \t\n", 422),
    ("", 422),
]


@pytest.mark.parametrize(("q", "status"), HOSTILE)
@pytest.mark.parametrize("path", ["/v1/search", "/v1/events", "/v1/sources"])
def test_hostile_q_is_searched_or_refused(
    client: TestClient, path: str, q: str, status: int
) -> None:
    response = client.get(path, params={"q": q})
    assert response.status_code == status, response.text
    if status == 422:
        assert response.headers["content-type"] == "application/problem+json"
        assert [error["name"] for error in response.json()["errors"]] == ["q"]
    else:
        assert isinstance(response.json()["data"], list)


def test_refusals_say_why(client: TestClient) -> None:
    def detail(q: str) -> str:
        (error,) = client.get("/v1/search", params={"q": q}).json()["errors"]
        return str(error["detail"])

    assert detail("*") == "Must contain a letter or digit to search for"
    assert detail("a" * 1000) == "String should have at most 500 characters"
    assert detail("a b c d e f g h i j k l m n o p q r s t u v w x y z 0 1 2 3 4 5 6") == (
        "Must hold at most 32 different words"
    )
    response = client.get("/v1/search")
    assert response.json()["errors"] == [
        {"location": "query", "name": "q", "detail": "Field required"}
    ]


def test_a_repeated_search_follows_every_write(
    fresh_url: str, client_for: Callable[..., TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each process remembers its answers for the data's version: a search repeated after an
    ingest, a correction or a retraction, written through another app as another worker would,
    sees the write on every page."""
    load(fresh_url, _bundle("Ministers meet in Oslo", "Talks were calm.", "Annual review"))
    reader, writer = client_for(fresh_url), client_for(fresh_url)
    token = keys(fresh_url, monkeypatch, "create", "--name", "alice")
    auth = {"Authorization": f"Bearer {token}"}

    def found() -> list[tuple[str, str]]:
        """Return the hits for "Oslo", the same twice, and the same page by page."""
        whole = reader.get("/v1/search", params={"q": "Oslo"})
        assert reader.get("/v1/search", params={"q": "Oslo"}).json() == whole.json()
        paged, cursor = [], None
        while True:
            params = {"q": "Oslo", "limit": 1} | ({"cursor": cursor} if cursor else {})
            page = reader.get("/v1/search", params=params)
            paged += ids(page)
            if (cursor := page.json()["next_cursor"]) is None:
                break
        assert paged == ids(whole)
        return paged

    assert found() == [("event", "meeting"), ("source", "s")]

    summit = {
        "id": "summit",
        "title": "Summit in Oslo",
        "summary": "The ministers met again.",
        "type": "diplomatic_meeting",
        "status": "ongoing",
        "citations": [{"source_id": "s", "quote": "The ministers met in Oslo"}],
    }
    response = writer.post("/v1/bundles", json={"events": [summit]}, headers=auth)
    assert response.status_code == 201, response.text
    assert found() == [("event", "meeting"), ("event", "summit"), ("source", "s")]

    correction = {"text": "Talks in Oslo were calm.", "reason": "The place was left out."}
    response = writer.patch("/v1/statements/said", json=correction, headers=auth)
    assert response.status_code == 200, response.text
    assert ("statement", "said") in found()

    response = writer.post("/v1/events/meeting/retract", json={"reason": "r"}, headers=auth)
    assert response.status_code == 200, response.text
    assert ("event", "meeting") not in found()
    assert found() == [("event", "summit"), ("statement", "said"), ("source", "s")]


@pytest.mark.only_on("sqlite", reason="the plan is SQLite's")
def test_q_on_a_list_is_driven_by_the_full_text_index(seeded_url: str) -> None:
    """The matches drive `q`: never one probe of the full-text index per record of the kind,
    which took seconds for any word at 100,000 events."""
    from sqlalchemy import select
    from sqlmodel import Session

    from app import kinds
    from app.db import make_engine
    from app.search import SqliteSearch

    engine = make_engine(seeded_url)
    with Session(engine) as session:
        ids = SqliteSearch(session).ids(kinds.EVENTS, "talks")
        compiled = ids.compile(engine, compile_kwargs={"literal_binds": True})
        plan = [
            row[3] for row in session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}")
        ]
        found = session.execute(select(ids.subquery())).scalars().all()
    engine.dispose()
    assert plan[0].startswith("SCAN search_fts"), plan
    assert "tbilisi-foreign-ministers-talks-2022" in found
