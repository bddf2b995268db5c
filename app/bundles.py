"""Reading and loading bundles: a source's text and the facts it supports (the seed format).

Loading checks everything first and writes nothing unless all of it holds: every quote is
found exactly once in its source text, every reference resolves (to the bundle or to what the
database already holds), no id repeats. Writing is an upsert by id that leaves equal rows
untouched, so loading the same bundle twice changes nothing; every record that does change
gets a revision (app.changes) in the same transaction.

The command line (`conflict-facts ingest`), `POST /v1/bundles` and corrections
(`PATCH /v1/events/{id}`, …) all write through `load`, in a write (app.writes) that renders
what it changed before it commits.
"""

import difflib
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field, ValidationError
from sqlmodel import Session, SQLModel, col, select

from app import changes, kinds, vocabularies
from app import problems as errors
from app.kinds import Kind
from app.models import (
    Actor,
    ActorCreate,
    Citation,
    CitationCreate,
    Event,
    EventActor,
    EventCreate,
    Figure,
    FigureCreate,
    Place,
    PlaceCreate,
    Revision,
    RevisionOp,
    RevisionOrigin,
    Source,
    SourceCite,
    SourceCreate,
    SourceText,
    Statement,
    StatementCreate,
    StatementKind,
)
from app.models.common import folded_names
from app.models.revisions import as_utc
from app.quotes import QuoteError, Span, locate, normalize
from app.writes import Write

MAX_RECORDS = 5000
"""The most records (sources, actors, places, events, figures, statements) one bundle holds."""


class Bundle(SQLModel):
    """Sources with their texts, and the facts they support: the format of the seed files.

    Every list is optional. A source's `text` is the full text, stored byte-for-byte, which
    citations quote; in a YAML file, `text_file` names a file beside it instead.
    """

    model_config = {"extra": "forbid"}

    sources: list[SourceCreate] = []
    actors: list[ActorCreate] = []
    places: list[PlaceCreate] = []
    events: list[EventCreate] = []
    figures: list[FigureCreate] = []
    statements: list[StatementCreate] = []


class Summary(BaseModel):
    """What loading a bundle did (or, in a dry run, would do). Records are named `kind/id`."""

    dry_run: bool = False
    inserted: list[str] = Field([], description="Records that are new, as `kind/id`.")
    updated: list[str] = Field([], description="Records that changed, as `kind/id`.")
    unchanged: int = Field(0, description="How many records were already as the bundle says.")
    changes: dict[str, dict[str, list[Any]]] = Field(
        {},
        description="For each updated record (`kind/id`), each changed field as `[old, new]`.",
    )
    warnings: list[str] = Field(
        [],
        description="New values close to ones in use (`/v1/vocabularies`), as `pointer (id): …`;"
        " the bundle is written all the same.",
    )
    overridden: list[str] = Field(
        [],
        description="Updated records whose corrections the bundle overrode (`override=true`), "
        "as `kind/id`; their history says so.",
    )

    def __add__(self, other: "Summary") -> "Summary":
        return Summary(
            dry_run=self.dry_run,
            inserted=self.inserted + other.inserted,
            updated=self.updated + other.updated,
            unchanged=self.unchanged + other.unchanged,
            changes=self.changes | other.changes,
            warnings=self.warnings + other.warnings,
            overridden=self.overridden + other.overridden,
        )

    def __str__(self) -> str:
        counts = f"{len(self.inserted)} inserted, {len(self.updated)} updated"
        dry_run = " (dry run: nothing written)" if self.dry_run else ""
        return f"{counts}, {self.unchanged} unchanged{dry_run}"

    def details(self) -> list[str]:
        """Return one line per inserted record and per changed field of an updated one."""
        lines = [f"  ! {warning}" for warning in self.warnings]
        lines += [f"  + {record}" for record in self.inserted]
        for record in self.updated:
            note = " (overrides a correction)" if record in self.overridden else ""
            lines.append(f"  ~ {record}{note}")
            for field, (old, new) in self.changes.get(record, {}).items():
                lines.append(f"      {field}: {_shown(old)} -> {_shown(new)}")
        return lines


