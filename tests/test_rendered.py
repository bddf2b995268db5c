"""Renderings made when written: byte for byte what the API's models answer, after every write.

The reference here is computed the other way: each record loaded through the ORM with its
relationships, validated by its response model and rendered by Starlette's JSONResponse, as a
FastAPI route returning the model would answer. Any stored rendering that differs in one byte
(another order, an indent, a stale embedded record) fails.
"""

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient
from pydantic import BaseModel
from sqlmodel import Session, select
from typer.testing import CliRunner

from app import bundles, kinds, rendering
from app.bundles import Bundle
from app.cli import cli
from app.db import make_engine, selectin
from app.kinds import Kind
from app.models import (
    Event,
    EventActor,
    Figure,
    Source,
    Statement,
)
from app.models.timeline import TimelineEvent
from tests import synthetic
from tests.conftest import execute, load

Stored = dict[tuple[str, str], tuple[bytes, str]]

LOADS: dict[Kind, tuple[Any, ...]] = {
    kinds.SOURCES: (selectin(Source.cite_rows), selectin(Source.cited_by_rows)),
    kinds.EVENTS: (
        selectin(Event.place),
        selectin(Event.actors, EventActor.actor),
        selectin(Event.citations),
        selectin(Event.parts),
        selectin(Event.figures, Figure.citations),
        selectin(Event.figures, Figure.claimed_by_actor),
        selectin(Event.statements, Statement.citations),
        selectin(Event.statements, Statement.speaker_actor),
        selectin(Event.statements, Statement.reported_by_actor),
    ),
    kinds.FIGURES: (
        selectin(Figure.citations),
        selectin(Figure.event),
        selectin(Figure.claimed_by_actor),
    ),
    kinds.STATEMENTS: (
        selectin(Statement.citations),
        selectin(Statement.event),
        selectin(Statement.speaker_actor),
        selectin(Statement.reported_by_actor),
    ),
}


def answer(model: type[BaseModel], record: Any, **changes: Any) -> bytes:
    """Return what a route answering `record` as `model` sends: JSONResponse's bytes."""
    validated = model.model_validate(record)
    for name, value in changes.items():
        setattr(validated, name, value)
    return bytes(JSONResponse(validated.model_dump(mode="json")).body)


def live(records: list[Any]) -> list[Any]:
    return [record for record in records if record.retracted_at is None]


def reference(url: str) -> dict[tuple[str, str], bytes]:
    """Return every rendering the database at `url` should hold, computed from its rows."""
    expected: dict[tuple[str, str], bytes] = {}
    engine = make_engine(url)
    with Session(engine) as session:
        for kind in kinds.KINDS:
            for row in session.exec(select(kind.table).options(*LOADS.get(kind, ()))):
                id = row.id
                expected[(rendering.item(kind), id)] = answer(kind.item, row)
                retracted = getattr(row, "retracted_at", None) is not None
                whole = answer(kind.detail, row)
                if kind is kinds.EVENTS:
                    parts, figures, statements = (
                        live(row.parts),
                        live(row.figures),
                        live(row.statements),
                    )
                    filtered = answer(
                        kind.detail,
                        row,
                        parts=[
                            p
                            for p in answer_list(kind, row, "parts")
                            if p.id in {x.id for x in parts}
                        ],
                        figures=[
                            f for f in answer_list(kind, row, "figures") if f.retraction is None
                        ],
                        statements=[
                            s for s in answer_list(kind, row, "statements") if s.retraction is None
                        ],
                    )
                    entry = answer(
                        TimelineEvent,
                        row,
                        figures=[f for f in timeline_list(row, "figures") if f.retraction is None],
                        statements=[
                            s for s in timeline_list(row, "statements") if s.retraction is None
                        ],
                    )
                    complete = (
                        len(parts) == len(row.parts)
                        and len(figures) == len(row.figures)
                        and len(statements) == len(row.statements)
                    )
                    if not retracted:
                        expected[(rendering.detail(kind), id)] = filtered
                        expected[(rendering.timeline(), id)] = entry
                    if retracted or not complete:
                        expected[(rendering.everything(kind), id)] = whole
                        expected[(rendering.timeline(True), id)] = answer(TimelineEvent, row)
                elif retracted:
                    expected[(rendering.everything(kind), id)] = whole
                else:
                    expected[(rendering.detail(kind), id)] = whole
    engine.dispose()
    return expected


def answer_list(kind: Kind, row: Any, name: str) -> list[Any]:
    """Return the `name` list of `row`'s detail model, validated whole."""
    return list(getattr(kind.detail.model_validate(row), name))


def timeline_list(row: Any, name: str) -> list[Any]:
    return list(getattr(TimelineEvent.model_validate(row), name))


def stored(url: str) -> Stored:
    """Return every stored rendering: (body, ETag) by (`rendered.kind`, id)."""
    rows = execute(url, "SELECT kind, id, body, etag FROM rendered")
    return {(row.kind, row.id): (bytes(row.body), row.etag) for row in rows}


def check(url: str) -> None:
    """Assert that the database at `url` holds exactly the renderings its rows call for."""
    found, expected = stored(url), reference(url)
    assert set(found) == set(expected)
    for key, body in expected.items():
        assert found[key][0] == body, key
        assert found[key][1] == rendering.etag(body), key


@pytest.fixture
def seeded(fresh_url: str) -> str:
    load(fresh_url, *bundles.SEED)
    return fresh_url


