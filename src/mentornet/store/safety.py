"""Keeping the file safe over the years: daily backups, restore, doctor, sync-folder warnings.

Nothing here prints: warnings meant for the user go to the `warn` function the store
passes in, and the CLI prints them on standard error once the command is done. Dates come
from the caller.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mentornet.errors import StoreError
from mentornet.store.backup import (
    _identify,
    _open_ro,
    backup_folder,
    daily_backup,
    daily_backups,
    daily_name,
)
from mentornet.store.filesystem import sync_folder
from mentornet.words import counted

# Sync and network folders ---------------------------------------------------------------


def warning_for(path: Path, mounts: str | None = None) -> str | None:
    """The sentence to show when the database lies in a sync folder or on a network."""
    where = sync_folder(path, mounts)
    if where is None:
        return None
    return (f"the database {str(path)!r} is in {where}: syncing a database while it is "
            "open can corrupt it; keep it in a local folder (move it, or use --db) and "
            "put copies made with `mentornet backup` in the synced folder instead")


# Before every write ---------------------------------------------------------------------


def before_write(conn: sqlite3.Connection, path: Path | None, *, today: date,
                 warn: Callable[[str], None]) -> str | None:
    """Warn about sync folders; with the day's first write, check the whole file and take
    the day's automatic backup.

    A damaged file is refused (StoreError) before anything is written; a backup that
    fails is returned in words, for the store to tell once it knows whether the change
    that follows was saved. Call it outside any transaction on `conn`: SQLite's backup
    cannot copy a database from the connection that is writing it.
    """
    if path is None:
        return None
    warning = warning_for(path)
    if warning:
        warn(warning)
    if (backup_folder(path) / daily_name(path, today)).exists():
        return None
    from mentornet.store.sqlite.connection import check_sound

    check_sound(conn, path)
    try:
        daily_backup(conn, path, today=today)
    except (StoreError, sqlite3.Error, OSError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return f"today's automatic backup could not be made ({reason})"
    return None




def _integrity(conn: sqlite3.Connection) -> list[str]:
    rows = [row[0] for row in conn.execute("PRAGMA integrity_check(20)")]
    return [] if rows == ["ok"] else rows


# doctor ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    level: str  # "ok", "note", "warning" or "problem"
    text: str


def doctor(path: Path, mounts: str | None = None) -> list[Finding]:
    """Check the database at `path` without changing a byte; plain-words findings."""
    from mentornet.files import not_a_file

    findings: list[Finding] = []
    if not path.exists():
        return [Finding("ok", f"There is no database at {str(path)!r} yet: it is created "
                              "on your first `mentornet add`.")]
    if not_a_file(path):  # a folder's mode is no database's: only say what it is
        return _examine(path, path)
    findings.extend(_permissions(path))
    warning = sync_folder(path, mounts)
    if warning:
        findings.append(Finding("warning", f"It is in {warning}: syncing an open database "
                                "can corrupt it. Keep it in a local folder and sync "
                                "copies made with `mentornet backup`."))
    from mentornet.store.sqlite.connection import hot_journal

    if not hot_journal(path):
        return [*findings, *_examine(path, path)]
    journal = path.with_name(path.name + "-journal")
    findings.append(Finding("note", f"An interrupted write left {journal.name!r} beside it: "
                            "the next command rolls that write back (don't delete the "
                            "file). Checked as it will be then."))
    with tempfile.TemporaryDirectory(prefix="mentornet-doctor-") as scratch:
        copy = Path(scratch) / path.name  # roll back a copy: the file itself stays as it is
        try:
            shutil.copyfile(path, copy)
            shutil.copyfile(journal, copy.with_name(copy.name + "-journal"))
            conn = sqlite3.connect(copy)
            try:
                conn.execute("PRAGMA schema_version").fetchone()
            finally:
                conn.close()
        except (OSError, sqlite3.Error) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else str(exc)
            return [*findings, Finding("problem", f"SQLite could not roll back the "
                                       f"interrupted write ({reason}).")]
        return [*findings, *_examine(copy, path)]


def _examine(target: Path, path: Path) -> list[Finding]:
    """Findings about the database file `target`, reported as `path`."""
    from mentornet.store.layout import describe
    from mentornet.store.sqlite.connection import LATEST_VERSION, schema_problems

    findings: list[Finding] = []
    try:
        version = _identify(target, shown=path)
    except StoreError as exc:
        findings.append(Finding("problem", f"{str(exc)[0].upper()}{str(exc)[1:]}."))
        return findings
    if version > LATEST_VERSION:
        findings.append(Finding("problem", f"Schema version {version} comes from a newer "
                                f"mentornet (this one knows {LATEST_VERSION}): upgrade "
                                "mentornet."))
        return findings
    later = "" if version == LATEST_VERSION else (
        f"; it is upgraded to {LATEST_VERSION} on the next change, after a backup")
    findings.append(Finding("ok", f"It is a mentornet database, schema version "
                                  f"{version}{later}."))
    try:
        conn = _open_ro(target)
        try:
            problems = _integrity(conn)
            strange = [] if problems else schema_problems(conn, version)
            orphans = conn.execute("PRAGMA foreign_key_check").fetchall()
            changes = _changes(conn, version) if not strange else 0
            planted = _foreign_steps(conn, version) if not strange else 0
            silent = not strange and version >= 2 and not _recording(conn)
            people = _count(conn, "person") if not strange else 0
            syncs = _syncs(conn) if not strange else None
            unusable = _unreadable(conn) if not strange and not problems else []
            twice = (_entered_twice(conn) if not strange and not problems and not unusable
                     and version == LATEST_VERSION else [])
        finally:
            conn.close()
    except sqlite3.Error as exc:
        findings.append(Finding("problem", f"SQLite could not read it ({exc}): restore a "
                                "backup with `mentornet restore FILE`."))
        return findings
    if problems:
        findings.append(Finding("problem", "SQLite's integrity check found damage "
                                f"({counted(len(problems), 'issue')}, first: {problems[0]}). "
                                "Restore a backup with `mentornet restore FILE`."))
    else:
        findings.append(Finding("ok", "SQLite's integrity check found no damage."))
    if strange:
        findings.append(Finding("problem", f"It is not laid out as mentornet makes its "
                                f"databases: it has {describe(strange, limit=5)}. Such a "
                                "file is not used; restore a backup with `mentornet restore "
                                "FILE`."))
    elif not problems:
        findings.append(Finding("ok", "Its tables, indexes and triggers are exactly the ones "
                                      "mentornet makes."))
    if silent:
        findings.append(Finding("problem", "The change journal is switched off, so changes "
                                "are not recorded for `mentornet undo`. Restoring a copy "
                                "(`mentornet backup FILE`, then `mentornet restore FILE`) "
                                "switches it on again."))
    if planted:
        findings.append(Finding("problem", "The change journal holds "
                                f"{counted(planted, 'entry')} mentornet did not write: "
                                "`mentornet undo` refuses the changes holding them. If you "
                                "did not expect this, restore a backup with `mentornet "
                                "restore FILE`."))
    if orphans:
        tables = sorted({row[0] for row in orphans})
        point = "points" if len(orphans) == 1 else "point"
        findings.append(Finding("problem", f"{counted(len(orphans), 'record')} in "
                                f"{', '.join(tables)} {point} at a person or goal that no "
                                "longer exists."))
    else:
        findings.append(Finding("ok", "Every record points at people and goals that exist."))
    if unusable:
        shown = "; ".join(str(value) for value in unusable[:20])
        more = f" and {len(unusable) - 20} more" if len(unusable) > 20 else ""
        findings.append(Finding("problem", f"{counted(len(unusable), 'stored value')} "
                                "can't be read (not a date from 1900-01-01 to 2199-12-31, "
                                f"not a list of text, or not UTF-8 text): {shown}{more}. The "
                                "records are "
                                "shown as they are and left out of due dates and counts: "
                                "fix each with `mentornet edit`, or restore a backup."))
    if not strange:
        findings.append(Finding("ok", f"{counted(people, 'person')}; `mentornet undo` can "
                                      f"walk back {counted(changes, 'change')}."))
    if syncs is not None:
        findings.append(Finding("ok", syncs))
    findings.append(_backups_finding(path))
    findings += [Finding("note", line) for line in twice]
    return findings


def _entered_twice(conn: sqlite3.Connection) -> list[str]:
    """The people who look like one person entered twice, with the merge to make (none
    when their names can't be read: doctor names those values already)."""
    from mentornet.domain.merging import SHOWN, duplicate_lines, likely_duplicates
    from mentornet.store import queries

    try:
        people = queries.identities(conn)
    except sqlite3.Error:
        return []
    return duplicate_lines(likely_duplicates(people, limit=SHOWN))


def _foreign_steps(conn: sqlite3.Connection, version: int) -> int:
    from mentornet.migrations import DATA_JOURNAL_STEP
    from mentornet.store.undo import foreign_steps

    return foreign_steps(conn) if version >= DATA_JOURNAL_STEP else 0


def _recording(conn: sqlite3.Connection) -> bool:
    from mentornet.store.sqlite.journal import recording

    return recording(conn)


def _changes(conn: sqlite3.Connection, version: int) -> int:
    from mentornet.migrations import DATA_JOURNAL_STEP

    if version < 2:
        return 0
    if version < DATA_JOURNAL_STEP:
        return _count(conn, "change_log")
    return int(conn.execute("SELECT count(*) FROM change_log WHERE kind = 'change'"
                            ).fetchone()[0])


def _unreadable(conn: sqlite3.Connection) -> list[object]:
    """The stored values reads leave out (see queries.unreadable); none on a schema whose
    columns are older than the reads know."""
    from mentornet.store.unreadable import unreadable

    try:
        return list(unreadable(conn))
    except sqlite3.Error:
        return []


def _syncs(conn: sqlite3.Connection) -> str | None:
    """When each source was last synced (`mentornet sync`), in words; None before the
    schema kept it."""
    from mentornet.store.engines import journaled_tables

    if "sync_run" not in journaled_tables(conn):
        return None
    from mentornet.store.sync import last_syncs

    runs = last_syncs(conn)
    said = [f"your {source}: " + (f"{runs[source][1][:16]}" if source in runs else "never")
            for source in ("calendar", "mail")]
    return "Last sync of " + "; of ".join(said) + "."


def _count(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def _permissions(path: Path) -> Iterable[Finding]:
    mode = path.stat().st_mode & 0o777
    folder = path.parent
    folder_stat = folder.stat()
    folder_mode = folder_stat.st_mode & 0o7777
    if mode & 0o077:
        yield Finding("problem", f"Other users can read the database (mode {mode:04o}): "
                                 f"run chmod 600 {str(path)!r}.")
    shared = _shared(folder, folder_stat)
    if shared:
        yield Finding("warning", f"Its folder {str(folder)!r} is shared (mode "
                                 f"{folder_mode:04o}: {shared}): don't change its mode, "
                                 "others need it; move the database into a folder of your "
                                 "own instead, e.g. `mentornet copy --to "
                                 "~/mentornet/mentornet.db`, then use that file with --db "
                                 "or MENTORNET_DB.")
    elif folder_mode & 0o077 and folder != Path.home():
        yield Finding("warning", f"Other users can list its folder (mode {folder_mode:04o}):"
                                 f" run chmod 700 {str(folder)!r}.")
    if not mode & 0o077:
        yield Finding("ok", f"Only you can read it (mode {mode:04o}).")


def _shared(folder: Path, found: os.stat_result) -> str | None:
    """Why `folder` is not one to make private with chmod 700, in words; None when it is
    yours to close. Closing /tmp or /var/tmp (sticky, writable by everyone), the root of
    the file system or a folder right under it (/srv, /home), or another user's folder
    would break it for everyone else, or fail."""
    import stat

    if found.st_mode & (stat.S_ISVTX | stat.S_IWOTH):
        return "every user can create files in it"
    if not found.st_mode & 0o077:
        return None
    if len(folder.absolute().parts) <= 2:
        return "a folder of the system"
    getuid = getattr(os, "getuid", None)
    if getuid is not None and found.st_uid != getuid():
        return "it belongs to another user"
    return None


def _backups_finding(path: Path) -> Finding:
    daily = daily_backups(path)
    if not daily:
        return Finding("note", f"No automatic backup yet: one is made in "
                               f"{str(backup_folder(path))!r} on the first change of each day.")
    newest = daily[-1].stem.removeprefix(f"{path.stem}-")
    return Finding("ok", f"{counted(len(daily), 'automatic daily backup')}, the newest "
                         f"from {newest}, "
                         f"in {str(backup_folder(path))!r}.")