def _shown(value: Any) -> str:
    """Return `value` as one line of JSON, cut to 200 characters."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 200 else f"{text[:199]}…"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a bundle: where (a JSON pointer, and the line in its file), which
    fact, and what."""

    pointer: str
    message: str
    fact_id: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        fact = f" ({self.fact_id})" if self.fact_id else ""
        return f"{self.pointer or '/'}{fact}: {self.message}"


class BundleError(Exception):
    """A bundle that cannot be loaded, with every problem found in it."""

    def __init__(self, origin: str, problems: Sequence[Problem]) -> None:
        self.origin = origin
        self.problems = list(problems)
        lines = "\n".join(
            f"{origin}{'' if p.line is None else f':{p.line}'}: {p}" for p in self.problems
        )
        count = f"{len(self.problems)} problem{'s' if len(self.problems) > 1 else ''}"
        super().__init__(f"{count} in {origin}:\n{lines}")


@dataclass(frozen=True)
class Conflict:
    """A field a bundle would set back: a correction or a retraction changed it after an
    ingest last set it."""

    pointer: str
    record_id: str
    field: str
    stored: Any
    bundle: Any
    by: str
    at: datetime
    origin: RevisionOrigin
    reason: str | None

    def __str__(self) -> str:
        return (
            f"{self.pointer} ({self.record_id}): {self.field} is {_shown(self.stored)}, "
            f"set by {self.by} at {self.at.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ} "
            f"({self.origin.value}: {self.reason}); the bundle says {_shown(self.bundle)}"
        )


class ConflictError(Exception):
    """A bundle that would undo corrections or change retracted facts, with every such field."""

    def __init__(self, origin: str, conflicts: Sequence[Conflict]) -> None:
        self.origin = origin
        self.conflicts = list(conflicts)
        count = f"{len(self.conflicts)} conflict{'s' if len(self.conflicts) > 1 else ''}"
        lines = "\n".join(f"{origin}: {c}" for c in self.conflicts)
        advice = "Update the bundle to the corrected values, or ingest with --override."
        super().__init__(
            f"{count} in {origin}: it would undo corrections made since it was ingested\n"
            f"{lines}\n{advice}"
        )


class _YAML12Loader(yaml.SafeLoader):
    """PyYAML's safe loader without YAML 1.1's `yes`/`no`/`on`/`off` booleans, so that a
    country code such as `NO` (Norway) stays a string."""


_YAML12Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_YAML12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf")
)


def parse_yaml(text: str, *, aliases: bool = True) -> Any:
    """Return the value of the YAML document `text` (YAML 1.2 booleans; JSON is YAML too).

    With `aliases` false, an alias (`*name`) is refused: a few of them can make a document
    whose value is exponentially larger than its text.
    Raises BundleError, with the line and column, when `text` is not such a document.
    """
    loader = _YAML12Loader if aliases else _NoAliasLoader
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        message = f"not valid YAML: {getattr(exc, 'problem', None) or exc}"
        if mark is not None:
            message += f" (line {mark.line + 1}, column {mark.column + 1})"
        context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and start is not None and "block" in context:
            # PyYAML's own words ("while parsing a block mapping") point at a misindented line.
            message += f"; check the indentation of the lines from line {start.line + 1}"
        line = mark.line + 1 if mark else None
        raise BundleError("", [Problem("", message, line=line)]) from exc


