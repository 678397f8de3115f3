"""`mentornet ask`, `update` and `thanks` through the command line, on a scripted panel."""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.both_engines  # see conftest.py

HOSTILE = "Zoë <b>*Bold*</b> [x](http://e.test)"


@pytest.fixture
def panel(mn: Callable[..., Any]) -> Callable[..., Any]:
    """You, a prospect met today at an event, an informal mentor, a formal mentor."""
    mn("me", "--name", "Alex Kim", "--role", "Product Manager", "--org", "Fabrikam",
       "--sign-off", "Thanks,")
    mn("add", "Priya Natarajan", "--kind", "prospect", "--role", "Head of Growth", "--org",
       "Umbrella", "--via", "event", "--focus", "growth,pricing", "--met", "2026-11-22")
    mn("park", "priya", "How do you decide which pricing experiments to run first?",
       today="2026-11-22")
    mn("add", "Sam Wu", "--role", "Staff PM", "--org", "Globex", "--via", "alumni",
       "--focus", "ml products", "--met", "2026-06-01", "--note", "PRIVATE person note",
       today="2026-06-01")
    mn("log", "sam", "PRIVATE: Sam is job hunting", "--via", "coffee", "--on", "2026-09-01",
       today="2026-09-01")
    mn("goal", "add", "Ship an ML feature", "--focus", "ml products", "--mentor", "sam",
       today="2026-08-01")
    mn("goal", "progress", "1", "Old progress before our coffee", today="2026-08-15")
    mn("goal", "progress", "1", "Ran the first offline test", today="2026-10-01")
    mn("park", "sam", "Got the data team on board", "--as", "win", today="2026-10-05")
    mn("park", "Hiring is slow", "--as", "challenge", today="2026-10-06")
    mn("park", "A question for every formal mentor", today="2026-10-07")
    mn("add", "Dana Lee", "--kind", "formal", "--role", "VP Product", "--org", "Acme",
       "--met", "2026-09-01", today="2026-09-01")
    mn("log", "dana", "SECRET session notes", "--via", "video", "--on", "2026-10-20",
       "--feedback", "Delegate more, earlier", today="2026-10-20")
    mn("got", "dana", "Intro to Mei, who runs pricing", "--kind", "intro", "--on",
       "2026-11-06", today="2026-11-06")
    mn("goal", "add", "Move into management", "--mentor", "dana", today="2026-09-03")
    mn("goal", "progress", "2", "Ran my first skip-level", today="2026-11-10")
    mn("park", "dana", "Promoted to *senior* PM", "--as", "win", today="2026-11-12")
    return mn


def _words(text: str) -> int:
    return len(re.findall(r"\w+(?:['’.-]\w+)*", text))


# ask --------------------------------------------------------------------------------------


def test_ask_drafts_a_clear_ask_from_the_parked_question(panel):
    result = panel("ask", "priya")
    assert result.stdout == (
        "Subject: A question, and 30 minutes of your time?\n\n"
        "Hi Priya,\n\n"
        "I'm Alex Kim, Product Manager at Fabrikam. It was good to meet you at the event "
        "today.\n\n"
        "I have a question I'd love your view on: How do you decide which pricing "
        "experiments to run first?\n\n"
        "I'm asking you because of your work on growth and pricing as Head of Growth at "
        "Umbrella.\n\n"
        "Would you mind if I scheduled a 30-minute call with you? It's a one-off question, "
        "not an ongoing commitment.\n\n"
        "No worries at all if now isn't a good time.\n\n"
        "Thanks,\nAlex Kim\n")
    # met today at an event: the advice to wait, never inside the note to send
    assert "send it a couple of hours later" in result.stderr


