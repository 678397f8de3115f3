"""Private files written all or nothing: exports, recaps and pictures."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from mentornet.errors import MentornetError


class WriteError(MentornetError):
    """An output file that could not be written; the old file, if any, is untouched."""


def write_private(path: Path, data: bytes | str | Iterable[str], *,
                  option: str = "--out") -> None:
    """Write `data` (or its pieces, in turn) to `path`, readable by its owner only (0600),
    all or nothing.

    The data goes to a temporary file in the same folder, is flushed to disk, then replaces
    `path` in one step: a failure never leaves half a file where a good one was, and
    readers never see a partial one. `option` names the flag in error messages.
    """
    where = f"{option} {str(path)!r}"
    if path.is_dir():
        raise WriteError(f"{where} is a folder: give a file name")
    folder = path.parent
    if not folder.is_dir():
        raise WriteError(f"{where}: the folder {str(folder)!r} does not exist; create it first")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.",
                                             suffix=".tmp")  # created 0600
    except OSError as exc:
        raise WriteError(f"{where}: can't write in its folder: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            if isinstance(data, bytes | str):
                out.write(data.encode("utf-8") if isinstance(data, str) else data)
            else:
                for piece in data:
                    out.write(piece.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise WriteError(f"{where}: can't write it: {exc.strerror}; "
                             "nothing was changed") from None
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (a no-op where folders can't be opened)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(handle)
    finally:
        os.close(handle)
