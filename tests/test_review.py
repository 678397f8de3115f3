"""The panel review, computed on small hand-made panels (no database)."""

from __future__ import annotations

import io
import json
import random
from datetime import date, timedelta
from itertools import count

import pytest

from mentornet.domain.records import Favour, Goal, Person, TouchBase
from mentornet.domain.review import (
    MAX_SUGGESTIONS,
    MIN_SUGGESTIONS,
    Review,
    as_data,
    calendar_start,
    monthly_counts,
    quarter_of,
    review,
)

TODAY = date(2026, 3, 15)  # a Sunday
_ids = count(1)


def days_ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def tb(person: Person, days: int, *, answered: bool = True, by: str = "me") -> TouchBase:
    return TouchBase(id=next(_ids), person_id=person.id, happened_on=days_ago(days),
                     initiator=by, answered=answered)


def fav(person: Person, direction: str, days: int) -> Favour:
    return Favour(id=next(_ids), person_id=person.id, direction=direction,
                  happened_on=days_ago(days))


def run(people=(), touchbases=(), favours=(), goals=()) -> Review:
    return review(people=list(people), touchbases=list(touchbases), favours=list(favours),
                  goals=list(goals), today=TODAY)


DANA = Person(id=1, name="Dana Lee", kind="formal", met_on=date(2025, 6, 2),
              focus=("stakeholder management", "strategy"))
SAM = Person(id=2, name="Sam Wu", kind="informal", met_on=date(2024, 1, 10),
             focus=("ML products",))
ANA = Person(id=3, name="Ana Ruiz", kind="prospect", met_on=date(2026, 3, 5),
             role="Head of Product", org="Acme", focus=("People Management",))
KIM = Person(id=4, name="Kim Park", kind="mentee", met_on=date(2025, 9, 1))
OLD = Person(id=5, name="Old Boss", kind="formal", status="archived",
             met_on=date(2023, 2, 1), focus=("people management",))
LEE = Person(id=6, name="Lee Chan", kind="informal", status="paused",
             met_on=date(2025, 1, 20))


# The empty panel and the panel of one ---------------------------------------------------

def test_an_empty_panel_has_zero_counts_and_empty_sections():
    found = run()
    assert found.composition.total == 0
    assert set(found.composition.counts) == {"formal", "informal", "prospect", "mentee"}
    assert all(n == 0 for by in found.composition.counts.values() for n in by.values())
    assert len(found.composition.quarters) == 8
    assert all(not q.joined and not q.left for q in found.composition.quarters)
    assert (found.coverage.goals, found.coverage.thin, found.coverage.idle) == ((), (), ())
    assert [m.touchbases for m in found.rhythm.months] == [0] * 12
    assert found.rhythm.total == 0
    assert (found.balance, found.unanswered) == ((), ())
    assert (found.pipeline.prospects, found.pipeline.mentees) == ((), ())


def test_an_empty_panel_is_told_how_to_start():
    found = run()
    assert MIN_SUGGESTIONS <= len(found.suggestions) <= MAX_SUGGESTIONS
    assert found.suggestions[0].text.startswith("Your panel is empty")


def test_a_panel_of_one_counts_that_person_everywhere():
    found = run([DANA], [tb(DANA, 40), tb(DANA, 10)])
    assert found.composition.count(kind="formal", status="active") == 1
    assert found.composition.total == 1
    joined = [m.person.name for q in found.composition.quarters for m in q.joined]
    assert joined == ["Dana Lee"]
    assert [b.person.name for b in found.balance] == ["Dana Lee"]
    assert found.rhythm.total == 2
    assert MIN_SUGGESTIONS <= len(found.suggestions) <= MAX_SUGGESTIONS
    assert any("is your whole panel" in s.text for s in found.suggestions)


# Composition ------------------------------------------------------------------------------

def test_quarters_are_labelled_by_year_and_number():
    assert quarter_of(date(2026, 3, 31)) == ("2026-Q1", date(2026, 1, 1))
    assert quarter_of(date(2025, 10, 1)) == ("2025-Q4", date(2025, 10, 1))


def test_composition_counts_each_kind_by_status():
    found = run([DANA, SAM, ANA, KIM, OLD, LEE])
    comp = found.composition
    assert comp.counts["formal"] == {"active": 1, "paused": 0, "archived": 1}
    assert comp.counts["informal"] == {"active": 1, "paused": 1, "archived": 0}
    assert comp.count(status="active") == 4
    assert comp.total == 6


