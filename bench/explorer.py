"""The explorer's first screen, measured in a real browser (docs/explorer.md).

    .venv/bin/python bench/explorer.py --database-url sqlite:///big.db [--visits 5]

Serves the app on the database (one uvicorn process, kept answers off, so every visit asks
the database), then opens each first screen in Debian's chromium, each visit in a fresh browser
context (nothing cached), with every request to another host aborted. For each screen it
prints the requests and bytes the browser fetched, the time from navigation to the list being
shown (the status line says so), and the server's CPU time for the visit: the first visit, then
the median and highest of the rest, and the median time of its API request.
"""

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Route, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
TICKS = os.sysconf("SC_CLK_TCK")

# A bare visit, links someone shared with a filter or the newest first, and a search.
SCREENS = ["/", "/?country=AM", "/?sort=-start_date", "/?q=ceasefire"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def cpu_seconds(pid: int) -> float:
    """Return the user and system CPU time process `pid` has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def visit(browser: Browser, url: str, pid: int) -> dict[str, Any]:
    """Open `url` in a fresh context; return its requests, bytes, milliseconds, server CPU and
    what the status line said."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    sizes: list[int] = []

    def local_only(route: Route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            route.abort()

    context.route("**/*", local_only)
    page = context.new_page()
    page.on("requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"]))
    before = cpu_seconds(pid)
    page.goto(url)
    page.wait_for_function(
        "() => !['', 'Loading…'].includes(document.getElementById('status').textContent)"
    )
    shown = page.evaluate("performance.now()")
    api = page.evaluate(
        "Math.max(0, ...performance.getEntriesByType('resource')"
        ".filter((e) => e.name.includes('/v1/')).map((e) => e.duration))"
    )
    page.wait_for_load_state("networkidle")
    status = page.locator("#status").inner_text()
    result = {
        "requests": len(sizes),
        "kilobytes": sum(sizes) / 1000,
        "ms": shown,
        "api_ms": api,
        "server_cpu_ms": (cpu_seconds(pid) - before) * 1000,
        "status": status,
    }
    context.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"), required=False)
    parser.add_argument("--visits", type=int, default=5, help="Visits per screen (default 5).")
    options = parser.parse_args()
    if not options.database_url:
        parser.error("--database-url (or DATABASE_URL) is required")
    port = free_port()
    env = {**os.environ, "DATABASE_URL": options.database_url}
    command = [sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory"]
    server = subprocess.Popen([*command, "--port", str(port), "--no-access-log"], cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"{base}/healthz"):  # noqa: S310
                    break
            except OSError:
                time.sleep(0.1)
        print(f"{'screen':<30} {'requests':>8} {'kB':>6} {'ms: first':>9} {'median':>6} "
              f"{'max':>5} {'API ms':>6} {'server CPU ms':>13}")  # fmt: skip
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM)
            for screen in SCREENS:
                runs = [visit(browser, base + screen, server.pid) for _ in range(options.visits)]
                rest: list[dict[str, Any]] = runs[1:] or runs
                ms = [run["ms"] for run in rest]
                cpu = statistics.median(run["server_cpu_ms"] for run in runs)
                api = statistics.median(run["api_ms"] for run in rest)
                print(
                    f"{screen:<30} {runs[0]['requests']:>8} {runs[0]['kilobytes']:>6.1f} "
                    f"{runs[0]['ms']:>9.0f} {statistics.median(ms):>6.0f} {max(ms):>5.0f} "
                    f"{api:>6.0f} {cpu:>13.0f}"
                )
                failed = {run["status"] for run in runs if run["status"].startswith("Could not")}
                for status in failed:  # the list's own request failed: say why
                    print(f"{'':<30} {status}")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
