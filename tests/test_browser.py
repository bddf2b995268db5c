"""The explorer, the source view, embed cards and the docs in a real browser: Debian's chromium,
driven by playwright, against real uvicorn servers on free local ports, with every other request
aborted. axe-core (node_modules/, from package-lock.json) checks each kind of page.

Screenshots go to tests/artifacts/ (git-ignored); `make screenshots` takes them all again.
"""

import re
import socket
import threading
import time
from collections.abc import Iterator
from http import HTTPStatus
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, Route, expect, sync_playwright
from starlette import routing
from starlette.applications import Starlette
from starlette.responses import HTMLResponse

from app import create_app, synth
from app.db import make_engine
from app.settings import Settings
from app.writes import writing
from tests.conftest import load, migrated
from tests.hostile import BREAKOUT, SCRIPT, hostile_bundle

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LOCAL = ("127.0.0.1", "localhost")
WAR = "nagorno-karabakh-war-2020"


class Server:
    """A uvicorn server of `app` on a free port of 127.0.0.1, in a thread."""

    def __init__(self, app: Any) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, args=([self.socket],))
        self.thread.start()
        while not self.server.started:  # polled: uvicorn offers no event to wait on
            assert self.thread.is_alive(), "uvicorn did not start"
            time.sleep(0.01)

    def close(self) -> None:
        self.server.should_exit = True
        self.thread.join()
        self.socket.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's chromium "
            "(`apt-get update && apt-get install -y chromium`).",
            pytrace=False,
        )
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def api(seeded_url: str) -> Iterator[str]:
    server = Server(create_app(Settings(database_url=seeded_url)))
    yield server.url
    server.close()


@pytest.fixture(scope="module")
def rivals(rivals_url: str) -> Iterator[str]:
    """A server of the seed and a made-up second source claiming the 2020 war's deaths."""
    server = Server(create_app(Settings(database_url=rivals_url)))
    yield server.url
    server.close()


class Visit:
    """A fresh browser page that may reach only 127.0.0.1, what it asked for, and what went
    wrong on it."""

    def __init__(
        self,
        browser: Browser,
        width: int = 1280,
        scheme: Literal["light", "dark"] = "light",
        script: bool = True,
    ) -> None:
        self.context = browser.new_context(
            viewport={"width": width, "height": 900},
            color_scheme=scheme,
            java_script_enabled=script,
        )
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context.route("**/*", self._local_only)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", self._dialog)

    def _local_only(self, route: Route) -> None:
        url = urlsplit(route.request.url)
        if url.hostname in LOCAL:
            self.requests.append(f"{url.path}?{url.query}" if url.query else url.path)
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def _console(self, message: Any) -> None:
        # CSP violations and failed loads are reported as console errors.
        if message.type == "error":
            self.errors.append(message.text)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def check(self) -> None:
        """Assert nothing was fetched from the network, failed, or ran as script."""
        assert self.blocked == []
        assert self.errors == []
        assert self.dialogs == []
        assert self.context.cookies() == []
        self.context.close()


@pytest.fixture
def visit(browser: Browser) -> Iterator[Visit]:
    visit = Visit(browser)
    yield visit
    visit.check()


def failed(status: int) -> str:
    """Return the console error a browser logs for a request answered `status`."""
    phrase = HTTPStatus(status).phrase.replace("Content", "Entity")  # chromium's older words
    return f"Failed to load resource: the server responded with a status of {status} ({phrase})"


