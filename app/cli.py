"""The `conflict-facts` command: migrate, ingest, seed, keys, serve, back up, restore, draft
bundles, and synthesize data at scale."""

import getpass
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from app import auth, bundles, changes, logs, migrations, rendering, server, synth
from app import backup as backups
from app.db import make_engine
from app.models import ApiKey, ApiKeyScope, SourceKind
from app.models.revisions import as_utc
from app.settings import Settings
from app.writes import writing

cli = typer.Typer(
    help="conflict-facts: verifiable facts about an armed conflict, over HTTP.",
    no_args_is_help=True,
    add_completion=False,
)


@cli.command()
def migrate(revision: Annotated[str, typer.Argument(help="Target revision.")] = "head") -> None:
    """Migrate the database (DATABASE_URL) to the newest schema, or to REVISION."""
    migrations.upgrade(Settings().database_url, revision)


def _by() -> str:
    """Return whom the command line's writes are attributed to: `cli:<login name>`."""
    try:
        return f"cli:{getpass.getuser()}"
    except (OSError, KeyError):  # no login name in a bare container
        return "cli:unknown"


@contextmanager
def _refusing(*errors: type[Exception]) -> Iterator[None]:
    """Print any of `errors` to stderr and exit with status 1, instead of a traceback."""
    try:
        yield
    except errors as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from exc


@contextmanager
def _database(url: str | None = None) -> Iterator[Engine]:
    """Yield an engine for `url` (default DATABASE_URL); exit with status 1 when it is not
    migrated."""
    engine = make_engine(url or Settings().database_url)
    try:
        if migrations.current(engine) != migrations.head():
            typer.echo(
                "The database is not at the newest schema: run `conflict-facts migrate`.", err=True
            )
            raise typer.Exit(1)
        yield engine
    finally:
        engine.dispose()


def _ingest(engine: Engine, paths: list[Path], dry_run: bool, override: bool = False) -> None:
    """Load the bundle files at `paths` in one transaction and say what changed, per file
    (in a dry run, each record and changed field too).

    Exits with status 1, writing nothing, after printing every problem of the first file that
    cannot be loaded, each with its file and line, or every corrected field it would set back.
    """
    done = []
    try:
        with writing(engine) as write:
            for path in paths:
                summary = bundles.load_files(write, [path], by=_by(), override=override)
                summary.dry_run = dry_run
                done.append(f"{path}: {summary}")
                if dry_run:
                    done += summary.details()
            if dry_run:
                write.rollback()
    except (bundles.BundleError, bundles.ConflictError) as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from exc
    typer.echo("\n".join(done))


@cli.command()
def ingest(
    files: Annotated[list[Path], typer.Argument(help="Bundle files (YAML or JSON).")],
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="Check and list each record and changed field, but write nothing."
        ),
    ] = False,
    override: Annotated[
        bool,
        typer.Option("--override", help="Set back fields corrected since the bundle was ingested."),
    ] = False,
) -> None:
    """Load bundles into the database in one transaction: all of them, or nothing.

    Every record that changes gets a revision attributed to `cli:<login name>`. Ingesting
    the same files again changes nothing. A bundle that would set back a field corrected
    (PATCH) or a fact retracted since it was ingested is refused, unless --override.
    """
    with _database() as engine:
        _ingest(engine, files, dry_run, override)


@cli.command()
def seed() -> None:
    """Ingest the seed bundles (seed/*.yaml) into a database that holds no data yet.

    A database that already has a history is left alone, so that restarting with `make run`
    never undoes a correction; `conflict-facts ingest seed/*.yaml` loads the seed again.
    """
    with _database() as engine:
        with Session(engine) as session:
            version = changes.newest(session)
        if version is not None:
            typer.echo(f"The database already holds data (change {version[0]}); nothing seeded.")
            return
        _ingest(engine, bundles.SEED, dry_run=False)


keys = typer.Typer(help="Curator API keys: create, list, revoke.", no_args_is_help=True)
cli.add_typer(keys, name="keys")


@keys.command("create")
def create_key(
    name: Annotated[str, typer.Option(help="Who the key's writes are attributed to.")],
    read_only: Annotated[bool, typer.Option("--read-only", help="A key that cannot write.")] = (
        False
    ),
) -> None:
    """Create a key and print its token, once: only a hash of it is stored."""
    scope = ApiKeyScope.read if read_only else ApiKeyScope.write
    with _database() as engine:
        try:
            with writing(engine) as write:
                token = auth.create_key(write.session, name, scope)
        except auth.ApiKeyError as exc:
            typer.echo(f"Cannot create the key: {exc}.", err=True)
            raise typer.Exit(1) from exc
    typer.echo(token)


@keys.command("revoke")
def revoke_key(name: Annotated[str, typer.Argument(help="The key's name.")]) -> None:
    """Revoke a key: requests bearing it are refused from now on (401)."""
    with _database() as engine:
        try:
            with writing(engine) as write:
                auth.revoke_key(write.session, name)
        except auth.ApiKeyError as exc:
            typer.echo(f"Cannot revoke the key: {exc}.", err=True)
            raise typer.Exit(1) from exc
    typer.echo(f"revoked {name}")


@keys.command("list")
def list_keys() -> None:
    """List the keys: name, scope, token prefix, created, revoked."""
    with _database() as engine, Session(engine) as session:
        for key in session.exec(select(ApiKey).order_by(col(ApiKey.id))):
            revoked = f"{as_utc(key.revoked_at):%Y-%m-%dT%H:%M:%SZ}" if key.revoked_at else "-"
            created = f"{as_utc(key.created_at):%Y-%m-%dT%H:%M:%SZ}"
            typer.echo(f"{key.name}\t{key.scope}\t{key.prefix}…\t{created}\t{revoked}")


