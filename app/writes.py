"""The unit of work every writer uses: one transaction holding the write lock, the records it
changes, and their renderings, committed together.

The seed and `ingest`, `POST /v1/bundles`, corrections and retractions, `synth`, and `migrate`
after a restore all write through a `Write`. A writer says which records it is about to change
(`changing`) and which it changed (`changed`); `commit` renders those again (app.rendering),
with every record whose rendering embeds one of them before or after the change, then commits.
Readers therefore see a record's rows and its rendering change together, on every worker.
"""

from collections import defaultdict
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine, text
from sqlmodel import Session

from app import rendering
from app.kinds import Kind
from app.rendering import Key


class Write:
    """One write under way (see the module)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.session = Session(engine.execution_options(sqlite_immediate=True))
        self.embedding: dict[Key, set[Key]] = {}
        """What embedded each record noted by `changing`, before the change."""
        self.dirty: set[Key] = set()
        """The records changed since the last rendering."""

    def lock(self) -> None:
        """Begin the transaction, taking the write lock (waiting for another writer to finish).

        Writers are serialized so that revisions commit in the order of their `seq` and the
        change feed never skips one: SQLite begins IMMEDIATE, PostgreSQL locks the revision
        table.
        """
        if self.engine.dialect.name == "postgresql":
            self.session.execute(text("LOCK TABLE revision IN EXCLUSIVE MODE"))
        else:
            self.session.connection()  # begins now, taking the write lock

    def changing(self, kind: Kind, ids: Collection[str]) -> None:
        """Note that records `ids` of `kind` may change: what embeds them now is rendered
        again if they do. Call it before changing them."""
        for id in ids:
            self.embedding.setdefault((kind, id), set())
        for embedder, id in rendering.embedded_by(self.session.connection(), kind, ids):
            self.embedding[(kind, id)].add(embedder)

    def changed(self, kind: Kind, ids: Collection[str]) -> None:
        """Note that records `ids` of `kind` changed; each was noted by `changing` first."""
        for id in ids:
            if (kind, id) not in self.embedding:
                raise RuntimeError(f"{kind.name}/{id} changed without `changing` first")
            self.dirty.add((kind, id))

    def render(self) -> None:
        """Render again, in the transaction, every record changed since the last rendering and
        every record that embeds one of them, before or after the change."""
        if not self.dirty:
            return
        self.session.flush()
        connection = self.session.connection()
        changed: dict[Kind, set[str]] = defaultdict(set)
        targets: dict[Kind, set[str]] = defaultdict(set)
        for key in self.dirty:
            changed[key[0]].add(key[1])
            for kind, id in (key, *self.embedding[key]):
                targets[kind].add(id)
        for kind, ids in changed.items():
            for (embedder_kind, embedder), _ in rendering.embedded_by(connection, kind, ids):
                targets[embedder_kind].add(embedder)
        for kind, ids in targets.items():
            rendering.render(connection, kind, ids)
        self.dirty.clear()

    def commit(self) -> None:
        """Render what changed, then commit."""
        self.render()
        self.session.commit()
        self.embedding.clear()

    def rollback(self) -> None:
        """Undo everything written so far, renderings to come included."""
        self.session.rollback()
        self.dirty.clear()
        self.embedding.clear()

    def close(self) -> None:
        """End the write; what was not committed is rolled back."""
        self.session.close()


@contextmanager
def writing(engine: Engine) -> Iterator[Write]:
    """Yield a write holding the write lock, committed (with its renderings) on success."""
    write = Write(engine)
    try:
        write.lock()
        yield write
        write.commit()
    finally:
        write.close()


def get_write(request: Request) -> Iterator[Write]:
    """Yield a write on the app's database holding the write lock; the handler commits it
    before it answers."""
    write = Write(request.app.state.engine)
    try:
        write.lock()
        yield write
    finally:
        write.close()


WriteDep = Annotated[Write, Depends(get_write)]
