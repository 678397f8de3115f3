"""What every command shares: the settings resolved once, the console, JSON output."""

from __future__ import annotations

import os
import re
from collections import Counter
from datetime import UTC, date, datetime, time
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from mentornet.errors import BadInput

if TYPE_CHECKING:
    from rich.console import Console

    from mentornet.settings_file import DueSettings
    from mentornet.store import Location, Store

TODAY_VARIABLE = "MENTORNET_TODAY"
CONFIG_VARIABLE = "MENTORNET_CONFIG"


class Settings:
    """Resolved once per command in the CLI callback and passed down from there.

    A plain class: every command builds one, and a dataclass would cost more to define
    (see domain/records.py) than it saves in writing.
    """

    def __init__(self, *, db_option: str | Path | None, today: date, now: datetime) -> None:
        self.db_option = str(db_option) if db_option is not None else None
        self.today = today
        self.now = now  # timezone-aware; the moment stored in created_at columns
        self.warnings: list[str] = []  # what the store asks to tell the user, at the end

    @cached_property
    def db_path(self) -> Location:
        """The panel's place: --db or MENTORNET_DB, else the settings file's `database`,
        else the file in the platform's data folder."""
        return database_location(self.db_option)

    @property
    def db_source(self) -> str:
        """Where the database was named: "--db", "MENTORNET_DB", "config file" or
        "default"."""
        if self.db_option is not None:
            env = os.environ.get("MENTORNET_DB", "").strip()
            return "MENTORNET_DB" if env and env == self.db_option else "--db"
        return "config file" if due_settings().database else "default"


def database_location(given: str | None) -> Location:
    """The database a command uses: `given` (--db or MENTORNET_DB), else the settings
    file's `database`, else the file in the platform's data folder."""
    from mentornet.store import location

    if given is None or not given.strip():
        given = due_settings().database
    if given:
        return location(given)
    from mentornet.config import default_db_path

    return default_db_path().expanduser()


def due_settings() -> DueSettings:
    """The settings file MENTORNET_CONFIG names, else the one in the config folder."""
    from mentornet.config import default_config_path
    from mentornet.settings_file import load_settings

    named = os.environ.get(CONFIG_VARIABLE, "").strip()
    return load_settings(Path(named).expanduser() if named else default_config_path())


def resolve_clock() -> tuple[date, datetime]:
    """Today and now: from MENTORNET_TODAY when set, else the clock. The only clock read."""
    text = os.environ.get(TODAY_VARIABLE, "").strip()
    if text:
        try:
            today = date.fromisoformat(text)
        except ValueError:
            raise BadInput(f"{TODAY_VARIABLE}={text!r} is not a date: use YYYY-MM-DD, "
                           f"or unset it") from None
        from mentornet.dates import RANGE, in_range

        if not in_range(today):
            raise BadInput(f"{TODAY_VARIABLE}={text!r} is outside the dates mentornet "
                           f"keeps, {RANGE}: give a date in that range, or unset it")
        return today, datetime.combine(today, time(12), tzinfo=UTC)
    now = datetime.now().astimezone()
    return now.date(), now


def settings(ctx: typer.Context) -> Settings:
    """The Settings the top-level callback stored on the context."""
    obj = ctx.find_root().obj
    assert isinstance(obj, Settings), "the mentornet callback sets ctx.obj"
    return obj


def open_store(ctx: typer.Context, *, write: bool = False, mapped: bool = False,
               missing: str | None = None) -> Store:
    """The store, for `with`: an empty panel to read when there is no database yet.

    `write` opens it for changes (created on the first one); `missing` is what to tell
    the user instead when there is no database file (for a write, also a PostgreSQL
    database that holds no panel yet), as `no_database` words it; `mapped` is for a
    read of most of the file (`due`).
    """
    from mentornet.cli.collector import collector_paused, freeze_what_lives
    from mentornet.store import Store

    s = settings(ctx)
    with collector_paused():  # opening a PostgreSQL database imports its driver
        store = Store(s.db_path, write=write, mapped=mapped, today=s.today, now=s.now,
                      warnings=s.warnings, missing=missing)
        # The driver and the store live until the command ends; frozen before the
        # collector is back on, whose first pass would otherwise walk all of them.
        freeze_what_lives()
    return store


def no_database(ctx: typer.Context, *, nothing: str) -> str:
    """What a command that reads the panel says when the database file is not there,
    rather than showing an empty panel: a mistyped --db must not pass for an empty one.
    `nothing` says what was not done ("nothing was exported")."""
    s = settings(ctx)
    origin = {"--db": "the path came from --db",
              "MENTORNET_DB": "the path came from MENTORNET_DB",
              "config file": "the path came from the settings file's `database`",
              }.get(s.db_source, "neither is set, so this is the default path; "
                                 "`mentornet add NAME` starts your panel there")
    return (f"there is no database at {str(s.db_path)!r}, so {nothing}: check --db / "
            f"MENTORNET_DB ({origin})")


def require_database(ctx: typer.Context, *, nothing: str) -> None:
    """Refuse (as `no_database` words it) when the database file is not there."""
    with open_store(ctx, missing=no_database(ctx, nothing=nothing)):
        pass


