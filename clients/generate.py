"""Generate the typed Python client, clients/python/, from the app's OpenAPI document.

    .venv/bin/python clients/generate.py [--out DIR]        (`make client`)

The generator, openapi-python-client, runs from a virtualenv of its own, .venv-client/, with
exactly clients/generator.lock (`make install` builds it): it needs an older typer than the
app. tests/test_client.py generates into a temporary folder and requires the same files.

The client sends JSON: a request body the API also takes as YAML (a bundle) is offered to the
generator as JSON only, since it cannot write YAML.
"""

import argparse
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from app import create_app
from app.settings import Settings

HERE = Path(__file__).resolve().parent
GENERATOR = HERE.parent / ".venv-client" / "bin"


def generate(out: Path) -> None:
    """Write the client generated from the current OpenAPI document to `out`, replacing it."""
    if not (GENERATOR / "openapi-python-client").exists():
        raise SystemExit(f"{GENERATOR} has no openapi-python-client: run `make install`")
    document = create_app(Settings(database_url="sqlite://")).openapi()
    for path in document["paths"].values():
        for operation in path.values():
            operation.get("requestBody", {}).get("content", {}).pop("application/yaml", None)
    with tempfile.TemporaryDirectory() as tmp:
        spec = Path(tmp) / "openapi.json"
        spec.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
        target = Path(tmp) / "client"
        done = subprocess.run(  # noqa: S603 - the pinned generator on our own document
            [
                GENERATOR / "openapi-python-client",
                "generate",
                "--path",
                spec,
                "--output-path",
                target,
                "--config",
                HERE / "generator.yaml",
                "--meta",
                "setup",
            ],
            # Its post-generation hooks run its own ruff.
            env={**os.environ, "PATH": f"{GENERATOR}{os.pathsep}{os.environ['PATH']}"},
            capture_output=True,
            text=True,
            check=False,
        )
        # It warns, and still exits 0, when it leaves a part of the API out.
        if done.returncode or "Warning" in done.stdout + done.stderr:
            raise SystemExit(f"openapi-python-client failed:\n{done.stdout}{done.stderr}")
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(target, out)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "python")
    generate(parser.parse_args().out)