def test_stored_renderings_are_what_the_models_answer(seeded: str) -> None:
    check(seeded)
    variants = {kind for kind, _ in stored(seeded)}
    # The seed has no retraction: no `.all` rendering, the detail of every record.
    assert variants == {
        f"{kind.singular}.{variant}" for kind in kinds.KINDS for variant in ("item", "detail")
    } | {"event.timeline"}


def test_an_altered_rendering_fails_the_check(seeded: str) -> None:
    """The check above compares bytes: a rendering that says the same in other bytes fails."""
    (key,) = [key for key in stored(seeded) if key == ("figure.detail", "war-2020-deaths")]
    body = stored(seeded)[key][0]
    indented = body.replace(b",", b", ")
    sql = "UPDATE rendered SET body = :body WHERE kind = :kind AND id = :id"
    execute(seeded, sql, body=indented, kind=key[0], id=key[1])
    with pytest.raises(AssertionError):
        check(seeded)


def test_every_write_renders_what_embeds_what_it_changed(
    fresh_url: str, client_for: Callable[..., TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    original = synthetic.bundle(12)
    load(fresh_url, original)
    check(fresh_url)
    before = stored(fresh_url)

    data = original.model_dump()
    data["figures"][3]["value"] = 999  # figure-003 belongs to event-003
    data["figures"][4]["event_id"] = "event-005"  # moves from event-004 to event-005
    data["actors"][1]["name"] = "Actor One, renamed"  # in events 1, 4, 7, 10 and statements
    data["events"][6]["title"] = "Event 6, retitled"  # its figure and statement name it
    data["events"][2]["parent_id"] = "event-000"  # a new part
    data["places"][0]["name"] = "Far North"  # the place of the even events
    load(fresh_url, Bundle.model_validate(data))
    check(fresh_url)
    after = stored(fresh_url)
    changed = {key for key in after if before.get(key) != after[key]}

    def ids(kind: str) -> set[int]:
        return {int(id.split("-")[1]) for variant, id in changed if variant == kind}

    # Events 1, 4, 7 and 10 have the actor, the even ones the place; 3, 4, 5 and 6 had their
    # figures or title changed, 0 has a new part: all but 9 and 11.
    assert ids("event.detail") == set(range(11)) - {9}
    assert ids("figure.detail") == {3, 4, 6}  # 6 names its event, retitled
    assert ids("statement.detail") == {1, 4, 7, 10}  # the actor speaks them


def test_retractions_and_corrections_render_what_they_change(
    fresh_url: str, client_for: Callable[..., TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.test_curation import keys

    load(fresh_url, synthetic.bundle(6))
    client = client_for(fresh_url)
    auth = {"Authorization": f"Bearer {keys(fresh_url, monkeypatch, 'create', '--name', 'a')}"}

    def post(path: str, body: dict[str, Any]) -> None:
        assert client.post(path, json=body, headers=auth).status_code == 200

    post("/v1/figures/figure-001/retract", {"reason": "double count"})
    post("/v1/statements/statement-002/retract", {"reason": "misattributed"})
    post("/v1/events/event-003/retract", {"reason": "did not happen"})
    response = client.patch(
        "/v1/events/event-004", json={"parent_id": "event-001", "reason": "part"}, headers=auth
    )
    assert response.status_code == 200
    post("/v1/events/event-004/retract", {"reason": "merged"})
    check(fresh_url)
    # What each answers: the stored renderings, a 410 for what is retracted.
    assert client.get("/v1/events/event-003").status_code == 410
    everything = client.get("/v1/events/event-003", params={"include_retracted": True})
    key = (rendering.everything(kinds.EVENTS), "event-003")
    assert everything.content == stored(fresh_url)[key][0]
    parent = client.get("/v1/events/event-001").json()
    assert (parent["parts"], [f["id"] for f in parent["figures"]]) == ([], [])
    with_retracted = client.get("/v1/events/event-001?include_retracted=true").json()
    assert [part["id"] for part in with_retracted["parts"]] == ["event-004"]
    assert [figure["id"] for figure in with_retracted["figures"]] == ["figure-001"]


def test_render_command_writes_only_what_differs(
    seeded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = stored(seeded)
    execute(seeded, "DELETE FROM rendered WHERE kind = 'event.item'")
    execute(seeded, "UPDATE rendered SET body = :body WHERE kind = 'actor.detail'", body=b"{}")
    monkeypatch.setenv("DATABASE_URL", seeded)
    result = CliRunner().invoke(cli, ["render"])
    assert result.exit_code == 0, result.output
    actors, events = (
        len({id for k, id in before if k == kind}) for kind in ("actor.detail", "event.item")
    )
    assert result.stdout == f"rendered again: {actors + events} renderings written\n"
    assert stored(seeded) == before


def test_migrate_renders_again_what_other_code_rendered(
    seeded: str, client_for: Callable[..., TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = stored(seeded)
    execute(seeded, "UPDATE rendered_with SET fingerprint = 'older code'")
    execute(seeded, "DELETE FROM rendered WHERE kind = 'event.detail'")
    client = client_for(seeded)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert "conflict-facts migrate" in response.json()["detail"]
    monkeypatch.setenv("DATABASE_URL", seeded)
    result = CliRunner().invoke(cli, ["migrate"])
    assert result.exit_code == 0, result.output
    assert stored(seeded) == before
    assert client.get("/readyz").status_code == 200
