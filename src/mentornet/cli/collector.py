"""Python's cyclic garbage collector paused while a command builds objects that live until
it ends (a speed trick, kept in this one box).

A command that reads a long history makes a record or two per row, and a few per person
as it judges them, which all live until the command is done. The collector's passes walk
them again and again for nothing, since they hold no cycles: a third of the matching time
of a 30,000-row LinkedIn import (benchmarks/imports.py), a sixth of `review` on the
10x store (benchmarks/run.py, `review (10x)`), and part of `due` there (`due (10x)`).
Importing a big library is the same: the PostgreSQL driver, imported as the store opens
(`open_store`), makes nearly twenty thousand objects that live as long as the process.
Whatever else was made is collected as usual once the block is left.

The console script runs one command in a process of its own, so what is alive once its
store is open (the modules imported so far, the driver's among them, and the store) lives
until the process ends: it freezes that too (`freeze_what_lives`), before the collector
is back on, and the collections that follow walk only what the command makes. Without
it, a `log` on PostgreSQL spent 39 ms in the collector (12 ms of it in the one pass as the
collector came back on, over the driver's objects) against 10-15 ms, and on SQLite 16 ms
against 5-13 ms (gc.callbacks, single runs). A test process (CliRunner) is not the
command's, and is never frozen.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


class _Process:
    owned = False  # the command's own process: set by the console script only


def own_process() -> None:
    """Say that this process runs one command and ends (the console script, cli/main.py)."""
    _Process.owned = True


def freeze_what_lives() -> None:
    """In the command's own process, move everything alive now out of the collector's
    reach for good (gc.freeze); elsewhere, nothing."""
    if _Process.owned:
        gc.freeze()


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The collector off inside the block, and back on after it if it was on."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
