"""The manual builds as a site with MkDocs Material, strictly and offline."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_manual_builds_strictly_and_loads_nothing_from_elsewhere(tmp_path: Path) -> None:
    """`mkdocs build --strict` fails on any warning: a broken link or anchor, a page left out."""
    site = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    pages = sorted(site.glob("*.html"))
    assert {page.stem for page in pages} >= {p.stem for p in (ROOT / "docs").glob("*.md")}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        # Scripts, style sheets, images and fonts all come from the site itself.
        assert not re.findall(r"<(?:script|link|img)[^>]+(?:src|href)=\"(?:https?:)?//", html), page