def serious_violations(page: Page) -> list[str]:
    """Return what axe-core finds serious or critical on `page`: rule, impact and where."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make install` (npm ci).", pytrace=False)
    # Evaluated through the debugging protocol, which the page's own policy does not restrict:
    # no page of the app allows an inline script, and cards allow no script at all.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    violations = page.evaluate("axe.run(document).then((result) => result.violations)")
    return [
        f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes']]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def test_the_first_screen_is_one_page_of_the_timeline(api: str, visit: Visit) -> None:
    page = visit.page
    page.goto(f"{api}/")
    expect(page.locator("#status")).to_have_text("10 events, oldest first.")
    talks = page.locator("li.event", has_text="foreign ministers hold talks in Tbilisi")
    expect(talks).to_be_visible()
    april = page.locator("li.event", has_text="Aliyev and Pashinyan meet in Brussels in April")
    expect(april.locator("time")).to_have_text("2022-04")
    page.wait_for_load_state("networkidle")
    # The page, its two style sheets, its script and icon, and one page of the timeline.
    assert sorted(visit.requests) == [
        "/",
        "/static/chart.css",
        "/static/explorer.css",
        "/static/explorer.js",
        "/static/icon.svg",
        "/v1/timeline?limit=20",
    ]
    page.screenshot(path=ARTIFACTS / "explorer.png", full_page=True)

    figure = talks.get_by_role("link", name=re.compile(r"^nearly 4,000 people missing persons"))
    figure.click()
    marks = page.locator("#panel mark")
    expect(marks).to_have_text(["nearly 4,000 missing Azerbaijanis"])
    expect(figure).to_have_attribute("aria-current", "true")
    expect(page.locator("#panel .check")).to_have_text(
        "✓ Each highlighted passage is exactly the cited text (1)."
    )
    expect(page.locator("#panel .source-meta")).to_have_text(
        "Press TV: “Armenia, Azerbaijan foreign ministers hold first bilateral talks since 2020”,"
        " relaying Azerbaijani Foreign Ministry"
    )
    expect(marks.first).to_be_in_viewport()
    assert page.evaluate("location.hash") == "#figures/missing-azerbaijanis"
    page.screenshot(path=ARTIFACTS / "explorer-figure.png")

    statement = talks.get_by_role("link", name=re.compile(r"^Jeyhun Bayramov: “the withdrawal"))
    statement.focus()
    page.keyboard.press("Enter")
    expect(marks).to_have_text(
        [
            "The Azerbaijani Foreign Ministry, for its part, said Bayramov demanded",
            "the withdrawal of the Armenian armed forces from the territory of Azerbaijan",
        ]
    )
    expect(figure).not_to_have_attribute("aria-current", "true")
    page.keyboard.press("Escape")
    expect(page.locator("#panel")).to_be_hidden()
    assert page.evaluate("location.hash") == ""


@pytest.mark.slow
def test_the_first_screen_costs_the_same_on_a_large_database(tmp_path: Path, visit: Visit) -> None:
    """A few thousand events here (CI's budget); docs/explorer.md has the figures at 1M."""
    url = migrated(tmp_path / "large.db")
    engine = make_engine(url)
    try:
        with writing(engine) as write:
            synth.load(write, 3_000, 1, by="cli:tests")
    finally:
        engine.dispose()
    server = Server(create_app(Settings(database_url=url)))
    try:
        page = visit.page
        sizes: list[int] = []
        page.on("response", lambda response: sizes.append(len(response.body())))
        page.goto(f"{server.url}/")
        expect(page.locator("#status")).to_have_text(
            "20 events, oldest first; more on the next page."
        )
        page.wait_for_load_state("networkidle")
        api = [request for request in visit.requests if request.startswith("/v1/")]
        assert api == ["/v1/timeline?limit=20"]
        assert len(visit.requests) == 6
        assert sum(sizes) < 150_000, sizes
        expect(page.locator("li.event")).to_have_count(20)

        page.get_by_role("link", name="Next page →").click()
        expect(page.locator("#status")).to_have_text(
            "20 events on page 2, oldest first; more on the next page."
        )
        assert "cursor=" in page.url
        assert "page=2" in page.url
        first = page.locator("li.event h3").first.inner_text()
        page.go_back()
        expect(page.locator("#status")).to_have_text(
            "20 events, oldest first; more on the next page."
        )
        page.go_forward()
        expect(page.locator("li.event h3").first).to_have_text(first)
    finally:
        server.close()


def test_search_then_open_a_figure_shows_its_passage(api: str, visit: Visit) -> None:
    page = visit.page
    page.goto(f"{api}/")
    expect(page.locator("#status")).to_have_text("10 events, oldest first.")
    page.get_by_label("Search", exact=True).fill("missing")
    page.keyboard.press("Enter")
    expect(page.locator("#results-heading")).to_have_text("Search: “missing”")
    hits = page.locator("li.hit")
    expect(hits).to_have_count(3)
    expect(hits.first.locator("mark")).to_have_text(["missing", "missing"])
    hits.first.get_by_role("link", name="missing persons: missing Azerbaijanis").click()
    expect(page.locator("#panel mark")).to_have_text(["nearly 4,000 missing Azerbaijanis"])
    expect(page.locator("#panel-heading")).to_have_text("Figure")
    assert page.url.endswith("/?q=missing#figures/missing-azerbaijanis")
    page.screenshot(path=ARTIFACTS / "explorer-search.png")
    # The source hit leads to the source view, with every cited passage marked.
    page.go_back()
    expect(page.locator("#panel")).to_be_hidden()
    hits.last.get_by_role("link").click()
    expect(page.locator("h1")).to_have_text(
        "Armenia, Azerbaijan foreign ministers hold first bilateral talks since 2020"
    )
    expect(page.locator(".source-text mark").first).to_be_visible()


def test_filters_and_history_restore_the_view(api: str, visit: Visit, browser: Browser) -> None:
    page = visit.page
    page.goto(f"{api}/")
    expect(page.locator("#status")).to_have_text("10 events, oldest first.")
    page.get_by_label("Type").select_option("diplomatic_meeting")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#status")).to_have_text("4 events, oldest first.")
    assert page.url == f"{api}/?type=diplomatic_meeting"
    page.get_by_label("Country").fill("be")
    page.get_by_label("Order").select_option("-start_date")
    page.get_by_label("Country").press("Enter")
    expect(page.locator("#status")).to_have_text("2 events, newest first.")
    expect(page.locator("li.event h3")).to_have_text(
        [
            "Aliyev and Pashinyan meet in Brussels in May",
            "Aliyev and Pashinyan meet in Brussels in April",
        ]
    )
    assert page.url == f"{api}/?type=diplomatic_meeting&country=BE&sort=-start_date"
    page.locator("li.event").first.get_by_role("link", name=re.compile("^Evidence")).click()
    expect(page.locator("#panel mark").first).to_be_visible()

    page.go_back()  # the panel closes; the list stays
    expect(page.locator("#panel")).to_be_hidden()
    expect(page.locator("li.event")).to_have_count(2)
    page.go_back()  # the type only
    expect(page.locator("#status")).to_have_text("4 events, oldest first.")
    expect(page.get_by_label("Country")).to_have_value("")
    expect(page.get_by_label("Type")).to_have_value("diplomatic_meeting")
    page.go_forward()
    expect(page.locator("#status")).to_have_text("2 events, newest first.")
    expect(page.get_by_label("Country")).to_have_value("BE")
    expect(page.get_by_label("Order")).to_have_value("-start_date")

    # The same URL in a fresh browser shows the same view.
    other = Visit(browser)
    other.page.goto(f"{api}/?type=diplomatic_meeting&country=BE&sort=-start_date")
    expect(other.page.locator("li.event h3")).to_have_text(
        [
            "Aliyev and Pashinyan meet in Brussels in May",
            "Aliyev and Pashinyan meet in Brussels in April",
        ]
    )
    other.check()

    page.get_by_label("To", exact=True).fill("2022-04-30")
    page.get_by_label("From", exact=True).fill("2022-05-01")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#status")).to_have_text(
        "Could not load the timeline: to: `to` is before `from`"
    )
    assert visit.errors == [failed(422)]  # the browser logs the refused request
    visit.errors.clear()
    page.get_by_role("link", name="Clear").click()
    expect(page.locator("#status")).to_have_text("10 events, oldest first.")
    assert page.url == f"{api}/"


