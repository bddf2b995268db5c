"""`/v1/schemas`: the JSON Schemas of what clients send."""

from typing import Any

from fastapi import APIRouter

from app.bundles import Bundle

router = APIRouter(prefix="/v1/schemas", tags=["bundles"])


@router.get("/bundle", summary="Get the bundle schema")
def get_bundle_schema() -> dict[str, Any]:
    """Get the JSON Schema (draft 2020-12) of a bundle, as `POST /v1/bundles` takes it."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **Bundle.model_json_schema(),
    }
