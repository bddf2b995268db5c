"""Curator API keys: bearer tokens for the write operations. Reads stay public.

A token is `cfk_` and 43 random URL-safe characters (`secrets.token_urlsafe(32)`, 256 bits).
Only its SHA-256 is stored, beside its first characters to find the row. A fast hash is right
here: a token is as random as a key, so there is nothing for a slow password hash to protect
against guessing. Hashes are compared in constant time.
"""

import hashlib
import hmac
import re
import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlmodel import Session, select
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import limits
from app.changes import now
from app.models import ApiKey, ApiKeyScope

TOKEN = re.compile(r"cfk_[A-Za-z0-9_-]{43}")
PREFIX_LENGTH = 12
"""`cfk_` and the first 8 random characters: shown by `keys list`, used to find the row."""

NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""Key names are slugs, so that they never look like `cli:<user>`, the command line's name."""


class ApiKeyError(ValueError):
    """A key cannot be created or revoked as asked."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_key(session: Session, name: str, scope: ApiKeyScope) -> str:
    """Add a key named `name` with `scope` and return its token, which is stored nowhere.

    Raises ApiKeyError when the name is not a slug or was ever used (names are never reused, so
    that the history always means one key).
    """
    if not NAME.fullmatch(name) or len(name) > 100:
        raise ApiKeyError(f"a key name is lowercase letters, digits and hyphens, not {name!r}")
    if session.exec(select(ApiKey).where(ApiKey.name == name)).first():
        raise ApiKeyError(f"a key named {name!r} exists or existed; names are never reused")
    token = "cfk_" + secrets.token_urlsafe(32)
    session.add(
        ApiKey(
            name=name,
            scope=scope,
            prefix=token[:PREFIX_LENGTH],
            hash=_hash(token),
            created_at=now(),
        )
    )
    return token


def revoke_key(session: Session, name: str) -> None:
    """Revoke the key named `name`. Raises ApiKeyError when there is no such live key."""
    key = session.exec(select(ApiKey).where(ApiKey.name == name)).first()
    if key is None:
        raise ApiKeyError(f"no key named {name!r}")
    if key.revoked_at is not None:
        raise ApiKeyError(f"the key {name!r} is already revoked")
    key.revoked_at = now()


def _unauthorized(detail: str, error: str | None = "invalid_token") -> HTTPException:
    challenge = "Bearer" if error is None else f'Bearer error="{error}"'
    return HTTPException(401, detail, headers={"WWW-Authenticate": challenge})


bearer = HTTPBearer(
    auto_error=False,
    scheme_name="curatorKey",
    description="A curator key from `conflict-facts keys create --name NAME`.",
)


def check_key(scope: Scope) -> str:
    """Return the name of the write key the request of `scope` bears, to attribute a write to.

    app.limits.Admission calls it before the request's body is read, in a session of its own,
    so that a request without a valid key never waits for, nor holds up, the one writer.

    Raises HTTPException 401 (missing, malformed, unknown or revoked key), 403 (a read-only
    key) or 429 (more than WRITE_RATE_LIMIT writes with this key in the last minute).
    """
    request = Request(scope)
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise _unauthorized("This operation needs a curator key: `Authorization: Bearer …`.", None)
    if not TOKEN.fullmatch(token):
        raise _unauthorized("The bearer token is not a curator key.")
    given = _hash(token)
    with Session(request.app.state.engine) as session:
        prefix = token[:PREFIX_LENGTH]
        candidates = session.exec(select(ApiKey).where(ApiKey.prefix == prefix)).all()
    key = next((k for k in candidates if hmac.compare_digest(k.hash, given)), None)
    if key is None:
        raise _unauthorized("Unknown curator key.")
    if key.revoked_at is not None:
        raise _unauthorized("This curator key was revoked.")
    if key.scope != ApiKeyScope.write:
        raise HTTPException(
            403,
            "This key is read-only; writes need a write key.",
            headers={"WWW-Authenticate": 'Bearer error="insufficient_scope"'},
        )
    limit = request.app.state.settings.write_rate_limit
    if limit:
        rate_limits: limits.RateLimits = request.app.state.rate_limits
        rate_limits.hit(f"write:{key.name}", limit)
    return key.name


def curator(
    request: Request,
    _credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> str:
    """Return the name of the write key the request bears: as app.limits.Admission found it
    before reading the body, else checked now (see `check_key`, which says what it raises).

    `_credentials` declares the key in the OpenAPI document.
    """
    checked: str | None = getattr(request.state, "curator", None)
    return checked if checked is not None else check_key(request.scope)


CuratorDep = Annotated[str, Depends(curator)]
"""The name of the curator key a write request bears."""


class PrivateWhenAuthenticated:
    """Mark every answer to a request bearing credentials `Cache-Control: private, no-store`,
    so that no shared cache keeps what only a curator was meant to see."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers", []))
        if scope["type"] != "http" or b"authorization" not in headers:
            await self.app(scope, receive, send)
            return

        async def send_private(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)["Cache-Control"] = "private, no-store"
            await send(message)

        await self.app(scope, receive, send_private)