def test_actor_and_place_pickers_look_names_up_as_typed(api: str, visit: Visit) -> None:
    """The pickers ask `q` on /v1/actors and /v1/places for a few names once typing pauses;
    the keyboard or a click chooses one, and its id goes into the URL."""
    page = visit.page
    page.goto(f"{api}/")
    expect(page.locator("#status")).to_have_text("10 events, oldest first.")
    actor = page.get_by_role("combobox", name="Actor")
    actor.press_sequentially("AZERI", delay=20)
    options = page.get_by_role("listbox", name="Actor suggestions").get_by_role("option")
    expect(options).to_have_text(["Ilham Aliyev ilham-aliyev"])  # by an alias, in any case
    expect(actor).to_have_attribute("aria-expanded", "true")
    assert serious_violations(page) == []
    page.screenshot(path=ARTIFACTS / "explorer-picker.png")
    actor.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    expect(actor).to_have_attribute("aria-activedescendant", "actor-options-0")
    actor.press("Enter")  # chooses
    expect(actor).to_have_value("ilham-aliyev")
    expect(actor).to_have_attribute("aria-expanded", "false")
    actor.press("Enter")  # submits
    expect(page.locator("#status")).to_have_text("3 events, oldest first.")
    assert page.url == f"{api}/?actor=ilham-aliyev"

    place = page.get_by_role("combobox", name="Place")
    place.press_sequentially("brus", delay=20)
    suggestions = page.get_by_role("listbox", name="Place suggestions")
    suggestions.get_by_role("option", name="Brussels brussels").click()
    expect(place).to_have_value("brussels")
    place.press_sequentially("x")
    expect(page.locator("#place-count")).to_have_text("No place named “brusselsx”.")
    place.fill("")
    place.press_sequentially("tbil", delay=20)
    expect(suggestions.get_by_role("option")).to_have_text(["Tbilisi tbilisi"])
    place.press("Escape")  # closes the suggestions only
    expect(suggestions).to_be_hidden()
    lookups = [r for r in visit.requests if r.startswith(("/v1/actors", "/v1/places"))]
    # One request a pause, each bounded; never the first 100 of every actor.
    assert lookups == [
        "/v1/actors?q=AZERI&limit=10&sort=name",
        "/v1/places?q=brus&limit=10&sort=name",
        "/v1/places?q=brusselsx&limit=10&sort=name",
        "/v1/places?q=tbil&limit=10&sort=name",
    ]


