"""`mentornet demo`: a sample panel in its own database, to see what mentornet does."""

from __future__ import annotations

from pathlib import Path

import typer

from mentornet.cli.app import app
from mentornet.cli.common import Settings, console, settings


def demo_db_path() -> Path:
    """The demo's own database, beside (never instead of) the user's default one."""
    from mentornet.config import default_db_path

    return default_db_path().with_name("demo.db")


@app.command()
def demo(
    ctx: typer.Context,
    db: Path | None = typer.Option(None, "--demo-db", dir_okay=False,
                                   help="Where to build the demo database."),
) -> None:
    """Build a sample panel with a year of history in a separate database and tour it.

    Your own data is never touched.

    \b
    Example: mentornet demo
    """
    from mentornet.store import Store

    s = settings(ctx)
    path = (db or demo_db_path()).expanduser()
    if path.resolve() == s.db_path.resolve():
        from mentornet.errors import BadInput

        raise BadInput(f"the demo would overwrite your database {str(path)!r}: "
                       "give --demo-db another path")
    Store.build_demo(path, today=s.today, now=s.now, warnings=s.warnings)
    out = console()
    out.rule("[bold]mentornet demo[/bold]")
    out.print(f"A sample panel with a year of history is in {path}.\n"
              f"Explore it with: mentornet --db {path} list\n")
    root = ctx.find_root()
    root.obj = Settings(db_option=path, today=s.today, now=s.now)
    root.obj.warnings = s.warnings  # one list of warnings for the whole command
    commands = root.command.commands  # type: ignore[attr-defined]
    for command, *args in _TOUR:
        if command in commands:  # the real command, run on the demo database
            out.rule(f"$ mentornet {' '.join([command, *args])}")
            with commands[command].make_context(command, list(args), parent=root) as sub:
                commands[command].invoke(sub)
            out.print()


# What the tour shows, in order: command lines run on the demo database.
_TOUR: tuple[tuple[str, ...], ...] = (("list",), ("due",), ("prep", "dana"))
