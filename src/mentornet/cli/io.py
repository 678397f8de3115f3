"""Data in and out: export the panel (JSON, CSV, vCard, calendar) and import people."""

from __future__ import annotations

import contextlib
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from mentornet.cli.app import app
from mentornet.cli.collector import collector_paused
from mentornet.cli.common import (
    console,
    due_settings,
    no_database,
    open_store,
    output_path,
    settings,
)
from mentornet.vocab import choose

if TYPE_CHECKING:
    from mentornet.io.plan import Advance, ImportPlan
    from mentornet.store import Change, Store

EXPORT_FORMATS = ("json", "csv", "vcard", "ics")
IMPORT_FORMATS = ("json", "csv", "linkedin", "vcard")
VCARD_VERSIONS = ("3.0", "4.0")
SUFFIXES = {".json": "json", ".csv": "csv", ".vcf": "vcard", ".vcard": "vcard", ".ics": "ics"}
EXPORT_SUFFIXES = {"json": ".json", "csv": ".csv", "vcard": ".vcf", "ics": ".ics"}
PROGRESS_FROM = 200  # units of work from which an import shows a progress bar


@app.command()
def export(
    ctx: typer.Context,
    format_: str | None = typer.Option(
        None, "--format", show_default=False,
        help="json (everything but the undo history), csv (people), vcard (contacts) "
             "or ics (calendar "
             "of due dates and sessions). Default: from the --out suffix, else json."),
    out: Path | None = typer.Option(
        None, "--out", "-o", show_default=False,
        help="Write to this file (atomically, readable only by you) instead of the screen; "
             "`-` is standard output. An existing file is replaced only if it is an export "
             "of the same format."),
    vcard_version: str = typer.Option("3.0", "--vcard-version",
                                      help="vCard version for --format vcard: 3.0 or 4.0."),
    with_notes: bool = typer.Option(
        False, "--with-notes",
        help="Put your private notes into the vCards too (left out unless asked: cards "
             "end up on phones and servers)."),
    force: bool = typer.Option(False, "--force",
                               help="Replace the --out file even if it is not an export."),
) -> None:
    """Export your panel: everything as JSON, people as CSV or vCards, due dates as a calendar.

    \b
    Example: mentornet export --format json --out mentornet.json
    """
    s = settings(ctx)
    if format_ is not None:
        fmt = choose(format_, EXPORT_FORMATS, what="export format")
    else:
        fmt = SUFFIXES.get(out.suffix.lower(), "json") if out else "json"
    version = choose(vcard_version, VCARD_VERSIONS, what="vCard version")
    target = (output_path(ctx, out, option="--out", name=f"mentornet{EXPORT_SUFFIXES[fmt]}")
              if out is not None else None)
    rules = due_settings().rules() if fmt == "ics" else None  # a bad settings file first
    # A missing file is refused, not exported as an empty panel: --db may be mistyped.
    # One snapshot, one picture; the pieces are closed, so that a helper stops too.
    with open_store(ctx, missing=no_database(ctx, nothing="nothing was exported")) as store, \
            store.snapshot(), contextlib.closing(
            _export_text(store, fmt, version=version, today=s.today, now=s.now,
                         with_notes=with_notes, rules=rules)) as pieces:
        from mentornet.render.text import emit, say

        if target is None:
            emit(pieces)  # byte for byte into a file or pipe; neutralised on a terminal
            return
        from mentornet.files import write_output

        written = write_output(target, pieces, kind=fmt, option="--out", force=force)
    if written:
        say(f"Exported your panel as {fmt} to {target}.")


def _export_text(store: Store, fmt: str, *, version: str, today: Any, now: Any,
                 with_notes: bool = False, rules: Any = None) -> Generator[str, None, None]:
    """The export's text, in pieces: JSON is written as it is read, in bounded memory.
    `rules`: the cadences and due point `due` uses, for the calendar."""
    if fmt == "json":
        from mentornet.io.json_export import export_chunks

        return export_chunks(store)
    if fmt == "csv":
        from mentornet.io.csv_format import export_csv

        return _whole(export_csv(store))
    if fmt == "vcard":
        from mentornet.io.vcard import export_vcards

        return _whole(export_vcards(store, version=version, with_notes=with_notes))
    from mentornet.io.ics import export_ics

    return _whole(export_ics(store, today=today, now=now, rules=rules))