def test_enter_on_a_typed_name_picks_its_record_or_says_none_matches(
    api: str, visit: Visit
) -> None:
    """Enter without a highlighted suggestion takes the one suggestion named exactly so (in any
    case, with or without accents), or the only one; an id typed in still works. Otherwise the
    view stays as it was, no timeline is asked for, and the field says why."""
    page = visit.page
    page.goto(f"{api}/")
    expect(page.locator("#status")).to_have_text("10 events, oldest first.")
    actor = page.get_by_role("combobox", name="Actor")
    problem = page.locator("#actor-problem")
    expect(problem).to_have_attribute("aria-live", "assertive")

    actor.fill("nobody here")  # no suggestion, and not an id
    actor.press("Enter")
    expect(problem).to_have_text("No actor matches “nobody here”.")
    expect(actor).to_have_attribute("aria-invalid", "true")
    expect(actor).to_be_focused()
    assert page.url == f"{api}/"

    actor.fill("arm")  # Armenia and the Armenian Foreign Ministry: neither named so
    actor.press("Enter")
    expect(problem).to_have_text("No single actor is named “arm”: choose one of the 2 suggestions.")
    options = page.get_by_role("listbox", name="Actor suggestions").get_by_role("option")
    expect(options).to_have_text(
        ["Armenia armenia", "Armenian Foreign Ministry armenia-foreign-ministry"]
    )
    assert page.url == f"{api}/"
    page.screenshot(path=ARTIFACTS / "explorer-picker-ambiguous.png")
    actor.press("ArrowDown")
    actor.press("Enter")  # the highlighted one
    expect(actor).to_have_value("armenia")
    expect(problem).to_have_text("")
    expect(actor).not_to_have_attribute("aria-invalid", "true")
    actor.press("Enter")
    expect(page).to_have_url(f"{api}/?actor=armenia")
    expect(page.locator("#status")).to_have_text("5 events, oldest first.")

    actor.fill("AZERBAÏJAN")  # two suggestions, one named so but for case and accent
    actor.press("Enter")
    expect(page).to_have_url(f"{api}/?actor=azerbaijan")
    expect(page.locator("#status")).to_have_text("5 events, oldest first.")
    expect(actor).to_have_value("azerbaijan")

    actor.fill("aliy")  # the only suggestion, without waiting for it
    actor.press("Enter")
    expect(page).to_have_url(f"{api}/?actor=ilham-aliyev")
    expect(page.locator("#status")).to_have_text("3 events, oldest first.")

    actor.fill("european-union")  # an id that no name holds: nothing suggested
    actor.press("Enter")
    expect(page).to_have_url(f"{api}/?actor=european-union")
    expect(page.locator("#status")).to_have_text("1 event, oldest first.")

    place = page.get_by_role("combobox", name="Place")
    place.fill("Tbilisi, Georgia")  # with the button this time
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#place-problem")).to_have_text("No place matches “Tbilisi, Georgia”.")
    expect(place).to_be_focused()
    assert page.url == f"{api}/?actor=european-union"
    assert serious_violations(page) == []
    # Only what the page showed was asked of the timeline: never a name it would refuse (422).
    timelines = [r for r in visit.requests if r.startswith("/v1/timeline")]
    assert timelines == [
        "/v1/timeline?limit=20",
        "/v1/timeline?limit=20&actor=armenia",
        "/v1/timeline?limit=20&actor=azerbaijan",
        "/v1/timeline?limit=20&actor=ilham-aliyev",
        "/v1/timeline?limit=20&actor=european-union",
    ]


