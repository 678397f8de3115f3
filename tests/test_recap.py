"""The pre-session recap as data (domain/recap.py) and as Markdown and JSON (render/recap.py)."""

from __future__ import annotations

from datetime import date

from mentornet.domain.recap import Recap, build_recap
from mentornet.domain.records import (
    Favour,
    FollowUp,
    Goal,
    ParkedItem,
    Person,
    ProgressNote,
    TouchBase,
)
from mentornet.render.recap import JSON_KEYS, to_json, to_markdown

TODAY = date(2026, 3, 11)
DANA = Person(id=1, name="Dana Lee", kind="formal", role="VP Product", org="Acme",
              focus=("leadership", "ml products"), met_on=date(2025, 9, 1),
              next_session=date(2026, 3, 12))
SAM = Person(id=2, name="Sam Wu", kind="informal", org="Globex", focus=("leadership",))
ANA = Person(id=3, name="Ana Ruiz", kind="mentee", focus=("interviewing",))
RAJ = Person(id=4, name="Raj Patel", kind="formal", org="Initech")


def meeting(tid: int, on: date, person: Person = DANA, **fields: object) -> TouchBase:
    return TouchBase(id=tid, person_id=person.id, happened_on=on, **fields)  # type: ignore[arg-type]


def parked(pid: int, kind: str, text: str, on: date, person: Person | None = DANA,
           **fields: object) -> ParkedItem:
    return ParkedItem(id=pid, person_id=person.id if person else None, kind=kind, text=text,
                      parked_on=on, **fields)  # type: ignore[arg-type]


def recap(person: Person = DANA, *, goals: list[Goal] | None = None,
          items: list[ParkedItem] | None = None, followups: list[FollowUp] | None = None,
          favours: list[Favour] | None = None, touchbases: list[TouchBase] | None = None,
          others: list[Person] | None = None, today: date = TODAY) -> Recap:
    return build_recap(person=person, goals=goals or [], parked=items or [],
                       followups=followups or [], favours=favours or [],
                       touchbases=touchbases if touchbases is not None
                       else [meeting(1, date(2026, 2, 3))],
                       others=others or [], today=today)


# The last session -------------------------------------------------------------------------


def test_the_last_session_is_the_latest_two_way_touch_base_before_today():
    history = [meeting(1, date(2026, 1, 5)), meeting(2, date(2026, 2, 3)),
               meeting(3, date(2026, 3, 1), channel="email", answered=False),
               meeting(4, TODAY, notes="logged this morning")]
    result = recap(touchbases=history)
    assert result.last_session is not None
    assert result.last_session.id == 2
    assert result.since == date(2026, 2, 3)


def test_a_reply_they_started_counts_as_the_last_session():
    history = [meeting(1, date(2026, 1, 5)),
               meeting(2, date(2026, 2, 20), channel="message", initiator="them",
                       answered=False)]
    assert recap(touchbases=history).since == date(2026, 2, 20)


def test_the_first_session_ever_has_no_since_and_a_first_session_greeting():
    result = recap(touchbases=[meeting(1, TODAY, notes="First meeting")],
                   items=[parked(1, "question", "How do you run skip-levels?", TODAY)])
    assert result.last_session is None
    assert result.since is None
    text = to_markdown(result, send_only=True)
    assert "here is where I am and what I'd like to focus on" in text
    assert "since we last met" not in text
    assert to_json(result)["since"] is None


def test_a_note_with_nothing_to_report_says_hello_and_promises_no_news():
    # Nothing parked, progressed or promised: the note must not announce an update, a
    # focus or "what I have been working on" that it then leaves out.
    promises = ("here is", "what I have been working on", "a few notes", "what has changed")
    first = to_markdown(recap(touchbases=[meeting(1, TODAY, notes="First meeting")]),
                        send_only=True)
    assert "Ahead of our session tomorrow, a quick hello: I'm looking forward to it." in first
    catch_up = to_markdown(recap(SAM, touchbases=[meeting(1, date(2025, 1, 5), person=SAM)]),
                           send_only=True)
    assert "I wanted to say hello: we last met on 5 January 2025." in catch_up
    never = to_markdown(recap(SAM, touchbases=[]), send_only=True)
    assert "I wanted to say hello and keep in touch." in never
    mentee = to_markdown(recap(ANA._replace(focus=()),
                               touchbases=[meeting(1, date(2026, 2, 5), person=ANA)]),
                         send_only=True)
    assert "Ahead of our next session, a quick hello" in mentee
    for text in (first, catch_up, never, mentee):
        assert not any(words in text for words in promises), text
        assert "**" not in text  # no section at all
    thanked = to_markdown(recap(SAM, touchbases=[meeting(1, date(2025, 1, 5), person=SAM)],
                                favours=[Favour(id=1, person_id=SAM.id, direction="got",
                                                happened_on=date(2026, 2, 1), kind="intro",
                                                description="Intro to Mei")]),
                          send_only=True)
    assert "I wanted to say hello: we last met on 5 January 2025." in thanked
    assert "Thank you, too, for your help since we last met (Intro to Mei)" in thanked