class _NoAliasLoader(_YAML12Loader):
    """The YAML 1.2 loader, refusing aliases."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not accepted; write the value out", mark
            )
        return super().compose_node(parent, index)


def read_bundle(path: Path) -> Bundle:
    """Return the bundle in the YAML (or JSON) file at `path`.

    A source's `text_file` is read, relative to the bundle, byte-for-byte as UTF-8.
    Raises BundleError listing every problem in the file.
    """
    origin = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BundleError(origin, [Problem("", f"cannot read the file: {exc}")]) from exc
    try:
        data = parse_yaml(text)
    except BundleError as exc:
        raise BundleError(origin, exc.problems) from exc
    if not isinstance(data, dict):
        raise BundleError(origin, [Problem("", "the file does not hold a mapping")])
    problems = []
    for index, source in enumerate(data.get("sources") or []):
        if isinstance(source, dict) and "text_file" in source:
            text_path = path.parent / str(source.pop("text_file"))
            try:
                source["text"] = text_path.read_bytes().decode("utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                pointer = f"/sources/{index}/text_file"
                problems.append(Problem(pointer, f"cannot read {text_path}: {exc}"))
    try:
        bundle = Bundle.model_validate(data)
    except ValidationError as exc:
        problems += [
            Problem(
                errors.pointer_of(error["loc"], error),
                errors.detail_of(error),
                errors.record_id_of(data, error["loc"]),
            )
            for error in exc.errors()
        ]
    if problems:
        lines = yaml_lines(text)
        raise BundleError(origin, [replace(p, line=lines(p.pointer)) for p in problems])
    return bundle


def yaml_lines(text: str) -> Callable[[str], int | None]:
    """Return a function giving the line of the YAML document `text` a JSON pointer leads to
    (None when `text` is not YAML).

    A pointer that goes beyond the document (to a source's `text`, read from its
    `text_file`) gets the line of the deepest node it reaches.
    """
    try:
        root = yaml.compose(text, Loader=_YAML12Loader)
    except yaml.YAMLError:
        root = None

    def line(pointer: str) -> int | None:
        if root is None:
            return None
        node = root
        for part in pointer.split("/")[1:]:
            if isinstance(node, yaml.MappingNode):
                values = [value for key, value in node.value if key.value == part]
            elif isinstance(node, yaml.SequenceNode) and part.isdigit():
                values = node.value[int(part) : int(part) + 1]
            else:
                values = []
            if not values:
                break
            node = values[0]
        return int(node.start_mark.line) + 1

    return line


SEED = sorted((Path(__file__).with_name("data") / "seed").glob("*.yaml"))
"""The curated bundles that make up the seed, in load order."""


def load_files(write: Write, paths: Iterable[Path], *, by: str, override: bool = False) -> Summary:
    """Read and load each bundle file in `paths`, in order, in `write`, as `by` (overriding
    corrections if `override`).

    Returns what was written. Raises BundleError, with the line of every problem, for the
    first file that cannot be loaded, and ConflictError for one that would undo corrections.
    """
    summary = Summary()
    for path in paths:
        # The history names the file, not where it lay on the curator's machine.
        reason = f"ingest of {path.name}"
        bundle = read_bundle(path)
        try:
            summary += load(write, bundle, str(path), by=by, reason=reason, override=override)
        except BundleError as exc:
            lines = yaml_lines(path.read_text(encoding="utf-8"))
            found = [replace(p, line=lines(p.pointer)) for p in exc.problems]
            raise BundleError(exc.origin, found) from exc
    return summary


def load(
    write: Write,
    bundle: Bundle,
    origin: str,
    *,
    by: str,
    reason: str | None = None,
    override: bool = False,
    made_by: RevisionOrigin = RevisionOrigin.ingest,
) -> Summary:
    """Check `bundle` against itself and the database, then write it in `write`, with a
    revision by `by` (for `reason`, else "ingest of `origin`") for every record it changes.

    An ingest never sets back a field that a correction or a retraction changed since an
    ingest last set it, unless `override`, which the revision's reason then records.

    Returns what was written. The caller owns the transaction: nothing is committed here,
    and on an error the caller must roll back. Raises BundleError listing every problem, and
    ConflictError listing every field it would set back.
    """
    session = write.session
    spans, problems = _check(session, bundle)
    if problems:
        raise BundleError(origin, problems)
    warnings = _near_values(session, bundle) if made_by is RevisionOrigin.ingest else []
    records = [
        (kind, record.id, index)
        for kind in kinds.KINDS
        for index, record in _in_order(bundle, kind)
    ]
    stored = {
        kind: changes.rows(session, kind, [r.id for r in getattr(bundle, kind.name)])
        for kind in kinds.KINDS
    }
    last = {kind: changes.numbers(session, kind, stored[kind]) for kind in kinds.KINDS}
    before = {
        (kind, id): changes.snapshot(kind, row)
        for kind in stored
        for id, row in stored[kind].items()
    }
    for kind in kinds.KINDS:
        write.changing(kind, [record.id for record in getattr(bundle, kind.name)])
    _write(session, bundle, spans, stored)
    summary = Summary(warnings=warnings)
    after = {
        (kind, id): changes.snapshot(kind, session.get_one(kind.table, id))
        for kind, id, _ in records
    }
    differences = {
        key: changes.changed_fields(old, after[key])
        for key, old in before.items()
        if old != after[key]
    }
    conflicts: dict[tuple[Kind, str], list[Conflict]] = {}
    if made_by is RevisionOrigin.ingest:
        conflicts = _conflicts(session, bundle, records, differences)
        if conflicts and not override:
            raise ConflictError(origin, [c for found in conflicts.values() for c in found])
    for kind, id, index in records:
        row = session.get_one(kind.table, id)
        old = before.get((kind, id))
        if getattr(row, "retraction", None) is not None and old != after[(kind, id)]:
            message = "this fact was retracted; it cannot change (give a new fact a new id)"
            problems.append(Problem(f"/{kind.name}/{index}", message, id))
        why = reason or f"ingest of {origin}"
        overrides = conflicts.get((kind, id))
        if overrides:
            why += "; overrides " + "; ".join(
                f"{c.field} as {c.by} set it at {c.at.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}"
                for c in overrides
            )
        revision = changes.record(
            session, kind, row, old, last[kind].get(id), by=by, reason=why, origin=made_by
        )
        if revision is None:
            summary.unchanged += 1
            continue
        write.changed(kind, [id])
        name = f"{kind.name}/{id}"
        if revision.op is RevisionOp.insert:
            summary.inserted.append(name)
        else:
            summary.updated.append(name)
            summary.changes[name] = differences.get((kind, id), {})
            if overrides:
                summary.overridden.append(name)
    if problems:
        raise BundleError(origin, problems)
    session.flush()
    return summary


def _near_values(session: Session, bundle: Bundle) -> list[str]:
    """Return a warning for each new metric, unit or role in `bundle` close to one in use."""
    if not (bundle.figures or bundle.events):
        return []
    used = vocabularies.in_use(session)
    found: list[tuple[str, str, str, list[vocabularies.Term]]] = []
    for index, figure in enumerate(bundle.figures):
        found.append((f"/figures/{index}/metric", figure.id, figure.metric, used.metrics))
        found.append((f"/figures/{index}/unit", figure.id, figure.unit, used.units))
    for index, event in enumerate(bundle.events):
        for role_index, role in enumerate(event.actors):
            pointer = f"/events/{index}/actors/{role_index}/role"
            found.append((pointer, event.id, role.role, used.roles))
    warnings, seen = [], set()
    for pointer, id, value, terms in found:
        near = vocabularies.close_to(value, terms)
        if near is not None and (value, near.value) not in seen:
            seen.add((value, near.value))
            warnings.append(
                f"{pointer} ({id}): {value!r} is new; {near.value!r} is in use "
                f"({near.count} record{'s' if near.count > 1 else ''}): did you mean it?"
            )
    return warnings


def _conflicts(
    session: Session,
    bundle: Bundle,
    records: list[tuple[Kind, str, int]],
    differences: dict[tuple[Kind, str], dict[str, list[Any]]],
) -> dict[tuple[Kind, str], list[Conflict]]:
    """Return, per record, the fields whose `differences` (what the bundle changes) would set
    back what a correction or a retraction changed after an ingest last set them."""
    found: dict[tuple[Kind, str], list[Conflict]] = {}
    index_of = {(kind, id): index for kind, id, index in records}
    for kind in kinds.FACTS:
        ids = [id for (k, id) in differences if k is kind]
        corrected = _corrected(session, kind, ids)
        for id in ids:
            fields = type(getattr(bundle, kind.name)[index_of[(kind, id)]]).model_fields
            pointer = f"/{kind.name}/{index_of[(kind, id)]}"
            conflicts = []
            for field, (old, new) in differences[(kind, id)].items():
                revision = corrected.get(id, {}).get(field) or corrected.get(id, {}).get(
                    "retraction"
                )
                if revision is None or field not in fields:
                    continue
                conflicts.append(
                    Conflict(
                        pointer=f"{pointer}/{field}",
                        record_id=id,
                        field=field,
                        stored=old,
                        bundle=new,
                        by=revision.by,
                        at=as_utc(revision.at),
                        origin=RevisionOrigin(revision.origin or RevisionOrigin.correction),
                        reason=revision.reason,
                    )
                )
            if conflicts:
                found[(kind, id)] = conflicts
    return found


def _corrected(session: Session, kind: Kind, ids: list[str]) -> dict[str, dict[str, Revision]]:
    """Return, for each record of `kind` among `ids`, the latest correction or retraction of
    each field it changed since the record's latest ingest (a retraction as `retraction`)."""
    found: dict[str, dict[str, Revision]] = {}
    for start in range(0, len(ids), changes.CHUNK):
        statement = (
            select(Revision)
            .where(
                Revision.kind == kind.name,
                col(Revision.record_id).in_(ids[start : start + changes.CHUNK]),
            )
            .order_by(col(Revision.record_id), col(Revision.number).desc())
        )
        ingested: set[str] = set()
        for revision in session.exec(statement):
            record_id = revision.record_id
            if record_id in ingested:
                continue
            if revision.origin in (None, RevisionOrigin.ingest):
                ingested.add(record_id)  # older revisions are what that ingest set back, if any
                continue
            fields = found.setdefault(record_id, {})
            for field in revision.changes:
                fields.setdefault(field, revision)
    return found