def test_people_join_when_met_and_leave_in_the_quarter_they_went_quiet():
    found = run([DANA, OLD, LEE], [tb(OLD, 380), tb(LEE, 200)])
    by_label = {q.label: q for q in found.composition.quarters}
    assert [q.label for q in found.composition.quarters][-1] == "2026-Q1"
    assert [q.label for q in found.composition.quarters][0] == "2024-Q2"
    assert [m.person.name for m in by_label["2025-Q2"].joined] == ["Dana Lee"]
    assert [m.person.name for m in by_label["2025-Q1"].joined] == ["Lee Chan"]
    assert [(m.person.name, m.status) for m in by_label["2025-Q1"].left] == [("Old Boss",
                                                                             "archived")]
    assert [(m.person.name, m.status) for m in by_label["2025-Q3"].left] == [("Lee Chan",
                                                                             "paused")]
    assert "2023-Q1" not in by_label  # older than two years: not shown


def test_someone_without_a_meeting_date_joins_at_their_first_touch_base():
    nomet = Person(id=9, name="No Date", kind="informal")
    found = run([nomet], [tb(nomet, 30), tb(nomet, 5)])
    joined = [(m.person.name, m.on) for q in found.composition.quarters for m in q.joined]
    assert joined == [("No Date", days_ago(30))]


# Coverage ---------------------------------------------------------------------------------

def goal(gid: int, text: str, *focus: str, target: date | None = None,
         mentors: tuple[int, ...] = (), status: str = "open") -> Goal:
    return Goal(id=gid, text=text, created_on=date(2026, 1, 1), target=target, focus=focus,
                mentor_ids=mentors, status=status)


def test_focus_covered_by_one_active_mentor_is_thin_and_matched_case_insensitively():
    g = goal(1, "Lead the platform roadmap", "Stakeholder Management", mentors=(1,))
    found = run([DANA, SAM], goals=[g])
    (cover,) = found.coverage.goals[0].focus
    assert [m.name for m in cover.mentors] == ["Dana Lee"]
    assert [(c.tag, [m.name for m in c.mentors]) for c in found.coverage.thin] == [
        ("Stakeholder Management", ["Dana Lee"])]


def test_an_uncovered_focus_lists_candidates_outside_the_active_mentors():
    g = goal(1, "Become a manager", "people management", target=date(2026, 6, 30))
    found = run([DANA, ANA, OLD, KIM], goals=[g])
    gap = found.coverage.goals[0].uncovered[0]
    assert gap.mentors == ()
    assert [c.person.name for c in gap.candidates] == ["Ana Ruiz", "Old Boss"]
    assert found.coverage.without_mentor == found.coverage.goals


def test_a_paused_mentor_does_not_cover_a_goal_and_a_mentee_is_never_a_candidate():
    paused = Person(id=7, name="Pat Paused", kind="formal", status="paused", focus=("sales",))
    mentee = Person(id=8, name="Mo Mentee", kind="mentee", focus=("sales",))
    found = run([paused, mentee], goals=[goal(1, "Sell better", "sales", mentors=(7,))])
    coverage = found.coverage.goals[0]
    assert coverage.mentors == ()
    assert [c.person.name for c in coverage.focus[0].candidates] == ["Pat Paused"]


def test_mentors_whose_focus_no_open_goal_needs_are_idle():
    goals = [goal(1, "Lead the roadmap", "strategy"),
             goal(2, "Ship an ML feature", "ml products", status="done")]
    found = run([DANA, SAM], goals=goals)
    assert [i.person.name for i in found.coverage.idle] == ["Sam Wu"]
    assert [g.goal_id for g in found.coverage.goals] == [1]


def test_a_mentor_helping_with_a_goal_is_not_idle_whatever_their_focus():
    found = run([DANA, SAM], goals=[goal(1, "Lead the roadmap", "strategy", mentors=(2,))])
    assert found.coverage.idle == ()
    assert [m.name for m in found.coverage.goals[0].mentors] == ["Sam Wu"]


# Rhythm -----------------------------------------------------------------------------------