def test_the_first_session_lists_open_items_and_done_followups_whenever_they_were_made():
    items = [parked(1, "question", "How do you run skip-levels?", date(2025, 6, 1))]
    followups = [FollowUp(1, DANA.id, "Send my CV", date(2025, 6, 1),
                          done_on=date(2025, 6, 2))]
    result = recap(items=items, followups=followups, touchbases=[])
    assert [i.id for i in result.topics] == [1]
    assert [(s.followup.id, s.state) for s in result.followups] == [(1, "done")]
    assert "**What I promised**" in to_markdown(result)


# Parked items -----------------------------------------------------------------------------


def test_parked_items_are_split_into_updates_wins_challenges_and_topics_in_order_parked():
    items = [parked(5, "idea", "Rotate on-call", date(2026, 2, 16)),
             parked(1, "question", "How do I say no to my VP?", date(2026, 2, 10)),
             parked(2, "win", "Shipped search v2", date(2026, 2, 12)),
             parked(3, "challenge", "Morale after the reorg", date(2026, 2, 14)),
             parked(4, "update", "Moved to the payments team", date(2026, 2, 15)),
             parked(6, "question", "Earlier question", date(2026, 2, 10))]
    result = recap(items=items)
    assert [i.id for i in result.topics] == [1, 6, 5]
    assert [i.id for i in result.wins] == [2]
    assert [i.id for i in result.challenges] == [3]
    assert [i.id for i in result.updates] == [4]
    text = to_markdown(result)
    assert text.index("How do I say no") < text.index("Earlier question") \
        < text.index("Rotate on-call")
    assert "1. How do I say no to my VP?" in text
    assert "3. An idea I'd love your view on: Rotate on-call" in text


def test_a_general_parked_item_appears_for_every_formal_mentor_but_not_informal_ones():
    general = [parked(1, "win", "Promoted to senior PM", date(2026, 2, 20), person=None)]
    for formal in (DANA, RAJ):
        assert [i.id for i in recap(formal, items=general).wins] == [1]
    for other in (SAM, ANA, Person(id=9, name="Pat Prospect", kind="prospect")):
        assert recap(other, items=general).wins == ()


def test_discussed_items_and_other_peoples_items_are_left_out():
    items = [parked(1, "question", "Discussed already", date(2026, 2, 10),
                    discussed_on=date(2026, 3, 1), discussed_with=DANA.id),
             parked(2, "question", "For Sam", date(2026, 2, 10), person=SAM),
             parked(3, "question", "Still open", date(2026, 2, 11))]
    assert [i.id for i in recap(items=items).topics] == [3]


def test_an_item_parked_before_the_last_session_stays_until_it_is_discussed():
    items = [parked(1, "question", "Never got to it", date(2026, 1, 1))]
    assert [i.id for i in recap(items=items).topics] == [1]


# Goals ------------------------------------------------------------------------------------


def _goal(gid: int, *, mentors: tuple[int, ...] = (DANA.id,), status: str = "open",
          closed: date | None = None, progress: tuple[ProgressNote, ...] = (),
          focus: tuple[str, ...] = (), target: date | None = None) -> Goal:
    return Goal(id=gid, text=f"Goal {gid}", created_on=date(2025, 9, 1), target=target,
                focus=focus, status=status, closed_on=closed, mentor_ids=mentors,
                progress=progress)


