"""The OpenAPI document: FastAPI's, with problem+json error bodies and examples from the seed."""

import json
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

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
        schema = get_openapi(
            title=app.title,
            version=app.version,
            summary=app.summary,
            description=app.description,
            routes=app.routes,
            tags=app.openapi_tags,
            contact=app.contact,
            license_info=app.license_info,
        )
        examples = load_examples()
        for path_item in schema["paths"].values():
            for operation in path_item.values():
                _problem_json(operation["responses"])
                example = examples.get(operation["operationId"])
                if example is not None:
                    content = operation["responses"]["200"]["content"]
                    next(iter(content.values()))["example"] = example["body"]
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _problem_json(responses: dict[str, Any]) -> None:
    """Declare every 4xx/5xx body as application/problem+json, which is what is served."""
    for status, response in responses.items():
        if status[0] in "45" and "application/json" in response.get("content", {}):
            response["content"] = {PROBLEM_JSON: response["content"]["application/json"]}
