"""Private files written all or nothing: exports, recaps and pictures."""

from __future__ import annotations

import contextlib
import os
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
    import tempfile  # here: every command opens the store through `not_a_file` below

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


def not_a_file(path: Path) -> str | None:
    """What `path` is when it exists but is no regular file ("a folder", "a FIFO"...).

    Asked before opening: opening a FIFO waits for a writer, so a database or settings
    file pointing at one would hang every command, `due --brief` in a shell's start-up
    included.
    """
    import stat

    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # missing, or unreadable: the caller's open reports it
    for test, what in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                       (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return what
    return None


def make_private_folder(folder: Path) -> list[Path]:
    """Create `folder` and every missing parent, each 0700 whatever the umask.

    `mkdir(parents=True)` gives the parents the umask's mode (0777 under umask 000), and
    another user who can write a parent could swap the private folder for their own.
    Returns the folders it made, outermost first.
    """
    missing: list[Path] = []
    current = folder
    while not os.path.lexists(current) and current != current.parent:
        missing.append(current)
        current = current.parent
    made = []
    for each in reversed(missing):
        try:
            os.mkdir(each, 0o700)
        except FileExistsError:
            continue  # made a moment ago by another mentornet
        os.chmod(each, 0o700)  # the umask can take bits away from the owner too
        made.append(each)
    return made


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


# Outputs that never replace what mentornet did not make ---------------------------------

STANDARD_OUTPUT = ("-", "/dev/stdout")
# What each output looks like, so an existing file is replaced only when it is one that
# mentornet made for that purpose (or is empty). Read: the first bytes of the file.
OUTPUT_KINDS = {
    "recap": "a recap written by `mentornet prep`",
    "draft": "a note drafted by `mentornet ask`, `update` or `thanks`",
    "json": "a JSON export of mentornet",
    "csv": "a CSV export of mentornet",
    "vcard": "a vCard export of mentornet",
    "ics": "a calendar exported by mentornet",
    "svg": "a review picture saved by mentornet",
}
SVG_MARK = "<!-- mentornet review -->"
_HEAD_BYTES = 64 * 1024


def made_by_mentornet(kind: str, path: Path) -> bool:
    """Whether the regular file at `path` is an output of `kind` that mentornet wrote.

    A recap starts as `prep` writes it ("# Prep: " and its first part; for --send-only an
    optional "Subject:" line, "Hi NAME," and one of the note's opening sentences; or the
    recap's JSON); a JSON export is a JSON object
    whose "format" is "mentornet"; a CSV export starts with its exact header; a vCard
    export with a card whose UID is a mentornet one; a calendar carries mentornet's PRODID;
    a review picture carries the mark SVG_MARK. An empty file holds nothing to lose.
    """
    import re

    with path.open("rb") as handle:
        head = handle.read(_HEAD_BYTES)
        if not head:
            return True
        if kind == "json":  # its "format" key sorts after lists of any length: read it all
            import json

            try:
                document = json.loads(head + handle.read())
            except ValueError:
                return False
            return isinstance(document, dict) and document.get("format") == "mentornet"
    text = head.decode("utf-8", errors="replace")
    if kind == "recap":
        from mentornet.render.recap import OPENINGS

        openings = "|".join(re.escape(opening) for opening in OPENINGS)
        return bool(re.match(r"# Prep: [^\n]*\n\n## 1\. Send-ahead recap\n", text)
                    or re.match(rf"(Subject: [^\n]*\n\n)?Hi [^\n]*,\n\n({openings})", text)
                    or re.match(r'\{\n  "person": \{\n    "id": ', text))
    if kind == "draft":
        return bool(re.match(r"Subject: [^\n]*\n\nHi [^\n]*,\n\n", text)
                    or re.match(r'\{\n  "person": \{\n    "id": ', text))
    if kind == "csv":
        from mentornet.io.csv_format import HEADER

        return text.removeprefix("\ufeff").startswith(",".join(HEADER) + "\r\n")
    if kind == "vcard":
        return bool(re.match(r"BEGIN:VCARD\r?\nVERSION:[34]\.0\r?\nUID:mentornet-person-", text))
    if kind == "ics":
        from mentornet.io.ics import PRODID

        return text.startswith("BEGIN:VCALENDAR") and f"PRODID:{PRODID}" in text[:1000]
    if kind == "svg":
        return SVG_MARK in text[:1000]
    raise ValueError(kind)


def write_output(path: Path, data: str | Iterable[str], *, kind: str,
                 option: str = "--out", force: bool = False) -> bool:
    """Write an output (a recap, an export, a picture) where `path` says, never over a
    file mentornet did not make for that purpose. True when it went to a file.

    `-` and /dev/stdout are standard output (see render.text.emit). A symbolic link is
    followed: the file it points at is written, the link stays. A FIFO or a character
    device (a terminal, /dev/null) is written through, never renamed over; a terminal gets
    the text neutralised. An existing regular file is replaced, atomically, only when
    `made_by_mentornet` recognises it as this kind of output, or with `force`; otherwise
    nothing is written and the error names the file and the choices.
    """
    import stat

    if str(path) in STANDARD_OUTPUT:
        from mentornet.render.text import emit

        emit(data)
        return False
    where = f"{option} {str(path)!r}"
    real = Path(os.path.realpath(path))
    try:
        mode = real.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise WriteError(f"{where}: can't look at it: {exc.strerror}; nothing was written"
                         ) from None
    if mode is None:
        write_private(real, data, option=option)
    elif stat.S_ISREG(mode):
        try:
            ours = made_by_mentornet(kind, real)
        except OSError as exc:
            raise WriteError(f"{where}: can't read it to check what it is: {exc.strerror}; "
                             "nothing was written") from None
        if not ours and not force:
            raise WriteError(f"{where} already exists and is not {OUTPUT_KINDS[kind]}, so "
                             "nothing was written: give another file name, or add --force "
                             "to replace it")
        write_private(real, data, option=option)
    elif stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        _write_through(real, data, where)
    elif stat.S_ISDIR(mode):
        raise WriteError(f"{where} is a folder: give a file name")
    else:
        raise WriteError(f"{where} is not a regular file, a pipe or a terminal, so nothing "
                         "was written: give a file name")
    return True


def _write_through(path: Path, data: str | Iterable[str], where: str) -> None:
    """Write into an existing FIFO or character device in place (never replacing it)."""
    try:
        handle = os.open(path, os.O_WRONLY | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise WriteError(f"{where}: can't open it: {exc.strerror}; nothing was written"
                         ) from None
    try:
        terminal = os.isatty(handle)
        for piece in [data] if isinstance(data, str) else data:
            if terminal:
                from mentornet.render.text import plain

                piece = plain(piece.replace("\r\n", "\n"))
            view = memoryview(piece.encode("utf-8"))
            while view:
                view = view[os.write(handle, view):]
    except OSError as exc:
        raise WriteError(f"{where}: can't write it: {exc.strerror}") from None
    finally:
        os.close(handle)