def test_goals_are_those_the_person_helps_with_with_progress_since_the_last_session():
    notes = (ProgressNote(2, 1, date(2026, 2, 20), "Ran my first skip-level"),
             ProgressNote(1, 1, date(2026, 1, 5), "Before the last session"))
    goals = [_goal(1, progress=notes, target=date(2026, 12, 31)),
             _goal(2, mentors=(SAM.id,))]
    result = recap(goals=goals)
    assert [u.goal.id for u in result.goals] == [1]
    assert [n.note for n in result.goals[0].progress] == ["Ran my first skip-level"]
    text = to_markdown(result)
    assert "- Goal 1 (by 31 December):\n  - Ran my first skip-level" in text
    assert "Before the last session" not in text


def test_goals_without_news_are_named_briefly_and_closed_goals_show_once():
    goals = [_goal(1), _goal(2, status="done", closed=date(2026, 2, 25)),
             _goal(3, status="done", closed=date(2026, 1, 2))]
    result = recap(goals=goals)
    assert [u.goal.id for u in result.goals] == [1, 2]
    text = to_markdown(result)
    assert "- Goal 2: done!" in text
    assert "- Still working on: Goal 1." in text
    assert "Goal 3" not in text


def test_the_first_session_shows_only_the_latest_progress_notes():
    notes = tuple(ProgressNote(n, 1, date(2025, 10, n), f"note {n}") for n in range(1, 6))
    result = recap(goals=[_goal(1, progress=notes)], touchbases=[])
    assert [n.note for n in result.goals[0].progress] == ["note 3", "note 4", "note 5"]


# Follow-ups -------------------------------------------------------------------------------


def test_followups_show_their_state_and_done_ones_only_when_done_since_the_last_session():
    followups = [FollowUp(1, DANA.id, "Template", date(2026, 2, 3), done_on=date(2026, 2, 10)),
                 FollowUp(2, DANA.id, "Old promise", date(2026, 1, 1),
                          done_on=date(2026, 1, 20)),
                 FollowUp(3, DANA.id, "Roadmap deck", date(2026, 2, 3), due=date(2026, 3, 8)),
                 FollowUp(4, DANA.id, "Intro to Ana", date(2026, 2, 4), due=date(2026, 3, 14)),
                 FollowUp(5, DANA.id, "Book", date(2026, 2, 5)),
                 FollowUp(6, SAM.id, "Not Dana's", date(2026, 2, 5))]
    result = recap(followups=followups)
    assert [(s.followup.id, s.state) for s in result.followups] == [
        (1, "done"), (3, "overdue"), (4, "due-soon"), (5, "open")]
    text = to_markdown(result)
    assert "- Template: done." in text
    assert "- Roadmap deck: not done yet (it was due 8 March); I'm on it." in text
    assert "- Intro to Ana: on its way by 14 March." in text
    assert "- Book: still open." in text


def test_a_followup_done_on_the_day_of_the_last_session_still_shows_as_done():
    followups = [FollowUp(1, DANA.id, "Template", date(2026, 1, 3), done_on=date(2026, 2, 3))]
    assert [s.state for s in recap(followups=followups).followups] == ["done"]


# Thanks -----------------------------------------------------------------------------------


def test_the_thank_you_names_help_received_since_the_last_session():
    favours = [Favour(1, DANA.id, "got", date(2026, 2, 20), "intro", "intro to Ana at Globex"),
               Favour(2, DANA.id, "got", date(2026, 1, 2), "feedback", "old feedback"),
               Favour(3, DANA.id, "give", date(2026, 2, 21), "info", "an article")]
    result = recap(favours=favours)
    assert [f.id for f in result.thanks] == [1]
    text = to_markdown(result, send_only=True)
    assert "Thank you, too, for your help since we last met (intro to Ana at Globex)" in text
    assert "old feedback" not in text


# Empty sections ---------------------------------------------------------------------------


def test_an_empty_recap_is_a_short_note_with_no_empty_sections():
    result = recap(touchbases=[])
    text = to_markdown(result)
    assert "**" not in text  # no section headings at all
    assert "Hi Dana," in text
    assert "See you tomorrow," in text
    assert "Thank you" not in text
    # the draft still prints, and the private part says how to make it worth sending
    assert 'Tip: Nothing is parked for Dana Lee yet' in text
    assert 'mentornet park "Dana Lee"' in text