def _whole(text: str) -> Generator[str, None, None]:
    """A document written at once, as the one piece of an export."""
    yield text


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Path = typer.Argument(..., show_default=False,
                                help="The file to read; it is never modified."),
    format_: str | None = typer.Option(
        None, "--format", show_default=False,
        help="json (a mentornet export), csv, linkedin (Connections.csv) or vcard. "
             "Default: recognised from the file."),
    dry_run: bool = typer.Option(False, "--dry-run",
                                 help="Show what would change, and write nothing."),
    skip_invalid: bool = typer.Option(
        False, "--skip-invalid",
        help="Import the cards or rows that can be read, and list each one skipped with "
             "where it is (by default a file with a broken card or row imports nothing)."),
    as_kind: str | None = typer.Option(
        None, "--as", metavar="KIND", show_default=False,
        help="The kind of the new people: formal, informal, prospect, mentee or contact "
             "(default: contact, unless a row names its kind). Not for json."),
) -> None:
    """Bring people in: a mentornet JSON export, a CSV (also Google's and Outlook's),
    LinkedIn's Connections.csv or vCards.

    New people from a CSV, LinkedIn or vCard file come in as contacts: in your network,
    not on your panel, so `due` leaves them alone until you promote one
    (`mentornet edit NAME --kind prospect`) or import with --as.

    \b
    Example: mentornet import Connections.csv --format linkedin --dry-run
    """
    from mentornet.cli.paths import file_to_read
    from mentornet.io.files import read_source
    from mentornet.io.problems import MalformedFile
    from mentornet.vocab import KINDS

    kind = choose(as_kind, KINDS, what="kind (--as)") if as_kind is not None else None
    source = str(file)
    data = read_source(file_to_read(file, what=" to import", name="contacts.vcf",
                                    suffixes=tuple(SUFFIXES)))
    fmt = (choose(format_, IMPORT_FORMATS, what="import format") if format_ is not None
           else detect_format(file, data))
    if kind is not None and fmt == "json":
        from mentornet.errors import BadInput

        raise BadInput("--as is for CSV, LinkedIn and vCard files: a mentornet export "
                       "keeps each person's kind")
    with collector_paused():
        try:
            parsed = _parse(fmt, data, source, skip_invalid=skip_invalid)
        except MalformedFile as exc:
            _print_problems(exc)
            raise typer.Exit(1) from None
        nobody = fmt != "json" and not parsed.contacts
        newest: int | None = None  # the newest id before a write: who came in after it
        if dry_run or nobody:
            with open_store(ctx) as store:
                plan = _plan(store, fmt, parsed, source, kind)
        else:
            try:
                with open_store(ctx, write=True) as store, \
                        store.change(f"import {file.name}") as change, \
                        _progress(0 if fmt == "json" else len(parsed.contacts)) as bar:
                    newest = max((pid for pid, _ in change.names()), default=0)
                    plan = _plan(change, fmt, parsed, source, kind, advance=bar.advance)
                    if not plan.changes_anything:  # roll back: no empty change for `undo`
                        raise _NothingToChange
                    bar.grow(plan.size)
                    _apply(change, plan, bar.advance)
            except _NothingToChange:
                newest = None
    from mentornet.render.imports import import_report

    console().print(import_report(plan, dry_run=dry_run), soft_wrap=True)
    if newest is not None:
        _point_at_duplicates(ctx, newer_than=newest)


class _NothingToChange(Exception):
    """Raised inside the write transaction to leave it without a trace."""


