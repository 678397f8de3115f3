"""The everyday commands, reads and writes, start without SQLAlchemy, SQLModel or pydantic.

Importing the ORM costs more than a whole `due`, `list` or `log`: reads and writes are
plain SQL (store/queries.py, store/writes.py). Each command runs in a fresh interpreter,
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
args, how = json.loads(sys.argv[1]), sys.argv[2]
sys.argv = ["mentornet", *args]
try:
    if how == "orm":  # the probe's own check: load the ORM first
        import sqlmodel
    if how in ("run", "orm"):  # what the console script does
        from mentornet.cli.main import run
        run()
    else:  # every command registered, as tests and `from mentornet.cli.main import app` see it
        from mentornet.cli.main import app
        app(prog_name="mentornet")
except SystemExit as stop:
    code = stop.code
else:
    code = 0
with open(OUT, "w") as handle:
    json.dump({"code": code, "modules": sorted(sys.modules)}, handle)
"""


def probe(args: list[str], tmp_path: Path, *, how: str = "run",
          env: dict[str, str] | None = None) -> tuple[int | str | None, set[str], str, str]:
    """Run `mentornet ARGS` in a fresh interpreter: (exit code, modules, stdout, stderr)."""
    out = tmp_path / "modules.json"
    code = PROBE.replace("OUT", repr(str(out)))
    result = subprocess.run([sys.executable, "-c", code, json.dumps(args), how],
                            env={**os.environ, **(env or {})}, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0 or out.exists(), result.stderr
    report = json.loads(out.read_text())
    return report["code"], set(report["modules"]), result.stdout, result.stderr


def modules_after(args: list[str], tmp_path: Path, *,
                  env: dict[str, str] | None = None) -> set[str]:
    """The modules loaded by running `mentornet ARGS` in a fresh interpreter."""
    code, modules, stdout, stderr = probe(args, tmp_path, env=env)
    assert code in (0, None), (args, stdout, stderr)
    return modules


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
    modules = modules_after(args, tmp_path)
    assert heavy(modules) == []
    assert "mentornet.store.writes" not in modules  # nor the store's write side


# The benchmark compares `show` and `prep` with the cost of importing what they need
# (benchmarks/run.py): these keep that baseline true. `show` draws its page by hand, not
# with Rich's Table; `prep` prints plain Markdown, without Rich.
BEYOND_THE_FLOOR = [(["show", "dana"], ("rich.table",)), (["prep", "dana"], ("rich",))]


@pytest.mark.usefixtures("panel")
@pytest.mark.parametrize(("args", "unneeded"), BEYOND_THE_FLOOR, ids=lambda v: " ".join(v))
def test_show_and_prep_leave_out_the_rich_modules_their_floor_leaves_out(
        args: list[str], unneeded: tuple[str, ...], tmp_path: Path) -> None:
    modules = modules_after(args, tmp_path)
    assert [m for m in modules if m.startswith(unneeded)] == []


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
def test_the_probe_does_see_the_orm_when_it_is_loaded(tmp_path: Path) -> None:
    # Guards the probe itself: had a command loaded SQLModel, the probe would notice.
    code, modules, _, stderr = probe(["log", "dana", "A call"], tmp_path, how="orm")
    assert code in (0, None), stderr
    assert "sqlmodel" in heavy(modules)


WRITES = [
    ["add", "Eve Adams"], ["add", "Dana Lee", "--force", "--no-meeting"],
    ["log", "dana", "A call", "--discussed", "all"], ["give", "dana", "An intro"],
    ["got", "dana", "Advice"], ["park", "dana", "A question"], ["park", "For everyone"],
    ["todo", "add", "dana", "Send it"], ["todo", "done", "1"],
    ["goal", "add", "Speak at a conference", "--mentor", "dana"],
    ["goal", "progress", "1", "Wrote the abstract"], ["goal", "done", "1"],
    ["goal", "drop", "1"], ["edit", "dana", "--org", "Acme"],
    ["schedule", "dana", "friday"], ["snooze", "dana", "in 2 weeks"], ["undo"],
]


@pytest.mark.usefixtures("panel")
@pytest.mark.parametrize("args", WRITES, ids=" ".join)
def test_write_commands_do_not_import_the_orm(args: list[str], tmp_path: Path) -> None:
    assert heavy(modules_after(args, tmp_path)) == []


def test_the_first_write_into_a_new_database_does_not_import_the_orm(
        tmp_path: Path, env_setup: Path) -> None:
    assert heavy(modules_after(["add", "Dana Lee"], tmp_path)) == []
    assert env_setup.exists()


# Only the command named is imported and built (cli/main.py `run()`), with the same result.

NEEDS_EVERY_COMMAND = {"demo"}  # tours list, due and prep


def test_the_command_map_of_main_py_names_each_command_s_module() -> None:
    from typer.main import get_command

    from mentornet.cli import main

    defined = {}
    for name, command in get_command(main.app).commands.items():
        subcommands = getattr(command, "commands", {name: command}).values()
        [module] = {c.callback.__module__ for c in subcommands}
        defined[name] = module.rsplit(".", 1)[-1]
    assert main.COMMAND_MODULE == {name: module for name, module in defined.items()
                                   if name not in NEEDS_EVERY_COMMAND}
    assert set(main.COMMAND_MODULES) == set(defined.values())


@pytest.mark.usefixtures("panel")
def test_a_command_line_loads_only_the_module_of_its_command(tmp_path: Path) -> None:
    code, modules, _, stderr = probe(["due", "--brief"], tmp_path)
    assert code in (0, None), stderr
    assert "mentornet.cli.due" in modules
    assert "mentornet.cli.people" not in modules
    assert "mentornet.cli.record" not in modules


SAME_AS_WITH_EVERY_COMMAND = [
    ["due", "--brief"], ["due", "--limit", "1"], ["list", "--json"], ["show", "dana"],
    ["prep", "dana", "--send-only"], ["todo", "list"], ["goal", "list"], ["config"],
    ["--version"], ["--help"], [], ["due", "--help"], ["todo", "--help"], ["lis"],
    ["show"], ["show", "nobody"], ["due", "--limit", "x"], ["--db"], ["-h"],
    ["show", "--help"], ["goal", "add", "--help"], ["import", "--help"], ["config", "--help"],
    ["show", "dana", "extra"], ["todo"],
]


@pytest.mark.slow
@pytest.mark.usefixtures("panel")
@pytest.mark.parametrize("args", SAME_AS_WITH_EVERY_COMMAND, ids=" ".join)
def test_loading_one_command_changes_nothing_a_user_sees(args: list[str],
                                                         tmp_path: Path) -> None:
    lazy = probe(args, tmp_path, how="run")
    full = probe(args, tmp_path, how="app")
    assert (lazy[0], lazy[2], lazy[3]) == (full[0], full[2], full[3])


@pytest.mark.usefixtures("panel")
def test_the_global_db_option_before_the_command_is_understood(tmp_path: Path,
                                                               env_setup: Path) -> None:
    for args in (["--db", str(env_setup), "list", "--json"],
                 [f"--db={env_setup}", "list", "--json"]):
        code, modules, stdout, stderr = probe(args, tmp_path)
        assert code in (0, None), stderr
        assert "Dana Lee" in stdout
        assert "mentornet.cli.due" not in modules
