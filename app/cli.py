"""The `conflict-facts` command: migrate, seed, serve, back up, restore, and draft bundles."""

from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer
import uvicorn
from sqlmodel import Session

from app import backup as backups
from app import bundles, draft, migrations, rendered
from app.db import make_engine
from app.models import SourceKind
from app.settings import Settings

cli = typer.Typer(
    help="conflict-facts: verifiable facts about an armed conflict, over HTTP.",
    no_args_is_help=True,
    add_completion=False,
)


@cli.command()
def migrate(revision: Annotated[str, typer.Argument(help="Target revision.")] = "head") -> None:
    """Migrate the database (DATABASE_URL) to the newest schema, or to REVISION."""
    migrations.upgrade(Settings().database_url, revision)


@cli.command()
def seed(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Bundle files; default: the seed/ folder.")
    ] = None,
) -> None:
    """Load bundles into the database in one transaction: all of them, or nothing.

    Loading is idempotent: loading the same files again changes nothing.
    """
    paths = files or bundles.SEED
    if not paths:
        typer.echo("No bundle files given, and none in the seed/ folder.", err=True)
        raise typer.Exit(1)
    engine = make_engine(Settings().database_url)
    try:
        if migrations.current(engine) != migrations.head():
            typer.echo(
                "The database is not at the newest schema: run `conflict-facts migrate`.", err=True
            )
            raise typer.Exit(1)
        with Session(engine) as session, session.begin():
            bundles.load_files(session, paths)
    except bundles.BundleError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from exc
    finally:
        engine.dispose()
    for path in paths:
        typer.echo(f"loaded {path}")


@cli.command()
def render() -> None:
    """Render every record's detail JSON anew, in one transaction.

    Writes keep the rendered details current by themselves; this fills them in at once for
    records loaded without the app (else each is rendered on its first read).
    """
    engine = make_engine(Settings().database_url)
    try:
        if migrations.current(engine) != migrations.head():
            typer.echo(
                "The database is not at the newest schema: run `conflict-facts migrate`.", err=True
            )
            raise typer.Exit(1)
        with Session(engine) as session, session.begin():
            count = rendered.render_all(session)
    finally:
        engine.dispose()
    typer.echo(f"rendered {count} records")


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
    edit it, then load it with `conflict-facts seed FILE`.
    """
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
    try:
        revision = backups.backup(Settings().database_url, target)
    except backups.BackupError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"backed up to {target} (schema revision {revision})")


@cli.command()
def restore(source: Annotated[Path, typer.Argument(help="A file made by `backup`.")]) -> None:
    """Replace the SQLite database with the backup in SOURCE, after checking it."""
    try:
        revision = backups.restore(Settings().database_url, source)
    except backups.BackupError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"restored {source} (schema revision {revision}); run `conflict-facts migrate` next")


@cli.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    root_path: Annotated[
        str, typer.Option(help="Prefix a reverse proxy strips before passing requests on.")
    ] = "",
) -> None:
    """Serve the API with uvicorn (the database must be migrated)."""
    uvicorn.run("app.main:create_app", factory=True, host=host, port=port, root_path=root_path)


def main() -> None:
    cli()
