"""`mentornet prep` through the command line, on a scripted history."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.both_engines  # see conftest.py

TODAY = "2026-11-22"  # conftest's today: the day before the session


@pytest.fixture
def history(mn: Callable[..., Any]) -> Callable[..., Any]:
    """Two months with Dana, a formal mentor, and Sam, an informal one."""
    mn("add", "Dana Lee", "--kind", "formal", "--org", "Acme", "--role", "VP Product",
       "--focus", "leadership", "--met", "2026-09-01", today="2026-09-01")
    mn("add", "Sam Wu", "--org", "Globex", "--focus", "leadership", today="2026-09-02")
    mn("goal", "add", "Move into management", "--by", "2027-06-30", "--focus", "leadership",
       "--mentor", "dana", today="2026-09-03")
    mn("log", "dana", "Monthly session: the reorg", "--on", "2026-10-20", "--via", "video",
       "--topic", "delegation", "--feedback", "Delegate more, earlier", today="2026-10-20")
    mn("todo", "add", "dana", "Send the pricing memo", today="2026-10-20")
    mn("todo", "add", "dana", "Share the Q1 roadmap", "--due", "2026-11-20",
       today="2026-10-20")
    mn("todo", "add", "sam", "Send Sam the hiring rubric", today="2026-10-21")
    mn("park", "dana", "How do I say no to my VP?", today="2026-11-01")
    mn("park", "Promoted to senior PM", "--as", "win", today="2026-11-02")
    mn("park", "dana", "Morale after the reorg", "--as", "challenge", today="2026-11-03")
    mn("park", "dana", "Rotate on-call across squads", "--as", "idea", today="2026-11-04")
    mn("goal", "progress", "1", "Ran my first skip-level", today="2026-11-05")
    mn("todo", "done", "1", today="2026-11-10")
    mn("log", "dana", "Checking in before the session", "--via", "email", "--no-reply",
       "--on", "2026-11-15", today="2026-11-15")
    mn("got", "dana", "Intro to Mei, who runs pricing", "--kind", "intro", "--on",
       "2026-11-16", today="2026-11-16")  # after that email: not thanked yet
    mn("schedule", "dana", "2026-11-23")
    return mn


def _prep(mn: Callable[..., Any], *args: str, today: str | None = None) -> str:
    return mn("prep", *args, today=today).stdout


def test_prep_prints_the_send_ahead_recap_then_private_notes(history):
    text = _prep(history, "dana")
    assert text.startswith("# Prep: Dana Lee (formal mentor, VP Product, Acme), "
                           "session tomorrow\n\n## 1. Send-ahead recap\n\nHi Dana,\n\n"
                           "Ahead of our session tomorrow, here is a quick update on what "
                           "has changed since we last met on 20 October.")
    assert "**Progress on my goals**\n\n- Move into management (by 30 June 2027):\n" \
           "  - Ran my first skip-level" in text
    assert "**Wins**\n\n- Promoted to senior PM" in text
    assert "**Challenges**\n\n- Morale after the reorg" in text
    assert "**What I promised last time**\n\n- Send the pricing memo: done.\n" \
           "- Share the Q1 roadmap: not done yet (it was due 20 November); I'm on it." in text
    assert "**What I'd like to focus on**\n\n1. How do I say no to my VP?\n" \
           "2. An idea I'd love your view on: Rotate on-call across squads" in text
    assert "Thank you, too, for your help since we last met (Intro to Mei, who runs " \
           "pricing)" in text
    assert "See you tomorrow," in text
    private = text.split("## 2. Private notes (for you only)")[1]
    assert "- 20 October (video): Monthly session: the reorg\n  - Topics: delegation\n" \
           "  - Feedback: Delegate more, earlier" in private
    assert "- You have received 1 favour and not given anything back yet." in private
    assert "- Your email on 15 November has no reply yet" in private
    assert '- Sam Wu (also on: focus: leadership): follow-up #3 "Send Sam the hiring ' \
           'rubric"' in private


def test_prep_json_has_the_spec_keys_and_the_same_content(history):
    data = json.loads(_prep(history, "dana", "--json"))
    assert list(data) == ["person", "since", "goals", "wins", "challenges", "followups",
                          "topics", "thanks", "private"]
    assert data["person"]["name"] == "Dana Lee"
    assert data["since"] == "2026-10-20"
    assert [g["text"] for g in data["goals"]] == ["Move into management"]
    assert data["goals"][0]["progress"] == [{"on": "2026-11-05",
                                             "note": "Ran my first skip-level"}]
    assert [w["text"] for w in data["wins"]] == ["Promoted to senior PM"]
    assert data["wins"][0]["general"] is True
    assert [c["text"] for c in data["challenges"]] == ["Morale after the reorg"]
    assert [(f["text"], f["state"]) for f in data["followups"]] == [
        ("Send the pricing memo", "done"), ("Share the Q1 roadmap", "overdue")]
    assert [(t["kind"], t["text"]) for t in data["topics"]] == [
        ("question", "How do I say no to my VP?"), ("idea", "Rotate on-call across squads")]
    assert [t["description"] for t in data["thanks"]] == ["Intro to Mei, who runs pricing"]
    assert data["private"]["sessions"][0]["feedback"] == "Delegate more, earlier"
    assert data["private"]["unanswered"] == ["2026-11-15"]


def test_send_only_never_contains_private_notes(history):
    text = _prep(history, "dana", "--send-only")
    assert text.startswith("Hi Dana,")
    for private in ("Private", "no reply", "Give and get", "Sam Wu", "hiring rubric",
                    "# Prep"):
        assert private not in text
    assert "**Your advice last time**" in text  # the feedback they gave, brought back
    data = json.loads(_prep(history, "dana", "--send-only", "--json"))
    assert data["private"] is None
    assert "Delegate more" not in json.dumps(data)


def test_out_writes_the_recap_to_an_owner_only_file(history, tmp_path: Path):
    target = tmp_path / "recap.md"
    result = history("prep", "dana", "--send-only", "--out", str(target))
    assert result.stdout == ""
    assert "recap.md" in result.stderr
    assert target.read_text(encoding="utf-8") == _prep(history, "dana", "--send-only")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".recap")] == []


def test_out_replaces_an_earlier_recap_and_tightens_its_mode(history, tmp_path: Path):
    target = tmp_path / "recap.json"
    history("prep", "dana", "--json", "--out", str(target))
    target.chmod(0o644)
    history("prep", "dana", "--json", "--out", str(target))
    assert json.loads(target.read_text())["person"]["name"] == "Dana Lee"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


def test_out_never_replaces_a_file_that_is_not_a_recap_unless_forced(history,
                                                                      tmp_path: Path):
    target = tmp_path / "notes.md"
    target.write_text("my own notes")
    result = history("prep", "dana", "--out", str(target), ok=False)
    assert result.exit_code == 1
    assert str(target) in result.stderr
    assert "another file name" in result.stderr
    assert "--force" in result.stderr
    assert target.read_text() == "my own notes"
    history("prep", "dana", "--out", str(target), "--force")
    assert target.read_text().startswith("# Prep: Dana Lee")


def test_out_into_a_missing_folder_is_a_clear_error(history, tmp_path: Path):
    result = history("prep", "dana", "--out", str(tmp_path / "nope" / "recap.md"), ok=False)
    assert result.exit_code == 1
    assert "does not exist" in result.stderr
    assert not (tmp_path / "nope").exists()


def test_a_general_parked_item_is_for_formal_mentors_only(history):
    assert "Promoted to senior PM" in _prep(history, "dana")
    assert "Promoted to senior PM" not in _prep(history, "sam")


def test_discussed_items_and_done_followups_drop_out_after_the_session(history):
    history("log", "dana", "Monthly session", "--discussed", "all", today="2026-11-23")
    text = _prep(history, "dana", today="2026-11-24")
    assert "since we last met on 23 November" in text
    for gone in ("How do I say no", "Promoted to senior PM", "Morale after the reorg",
                 "Rotate on-call", "Send the pricing memo", "Intro to Mei"):
        assert gone not in text
    assert "- Share the Q1 roadmap: not done yet" in text  # still open: still listed


def test_discussing_one_item_by_id_leaves_the_others(history):
    data = json.loads(_prep(history, "dana", "--json"))
    question = next(t["id"] for t in data["topics"] if t["kind"] == "question")
    history("log", "dana", "Quick call", "--via", "call", "--discussed", str(question),
            today="2026-11-23")
    after = json.loads(_prep(history, "dana", "--json", today="2026-11-24"))
    assert [t["text"] for t in after["topics"]] == ["Rotate on-call across squads"]
    assert [w["text"] for w in after["wins"]] == ["Promoted to senior PM"]


def test_the_first_prep_with_someone_new_has_no_last_session(mn):
    mn("add", "Priya Natarajan", "--kind", "formal", "--org", "Umbrella")
    mn("park", "priya", "What does a great first quarter look like?")
    text = _prep(mn, "priya", "--send-only")
    assert "here is where I am and what I'd like to focus on" in text
    assert "1. What does a great first quarter look like?" in text
    assert json.loads(_prep(mn, "priya", "--json"))["since"] is None


def test_prep_for_a_mentee_drafts_the_mentors_side(mn):
    mn("add", "Leo Martins", "--kind", "mentee", "--focus", "product discovery",
       today="2026-10-01")
    mn("log", "leo", "First real session", "--topic", "interviews", "--on", "2026-10-30",
       today="2026-10-30")
    mn("todo", "add", "leo", "Send Leo my discovery template", today="2026-10-30")
    text = _prep(mn, "leo", "--send-only")
    assert "a few notes from my side since we last met on 30 October" in text
    assert "**Last time you asked about**\n\n- interviews" in text
    assert "**What I promised you**\n\n- Send Leo my discovery template: still open." in text
    assert "**Your goals**\n\n- What you're working on: product discovery." in text


def test_prep_for_an_unknown_person_is_a_one_line_error(history):
    result = history("prep", "nobody", ok=False)
    assert result.exit_code == 1
    assert "nobody" in result.stderr
    assert "Traceback" not in result.stderr


def test_out_refuses_to_overwrite_the_database(history, db_path: Path):
    before = db_path.read_bytes()
    result = history("prep", "dana", "--out", str(db_path), ok=False)
    assert result.exit_code == 1
    assert "is your database" in result.stderr
    assert db_path.read_bytes() == before


def test_an_informal_mentor_gets_a_catch_up_note_with_the_last_time_met(mn):
    mn("add", "Marta Silva", "--kind", "informal", "--met", "2026-06-10")
    mn("log", "marta", "Pricing", "--via", "video", "--on", "2026-08-20")
    mn("log", "marta", "Thanks for the article", "--via", "email", "--by", "them",
       "--on", "2026-10-01")
    mn("park", "marta", "Promotion case is in", "--as", "win")
    text = mn("prep", "marta", "--send-only").stdout
    assert "It has been a while since we last met on 20 August: here is what I have been " \
           "working on." in text  # the email is not a meeting
    assert "session" not in text
    assert text.rstrip().endswith("All the best,")


def test_a_contact_of_unknown_kind_after_the_last_meeting_is_no_claim_of_meeting(mn):
    # `add --last-contact` records a contact of no known kind ("other"): it may have been
    # a meeting, so the note must not say you last met on the older day.
    mn("add", "José García", "--kind", "informal", "--met", "2025-03-01",
       "--last-contact", "2026-08-20", today="2026-10-01")
    hello = mn("prep", "jose", "--send-only", today="2026-10-10").stdout
    assert "I wanted to say hello: we were last in touch on 20 August." in hello
    assert "1 March 2025" not in hello
    mn("add", "Grace Kim", "--kind", "formal", "--met", "2026-06-01",
       "--last-contact", "2026-08-25", today="2026-10-01")
    mn("park", "grace", "How do I pitch the roadmap?", today="2026-10-10")
    mn("park", "grace", "Shipped the beta", "--as", "win", today="2026-10-10")
    ahead = mn("prep", "grace", "--send-only", today="2026-10-21").stdout
    assert "what has changed since we were last in touch on 25 August." in ahead
    update = mn("update", "grace", today="2026-10-21").stdout
    assert "Since we were last in touch on 25 August, here is a quick update" in update
    mn("log", "grace", "Coffee", "--via", "coffee", "--on", "2026-10-15", today="2026-10-21")
    met = mn("prep", "grace", "--send-only", today="2026-10-21").stdout
    assert "what has changed since we last met on 15 October." in met


def test_a_vp_never_met_gets_no_since_we_last_met(mn):
    mn("add", "Tom Becker", "--kind", "formal")
    mn("log", "tom", "Replied with advice", "--via", "email", "--by", "them",
       "--on", "2026-11-09")
    text = mn("prep", "tom", "--send-only").stdout
    assert "since we last met" not in text
    assert "Ahead of our first session" in text


def test_an_empty_draft_still_prints_and_says_to_park_first(mn):
    mn("add", "Dana Lee", "--kind", "formal", "--met", "2026-10-01")
    result = mn("prep", "dana", "--send-only")
    assert result.stdout.startswith("Hi Dana,")
    assert 'mentornet park "Dana Lee"' not in result.stdout
    assert 'mentornet park "Dana Lee"' in result.stderr
    assert "mentornet me --name" in result.stderr


def test_with_a_profile_the_recap_has_a_subject_and_signs_off(mn):
    mn("me", "--name", "Alex Kim", "--org", "Fabrikam", "--sign-off", "Thanks,")
    mn("add", "Dana Lee", "--kind", "formal", "--met", "2026-10-01")
    mn("schedule", "dana", "2026-11-26")
    mn("park", "dana", "How do I push back on the roadmap?")
    result = mn("prep", "dana", "--send-only")
    assert result.stdout.startswith("Subject: An update ahead of our session on Thursday\n")
    assert result.stdout.rstrip().endswith("Thanks,\nAlex Kim")
    assert "mentornet me" not in result.stderr


def test_someone_in_your_organisation_gets_in_house_ideas(mn):
    mn("me", "--name", "Alex Kim", "--org", "Fabrikam Inc.")
    mn("add", "Marta Silva", "--kind", "informal", "--org", "fabrikam", "--met", "2026-01-10",
       "--focus", "roadmaps", today="2026-01-10")
    for day in ("2026-03-01", "2026-05-01", "2026-07-01"):
        mn("log", "marta", "Catch-up", "--via", "coffee", "--on", day, today=day)
    text = mn("prep", "marta").stdout
    assert "Offer to mentor someone on Marta's team" in text
    assert "Fabrikam's product" not in text
    assert "outside perspective" not in text


def test_help_already_thanked_is_not_thanked_again(history):
    # One rule with `due`'s thanks-owed (relationship.thanked): a touch-base on or after
    # the help, such as the thank-you `mentornet thanks` drafts, once logged, thanks it.
    assert "Intro to Mei" in _prep(history, "dana", "--send-only")
    history("log", "dana", "Sent a thank-you", "--via", "email", "--no-reply",
            today="2026-11-22")
    assert "Intro to Mei" not in _prep(history, "dana", "--send-only")
    flags = {row["name"]: row["flags"] for row in json.loads(history("due", "--json").stdout)}
    assert "thanks-owed" not in flags["Dana Lee"]
