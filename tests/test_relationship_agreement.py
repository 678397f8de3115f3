"""`due`, `prep`, `review`, `show` and the calendar agree on where each relationship stands.

They all read domain/relationship.py; these properties build random panels (hypothesis),
run the real commands on them, and check that every command calls the same people
one-sided and the same people waiting for a reply (easing off), and that `show` owes
thanks where `due` does.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import icalendar
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mentornet.domain.records import TouchBase
from mentornet.store.sqlite.connection import open_db
from test_urgency_properties import TODAY, Story, insert, stories

ACTION = {"due", "stale", "takeoff", "followup-overdue", "session-soon", "session-passed",
          "thanks-owed"}


@st.composite
def panels(draw: st.DrawFn) -> list[Story]:
    """Up to five people, some of them with a run of unanswered outreach at the end."""
    found = []
    for pid in range(1, draw(st.integers(1, 5)) + 1):
        story = draw(stories(pid, any_status=True))
        quiet = draw(st.integers(0, 4))
        outreach = tuple(TouchBase(id=pid * 1000 + 900 + n, person_id=pid,
                                   happened_on=TODAY - timedelta(days=3 + 9 * n),
                                   channel="email", initiator="me", answered=False)
                         for n in range(quiet))
        found.append(Story(story.person, story.touchbases + outreach, story.favours,
                           story.followups, story.added_on))
    return found


def _run(db: Path, *args: str) -> str:
    from mentornet.cli.main import app

    result = CliRunner().invoke(app, ["--db", str(db), *args],
                                env={"MENTORNET_TODAY": TODAY.isoformat()})
    assert result.exit_code == 0, (args, result.output)
    return result.stdout


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(panels())
def test_every_command_agrees_on_one_sided_and_easing_off(tmp_path: Path,
                                                          panel: list[Story]) -> None:
    db = tmp_path / f"panel-{abs(hash(tuple(panel))) % 10**9}.db"
    db.unlink(missing_ok=True)
    conn = open_db(db, write=True)
    try:
        insert(conn, panel)
    finally:
        conn.close()
    due = {row["id"]: row for row in json.loads(_run(db, "due", "--all", "--json"))}
    review = json.loads(_run(db, "review", "--json"))
    balance = {row["id"]: row["one_sided"] for row in review["balance"]}
    waiting = {row["id"]: row["ease_off"] for row in review["unanswered"]}
    calendar = icalendar.Calendar.from_ical(_run(db, "export", "--format", "ics"))
    summaries = {str(event["uid"]).split("@")[0].removeprefix("mentornet-due-"):
                 str(event["summary"]) for event in calendar.walk("VEVENT")}
    for story in panel:
        person = story.person
        if person.kind == "contact":
            assert person.id not in due  # never on the panel
            continue
        flags = set(due[person.id]["flags"])
        one_sided = "one-sided" in flags
        easing_off = "unanswered" in flags and not flags & ACTION
        prep = json.loads(_run(db, "prep", f"#{person.id}", "--json"))["private"]
        assert prep["balance"]["one_sided"] is one_sided, person
        assert prep["easing_off"] is easing_off, person
        show = json.loads(_run(db, "show", f"#{person.id}", "--json"))["standing"]
        assert (show["one_sided"], show["easing_off"]) == (one_sided, easing_off), person
        assert (show["thanks_owed"] is not None) is ("thanks-owed" in flags), person
        if person.status != "archived":  # review leaves the archived out
            assert balance.get(person.id, False) is one_sided, person
            assert waiting.get(person.id, False) is easing_off, person
        if person.status == "active":
            said = summaries[str(person.id)]
            assert said.startswith("Try once more") is easing_off, (person, said)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(-30, 30), st.booleans(), st.booleans()), max_size=12))
def test_waiting_for_reply_is_the_outreach_after_the_last_two_way_touch_base(
        drawn: list[tuple[int, bool, bool]]) -> None:
    # The rule as it reads, walked from the oldest end: every outreach up to today after
    # the last two-way touch-base up to today, newest first. The function walks from the
    # newest end and stops at that touch-base; the two agree in any order of the history.
    from mentornet.domain.relationship import waiting_for_reply

    history = [TouchBase(id=n, person_id=1, happened_on=TODAY + timedelta(days=offset),
                         channel="email", initiator="them" if theirs else "me",
                         answered=answered)
               for n, (offset, answered, theirs) in enumerate(drawn)]
    expected: list[TouchBase] = []
    for tb in history:
        if tb.happened_on <= TODAY:
            expected = [] if tb.two_way else [*expected, tb]
    assert waiting_for_reply(history, today=TODAY) == tuple(reversed(expected))
    assert waiting_for_reply(iter(history), today=TODAY) == tuple(reversed(expected))


@settings(max_examples=150, deadline=None)
@given(stories(any_status=True))
def test_due_prep_and_review_wait_for_the_same_replies(story: Story) -> None:
    # One rule (relationship.waiting_for_reply) behind due's unanswered streak, the
    # recap's outreach waiting for a reply and review's unanswered outreach.
    from mentornet.domain.recap import unanswered_outreach as recap_waiting
    from mentornet.domain.relationship import relationship_of
    from mentornet.domain.review.balance import unanswered_outreach as review_waiting

    history = tuple(sorted(story.touchbases, key=lambda tb: (tb.happened_on, tb.id)))
    streak = story.facts().unanswered_streak
    waiting = recap_waiting(tuple(reversed(history)), today=TODAY)
    assert len(waiting) == streak
    assert all(not tb.two_way and tb.happened_on <= TODAY for tb in waiting)
    state = relationship_of(story.person, history, story.favours, story.followups,
                            today=TODAY, added_on=story.added_on, cadence_days=28)
    found = review_waiting([story.person], {story.person.id: history},
                           {story.person.id: state}, today=TODAY)
    if story.person.status == "archived" or not streak:
        assert found == ()
    else:
        assert [row.outreaches for row in found] == [streak]