def test_an_actor_hit_opens_its_timeline(api: str, visit: Visit) -> None:
    page = visit.page
    page.goto(f"{api}/?q=baku&kind=actor")
    hit = page.locator("li.hit")
    expect(hit).to_have_count(1)
    expect(hit.locator(".when")).to_have_text("Actor")
    hit.get_by_role("link", name="Azerbaijan").click()
    expect(page.locator("#status")).to_have_text("5 events, oldest first.")
    assert page.url == f"{api}/?actor=azerbaijan"
    expect(page.get_by_role("combobox", name="Actor")).to_have_value("azerbaijan")


def test_a_malformed_address_names_no_fact_and_breaks_nothing(api: str, visit: Visit) -> None:
    visit.page.goto(f"{api}/#%E0%A4%A")
    expect(visit.page.locator("#status")).to_have_text("10 events, oldest first.")
    expect(visit.page.locator("#panel")).to_contain_text("is not the address of a fact")
    visit.page.goto(f"{api}/#figures/no-such-figure")
    expect(visit.page.locator("#panel")).to_contain_text(
        "Could not show it: No figure with id 'no-such-figure'."
    )
    expect(visit.page.locator("#status")).to_have_text("10 events, oldest first.")
    assert visit.errors == [failed(404)]
    visit.errors.clear()


def test_competing_figures_are_drawn_with_their_claimants(rivals: str, visit: Visit) -> None:
    page = visit.page
    page.goto(f"{rivals}/")
    war = page.locator("li.event", has_text="2020 war between Armenia and Azerbaijan")
    war.get_by_role("link", name="Compare the 3 claims of deaths ▸").click()
    chart = page.locator("#panel figure.chart")
    rows = chart.locator(".claim-row")
    expect(rows.locator(".words")).to_have_text(
        ["more than 6,500 people", "6,912 people", "nearly 7,300 people"]
    )
    expect(rows.locator(".who")).to_have_text(
        [
            "stated by Press TV",
            "stated by The Harbour Ledger",
            "claimed by Regional Casualty Monitor, per The Harbour Ledger",
        ]
    )
    expect(rows.locator(".span")).to_have_text(
        ["6,500 or more, no upper bound", "exactly 6,912", "up to 7,300, no lower bound"]
    )
    assert page.url.endswith(f"#compare/{WAR}/deaths")
    # Open ends reach the edge of the axis; an exact figure is a point.
    assert rows.nth(0).locator("line.range").get_attribute("x2") == "100%"
    assert rows.nth(1).locator("line.range").count() == 0
    assert rows.nth(2).locator("line.range").get_attribute("x1") == "0%"
    chart.screenshot(path=ARTIFACTS / "chart.png")

    rows.nth(2).get_by_role("link").click()  # the bar leads to its passage
    expect(page.locator("#panel mark")).to_have_text(["nearly 7,300 people killed"])
    expect(page.locator("#panel .claim-row.current .words")).to_have_text("nearly 7,300 people")
    page.screenshot(path=ARTIFACTS / "explorer-chart.png")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [320, 800])