def _in_order(bundle: Bundle, kind: Kind) -> list[tuple[int, Any]]:
    """Return (index, record) for the records of `kind` in `bundle`, parents first."""
    if kind is kinds.EVENTS:
        return list(_parents_first(bundle.events))
    return list(enumerate(getattr(bundle, kind.name)))


# --- checking ---------------------------------------------------------------------------


def _existing(session: Session, model: type[SQLModel], ids: Iterable[str]) -> set[str]:
    """Return which of `ids` already exist as `model` rows."""
    wanted = set(ids)
    if not wanted:
        return set()
    id_column = col(getattr(model, "id"))  # noqa: B009 - SQLModel types `id` as a str
    return set(session.exec(select(id_column).where(id_column.in_(wanted))).all())


def _check(session: Session, bundle: Bundle) -> tuple[dict[tuple[str, int], Span], list[Problem]]:
    """Return the located span of every citation, keyed by (fact pointer, index), and every
    problem with the bundle."""
    problems: list[Problem] = []
    count = sum(len(getattr(bundle, kind.name)) for kind in kinds.KINDS)
    if count > MAX_RECORDS:
        message = f"the bundle holds {count} records, more than {MAX_RECORDS}; split it"
        return {}, [Problem("", message)]
    known: dict[str, set[str]] = {}
    for kind in kinds.KINDS:
        records: Sequence[Any] = getattr(bundle, kind.name)
        seen: set[str] = set()
        for index, record in enumerate(records):
            problems += _unstorable(record.model_dump(), f"/{kind.name}/{index}", record.id)
            if record.id in seen:
                problems.append(Problem(f"/{kind.name}/{index}/id", "id repeats", record.id))
            seen.add(record.id)
        known[kind.name] = seen

    def require(kind: str, ref: str | None, pointer: str, fact_id: str) -> None:
        if (
            ref is None
            or ref in known[kind]
            or _existing(session, kinds.BY_NAME[kind].table, [ref])
        ):
            return
        message = f"unknown {kind.removesuffix('s')} {ref!r}"
        near = _near_id(session, kind, ref, known[kind])
        problems.append(
            Problem(pointer, message + (f"; did you mean {near!r}?" if near else ""), fact_id)
        )

    texts = {source.id: source.text for source in bundle.sources if source.text is not None}
    for index, source in enumerate(bundle.sources):
        stored = session.get(SourceText, source.id)
        # Stored citations point into the stored text: a different text would break them.
        if stored is not None and source.text is not None and stored.content != source.text:
            message = "the text differs from the one stored; give the new text a new source id"
            problems.append(Problem(f"/sources/{index}/text", message, source.id))
    spans: dict[tuple[str, int], Span] = {}

    def cite(citations: list[CitationCreate], pointer: str, fact_id: str) -> None:
        for index, citation in enumerate(citations):
            here = f"{pointer}/citations/{index}"
            require("sources", citation.source_id, f"{here}/source_id", fact_id)
            for via_index, via in enumerate(citation.via):
                require("sources", via, f"{here}/via/{via_index}", fact_id)
            text = texts.get(citation.source_id)
            if text is None:
                stored = session.get(SourceText, citation.source_id)
                text = stored.content if stored else None
            if text is None:
                message = f"source {citation.source_id!r} has no stored text to quote from"
                problems.append(Problem(f"{here}/source_id", message, fact_id))
                continue
            try:
                spans[(pointer, index)] = locate(text, citation.quote, citation.prefix)
            except QuoteError as exc:
                problems.append(Problem(f"{here}/quote", str(exc), fact_id))

    for index, source in enumerate(bundle.sources):
        for cite_index, cited in enumerate(source.cites):
            require("sources", cited, f"/sources/{index}/cites/{cite_index}", source.id)
            if cited in source.cites[:cite_index]:
                pointer = f"/sources/{index}/cites/{cite_index}"
                problems.append(Problem(pointer, f"{cited!r} repeats", source.id))
    for index, event in enumerate(bundle.events):
        pointer = f"/events/{index}"
        require("places", event.place_id, f"{pointer}/place_id", event.id)
        require("events", event.parent_id, f"{pointer}/parent_id", event.id)
        for actor_index, role in enumerate(event.actors):
            here = f"{pointer}/actors/{actor_index}"
            require("actors", role.actor_id, f"{here}/actor_id", event.id)
            if role in event.actors[:actor_index]:
                message = f"{role.actor_id!r} as {role.role!r} repeats"
                problems.append(Problem(here, message, event.id))
        cite(event.citations, pointer, event.id)
    problems += _parent_cycles(bundle, _stored_parents(session, bundle))
    for index, figure in enumerate(bundle.figures):
        pointer = f"/figures/{index}"
        require("events", figure.event_id, f"{pointer}/event_id", figure.id)
        require("actors", figure.claimed_by, f"{pointer}/claimed_by", figure.id)
        cite(figure.citations, pointer, figure.id)
    for index, statement in enumerate(bundle.statements):
        pointer = f"/statements/{index}"
        require("actors", statement.speaker, f"{pointer}/speaker", statement.id)
        require("actors", statement.reported_by, f"{pointer}/reported_by", statement.id)
        require("events", statement.event_id, f"{pointer}/event_id", statement.id)
        cite(statement.citations, pointer, statement.id)
        located = [spans.get((pointer, i)) for i in range(len(statement.citations))]
        # Judged only once every citation is found, so one bad quote is reported once.
        if (
            statement.kind is StatementKind.direct_quote
            and None not in located
            and not any(_quotes(statement.text, span.exact) for span in located if span)
        ):
            message = "a direct quote's text must be the quoted words of one of its citations"
            problems.append(Problem(f"{pointer}/text", message, statement.id))
    return spans, problems