def test_touch_bases_are_counted_per_month_over_the_last_twelve_months():
    history = [tb(DANA, 0), tb(DANA, 3, answered=False), tb(DANA, 20), tb(DANA, 330),
               tb(DANA, 400), TouchBase(id=99, person_id=1, happened_on=TODAY + timedelta(3))]
    found = run([DANA], history)
    months = found.rhythm.months
    assert len(months) == 12
    assert (months[0].month, months[-1].month) == (date(2025, 4, 1), date(2026, 3, 1))
    assert (months[-1].touchbases, months[-1].two_way) == (2, 1)
    assert months[-2].touchbases == 1  # 20 days ago: February
    assert months[0].touchbases == 1  # 330 days ago: April 2025
    assert sum(m.touchbases for m in months) == 4  # 400 days ago and the future left out


def test_the_calendar_starts_on_a_monday_about_a_year_ago_and_counts_each_day():
    found = run([DANA], [tb(DANA, 1), tb(DANA, 1), tb(DANA, 100), tb(DANA, 500)])
    start = found.rhythm.start
    assert start.weekday() == 0
    assert TODAY - timedelta(days=370) <= start <= TODAY - timedelta(days=364)
    assert found.rhythm.end == TODAY
    assert found.rhythm.days == {days_ago(100): 1, days_ago(1): 2}
    assert found.rhythm.count_on(days_ago(2)) == 0
    assert calendar_start(date(2026, 3, 16)) == date(2025, 3, 17)  # a Monday stays put


def test_monthly_counts_work_for_one_person_over_any_span():
    counts = monthly_counts([tb(SAM, 0), tb(SAM, 40)], TODAY, months=3)
    assert [(m.month.month, m.touchbases) for m in counts] == [(1, 0), (2, 1), (3, 1)]


def test_each_months_counts_are_its_touch_bases_counted_one_by_one():
    rng = random.Random(7)
    history = [tb(rng.choice((SAM, DANA)), rng.randrange(-20, 500), answered=rng.random() < 0.6,
                  by=rng.choice(("me", "them"))) for _ in range(400)]
    for today in (TODAY, days_ago(45), days_ago(100)):
        counts = monthly_counts(history, today)
        assert len(counts) == 12
        for month in counts:
            inside = [t for t in history if t.happened_on <= today and (
                t.happened_on.year, t.happened_on.month) == (month.month.year, month.month.month)]
            assert (month.touchbases, month.two_way) == (len(inside),
                                                         sum(t.two_way for t in inside))


# Balance ----------------------------------------------------------------------------------

def test_three_two_way_touch_bases_since_you_last_gave_is_one_sided_and_listed_first():
    history = [tb(SAM, 90), tb(SAM, 60), tb(SAM, 30), tb(DANA, 10)]
    favours = [fav(SAM, "got", 50), fav(DANA, "give", 20), fav(SAM, "give", 100)]
    found = run([DANA, SAM], history, favours)
    first, second = found.balance
    assert (first.person.name, first.one_sided, first.since_gave) == ("Sam Wu", True, 3)
    assert (first.given, first.got, first.touchbases) == (1, 1, 3)
    assert first.last_gave == days_ago(100)
    assert (second.person.name, second.one_sided) == ("Dana Lee", False)


def test_half_a_year_since_giving_back_is_one_sided_with_a_contact_in_between():
    found = run([SAM], [tb(SAM, 10)], [fav(SAM, "give", 200)])
    assert found.balance[0].one_sided
    quiet = run([SAM], [tb(SAM, 250)], [fav(SAM, "give", 200)])
    assert not quiet.balance[0].one_sided


def test_mentees_and_archived_people_are_never_one_sided():
    history = [tb(KIM, d) for d in (10, 40, 70, 100)] + [tb(OLD, d) for d in (10, 40, 70)]
    found = run([KIM, OLD], history)
    assert [(b.person.name, b.one_sided) for b in found.balance] == [("Kim Park", False)]


def test_unanswered_outreach_counts_the_latest_run_with_no_reply():
    history = [tb(SAM, 60, answered=False), tb(SAM, 50), tb(SAM, 30, answered=False),
               tb(SAM, 10, answered=False), tb(DANA, 5, answered=False),
               tb(ANA, 3, answered=False, by="them")]
    found = run([DANA, SAM, ANA], history)
    assert [(u.person.name, u.outreaches, u.ease_off) for u in found.unanswered] == [
        ("Sam Wu", 2, True), ("Dana Lee", 1, False)]
    assert (found.unanswered[0].since, found.unanswered[0].last) == (days_ago(30), days_ago(10))


