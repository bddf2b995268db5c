"""The `conflict-facts` command: migrate, seed, synth and serve."""

import time
from pathlib import Path
from typing import Annotated

import typer
import uvicorn
from sqlmodel import Session

from app import bundles, migrations, synth
from app.db import make_engine
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


@cli.command("synth")
def synthesize(
    events: Annotated[int, typer.Option(min=1, help="Number of events to make.")] = 10_000,
    seed: Annotated[int, typer.Option(help="Seed: the same seed makes the same data.")] = 1,
    database_url: Annotated[
        str | None, typer.Option(help="Database to fill; default: DATABASE_URL.")
    ] = None,
) -> None:
    """Fill an empty, migrated database with made-up data at scale, for benchmarks.

    Every citation of it verifies against its source text. On SQLite the load runs with
    foreign key checks off (the data is valid by construction), in one transaction.
    """
    engine = make_engine(database_url or Settings().database_url)
    try:
        if migrations.current(engine) != migrations.head():
            typer.echo(
                "The database is not at the newest schema: run `conflict-facts migrate`.", err=True
            )
            raise typer.Exit(1)
        began = time.perf_counter()
        counts = synth.load(engine, events, seed)
    except synth.SynthError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from exc
    finally:
        engine.dispose()
    rows = ", ".join(f"{count} {table}" for table, count in counts.items())
    typer.echo(f"synthesized in {time.perf_counter() - began:.1f} s: {rows}")


@cli.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the API with uvicorn (the database must be migrated)."""
    uvicorn.run("app.main:create_app", factory=True, host=host, port=port)


def main() -> None:
    cli()
