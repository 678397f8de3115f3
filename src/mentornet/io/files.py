"""Files in and out: atomic private writes for exports, careful reads and decoding for imports."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from mentornet.errors import BadInput, MentornetError

MAX_IMPORT_BYTES = 200 * 1024 * 1024  # far above any real export; refuses a wrong file early


class ExportError(MentornetError):
    """An export that could not be written; nothing was left half-written."""


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` privately (0600), all or nothing.

    The bytes go to a temporary file in the same folder, are flushed to disk, then the
    temporary file replaces `path` in one step: a failed export never leaves a half file
    where a good one was, and readers never see a partial one.
    """
    where = repr(str(path))
    if path.is_dir():
        raise ExportError(f"{where} is a folder: give a file name with --out")
    folder = path.parent
    if not folder.is_dir():
        raise ExportError(f"the folder of {where} does not exist: create it first")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.",
                                             suffix=".tmp")  # mode 0600
    except OSError as exc:
        raise ExportError(f"can't write in the folder of {where}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise ExportError(f"can't write {where}: {exc.strerror}; nothing was changed") from None
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (a no-op where folders can't be opened)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def read_source(path: Path) -> bytes:
    """The bytes of a file to import. Opened read-only: the source is never modified."""
    where = repr(str(path))
    if path.is_dir():
        raise BadInput(f"{where} is a folder: give the file to import")
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_IMPORT_BYTES + 1)
    except FileNotFoundError:
        raise BadInput(f"there is no file {where}: check the path") from None
    except OSError as exc:
        raise BadInput(f"can't read {where}: {exc.strerror}") from None
    if len(data) > MAX_IMPORT_BYTES:
        raise BadInput(f"{where} is larger than {MAX_IMPORT_BYTES // 2**20} MB: "
                       "that is not an export mentornet can read")
    return data
