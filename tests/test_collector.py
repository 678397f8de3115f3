"""The console script freezes what lives once its store is open (cli/collector.py); a test
process, which runs many commands through CliRunner, is never frozen."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

# The console script's run(), with gc.freeze counted: how many objects each call froze,
# and whether the store was open by then.
COUNTED = """
import gc, json, sys
from mentornet.store import api
frozen = []
real = gc.freeze
def counted():
    before = gc.get_freeze_count()
    real()
    frozen.append([gc.get_freeze_count() - before, api.Store.opened])
gc.freeze = counted
opened = api.Store.__init__
def counting_init(self, *args, **kwargs):
    opened(self, *args, **kwargs)
    api.Store.opened = True
api.Store.opened = False
api.Store.__init__ = counting_init
sys.argv = ["mentornet", *sys.argv[1:]]
from mentornet.cli.main import run
try:
    run()
except SystemExit:
    pass
sys.stderr.write("FROZEN " + json.dumps(frozen) + "\\n")
"""


def _frozen(*args: str) -> list[list[int]]:
    result = subprocess.run([sys.executable, "-c", COUNTED, *args], capture_output=True,
                            text=True, timeout=120)
    line = next(line for line in result.stderr.splitlines() if line.startswith("FROZEN "))
    return json.loads(line.removeprefix("FROZEN "))


def test_the_console_script_freezes_what_lives_once_the_store_is_open(
        mn: Callable[..., object], tmp_path: Path) -> None:
    mn("add", "Dana Lee", "--kind", "formal")
    calls = _frozen("due")
    # At the start (Typer's objects), once the store is open, and at the end.
    assert len(calls) == 3, calls
    at_start, once_open, at_end = calls
    assert at_start[1] is False
    assert once_open[1] is True
    assert at_end[1] is True
    assert once_open[0] > 0  # the store's modules and objects, made after the first freeze


def test_a_test_process_running_commands_is_never_frozen(mn: Callable[..., object]) -> None:
    before = gc.get_freeze_count()
    mn("add", "Dana Lee", "--kind", "formal")
    mn("log", "Dana Lee", "A first call")
    mn("due")
    assert gc.get_freeze_count() == before