def _near_id(session: Session, kind: str, ref: str, in_bundle: set[str]) -> str | None:
    """Return the id of `kind`, in the bundle or stored, most like the unknown `ref`, if one
    is close. Stored ids are read by their first letters only: a bounded cost."""
    table = kinds.BY_NAME[kind].table
    id_column = col(getattr(table, "id"))  # noqa: B009 - SQLModel types `id` as a str
    head = ref[:2].replace("%", "").replace("_", "")
    stored = session.exec(select(id_column).where(id_column.like(f"{head}%")).limit(1000)).all()
    close = difflib.get_close_matches(ref, [*in_bundle, *stored], n=1, cutoff=0.75)
    return close[0] if close else None


BLANK = "is empty or only whitespace; write it out, or use null where the field may be empty"


def _unstorable(value: Any, pointer: str, id: str) -> list[Problem]:
    """Return a problem, about record `id`, for every string in `value` that no database can
    store (one with a NUL character, which PostgreSQL refuses, or a lone surrogate, which is
    not UTF-8) and for every blank one (a title, name, alias or note of nothing); a citation's
    `prefix` may be blank: the line break or space before a quote."""
    if isinstance(value, dict):
        return [p for k, item in value.items() for p in _unstorable(item, f"{pointer}/{k}", id)]
    if isinstance(value, list):
        return [p for i, item in enumerate(value) for p in _unstorable(item, f"{pointer}/{i}", id)]
    if isinstance(value, str) and "\x00" in value:
        return [Problem(pointer, "contains a NUL character", id)]
    if isinstance(value, str) and not value.strip() and not pointer.endswith("/prefix"):
        return [Problem(pointer, BLANK, id)]
    if isinstance(value, str) and not value.isascii():
        try:
            value.encode()
        except UnicodeEncodeError:
            return [Problem(pointer, "contains a lone surrogate, which is not UTF-8", id)]
    return []


