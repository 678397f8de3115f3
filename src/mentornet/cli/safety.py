"""Looking after the database: backup, restore, copy, doctor, undo."""

from __future__ import annotations

from pathlib import Path

import typer

from mentornet.cli.app import app
from mentornet.cli.common import open_store, require_database, settings


@app.command()
def backup(
    ctx: typer.Context,
    dest: Path | None = typer.Argument(
        None, help="Where to put the copy: a new file, an older backup to replace, or a "
                   "folder. Default: the backups folder beside the database.",
        show_default=False),
    force: bool = typer.Option(False, "--force",
                               help="Replace DEST even if it is not a mentornet backup."),
) -> None:
    """Copy your database safely while it may be in use, verified and private (0600).

    \b
    Example: mentornet backup ~/Documents/mentornet-2026-11-22.db
    """
    from mentornet.render.text import say
    from mentornet.store import Store

    s = settings(ctx)
    require_database(ctx, nothing="nothing was backed up")
    copy = Store.backup(s.db_path, dest.expanduser() if dest else None, today=s.today,
                        force=force)
    size = copy.stat().st_size
    say(f"Backed up to {copy} ({_size(size)}, verified).")


@app.command()
def copy(
    ctx: typer.Context,
    to: str = typer.Option(..., "--to", show_default=False,
                           help="The store to copy into: an empty PostgreSQL database "
                                "(postgresql://USER@HOST/DBNAME) or a new file."),
) -> None:
    """Copy the whole panel, its history and undo journal included, into another store.

    Use it to move your panel into a PostgreSQL database every machine can reach, or back
    into a file. The copy is made in one transaction: all of it, or nothing.

    \b
    Example: mentornet copy --to postgresql://dana@db.example.org/mentornet
    """
    from mentornet.errors import BadInput
    from mentornet.render.text import say
    from mentornet.store import ServerURL, Store, location
    from mentornet.words import counted

    s = settings(ctx)
    target = location(to)
    if isinstance(target, Path):
        from mentornet.cli.paths import refuse_folder

        refuse_folder(target, where=f"--to {to!r}", name="mentornet.db")
        kept = Store.kept_file(target, s.db_path)
        if kept:
            raise BadInput(f"--to {str(target)!r} is {kept}, so nothing was copied: give "
                           "a new file name")
    elif isinstance(s.db_path, ServerURL) and target.url == s.db_path.url:
        raise BadInput(f"--to {target} is the database in use, so nothing was copied: "
                       "give another database")
    require_database(ctx, nothing="nothing was copied")
    done = Store.copy(s.db_path, target)
    rows = counted(sum(done.rows.values()), "row")
    say(f"Copied {counted(done.people, 'person')} and everything recorded about them "
        f"({rows}, the undo history included) from {s.db_path} to {target}.")
    use = f"--db {to!r}" if isinstance(target, Path) else "--db URL"
    say(f"To use the copy, give {use}, set MENTORNET_DB, or put `database = ...` in the "
        "settings file (`mentornet config` shows which is in force).")


@app.command()
def restore(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="A backup made by `mentornet backup` or the "
                                          "automatic daily backups.", show_default=False),
) -> None:
    """Replace your database with a backup, after checking it; the replaced file is kept.

    \b
    Example: mentornet restore ~/.local/share/mentornet/backups/mentornet-2026-11-21.db
    """
    from mentornet.cli.paths import file_to_read
    from mentornet.render.text import say
    from mentornet.store import Store

    s = settings(ctx)
    source = file_to_read(file, what=" to restore from", name="mentornet.db",
                          suffixes=(".db", ".bak"), latest=True)
    done = Store.restore(s.db_path, source, today=s.today, now=s.now)
    say(f"Restored {s.db_path} from {done.source} "
               f"(schema version {done.version}, layout and integrity verified).")
    if done.kept:
        say(f"The database it replaced is kept as {done.kept}.")


@app.command()
def doctor(ctx: typer.Context) -> None:
    """Check your database: damage, broken links, version, permissions, sync folders.

    Changes nothing. Exits with status 1 when it finds a problem.

    \b
    Example: mentornet doctor
    """
    from mentornet.render.text import say
    from mentornet.store import Store

    s = settings(ctx)
    findings = Store.doctor(s.db_path)
    say(f"Database: {s.db_path}")
    for finding in findings:
        say(f"  {finding.level:<8} {finding.text}")
    problems = sum(f.level == "problem" for f in findings)
    warnings = sum(f.level == "warning" for f in findings)
    from mentornet.words import counted

    if problems:
        say(f"{counted(problems, 'problem')} found.")
        raise typer.Exit(1)
    say(f"No problems found{', ' + counted(warnings, 'warning') if warnings else ''}.")


@app.command()
def undo(
    ctx: typer.Context,
    yes: bool = typer.Option(False, "--yes", "-y",
                             help="Undo a change recorded inside a restored file without "
                                  "asking (needed when there is no terminal to ask on)."),
) -> None:
    """Undo your most recent change (an add, log, edit, todo, goal...); repeat to go back.

    Right after a restore, the restore itself is not undone: it says how to take it back
    (restore the file it replaced) and asks before undoing a change from the restored file.

    \b
    Example: mentornet undo
    """
    import sys

    from mentornet.errors import PastRestore, StoreError
    from mentornet.render.text import say

    with open_store(ctx, write=True, missing="nothing to undo: there is no database yet") \
            as store:
        try:
            done = store.undo()
        except PastRestore as pending:
            back = (f"`mentornet restore {pending.kept}` takes it back" if pending.kept
                    else "there was no database before it")
            say(f"The last change was a restore (`{pending.restore}`, made "
                       f"{pending.restored_at[:16]}): undo does not take it back; {back}.",
                       err=True)
            what = f"`{pending.description}` (made {pending.made_at[:16]})"
            if not yes:
                if not sys.stdin.isatty():
                    raise StoreError(f"the change before it, {what}, was recorded inside the "
                                     "restored file: nothing was undone; run `mentornet undo "
                                     "--yes` to undo it anyway") from None
                if not typer.confirm(f"Undo {what}, a change recorded inside the restored "
                                     "file?", default=False, err=True):
                    say("Nothing was undone.", err=True)
                    return
            done = store.undo(past_restore=pending.change_id)
    say(f"Undid `{done.description}` (made {done.made_at[:16]}).")


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"