@cli.command("synth")
def synthesize(
    events: Annotated[int, typer.Option(min=1, help="Number of events to make.")] = 10_000,
    seed: Annotated[int, typer.Option(help="Seed: the same seed makes the same data.")] = 1,
    database_url: Annotated[
        str | None, typer.Option(help="Database to fill; default: DATABASE_URL.")
    ] = None,
) -> None:
    """Fill an empty, migrated database with made-up data at scale, for benchmarks.

    Every citation of it verifies against its source text. Every record gets its first
    revision and its renderings, in the same transaction, as any write does.
    """
    with _database(database_url) as engine, _refusing(synth.SynthError):
        began = time.perf_counter()
        with writing(engine) as write:
            counts = synth.load(write, events, seed, by=_by())
    rows = ", ".join(f"{count} {table}" for table, count in counts.items())
    typer.echo(f"synthesized in {time.perf_counter() - began:.1f} s: {rows}")


@cli.command()
def render() -> None:
    """Render every record's JSON anew, in one transaction, writing what differs.

    Every write renders what it changes, and `migrate` renders everything when the code
    renders differently; this is for a database edited by hand.
    """
    with _database() as engine, writing(engine) as write:
        count = rendering.render_all(write.session.connection())
    typer.echo(f"rendered again: {count} renderings written")


DRAFT_EXTRA = "pip install 'conflict-facts[draft]'"
"""What installs the extractor's own dependencies (sentences, dates, number words, gazetteer)."""


def _needs_draft_extra(exc: ModuleNotFoundError) -> NoReturn:
    """Exit with status 1, naming the extra to install, when `exc` is a missing dependency of
    the extractor; re-raise it when it is anything else."""
    library = (exc.name or "app").split(".")[0]
    if library == "app":
        raise exc
    typer.echo(
        f"`conflict-facts draft` needs the 'draft' extra ({library} is not installed): "
        f"{DRAFT_EXTRA}",
        err=True,
    )
    raise typer.Exit(1) from exc


@cli.command(name="draft")
def draft_bundle(
    article: Annotated[Path, typer.Argument(help="The article, as UTF-8 text.")],
    published_on: Annotated[
        datetime | None,
        typer.Option(
            formats=["%Y-%m-%d"], help="Publication date: relative dates are read against it."
        ),
    ] = None,
    publisher: Annotated[str, typer.Option(help="Who published the article.")] = "unknown",
    kind: Annotated[SourceKind, typer.Option(help="What kind of source it is.")] = (
        SourceKind.news_article
    ),
    url: Annotated[str | None, typer.Option(help="Where it was published.")] = None,
) -> None:
    """Print a draft bundle for ARTICLE: candidate figures, quotes, dates and mentions.

    Actors and places the database (DATABASE_URL) holds are recognised by name; without a
    migrated database, every speaker is proposed as a new actor. The draft loads as it is;
    edit it, then load it with `conflict-facts ingest FILE`.
    """
    try:
        # Imported by this command alone: the server never loads the extractor.
        from app import draft
    except ModuleNotFoundError as exc:
        _needs_draft_extra(exc)
    try:
        text = article.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        typer.echo(f"Cannot read {article}: {exc}", err=True)
        raise typer.Exit(1) from exc
    known = draft.Known()
    engine = make_engine(Settings().database_url)
    try:
        if migrations.current(engine) == migrations.head():
            with Session(engine) as session:
                known = draft.read_known(session)
        else:
            typer.echo("The database is not migrated: no known actors or places.", err=True)
    finally:
        engine.dispose()
    day: date | None = published_on.date() if published_on else None
    proposed = draft.draft(text, day, known, publisher=publisher, kind=kind, url=url)
    typer.echo(draft.render(proposed, article.name), nl=False)


@cli.command()
def backup(target: Annotated[Path, typer.Argument(help="The new backup file.")]) -> None:
    """Copy the live SQLite database to TARGET, consistently, while the server runs."""
    with _refusing(backups.BackupError):
        revision = backups.backup(Settings().database_url, target)
    typer.echo(f"backed up to {target} (schema revision {revision})")


@cli.command()
def restore(
    source: Annotated[Path, typer.Argument(help="A file made by `backup`.")],
    keys_from_backup: Annotated[
        bool,
        typer.Option(
            "--keys-from-backup",
            help="Take the curator keys from the backup too, as they were then (revocations"
            " since are undone). By default the current keys are kept.",
        ),
    ] = False,
) -> None:
    """Replace the SQLite database with the backup in SOURCE, after checking it; the curator
    keys stay as they are now."""
    with _refusing(backups.BackupError):
        revision = backups.restore(Settings().database_url, source, keys_from_backup)
    keys = "the backup's curator keys" if keys_from_backup else "the current curator keys"
    typer.echo(
        f"restored {source} (schema revision {revision}) with {keys};"
        " run `conflict-facts migrate` next"
    )


@cli.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    root_path: Annotated[
        str, typer.Option(help="Prefix a reverse proxy strips before passing requests on.")
    ] = "",
    workers: Annotated[int, typer.Option(min=1, help="Worker processes sharing the port.")] = 1,
) -> None:
    """Serve the API with uvicorn (the database must be migrated), holding clients to the
    limits of app.server: request heads, slow heads, unread answers."""
    # Any worker can serve any request: a process keeps no state of its own beyond its
    # connection pool, and a cursor carries everything the next page needs.
    server.run(
        Settings(),
        host=host,
        port=port,
        root_path=root_path,
        workers=workers,
        # One access line per request, written by app.logs.RequestLog with its request id.
        log_config=logs.config(Settings().log_format),
        access_log=False,
    )


def main() -> None:
    cli()
