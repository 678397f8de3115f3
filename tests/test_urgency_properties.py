"""Properties of the urgency score that must hold for any panel (hypothesis).

Contact calms a person down, silence never does, giving back never makes a relationship
one-sided, `due --json` comes sorted, and the store's one-query facts (also read ahead by a
thread) equal the facts the domain derives from the records themselves.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mentornet.domain.records import Favour, FollowUp, Person, TouchBase
from mentornet.domain.urgency import Rules, facts_from_records, rank, score
from mentornet.store.engines import immediate
from mentornet.store.sqlite.connection import open_db
from mentornet.store.sqlite.panel import panel_facts, panel_facts_ahead
from mentornet.vocab import CHANNELS, KINDS, STATUSES

TODAY = date(2026, 11, 22)
NOW = "2026-11-22 12:00:00.000000+00:00"


@dataclass(frozen=True)
class Story:
    """One person and everything recorded about them."""

    person: Person
    touchbases: tuple[TouchBase, ...]
    favours: tuple[Favour, ...]
    followups: tuple[FollowUp, ...]
    added_on: date | None = None  # the day the person was added to mentornet

    def facts(self, today: date = TODAY, *, touchbases: tuple[TouchBase, ...] = (),
              favours: tuple[Favour, ...] = ()):  # noqa: ANN201
        return facts_from_records(self.person, self.touchbases + touchbases,
                                  self.favours + favours, self.followups, today=today,
                                  added_on=self.added_on)


def _days_ago(low: int = 0, high: int = 500) -> st.SearchStrategy[date]:
    return st.integers(low, high).map(lambda n: TODAY - timedelta(days=n))


@st.composite
def stories(draw: st.DrawFn, pid: int = 1, *, any_status: bool = False) -> Story:
    person = Person(
        id=pid, name=draw(st.text(min_size=1, max_size=12)), kind=draw(st.sampled_from(KINDS)),
        status=draw(st.sampled_from(STATUSES)) if any_status else "active",
        cadence_days=draw(st.none() | st.integers(1, 400)),
        met_on=draw(st.none() | _days_ago(-10, 600)),
        snoozed_until=draw(st.none() | _days_ago(-20, 20)) if any_status else None,
        next_session=draw(st.none() | _days_ago(-10, 10)))
    ids = iter(range(pid * 1000, pid * 1000 + 999))
    touchbases = tuple(
        TouchBase(id=next(ids), person_id=pid, happened_on=draw(_days_ago()),
                  channel=draw(st.sampled_from(CHANNELS)),
                  initiator=draw(st.sampled_from(("me", "me", "them"))),
                  answered=draw(st.booleans()))
        for _ in range(draw(st.integers(0, 8))))
    favours = tuple(
        Favour(id=next(ids), person_id=pid, direction=draw(st.sampled_from(("give", "got"))),
               happened_on=draw(_days_ago()), kind="other", description="a favour")
        for _ in range(draw(st.integers(0, 3))))
    followups = tuple(
        FollowUp(id=next(ids), person_id=pid, text=draw(st.text(min_size=1, max_size=30)),
                 created_on=TODAY - timedelta(days=90),
                 due=draw(st.none() | _days_ago(-30, 60)),
                 done_on=draw(st.none() | st.just(TODAY - timedelta(days=1))))
        for _ in range(draw(st.integers(0, 3))))
    return Story(person, touchbases, favours, followups, added_on=draw(_days_ago(-5, 600)))


rules_strategy = st.builds(
    lambda due, extra, formal: Rules(cadence_days={"formal": formal, "informal": 84,
                                                   "mentee": 28, "prospect": 21},
                                     due_ratio=due, stale_ratio=due + extra),
    st.floats(0.25, 3.0), st.floats(0.0, 3.0), st.integers(1, 200))
two_way_touches = st.sampled_from([("me", True), ("them", True), ("them", False)])


@given(stories(), two_way_touches, st.sampled_from(CHANNELS), rules_strategy)
def test_logging_a_two_way_touch_base_today_never_raises_the_score(
        story: Story, touch: tuple[str, bool], channel: str, rules: Rules) -> None:
    initiator, answered = touch
    today_tb = TouchBase(id=99_999, person_id=story.person.id, happened_on=TODAY,
                         channel=channel, initiator=initiator, answered=answered)
    before = score(story.facts(), today=TODAY, rules=rules)
    after = score(story.facts(touchbases=(today_tb,)), today=TODAY, rules=rules)
    assert after.score <= before.score + 1e-9, (before.terms, after.terms)


@given(stories(), st.integers(1, 400), rules_strategy)
def test_more_days_without_contact_never_lower_the_score(story: Story, days: int,
                                                         rules: Rules) -> None:
    later = TODAY + timedelta(days=days)
    session = story.person.next_session
    assume(session is None or not TODAY <= session < later)  # a session is contact
    facts = story.facts()
    before = score(facts, today=TODAY, rules=rules)
    after = score(facts, today=later, rules=rules)
    assert after.score >= before.score - 1e-9, (before.terms, after.terms)


@given(stories(), _days_ago(0, 500), rules_strategy)
def test_giving_back_never_makes_a_relationship_one_sided(story: Story, on: date,
                                                          rules: Rules) -> None:
    gift = Favour(id=99_999, person_id=story.person.id, direction="give", happened_on=on,
                  kind="intro", description="an intro")
    before = score(story.facts(), today=TODAY, rules=rules)
    after = score(story.facts(favours=(gift,)), today=TODAY, rules=rules)
    assert "one-sided" not in after.flags or "one-sided" in before.flags


@given(stories(), rules_strategy)
def test_giving_back_today_clears_one_sided(story: Story, rules: Rules) -> None:
    gift = Favour(id=99_999, person_id=story.person.id, direction="give", happened_on=TODAY,
                  kind="intro", description="an intro")
    assert "one-sided" not in score(story.facts(favours=(gift,)), today=TODAY,
                                    rules=rules).flags


@given(st.lists(stories(), min_size=0, max_size=6), st.booleans(), rules_strategy)
def test_the_ranking_is_sorted_by_tier_then_score(panel: list[Story], everyone: bool,
                                                  rules: Rules) -> None:
    facts = [story.facts() for story in panel]
    keys = [(found.tier, -found.score) for found in rank(facts, today=TODAY, rules=rules,
                                                         everyone=everyone)]
    assert keys == sorted(keys)


@given(stories(), rules_strategy)
def test_no_one_gets_a_reach_out_nudge_and_an_ease_off_note_together(story: Story,
                                                                    rules: Rules) -> None:
    found = score(story.facts(), today=TODAY, rules=rules)
    if "unanswered" in found.flags:
        assert not {"due", "stale", "takeoff"} & set(found.flags)
        assert not any(term.reason in found.reasons for term in found.terms
                       if term.name in ("contact", "stale", "takeoff", "one-sided"))
    if found.waiting:
        assert not found.is_due
        assert found.tier == 4


# The store: one query, the same facts ------------------------------------------------------

@st.composite
def panels(draw: st.DrawFn) -> list[Story]:
    count = draw(st.integers(0, 5))
    return [draw(stories(pid, any_status=True)) for pid in range(1, count + 1)]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _added(story: Story) -> str:
    """created_at as the write path stores it, on the day the person was added."""
    day = story.added_on or TODAY
    return f"{day.isoformat()} 12:00:00.000000+00:00"


def insert(conn: sqlite3.Connection, panel: list[Story]) -> None:
    """Write the stories with plain SQL, as the write path would store them."""
    with immediate(conn):
        for story in panel:
            p = story.person
            conn.execute(
                "INSERT INTO person (id, name, kind, status, met_on, focus, cadence_days, "
                "snoozed_until, next_session, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, '[]', ?, ?, ?, ?, ?)",
                (p.id, p.name, p.kind, p.status, _iso(p.met_on), p.cadence_days,
                 _iso(p.snoozed_until), _iso(p.next_session), _added(story), NOW))
            for tb in story.touchbases:
                conn.execute(
                    "INSERT INTO touchbase (id, person_id, happened_on, channel, initiator, "
                    "answered, topics, created_at) VALUES (?, ?, ?, ?, ?, ?, '[]', ?)",
                    (tb.id, tb.person_id, tb.happened_on.isoformat(), tb.channel,
                     tb.initiator, tb.answered, NOW))
            for fav in story.favours:
                conn.execute(
                    "INSERT INTO favour (id, person_id, direction, happened_on, kind, "
                    "description, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (fav.id, fav.person_id, fav.direction, fav.happened_on.isoformat(),
                     fav.kind, fav.description, NOW))
            for fu in story.followups:
                conn.execute(
                    "INSERT INTO followup (id, person_id, text, created_on, due, done_on, "
                    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (fu.id, fu.person_id, fu.text, fu.created_on.isoformat(), _iso(fu.due),
                     _iso(fu.done_on), NOW))


@settings(max_examples=60, deadline=None)
@given(panels(), st.integers(-30, 30))
def test_the_one_query_facts_equal_the_facts_from_the_records(panel: list[Story],
                                                              shift: int) -> None:
    today = TODAY + timedelta(days=shift)  # some records are then after today
    conn = open_db(None, write=True, mapped=True)  # mapped: a read ahead may use it
    try:
        insert(conn, panel)
        from_sql = panel_facts(conn, today=today)
        listable = panel_facts(conn, today=today, include_set_aside=False)
        # read ahead by a thread, in slices of ids, whatever the size of the panel
        ahead = [list(panel_facts_ahead(conn, today=today, include_set_aside=aside,
                                        ahead_from=1)) for aside in (True, False)]
    finally:
        conn.close()
    assert ahead == [from_sql, listable]
    # contacts are not on the panel: `due` and the calendar never see them
    assert from_sql == [story.facts(today) for story in panel
                        if story.person.kind != "contact"]
    # Without the people set aside: exactly those `score` would hide.
    assert listable == [f for f in from_sql if score(f, today=today).hidden_because is None]


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(panels(), st.booleans())
def test_due_json_is_sorted_by_tier_then_score(tmp_path: Path, panel: list[Story],
                                                everyone: bool) -> None:
    from mentornet.cli.main import app

    db = tmp_path / f"panel-{abs(hash(tuple(panel))) % 10**9}.db"
    db.unlink(missing_ok=True)
    conn = open_db(db, write=True)
    try:
        insert(conn, panel)
    finally:
        conn.close()
    args = ["--db", str(db), "due", "--json", *(["--all"] if everyone else [])]
    result = CliRunner().invoke(app, args, env={"MENTORNET_TODAY": TODAY.isoformat()})
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    # each person's tier as the domain ranks them (Urgency.tier), told by id
    tiers = {story.person.id: score(story.facts(), today=TODAY).tier for story in panel}
    keys = [(tiers[row["id"]], -row["score"]) for row in rows]
    assert keys == sorted(keys)
    expected = ({story.person.id for story in panel if story.person.kind != "contact"}
                if everyone else None)
    if expected is not None:
        assert {row["id"] for row in rows} == expected
    for row in rows:
        assert set(row) == {"id", "name", "kind", "score", "flags", "reasons",
                            "last_contact", "next_due", "next_session"}
