"""A long JSON export made by two processes, each writing part of the batches of rows.

Formatting the rows is most of an export's time, and one Python process uses one core.
So on a long panel the export starts a helper (`python -m mentornet.io.export_helper`)
that opens the same file and reads the very same snapshot (store/sqlite/shared.py says
why it is the same). The helper writes the goals and about half of the batches of
rows (`helpers_turns`), and hands them back through a pipe in the document's order, so
the document is the one a single process writes, byte for byte. Both processes walk
the batches the same way (`walk`), from the same rows. Nothing goes to disk, and
nothing depends on the helper: should it fail to start, see another panel, stall or
die, the export writes its batches too. On the benchmark's 100x store (874,000 rows) it
takes the export from 2.5-3.3 s to 1.5-2.1 s in-process, the same document; see the
`export (100x)` row of `benchmarks/run.py` and the README's speed section.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from itertools import count, repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mentornet.io.json_rows import ROW_SECTIONS, batch_text, goals_text, section_table
from mentornet.store.stored_rows import FIRST

if TYPE_CHECKING:
    import subprocess

    from mentornet.store.reads import Reads

READY_SECONDS = 3.0  # for the helper to start and begin its read (0.1 s); else alone
FRAME_SECONDS = 5.0  # for one batch from the helper (a few ms); else the export goes alone
LEAD = 110  # batches, about the time the helper takes to start and write the goals
HELPERS_SHARE = 0.52  # of the batches after those
_PIPE_BYTES = 1 << 20  # room for a few batches, so neither process waits on the other


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
    yield from repeat(False, lead)
    for n in count():
        yield int((n + 1) * HELPERS_SHARE) > int(n * HELPERS_SHARE)


def fingerprint(store: Reads, file: Path) -> dict[str, Any]:
    """What both processes must find alike, and can learn at once: the code that writes
    the rows, the file (not another put in its place), the database, and the lowest and
    highest ids of each list. A check, besides the reason they see alike
    (store/sqlite/shared.py)."""
    import mentornet
    from mentornet.io import json_rows

    stat = os.stat(file)
    tables = [*(section_table(s) for s in ROW_SECTIONS), "goal", "goal_progress"]
    return {"code": [mentornet.__version__, json_rows.__file__],
            "file": [stat.st_dev, stat.st_ino], "database": store.identity(),
            "spans": {table: list(store.span(table)) for table in tables}}


class Sections:
    """The batches of each list of the export, written here or by the helper."""

    def __init__(self, store: Reads, batch: int, helper: Helper | None) -> None:
        self._store = store
        self._batch = batch
        self._helper = helper
        if helper is None:
            self._mine: Iterator[bool] = repeat(True)
        else:
            self._mine = (not theirs for theirs in helpers_turns(helper.lead))

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
    """The export's lists, shared with a helper when their ids span at least
    `helper_from` rows (None: never) and the store can share its snapshot; inside
    `store.snapshot()`. POSIX only: the helper's pipe is waited on by poll()."""
    helper = None
    shared = store.shared_file() if helper_from is not None and os.name == "posix" else None
    if shared is not None and helper_from is not None:
        mine = fingerprint(store, shared)
        ids = sum(high - low + 1 for low, high in mine["spans"].values() if low is not None)
        if ids >= helper_from:  # the rows, or more where ids were left unused
            helper = Helper.start(shared, batch=batch, expected=mine)
    found = Sections(store, batch, helper)
    try:
        yield found
    finally:
        found.close()


def helper_command() -> tuple[list[str], dict[str, str]]:
    """The helper's command and environment: this Python, and this very mentornet first
    on its path (not the working folder's, nor another installed)."""
    import mentornet

    package_root = str(Path(mentornet.__file__).resolve().parent.parent)
    paths = [package_root, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    return [sys.executable, "-P", "-m", "mentornet.io.export_helper"], env


class Helper:
    """The helper process, told what to read on its standard input (not its arguments,
    which anyone on the machine can list), and the frames it writes on its standard
    output: `LENGTH\\n`, then that many bytes."""

    def __init__(self, proc: subprocess.Popen[bytes], expected: dict[str, Any],
                 lead: int) -> None:
        import select

        self._proc = proc
        self.lead = lead
        assert proc.stdout is not None
        self._fd = proc.stdout.fileno()
        self._buffer = bytearray()
        self._expected: dict[str, Any] | None = expected  # until the helper says it sees it
        self._poll = select.poll()
        self._poll.register(self._fd, select.POLLIN)
        import fcntl

        with contextlib.suppress(OSError, AttributeError):  # room for a few batches
            fcntl.fcntl(self._fd, fcntl.F_SETPIPE_SZ, _PIPE_BYTES)

    @classmethod
    def start(cls, file: Path, *, batch: int, expected: dict[str, Any]) -> Helper | None:
        """A helper started on `file`, which must see what `fingerprint` found here (it is
        asked with its first batch: it starts meanwhile); None if it cannot be started."""
        import subprocess

        argv, env = helper_command()
        order = {"file": os.fsdecode(file), "batch": batch, "lead": LEAD}
        try:
            proc = subprocess.Popen(argv, env=env, stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except OSError:
            return None
        helper = cls(proc, expected, LEAD)
        try:
            assert proc.stdin is not None
            proc.stdin.write(json.dumps(order).encode() + b"\n")
            proc.stdin.close()
        except OSError:  # it did not start after all
            helper.close()
            return None
        return helper

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
        try:
            return None if data is None else data.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def _read_frame(self, patience: float) -> bytes | None:
        try:
            return self._frame(patience)
        except OSError:
            return None

    def _frame(self, patience: float) -> bytes | None:
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
        return bool(self._poll.poll(patience * 1000))

    def close(self) -> None:
        """Stop the helper (its work is done, or no longer wanted) and wait for it."""
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.wait()
        assert self._proc.stdout is not None
        self._proc.stdout.close()
