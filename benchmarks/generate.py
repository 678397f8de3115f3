"""Build the benchmark stores through mentornet's own write path, from a fixed seed.

The *ten-year store* is what a keen user gathers in ten years: 300 people of every kind,
6,000 touch-bases, 1,500 favours, 300 parked items, 400 follow-ups and 40 goals. The
*large store* (10x) has ten times each, the *huge store* (100x) a hundred times. They are
written through mentornet's own write path (`store.api.writing()` and the write functions
of its change), so they are valid stores: the same rows, change journal and invariants
that the commands produce. A few big transactions keep it quick.

    python benchmarks/generate.py            # the ten-year and large stores, if missing
    python benchmarks/generate.py huge       # the 100x store (about 2 minutes, 360 MB)
    python benchmarks/generate.py --force    # rebuild them
"""

from __future__ import annotations

import argparse
import itertools
import random
import sqlite3
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

# Bump when the generated data changes, so that stale stores are rebuilt.
GENERATOR_VERSION = 3
SEED = 20261122
TODAY = date(2026, 11, 22)  # the benchmark's MENTORNET_TODAY
YEARS = 10
STORES = Path(__file__).resolve().parent / "stores"
CHUNK = 2_000  # rows per transaction


@dataclass(frozen=True)
class Sizes:
    people: int
    touchbases: int  # including each person's first meeting
    favours: int
    parked: int
    followups: int
    goals: int

    def times(self, factor: int) -> Sizes:
        return Sizes(*(factor * getattr(self, f) for f in self.__dataclass_fields__))


TEN_YEAR = Sizes(people=300, touchbases=6_000, favours=1_500, parked=300, followups=400,
                 goals=40)
LARGE = TEN_YEAR.times(10)
HUGE = TEN_YEAR.times(100)  # 30,000 people, 600,000 touch-bases
STORE_SIZES = {"ten-year": TEN_YEAR, "large": LARGE, "huge": HUGE}
DEFAULT_STORES = ("ten-year", "large")  # the huge one is built when a case asks for it


def store_path(name: str) -> Path:
    """Named by the generator's version and the schema's: a store built before a new
    migration is rebuilt, rather than upgraded in place by the first command timed."""
    from mentornet.migrations import LATEST_VERSION

    return STORES / f"{name}-v{GENERATOR_VERSION}-schema{LATEST_VERSION}.db"


# Vocabulary for plausible text -----------------------------------------------------------

FIRST = ("Dana Sam Ana Priya Tomás Mei Olu Grace Ravi Lena Marco Aisha Jonas Keiko Farid "
         "Chloe Diego Hana Ibrahim Julia Kofi Laila Mateo Nadia Oskar Paula Quentin Rosa "
         "Sven Tara Umar Vera Wen Ximena Yusuf Zoe Amara Björn Carmen Dmitri Elif Felix "
         "Gita Hugo Ines Jamal Kira Luca Maya Nikhil Olga Pedro Rhea Sofia Theo Uma Viktor "
         "Wanjiru Yara Zain Abel Bea Cyrus Daria Emil Fatima Gus Helga Ivo Jin Kamal Lucia "
         "Milo Noor Orla Pablo Rania Stefan").split()
LAST = ("Lee Wu Ruiz Sharma Okafor Müller Rossi Nakamura Haddad Novak Silva Kowalski "
        "O'Brien Jensen Fischer Dubois Costa Tanaka Ahmed Petrov García Nguyen Kim Mensah "
        "Larsen Moreau Santos Yilmaz Berg Hughes Ito Kaur Lopez Meyer Nowak Osei Park Quinn "
        "Reyes Schmidt Torres Underwood Vargas Walsh Xu Young Zhang Abbott Bianchi Chen "
        "Diaz Eriksson Fernandes Gomez Hansen Ivanova Jovanović Khan Lindqvist Martins "
        "Nielsen Ortiz Pereira Rahman Sato Takahashi Ueda Vasquez Weber Yamada Zimmermann "
        "Andersson Brown Cruz Dahl Evans").split()