def test_sections_with_nothing_in_them_are_left_out():
    new = DANA._replace(met_on=date(2026, 1, 20))  # too new to be one-sided
    result = recap(new, items=[parked(1, "win", "Shipped", date(2026, 2, 10))])
    text = to_markdown(result)
    assert "**Wins**" in text
    for absent in ("**Challenges**", "**What changed**", "**Progress on my goals**",
                   "**What I promised", "**What I'd like to focus on**", "**Be sensitive**",
                   "**Related open items**", "**Give and get**"):
        assert absent not in text


# The send-ahead note ----------------------------------------------------------------------


def test_the_send_ahead_greets_by_first_name_and_names_the_session_and_last_meeting():
    text = to_markdown(recap(items=[parked(1, "win", "Shipped", date(2026, 2, 10))]),
                       send_only=True)
    assert text.startswith("Hi Dana,\n\nAhead of our session tomorrow, here is a quick "
                           "update on what has changed since we last met on 3 February.")
    assert text.rstrip().endswith("See you tomorrow,")


def test_without_a_scheduled_session_the_note_says_next_session():
    person = Person(id=1, name="Dana Lee", kind="formal")
    text = to_markdown(recap(person), send_only=True)
    assert "Ahead of our next session" in text
    assert "See you soon," in text


def test_send_only_never_contains_private_notes():
    history = [meeting(1, date(2026, 2, 3), notes="SECRET-NOTE", feedback="SECRET-FEEDBACK"),
               meeting(2, date(2026, 3, 1), channel="email", answered=False)]
    result = recap(touchbases=history)
    full, sent = to_markdown(result), to_markdown(result, send_only=True)
    assert "SECRET-NOTE" in full
    assert "Private notes" in full
    assert "SECRET-NOTE" not in sent
    # the feedback comes back to the mentor: what you did with their advice
    assert "**Your advice last time**\n\n- SECRET-FEEDBACK" in sent
    assert "Private" not in sent
    assert "no reply" not in sent
    assert to_json(result, send_only=True)["private"] is None


def test_control_characters_in_user_text_are_made_visible():
    items = [parked(1, "question", "Why \x1b[2J this?\u202e", date(2026, 2, 10))]
    text = to_markdown(recap(items=items))
    assert "\x1b" not in text
    assert "\u202e" not in text
    assert "Why ␛\\[2J this?" in text


def test_multi_line_text_stays_inside_its_list_item():
    items = [parked(1, "challenge", "Morale after the reorg\nespecially on-call",
                    date(2026, 2, 10))]
    assert "- Morale after the reorg\n  especially on-call" in to_markdown(recap(items=items))


# Private notes ----------------------------------------------------------------------------


def test_private_notes_list_the_last_sessions_notes_topics_and_feedback_newest_first():
    history = [meeting(1, date(2025, 9, 1), notes="First meeting"),
               meeting(2, date(2025, 12, 1), channel="coffee", notes="Managing managers",
                       topics=("management",), feedback="Delegate more"),
               meeting(3, date(2026, 1, 10)),
               meeting(4, date(2026, 2, 3), channel="video", notes="Promo case"),
               meeting(5, date(2026, 2, 20), notes="They never replied", answered=False)]
    result = recap(touchbases=history)
    assert [t.id for t in result.private.sessions] == [4, 2, 1]
    text = to_markdown(result)
    assert ("- 1 December 2025 (coffee): Managing managers\n  - Topics: management\n"
            "  - Feedback: Delegate more") in text


def test_the_balance_says_what_you_gave_and_when_you_last_gave_back():
    favours = [Favour(1, DANA.id, "give", date(2026, 1, 20), "intro", "intro to a CTO"),
               Favour(2, DANA.id, "got", date(2026, 1, 5), "feedback", "promo doc")]
    history = [meeting(1, date(2026, 1, 5)), meeting(2, date(2026, 2, 3))]
    result = recap(favours=favours, touchbases=history)
    balance = result.private.balance
    assert (balance.given, balance.received, balance.touchbases_since_given) == (1, 1, 1)
    assert not balance.one_sided
    assert result.private.ideas == ()
    text = to_markdown(result)
    assert "- You have given 1 favour and received 1." in text
    assert "- You last gave back on 20 January (7 weeks ago): intro, intro to a CTO; " \
           "1 touch-base since." in text


