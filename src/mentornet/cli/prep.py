"""`mentornet prep`: the recap to send ahead of a session, and private notes for you."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

import typer

from mentornet.cli.app import app
from mentornet.cli.common import name_argument, open_read, print_json, settings
from mentornet.errors import BadInput


@app.command()
def prep(
    ctx: typer.Context,
    name: str = name_argument(),
    send_only: bool = typer.Option(
        False, "--send-only", help="Only the note to send: never the private notes."),
    out: Path | None = typer.Option(
        None, "--out", "-o", dir_okay=False, show_default=False,
        help="Write to this file (owner-only, replaced atomically) instead of printing."),
    as_json: bool = typer.Option(False, "--json", help="Print the recap as JSON."),
) -> None:
    """Draft the recap to send a mentor a day before a session, with private notes.

    Part 1 is the note to send: what changed, goal progress, wins and challenges,
    follow-ups, what you want to focus on, thanks. Part 2 is for you: last sessions'
    notes, the give/get balance, ideas to give back, signals to ease off.

    Example: mentornet prep dana --send-only --out recap.md
    """
    from mentornet.domain.recap import build_recap
    from mentornet.render.recap import to_json, to_markdown
    from mentornet.store import queries

    s = settings(ctx)
    if out is not None and out.expanduser().resolve() == s.db_path.resolve():
        raise BadInput(f"--out {str(out)!r} is your database: choose another file")
    conn = open_read(ctx)
    try:
        person = queries.resolve(conn, name)
        recap = build_recap(
            person=person,
            goals=queries.goals(conn, mentor_id=person.id),
            parked=queries.parked_items(conn, open_only=True),
            followups=queries.followups(conn),
            favours=queries.favours(conn, [person.id]),
            touchbases=queries.touchbases(conn, [person.id]),
            others=queries.people(conn),
            today=s.today,
        )
    finally:
        conn.close()

    if as_json:
        data = to_json(recap, send_only=send_only)
        if out is None:
            print_json(data)
            return
        import json

        text = json.dumps(data, indent=2, ensure_ascii=False,
                          default=lambda value: value.isoformat()) + "\n"
    else:
        text = to_markdown(recap, send_only=send_only)
        if out is None:
            typer.echo(text, nl=False)
            return
    write_atomically(out, text)
    what = "the note to send" if send_only else "the recap"
    typer.echo(f"Wrote {what} for {person.name} to {out}.", err=True)


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` (mode 0600) so that it is either wholly there or untouched.

    The text goes to a temporary file in the same folder, is fsynced, then renamed over
    `path`: a failure part-way never leaves half a file where a good one was.
    """
    path = path.expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise BadInput(f"--out {str(path)!r} is a folder: give a file name")
    if not folder.is_dir():
        raise BadInput(f"--out {str(path)!r}: the folder {str(folder)!r} does not exist")
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise BadInput(f"can't write to {str(folder)!r}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise BadInput(f"can't write {str(path)!r}: {exc.strerror}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