def output_path(ctx: typer.Context, path: Path, *, option: str, name: str) -> Path:
    """A file to write output to, refused when it is a folder (`name` is the file
    suggested inside it), or the database, its journal or a backup mentornet manages
    (even with --force). `-` stays `-`: standard output."""
    from mentornet.files import STANDARD_OUTPUT

    if str(path) in STANDARD_OUTPUT:
        return path
    from mentornet.cli.paths import file_to_write

    target = file_to_write(path, option=option, name=name)
    from mentornet.store import Store

    kept = Store.kept_file(target, settings(ctx).db_path)
    if kept:
        raise BadInput(f"{option} {str(path)!r} is {kept}, so nothing was written: choose "
                       "another file")
    return target


def console(*, stderr: bool = False) -> Console:
    """A Rich console; COLUMNS, NO_COLOR and TERM are honoured as usual."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, emoji=False)


def print_json(data: Any) -> None:
    """Valid JSON on standard output and nothing else; dates as YYYY-MM-DD."""
    import json

    from mentornet.render.text import inert_json

    typer.echo(inert_json(json.dumps(data, indent=2, ensure_ascii=False,
                                     default=_json_default)))


def _json_default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def complete_name(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion of NAME: the people whose name, or a word of it, starts as typed.

    Typer and the shells keep only candidates that begin with the typed word exactly, case
    included; so a candidate is the typed text followed by the rest of the name from where
    it matched: `da` offers `dana Lee`, `le` offers `lee`, `jo` offers `josé Lee`. Typed
    text and names are compared as NAME matching compares them (`fold`: case, accents and
    width), and a word or run of words names a person, so each candidate names that
    person; a word shared by several people is not offered. Bash inserts candidates
    verbatim, so for bash spaces and quotes are escaped (`dana\\ Lee`); the shell hands
    back such a word unescaped (`ravi\\ O`, typed after a first TAB offered two Ravis,
    arrives as "ravi O"). A name holding control characters or bidi overrides (see
    render.text) is never offered: the shell would print it raw.
    """
    from mentornet.domain.names import clean_name, fold
    from mentornet.render.text import has_controls

    bash = os.environ.get("_MENTORNET_COMPLETE", "").endswith("_bash")
    typed = incomplete
    people = [(clean_name(name), archived or has_controls(name)) for name, archived
              in _completion_names(ctx)]
    wanted = _typed_key(typed)
    shared: Counter[str] | None = None  # how many people each run of words names
    found: dict[str, None] = {}
    for name, archived in people:
        if archived:  # still a NAME (so counted below), but not worth offering
            continue
        words = name.split()
        for start in range(len(words) if typed else 1):
            rest = " ".join(words[start:])
            cut = _prefix_length(rest, wanted)
            if cut is None:
                continue
            if start:
                if shared is None:
                    shared = Counter(run for other, _ in people for run in _runs(other))
                if shared[fold(rest)] > 1:
                    continue
            found[typed + rest[cut:]] = None
            break
    if bash:
        return [_BashWord(candidate) for candidate in found]
    return list(found)


class _BashWord(str):
    """A candidate escaped for bash (`ravi\\ Okafor`) that still "starts with" the word as
    bash hands it back unescaped (`ravi O`): Typer keeps only candidates that start with
    the typed word, which an escaped candidate would not once the word has a space in it.
    tests/test_completion.py runs bash's own completion script over both TABs."""

    def __new__(cls, text: str) -> _BashWord:
        word = super().__new__(cls, _BASH_SPECIAL.sub(r"\\\1", text))
        word.plain = text
        return word

    plain: str

    def startswith(self, prefix: Any, *args: Any) -> bool:
        return self.plain.startswith(prefix, *args) or super().startswith(prefix, *args)


_BASH_SPECIAL = re.compile(r"([^\w@%+=:,./-])")


def _prefix_length(text: str, wanted: str) -> int | None:
    """How many characters of `text` fold to `wanted`, as folded by `_typed_key` (None:
    it does not start so): the fewest, then any combining marks that follow them."""
    import unicodedata

    if not wanted:
        return 0
    for cut in range(1, len(text) + 1):
        head = _typed_key(text[:cut])
        if head == wanted:
            while cut < len(text) and unicodedata.combining(text[cut]):
                cut += 1
            return cut
        if not wanted.startswith(head):
            return None
    return None


def _typed_key(text: str) -> str:
    """`fold`, keeping one space at the end when the text ends with one (`ravi `)."""
    from mentornet.domain.names import fold

    key = fold(text)
    return key + " " if key and text[-1:].isspace() else key


def complete_leading_name(ctx: typer.Context, incomplete: str) -> list[str]:
    """Completion for a `words` argument read as `[NAME] TEXT`: names for the first word."""
    return [] if ctx.params.get("words") else complete_name(ctx, incomplete)


def _runs(name: str) -> set[str]:
    """Every run of consecutive words of a name, folded: what a NAME may say."""
    from mentornet.domain.names import fold

    words = fold(name).split()
    return {" ".join(words[i:j])
            for i in range(len(words)) for j in range(i + 1, len(words) + 1)}


def _completion_names(ctx: typer.Context) -> list[tuple[str, bool]]:
    """Everyone's (name, archived), read-only: completion never creates or migrates."""
    db = ctx.find_root().params.get("db") or os.environ.get("MENTORNET_DB")
    try:
        from mentornet.store import Store

        return Store.completion_names(database_location(str(db) if db else None))
    except Exception:  # completion must never print a traceback into the shell
        return []


def name_argument(help_text: str = "The person: a name, part of it, or #ID.") -> Any:
    return typer.Argument(..., help=help_text, autocompletion=complete_name,
                          show_default=False)


def name_option(*flags: str, help_text: str) -> Any:
    return typer.Option(None, *flags, help=help_text, autocompletion=complete_name)