def test_three_sessions_since_you_last_gave_back_is_one_sided_with_ideas_from_their_org():
    favours = [Favour(1, DANA.id, "give", date(2025, 10, 1), "info", "an article")]
    history = [meeting(i, date(2025, 11 + i % 2, 2 + i)) for i in range(1, 4)]
    result = recap(favours=favours, touchbases=history)
    assert result.private.balance.one_sided
    kinds = [idea.kind for idea in result.private.ideas]
    assert kinds == ["intro", "feedback", "perspective"]
    texts = [idea.text for idea in result.private.ideas]
    assert "Introduce Dana to someone in your network who works on leadership and ml " \
           "products" in texts
    assert "Try Acme's product and send Dana candid, specific feedback" in texts
    text = to_markdown(result)
    assert "It has been one-sided lately" in text
    assert "  - So far you have given: info." in text


def test_ideas_suggest_kinds_of_favour_you_have_not_given_yet_first():
    favours = [Favour(1, DANA.id, "give", date(2025, 1, 1), "intro", "an intro"),
               Favour(2, DANA.id, "give", date(2025, 1, 2), "feedback", "product notes")]
    history = [meeting(1, date(2025, 6, 1))]
    result = recap(favours=favours, touchbases=history)
    assert result.private.balance.one_sided  # more than 180 days since the last favour
    assert [i.kind for i in result.private.ideas] == ["perspective", "evangelise",
                                                      "mentoring"]
    assert "Offer to mentor someone junior at Acme" in [i.text for i in result.private.ideas]


def test_never_giving_back_is_one_sided_after_three_sessions():
    history = [meeting(i, date(2026, 1, i)) for i in range(1, 4)]
    result = recap(SAM, touchbases=[
        TouchBase(id=t.id, person_id=SAM.id, happened_on=t.happened_on) for t in history])
    assert result.private.balance.one_sided
    assert "- You have received 0 favours" not in to_markdown(result)
    assert "- No favours either way yet." in to_markdown(result)


def test_a_mentee_relationship_is_never_one_sided():
    history = [meeting(i, date(2026, 1, i), person=ANA) for i in range(1, 6)]
    result = recap(ANA, touchbases=history)
    assert not result.private.balance.one_sided
    assert result.private.ideas == ()


def test_ideas_without_an_org_or_focus_still_read_concretely():
    person = Person(id=7, name="Lee", kind="informal")
    history = [TouchBase(id=i, person_id=7, happened_on=date(2026, 1, i)) for i in range(1, 4)]
    ideas = recap(person, touchbases=history).private.ideas
    assert [i.text for i in ideas][1] == "Offer candid feedback on something Lee is " \
                                         "building or writing"


def test_two_unanswered_outreaches_give_a_gentle_ease_off_signal():
    history = [meeting(1, date(2026, 2, 3)),
               meeting(2, date(2026, 2, 20), channel="email", answered=False),
               meeting(3, date(2026, 3, 2), channel="message", answered=False)]
    result = recap(touchbases=history)
    assert [t.id for t in result.private.unanswered] == [3, 2]
    text = to_markdown(result)
    assert "Your last 2 outreaches since 20 February got no reply" in text
    assert "ease off" in text
    assert to_json(result)["private"]["unanswered"] == [date(2026, 3, 2), date(2026, 2, 20)]


def test_without_a_session_the_ease_off_signal_suggests_a_later_low_pressure_note():
    history = [meeting(1, date(2026, 2, 3)),
               meeting(2, date(2026, 2, 20), channel="email", answered=False),
               meeting(3, date(2026, 3, 2), channel="message", answered=False)]
    text = to_markdown(recap(DANA._replace(next_session=None), touchbases=history))
    assert "ease off; a short, no-pressure note later works better than another nudge" \
        in text
    assert "session still suits" not in text


def test_an_answer_clears_the_sensitivity_signal():
    history = [meeting(1, date(2026, 2, 3), channel="email", answered=False),
               meeting(2, date(2026, 2, 20))]
    result = recap(touchbases=history)
    assert result.private.unanswered == ()
    assert "**Be sensitive**" not in to_markdown(result)


