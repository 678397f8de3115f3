"""`mentornet demo`: a sample panel in its own database, to see what mentornet does."""

from __future__ import annotations

import os
import shlex
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from mentornet.cli.app import app
from mentornet.cli.common import Settings, console, settings
from mentornet.render.text import safe

if TYPE_CHECKING:
    from mentornet.store import Location


def demo_db_path(db_path: Location) -> Path:
    """The demo's own database, beside (never instead of) the configured one: a file in
    the data folder when your panel is in PostgreSQL."""
    from mentornet.store import ServerURL

    if isinstance(db_path, ServerURL):
        from mentornet.config import default_db_path

        return default_db_path().expanduser().with_name("demo.db")
    return db_path.with_name("demo.db")


@app.command()
def demo(
    ctx: typer.Context,
    db: str | None = typer.Option(
        None, "--demo-db", "--db",
        help="Where to build the demo: a file, or an empty PostgreSQL database "
             "(postgresql://USER@HOST/DBNAME). Default: demo.db beside your database. "
             "An existing file or database is replaced only if it holds an earlier demo."),
    force: bool = typer.Option(False, "--force",
                               help="Replace the --demo-db file even if it is not a demo."),
) -> None:
    """Build a sample panel with a year of history in a separate database and tour it.

    Your own data is never touched.

    \b
    Example: mentornet demo
    """
    from mentornet.errors import BadInput
    from mentornet.files import not_a_file
    from mentornet.store import ServerURL, Store, location

    s = settings(ctx)
    target = location(db) if db else demo_db_path(s.db_path)
    if isinstance(target, ServerURL):
        if not Store.is_demo(target):
            raise BadInput(f"{target} already holds a panel that is not a mentornet demo, "
                           "so nothing was written: give --demo-db an empty database")
        Store.build_demo(target, today=s.today, now=s.now, warnings=s.warnings)
        _tour(ctx, target)
        return
    from mentornet.cli.paths import file_to_write

    path = file_to_write(target, option="--demo-db", name="demo.db")
    where = f"{str(path)!r}"
    kept = Store.kept_file(path, s.db_path)
    if kept:
        raise BadInput(f"the demo can't go in {where}: it is {kept}; give --demo-db "
                       "another path")
    what = not_a_file(path)
    if what:
        raise BadInput(f"the demo can't go in {where}: it is {what}; give --demo-db a file "
                       "name")
    if path.exists() and not force and not Store.is_demo(path):
        raise BadInput(f"{where} already exists and is not a mentornet demo, so nothing was "
                       "written: give --demo-db another file name, or add --force to "
                       "replace it")
    path = Path(os.path.realpath(path))  # a link stays; the file it names is replaced
    Store.build_demo(path, today=s.today, now=s.now, warnings=s.warnings)
    _tour(ctx, path)


def _tour(ctx: typer.Context, path: Location) -> None:
    """Run the tour's commands on the demo just built."""
    s = settings(ctx)
    out = console()
    out.rule("[bold]mentornet demo[/bold]")
    out.print(f"A sample panel with a year of history is in {safe(str(path))}.\n"
              f"Explore it with: mentornet --db {safe(shlex.quote(str(path)))} list\n",
              soft_wrap=True)
    root = ctx.find_root()
    from mentornet.store import ServerURL

    root.obj = Settings(db_option=path.url if isinstance(path, ServerURL) else path,
                        today=s.today, now=s.now)
    root.obj.warnings = s.warnings  # one list of warnings for the whole command
    commands = root.command.commands  # type: ignore[attr-defined]
    for command, *args in _TOUR:
        if command in commands:  # the real command, run on the demo database
            out.rule(f"$ mentornet {' '.join([command, *args])}")
            with commands[command].make_context(command, list(args), parent=root) as sub:
                commands[command].invoke(sub)
            out.print()


# What the tour shows, in order: command lines run on the demo database.
_TOUR: tuple[tuple[str, ...], ...] = (("list",), ("list", "--kind", "contact"), ("due",),
                                     ("prep", "dana"), ("ask", "priya"), ("update", "sam"))
