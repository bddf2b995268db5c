"""Embed cards, oEmbed, the explorer page and security headers, through HTTP.

Hostile text is loaded into a fresh database with the real loader, then served: it must come
out as text, never as markup, script or a link.
"""

import base64
import hashlib
import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.routing import Mount

from app import create_app
from app.settings import Settings
from tests.conftest import load
from tests.hostile import BREAKOUT, JS_URL, SCRIPT, hostile_bundle


@pytest.fixture
def hostile(fresh_url: str, client_for: Callable[..., TestClient]) -> TestClient:
    load(fresh_url, hostile_bundle())
    return client_for(fresh_url)


class Tags(HTMLParser):
    """Every start tag of a page, with its attributes as the browser reads them."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def assert_inert(html: str, base: str = "http://testserver/") -> None:
    """Assert that `html` has no script, no event handler and no link outside the service."""
    tags = Tags(html).tags
    assert [tag for tag, _ in tags if tag in ("script", "img", "iframe", "object")] == []
    for tag, attrs in tags:
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        for name in ("href", "src", "cite", "action"):
            if attrs.get(name) is not None:
                assert attrs[name].startswith(base), (tag, attrs)  # type: ignore[union-attr]


@pytest.mark.parametrize("kind", ["events", "figures", "statements"])
def test_hostile_text_is_shown_as_text_in_cards(hostile: TestClient, kind: str) -> None:
    response = hostile.get(f"/embed/{kind}/hostile-{kind[:-1]}")
    assert response.status_code == 200
    html = response.text
    assert_inert(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(2)&gt;" in html
    assert "<script" not in html
    assert "<img" not in html


def test_hostile_text_in_each_part_of_a_card(hostile: TestClient) -> None:
    html = hostile.get("/embed/figures/hostile-figure").text
    assert "<h1>at least 2 &#34;&gt;&lt;img src=x onerror=alert(2)&gt;</h1>" in html
    assert '<p class="claim">Claimed by javascript:alert(3).</p>' in html
    assert '<mark>twice</mark><span class="context">.…</span>' in html
    statement = hostile.get("/embed/statements/hostile-statement").text
    assert (
        "<title>javascript:alert(3): &lt;script&gt;alert(1)&lt;/script&gt; and &#34;&gt;&lt;img"
        " src=x onerror=alert(2)&gt; — conflict-facts</title>"
    ) in statement


def test_oembed_html_escapes_every_attribute(hostile: TestClient) -> None:
    response = hostile.get(
        "/oembed", params={"url": "http://testserver/embed/statements/hostile-statement"}
    )
    assert response.status_code == 200
    body = response.json()
    title = f"{JS_URL}: {SCRIPT} and {BREAKOUT}"
    assert body["title"] == title
    ((tag, attrs),) = Tags(body["html"]).tags
    assert tag == "iframe"
    assert attrs == {
        "src": "http://testserver/embed/statements/hostile-statement",
        "width": "480",
        "height": "320",
        "title": title,
        "loading": "lazy",
        "referrerpolicy": "no-referrer",
        "sandbox": "allow-popups allow-popups-to-escape-sandbox",
    }


def test_oembed_of_a_figure(client: TestClient) -> None:
    url = "http://testserver/embed/figures/war-2020-deaths"
    response = client.get("/oembed", params={"url": url, "format": "json", "maxwidth": 400})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {
        "version": "1.0",
        "type": "rich",
        "html": (
            '<iframe src="http://testserver/embed/figures/war-2020-deaths" width="400" '
            'height="320" title="more than 6,500 people: deaths" loading="lazy" '
            'referrerpolicy="no-referrer" sandbox="allow-popups allow-popups-to-escape-sandbox">'
            "</iframe>"
        ),
        "width": 400,
        "height": 320,
        "title": "more than 6,500 people: deaths",
        "provider_name": "conflict-facts",
        "provider_url": "http://testserver/",
    }


def test_oembed_of_an_explorer_record(client: TestClient) -> None:
    url = "http://testserver/#statements/bayramov-withdrawal-demand"
    body = client.get("/oembed", params={"url": url, "maxheight": 200}).json()
    assert body["height"] == 200
    assert 'src="http://testserver/embed/statements/bayramov-withdrawal-demand"' in body["html"]


@pytest.mark.parametrize(
    "url",
    [
        "http://evil.example/embed/figures/war-2020-deaths",  # not this service
        "http://testserver.evil.example/embed/figures/war-2020-deaths",
        "javascript:alert(1)//http://testserver/embed/figures/war-2020-deaths",
        "http://testserver/embed/actors/azerbaijan",  # no card of that kind
        "http://testserver/v1/figures/war-2020-deaths",
        "http://testserver/embed/figures/war-2020-deaths?x=1",
        "http://testserver/#figures/war-2020-deaths/more",
        "not a url",
    ],
)
def test_oembed_of_anything_else_is_404(client: TestClient, url: str) -> None:
    response = client.get("/oembed", params={"url": url})
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == (
        f"{url!r} is not a card or a record of this service (http://testserver/)."
    )


def test_oembed_of_a_fact_that_does_not_exist_is_404(client: TestClient) -> None:
    url = "http://testserver/embed/figures/no-such-figure"
    response = client.get("/oembed", params={"url": url})
    assert response.status_code == 404
    assert response.json()["detail"] == "No figure with id 'no-such-figure'."


def test_oembed_formats_other_than_json_are_501(client: TestClient) -> None:
    url = "http://testserver/embed/figures/war-2020-deaths"
    response = client.get("/oembed", params={"url": url, "format": "xml"})
    assert response.status_code == 501
    assert response.json() == {
        "type": "about:blank",
        "title": "Not Implemented",
        "status": 501,
        "detail": "format='xml' is not served; use format=json.",
        "instance": "/oembed",
    }


@pytest.mark.parametrize(
    ("params", "name"), [({}, "url"), ({"url": "x", "maxwidth": "0"}, "maxwidth")]
)
def test_oembed_bad_parameters_are_422(
    client: TestClient, params: dict[str, str], name: str
) -> None:
    response = client.get("/oembed", params=params)
    assert response.status_code == 422
    assert [error["name"] for error in response.json()["errors"]] == [name]


def test_cards_have_oembed_discovery(client: TestClient) -> None:
    html = client.get("/embed/events/aliyev-pashinyan-brussels-meeting-2022-04").text
    (link,) = [a for tag, a in Tags(html).tags if tag == "link" and a.get("rel") == "alternate"]
    assert link["type"] == "application/json+oembed"
    href = link["href"]
    assert href is not None
    assert href == (
        "http://testserver/oembed?url=http%3A%2F%2Ftestserver%2Fembed%2Fevents%2F"
        "aliyev-pashinyan-brussels-meeting-2022-04&format=json"
    )
    assert client.get(href).json()["title"] == "Aliyev and Pashinyan meet in Brussels in April"
    assert "<time>2022-04</time>" in html


def test_unknown_cards_are_404(client: TestClient) -> None:
    assert client.get("/embed/figures/no-such-figure").status_code == 404
    response = client.get("/embed/actors/azerbaijan")
    assert response.status_code == 404
    assert response.json()["detail"] == ("No card kind 'actors': events, figures or statements.")


def csp(response: Any) -> dict[str, str]:
    header: str = response.headers["content-security-policy"]
    return dict(directive.split(" ", 1) for directive in header.split("; "))


def test_cards_may_be_framed_anywhere_and_run_no_script(client: TestClient) -> None:
    response = client.get("/embed/figures/missing-azerbaijanis")
    style = re.search(r"<style>(.*?)</style>", response.text, re.S)
    assert style is not None
    digest = base64.b64encode(hashlib.sha256(style[1].encode()).digest()).decode()
    assert csp(response) == {
        "default-src": "'none'",
        "style-src": f"'sha256-{digest}'",
        "base-uri": "'none'",
        "form-action": "'none'",
        "frame-ancestors": "*",
    }
    assert "x-frame-options" not in response.headers
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


def test_the_explorer_page_runs_only_its_own_script_and_is_never_framed(
    client: TestClient,
) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    policy = csp(response)
    assert policy["script-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert response.headers["x-frame-options"] == "DENY"
    assert "set-cookie" not in response.headers
    scripts = [a for tag, a in Tags(response.text).tags if tag == "script"]
    assert scripts == [{"src": "static/explorer.js", "defer": None}]  # relative: works mounted
    for asset in ("static/explorer.js", "static/explorer.css"):
        assert client.get(f"/{asset}").status_code == 200
        assert client.get(f"/{asset}").headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_pages_allow_only_their_own_inline_script(client: TestClient, page: str) -> None:
    response = client.get(page)
    policy = csp(response)
    inline = re.findall(r"<script>(.*?)</script>", response.text, re.S)
    hashes = [
        f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in inline
    ]
    assert policy["script-src"] == " ".join(["'self'", *hashes])
    assert "unsafe-inline" not in policy["script-src"]
    assert policy["frame-ancestors"] == "'none'"
    assert response.headers["x-frame-options"] == "DENY"


def test_json_responses_are_not_sniffed(client: TestClient) -> None:
    response = client.get("/v1/timeline?limit=1")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "content-security-policy" not in response.headers


def test_links_and_oembed_keep_the_prefix_the_app_is_mounted_under(seeded_url: str) -> None:
    host = Starlette(routes=[Mount("/facts", app=create_app(Settings(database_url=seeded_url)))])
    with TestClient(host) as client:
        card = client.get("/facts/embed/figures/war-2020-deaths")
        assert card.headers["content-security-policy"].endswith("frame-ancestors *")
        assert 'href="http://testserver/facts/#figures/war-2020-deaths"' in card.text
        url = "http://testserver/facts/embed/figures/war-2020-deaths"
        body = client.get("/facts/oembed", params={"url": url}).json()
        assert body["provider_url"] == "http://testserver/facts/"
        assert f'src="{url}"' in body["html"]
        outside = "http://testserver/embed/figures/war-2020-deaths"
        assert client.get("/facts/oembed", params={"url": outside}).status_code == 404
        assert client.get("/facts/").headers["x-frame-options"] == "DENY"
        assert client.get("/facts/static/explorer.js").status_code == 200


def test_links_keep_a_proxy_root_path(seeded_url: str) -> None:
    app = create_app(Settings(database_url=seeded_url))
    with TestClient(app, root_path="/facts") as client:
        card = client.get("/embed/statements/mirzoyan-prisoners-of-war")
        assert 'href="http://testserver/facts/v1/statements/mirzoyan-prisoners-of-war"' in card.text
        assert card.headers["content-security-policy"].endswith("frame-ancestors *")


@pytest.fixture(scope="module")
def rivals(rivals_url: str) -> Iterator[TestClient]:
    """A client of the seed with two more claims of the 2020 war's deaths."""
    with TestClient(create_app(Settings(database_url=rivals_url))) as client:
        yield client


