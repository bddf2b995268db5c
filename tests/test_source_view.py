"""`/sources/{id}`: a stored text with every cited passage highlighted and linked to the facts
it supports, through HTTP."""

import html
import re
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from app import bundles
from tests.conftest import COMPETING, keys, load
from tests.hostile import TEXT, hostile_bundle
from tests.test_embed import Chart, Tags, csp

PRESS_TV = "/sources/presstv-armenia-azerbaijan-talks"


def shown_text(page: str) -> str:
    """Return the characters the page shows of the stored text, tags stripped."""
    (region,) = re.findall(r'<div class="text source-text"[^>]*>(.*?)</div>', page, re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", region))


def test_the_source_view_shows_the_text_exactly_with_each_passage_marked(
    client: TestClient,
) -> None:
    response = client.get(PRESS_TV)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert csp(response)["script-src"] == "'self'"
    assert response.headers["x-frame-options"] == "DENY"
    text = client.get(f"/v1{PRESS_TV}/text").text
    assert shown_text(response.text) == text  # every character, in order, nothing added
    marks = re.findall(r'<a class="passage" id="passage-(\d+)" href="#facts-(\d+)">', response.text)
    assert marks
    assert all(mark == facts for mark, facts in marks)
    assert [int(n) for n, _ in marks] == list(range(1, len(marks) + 1))
    # Overlapping citations make one passage; each fact's anchor is where its citation starts.
    passage = re.search(
        r'<a class="passage" id="passage-\d+" href="#facts-\d+"><mark>'
        r'<span class="anchor" id="figures/war-2020-duration"></span>([^<]*)'
        r'<span class="anchor" id="figures/war-2020-deaths"></span>([^<]*)<span',
        response.text,
    )
    assert passage is not None
    assert passage[2].startswith("claimed more than 6,500 lives on both sides")
    assert passage[1] == "The six-week conflict, which "  # the duration's citation starts it


def test_each_passage_lists_the_facts_it_supports(client: TestClient) -> None:
    page = client.get(PRESS_TV).text
    items = re.findall(
        r'<li id="facts-(\d+)">\n<p class="excerpt">(.*?)</p>\n<ul>\n(.*?)</ul>', page, re.S
    )
    assert items
    deaths = [facts for _, _, facts in items if "figures/war-2020-deaths" in facts]
    assert len(deaths) == 1
    links = [a["href"] for tag, a in Tags(deaths[0]).tags if tag == "a"]
    assert "../#figures/war-2020-deaths" in links
    assert "../embed/figures/war-2020-deaths" in links
    assert "more than 6,500 people: deaths (both sides)" in deaths[0]
    # Every live fact citing the source is linked from some passage.
    for fact in ("events/nagorno-karabakh-war-2020", "statements/bayramov-withdrawal-demand"):
        assert f'href="../#{fact}"' in page


def test_the_fact_asked_for_is_current(client: TestClient) -> None:
    page = client.get(PRESS_TV, params={"fact": "figures/missing-azerbaijanis"}).text
    current = re.findall(r'<a class="passage current" id="passage-(\d+)"', page)
    assert len(current) == 1
    assert f'<li id="facts-{current[0]}" class="current">' in page
    assert 'id="figures/missing-azerbaijanis"' in page
    unknown = client.get(PRESS_TV, params={"fact": "figures/none"}).text
    assert 'class="passage current"' not in unknown


def test_a_source_without_stored_text(client: TestClient) -> None:
    page = client.get("/sources/afp-tbilisi-talks-report").text
    assert "This source's text is not stored" in page
    assert "0 cited passages." in page


def test_an_unknown_source_is_404(client: TestClient) -> None:
    response = client.get("/sources/no-such-source")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == "No source with id 'no-such-source'."


def test_hostile_text_stays_text(fresh_url: str, client_for: Callable[..., TestClient]) -> None:
    load(fresh_url, hostile_bundle())
    page = client_for(fresh_url).get("/sources/hostile-source").text
    assert shown_text(page) == TEXT
    assert "<script>" not in page
    assert "<img" not in page
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt; and &#34;&gt;&lt;img src=x onerror=alert(2)&gt;"
        in page
    )
    for tag, attrs in Tags(page).tags:
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        assert not (attrs.get("href") or "").startswith("javascript:"), (tag, attrs)


def test_retracted_facts_leave_the_source_view_and_the_chart(
    fresh_url: str, client_for: Callable[..., TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    load(fresh_url, *bundles.SEED, COMPETING)
    client = client_for(fresh_url)
    token = keys(fresh_url, monkeypatch, "create", "--name", "alice")
    chart = "/embed/compare/nagorno-karabakh-war-2020/deaths"
    assert len(Chart(client.get(chart).text).rows) == 3
    assert "figures/monitor-war-2020-deaths" in client.get("/sources/harbour-ledger-war-toll").text
    response = client.post(
        "/v1/figures/monitor-war-2020-deaths/retract",
        json={"reason": "The monitor withdrew its count."},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.text
    assert [row["words"] for row in Chart(client.get(chart).text).rows] == [
        "more than 6,500 people",
        "6,912 people",
    ]
    page = client.get("/sources/harbour-ledger-war-toll").text
    assert "figures/monitor-war-2020-deaths" not in page
    assert "1 cited passage." in page
