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
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


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
