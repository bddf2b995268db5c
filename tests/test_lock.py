"""The locks pin every dependency pyproject.toml declares, at a version it allows, with hashes.

A dependency added to pyproject.toml without `make lock` would otherwise be missing from
`make install` (which installs the locks only) and from a deployment.
"""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
EXTRAS = PROJECT["optional-dependencies"]


def pinned(lock: str) -> dict[str, str]:
    """Return {name: version} of a lock, checking that every pin carries hashes."""
    text = (ROOT / lock).read_text(encoding="utf-8")
    pins = re.findall(
        r"^([A-Za-z0-9_.-]+)==(\S+) \\\n(?:    --hash=sha256:[0-9a-f]{64}(?: \\)?\n)+", text, re.M
    )
    assert len(pins) == len(re.findall(r"^\S+==", text, re.M)), f"{lock}: a pin without hashes"
    return {canonicalize_name(name): version for name, version in pins}


@pytest.mark.parametrize(
    ("lock", "extras"),
    [("requirements.lock", ["postgres"]), ("requirements-dev.lock", list(EXTRAS))],
)
def test_the_lock_pins_every_declared_dependency(lock: str, extras: list[str]) -> None:
    pins = pinned(lock)
    declared = [*PROJECT["dependencies"], *(r for extra in extras for r in EXTRAS[extra])]
    environment = {**default_environment(), "extra": ""}
    for line in declared:
        requirement = Requirement(line)
        if requirement.marker and not requirement.marker.evaluate(environment):
            continue
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{lock} lacks {requirement}: run `make lock`"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"{lock} pins {name}=={pins[name]}, outside {requirement}: run `make lock`"
        )
