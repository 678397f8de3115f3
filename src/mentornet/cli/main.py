"""The `mentornet` command: global options, and every command module registered."""

from __future__ import annotations

import copy
import gc
import importlib
import os
import sys

import typer
from typer.main import get_command_name

from mentornet import __version__
from mentornet.cli.app import app as _app
from mentornet.cli.common import Settings, resolve_clock

# The command modules (each registers its commands on import), in --help's order.
COMMAND_MODULES = ("people", "record", "corrections", "merge", "plans", "search", "due",
                   "prep", "drafts", "review", "me", "io", "sync", "safety", "demo")
# The module of each command, so that `run()` imports and builds only the command a
# command line names: importing every module and building every command costs 10-20 ms,
# a good part of an everyday command (issue 6). Anything else (no command, --help,
# completion, a typo, `demo`, which tours the other commands) gets every module.
# tests/test_startup_imports.py checks this against the commands registered.
COMMAND_MODULE = {
    "due": "due", "config": "due", "export": "io", "import": "io",
    "add": "people", "edit": "people", "list": "people", "show": "people",
    "schedule": "people", "snooze": "people", "todo": "plans", "goal": "plans",
    "prep": "prep", "ask": "drafts", "update": "drafts", "thanks": "drafts",
    "log": "record", "give": "record", "got": "record", "park": "record",
    "log edit": "corrections", "log delete": "corrections", "give edit": "corrections",
    "give delete": "corrections", "got edit": "corrections", "got delete": "corrections",
    "park edit": "corrections", "park drop": "corrections", "park list": "corrections",
    "merge": "merge",
    "review": "review", "search": "search", "me": "me", "backup": "safety",
    "restore": "safety", "copy": "safety", "doctor": "safety", "undo": "safety",
    "sync": "sync",
}


def _register(*modules: str) -> typer.Typer:
    for module in modules:
        importlib.import_module(f"mentornet.cli.{module}")
    return _app


def __getattr__(name: str) -> typer.Typer:
    """`from mentornet.cli.main import app`: the app with every command registered."""
    if name == "app":
        return _register(*COMMAND_MODULES)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"mentornet {__version__}")
        raise typer.Exit()


@_app.callback()
def main(
    ctx: typer.Context,
    db: str | None = typer.Option(
        None, "--db", envvar="MENTORNET_DB", show_default=False,
        help="The database: a file, or a PostgreSQL URL (postgresql://USER@HOST/DBNAME). "
             "Default: the settings file's `database`, else your platform's data folder, "
             "e.g. ~/.local/share/mentornet/mentornet.db."),
    version: bool = typer.Option(False, "--version", callback=_show_version, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    """Keep your mentor network alive: whom to update, and what to say.

    \b
    Example: mentornet add "Dana Lee" --kind formal --org Acme --focus leadership
    """
    today, now = resolve_clock()
    ctx.obj = Settings(db_option=db, today=today, now=now)


def run() -> None:
    """Entry point of the console script: registers what the command line needs, runs it."""
    # The tens of thousands of objects Typer and Click create at import live until the
    # process ends. Frozen, the garbage collector no longer walks them: not while the
    # command runs, nor in the full collection at exit, which took 10-15 ms of every
    # command here. What the command itself creates is collected as usual, and what is
    # still alive when it ends is frozen too: on PostgreSQL the driver's twenty thousand
    # objects, which the collection at exit walked for another 10-15 ms.
    gc.freeze()
    from mentornet.cli.collector import own_process  # (most commands import it anyway)

    own_process()  # and what is alive once the store is open (cli/collector.py)
    try:
        word = None if os.environ.get("_MENTORNET_COMPLETE") else _command_word(sys.argv[1:])
        module = COMMAND_MODULE.get(word or "")
        if word and module:
            _only(_register(module), word)()
        else:
            _register(*COMMAND_MODULES)()
    except KeyboardInterrupt:  # before or after a command runs (inside, app.py says it)
        from mentornet.cli.app import interrupted

        try:
            interrupted()
        except typer.Exit as exit_:
            sys.exit(exit_.exit_code)
    finally:
        gc.freeze()


def _only(app: typer.Typer, word: str) -> typer.Typer:
    """A copy of `app` with just the command named `word`, and the global options.

    Typer turns every registered command's signature into Click options on each run,
    about 1 ms a command: a module such as people.py registers six.
    """
    lean = copy.copy(app)
    lean.registered_commands = [
        info for info in app.registered_commands
        if (info.name or get_command_name(info.callback.__name__ if info.callback else "")) == word]
    lean.registered_groups = [info for info in app.registered_groups if info.name == word]
    return lean


def _command_word(args: list[str]) -> str | None:
    """The command a command line names after the global --db option, if it starts so
    ("log edit" for a correction, as the app routes it)."""
    from mentornet.cli.app import routed

    for at, arg in enumerate(args):
        if arg == "--db" or (at > 0 and args[at - 1] == "--db"):
            continue
        if not arg.startswith("--db="):
            return None if arg.startswith("-") else routed(args[at:])[0]
    return None
