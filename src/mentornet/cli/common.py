"""What every command shares: the settings resolved once, the console, JSON output."""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from mentornet.errors import BadInput

if TYPE_CHECKING:
    from rich.console import Console

TODAY_VARIABLE = "MENTORNET_TODAY"


@dataclass
class Settings:
    """Resolved once per command in the CLI callback and passed down from there."""

    db_option: Path | None
    today: date
    now: datetime  # timezone-aware; the moment stored in created_at columns

    @cached_property
    def db_path(self) -> Path:
        from mentornet.config import default_db_path

        return (self.db_option or default_db_path()).expanduser()


def resolve_clock() -> tuple[date, datetime]:
    """Today and now: from MENTORNET_TODAY when set, else the clock. The only clock read."""
    text = os.environ.get(TODAY_VARIABLE, "").strip()
    if text:
        try:
            today = date.fromisoformat(text)
        except ValueError:
            raise BadInput(f"{TODAY_VARIABLE}={text!r} is not a date: use YYYY-MM-DD, "
                           f"or unset it") from None
        return today, datetime.combine(today, time(12), tzinfo=UTC)
    now = datetime.now().astimezone()
    return now.date(), now


def settings(ctx: typer.Context) -> Settings:
    """The Settings the top-level callback stored on the context."""
    obj = ctx.find_root().obj
    assert isinstance(obj, Settings), "the mentornet callback sets ctx.obj"
    return obj


def open_read(ctx: typer.Context) -> sqlite3.Connection:
    """The store opened for reading (an empty panel when there is no database yet)."""
    from mentornet.store.connection import open_db

    return open_db(settings(ctx).db_path, write=False)


def console(*, stderr: bool = False) -> Console:
    """A Rich console; COLUMNS, NO_COLOR and TERM are honoured as usual."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, emoji=False)


def print_json(data: Any) -> None:
    """Valid JSON on standard output and nothing else; dates as YYYY-MM-DD."""
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, default=_json_default))


def _json_default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def complete_name(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion for NAME arguments: people whose name or a word of it starts so."""
    from mentornet.store.connection import open_db

    root = ctx.find_root()
    db = root.params.get("db") or os.environ.get("MENTORNET_DB")
    try:
        from mentornet.config import default_db_path

        conn = open_db(Path(db) if db else default_db_path(), write=False)
        pairs = conn.execute("SELECT name FROM person WHERE status != 'archived' "
                             "ORDER BY name COLLATE NOCASE").fetchall()
    except Exception:  # completion must never print a traceback into the shell
        return []
    wanted = incomplete.casefold()
    return [name for (name,) in pairs
            if name.casefold().startswith(wanted)
            or any(word.startswith(wanted) for word in name.casefold().split())]


def name_argument(help_text: str = "The person: a name, part of it, or #ID.") -> Any:
    return typer.Argument(..., help=help_text, autocompletion=complete_name,
                          show_default=False)


def name_option(*flags: str, help_text: str) -> Any:
    return typer.Option(None, *flags, help=help_text, autocompletion=complete_name)