KIND_WEIGHTS = {"formal": 15, "informal": 45, "prospect": 20, "mentee": 20}
ORGS = ("Acme", "Globex", "Initech", "Umbrella Health", "Stark Labs", "Wayne Foundation",
        "Hooli", "Vandelay Imports", "Soylent", "Tyrell", "the university", None)
ROLES = ("VP Engineering", "Staff Engineer", "Product Director", "CTO", "Design Lead",
         "Principal PM", "Founder", "Engineering Manager", "Head of Data", None)
VIA = ("work", "manager", "skip-level", "colleague", "friends-family", "alumni",
       "online-event", "event", "platform", "referral", "other", "a book club", None)
FOCUS = ("leadership", "career", "product", "architecture", "public speaking", "writing",
         "hiring", "negotiation", "management", "strategy", "ml", "startups")
CHANNEL_WEIGHTS = {"meeting": 30, "call": 10, "video": 20, "coffee": 15, "message": 15,
                   "email": 7, "event": 3}
FAVOUR_KINDS = ("intro", "feedback", "perspective", "evangelise", "mentoring", "info",
                "referral", "other")
PARKED_KINDS = ("question", "idea", "win", "challenge", "update")
OPENERS = ("Talked about", "Went through", "Caught up on", "Long chat about",
           "Quick sync on", "Walked through", "Compared notes on")
SUBJECTS = ("the reorg", "my promotion case", "hiring a first manager", "the Q3 roadmap",
            "moving into product", "a conference talk", "negotiating the offer",
            "the platform migration", "delegating more", "the team's on-call load",
            "writing a strategy doc", "how their team runs planning", "a side project",
            "the board meeting", "giving hard feedback", "switching teams")
FOLLOW = ("They suggested I", "Advice:", "Next step:", "Worth trying:", "Their take:")
ADVICE = ("write it down before the meeting", "ask for the scope explicitly",
          "talk to the skip-level first", "say no to the second project",
          "shadow a hiring loop", "share the draft early", "find a sponsor, not only a mentor",
          "keep a brag document", "run a pre-mortem", "book a monthly 1:1 with product")


def _sentence(rng: random.Random) -> str:
    text = f"{rng.choice(OPENERS)} {rng.choice(SUBJECTS)}."
    if rng.random() < 0.6:
        text += f" {rng.choice(FOLLOW)} {rng.choice(ADVICE)}."
    if rng.random() < 0.3:
        text += f" Also {rng.choice(SUBJECTS)}; {rng.choice(ADVICE)}."
    return text


def _day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


# The store ---------------------------------------------------------------------------


