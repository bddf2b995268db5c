"""The OpenAPI document: FastAPI's, with problem+json error bodies and examples from the seed."""

import json
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from app.problems import PROBLEM_JSON

EXAMPLES = Path(__file__).with_name("openapi_examples.json")
"""Real responses for the seed, keyed by operationId; a test keeps them equal to the API's."""


def load_examples() -> dict[str, dict[str, Any]]:
    """Return {operationId: {"path": request path, "body": response body}}."""
    examples: dict[str, dict[str, Any]] = json.loads(EXAMPLES.read_text(encoding="utf-8"))
    return examples


def install(app: FastAPI) -> None:
    """Make `app` serve its OpenAPI document with problem+json errors and seed examples."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = FastAPI.openapi(app)  # FastAPI's own document, which it caches on the app
        examples = load_examples()
        for path_item in schema["paths"].values():
            for operation in path_item.values():
                _problem_json(operation["responses"])
                # Reads are public (no security); writes name the bearer scheme already.
                operation.setdefault("security", [])
                example = examples.get(operation["operationId"])
                if example is not None:
                    content = operation["responses"]["200"]["content"]
                    # A list also documents its exports: the example is its JSON.
                    media = content.get("application/json") or next(iter(content.values()))
                    media["example"] = example["body"]
        # FastAPI's own 422 shape is never served: every error is a Problem.
        for name in ("HTTPValidationError", "ValidationError"):
            schema["components"]["schemas"].pop(name, None)
        schema["servers"] = [{"url": "/"}]
        return schema

    async def get_openapi(request: Request) -> JSONResponse:
        # The document's one server is where this app is mounted: its root path, else "/".
        root = request.scope.get("root_path", "").rstrip("/")
        return JSONResponse({**app.openapi(), "servers": [{"url": root or "/"}]})

    app.openapi = openapi  # type: ignore[method-assign]
    # FastAPI's own route would list the root path *and* the document's "/": ours replaces it.
    app.router.routes[:] = [
        route for route in app.router.routes if getattr(route, "path", None) != app.openapi_url
    ]
    app.add_route(app.openapi_url or "/openapi.json", get_openapi, include_in_schema=False)


def _problem_json(responses: dict[str, Any]) -> None:
    """Declare every 4xx/5xx body as application/problem+json, which is what is served.

    FastAPI documents a 422 for any parameter; where we did not (an `{id}` of any string
    cannot be invalid), it is dropped.
    """
    default_422 = {"$ref": "#/components/schemas/HTTPValidationError"}
    if responses.get("422", {}).get("content", {}).get("application/json", {}).get("schema") == (
        default_422
    ):
        del responses["422"]
    for status, response in responses.items():
        if status[0] in "45" and "application/json" in response.get("content", {}):
            response["content"] = {PROBLEM_JSON: response["content"]["application/json"]}
