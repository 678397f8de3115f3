"""The `mentornet` command: global options, and every command module registered."""

from __future__ import annotations

from pathlib import Path

import typer

from mentornet import __version__
from mentornet.cli import demo, due, io, people, plans, prep, record, review, safety  # noqa: F401  (commands register on import)
from mentornet.cli.app import app
from mentornet.cli.common import Settings, resolve_clock


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"mentornet {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    db: Path | None = typer.Option(
        None, "--db", envvar="MENTORNET_DB", show_default=False, dir_okay=False,
        help="The database file. Default: your platform's data folder, e.g. "
             "~/.local/share/mentornet/mentornet.db."),
    version: bool = typer.Option(False, "--version", callback=_show_version, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    """Keep your mentor network alive: whom to update, and what to say.

    Example: mentornet add "Dana Lee" --kind formal --org Acme --focus leadership
    """
    today, now = resolve_clock()
    ctx.obj = Settings(db_option=db, today=today, now=now)


def run() -> None:
    """Entry point of the console script."""
    app()
