"""A long JSON export made by two processes, each writing part of the batches of rows.

Formatting the rows is most of an export's time, and one Python process uses one core.
So on a long panel the export starts a helper (`python -m mentornet.io.export_helper`)
that opens the same file and reads the very same snapshot (store/sqlite/shared.py says
why it is the same). The helper writes the goals and about half of the batches of
rows (`helpers_turns`), and hands them back through a pipe in the document's order, so
the document is the one a single process writes, byte for byte. Both processes walk
the batches the same way (`walk`), from the same rows. Nothing goes to disk, and
nothing depends on the helper: should it fail to start, see another panel, stall or
die, the export writes its batches too.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import subprocess
import sys
from collections.abc import Iterator
from itertools import count, repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mentornet.io.json_export import ROW_SECTIONS, batch_text, goals_text, section_table
from mentornet.store.stored_rows import FIRST

if TYPE_CHECKING:
    from mentornet.store.reads import Reads

READY_SECONDS = 10.0  # for the helper to start and read; else the export goes alone
FRAME_SECONDS = 30.0  # for one batch from the helper; else the export goes alone
LEAD = 110  # batches, about the time the helper takes to start and write the goals
HELPERS_SHARE = 0.52  # of the batches after those
_PIPE_BYTES = 1 << 20  # room for a few batches, so neither process waits on the other
_SET_PIPE_SIZE = 1031  # Linux's F_SETPIPE_SZ


def walk(store: Reads, section: str, *, mine: Iterator[bool], batch: int
         ) -> Iterator[tuple[int, str | None]]:
    """Each batch of a section's rows in turn, as (the id it follows, its text); the text
    is None for a batch that is not this process's (`mine` says, batch by batch). Ends
    after the last batch, which may be empty; every process sees the same batches."""
    table = section_table(section)
    after = FIRST
    while True:
        if next(mine):
            text, last, rows = batch_text(store, section, after=after, size=batch)
            yield after, text
            if rows < batch:
                return
            after = last
        else:
            yield after, None
            following = store.id_after(table, after=after, n=batch)
            if following is None:
                return
            after = following


def helpers_turns(lead: int) -> Iterator[bool]:
    """Whether each batch of rows of the export, counted across the lists, is the
    helper's: none of the first `lead` (LEAD), written here while the helper starts and
    writes the goals; then HELPERS_SHARE of them, spread evenly (this process also
    passes the helper's on)."""
    return (int((n - lead + 1) * HELPERS_SHARE) > int((n - lead) * HELPERS_SHARE)
            if n >= lead else False for n in count())


def fingerprint(store: Reads) -> dict[str, Any]:
    """What both processes must see alike, and can learn at once: the database, and the
    lowest and highest ids of each list (a check, besides the reason they see alike)."""
    tables = [*(section_table(s) for s in ROW_SECTIONS), "goal", "goal_progress"]
    return {"database": store.identity(),
            "spans": {table: list(store.span(table)) for table in tables}}


class Sections:
    """The batches of each list of the export, written here or by the helper."""

    def __init__(self, store: Reads, batch: int, helper: Helper | None) -> None:
        self._store = store
        self._batch = batch
        self._helper = helper
        self._mine = (not theirs for theirs in helpers_turns(helper.lead)) if helper \
            else repeat(True)

    def pieces(self, section: str) -> Iterator[str]:
        """The texts of a list's batches that hold rows, in order (the goals: one)."""
        if section == "goals":  # the helper's, written first while this process starts
            text = self._from_helper()
            text = goals_text(self._store) if text is None else text
            if text:
                yield text
            return
        for after, text in walk(self._store, section, mine=self._mine, batch=self._batch):
            if text is None:
                text = self._from_helper()
            if text is None:
                text = batch_text(self._store, section, after=after, size=self._batch)[0]
            if text:
                yield text

    def _from_helper(self) -> str | None:
        """The helper's next text; None without a helper, which is dropped if it failed
        (the rest is then written here)."""
        if self._helper is None:
            return None
        text = self._helper.frame()
        if text is None:
            self.close()
        return text

    def close(self) -> None:
        if self._helper is not None:
            self._helper.close()
            self._helper = None


@contextlib.contextmanager
def sections(store: Reads, *, batch: int, helper_from: int | None) -> Iterator[Sections]:
    """The export's lists, shared with a helper when they hold at least `helper_from`
    rows (None: never) and the store can share its snapshot; inside `store.snapshot()`."""
    helper = None
    # POSIX only: the helper's pipe is waited on by select(), which takes no pipes elsewhere.
    posix = os.name == "posix"
    shared = store.shared_file() if helper_from is not None and posix else None
    if shared is not None and helper_from is not None:
        mine = fingerprint(store)
        ids = sum(high - low + 1 for low, high in mine["spans"].values() if low is not None)
        if ids >= helper_from:  # about the rows, or more when ids were left unused
            helper = Helper.start(shared, batch=batch, expected=mine)
    found = Sections(store, batch, helper)
    try:
        yield found
    finally:
        found.close()


def helper_argv(file: Path, batch: int, lead: int) -> list[str]:
    """The helper's command: this Python, without the working folder on its path."""
    return [sys.executable, "-P", "-m", "mentornet.io.export_helper", os.fsdecode(file),
            str(batch), str(lead)]


class Helper:
    """The helper process, and the frames it writes: `LENGTH\\n` then that many bytes."""

    def __init__(self, proc: subprocess.Popen[bytes], expected: dict[str, Any],
                 lead: int) -> None:
        self._proc = proc
        self.lead = lead
        assert proc.stdout is not None
        self._fd = proc.stdout.fileno()
        self._buffer = bytearray()
        self._expected: dict[str, Any] | None = expected  # until the helper says it sees it
        with contextlib.suppress(OSError):
            import fcntl

            fcntl.fcntl(self._fd, _SET_PIPE_SIZE, _PIPE_BYTES)

    @classmethod
    def start(cls, file: Path, *, batch: int, expected: dict[str, Any]) -> Helper | None:
        """A helper started on `file`, which must see what `fingerprint` found here (it is
        asked with its first batch: it starts meanwhile); None if it cannot be started."""
        try:
            proc = subprocess.Popen(helper_argv(file, batch, LEAD), stdin=subprocess.DEVNULL,
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except OSError:
            return None
        return cls(proc, expected, LEAD)

    def frame(self) -> str | None:
        """The text of the helper's next batch; None when it failed to send it, or does
        not see the same panel as this process."""
        if self._expected is not None:
            ready = self._read_frame(READY_SECONDS)
            try:
                seen = json.loads(ready) if ready is not None else None
            except ValueError:
                seen = None
            if seen != self._expected:
                return None
            self._expected = None
        data = self._read_frame(FRAME_SECONDS)
        return None if data is None else data.decode("utf-8")

    def _read_frame(self, patience: float) -> bytes | None:
        while (end := self._buffer.find(b"\n")) < 0:  # the length, in a few bytes
            if len(self._buffer) > 20 or not self._wait(patience):
                return None
            chunk = os.read(self._fd, 64)
            if not chunk:
                return None
            self._buffer += chunk
        if not self._buffer[:end].isdigit():
            return None
        size = int(self._buffer[:end])
        del self._buffer[:end + 1]
        if len(self._buffer) >= size:
            data = bytes(self._buffer[:size])
            del self._buffer[:size]
            return data
        pieces, need = [bytes(self._buffer)], size - len(self._buffer)
        self._buffer.clear()
        while need:  # the rest read as it comes, none of the next frame
            if not self._wait(patience) or not (chunk := os.read(self._fd, need)):
                return None
            pieces.append(chunk)
            need -= len(chunk)
        return b"".join(pieces)

    def _wait(self, patience: float) -> bool:
        """Whether the pipe has something to read (or its end) within `patience` s."""
        return bool(select.select([self._fd], [], [], patience)[0])

    def close(self) -> None:
        """Stop the helper (its work is done, or no longer wanted) and wait for it."""
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.wait()
        assert self._proc.stdout is not None
        self._proc.stdout.close()
