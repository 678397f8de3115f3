"""A realistic sample panel with a year of history, written through the ordinary write path."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from mentornet.store.api import writing
from mentornet.store.location import ServerURL

# (name, kind, status, role, org, via, focus, cadence_days, days since met)
_PEOPLE = (
    ("Dana Lee", "formal", "active", "Director of Product", "Northwind", "skip-level",
     ["leadership", "stakeholder management"], 28, 390),
    ("Sam Wu", "informal", "active", "Staff PM", "Globex", "alumni", ["ml products"], None, 300),
    ("Ana Ruiz", "informal", "active", "Engineering Manager", "Initech", "colleague",
     ["people management", "hiring"], 42, 240),
    ("Priya Natarajan", "prospect", "active", "Head of Growth", "Umbrella", "event",
     ["growth", "pricing"], None, 9),
    ("Leo Martins", "mentee", "active", "Associate PM", "Northwind", "work",
     ["product discovery"], None, 200),
    ("Marcus Bell", "informal", "active", "VP Product", "Hooli", "online-event",
     ["strategy"], None, 330),
    ("Grace Kim", "formal", "paused", "Group PM", "Contoso", "manager",
     ["roadmapping", "leadership"], 28, 365),
)
# Where each demo person comes from, when it is not left to the guess (spheres.py), and
# how close you feel to them (`edit --sphere`, `--closeness`).
_SPHERES = {"Marcus Bell": "industry", "Ana Ruiz": "former-employer"}
_CLOSENESS = {"Dana Lee": 4, "Ana Ruiz": 3, "Sam Wu": 3}


DESCRIPTION = "demo panel"  # the first change of every demo database


def is_demo(path: Path) -> bool:
    """Whether the file at `path` is a demo database: a mentornet database whose oldest
    recorded change is the demo panel's."""
    import sqlite3

    from mentornet.errors import StoreError
    from mentornet.store.backup import _identify, _open_ro

    try:
        _identify(path)
        conn = _open_ro(path)
        try:
            row = conn.execute("SELECT description FROM change_log ORDER BY id LIMIT 1"
                               ).fetchone()
        finally:
            conn.close()
    except (StoreError, sqlite3.Error):
        return False
    return row is not None and row[0] == DESCRIPTION


def is_server_demo(url: ServerURL) -> bool:
    """Whether the PostgreSQL database at `url` holds a demo, or nothing yet."""
    from mentornet.store.postgres.connection import connect, schema_version

    conn = connect(url)
    try:
        if schema_version(conn, url) is None:
            return True
        row = conn.execute("SELECT description FROM change_log ORDER BY id LIMIT 1"
                           ).fetchone()
        if row is None:
            from mentornet.store.copying import is_empty

            return is_empty(conn)
        return bool(row[0] == DESCRIPTION)
    finally:
        conn.close()


def build_demo(path: Path, *, today: date, now: datetime,
               warnings: list[str] | None = None) -> None:
    """Write the sample panel to a new database at `path`, replacing the file there (the
    caller checked it is an earlier demo). It is built under a temporary name and renamed
    into place once complete."""
    import contextlib
    import os

    building = path.with_name(f".{path.name}.{os.getpid()}.building")
    try:
        _write_demo(building, today=today, now=now, warnings=warnings)
        # An old demo's leftover journal would be played back into the new file.
        path.with_name(path.name + "-journal").unlink(missing_ok=True)
        os.replace(building, path)
    finally:
        with contextlib.suppress(OSError):
            building.unlink()


