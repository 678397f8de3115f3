"""Backups of a PostgreSQL panel, and restores into one: both are SQLite files, by `copy`.

A backup of the shared database is one portable local file, verified as every backup is
(store/backup.py), in this machine's backups folder. A restore checks the file as a
restore into a file does (store/restore.py), keeps a backup of what the database held,
then replaces every row of it in one transaction and marks the restore in its journal,
so `undo` stops there and says how to take it back.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from mentornet.errors import StoreError
from mentornet.store.location import ServerURL

if TYPE_CHECKING:
    from mentornet.store.restore import Restored


def stand_in(url: ServerURL) -> Path:
    """The local name this machine's backups of the database at `url` are named after:
    `<data folder>/postgres-HOST-DBNAME.db` (no such file is ever made)."""
    from urllib.parse import urlsplit

    from mentornet.config import default_db_path

    parts = urlsplit(url.url)
    host = parts.hostname or "local"
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", f"postgres-{host}-{url.database}")
    return default_db_path().expanduser().with_name(f"{name}.db")


def backup_server(url: ServerURL, dest: Path | None, *, today: date, force: bool) -> Path:
    """A verified SQLite copy of the database at `url`, into `dest` (a file or a folder)
    or this machine's backups folder."""
    from mentornet.store.backup import backup_dest

    return write_copy(url, backup_dest(stand_in(url), dest, today=today, force=force))


def write_copy(url: ServerURL, dest: Path) -> Path:
    """The panel at `url` copied into the SQLite file `dest`, put in place only whole."""
    from mentornet.store.copying import copy_to_file

    copy_to_file(url, dest, replace=True)
    return dest


def restore_server(url: ServerURL, source: Path, *, today: date, now: datetime) -> Restored:
    """Replace the panel in the database at `url` with the backup file `source`."""
    from mentornet.store.backup import backup_copy, backup_folder
    from mentornet.store.copying import _to_server
    from mentornet.store.restore import Restored, checked_backup
    from mentornet.store.sqlite.connection import open_copy
    from mentornet.store.sqlite.journal import mark_restore
    from mentornet.store.writes import stored

    src, version = checked_backup(source)
    folder = backup_folder(stand_in(url))
    from mentornet.files import make_private_folder

    make_private_folder(folder)
    handle, name = tempfile.mkstemp(prefix=".restore.", suffix=".db", dir=folder)
    os.close(handle)
    os.unlink(name)
    upgraded = Path(name)
    try:
        try:
            backup_copy(src, upgraded)
        finally:
            src.close()
        open_copy(upgraded).close()  # brought to this build's schema, in the copy only
        kept = backup_server(url, None, today=today, force=False)
        _to_server(upgraded, url, replace=True, then=lambda conn: mark_restore(
            conn, description=f"restore {source.absolute()}", kept=str(kept),
            made_at=stored(now)))
    finally:
        for leftover in (upgraded, upgraded.with_name(upgraded.name + "-journal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    return Restored(source, version, kept)


def backed_up_today(url: ServerURL, today: date) -> bool:
    """Whether this machine has today's backup of the database at `url` already."""
    from mentornet.store.backup import backup_folder, daily_name

    local = stand_in(url)
    return (backup_folder(local) / daily_name(local, today)).exists()


def daily_server_backup(url: ServerURL, *, today: str) -> str | None:
    """This machine's backup of the shared database, once a day with the day's first
    change, as a SQLite file in its backups folder (the newest 7 kept); a backup that
    fails is returned in words."""
    from mentornet.store.backup import (
        KEEP_DAILY,
        _is_backup,
        backup_folder,
        daily_backups,
        daily_name,
    )

    local = stand_in(url)
    dest = backup_folder(local) / daily_name(local, date.fromisoformat(today))
    if dest.exists():
        return None
    try:
        from mentornet.files import make_private_folder

        make_private_folder(dest.parent)
        write_copy(url, dest)
    except (StoreError, OSError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return f"today's automatic backup could not be made ({reason})"
    for old in daily_backups(local)[:-KEEP_DAILY]:
        if old != dest and _is_backup(old):
            with contextlib.suppress(OSError):
                old.unlink()
    return None
