"""Time `mentornet sync mail` and `sync calendar` against merely reading the same files.

    python benchmarks/sync.py            # 5 timed runs of each case after 1 warm-up
    python benchmarks/sync.py --quick    # 3 runs

The files are made afresh in a temporary folder: a 20,000-message mbox (a year of mail
with 60 people on the panel, a few hundred others, mailing lists and robots; every
message has a body of a few lines) and a 2,000-event calendar (single events and weekly
series with panel people and others, some all-day, cancelled or big). Each sync runs as a
fresh process: the first sync on a fresh copy of the panel's database, the re-sync
(nothing new) right after it on the same database. Each run follows one run of its
baseline: `python -c` reading the same file with Python's `mailbox` (each message's
From, To, Cc, Date, Message-ID, In-Reply-To and References) or with `icalendar` (each
event's UID, DTSTART, ORGANIZER and ATTENDEE), process start included. Medians, their
ratio and the median of the paired ratios are printed as a Markdown table, with the
targets (a sync within 3x of the read, a re-sync within 1.5x) marked pass or fail by the
paired ratio, and beside them the CPU time (user and system) of each, which a shared
machine's waiting for a core does not inflate.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sandbox  # noqa: E402  (the sibling modules, whichever directory we run from)
from bytecode import compile_sources  # noqa: E402

PY = sys.executable
TODAY = date(2026, 11, 22)
SINCE = "2025-11-22"  # the whole year of the files
ME = "alex@fabrikam.example"
PANEL = 60
READ_MAIL = ("import mailbox, sys\n"
             "for m in mailbox.mbox(sys.argv[1]):\n"
             "    [m[h] for h in ('From', 'To', 'Cc', 'Date', 'Message-ID', 'In-Reply-To',"
             " 'References')]")
READ_CALENDAR = ("import icalendar, sys\n"
                 "c = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n"
                 "for e in c.walk('VEVENT'):\n"
                 "    [e.get(p) for p in ('UID', 'DTSTART', 'ORGANIZER', 'ATTENDEE')]")


def person(n: int) -> str:
    return f"mentor{n}@panel{n % 7}.example"


def mbox_file(path: Path, *, messages: int = 20_000, seed: int = 16) -> Path:
    """A year of mail: a third with panel people, the rest with others, lists and robots."""
    rng = random.Random(seed)
    start = datetime.combine(TODAY - timedelta(days=364), datetime.min.time(), tzinfo=UTC)
    others = [f"someone{n}@elsewhere{n % 13}.example" for n in range(400)]
    lines: list[str] = []
    for n in range(messages):
        when = start + timedelta(minutes=rng.randrange(364 * 24 * 60))
        kind = rng.random()
        headers = {"Date": format_datetime(when), "Message-ID": f"<m{n}@bench.example>",
                   "Subject": f"Message number {n}"}
        if kind < 0.17:  # you write to a panel person
            headers |= {"From": f"Alex Kim <{ME}>", "To": person(rng.randrange(PANEL))}
        elif kind < 0.33:  # a panel person writes, often in reply
            headers |= {"From": person(rng.randrange(PANEL)), "To": ME}
            if rng.random() < 0.6:
                earlier = rng.randrange(max(n, 1))
                headers |= {"In-Reply-To": f"<m{earlier}@bench.example>",
                            "References": f"<m{earlier}@bench.example>"}
        elif kind < 0.6:
            headers |= {"From": rng.choice(others), "To": ME,
                        "Cc": ", ".join(rng.sample(others, rng.randrange(3)))}
        elif kind < 0.85:
            headers |= {"From": "digest@lists.example", "To": ME,
                        "List-Id": "<team.lists.example>"}
        else:
            headers |= {"From": "no-reply@tool.example", "To": ME,
                        "Auto-Submitted": "auto-generated"}
        lines.append(f"From sender {when:%a %b %d %H:%M:%S %Y}")
        lines += [f"{name}: {value}" for name, value in headers.items()]
        lines += ["Content-Type: text/plain; charset=utf-8", "",
                  *(f"Line {k} of a body that is never read, about things and people."
                    for k in range(rng.randrange(3, 30))), ""]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def ics_file(path: Path, *, events: int = 2_000, seed: int = 16) -> Path:
    """A year of events: 1 in 20 a weekly series, some all-day, cancelled or big."""
    rng = random.Random(seed)
    start = datetime.combine(TODAY - timedelta(days=364), datetime.min.time(), tzinfo=UTC)
    out = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//EN"]
    for n in range(events):
        when = start + timedelta(days=rng.randrange(420), hours=rng.randrange(8, 18))
        with_panel = rng.random() < 0.4
        guests = ([person(rng.randrange(PANEL))] if with_panel else
                  [f"someone{rng.randrange(400)}@elsewhere.example"])
        if rng.random() < 0.05:
            guests += [f"crowd{k}@big.example" for k in range(12)]
        out += ["BEGIN:VEVENT", f"UID:e{n}@bench.example", "DTSTAMP:20260101T000000Z"]
        if rng.random() < 0.05:
            out.append(f"DTSTART;VALUE=DATE:{when:%Y%m%d}")
        else:
            out += [f"DTSTART:{when:%Y%m%dT%H%M%SZ}",
                    f"DTEND:{when + timedelta(minutes=30):%Y%m%dT%H%M%SZ}"]
        if rng.random() < 0.05:
            out.append(f"RRULE:FREQ=WEEKLY;COUNT={rng.randrange(4, 30)}")
        if rng.random() < 0.03:
            out.append("STATUS:CANCELLED")
        if rng.random() < 0.3:
            out.append("LOCATION:https://fabrikam.zoom.us/j/12345")
        out += [f"SUMMARY:Event {n}", "DESCRIPTION:An agenda nobody reads.",
                f"ORGANIZER:mailto:{ME}", f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{ME}"]
        out += [f"ATTENDEE;PARTSTAT={rng.choice(['ACCEPTED', 'ACCEPTED', 'DECLINED'])}:"
                f"mailto:{guest}" for guest in guests]
        out.append("END:VEVENT")
    out.append("END:VCALENDAR")
    path.write_text("\r\n".join(out) + "\r\n", encoding="utf-8")
    return path


def panel_database(path: Path) -> None:
    """The panel: PANEL people with their addresses, and your own address."""
    from mentornet.store.api import writing

    now = datetime(2025, 11, 1, 12, tzinfo=UTC)
    with writing(path, description="benchmark panel", now=now) as change:
        change.set_owner(name="Alex Kim", emails=[ME])
        for n in range(PANEL):
            change.add_person(name=f"Mentor {n}", kind="informal", role=None, org=None,
                              via=None, met_on=date(2025, 1, 1), focus=(), cadence_days=None,
                              email=person(n), link=None, note=None, force=True,
                              first_meeting=False)


@dataclass
class Case:
    label: str
    argv: list[str]
    baseline_label: str
    baseline: list[str]
    target: float
    fresh: bool  # on a fresh copy of the panel (a first sync), else on the one synced
    times: list[float] = field(default_factory=list)
    baseline_times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    baseline_cpu: list[float] = field(default_factory=list)


def mentornet() -> list[str]:
    script = Path(PY).parent / "mentornet"
    return [str(script)] if script.exists() else [PY, "-m", "mentornet"]


def environment(db: Path, scratch: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MENTORNET_")}
    env.update(MENTORNET_DB=str(db), MENTORNET_TODAY=TODAY.isoformat(), COLUMNS="100",
               MENTORNET_CONFIG=str(scratch / "no-config.toml"), NO_COLOR="1")
    return sandbox.own_home(env, scratch)


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds: user and system) of one run, which must succeed. On a
    shared machine the wall time mostly measures waiting for a core; the CPU time does not."""
    began = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - began
    err = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{argv} failed: {err.strip()[-300:]}")
    return elapsed, usage.ru_utime + usage.ru_stime


