"""`Idempotency-Key` on the write operations (IETF draft-ietf-httpapi-idempotency-key-header).

A write sent with a key is remembered, with its answer, in the write's own transaction: it is
either written and remembered, or neither, whatever crashes when. Sent again with the same key
(by the same curator key), the same request is answered from memory with
`Idempotent-Replayed: true` and writes nothing; another request under that key is refused (422).

Writers are serialized and the key is looked up once the write lock is held, so a twin sent
while the first is still running waits for it and then replays its answer: no request is ever
seen "in flight". Only successful writes are remembered: an error changed nothing, so its
retry is simply tried again. Keys are forgotten after KEY_LIFETIME.
"""

import hashlib
from collections.abc import Mapping
from datetime import timedelta
from typing import Annotated, cast

from fastapi import Depends, FastAPI, Header, HTTPException, Request, Response
from sqlmodel import Session, col, delete

from app.auth import CuratorDep
from app.changes import now
from app.models import IdempotentRequest
from app.writes import WriteDep

KEY_LIFETIME = timedelta(hours=24)
"""How long an answer is remembered; older keys are purged by the next write with a key."""

REPLAYED_HEADERS = ("ETag", "Location")
"""The headers of an answer that are remembered and replayed with its status and body."""

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=255,
        pattern=r"^[\x21-\x7e]+$",
        description="1–255 visible ASCII characters, new for each write, reused when it is "
        "retried: a retry of a write that succeeded gets the same answer, with "
        "`Idempotent-Replayed: true`, and writes nothing again. Remembered for 24 hours.",
    ),
]


async def fingerprint(request: Request) -> str:
    """Return the SHA-256 (hex) of the request's method, path, query string and body."""
    digest = hashlib.sha256()
    parts = (
        request.method.encode(),
        request.scope.get("raw_path") or request.url.path.encode(),
        request.scope["query_string"],
        await request.body(),
    )
    for part in parts:
        # Each part hashed on its own, so that no two different requests run together alike.
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


class Replay(Exception):  # noqa: N818 - not an error: the answer of a write already done
    """Raised instead of writing again: carries the remembered answer."""

    def __init__(self, stored: IdempotentRequest) -> None:
        super().__init__(stored.key)
        self.stored = stored


class Idempotency:
    """The idempotency key a write request carries, if any."""

    def __init__(self, session: Session, curator: str, key: str | None, fingerprint: str) -> None:
        self.session, self.curator, self.key, self.fingerprint = session, curator, key, fingerprint

    def remember(self, status: int, body: bytes, headers: Mapping[str, str]) -> None:
        """Store the answer (`status`, the JSON `body` and those of its `headers` that are
        replayed) under the key, in the write's transaction, before it commits; nothing
        without a key."""
        if self.key is None:
            return
        self.session.add(
            IdempotentRequest(
                curator=self.curator,
                key=self.key,
                fingerprint=self.fingerprint,
                status=status,
                body=body.decode(),
                headers={name: headers[name] for name in REPLAYED_HEADERS if name in headers},
                created_at=now(),
            )
        )


def idempotency(
    curator: CuratorDep,
    write: WriteDep,
    request_fingerprint: Annotated[str, Depends(fingerprint)],
    key: IdempotencyKey = None,
) -> Idempotency:
    """Return the request's key, to remember its answer by.

    Raises Replay with the remembered answer when the same request was already done under the
    key, and HTTPException 422 when another request was.
    """
    session = write.session
    if key is not None:
        # The purge is part of this write: no other transaction is needed to keep the table small.
        expired = col(IdempotentRequest.created_at) < now() - KEY_LIFETIME
        session.execute(delete(IdempotentRequest).where(expired))
        stored = session.get(IdempotentRequest, (curator, key))
        if stored is not None:
            if stored.fingerprint != request_fingerprint:
                raise HTTPException(
                    422,
                    "This Idempotency-Key was already used for another request; "
                    "send each new write with a new key.",
                )
            raise Replay(stored)
    return Idempotency(session, curator, key, request_fingerprint)


IdempotencyDep = Annotated[Idempotency, Depends(idempotency)]


async def _replay(_request: Request, exc: Exception) -> Response:
    stored = cast(Replay, exc).stored
    return Response(
        stored.body,
        status_code=stored.status,
        media_type="application/json",
        headers={**stored.headers, "Idempotent-Replayed": "true"},
    )


def install(app: FastAPI) -> None:
    """Answer a replayed write with its remembered answer."""
    app.add_exception_handler(Replay, _replay)