# Pipeline ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("met", "later", "expected"), [
    (10, [], "pending"),
    (30, [], "missed"),
    (30, [20], "done"),
    (60, [30], "missed"),
])
def test_the_takeoff_is_a_second_touch_base_within_two_weeks(met, later, expected):
    prospect = Person(id=20, name="Pia Prospect", kind="prospect", met_on=days_ago(met))
    found = run([prospect], [tb(prospect, met)] + [tb(prospect, d) for d in later])
    assert found.pipeline.prospects[0].takeoff == expected
    assert found.pipeline.prospects[0].days_since_met == met


def test_prospects_are_banded_by_how_long_ago_you_met_newest_first():
    people = [Person(id=30 + d, name=f"P{d}", kind="prospect", met_on=days_ago(d))
              for d in (400, 5, 100, 45)]
    never = Person(id=40, name="Never Met", kind="prospect")
    found = run([*people, never])
    assert [(p.person.name, p.band) for p in found.pipeline.prospects] == [
        ("P5", "under a month"), ("P45", "1-3 months"), ("P100", "3-12 months"),
        ("P400", "over a year"), ("Never Met", "unknown")]
    assert found.pipeline.prospects[-1].takeoff == "no contact"


def test_mentees_show_how_often_you_meet_them_and_whether_you_keep_the_rhythm():
    late = Person(id=41, name="Late Mentee", kind="mentee")
    found = run([KIM, late], [tb(KIM, 50), tb(KIM, 30), tb(KIM, 10), tb(late, 60)])
    first, second = found.pipeline.mentees
    assert (first.person.name, first.on_rhythm, first.last_met) == ("Late Mentee", False,
                                                                    days_ago(60))
    assert (second.person.name, second.on_rhythm) == ("Kim Park", True)
    assert (second.meetings_last_year, second.average_gap_days, second.cadence_days) == (3, 20,
                                                                                        28)


# Suggestions ------------------------------------------------------------------------------

def test_an_uncovered_goal_focus_suggests_someone_to_ask():
    g = goal(1, "Become a manager", "people management", target=date(2026, 6, 30))
    found = run([DANA, SAM, ANA, KIM], [tb(DANA, 5), tb(ANA, 10)], goals=[g])
    assert found.suggestions[0].text == (
        "No mentor covers 'people management', the focus of your goal due in June "
        "(\"Become a manager\"): consider asking Ana Ruiz (a prospect, Head of Product at "
        "Acme).")
    assert found.suggestions[0].topic == "coverage"


def test_suggestions_name_one_sided_unanswered_and_new_relationships():
    history = [tb(SAM, 90), tb(SAM, 60), tb(SAM, 30), tb(DANA, 40, answered=False),
               tb(DANA, 20, answered=False), tb(ANA, 10)]
    found = run([DANA, SAM, ANA], history, goals=[goal(1, "Roadmap", "strategy", mentors=(1,))])
    texts = " | ".join(s.text for s in found.suggestions)
    assert "Give back to Sam Wu: 3 touch-bases" in texts
    assert "Ease off with Dana Lee" in texts
    assert "Follow up with Ana Ruiz by 2026-03-19" in texts
    assert MIN_SUGGESTIONS <= len(found.suggestions) <= MAX_SUGGESTIONS


def test_a_slowing_rhythm_is_noticed():
    history = [tb(DANA, d) for d in (100, 110, 120, 130, 150)]
    found = run([DANA, SAM, ANA, KIM], history, goals=[goal(1, "Roadmap", "strategy",
                                                               mentors=(1,))])
    assert any(s.topic == "rhythm" and "slowed" in s.text for s in found.suggestions)