def _quotes(text: str, exact: str) -> bool:
    """Return whether `text` is the whole of `exact`, or stands between quotation marks in it."""
    words, cited = normalize(text), normalize(exact)
    return words == cited or f'"{words}"' in cited


def _parent_cycles(
    bundle: Bundle, stored_parent: Callable[[str], str | None] = lambda _id: None
) -> list[Problem]:
    """Return a problem for every event whose `parent_id` chain runs into a cycle, which makes
    it part of itself, naming the cycle. A chain goes on through stored events: past an event
    the bundle does not hold, `stored_parent(id)` gives its stored `parent_id` (None for a
    root or an unknown id). Linear: each event is walked once, without recursion."""
    parents = {event.id: event.parent_id for event in bundle.events}
    cycle_of: dict[str, tuple[str, ...] | None] = {}  # settled: the cycle it is in or runs into
    place_in_cycle: dict[str, int] = {}  # each member's place in its cycle
    for event in bundle.events:
        path: list[str] = []
        position: dict[str, int] = {}
        current: str | None = event.id
        while current is not None and current not in cycle_of and current not in position:
            position[current] = len(path)
            path.append(current)
            current = parents[current] if current in parents else stored_parent(current)
        cycle: tuple[str, ...] | None = None
        if current is not None and current in position:  # back on the path: a new cycle
            cycle = tuple(path[position[current] :])
            place_in_cycle.update((member, n) for n, member in enumerate(cycle))
        elif current is not None:
            cycle = cycle_of[current]
        cycle_of.update(dict.fromkeys(path, cycle))
    found = []
    for index, event in enumerate(bundle.events):
        cycle = cycle_of[event.id]
        if cycle is None:
            continue
        if event.id in place_in_cycle:
            chain = _cycle(cycle, place_in_cycle[event.id])
            message = f"parent_id makes the event part of itself: {chain}"
        else:
            message = f"parent_id runs into a cycle: {_cycle(cycle, 0)}"
        found.append(Problem(f"/events/{index}/parent_id", message, event.id))
    return found