def test_ask_with_topic_why_time_and_ongoing(panel):
    text = panel("ask", "sam", "--topic", "how gaming PM teams are structured", "--why",
                 "you moved from e-commerce to gaming", "--time", "45m", "--ongoing").stdout
    assert "We met through our alumni network on 1 June." in text
    assert "I'd love to learn more about how gaming PM teams are structured." in text
    assert "I'm asking you because you moved from e-commerce to gaming." in text
    again = panel("ask", "sam", "--topic", "pricing loops", "--why",
                  "Because you built one.").stdout
    assert "I'm asking you because you built one." in again
    assert "a 45-minute call" in text
    assert "ongoing conversation" in text
    assert "one-off" not in text
    assert "PRIVATE" not in text
    assert "couple of hours" not in panel("ask", "sam", "--topic", "pricing loops").stderr


@pytest.mark.parametrize("topic", ["product", "career advice", "Can you tell me more?",
                                   "Tell me more about product", "  "])
def test_a_vague_ask_is_refused_with_what_is_missing_and_nothing_to_send(panel, topic):
    result = panel("ask", "sam", "--topic", topic, ok=False)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "nothing was drafted" in result.stderr
    assert "A clear one: mentornet ask NAME --topic" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_ask_with_no_topic_and_nothing_parked_is_refused(panel):
    before = json.loads(panel("show", "dana", "--json").stdout)["touchbases"]
    result = panel("ask", "dana", "--log", ok=False)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no topic" in result.stderr
    assert "mentornet park" in result.stderr
    # refused: nothing was logged either
    assert json.loads(panel("show", "dana", "--json").stdout)["touchbases"] == before


def test_an_ask_that_cannot_say_why_them_is_refused(panel):
    panel("add", "Jo Bloggs", "--kind", "prospect")
    result = panel("ask", "jo", "--topic", "how you price enterprise deals", ok=False)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "nothing says why Jo" in result.stderr
    assert "--why" in result.stderr
    assert panel("ask", "jo", "--topic", "how you price enterprise deals", "--why",
                 "you built the pricing team at Acme").stdout


@pytest.mark.parametrize("args", [["--time", "forever"], ["--time", "0m"],
                                  ["--once", "--ongoing"], ["--via", "pigeon", "--log"]])
def test_bad_ask_options_are_clear_errors(panel, args):
    result = panel("ask", "priya", *args, ok=False)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def test_ask_log_records_an_outreach_awaiting_a_reply(panel):
    result = panel("ask", "sam", "--topic", "pricing loops for ML features", "--log")
    assert "Logged the ask to Sam Wu as an outreach with no reply yet" in result.stderr
    latest = json.loads(panel("show", "sam", "--json").stdout)["touchbases"][0]
    assert latest["happened_on"] == "2026-11-22"
    assert latest["answered"] is False
    assert latest["initiator"] == "me"
    assert latest["channel"] == "email"
    # the same write as log --no-reply: undo takes it back
    assert "ask sam" in panel("undo").stdout


def test_ask_json_has_exactly_the_keys(panel):
    data = json.loads(panel("ask", "priya", "--json").stdout)
    assert list(data) == ["person", "subject", "topic", "why", "time_minutes", "kind",
                          "text", "checks"]
    assert data["person"]["name"] == "Priya Natarajan"
    assert data["topic"] == "How do you decide which pricing experiments to run first?"
    assert data["why"] is None
    assert data["time_minutes"] == 30
    assert data["kind"] == "once"
    assert data["text"] == panel("ask", "priya").stdout
    assert [c["check"] for c in data["checks"]] == ["topic", "why", "time", "kind", "timing"]
    assert all(c["ok"] is True and c["message"] for c in data["checks"])


# update -----------------------------------------------------------------------------------


def test_update_covers_the_news_since_the_last_contact(panel):
    result = panel("update", "sam")
    text = result.stdout
    assert text.startswith("Subject: A quick update from me\n\nHi Sam,\n\nSince we last met "
                           "on 1 September, here is a quick update on what I have been "
                           "working on.\n\n")
    assert "- Got the data team on board\n" in text
    assert "- Progress on “Ship an ML feature”: Ran the first offline test\n" in text
    assert "- A challenge I'm working through: Hiring is slow\n" in text
    assert "Old progress" not in text  # before the last contact
    assert "A question for every formal mentor" not in text  # not news
    assert "PRIVATE" not in text
    assert "session" not in text.lower()
    assert text.count("?") == 1  # one light question, nothing else asked
    assert "How are things going with ml products on your side?" in text
    assert text.endswith("\n\nThanks,\nAlex Kim\n")
    assert "mentornet log \"Sam Wu\"" in result.stderr