def test_related_open_items_come_from_people_on_the_same_goals_or_with_the_same_focus():
    lena = Person(id=5, name="Lena Ortiz", kind="informal", focus=("leadership",))
    gone = Person(id=6, name="Gone Person", kind="informal", status="archived")
    quiet = Person(id=8, name="Quiet One", kind="informal", focus=("leadership",))
    goals = [_goal(1, mentors=(DANA.id, SAM.id, gone.id), focus=("leadership",))]
    followups = [FollowUp(1, SAM.id, "Send Sam the article", date(2026, 2, 1)),
                 FollowUp(2, SAM.id, "Done already", date(2026, 2, 1),
                          done_on=date(2026, 2, 2)),
                 FollowUp(3, gone.id, "Archived", date(2026, 2, 1))]
    items = [parked(1, "question", "Ask Lena about hiring", date(2026, 2, 2), person=lena)]
    result = recap(goals=goals, followups=followups, items=items,
                   others=[SAM, lena, gone, quiet, DANA])
    related = result.private.related
    assert [(r.person.name, r.goals) for r in related] == [
        ("Lena Ortiz", ("focus: leadership",)), ("Sam Wu", ("Goal 1",))]
    assert [f.id for f in related[1].followups] == [1]
    text = to_markdown(result)
    assert '- Sam Wu (also on: Goal 1): follow-up #1 "Send Sam the article"' in text
    assert '- Lena Ortiz (also on: focus: leadership): parked question #1 ' \
           '"Ask Lena about hiring"' in text


# A mentee ---------------------------------------------------------------------------------


def test_for_a_mentee_prep_drafts_the_mentors_side():
    history = [meeting(1, date(2026, 2, 3), person=ANA,
                       topics=("interviewing", "career ladders"), notes="Nervous about loops")]
    followups = [FollowUp(1, ANA.id, "Send Ana my interview prep doc", date(2026, 2, 3),
                          done_on=date(2026, 2, 5)),
                 FollowUp(2, ANA.id, "Intro Ana to a hiring manager", date(2026, 2, 3))]
    items = [parked(1, "question", "How did the mock loop go?", date(2026, 2, 10),
                    person=ANA)]
    result = recap(ANA, touchbases=history, followups=followups, items=items)
    assert result.for_mentee
    assert result.asked == ("interviewing", "career ladders")
    text = to_markdown(result, send_only=True)
    assert text.startswith("Hi Ana,\n\nAhead of our next session, a few notes from my side "
                           "since we last met on 3 February.")
    assert "**Last time you asked about**\n\n- interviewing\n- career ladders" in text
    assert "**Your goals**\n\n- What you're working on: interviewing." in text
    assert "**What I promised you**\n\n- Send Ana my interview prep doc: done.\n" \
           "- Intro Ana to a hiring manager: still open." in text
    assert "**Topics for this session**\n\n1. How did the mock loop go?" in text
    assert "Progress on my goals" not in text
    assert "Nervous" not in text
    topics = to_json(result)["topics"]
    assert [(t["kind"], t["text"]) for t in topics[:2]] == [
        ("asked", "interviewing"), ("asked", "career ladders")]


def test_a_mentees_goals_are_the_goals_linked_to_them():
    goals = [_goal(1, mentors=(ANA.id,))]
    text = to_markdown(recap(ANA, goals=goals, touchbases=[]), send_only=True)
    assert "**Your goals**\n\n- Goal 1" in text
    assert "working on" not in text


# JSON -------------------------------------------------------------------------------------


def test_json_has_exactly_the_keys_of_the_spec():
    favours = [Favour(1, DANA.id, "got", date(2026, 2, 20), "intro", "intro to Ana")]
    items = [parked(1, "win", "Shipped", date(2026, 2, 10)),
             parked(2, "question", "How?", date(2026, 2, 11))]
    data = to_json(recap(items=items, favours=favours))
    assert tuple(data) == JSON_KEYS == ("person", "since", "goals", "wins", "challenges",
                                        "followups", "topics", "thanks", "private")
    assert data["person"]["name"] == "Dana Lee"
    assert data["since"] == date(2026, 2, 3)
    assert [w["text"] for w in data["wins"]] == ["Shipped"]
    assert [t["text"] for t in data["topics"]] == ["How?"]
    assert data["thanks"][0]["description"] == "intro to Ana"
    assert set(data["private"]) >= {"sessions", "balance", "reciprocate", "sensitivity",
                                    "related"}