def _write_demo(path: Path, *, today: date, now: datetime,
                warnings: list[str] | None) -> None:
    def ago(days: int) -> date:
        return today - timedelta(days=days)

    with writing(path, description=DESCRIPTION, now=now, warnings=warnings) as tx:
        # You: on the way to managing (`mentornet me --phase`).
        tx.set_owner(phase="toward-management",
                     situation="Acting lead of the activation squad, aiming for group PM")
        ids: dict[str, int] = {}
        for name, kind, status, role, org, via, focus, cadence, met in _PEOPLE:
            ids[name] = tx.add_person(
                name=name, kind=kind, role=role, org=org, via=via, met_on=ago(met),
                focus=focus, cadence_days=cadence, email=None, link=None, note=None,
                force=False, first_meeting=True)
            if status != "active":
                tx.edit_person(ids[name], status=status)
            if name in _SPHERES or name in _CLOSENESS:
                tx.edit_person(ids[name], sphere=_SPHERES.get(name),
                               closeness=_CLOSENESS.get(name))
            # added to mentornet when you met them, as if the year had been recorded as it
            # went: where a relationship stands counts from the day added
            tx.fill("person", ids[name], {"created_at": now - timedelta(days=met)})

        def log(name: str, days: int, note: str | None, channel: str = "video",
                answered: bool = True, feedback: str | None = None,
                topics: tuple[str, ...] = ()) -> None:
            tx.log_touchbase(person_id=ids[name], on=ago(days), channel=channel,
                             initiator="me", answered=answered, notes=note,
                             topics=topics, feedback=feedback, discussed=[],
                             next_session=None)

        # Dana: the formal mentor, monthly sessions for a year.
        for days in range(362, 30, -29):
            log("Dana Lee", days, "Monthly session: roadmap, stakeholders, career",
                topics=("stakeholder management",))
        log("Dana Lee", 30, "Talked through the reorg and how to pitch the pricing test",
            feedback="Lead with the customer problem, not the solution",
            topics=("pricing", "stakeholder management"))
        tx.edit_person(ids["Dana Lee"], next_session=today + timedelta(days=1))
        tx.add_favour(person_id=ids["Dana Lee"], direction="got", on=ago(25),
                      kind="intro", description="Intro to Mei, who runs pricing at Northwind")
        tx.add_favour(person_id=ids["Dana Lee"], direction="give", on=ago(200),
                      kind="feedback", description="Usability notes on her team's new app")
        tx.park(person_id=ids["Dana Lee"], kind="win", on=ago(12),
                text="Shipped the onboarding revamp: activation up 12%")
        tx.park(person_id=ids["Dana Lee"], kind="challenge", on=ago(8),
                text="Lost the pricing debate with finance")
        tx.park(person_id=ids["Dana Lee"], kind="question", on=ago(5),
                text="How do I handle a VP who skips my roadmap reviews?")
        tx.park(person_id=None, kind="question", on=ago(3),
                text="How should I prepare for the promotion committee?")
        tx.add_followup(person_id=ids["Dana Lee"], text="Send the pricing memo",
                        due=ago(20), today=ago(30))
        goal_id = tx.add_goal(text="Move into a group PM role", target=today +
                              timedelta(days=240), focus=["leadership", "people management"],
                              mentor_ids=[ids["Dana Lee"]], today=ago(300))
        tx.add_progress(goal_id, "Took over the activation squad as acting lead",
                        today=ago(15))
        ml_goal = tx.add_goal(text="Ship a first ML-powered feature", target=today +
                              timedelta(days=400), focus=["ml products"],
                              mentor_ids=[ids["Sam Wu"]], today=ago(120))
        tx.add_progress(ml_goal, "Ran a first offline test of the ranking model: promising",
                        today=ago(21))

        # Sam: an informal mentor gone quiet for a while.
        for days in (280, 190, 134):
            log("Sam Wu", days, "Catch-up on ML product work", channel="coffee")
        tx.add_favour(person_id=ids["Sam Wu"], direction="give", on=ago(134),
                      kind="evangelise", description="Shared his team's launch post")
        tx.park(person_id=ids["Sam Wu"], kind="challenge", on=ago(6),
                text="Getting enough labelled data for the ranking model")

        # Ana: generous with her time; nothing given back yet.
        for days in (220, 170, 120, 75, 40):
            log("Ana Ruiz", days, "Hiring and first-time manager questions", channel="call",
                topics=("hiring", "confidence as a new manager"))
        tx.add_favour(person_id=ids["Ana Ruiz"], direction="got", on=ago(75),
                      kind="perspective", description="Her interview rubric")

        # Priya: met at a meetup nine days ago; no follow-up yet.
        tx.park(person_id=ids["Priya Natarajan"], kind="question", on=ago(9),
                text="How do you decide which pricing experiments to run first?")
        tx.add_followup(person_id=ids["Priya Natarajan"], today=ago(9),
                        text="Send the growth-loops article she asked about",
                        due=today + timedelta(days=2))

        # Leo: my mentee.
        for days in (190, 150, 110, 70, 38):
            log("Leo Martins", days, "Mentoring session: discovery interviews")
        tx.add_followup(person_id=ids["Leo Martins"], today=ago(38),
                        text="Share my PRD template", due=ago(31))

        # Marcus: two messages with no reply.
        log("Marcus Bell", 150, "Great chat after his talk", channel="video")
        log("Marcus Bell", 60, "Asked for 30 minutes on how gaming PM teams are structured",
            channel="message", answered=False)
        log("Marcus Bell", 25, "Gentle follow-up on my earlier message", channel="email",
            answered=False)

        # Eli: a LinkedIn connection, a contact: in your network, not on your panel.
        tx.add_person(name="Eli Stone", kind="contact", role="Head of Pricing", org="Hooli",
                      via="platform", met_on=ago(900), focus=["pricing"], cadence_days=None,
                      email=None, link="https://www.linkedin.com/in/eli-stone-example",
                      note=None, force=False, first_meeting=False)

        # Grace: paused, her history stays.
        for days in (350, 320, 290):
            log("Grace Kim", days, "Roadmapping deep-dive")