def _stored_parents(session: Session, bundle: Bundle) -> Callable[[str], str | None]:
    """Return the stored `parent_id` of an event by its id, as `_parent_cycles` walks on past
    the bundle. Only a bundle that changes stored events can close a cycle through stored
    ones (a stored event's parent is stored): for any other, every chain ends at the bundle."""
    if not _existing(session, Event, (event.id for event in bundle.events)):
        return lambda _id: None

    def stored_parent(id: str) -> str | None:
        return session.exec(select(Event.parent_id).where(Event.id == id)).first()

    return stored_parent


CYCLE_SHOWN = 6
"""Events of a cycle a problem names, at most (with the count of those left out)."""


def _cycle(cycle: tuple[str, ...], start: int) -> str:
    """Return `cycle` as the chain of parents from its event at `start` back to that event:
    `a → b → c → a`."""
    shown = [cycle[(start + n) % len(cycle)] for n in range(min(len(cycle), CYCLE_SHOWN))]
    if len(cycle) > CYCLE_SHOWN:
        shown.append(f"… ({len(cycle) - CYCLE_SHOWN} more)")
    return " → ".join([*shown, cycle[start]])


def _upsert(session: Session, model: type[SQLModel], values: dict[str, Any], row: Any) -> Any:
    """Return the `model` row with `values`: the stored `row` changed only where it differs,
    or, when `row` is None, a new one."""
    if row is None:
        row = model(**values)
        session.add(row)
        return row
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
    return row


def _citations(
    spans: dict[tuple[str, int], Span], pointer: str, citations: list[CitationCreate]
) -> list[Citation]:
    """Return the rows for the curated `citations` of the fact at `pointer`, as located."""
    return [
        Citation(
            position=index,
            source_id=citation.source_id,
            via=citation.via,
            exact=span.exact,
            prefix=span.prefix,
            suffix=span.suffix,
            start=span.start,
            end=span.end,
        )
        for index, citation in enumerate(citations)
        for span in [spans[(pointer, index)]]
    ]