def test_update_since_a_date_and_never_since_we_last_met_without_meeting(panel):
    panel("add", "Eve Park", "--org", "Initech", "--focus", "ml products")
    panel("log", "eve", "Emailed about the meetup", "--via", "email", "--on", "2026-09-10",
          today="2026-09-10")
    text = panel("update", "eve").stdout
    assert "since we last met" not in text.lower()
    assert "Since we were last in touch on 10 September" in text
    text = panel("update", "sam", "--since", "2026-10-06").stdout
    assert "since 6 October" in text
    assert "Hiring is slow" in text
    assert "Got the data team" not in text


def test_update_offers_one_way_to_give_back_when_it_has_been_one_sided(panel):
    for day in ("2026-09-15", "2026-10-01", "2026-10-15", "2026-11-01"):
        panel("log", "sam", "Catch-up", "--via", "call", "--on", day, today=day)
    data = json.loads(panel("update", "sam", "--json").stdout)
    assert data["offer"]["kind"] != "question"
    assert data["offer"]["text"] in data["text"]
    assert data["text"].count("?") == 0


def test_update_stays_short(panel):
    for n in range(12):
        panel("park", "sam", f"Win number {n}: " + "a long story about the launch " * 3,
              "--as", "win", today="2026-11-20")
    data = json.loads(panel("update", "sam", "--json").stdout)
    body = data["text"].split("\n\n", 2)[2].rsplit("\n\nThanks,", 1)[0]
    assert _words(body) <= 150
    assert 0 < len(data["items"]) < 14
    assert all(item["text"].split(":")[0] in data["text"] for item in data["items"])
    assert "left out to keep it under 150 words" in panel("update", "sam").stderr


def test_update_json_has_exactly_the_keys(panel):
    data = json.loads(panel("update", "sam", "--json").stdout)
    assert list(data) == ["person", "since", "subject", "items", "offer", "text"]
    assert data["since"] == "2026-09-01"
    assert [i["kind"] for i in data["items"]] == ["win", "progress", "challenge"]
    assert data["text"] == panel("update", "sam").stdout


# thanks -----------------------------------------------------------------------------------


def test_thanks_for_the_latest_help_says_what_came_of_it(panel):
    text = panel("thanks", "dana").stdout
    assert text == (
        "Subject: Thank you for the intro\n\n"
        "Hi Dana,\n\n"
        "Thank you for your help on 6 November: Intro to Mei, who runs pricing.\n\n"
        "Here is what has happened since:\n\n"
        "- Ran my first skip-level\n"
        "- Promoted to \\*senior\\* PM\n\n"
        "Your help made a real difference.\n\n"
        "Thanks,\nAlex Kim\n")
    assert "SECRET" not in text


def test_thanks_for_a_session_quotes_its_advice(panel):
    show = json.loads(panel("show", "dana", "--json").stdout)
    session = show["touchbases"][0]["id"]
    text = panel("thanks", "dana", "--for", f"log:{session}").stdout
    assert "Thank you for the call on 20 October, and for your advice: Delegate more, " \
           "earlier." in text
    assert "SECRET" not in text
    data = json.loads(panel("thanks", "dana", "--for", str(session), "--json").stdout)
    assert data["for"]["type"] in ("touchbase", "favour")


def test_thanks_refuses_what_it_cannot_thank_for(panel):
    panel("give", "dana", "Feedback on her deck", "--kind", "feedback")
    given = json.loads(panel("show", "dana", "--json").stdout)["favours"]
    gift = next(f["id"] for f in given if f["direction"] == "give")
    for args, said in ((["--for", f"got:{gift}"], "a favour you gave"),
                       (["--for", "got:999"], "no favour or touch-base"),
                       (["--for", "banana"], "is not an id")):
        result = panel("thanks", "dana", *args, ok=False)
        assert result.exit_code == 1, args
        assert result.stdout == "", args
        assert said in result.stderr, args
    panel("add", "Nobody Yet")
    result = panel("thanks", "nobody", ok=False)
    assert result.exit_code == 1
    assert "nothing to thank" in result.stderr