def detect_format(file: Path, data: bytes) -> str:
    """json, vcard, linkedin or csv: by the file's suffix, else by what it starts with."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:15].upper() == b"BEGIN:VCALENDAR" or file.suffix.lower() in (".ics", ".ical"):
        from mentornet.errors import BadInput

        raise BadInput(f"{str(file)!r} is a calendar (iCalendar) file, not contacts: "
                       "mentornet imports people from a vCard (.vcf), CSV, LinkedIn's "
                       "Connections.csv or its own JSON export. To put your due dates in a "
                       "calendar, use `mentornet export --format ics`")
    by_suffix = SUFFIXES.get(file.suffix.lower())
    if by_suffix in ("json", "vcard"):
        return by_suffix
    if head.startswith(b"{"):
        return "json"
    if head[:11].upper() == b"BEGIN:VCARD":
        return "vcard"
    from mentornet.io.linkedin import looks_like_linkedin

    return "linkedin" if looks_like_linkedin(data) else "csv"


def _parse(fmt: str, data: bytes, source: str, *, skip_invalid: bool) -> Any:
    if fmt == "json":
        from mentornet.io.json_format import parse_json

        return parse_json(data, source)
    if fmt == "csv":
        from mentornet.io.csv_format import parse_csv

        return parse_csv(data, source, skip_invalid=skip_invalid)
    if fmt == "linkedin":
        from mentornet.io.linkedin import parse_linkedin

        return parse_linkedin(data, source, skip_invalid=skip_invalid)
    from mentornet.io.vcard import parse_vcards

    return parse_vcards(data, source, skip_invalid=skip_invalid)


def _plan(store: Any, fmt: str, parsed: Any, source: str,
          kind: str | None = None, advance: Advance | None = None) -> ImportPlan:
    if fmt == "json":
        from mentornet.io.json_import import plan_snapshot

        return plan_snapshot(store, parsed, source=source)
    from mentornet.io.plan import plan_contacts

    plan = plan_contacts(store, parsed.contacts, source=source, fmt=fmt,
                         skipped=parsed.skipped, advance=advance, kind=kind)
    plan.notes.extend(parsed.notes)
    return plan


def _apply(change: Change, plan: ImportPlan, advance: Advance) -> None:
    if plan.format == "json":
        from mentornet.io.json_apply import apply_snapshot

        apply_snapshot(change, plan, advance)
    else:
        from mentornet.io.plan import apply_contacts

        apply_contacts(change, plan, advance)


class _Bar:
    """A progress bar on standard error for long imports in a terminal: over matching the
    file's people against the panel, then over writing the changes."""

    def __init__(self) -> None:
        self.total = 0
        self._progress: Any = None
        self._task: Any = None

    def grow(self, units: int) -> None:
        self.total += units
        if self._progress is not None:
            self._progress.update(self._task, total=self.total)
            return
        err = console(stderr=True)
        if self.total < PROGRESS_FROM or not err.is_terminal:
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self._progress = Progress(TextColumn("Importing"), BarColumn(), MofNCompleteColumn(),
                                  console=err, transient=True)
        self._progress.start()
        self._task = self._progress.add_task("import", total=self.total)

    def advance(self, units: int) -> None:
        if self._progress is not None:
            self._progress.advance(self._task, units)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()


@contextlib.contextmanager
def _progress(total: int) -> Iterator[_Bar]:
    bar = _Bar()
    bar.grow(total)
    try:
        yield bar
    finally:
        bar.stop()


def _print_problems(exc: Any) -> None:
    from mentornet.render.text import say

    say(f"mentornet: {exc}", err=True)
    if len(exc.problems) > 1:
        for problem in exc.problems:
            say(f"  {problem}", err=True)
    if exc.hint:
        say(exc.hint, err=True)


def _point_at_duplicates(ctx: typer.Context, *, newer_than: int) -> None:
    """Name the people just imported who look like someone already there (or each other)."""
    from mentornet.domain.merging import SHOWN, duplicate_lines, likely_duplicates
    from mentornet.render.text import say

    with open_store(ctx) as store:
        found = likely_duplicates(store.identities(), newer_than=newer_than,
                                  limit=SHOWN)
    if found.total:
        say("Some people may have been entered twice:")
        for line in duplicate_lines(found):
            say(f"  {line}")
