"""How `due` decides whom to update: each rule of the spec at its boundaries, with a fixed today."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest

from mentornet.domain.records import Favour, FollowUp, Person, TouchBase
from mentornet.domain.urgency import (
    FLAGS,
    Facts,
    Rules,
    Urgency,
    brief_line,
    facts_from_records,
    rank,
    score,
)
from mentornet.domain.urgency_terms import day_words

TODAY = date(2026, 11, 22)
_ids = itertools.count(1)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def ahead(days: int) -> date:
    return TODAY + timedelta(days=days)


def person(name: str = "Dana Lee", *, pid: int = 1, **fields: object) -> Person:
    return Person(id=pid, name=name, **fields)  # type: ignore[arg-type]


def met(days: int, *, channel: str = "meeting", by: str = "me", answered: bool = True,
        pid: int = 1) -> TouchBase:
    return TouchBase(id=next(_ids), person_id=pid, happened_on=ago(days), channel=channel,
                     initiator=by, answered=answered)


def outreach(days: int, *, pid: int = 1) -> TouchBase:
    """A message you sent that got no reply."""
    return met(days, channel="message", answered=False, pid=pid)


def gave(days: int, *, pid: int = 1) -> Favour:
    return Favour(id=days + 1000, person_id=pid, direction="give", happened_on=ago(days),
                  kind="intro", description="introduced them to Sam")


def got(days: int, *, pid: int = 1) -> Favour:
    return Favour(id=days + 2000, person_id=pid, direction="got", happened_on=ago(days),
                  kind="feedback", description="feedback on my roadmap")


def promised(text: str, *, due: date | None, done: date | None = None, pid: int = 1
             ) -> FollowUp:
    return FollowUp(id=len(text), person_id=pid, text=text, created_on=ago(60), due=due,
                    done_on=done)


def facts(who: Person | None = None, touchbases: tuple[TouchBase, ...] = (),
          favours: tuple[Favour, ...] = (), followups: tuple[FollowUp, ...] = (),
          today: date = TODAY) -> Facts:
    return facts_from_records(who or person(), touchbases, favours, followups, today=today)


def judge(who: Person | None = None, *touchbases: TouchBase, favours: tuple[Favour, ...] = (),
          followups: tuple[FollowUp, ...] = (), today: date = TODAY,
          rules: Rules | None = None) -> Urgency:
    return score(facts(who, touchbases, favours, followups, today), today=today, rules=rules)


def history(last: int, *, channel: str = "coffee", pid: int = 1) -> tuple[TouchBase, ...]:
    """An established relationship (past its takeoff), last in touch `last` days ago."""
    return (met(last + 20, pid=pid), met(last, channel=channel, pid=pid))


# Cadence: due at 1x, stale at 1.5x ---------------------------------------------------------

@pytest.mark.parametrize(("kind", "cadence"),
                         [("formal", 28), ("informal", 84), ("mentee", 28), ("prospect", 21)])
@pytest.mark.parametrize(("offset", "is_due"), [(-1, False), (0, True), (1, True)])
def test_a_person_is_due_once_the_cadence_of_their_kind_has_passed(
        kind: str, cadence: int, offset: int, is_due: bool) -> None:
    found = judge(person(kind=kind), *history(cadence + offset))
    assert ("due" in found.flags) is is_due
    assert found.listed is is_due
    assert found.cadence_days == cadence


@pytest.mark.parametrize(("offset", "is_stale"), [(-1, False), (0, True), (1, True)])
def test_a_person_is_stale_at_one_and_a_half_times_the_cadence(offset: int,
                                                                is_stale: bool) -> None:
    found = judge(person(kind="formal"), *history(42 + offset))
    assert ("stale" in found.flags) is is_stale
    assert "due" in found.flags
    assert found.headline == ("stale" if is_stale else "due")


def test_stale_is_reached_on_the_first_whole_day_past_one_and_a_half_times_an_odd_cadence(
        ) -> None:
    assert "stale" not in judge(person(kind="prospect"), *history(31)).flags  # 31 < 31.5
    assert "stale" in judge(person(kind="prospect"), *history(32)).flags


@pytest.mark.parametrize(("offset", "is_due"), [(-1, False), (0, True), (1, True)])
def test_the_persons_own_cadence_wins_over_the_default_for_their_kind(offset: int,
                                                                       is_due: bool) -> None:
    found = judge(person(kind="informal", cadence_days=14), *history(14 + offset))
    assert ("due" in found.flags) is is_due
    assert found.cadence_days == 14


def test_the_defaults_per_kind_and_the_thresholds_come_from_the_rules() -> None:
    rules = Rules(cadence_days={"formal": 10, "informal": 84, "mentee": 28, "prospect": 21},
                  due_ratio=2.0, stale_ratio=3.0)
    assert "due" not in judge(person(kind="formal"), *history(19), rules=rules).flags
    assert judge(person(kind="formal"), *history(20), rules=rules).flags == ("due",)
    assert "stale" not in judge(person(kind="formal"), *history(29), rules=rules).flags
    assert "stale" in judge(person(kind="formal"), *history(30), rules=rules).flags


def test_the_reason_names_the_channel_and_the_cadence_in_encouraging_words() -> None:
    found = judge(person(kind="formal"), *history(35, channel="coffee"))
    assert found.reasons[0] == "5 weeks since your last coffee (every 4 weeks)"
    assert "stale" not in found.flags


def test_next_due_is_the_last_contact_plus_the_cadence() -> None:
    found = judge(person(kind="formal"), *history(10))
    assert found.last_contact == ago(10)
    assert found.next_due == ago(10) + timedelta(days=28)
    assert found.reasons[0].startswith("all good: next touch-base by ")


def test_an_unanswered_outreach_is_not_contact() -> None:
    found = judge(person(kind="formal"), *history(30), outreach(15))
    assert found.last_contact == ago(30)
    assert "due" in found.flags
    assert found.reasons[0].endswith(f"no reply yet to your outreach of "
                                     f"{day_words(ago(15), TODAY)}: try once more, another way")


def test_after_one_outreach_due_waits_for_the_reply_before_asking_again() -> None:
    # You wrote three days ago, as `due` advised: it does not ask for the same update again
    # until the reply has had two weeks (a cadence at most).
    found = judge(person(kind="informal"), *history(100), outreach(3))
    assert found.last_contact == ago(100)
    assert not found.is_due
    assert found.next_due == ago(3) + timedelta(days=14)
    assert found.reasons[0] == (f"waiting for a reply to your outreach of "
                                f"{day_words(ago(3), TODAY)}: nothing due before "
                                f"{day_words(ago(3) + timedelta(days=14), TODAY)}")
    assert found.relationship.reply_awaited == ago(3)
    weekly = judge(person(kind="mentee", cadence_days=7), *history(20), outreach(3))
    assert weekly.next_due == ago(3) + timedelta(days=7)  # a cadence at most
    assert judge(person(kind="informal"), *history(100), outreach(14)).is_due
    never = judge(person(kind="prospect"), outreach(0))
    assert not never.is_due
    assert "give them until" in never.terms[0].reason


def test_a_message_from_them_counts_as_contact_even_without_an_answer() -> None:
    found = judge(person(kind="formal"), *history(30),
                  met(3, channel="message", by="them", answered=False))
    assert found.last_contact == ago(3)
    assert "due" not in found.flags


def test_a_touch_base_of_any_kind_counts() -> None:
    assert "due" not in judge(person(kind="formal"), *history(30), met(1, channel="email")).flags


def test_touch_bases_dated_after_today_are_not_looked_at() -> None:
    found = judge(person(kind="formal"), *history(30), met(-3))
    assert found.last_contact == ago(30)
    assert "due" in found.flags


@pytest.mark.parametrize(("offset", "is_stale"), [(-1, False), (0, True), (1, True)])
def test_a_person_without_touch_bases_counts_from_the_day_you_met(offset: int,
                                                                   is_stale: bool) -> None:
    found = judge(person(kind="formal", cadence_days=26, met_on=ago(39 + offset)))
    assert ("stale" in found.flags) is is_stale  # at 39 days: 1.5 x 26
    assert found.terms[0].reason == "5 weeks since you met (every 26 days)"


def test_a_person_never_in_touch_and_without_a_met_date_is_due_as_a_new_prospect() -> None:
    found = judge(person(kind="prospect"))
    assert found.flags == ("due",)
    assert found.reasons == ("not in touch yet: say hello (every 3 weeks)",)
    assert found.next_due == TODAY
    assert found.last_contact is None


def test_more_time_since_contact_ranks_higher() -> None:
    panel = [facts(person("Ann", pid=1, kind="formal"), history(30, pid=1)),
             facts(person("Bob", pid=2, kind="formal"), history(50, pid=2)),
             facts(person("Cy", pid=3, kind="formal"), history(29, pid=3))]
    assert [u.facts.name for u in rank(panel, today=TODAY)] == ["Bob", "Ann", "Cy"]


# Takeoff: follow up within 14 days of the first meeting ------------------------------------

@pytest.mark.parametrize(("days", "is_new"), [(29, True), (30, True), (31, False)])
def test_a_relationship_is_new_for_30_days_after_the_first_contact(days: int,
                                                                   is_new: bool) -> None:
    found = judge(person(kind="informal"), met(days))
    assert ("takeoff" in found.flags) is is_new
    assert found.headline == ("follow up after the first meeting" if is_new else "due")
    assert found.listed


def test_a_first_follow_up_still_owed_after_the_takeoff_window_is_simply_due() -> None:
    found = judge(person(kind="informal"), met(31))
    assert found.flags == ("due",)
    assert "haven't followed up yet" in found.reasons[0]


@pytest.mark.parametrize(("days", "says"), [(13, "by Nov 23"), (14, "by Nov 22"),
                                            (15, "now still counts")])
def test_the_takeoff_follow_up_is_asked_for_within_14_days_of_the_first_meeting(
        days: int, says: str) -> None:
    found = judge(person(kind="informal"), met(days))
    assert found.next_due == ago(days) + timedelta(days=14)
    assert says in found.reasons[0]


def test_the_takeoff_weighs_more_as_the_14_days_run_out_and_then_stays() -> None:
    factors = [judge(person(), met(days)).terms[1].factor for days in (0, 7, 13, 14, 15, 30)]
    assert factors == sorted(factors)
    assert factors[0] == 0.5
    assert factors[3:] == [1.0, 1.0, 1.0]


def test_a_new_person_is_listed_from_the_day_of_the_first_meeting() -> None:
    found = judge(person(), met(0))
    assert found.flags == ("takeoff",)
    assert found.reasons[0] == "new: you met today; a short follow-up by Dec 6 sets the tone"


def test_a_follow_up_on_a_later_day_completes_the_takeoff() -> None:
    found = judge(person(kind="informal"), met(10), met(3))
    assert "takeoff" not in found.flags
    assert not found.listed


def test_an_unanswered_follow_up_also_completes_the_takeoff() -> None:
    assert "takeoff" not in judge(person(), met(10), outreach(3)).flags


@pytest.mark.parametrize(("count", "is_new"), [(2, True), (3, False)])
def test_a_relationship_is_new_while_it_has_at_most_two_touch_bases(count: int,
                                                                    is_new: bool) -> None:
    found = judge(person(), *(met(5) for _ in range(count)))
    assert ("takeoff" in found.flags) is is_new


def test_the_met_date_starts_the_takeoff_when_the_first_meeting_was_not_logged() -> None:
    found = judge(person(met_on=ago(5)))
    assert found.flags == ("takeoff",)
    assert "you met 5 days ago" in found.reasons[0]


# Follow-ups past their date ---------------------------------------------------------------

@pytest.mark.parametrize(("due_in", "overdue"), [(1, False), (0, False), (-1, True)])
def test_a_follow_up_is_overdue_the_day_after_its_due_date(due_in: int, overdue: bool) -> None:
    found = judge(person(kind="formal"), *history(3),
                  followups=(promised("send the deck", due=ahead(due_in)),))
    assert ("followup-overdue" in found.flags) is overdue
    assert found.listed is overdue


def test_an_overdue_follow_up_is_named_with_its_date() -> None:
    found = judge(person(kind="formal"), *history(3),
                  followups=(promised("send the deck", due=ago(1)),))
    assert found.reasons == ("you promised “send the deck” (due yesterday): done beats perfect",)
    assert found.headline == "follow-up overdue"


def test_a_done_follow_up_or_one_without_a_date_is_never_overdue() -> None:
    found = judge(person(kind="formal"), *history(3),
                  followups=(promised("send the deck", due=ago(9), done=ago(2)),
                             promised("read their post", due=None)))
    assert "followup-overdue" not in found.flags


def test_an_overdue_follow_up_weighs_more_as_days_pass() -> None:
    def points(days: int) -> float:
        found = judge(person(kind="formal"), *history(3),
                      followups=(promised("send the deck", due=ago(days)),))
        return next(t.points for t in found.terms if t.name == "follow-up")

    assert points(1) < points(7) < points(14) == points(30)


def test_several_overdue_follow_ups_are_counted() -> None:
    found = judge(person(kind="formal"), *history(3),
                  followups=(promised("send the deck", due=ago(20)),
                             promised("intro to Sam", due=ago(2))))
    assert found.reasons[0].startswith("2 follow-ups past their date, the oldest “send the deck”")


# A session soon ---------------------------------------------------------------------------

@pytest.mark.parametrize(("days", "soon", "headline"),
                         [(-1, False, "session passed: log it"), (0, True, "session today"),
                          (1, True, "session tomorrow"), (2, True, "session in 2 days"),
                          (3, False, "nothing due")])
def test_a_session_in_the_next_two_days_is_flagged(days: int, soon: bool,
                                                   headline: str) -> None:
    found = judge(person(kind="formal", next_session=ahead(days)), *history(3))
    assert ("session-soon" in found.flags) is soon
    assert found.headline == headline


def test_a_session_soon_puts_the_person_at_the_top() -> None:
    panel = [facts(person("Stale Sam", pid=1, kind="formal"), history(200, pid=1),
                   followups=(promised("send the deck", due=ago(40), pid=1),)),
             facts(person("Dana", pid=2, kind="formal", next_session=ahead(2)),
                   history(1, pid=2))]
    assert [u.facts.name for u in rank(panel, today=TODAY)] == ["Dana", "Stale Sam"]


def test_the_nearer_session_comes_first() -> None:
    panel = [facts(person("Later", pid=1, next_session=ahead(2)), history(1, pid=1)),
             facts(person("Sooner", pid=2, next_session=ahead(1)), history(1, pid=2))]
    assert [u.facts.name for u in rank(panel, today=TODAY)] == ["Sooner", "Later"]


def test_a_past_session_is_not_reported_as_the_next_one() -> None:
    assert judge(person(next_session=ago(1)), *history(3)).next_session is None
    assert judge(person(next_session=ahead(9)), *history(3)).next_session == ahead(9)


# One-sided: taking without giving back ----------------------------------------------------

@pytest.mark.parametrize(("since_given", "one_sided"), [(2, False), (3, True), (4, True)])
def test_three_two_way_touch_bases_since_you_last_gave_make_it_one_sided(
        since_given: int, one_sided: bool) -> None:
    touchbases = (met(100), *(met(days) for days in range(60, 60 - since_given, -1)))
    found = judge(person(kind="formal"), *touchbases, favours=(gave(90),))
    assert ("one-sided" in found.flags) is one_sided


def test_a_touch_base_on_the_day_you_gave_does_not_count_against_you() -> None:
    found = judge(person(kind="formal"), met(90), met(60), met(59), favours=(gave(90),))
    assert "one-sided" not in found.flags


def test_unanswered_outreach_does_not_count_towards_one_sided() -> None:
    found = judge(person(kind="formal"), met(60), met(59), outreach(40), favours=(gave(90),))
    assert "one-sided" not in found.flags


def test_help_received_is_not_giving_back() -> None:
    found = judge(person(kind="formal"), met(60), met(59), met(58),
                  favours=(gave(90), got(50)))
    assert "one-sided" in found.flags


def test_never_giving_counts_from_the_start() -> None:
    found = judge(person(kind="formal"), met(30), met(29), met(28))
    assert found.flags == ("due", "one-sided")
    assert found.reasons[1].startswith("3 touch-bases, nothing given back yet:")


@pytest.mark.parametrize(("given_ago", "one_sided"), [(179, False), (180, True), (181, True)])
def test_180_days_since_you_last_gave_make_it_one_sided(given_ago: int, one_sided: bool
                                                        ) -> None:
    found = judge(person(kind="informal"), met(400), met(300), met(100), met(30),
                  favours=(gave(given_ago),))
    assert ("one-sided" in found.flags) is one_sided


def test_180_days_without_giving_need_some_contact_in_that_time() -> None:
    found = judge(person(kind="informal"), met(400), met(300), met(200),
                  favours=(gave(200),))
    assert "one-sided" not in found.flags


def test_mentees_are_never_one_sided() -> None:
    found = judge(person(kind="mentee"), met(60), met(59), met(58), met(57))
    assert "one-sided" not in found.flags


def test_one_sided_alone_does_not_put_a_person_on_the_list() -> None:
    found = judge(person(kind="formal"), met(60), met(3), met(2), met(1))
    assert found.flags == ("one-sided",)
    assert not found.listed


def test_one_sided_weighs_as_much_as_the_contact_is_due() -> None:
    found = judge(person(kind="formal"), met(100), met(60), met(42))
    contact, _stale, one_sided = found.terms
    assert one_sided.factor == contact.factor


# Unanswered: ease off ---------------------------------------------------------------------

@pytest.mark.parametrize(("outreaches", "flagged"), [(1, False), (2, True), (3, True)])
def test_two_unanswered_outreaches_in_a_row_are_flagged(outreaches: int,
                                                        flagged: bool) -> None:
    found = judge(person(kind="formal"), *history(60),
                  *(outreach(days) for days in range(outreaches)))
    assert ("unanswered" in found.flags) is flagged


def test_a_reply_in_between_resets_the_unanswered_count() -> None:
    found = judge(person(kind="formal"), *history(60), outreach(20), met(10, by="them",
                  answered=False), outreach(5))
    assert "unanswered" not in found.flags


def test_unanswered_outreach_waits_after_everyone_else_with_no_nudge() -> None:
    panel = [facts(person("Quiet", pid=1, kind="formal"),
                   (*history(60, pid=1), outreach(20, pid=1), outreach(5, pid=1))),
             facts(person("Warm", pid=2, kind="formal"), history(40, pid=2))]
    ranked = rank(panel, today=TODAY)
    assert [u.facts.name for u in ranked] == ["Warm", "Quiet"]
    quiet = ranked[1]
    assert quiet.waiting
    assert not quiet.listed
    assert quiet.headline == "waiting for a reply"
    assert quiet.flags == ("unanswered",)
    assert len(quiet.reasons) == 1
    assert "try once more, with one specific ask" in quiet.reasons[0]
    assert quiet.score == pytest.approx(0.0, abs=1e-9)


def test_four_unanswered_outreaches_suggest_pausing_them() -> None:
    found = judge(person(kind="formal"), *history(60), *(outreach(days) for days in range(4)))
    assert found.headline == "pause them?"
    assert "--status paused" in found.reasons[0]


def test_an_overdue_promise_keeps_someone_listed_without_a_nudge() -> None:
    found = judge(person(kind="formal"), *history(200), outreach(20), outreach(5),
                  followups=(promised("send the deck", due=ago(3)),))
    assert found.listed
    assert not found.waiting
    assert found.flags == ("followup-overdue", "one-sided", "unanswered")
    assert not any("update" in reason or "give" in reason for reason in found.reasons)


def test_unanswered_never_takes_away_a_session_or_a_promise() -> None:
    found = judge(person(kind="formal", next_session=ahead(1)), *history(60),
                  *(outreach(days) for days in range(5)),
                  followups=(promised("send the deck", due=ago(3)),))
    assert found.score > 90


# Who is listed ----------------------------------------------------------------------------

@pytest.mark.parametrize(("until", "hidden"), [(1, True), (0, False), (-1, False)])
def test_a_snoozed_person_is_left_out_until_the_snooze_ends(until: int, hidden: bool) -> None:
    found = judge(person(kind="formal", snoozed_until=ahead(until)), *history(60))
    assert found.is_due
    assert found.listed is not hidden


@pytest.mark.parametrize("status", ["paused", "archived"])
def test_paused_and_archived_people_are_left_out_unless_everyone_is_asked_for(
        status: str) -> None:
    panel = [facts(person(kind="formal", status=status), history(60))]
    assert rank(panel, today=TODAY) == []
    [found] = rank(panel, today=TODAY, everyone=True)
    assert found.hidden_because == status


def test_everyone_includes_those_with_nothing_due() -> None:
    panel = [facts(person(kind="formal"), history(3))]
    assert rank(panel, today=TODAY) == []
    assert len(rank(panel, today=TODAY, everyone=True)) == 1


def test_flags_come_from_the_vocabulary_in_its_order() -> None:
    found = judge(person(kind="formal", next_session=ahead(1)), met(300), met(100), met(60),
                  outreach(20), outreach(10), followups=(promised("deck", due=ago(3)),))
    assert found.flags == ("followup-overdue", "session-soon", "one-sided", "unanswered")
    assert set(found.flags) <= set(FLAGS)


def test_the_score_is_the_sum_of_the_receipt() -> None:
    found = judge(person(kind="formal", next_session=ahead(2)), met(300), met(100), met(60),
                  outreach(20), outreach(10), followups=(promised("deck", due=ago(3)),))
    assert found.score == pytest.approx(sum(term.weight * term.factor for term in found.terms))
    assert all(0 <= term.factor <= 1 for term in found.terms)


# The --brief line -------------------------------------------------------------------------

def test_the_brief_line_names_each_person_with_what_is_due() -> None:
    panel = [facts(person("Dana Lee", pid=1, kind="formal", next_session=ahead(1)),
                   history(3, pid=1)),
             facts(person("Sam Wu", pid=2, kind="formal"), history(50, pid=2),
                   favours=(gave(49, pid=2),)),
             facts(person("Ana Ruiz", pid=3, kind="prospect"), (met(10, pid=3),))]
    assert brief_line(rank(panel, today=TODAY)) == (
        "3 to update: Dana Lee (session tomorrow), "
        "Ana Ruiz (follow up after the first meeting), Sam Wu (stale)")


def test_the_brief_line_leaves_out_people_waiting_for_a_reply() -> None:
    panel = [facts(person("Sam Wu", pid=2, kind="formal"), history(50, pid=2)),
             facts(person("Quiet", pid=1, kind="formal"),
                   (*history(60, pid=1), outreach(20, pid=1), outreach(5, pid=1)))]
    assert brief_line(rank(panel, today=TODAY)) == "1 to update: Sam Wu (stale)"


def test_a_takeoff_ranks_above_anyone_only_due_stale_or_one_sided() -> None:
    panel = [facts(person("Old Friend", pid=1, kind="informal"), history(300, pid=1)),
             facts(person("New Mentor", pid=2, kind="formal"), (met(4, pid=2),)),
             facts(person("Promise", pid=3, kind="formal"), history(5, pid=3),
                   followups=(promised("send the deck", due=ago(3), pid=3),))]
    ranked = rank(panel, today=TODAY)
    assert [u.facts.name for u in ranked] == ["Promise", "New Mentor", "Old Friend"]
    assert ranked[1].flags == ("takeoff",)


def test_the_brief_line_stays_short_with_many_people() -> None:
    panel = [facts(person(f"P{n}", pid=n, kind="formal"), history(28 + n, pid=n))
             for n in range(1, 6)]
    assert brief_line(rank(panel, today=TODAY)) == (
        "5 to update: P5 (due), P4 (due), P3 (due) and 2 more")


def test_the_brief_line_is_empty_when_nothing_is_due() -> None:
    assert brief_line(rank([facts(person(kind="formal"), history(3))], today=TODAY)) == ""
    assert brief_line([]) == ""


# The facts ---------------------------------------------------------------------------------

def test_the_facts_summarise_the_records_as_of_today() -> None:
    found = facts(person(kind="formal", met_on=ago(400)),
                  (met(300, channel="coffee"), met(100, channel="call"), outreach(30),
                   outreach(20), met(-5)),
                  (gave(200), got(10)),
                  (promised("deck", due=ago(3)), promised("done", due=ago(9), done=ago(1))))
    assert found.touchbase_count == 4
    assert found.first_contact == ago(400)
    assert (found.first_touchbase, found.last_touchbase) == (ago(300), ago(20))
    assert (found.last_two_way, found.last_two_way_channel) == (ago(100), "call")
    assert found.unanswered_streak == 2
    assert (found.last_given, found.two_way_since_given) == (ago(200), 1)
    assert [fu.text for fu in found.open_followups] == ["deck"]
