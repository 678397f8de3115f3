"""The Typer application that every command module registers with."""

from __future__ import annotations

import sys
from typing import Any

import typer
from typer.core import TyperGroup

from mentornet.errors import MentornetError

# Commands that take a person's name first and also correct a record by id: `log edit 12`
# is the touch-base #12 corrected, `log Edith "..."` a touch-base logged. A word here is
# read as the sub-command only when an id follows it (or nothing, an option or --help),
# except `park list`, which needs no id. `mentornet log -- Edit 12` logs for someone
# called Edit.
CORRECTIONS = {"log": ("edit", "delete"), "give": ("edit", "delete"),
               "got": ("edit", "delete"), "park": ("edit", "drop", "list")}
_NEEDS_NO_ID = {("park", "list")}


def _is_id(text: str) -> bool:
    digits = text[1:] if text.startswith("#") else text
    return digits.isascii() and digits.isdigit()


def routed(args: list[str]) -> list[str]:
    """`args` (the command word first) with a correction's two words made one command
    name, "log edit", when they name one (see CORRECTIONS)."""
    if len(args) < 2 or args[1] not in CORRECTIONS.get(args[0], ()):
        return args
    rest = args[2:]
    if (args[0], args[1]) in _NEEDS_NO_ID or not rest or _is_id(rest[0]) \
            or rest[0].startswith("-") and rest[0] not in ("-", "--"):
        return [f"{args[0]} {args[1]}", *rest]
    return args


class _Group(TyperGroup):
    """Turns a MentornetError into one line on standard error and exit status 1."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        return super().resolve_command(ctx, routed(args))

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except MentornetError as exc:
            _fail(str(exc))
        except KeyboardInterrupt:
            interrupted()
        except UnicodeEncodeError as exc:
            if "surrogates" not in str(exc):
                raise
            # Bytes in the arguments that are not UTF-8 reach Python as lone surrogates;
            # nothing was written (the transaction rolled back).
            _fail("some text given is not valid UTF-8 (check your terminal's encoding, "
                  "e.g. LANG=en_US.UTF-8): nothing was changed")
        finally:
            _print_warnings(ctx.obj)


def _print_warnings(settings: Any) -> None:
    """What the store asked to tell the user (a sync folder, a missed daily backup), on
    standard error once the command is done."""
    from mentornet.render.text import say

    for text in getattr(settings, "warnings", ()):
        say(f"mentornet: warning: {text}", err=True)


def interrupted() -> None:
    """Ctrl-C: say so on standard error and exit 130, as shells expect.

    A write interrupted before its commit rolled back; one interrupted after it (while
    printing) is kept, and the message says which.
    """
    from mentornet.render.text import say

    api = sys.modules.get("mentornet.store.api")  # loaded by every command that writes
    saved = api is not None and api.Store.committed > 0
    say("Interrupted: your change was saved" if saved
        else "Interrupted: nothing was changed", err=True)
    raise typer.Exit(130)


def _fail(message: str) -> None:
    """The one error line; it may quote names or file contents, so it is neutralised."""
    from mentornet.render.text import say

    say(f"mentornet: {message}", err=True)
    raise typer.Exit(1)


app = typer.Typer(
    cls=_Group,
    name="mentornet",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals can hold private notes
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)
