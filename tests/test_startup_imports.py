"""The everyday read commands start without SQLAlchemy, SQLModel or pydantic (issue 6).

Importing the ORM costs more than a whole `due` or `list`; reads are plain SQL
(store/queries.py) and only writes load SQLModel. Each command runs in a fresh interpreter,
whose modules are then listed: untimed, so it holds on a busy machine too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic")

PROBE = """
import json, sys
sys.argv = ["mentornet", *json.loads(sys.argv[1])]
from mentornet.cli.main import app
try:
    app(prog_name="mentornet")
except SystemExit as stop:
    code = stop.code
else:
    code = 0
with open(OUT, "w") as handle:
    json.dump({"code": code, "modules": sorted(sys.modules)}, handle)
"""


def modules_after(args: list[str], tmp_path: Path, *,
                  env: dict[str, str] | None = None) -> set[str]:
    """The modules loaded by running `mentornet ARGS` in a fresh interpreter."""
    out = tmp_path / "modules.json"
    code = PROBE.replace("OUT", repr(str(out)))
    result = subprocess.run([sys.executable, "-c", code, json.dumps(args)],
                            env={**os.environ, **(env or {})}, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text())
    assert report["code"] in (0, None), (args, result.stdout, result.stderr)
    return set(report["modules"])


def heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY)


@pytest.fixture
def panel(mn: Callable[..., object]) -> None:
    """A small store with something in every table `due`, `show` and `prep` read."""
    mn("add", "Dana Lee", "--kind", "formal", "--focus", "leadership", today="2026-06-01")
    mn("add", "Sam Wu", "--kind", "mentee", today="2026-09-01")
    mn("log", "dana", "Talked about the reorg", "--via", "coffee", today="2026-09-15")
    mn("give", "dana", "Intro to the data team", "--kind", "intro", today="2026-09-20")
    mn("park", "dana", "How do I push back on the roadmap?", today="2026-10-01")
    mn("todo", "add", "dana", "Send the strategy doc", "--due", "2026-10-10",
       today="2026-10-01")
    mn("goal", "add", "Lead a team", "--mentor", "dana", today="2026-10-01")


READS = [
    ["due"], ["due", "--brief"], ["due", "--all", "--json"], ["due", "--explain", "dana"],
    ["list"], ["list", "--json"], ["--help"], ["due", "--help"], ["--version"],
    ["show", "dana"], ["prep", "dana"],
]


@pytest.mark.usefixtures("panel")
@pytest.mark.parametrize("args", READS, ids=" ".join)
def test_read_commands_do_not_import_the_orm(args: list[str], tmp_path: Path) -> None:
    assert heavy(modules_after(args, tmp_path)) == []


@pytest.mark.usefixtures("panel")
def test_name_completion_does_not_import_the_orm(tmp_path: Path) -> None:
    env = {"_MENTORNET_COMPLETE": "complete_bash", "COMP_WORDS": "mentornet show da",
           "COMP_CWORD": "2"}
    assert heavy(modules_after([], tmp_path, env=env)) == []


@pytest.mark.parametrize("args", [["due"], ["list"], ["due", "--brief"]], ids=" ".join)
def test_the_first_run_without_a_database_does_not_import_the_orm(
        args: list[str], tmp_path: Path, env_setup: Path) -> None:
    assert heavy(modules_after(args, tmp_path)) == []
    assert not env_setup.exists()


@pytest.mark.usefixtures("panel")
def test_the_probe_does_see_the_orm_when_a_command_writes(tmp_path: Path) -> None:
    # Guards the probe itself: a write goes through SQLModel, and the probe notices.
    assert "sqlmodel" in heavy(modules_after(["log", "dana", "A call"], tmp_path))
