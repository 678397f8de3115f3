"""Time `mentornet import` of big contact files against merely reading them with Python.

    python benchmarks/imports.py            # 7 timed runs of each case after 1 warm-up
    python benchmarks/imports.py --quick    # 3 runs

The files are made afresh in a temporary folder (see import_files.py): a 5,000-card vCard
file as a phone exports it and a 30,000-row LinkedIn Connections.csv. Each import runs as
a fresh process into a fresh copy of an empty database, as a user's first import does,
right after one run of its baseline: `python -c` reading the same file with vobject
(`readComponents`) or with Python's csv module, process start included. Medians, their
ratio and the median of the paired ratios are printed as a Markdown table, with the
target (an import within 3x of the read) marked pass or fail, and each import's peak
memory. For information, a last case stores the LinkedIn rows with plain sqlite3 into the
same empty database (no matching, no checks): the floor of any import into the store.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import import_files  # noqa: E402  (the sibling modules, whichever directory we run from)
import sandbox  # noqa: E402
from bytecode import compile_sources  # noqa: E402

PY = sys.executable
TARGET = 3.0
MAXRSS_UNIT = 1 if sys.platform == "darwin" else 1024
READ_VCARD = ("import sys, vobject; "
              "list(vobject.readComponents(open(sys.argv[1], encoding='utf-8').read()))")
READ_CSV = ("import csv, sys; "
            "list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))")
# For information, the floor of any import into the store: the same rows read with csv and
# inserted with plain sqlite3 into the same empty database (its journal and search
# triggers included), in one transaction, with no matching, checking or report.
STORE_CSV = """
import csv, sqlite3, sys
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))[4:]
conn = sqlite3.connect(sys.argv[2], isolation_level=None)
conn.execute('BEGIN IMMEDIATE')
conn.execute("INSERT INTO change_log (made_at, description, kind) VALUES ('x', 'x', 'change')")
conn.executemany("INSERT INTO person (name, kind, status, role, org, via, met_on, focus, "
                 "email, link, created_at, updated_at) VALUES (?, 'contact', 'active', ?, ?, "
                 "'platform', ?, '[]', ?, ?, 'now', 'now')",
                 [(f'{r[0]} {r[1]}', r[5], r[4], r[6], r[3] or None, r[2]) for r in rows])
conn.execute('COMMIT')
"""


@dataclass
class Pair:
    label: str
    file: Path
    baseline_label: str
    baseline: list[str]
    command: list[str] | None = None  # instead of `mentornet import FILE`; also gets the db
    target: bool = True  # judged against TARGET, or only shown
    times: list[float] = field(default_factory=list)
    baseline_times: list[float] = field(default_factory=list)
    peak: int = 0


def mentornet() -> list[str]:
    script = Path(PY).parent / "mentornet"
    return [str(script)] if script.exists() else [PY, "-m", "mentornet"]


def environment(db: Path, scratch: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MENTORNET_")}
    env.update(MENTORNET_DB=str(db), MENTORNET_TODAY="2026-11-22", COLUMNS="100",
               MENTORNET_CONFIG=str(scratch / "no-config.toml"), NO_COLOR="1")
    return sandbox.own_home(env, scratch)


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """(seconds, peak memory in bytes) of one run, which must succeed."""
    began = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - began
    err = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{argv} failed: {err.strip()[-300:]}")
    return elapsed, usage.ru_maxrss * MAXRSS_UNIT


def empty_database(path: Path) -> None:
    from mentornet.store.sqlite.connection import open_db

    open_db(path, write=True).close()


def measure(pairs: list[Pair], *, runs: int, warmups: int, scratch: Path) -> None:
    empty = scratch / "empty.db"
    empty_database(empty)
    db = scratch / "run.db"
    env = environment(db, scratch)
    for round_ in range(warmups + runs):
        print(f"\rround {round_ + 1}/{warmups + runs}", end="", file=sys.stderr, flush=True)
        for pair in pairs:
            base, _ = timed([*pair.baseline, str(pair.file)], env)
            shutil.copyfile(empty, db)
            command = ([*pair.command, str(pair.file), str(db)] if pair.command
                       else [*mentornet(), "import", str(pair.file)])
            took, peak = timed(command, env)
            if round_ >= warmups:
                pair.baseline_times.append(base)
                pair.times.append(took)
                pair.peak = max(pair.peak, peak)
    print(file=sys.stderr)


def report(pairs: list[Pair], *, runs: int, warmups: int) -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines = [f"Import benchmark: median of {runs} runs after {warmups} warm-up(s), Python "
             f"{platform.python_version()} on {platform.system()} {platform.machine()}, "
             f"{os.cpu_count()} CPUs, load {load:.1f}.", "",
             "| case | median ms | baseline | baseline median ms | ratio of medians "
             f"(target ≤ {TARGET:g}x) | result | median paired ratio | peak memory |",
             "|---|---:|---|---:|---:|---|---:|---:|"]
    for pair in pairs:
        median = statistics.median(pair.times) * 1000
        base = statistics.median(pair.baseline_times) * 1000
        ratio = median / base
        paired = statistics.median(t / b for t, b in zip(pair.times, pair.baseline_times,
                                                          strict=True))
        lines.append(f"| `{pair.label}` | {median:.0f} | {pair.baseline_label} | {base:.0f} "
                     f"| {ratio:.2f}x | {verdict(pair, ratio)} "
                     f"| {paired:.2f}x | {pair.peak / 2**20:.0f} MiB |")
    return "\n".join(lines)


def verdict(pair: Pair, ratio: float) -> str:
    if not pair.target:
        return "(for information)"
    return "pass" if ratio <= TARGET else "FAIL"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 runs after 1 warm-up")
    parser.add_argument("--runs", type=int, help="timed runs of each case (default 7)")
    args = parser.parse_args()
    compile_sources()
    runs = args.runs or (3 if args.quick else 7)
    with tempfile.TemporaryDirectory(prefix="mentornet-import-bench-") as tmp:
        scratch = Path(tmp)
        cards = import_files.vcard_file(scratch / "contacts.vcf")
        connections = import_files.linkedin_file(scratch / "Connections.csv")
        pairs = [
            Pair("import contacts.vcf (5,000 cards)", cards, "vobject reads it",
                 [PY, "-c", READ_VCARD]),
            Pair("import Connections.csv (30,000 rows)", connections, "csv reads it",
                 [PY, "-c", READ_CSV]),
            Pair("sqlite3 stores the same rows, nothing else", connections, "csv reads it",
                 [PY, "-c", READ_CSV], command=[PY, "-c", STORE_CSV], target=False),
        ]
        measure(pairs, runs=runs, warmups=1, scratch=scratch)
    print(report(pairs, runs=runs, warmups=1))


if __name__ == "__main__":
    main()