def test_cards_fit_their_frame_in_either_scheme(
    rivals: str, browser: Browser, width: int, scheme: Literal["light", "dark"]
) -> None:
    visit = Visit(browser, width=width, scheme=scheme)
    page = visit.page
    for name, path in [
        ("compare", f"/embed/compare/{WAR}/deaths"),
        ("figure", "/embed/figures/war-2020-deaths"),
    ]:
        page.goto(f"{rivals}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert size >= 15
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background == ("rgb(255, 255, 255)" if scheme == "light" else "rgb(13, 17, 23)")
        page.screenshot(path=ARTIFACTS / f"card-{name}-{width}-{scheme}.png", full_page=True)
    expect(page.locator("a", has_text="Compare the 3 claims of deaths")).to_be_visible()
    visit.check()


def test_cards_and_the_source_view_need_no_script(rivals: str, browser: Browser) -> None:
    visit = Visit(browser, script=False)
    page = visit.page
    page.goto(f"{rivals}/embed/compare/{WAR}/deaths")
    expect(page.locator(".claim-row .who")).to_have_count(3)
    with page.expect_popup() as opened:
        page.locator(".claim-row a").last.click()  # to its passage, in a new tab
    source = opened.value
    assert source.url == (
        f"{rivals}/sources/harbour-ledger-war-toll?fact=figures%2Fmonitor-war-2020-deaths"
        "#figures/monitor-war-2020-deaths"
    )
    expect(source.locator(".passage.current mark")).to_have_text("nearly 7,300 people killed")
    expect(source.locator(".passage.current mark")).to_be_in_viewport()
    source.locator(".passage.current").click()  # to the facts it supports
    expect(source.locator("li:target")).to_contain_text("Regional Casualty Monitor")
    visit.check()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "path",
    [
        f"/#compare/{WAR}/deaths",
        "/?q=war#figures/war-2020-deaths",
        f"/embed/compare/{WAR}/deaths",
        "/embed/statements/bayramov-withdrawal-demand",
        "/sources/presstv-armenia-azerbaijan-talks?fact=figures/war-2020-deaths",
    ],
)
def test_axe_finds_nothing_serious(
    rivals: str, browser: Browser, path: str, scheme: Literal["light", "dark"]
) -> None:
    visit = Visit(browser, scheme=scheme)
    visit.page.goto(f"{rivals}{path}")
    if path.startswith("/#") or path.startswith("/?"):
        expect(visit.page.locator("#panel figure.chart")).to_be_visible()
        expect(visit.page.locator("#status")).not_to_have_text("Loading…")
    assert serious_violations(visit.page) == []
    visit.check()


def test_a_record_url_opens_its_fact(api: str, visit: Visit) -> None:
    visit.page.goto(f"{api}/#events/aliyev-pashinyan-brussels-meeting-2022-04")
    expect(visit.page.locator("#panel mark")).to_have_text(
        [
            "Azeri President Ilham Aliyev and Armenian Prime Minister Nikol Pashinyan met in "
            "Brussels in April and May"
        ]
    )


def test_hostile_text_stays_text_and_offsets_count_code_points(
    tmp_path: Path, visit: Visit
) -> None:
    url = migrated(tmp_path / "hostile.db")
    load(url, hostile_bundle())
    server = Server(create_app(Settings(database_url=url)))
    try:
        page = visit.page
        page.goto(f"{server.url}/")
        fact = page.get_by_role("link", name=re.compile("^javascript:alert"))
        expect(fact).to_contain_text(SCRIPT)
        fact.click()
        # The source has a character beyond U+FFFF (two UTF-16 units) before the passage.
        expect(page.locator("#panel mark")).to_have_text([f"{SCRIPT} and {BREAKOUT}"])
        expect(page.locator("#panel .check")).to_have_class("check ok")
        assert page.evaluate("document.scripts.length") == 1
        assert page.locator("img").count() == 0
        page.screenshot(path=ARTIFACTS / "explorer-hostile.png")
    finally:
        server.close()


def test_a_card_renders_in_an_iframe_on_another_site(api: str, visit: Visit) -> None:
    card = f"{api}/embed/figures/war-2020-deaths"
    answer = visit.page.request.get(f"{api}/oembed", params={"url": card, "format": "json"})
    oembed = answer.json()

    def host_page(_request: Any) -> HTMLResponse:
        return HTMLResponse(f"<!DOCTYPE html><h1>Another site</h1>{oembed['html']}")

    other = Server(Starlette(routes=[routing.Route("/", host_page)]))
    try:
        assert other.url != api
        visit.page.goto(f"{other.url}/")
        frame = visit.page.frame_locator("iframe")
        expect(frame.locator("h1")).to_have_text("more than 6,500 people")
        expect(frame.locator("mark")).to_have_text("claimed more than 6,500 lives on both sides")
        expect(frame.locator(".claim")).to_have_text("Stated by the source itself.")
        visit.page.screenshot(path=ARTIFACTS / "embed-iframe.png")
    finally:
        other.close()


