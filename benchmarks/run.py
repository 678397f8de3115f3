"""Time whole mentornet commands against import baselines measured in the same run.

    python benchmarks/run.py            # 15 timed runs of each case after 2 warm-ups
    python benchmarks/run.py --quick    # 5 runs after 1 warm-up

Each case is a fresh process, timed from start to exit, as a user at a shell prompt
waits for it. Every round runs each command once, in a shuffled order, right after one
run of the baseline it is compared with, so that load from other programs falls on both
alike; medians and their ratios to the baselines of the same run are what count, not
absolute times. The benchmark stores are built on first use (see generate.py) and kept
in benchmarks/stores/; the 100x store only when a case on it is run (`--only` can leave
them out). Prints a Markdown table with each target marked pass or fail.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402  (the sibling modules, whichever directory we run from)
import postgres  # noqa: E402
import sandbox  # noqa: E402
from bytecode import compile_sources  # noqa: E402

PY = sys.executable
MIB = 1024 * 1024
# ru_maxrss is in kilobytes on Linux and in bytes on macOS.
MAXRSS_UNIT = 1 if sys.platform == "darwin" else 1024
PENDING_MARK = "No such command"


@dataclass
class Case:
    """One command line to time; `target` is (the case it is compared with, max ratio)."""

    label: str
    argv: list[str]
    # "ten-year", "large" (10x), "huge" (100x), or a scratch copy for writes:
    # "copy" (of the ten-year store), "large copy", "huge copy"
    store: str | None = None
    env: dict[str, str] = field(default_factory=dict)
    target: tuple[str, float] | None = None
    baseline: bool = False
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system seconds of each run
    pairs: list[float] = field(default_factory=list)  # this run / the baseline run just before
    peak_rss: int = 0  # bytes
    status: str = "ok"  # ok, pending (the command does not exist yet), or the failure
    fresh_args: bool = False  # argv gets a unique suffix each run (add)
    informative: bool = False  # compared with its target's baseline, but not judged
    # Run untimed before each run: given the environment, returns the argv to time
    # (`todo done` needs a follow-up still open; `undo`, a change of its own to undo).
    prepare: Callable[[dict[str, str]], list[str]] | None = None
    quiet: bool = False  # stdout to /dev/null (an export of the 100x store is 300 MB)
    memory: bool = False  # measure the peak resident memory too
    memory_limit: float | None = None  # MiB

    @property
    def median_ms(self) -> float | None:
        return statistics.median(self.times) * 1000 if self.times else None

    @property
    def median_cpu_ms(self) -> float | None:
        return statistics.median(self.cpu) * 1000 if self.cpu else None


def mentornet_command() -> list[str]:
    """The console script beside this interpreter, as a user runs it; else `python -m`."""
    script = Path(PY).parent / "mentornet"
    return [str(script)] if script.exists() else [PY, "-m", "mentornet"]


def py(code: str) -> list[str]:
    return [PY, "-c", code]


def build_cases(show_name: str) -> list[Case]:
    mn = mentornet_command()
    prefix = show_name.split()[0][:2].lower()
    complete = {"_MENTORNET_COMPLETE": "complete_bash",
                "COMP_WORDS": f"mentornet show {prefix}", "COMP_CWORD": "2"}
    floor = ("floor", 1.7)
    write = ("read floor", 1.3)
    # What the console script runs, with gc.freeze() made a no-op.
    no_freeze = py("import gc, sys; gc.freeze = lambda: None; "
                   "from mentornet.cli.main import run; sys.exit(run())")

    def todo_added(env: dict[str, str]) -> list[str]:
        out = subprocess.run([*mn, "todo", "add", show_name, "Benchmark: send the notes"],
                             env=env, capture_output=True, text=True, check=True).stdout
        return [*mn, "todo", "done", out.split("#", 1)[1].split()[0]]

    def logged(env: dict[str, str]) -> list[str]:
        subprocess.run([*mn, "log", show_name, "Benchmark: a call to undo"], env=env,
                       capture_output=True, check=True)
        return [*mn, "undo"]

    export = [*mn, "export", "--format", "json"]
    return [
        # Baselines: the cost of starting Python and importing what a command needs.
        Case("python -c 'import sqlite3'", py("import sqlite3"), baseline=True),
        Case("floor", py("import typer, rich.console"), baseline=True),
        Case("read floor", py("import sqlite3, typer, rich.console"), baseline=True),
        Case("show floor", py("import sqlite3, typer, rich.console, rich.panel"),
             baseline=True),
        Case("prep floor", py("import sqlite3, typer"), baseline=True),
        Case("old write floor", py("import sqlite3, typer, rich.console, sqlmodel"),
             baseline=True),
        # The everyday commands.
        Case("due", [*mn, "due"], "ten-year", target=floor, memory=True,
             memory_limit=60),
        Case("due --brief", [*mn, "due", "--brief"], "ten-year", target=floor),
        Case("list", [*mn, "list"], "ten-year", target=floor),
        Case(f"completion (show {prefix}<TAB>)", mn, "ten-year", env=complete, target=floor),
        Case("--help", [*mn, "--help"], "ten-year", target=("floor", 1.3)),
        Case("--version", [*mn, "--version"], "ten-year", target=("floor", 1.3)),
        Case("show NAME", [*mn, "show", show_name], "ten-year", target=("show floor", 1.3)),
        Case("prep NAME", [*mn, "prep", show_name], "ten-year", target=("prep floor", 1.3)),
        # Writes, on a scratch copy of the store, against the read floor.
        Case("log NAME", [*mn, "log", show_name, "Benchmark: talked about the roadmap"],
             "copy", target=write),
        Case("add", [*mn, "add", "--kind", "prospect", "Benchmark Person"], "copy",
             target=write, fresh_args=True),
        Case("give NAME", [*mn, "give", show_name, "Benchmark: an intro"], "copy",
             target=write),
        Case("park NAME", [*mn, "park", show_name, "Benchmark: a question?"], "copy",
             target=write),
        Case("edit NAME", [*mn, "edit", show_name, "--org", "Benchmark Org"], "copy",
             target=write, fresh_args=True),
        Case("todo done", [*mn, "todo", "done", "ID"], "copy", target=write,
             prepare=todo_added),
        Case("undo", [*mn, "undo"], "copy", target=write, prepare=logged),
        Case("log NAME (old write floor)", [*mn, "log", show_name, "Benchmark: a call"],
             "copy", target=("old write floor", 1.3), informative=True),
        # The same commands on bigger stores: what grows with the store.
        Case("log NAME (10x)", [*mn, "log", show_name, "Benchmark: a call"], "large copy",
             target=("log NAME", 1.2)),
        Case("log NAME (100x)", [*mn, "log", show_name, "Benchmark: a call"], "huge copy",
             target=("log NAME", 1.2), informative=True),
        Case("due (10x)", [*mn, "due"], "large", target=("due", 1.5), memory=True),
        Case("due (100x)", [*mn, "due"], "huge", target=("due", 1.5), informative=True,
             memory=True),
        Case("list (10x)", [*mn, "list"], "large", target=("list", 10), informative=True),
        # search reads the index, then only the records it shows: a name finds a few, a
        # word of the generator's notes ("migration") thousands.
        Case("show NAME (10x)", [*mn, "show", show_name], "large",
             target=("show NAME", 1.5), informative=True),
        Case("search NAME (10x)", [*mn, "search", show_name], "large",
             target=("show NAME (10x)", 1.5)),
        Case("search WORD (10x)", [*mn, "search", "migration"], "large",
             target=("show NAME (10x)", 1.5)),
        Case("list (100x)", [*mn, "list"], "huge", target=("list", 100), informative=True),
        Case("review", [*mn, "review"], "ten-year", target=floor, informative=True,
             memory=True),
        Case("review (10x)", [*mn, "review"], "large", target=("review", 3), memory=True),
        Case("review (100x)", [*mn, "review"], "huge", target=("review", 30),
             informative=True, memory=True),
        Case("export", export, "ten-year", target=floor, informative=True, quiet=True,
             memory=True),
        Case("export (10x)", export, "large", target=("export", 10), informative=True,
             quiet=True, memory=True),
        Case("export (100x)", export, "huge", target=("export", 15), quiet=True,
             memory=True, memory_limit=150),
        # PostgreSQL: the same commands on the ten-year store copied into a throwaway server
        # (when one can be started: postgres.py), each run right after its SQLite run.
        Case("due (PostgreSQL)", [*mn, "due"], postgres.READS, target=("due", 2.0)),
        Case("list (PostgreSQL)", [*mn, "list"], postgres.READS, target=("list", 2.0)),
        Case("log NAME (PostgreSQL)", [*mn, "log", show_name, "Benchmark: a call"],
             postgres.WRITES, target=("log NAME", 2.0)),
        # What a connection costs a command: importing the driver, then connecting.
        Case("import psycopg", py("import psycopg"), postgres.READS,
             target=("python -c 'import sqlite3'", 10), informative=True),
        Case("connect (PostgreSQL)",
             py("import os, psycopg; psycopg.connect(os.environ['MENTORNET_DB']).close()"),
             postgres.READS, target=("import psycopg", 10), informative=True),
        # The console script calls gc.freeze() (cli/main.py); the baselines, plain imports,
        # don't. These runs show what the commands cost without it.
        Case("due (no gc.freeze)", [*no_freeze, "due"], "ten-year", target=floor,
             informative=True),
        Case("show NAME (no gc.freeze)", [*no_freeze, "show", show_name], "ten-year",
             target=("show floor", 1.3), informative=True),
        Case("prep NAME (no gc.freeze)", [*no_freeze, "prep", show_name], "ten-year",
             target=("prep floor", 1.3), informative=True),
    ]


def run_once(case: Case, env: dict[str, str], run: int) -> tuple[float, float, int, str]:
    """Run the case once; return (seconds, CPU seconds, exit status, stderr and stdout).

    The CPU time (user and system, of the command's process) depends far less than the
    time on what else the machine runs: on a busy machine it is the steadier figure."""
    argv = case.prepare(env) if case.prepare else list(case.argv)
    if case.fresh_args:
        argv[-1] = f"{argv[-1]} {os.getpid()}-{run}"
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL if case.quiet else subprocess.PIPE,
                            stderr=subprocess.PIPE)
    out, err = proc.communicate()
    elapsed = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - used.ru_utime) + (after.ru_stime - used.ru_stime)
    return elapsed, cpu, proc.returncode, (err + (out or b"")).decode(errors="replace")


# Forks and execs the command, then prints its peak RSS. A child's ru_maxrss starts from
# its parent's at fork time (Linux keeps the high-water mark across exec), so the launcher
# is a bare Python (a few MiB, far below any mentornet command), not this script.
LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""


def peak_rss(argv: list[str], env: dict[str, str]) -> int:
    """The peak resident memory of one run of `argv`, in bytes."""
    out = subprocess.run([PY, "-S", "-c", LAUNCHER, *argv], env=env, check=True,
                         capture_output=True, text=True).stdout.split()
    if out[0] != "0":
        raise RuntimeError(f"{argv} exited with {out[0]}")
    return int(out[1]) * MAXRSS_UNIT


def environment(case: Case, stores: dict[str, Path | str], scratch: Path) -> dict[str, str]:
    # Time what an installed mentornet does in a plain shell: with its bytecode cached,
    # whatever PYTHONDONTWRITEBYTECODE says here (compiling mentornet's own modules from
    # source costs 20-40 ms a run; the cache lives beside the stores), and with buffered
    # output, whatever PYTHONUNBUFFERED says.
    unset = ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX", "PYTHONUNBUFFERED")
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("MENTORNET_", "_MENTORNET_", "COMP_")) and k not in unset}
    env.update(COLUMNS="100", MENTORNET_TODAY=generate.TODAY.isoformat(),
               MENTORNET_CONFIG=str(scratch / "no-config.toml"), NO_COLOR="1",
               PYTHONPYCACHEPREFIX=str(generate.STORES / "pycache"))
    if case.store in (postgres.READS, postgres.WRITES):
        if case.store in stores:  # else there is no server: the case is skipped
            env["MENTORNET_DB"] = str(stores[case.store])
    elif case.store:
        env["MENTORNET_DB"] = str(scratch / f"{case.store.replace(' ', '-')}.db"
                                  if case.store.endswith("copy") else stores[case.store])
    env.update(case.env)
    return sandbox.own_home(env, scratch)


def check(case: Case, env: dict[str, str]) -> None:
    """A first run that must succeed; a command not built yet is marked pending."""
    _, _, status, output = run_once(case, env, run=-1)
    if status != 0:
        case.status = ("pending" if PENDING_MARK in output
                       else f"fails (exit {status}): {output.strip().splitlines()[-1:]}")
    elif case.label.startswith("completion") and not output.strip():
        case.status = "fails: no completions offered"


def measure(cases: list[Case], *, runs: int, warmups: int, stores: dict[str, Path | str],
            scratch: Path) -> None:
    """Time every case `warmups + runs` times, each command right after its baseline.

    In each round the commands come in a shuffled order, and each is run immediately after
    one run of the case it is compared with, so that both see the same load from the rest
    of the machine; that pair also gives one paired ratio. Baselines thus collect more
    runs than commands: every run of theirs counts towards their median.
    """
    envs = {case.label: environment(case, stores, scratch) for case in cases}
    for case in cases:
        if case.status == "ok":  # not already skipped
            check(case, envs[case.label])
    by_label = {case.label: case for case in cases}
    live = [case for case in cases if case.status == "ok"]
    compared = {case.target[0] for case in live if case.target}
    order = random.Random(generate.SEED)
    total = warmups + runs
    for round_ in range(total):
        print(f"\rround {round_ + 1}/{total}", end="", file=sys.stderr, flush=True)
        order.shuffle(live)
        for case in live:
            if case.target is None and case.label in compared:
                continue  # timed in pairs, just before each command compared with it
            other = by_label[case.target[0]] if case.target else None
            if other is not None and other.status != "ok":
                other = None
            before = time_run(other, envs, round_, warmups) if other is not None else None
            elapsed = time_run(case, envs, round_, warmups)
            if before and elapsed and round_ >= warmups:
                case.pairs.append(elapsed / before)
    print(file=sys.stderr)
    for case in cases:
        if case.memory and case.status == "ok":
            case.peak_rss = max(peak_rss(case.argv, envs[case.label]) for _ in range(3))


def time_run(case: Case, envs: dict[str, dict[str, str]], round_: int,
             warmups: int) -> float | None:
    """One timed run; kept when past the warm-up rounds. None if it failed."""
    elapsed, cpu, status, _ = run_once(case, envs[case.label], round_)
    if status != 0:
        case.status = f"fails (exit {status}) in round {round_ + 1}"
        return None
    if round_ >= warmups:
        case.times.append(elapsed)
        case.cpu.append(cpu)
    return elapsed


def verdict(case: Case, by_label: dict[str, Case]) -> tuple[str, str, str, str]:
    """(the baseline compared with, the ratio of medians, pass/fail, the paired ratio)."""
    if case.target is None:
        return "", "", "", ""
    other_label, limit = case.target
    other = by_label[other_label]
    if case.status != "ok" or other.status != "ok":
        return other_label, "", case.status if case.status != "ok" else "pending", ""
    ratio = (case.median_ms or 0) / (other.median_ms or 1)
    result = "(for information)" if case.informative else "pass" if ratio <= limit else "FAIL"
    paired = f"{statistics.median(case.pairs):.2f}x" if case.pairs else ""
    return other_label, f"{ratio:.2f}x (≤ {limit}x)", result, paired


def report(cases: list[Case], *, runs: int, warmups: int) -> str:
    by_label = {case.label: case for case in cases}
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines = [
        f"Benchmark of {datetime.date.today().isoformat()}: median of {runs} runs after "
        f"{warmups} warm-up(s), Python {platform.python_version()} on {platform.system()} "
        f"{platform.machine()}, {os.cpu_count()} CPUs, load {load:.1f}; "
        f"ten-year store unless said.",
        "",
        "| case | median ms | min ms | compared with | ratio of medians (target) | result "
        "| median paired ratio | median CPU ms | ratio of CPU medians |",
        "|---|---:|---:|---|---:|---|---:|---:|---:|",
    ]
    for case in cases:
        if case.status != "ok" and not case.target:
            lines.append(f"| {case.label} | | | | | {case.status} | | | |")
            continue
        median = f"{case.median_ms:.0f}" if case.median_ms is not None else ""
        low = f"{min(case.times) * 1000:.0f}" if case.times else ""
        other, ratio, result, paired = verdict(case, by_label)
        label = f"`{case.label}`" if not case.baseline else case.label
        cpu = f"{case.median_cpu_ms:.0f}" if case.median_cpu_ms is not None else ""
        base = by_label[case.target[0]].median_cpu_ms if case.target else None
        cpu_ratio = (f"{(case.median_cpu_ms or 0) / base:.2f}x" if base and case.cpu
                     else "")
        lines.append(f"| {label} | {median} | {low} | {other} | {ratio} | {result} | {paired} "
                     f"| {cpu} | {cpu_ratio} |")
    for case in cases:
        if not case.memory:
            continue
        label = f"peak memory of `{case.label}`"
        if not case.peak_rss:
            lines.append(f"| {label} | | | | | {case.status} | | | |")
            continue
        mib = case.peak_rss / MIB
        if case.memory_limit is None:
            lines.append(f"| {label} | {mib:.1f} MiB | | | | (for information) | | | |")
        else:
            result = "pass" if mib <= case.memory_limit else "FAIL"
            lines.append(f"| {label} | {mib:.1f} MiB | | | ≤ {case.memory_limit:.0f} MiB "
                         f"| {result} | | | |")
    lines += [
        "",
        "Baselines: floor = `python -c \"import typer, rich.console\"`; read floor adds "
        "sqlite3 (the writes' target); show floor adds sqlite3 and rich.panel (show draws "
        "its tables by hand); prep floor = sqlite3 and typer (prep prints plain Markdown); "
        "old write floor = sqlite3, typer, rich.console and sqlmodel (what writes cost "
        "when they went through SQLModel, for information). 10x and 100x are the large "
        "and huge stores. Each command runs right after a run of what "
        "it is compared with; pass or fail is judged on the ratio of medians, and the "
        "median of the paired ratios (each run over the baseline run just before it) is "
        "shown beside it. The CPU columns give the user and system time of the command's "
        "process, and the ratio of their medians: on a busy machine the steadier figure. "
        "(PostgreSQL) rows run on the ten-year store copied into a throwaway local server "
        "(Unix socket, default durability), each right after the same command on SQLite. "
        "mentornet's modules are byte-compiled first, as an installed package's are.",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 runs after 1 warm-up")
    parser.add_argument("--runs", type=int, help="timed runs of each case (default 15)")
    parser.add_argument("--warmups", type=int, help="untimed runs first (default 2)")
    parser.add_argument("--only", metavar="TEXT", action="append",
                        help="only cases whose label contains TEXT (repeatable); "
                             "their baselines are kept")
    args = parser.parse_args()
    runs = args.runs or (5 if args.quick else 15)
    warmups = args.warmups if args.warmups is not None else (1 if args.quick else 2)

    compile_sources()
    stores = generate.ensure_stores(["ten-year"])
    show_name = generate.busiest_person(stores["ten-year"])
    cases = build_cases(show_name)
    if args.only:
        wanted = [c for c in cases if any(text in c.label for text in args.only)]
        by_label = {c.label: c for c in cases}
        needed: set[str] = set()
        reach = [c.target[0] for c in wanted if c.target]
        while reach:  # a target's own target too (search (10x) -> show (10x) -> show)
            label = reach.pop()
            if label not in needed:
                needed.add(label)
                target = by_label[label].target
                reach.extend([target[0]] if target else [])
        cases = [c for c in cases if c in wanted or c.label in needed or c.baseline]
    on_server = [c for c in cases if c.store in (postgres.READS, postgres.WRITES)]
    used = {c.store.removesuffix(" copy") if c.store != "copy" else "ten-year"
            for c in cases if c.store and c not in on_server}
    if on_server:
        used.add("ten-year")  # what the server's databases are copied from
    stores: dict[str, Path | str] = dict(generate.ensure_stores(sorted(used)))
    for name in ("large", "huge"):  # each store's own busiest mentor is its NAME
        if name in stores:
            own = generate.busiest_person(Path(stores[name]))
            for case in cases:
                if case.store in (name, f"{name} copy"):
                    case.argv = [own if arg == show_name else arg for arg in case.argv]
    setup_ms: float | None = None
    with tempfile.TemporaryDirectory(prefix="mentornet-bench-") as tmp, \
            contextlib.ExitStack() as server:
        scratch = Path(tmp)
        for name in sorted({c.store for c in cases if c.store and c.store.endswith("copy")
                            and c not in on_server}):
            source = stores["ten-year" if name == "copy" else name.removesuffix(" copy")]
            shutil.copyfile(source, scratch / f"{name.replace(' ', '-')}.db")
        if on_server:
            try:
                urls, setup_ms = server.enter_context(postgres.server_stores(
                    mentornet_command(), Path(stores["ten-year"]),
                    environment(Case("copy", []), stores, scratch)))
                stores.update(urls)
            except postgres.Missing as reason:
                for case in on_server:
                    case.status = f"skipped: {reason}"
        measure(cases, runs=runs, warmups=warmups, stores=stores, scratch=scratch)
    print(report(cases, runs=runs, warmups=warmups))
    if setup_ms is not None:
        print(f"\nConnection set-up alone: {setup_ms:.1f} ms, the median of "
              f"{postgres.CONNECTS} connections opened and closed in one process over "
              "the server's Unix socket.")


if __name__ == "__main__":
    main()
