"""`/v1/schemas`: the JSON Schemas of what clients send."""

from typing import Any

from fastapi import APIRouter

from app.bundles import Bundle

router = APIRouter(prefix="/v1/schemas", tags=["bundles"])


def inlined(schema: dict[str, Any]) -> dict[str, Any]:
    """Return `schema` with each `{"$ref": "#/$defs/Name"}` replaced by that definition.

    The bundle schema is not recursive, so the result is whole without `$defs`: a document
    that holds no reference means the same wherever it is embedded, as it is in the OpenAPI
    document's example, where `#/$defs/…` would point at nothing.
    """
    definitions = schema.pop("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                siblings = {key: value for key, value in node.items() if key != "$ref"}
                return inline({**definitions[node["$ref"].removeprefix("#/$defs/")], **siblings})
            return {key: inline(value) for key, value in node.items()}
        if isinstance(node, list):
            return [inline(item) for item in node]
        return node

    result: dict[str, Any] = inline(schema)
    return result


@router.get("/bundle", summary="Get the bundle schema")
def get_bundle_schema() -> dict[str, Any]:
    """Get the JSON Schema (draft 2020-12) of a bundle, as `POST /v1/bundles` takes it."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **inlined(Bundle.model_json_schema()),
    }