def test_thanks_json_has_exactly_the_keys(panel):
    data = json.loads(panel("thanks", "dana", "--json").stdout)
    assert list(data) == ["person", "for", "subject", "text"]
    assert data["for"]["type"] == "favour"
    assert data["for"]["on"] == "2026-11-06"
    assert [o["text"] for o in data["for"]["outcomes"]] == [
        "Ran my first skip-level", "Promoted to *senior* PM"]


# shared -----------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["ask", "priya"], ["update", "sam"],
                                     ["thanks", "dana"]])
def test_out_writes_an_owner_only_file_and_never_over_a_stranger(panel, tmp_path: Path,
                                                                  command):
    target = tmp_path / "note.md"
    result = panel(*command, "--out", str(target))
    assert result.stdout == ""
    assert "Wrote the" in result.stderr
    assert target.read_text().startswith("Subject: ")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    panel(*command, "--json", "--out", str(target))  # a draft of ours: replaced
    assert json.loads(target.read_text())["text"].startswith("Subject: ")
    stranger = tmp_path / "mine.md"
    stranger.write_text("my own notes\n")
    result = panel(*command, "--out", str(stranger), ok=False)
    assert result.exit_code == 1
    assert "--force" in result.stderr
    assert stranger.read_text() == "my own notes\n"
    panel(*command, "--out", str(stranger), "--force")
    assert stranger.read_text().startswith("Subject: ")


def test_unicode_and_markup_in_a_name_are_shown_as_text(panel):
    panel("add", HOSTILE, "--kind", "prospect", "--role", "CTO <i>", "--org", "A&B",
          "--via", "event", "--met", "2026-11-01")
    panel("got", "zoe", "[click](http://evil.test) <script>", today="2026-11-02")
    panel("park", "zoe", "How do you scale <b>teams</b>?", today="2026-11-03")
    for command in (["ask", "zoe"], ["update", "zoe"], ["thanks", "zoe"]):
        text = panel(*command).stdout
        assert "Hi Zoë," in text, command
        for raw in ("<b>", "<i>", "<script>", "[click](", "[x]("):
            assert raw not in text, (command, raw)
        data = json.loads(panel(*command, "--json").stdout)
        assert data["person"]["name"] == HOSTILE
    assert "\\<b\\>teams\\</b\\>" in panel("ask", "zoe").stdout
    assert "CTO \\<i\\> at A\\&B" in panel("ask", "zoe").stdout


def test_without_a_profile_the_drafts_still_read_well(mn):
    mn("add", "Sam Wu", "--org", "Globex", "--focus", "ml products", "--met", "2026-10-01")
    mn("got", "sam", "Reviewed my launch plan", "--kind", "feedback", today="2026-11-01")
    result = mn("ask", "sam", "--topic", "ranking models for search")
    assert result.stdout.startswith("Subject: ")
    assert "I'm " not in result.stdout.split("\n\n")[2]  # no "who I am" without a profile
    assert result.stdout.endswith("\n\nAll the best,\n")
    assert "mentornet me --name" in result.stderr
    assert mn("thanks", "sam").stdout.endswith("All the best,\n")
    assert mn("update", "sam").stdout.endswith("All the best,\n")



def test_an_ask_to_an_imported_contact_says_how_you_are_connected(mn):
    mn("add", "Eli Stone", "--kind", "contact", "--role", "Head of Pricing", "--org", "Hooli",
       "--via", "platform", "--met", "2024-06-05")
    text = mn("ask", "eli", "--topic", "how Hooli prices enterprise plans").stdout
    assert "We connected online on 5 June 2024." in text
    assert "because of your work as Head of Pricing at Hooli." in text