def build_store(path: Path, sizes: Sizes = TEN_YEAR, *, seed: int = SEED,
                today: date = TODAY) -> None:
    """Write a fresh store at `path` (which must not exist) with `sizes` rows, from `seed`."""
    from mentornet.store.api import writing

    if path.exists():
        raise FileExistsError(path)
    rng = random.Random(seed)
    now = datetime.combine(today, datetime.min.time(), tzinfo=UTC) + timedelta(hours=12)
    start = today - timedelta(days=365 * YEARS)
    names = [f"{first} {last}" for first in FIRST for last in LAST]
    if sizes.people > len(names):  # middle initials for more (the smaller stores have none)
        names += [f"{first} {initial}. {last}" for initial in "ABCDEFGHJKLMNPRSTVW"
                  for first in FIRST for last in LAST]
    if sizes.people > len(names):
        raise ValueError(f"at most {len(names)} people")
    names = rng.sample(names, sizes.people)

    # People, each with a first meeting recorded as a touch-base (as `add` does).
    people: list[tuple[int, str, date]] = []  # (id, kind, met_on)
    with writing(path, description="benchmark: people", now=now) as tx:
        for name in names:
            kind = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
            met_on = _day_between(rng, start, today - timedelta(days=3))
            person_id = tx.add_person(
                name=name, kind=kind, role=rng.choice(ROLES), org=rng.choice(ORGS),
                via=rng.choice(VIA), met_on=met_on,
                focus=rng.sample(FOCUS, rng.randint(0, 3)),
                cadence_days=rng.choice((None, None, None, 14, 42, 60, 90)),
                email=f"{name.split()[0].lower()}@example.com" if rng.random() < 0.5 else None,
                link=None, note=_sentence(rng) if rng.random() < 0.3 else None,
                force=True, first_meeting=True)  # the names are unique
            people.append((person_id, kind, met_on))
    ids = [pid for pid, _, _ in people]
    met = {pid: met_on for pid, _, met_on in people}
    formal = [pid for pid, kind, _ in people if kind == "formal"] or ids[:1]
    # Some people see far more of you than others: a few mentors carry most of the history.
    # (capped: even a close mentor is seen about monthly, not daily).
    weights = [min(rng.paretovariate(1.2), 10.0) * (3 if kind == "formal" else 1)
               for _, kind, _ in people]
    cumulative = list(itertools.accumulate(weights))

    def some_people(count: int) -> list[int]:
        return rng.choices(ids, cum_weights=cumulative, k=count)

    def since_met(pid: int) -> date:
        return _day_between(rng, met[pid], today)

    # Touch-bases, oldest first, so that `--next` sessions come and go as in real use.
    channels, channel_weights = list(CHANNEL_WEIGHTS), list(CHANNEL_WEIGHTS.values())
    logs = sorted(((since_met(pid), pid)
                   for pid in some_people(sizes.touchbases - sizes.people)),
                  key=lambda item: item[0])
    for part in _chunks(logs):
        with writing(path, description="benchmark: touch-bases", now=now) as tx:
            for on, pid in part:
                initiator = "them" if rng.random() < 0.25 else "me"
                answered = initiator == "them" or rng.random() > 0.08
                next_session = (on + timedelta(days=rng.randint(14, 45))
                                if pid in formal and rng.random() < 0.3 else None)
                tx.log_touchbase(
                    person_id=pid, on=on,
                    channel=rng.choices(channels, weights=channel_weights)[0],
                    initiator=initiator, answered=answered,
                    notes=_sentence(rng) if answered else None,
                    topics=rng.sample(FOCUS, rng.randint(0, 2)),
                    feedback=rng.choice(ADVICE) if rng.random() < 0.1 else None,
                    discussed=(), next_session=next_session)

    favours = [(since_met(pid), pid) for pid in some_people(sizes.favours)]
    for part in _chunks(favours):
        with writing(path, description="benchmark: favours", now=now) as tx:
            for on, pid in part:
                tx.add_favour(person_id=pid, direction=rng.choice(("give", "got")),
                              on=on, kind=rng.choice(FAVOUR_KINDS),
                              description=f"{rng.choice(FOLLOW)} {rng.choice(ADVICE)}")

    # Parked items: mostly discussed long ago; the recent ones still open. A few are for
    # every formal mentor, parked lately and not discussed yet: discussing one with a
    # mentor parks a copy for each of the others (store/writes.py), which on these panels
    # of hundreds or thousands of formal mentors would be most of the store's rows.
    with writing(path, description="benchmark: parked items", now=now) as tx:
        for other in some_people(sizes.parked):
            pid = None if rng.random() < 0.02 else rng.choice((*formal[:20], other))
            on = since_met(pid) if pid is not None else \
                _day_between(rng, today - timedelta(days=60), today)
            item_id = tx.park(person_id=pid, kind=rng.choice(PARKED_KINDS),
                              text=f"{rng.choice(SUBJECTS).capitalize()}?", on=on)
            if pid is not None and ((today - on).days > 60 or rng.random() < 0.3):
                tx.close_parked(person_id=pid, which=[str(item_id)],
                                on=_day_between(rng, on, today))

    with writing(path, description="benchmark: follow-ups", now=now) as tx:
        for pid in some_people(sizes.followups):
            made = since_met(pid)
            due = made + timedelta(days=rng.randint(3, 30)) if rng.random() < 0.7 else None
            followup_id = tx.add_followup(person_id=pid,
                                          text=f"Send {rng.choice(SUBJECTS)} notes",
                                          due=due, today=made)
            if (today - made).days > 45 or rng.random() < 0.5:
                tx.finish_followup(followup_id, today=_day_between(rng, made, today))

    with writing(path, description="benchmark: goals", now=now) as tx:
        for _ in range(sizes.goals):
            made = _day_between(rng, start, today - timedelta(days=7))
            goal_id = tx.add_goal(
                text=f"Get better at {rng.choice(FOCUS)}",
                target=made + timedelta(days=rng.randint(180, 540)),
                focus=rng.sample(FOCUS, rng.randint(1, 2)),
                mentor_ids=rng.sample(formal, min(len(formal), rng.randint(1, 3))),
                today=made)
            for _ in range(rng.randint(0, 6)):
                tx.add_progress(goal_id, _sentence(rng),
                                today=_day_between(rng, made, today))
            if (today - made).days > 540 or rng.random() < 0.2:
                tx.close_goal(goal_id, rng.choice(("done", "done", "dropped")),
                              today=_day_between(rng, made, today))

    # The present: sessions booked in the coming days, people snoozed, paused or archived.
    with writing(path, description="benchmark: the present", now=now) as tx:
        for pid in rng.sample(formal, min(len(formal), max(1, len(formal) // 8))):
            tx.edit_person(pid, next_session=today + timedelta(days=rng.randint(0, 20)))
        for pid in rng.sample(ids, max(1, len(ids) // 30)):
            tx.edit_person(pid, snoozed_until=today + timedelta(days=rng.randint(1, 60)))
        for pid in rng.sample(ids, len(ids) // 5):  # people drift away over ten years
            tx.edit_person(pid, status=rng.choice(("paused", "archived", "archived")))


def busiest_person(path: Path) -> str:
    """The name of the active formal mentor with the most history: the `show` subject."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute(
            "SELECT p.name FROM person p JOIN touchbase t ON t.person_id = p.id "
            "WHERE p.kind = 'formal' AND p.status = 'active' "
            "GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 1").fetchone()
    finally:
        conn.close()
    return str(row[0])


def ensure_stores(names: list[str] | None = None, *, force: bool = False,
                  quiet: bool = False) -> dict[str, Path]:
    """Build the named stores (default: the ten-year and large ones) unless an up-to-date
    copy exists."""
    STORES.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name in names or list(DEFAULT_STORES):
        path = store_path(name)
        if force and path.exists():
            path.unlink()
        if not path.exists():
            partial = path.with_suffix(".partial")
            partial.unlink(missing_ok=True)
            began = time.perf_counter()
            if not quiet:
                print(f"building the {name} store ({STORE_SIZES[name]})...", file=sys.stderr)
            build_store(partial, STORE_SIZES[name])
            partial.rename(path)
            if not quiet:
                print(f"  {path} in {time.perf_counter() - began:.1f} s", file=sys.stderr)
        paths[name] = path
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stores", nargs="*", metavar="STORE",
                        help=f"which stores: {', '.join(STORE_SIZES)} "
                             f"(default: {', '.join(DEFAULT_STORES)})")
    parser.add_argument("--force", action="store_true", help="rebuild even if present")
    args = parser.parse_args()
    unknown = set(args.stores) - set(STORE_SIZES)
    if unknown:
        parser.error(f"unknown store {sorted(unknown)[0]!r}: use {', '.join(STORE_SIZES)}")
    for name, path in ensure_stores(args.stores or None, force=args.force).items():
        print(f"{name}: {path}")


if __name__ == "__main__":
    main()