def test_a_healthy_panel_still_gets_at_least_three_suggestions():
    history = [tb(p, d) for p in (DANA, SAM, KIM) for d in (5, 15)] + [tb(ANA, 10),
                                                                      tb(ANA, 1)]
    favours = [fav(p, "give", 3) for p in (DANA, SAM)] + [fav(DANA, "got", 2)]
    goals = [goal(1, "Roadmap", "strategy", mentors=(1,)),
             goal(2, "ML feature", "ML products", mentors=(2,))]
    found = run([DANA, SAM, ANA, KIM], history, favours, goals)
    assert MIN_SUGGESTIONS <= len(found.suggestions) <= MAX_SUGGESTIONS
    assert len({s.text for s in found.suggestions}) == len(found.suggestions)


# As data ----------------------------------------------------------------------------------

def test_the_review_as_data_is_plain_json_with_iso_dates():
    history = [tb(DANA, 5), tb(SAM, 20, answered=False), tb(ANA, 10)]
    found = run([DANA, SAM, ANA, KIM, OLD], history, [fav(DANA, "got", 3)],
                [goal(1, "Become a manager", "people management", target=date(2026, 6, 30))])
    data = json.loads(json.dumps(as_data(found)))
    assert set(data) == {"today", "composition", "coverage", "rhythm", "balance",
                         "unanswered", "pipeline", "network", "suggestions"}
    assert data["today"] == "2026-03-15"
    assert data["composition"]["counts"]["formal"]["archived"] == 1
    assert data["rhythm"]["months"][-1] == {"month": "2026-03-01", "touchbases": 2,
                                            "two_way": 2}
    assert data["rhythm"]["calendar"]["days"]["2026-03-10"] == 1
    assert data["coverage"]["uncovered"] == [{"goal": 1, "tag": "people management"}]
    assert data["pipeline"]["prospects"][0]["met_on"] == "2026-03-05"
    assert 3 <= len(data["suggestions"]) <= 5


# Drawing ----------------------------------------------------------------------------------

def draw(renderable, width: int = 100) -> str:
    from rich.console import Console

    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def test_a_sparkline_shows_twelve_months_and_the_total():
    from mentornet.render.rhythm import rhythm_sparkline

    line = rhythm_sparkline([tb(DANA, 0), tb(DANA, 1), tb(DANA, 40)], TODAY)
    assert line.plain.startswith("··········▄█  3 touch-bases in 12 months (Apr 2025 to Mar 2026)")
    assert rhythm_sparkline([], TODAY).plain.startswith("············  0 touch-bases")


def test_the_heat_map_has_a_row_per_weekday_and_a_column_per_week():
    from mentornet.render.review import heat_map

    lines = draw(heat_map(run([DANA], [tb(DANA, 0), tb(DANA, 0), tb(DANA, 6)]).rhythm))
    rows = lines.splitlines()
    assert [row[:3] for row in rows[1:8:2]] == ["Mon", "Wed", "Fri", "   "]
    assert len(rows) == 9  # month labels, seven weekdays, the legend
    week_columns = rows[1][4:].rstrip()
    assert len(week_columns) == 53
    assert rows[7][4:].rstrip().endswith("▒")  # today, a Sunday: two touch-bases
    assert rows[1][4:].rstrip().endswith("░")  # last Monday: one


@pytest.mark.parametrize("width", [60, 100, 140])
@pytest.mark.parametrize("panel", ["empty", "one", "several"])
def test_the_review_page_draws_at_any_width(panel, width):
    from mentornet.render.review import review_page

    found = {
        "empty": lambda: run(),
        "one": lambda: run([DANA], [tb(DANA, 3)]),
        "several": lambda: run([DANA, SAM, ANA, KIM, OLD, LEE],
                               [tb(DANA, 3), tb(SAM, 50, answered=False), tb(KIM, 9)],
                               [fav(DANA, "got", 2)],
                               [goal(1, "Become a manager", "people management",
                                     target=date(2026, 6, 30))]),
    }[panel]()
    text = draw(review_page(found), width)
    assert "Panel review" in text
    assert "Suggestions" in text
    assert max(len(line) for line in text.splitlines()) <= width


def test_user_text_in_the_review_cannot_restyle_the_terminal():
    from mentornet.render.review import review_page

    eve = Person(id=50, name="[bold]Eve\x1b[2J", kind="prospect", met_on=days_ago(3),
                 focus=("[red]x",))
    text = draw(review_page(run([eve], [tb(eve, 3)], goals=[goal(1, "[i]Go", "[red]x")])))
    assert "\x1b" not in text
    assert "[bold]Eve" in text
