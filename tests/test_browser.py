"""The explorer, an embed card and the docs in a real browser: Debian's chromium, driven by
playwright, against real uvicorn servers on free local ports, with every other request aborted.

Screenshots go to tests/artifacts/ (git-ignored); `make test` (or `.venv/bin/pytest -m browser`)
writes them again.
"""

import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import uvicorn
from playwright.sync_api import Browser, Route, expect, sync_playwright
from starlette import routing
from starlette.applications import Starlette
from starlette.responses import HTMLResponse

from app import create_app
from app.settings import Settings
from tests.conftest import load, migrated
from tests.hostile import BREAKOUT, SCRIPT, hostile_bundle

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
LOCAL = ("127.0.0.1", "localhost")


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


class Visit:
    """A fresh browser page that may reach only 127.0.0.1, and what went wrong on it."""

    def __init__(self, browser: Browser) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context.route("**/*", self._local_only)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", self._dialog)

    def _local_only(self, route: Route) -> None:
        if urlsplit(route.request.url).hostname in LOCAL:
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


def test_explorer_shows_the_timeline_and_a_figure_in_its_source(api: str, visit: Visit) -> None:
    page = visit.page
    page.goto(f"{api}/")
    talks = page.locator("li.event", has_text="foreign ministers hold talks in Tbilisi")
    expect(talks).to_be_visible()
    expect(page.locator("#status")).to_have_text("10 events, oldest first.")
    april = page.locator("li.event", has_text="Aliyev and Pashinyan meet in Brussels in April")
    expect(april.locator("time")).to_have_text("2022-04")
    expect(page.locator("h3.year")).to_have_text(
        ["2020 · 3 events", "2022 · 6 events", "Undated · 1 event"]
    )
    page.screenshot(path=ARTIFACTS / "explorer.png", full_page=True)

    figure = talks.get_by_role("button", name=re.compile(r"^nearly 4,000 people missing persons"))
    figure.click()
    marks = page.locator("#panel mark")
    expect(marks).to_have_text(["nearly 4,000 missing Azerbaijanis"])
    expect(figure).to_have_attribute("aria-pressed", "true")
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

    statement = talks.get_by_role("button", name=re.compile(r"^Jeyhun Bayramov: “the withdrawal"))
    statement.focus()
    page.keyboard.press("Enter")
    expect(marks).to_have_text(
        [
            "The Azerbaijani Foreign Ministry, for its part, said Bayramov demanded",
            "the withdrawal of the Armenian armed forces from the territory of Azerbaijan",
        ]
    )
    expect(figure).to_have_attribute("aria-pressed", "false")


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
        button = page.get_by_role("button", name=re.compile("^javascript:alert"))
        expect(button).to_contain_text(SCRIPT)
        button.click()
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
        button = visit.page.get_by_role("button", name=re.compile("^more than 6,500 people"))
        button.click()
        expect(visit.page.locator("#panel mark")).to_have_text(
            ["claimed more than 6,500 lives on both sides"]
        )
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