def measure(cases: list[Case], *, runs: int, warmups: int, scratch: Path) -> None:
    panel = scratch / "panel.db"
    panel_database(panel)
    db = scratch / "run.db"
    env = environment(db, scratch)
    for round_ in range(warmups + runs):
        print(f"\rround {round_ + 1}/{warmups + runs}", end="", file=sys.stderr, flush=True)
        for case in cases:
            if case.fresh:
                shutil.copyfile(panel, db)
            base, base_cpu = timed(case.baseline, env)
            took, cpu = timed(case.argv, env)
            if round_ >= warmups:
                case.baseline_times.append(base)
                case.times.append(took)
                case.baseline_cpu.append(base_cpu)
                case.cpu.append(cpu)
    print(file=sys.stderr)


def report(cases: list[Case], *, runs: int, warmups: int) -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines = [f"Sync benchmark: median of {runs} runs after {warmups} warm-up(s), Python "
             f"{platform.python_version()} on {platform.system()} {platform.machine()}, "
             f"{os.cpu_count()} CPUs, load {load:.1f}.", "",
             "| case | median ms | baseline | baseline median ms | ratio of medians | "
             "median paired ratio | target | result | CPU ms | baseline CPU ms | "
             "ratio of CPU medians |",
             "|---|---:|---|---:|---:|---:|---:|---|---:|---:|---:|"]
    for case in cases:
        median = statistics.median(case.times) * 1000
        base = statistics.median(case.baseline_times) * 1000
        paired = statistics.median(t / b for t, b in zip(case.times, case.baseline_times,
                                                          strict=True))
        cpu = statistics.median(case.cpu) * 1000
        base_cpu = statistics.median(case.baseline_cpu) * 1000
        lines.append(f"| `{case.label}` | {median:.0f} | {case.baseline_label} | {base:.0f} "
                     f"| {median / base:.2f}x | {paired:.2f}x | ≤ {case.target:g}x "
                     f"| {'pass' if paired <= case.target else 'FAIL'} | {cpu:.0f} "
                     f"| {base_cpu:.0f} | {cpu / base_cpu:.2f}x |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 runs after 1 warm-up")
    parser.add_argument("--runs", type=int, help="timed runs of each case (default 5)")
    args = parser.parse_args()
    compile_sources()
    runs = args.runs or (3 if args.quick else 5)
    with tempfile.TemporaryDirectory(prefix="mentornet-sync-bench-") as tmp:
        scratch = Path(tmp)
        mail = mbox_file(scratch / "mail.mbox")
        cal = ics_file(scratch / "calendar.ics")
        read_mail = [PY, "-c", READ_MAIL, str(mail)]
        read_cal = [PY, "-c", READ_CALENDAR, str(cal)]
        sync_mail = [*mentornet(), "sync", "mail", str(mail), "--since", SINCE]
        sync_cal = [*mentornet(), "sync", "calendar", str(cal), "--since", SINCE]
        cases = [
            Case("sync mail (20,000 messages)", sync_mail, "mailbox reads it", read_mail,
                 3.0, fresh=True),
            Case("sync mail again, nothing new", sync_mail, "mailbox reads it", read_mail,
                 1.5, fresh=False),
            Case("sync calendar (2,000 events)", sync_cal, "icalendar reads it", read_cal,
                 3.0, fresh=True),
            Case("sync calendar again, nothing new", sync_cal, "icalendar reads it",
                 read_cal, 1.5, fresh=False),
        ]
        measure(cases, runs=runs, warmups=1, scratch=scratch)
    print(report(cases, runs=runs, warmups=1))


if __name__ == "__main__":
    main()