def _same_citations(current: list[Citation], wanted: list[Citation]) -> bool:
    """Return whether two lists of citation rows say the same, whatever their row ids."""

    def key(c: Citation) -> tuple[Any, ...]:
        return (c.position, c.source_id, c.via, c.exact, c.prefix, c.suffix, c.start, c.end)

    return [key(c) for c in current] == [key(c) for c in wanted]


def _replace_citations(row: Event | Figure | Statement, wanted: list[Citation]) -> None:
    """Give `row` the `wanted` citations, leaving its rows alone if they already say that."""
    if not _same_citations(row.citations, wanted):
        row.citations = wanted


def _write(
    session: Session,
    bundle: Bundle,
    spans: dict[tuple[str, int], Span],
    stored: dict[Kind, dict[str, Any]],
) -> None:
    """Upsert every record of a checked `bundle` into `session`, its citations at `spans`,
    over the `stored` rows of its ids (loaded at once, so that no record costs a query)."""
    # Parents before children, flushed group by group, so that every foreign key points at
    # a row that is already there (SQLite and PostgreSQL check them per statement).
    for source in bundle.sources:
        values = source.model_dump(exclude={"cites", "text"})
        if source.text is not None:
            values |= {
                "text_sha256": hashlib.sha256(source.text.encode()).hexdigest(),
                "text_length": len(source.text),
            }
        _upsert(session, Source, values, stored[kinds.SOURCES].get(source.id))
    session.flush()
    for source in bundle.sources:
        if source.text is not None:
            text = {"source_id": source.id, "content": source.text}
            _upsert(session, SourceText, text, session.get(SourceText, source.id))
    for actor in bundle.actors:
        values = actor.model_dump() | {"folded": folded_names(actor.name, actor.aliases)}
        _upsert(session, Actor, values, stored[kinds.ACTORS].get(actor.id))
    for place in bundle.places:
        values = place.model_dump() | {"folded": folded_names(place.name)}
        _upsert(session, Place, values, stored[kinds.PLACES].get(place.id))
    session.flush()
    for source in bundle.sources:
        row = session.get_one(Source, source.id)
        if row.cites != source.cites:
            row.cite_rows = [SourceCite(source_id=source.id, cited_id=c) for c in source.cites]
    for index, event in _parents_first(bundle.events):
        pointer = f"/events/{index}"
        values = event.model_dump(exclude={"actors", "citations"})
        row = _upsert(session, Event, values, stored[kinds.EVENTS].get(event.id))
        roles = [(a.actor_id, a.role) for a in event.actors]
        if [(a.actor_id, a.role) for a in row.actors] != roles:
            row.actors = [
                EventActor(event_id=event.id, actor_id=actor_id, role=role, position=position)
                for position, (actor_id, role) in enumerate(roles)
            ]
        _replace_citations(row, _citations(spans, pointer, event.citations))
        session.flush()
    for index, figure in enumerate(bundle.figures):
        values = figure.model_dump(exclude={"citations"})
        row = _upsert(session, Figure, values, stored[kinds.FIGURES].get(figure.id))
        _replace_citations(row, _citations(spans, f"/figures/{index}", figure.citations))
    for index, statement in enumerate(bundle.statements):
        values = statement.model_dump(exclude={"citations"})
        row = _upsert(session, Statement, values, stored[kinds.STATEMENTS].get(statement.id))
        _replace_citations(row, _citations(spans, f"/statements/{index}", statement.citations))
    session.flush()


def _parents_first(events: list[EventCreate]) -> list[tuple[int, EventCreate]]:
    """Return (index, event) for `events`, ordered so that each comes after its parent.

    Without recursion: a chain of thousands of events listed child first is one walk up it.
    """
    index_of = {event.id: index for index, event in enumerate(events)}
    ordered: list[tuple[int, EventCreate]] = []
    placed: set[str] = set()
    for index in range(len(events)):
        chain: list[int] = []  # the event, then its ancestors not yet placed
        current: int | None = index
        while current is not None and events[current].id not in placed:
            placed.add(events[current].id)
            chain.append(current)
            parent = events[current].parent_id
            current = index_of.get(parent) if parent is not None else None
        ordered += ((i, events[i]) for i in reversed(chain))
    return ordered