class Chart(HTMLParser):
    """The rows of a competing-figures chart: each claim's words and lines, its bar, its link."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.rows: list[dict[str, Any]] = []
        self.ticks: list[str] = []
        self._span: str | None = None
        self._tick = False
        self._in_row = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "li" and "claim-row" in (found.get("class") or ""):
            self.rows.append({"current": "current" in (found["class"] or ""), "shapes": []})
            self._in_row = True
        elif not self._in_row:
            self._tick = tag == "text"
        elif tag == "a" and "href" not in self.rows[-1]:
            self.rows[-1]["href"] = found["href"]
        elif tag == "span":
            self._span = found.get("class")
        elif tag in ("line", "circle") and found.get("class") != "track":
            self.rows[-1]["shapes"].append({k: v for k, v in found.items() if k != "y1"})

    def handle_endtag(self, tag: str) -> None:
        self._in_row &= tag != "li"

    def handle_data(self, data: str) -> None:
        if self._span:
            self.rows[-1][self._span] = data
            self._span = None
        elif self._tick:
            self.ticks.append(data)
            self._tick = False


def test_a_comparison_card_draws_every_live_claim(rivals: TestClient) -> None:
    response = rivals.get("/embed/compare/nagorno-karabakh-war-2020/deaths")
    assert response.status_code == 200
    assert csp(response)["frame-ancestors"] == "*"
    assert_inert(response.text)
    chart = Chart(response.text)
    source = "http://testserver/sources/{}?fact=figures%2F{}#figures/{}"
    assert [{k: v for k, v in row.items() if k != "shapes"} for row in chart.rows] == [
        {
            "current": False,
            "href": source.format("presstv-armenia-azerbaijan-talks", *["war-2020-deaths"] * 2),
            "words": "more than 6,500 people",
            "scope": "(both sides)",
            "who": "stated by Press TV",
            "span": "6,500 or more, no upper bound",
        },
        {
            "current": False,
            "href": source.format("harbour-ledger-war-toll", *["ledger-war-2020-deaths"] * 2),
            "words": "6,912 people",
            "scope": "(both sides)",
            "who": "stated by The Harbour Ledger",
            "span": "exactly 6,912",
        },
        {
            "current": False,
            "href": source.format("harbour-ledger-war-toll", *["monitor-war-2020-deaths"] * 2),
            "words": "nearly 7,300 people",
            "scope": "(both sides)",
            "who": "claimed by Regional Casualty Monitor, per The Harbour Ledger",
            "span": "up to 7,300, no lower bound",
        },
    ]
    # More than 6,500: open above, from 6,500; exactly 6,912: a point; nearly 7,300: open below.
    assert [row["shapes"] for row in chart.rows] == [
        [
            {"class": "range open", "x1": "65.0%", "x2": "100.0%", "y2": "10",
             "marker-end": "url(#card-open)"},
            {"class": "value", "cx": "65.0%", "cy": "10", "r": "6"},
        ],
        [{"class": "value", "cx": "69.12%", "cy": "10", "r": "6"}],
        [
            {"class": "range open", "x1": "0.0%", "x2": "73.0%", "y2": "10",
             "marker-start": "url(#card-open)"},
            {"class": "value", "cx": "73.0%", "cy": "10", "r": "6"},
        ],
    ]  # fmt: skip
    assert chart.ticks == ["0", "2,000", "4,000", "6,000", "8,000", "10,000"]
    assert "<h1>Deaths: 3 claims</h1>" in response.text
    assert 'href="http://testserver/#compare/nagorno-karabakh-war-2020/deaths"' in response.text


def test_a_comparison_card_leaves_out_retracted_claims_and_unknown_metrics(
    rivals: TestClient, client: TestClient
) -> None:
    assert len(Chart(client.get("/embed/compare/nagorno-karabakh-war-2020/deaths").text).rows) == 1
    for path in (
        "/embed/compare/nagorno-karabakh-war-2020/no-such-metric",
        "/embed/compare/no-such-event/deaths",
    ):
        response = rivals.get(path)
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"


def test_a_figure_card_links_the_comparison_of_its_claims(
    rivals: TestClient, client: TestClient
) -> None:
    link = (
        '<a href="http://testserver/embed/compare/nagorno-karabakh-war-2020/deaths" '
        'target="_blank" rel="noopener noreferrer">Compare the 3 claims of deaths</a>'
    )
    assert link in rivals.get("/embed/figures/war-2020-deaths").text
    assert "Compare the" not in client.get("/embed/figures/war-2020-deaths").text  # one claim


@pytest.mark.parametrize(
    "url",
    [
        "http://testserver/embed/compare/nagorno-karabakh-war-2020/deaths",
        "http://testserver/#compare/nagorno-karabakh-war-2020/deaths",
    ],
)
def test_oembed_of_a_comparison_fits_its_claims(rivals: TestClient, url: str) -> None:
    body = rivals.get("/oembed", params={"url": url}).json()
    height = 200 + 3 * 100
    assert body["width"] == 480
    assert body["height"] == height
    assert body["title"] == (
        "Deaths: 3 claims — 2020 war between Armenia and Azerbaijan over Nagorno-Karabakh"
    )
    ((tag, attrs),) = Tags(body["html"]).tags
    assert (tag, attrs["src"], attrs["width"], attrs["height"]) == (
        "iframe",
        "http://testserver/embed/compare/nagorno-karabakh-war-2020/deaths",
        "480",
        str(height),
    )
    narrow = rivals.get("/oembed", params={"url": url, "maxwidth": 320, "maxheight": 300}).json()
    assert (narrow["width"], narrow["height"]) == (320, 300)
    assert 'width="320" height="300"' in narrow["html"]