def test_the_explorer_works_mounted_under_a_prefix(seeded_url: str, visit: Visit) -> None:
    app = create_app(Settings(database_url=seeded_url))
    server = Server(Starlette(routes=[routing.Mount("/facts", app=app)]))
    try:
        visit.page.goto(f"{server.url}/facts/")
        fact = visit.page.get_by_role("link", name=re.compile("^more than 6,500 people"))
        fact.click()
        expect(visit.page.locator("#panel mark")).to_have_text(
            ["claimed more than 6,500 lives on both sides"]
        )
        assert visit.page.url == f"{server.url}/facts/#figures/war-2020-deaths"
        visit.page.get_by_role("link", name=re.compile("in the source view$")).click()
        expect(visit.page.locator(".source-text .passage.current mark")).to_contain_text(
            "claimed more than 6,500 lives on both sides"
        )
        assert visit.page.url.startswith(f"{server.url}/facts/sources/")
    finally:
        server.close()


@pytest.mark.parametrize(
    ("page", "title"),
    [("docs", ".swagger-ui .info .title"), ("redoc", "h1")],
)
def test_docs_render(api: str, visit: Visit, page: str, title: str) -> None:
    visit.page.goto(f"{api}/{page}")
    # Rendering the whole document (over 30 operations) takes seconds on a loaded machine.
    expect(visit.page.locator(title).first).to_contain_text("conflict-facts", timeout=20_000)
    expect(visit.page.get_by_text("/v1/timeline").first).to_be_attached()
    visit.page.screenshot(path=ARTIFACTS / f"{page}.png")
    if page == "redoc":
        # ReDoc shows its maker's logo from its CDN; the page's policy keeps it offline.
        logo = "Loading the image 'https://cdn.redoc.ly/redoc/logo-mini.svg' violates"
        assert len(visit.errors) == 1
        assert visit.errors[0].startswith(logo)
        visit.errors.clear()


@pytest.mark.parametrize("maxwidth", [None, 320])
def test_a_comparison_card_fits_the_frame_oembed_gives_it(
    rivals: str, visit: Visit, maxwidth: int | None
) -> None:
    card = f"{rivals}/embed/compare/{WAR}/deaths"
    params: dict[str, Any] = {"url": card} | ({"maxwidth": maxwidth} if maxwidth else {})
    oembed = visit.page.request.get(f"{rivals}/oembed", params=params).json()

    def host_page(_request: Any) -> HTMLResponse:
        return HTMLResponse(f"<!DOCTYPE html><h1>Another site</h1>{oembed['html']}")

    other = Server(Starlette(routes=[routing.Route("/", host_page)]))
    try:
        visit.page.goto(f"{other.url}/")
        frame = visit.page.frame_locator("iframe")
        expect(frame.locator(".claim-row")).to_have_count(3)
        inner = visit.page.frames[1]
        content = inner.evaluate("document.querySelector('footer').getBoundingClientRect().bottom")
        assert content <= oembed["height"] - 12, (content, oembed["width"], oembed["height"])
        assert inner.evaluate("document.documentElement.scrollWidth") <= oembed["width"]
        visit.page.screenshot(path=ARTIFACTS / f"embed-compare-{oembed['width']}.png")
    finally:
        other.close()


def test_axe_reports_what_it_finds(visit: Visit) -> None:
    """The check above can fail: a page with an unlabelled field and a nameless link."""

    def bad_page(_request: Any) -> HTMLResponse:
        page = '<!DOCTYPE html><html lang="en"><title>Bad</title><input><a href="/"></a></html>'
        return HTMLResponse(page)

    other = Server(Starlette(routes=[routing.Route("/", bad_page)]))
    try:
        visit.page.goto(f"{other.url}/")
        found = serious_violations(visit.page)
        assert [v.split(" ")[0] for v in found] == ["label", "link-name"], found
    finally:
        other.close()
