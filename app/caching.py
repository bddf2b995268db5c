"""Entity tags: one definition shared by conditional GETs and conditional writes."""

import hashlib
from typing import Any

from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse


def etag(body: bytes) -> str:
    """Return the strong entity tag of a response body: a quoted hash of its bytes."""
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def representation_etag(content: Any) -> str:
    """Return the entity tag a GET answering `content` as JSON carries.

    Writes use it to check `If-Match` against the representation a client last saw, so it
    must render exactly as the GET handler's response does.
    """
    return etag(bytes(JSONResponse(jsonable_encoder(content)).body))
