"""`mentornet due` and `mentornet config` through the command line, over a scripted year."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.both_engines  # see conftest.py

JSON_KEYS = {"id", "name", "kind", "score", "flags", "reasons", "last_contact", "next_due",
             "next_session"}


def due(mn, today: str, *args: str) -> list[dict]:
    rows = json.loads(mn("due", "--json", *args, today=today).stdout)
    for row in rows:
        assert set(row) == JSON_KEYS
    return rows


def brief(mn, today: str) -> str:
    result = mn("due", "--brief", today=today)
    return result.stdout.rstrip("\n")


def by_name(rows: list[dict]) -> dict[str, dict]:
    return {row["name"]: row for row in rows}


def test_a_year_with_a_panel(mn) -> None:
    # January: a new formal mentor, followed up within the week
    mn("add", "Dana Lee", "--kind", "formal", "--via", "skip-level", today="2026-01-05")
    assert brief(mn, "2026-01-05") == "1 to update: Dana Lee (follow up after the first meeting)"
    [dana] = due(mn, "2026-01-05")
    assert dana["flags"] == ["takeoff"]
    assert dana["next_due"] == "2026-01-19"  # 14 days after the first meeting
    mn("log", "dana", "Thanks for your time", "--via", "message", today="2026-01-12")
    assert brief(mn, "2026-01-12") == ""

    # an informal mentor last seen in September, back-filled
    mn("add", "Sam Wu", "--met", "2025-09-01", today="2026-01-12")
    mn("log", "sam", "Coffee near the office", "--via", "coffee", "--on", "2025-09-20",
       today="2026-01-12")
    [sam] = due(mn, "2026-01-12")
    assert sam["flags"] == ["due"]
    assert sam["reasons"][0] == ("16 weeks since your last coffee (every 12 weeks); a short "
                                 'update keeps it warm: mentornet update "Sam Wu"')
    assert sam["last_contact"] == "2025-09-20"
    assert sam["next_due"] == "2025-12-13"
    assert brief(mn, "2026-01-12") == "1 to update: Sam Wu (due)"
    assert brief(mn, "2026-01-23") == "1 to update: Sam Wu (due)"  # 125 days
    assert brief(mn, "2026-01-24") == "1 to update: Sam Wu (stale)"  # 126 days: 1.5 x 84
    mn("give", "sam", "Intro to a hiring manager", "--kind", "intro", today="2026-01-26")
    mn("log", "sam", "Caught up on the phone", "--via", "call", today="2026-01-26")
    assert due(mn, "2026-01-26") == []

    # February: Dana is due again; a prospect met at an event; a session is scheduled
    assert brief(mn, "2026-02-08") == ""
    assert brief(mn, "2026-02-09") == "1 to update: Dana Lee (due)"  # 28 days
    mn("add", "Ana Ruiz", "--kind", "prospect", "--via", "event", "--met", "2026-02-06",
       today="2026-02-09")
    assert brief(mn, "2026-02-09") == (  # the takeoff first
        "2 to update: Ana Ruiz (follow up after the first meeting), Dana Lee (due)")
    mn("schedule", "dana", "2026-02-11", today="2026-02-09")
    rows = due(mn, "2026-02-09")
    assert [row["name"] for row in rows] == ["Dana Lee", "Ana Ruiz"]
    assert rows[0] == {**rows[0], "id": 1, "kind": "formal", "flags": ["due", "session-soon"],
                       "last_contact": "2026-01-12", "next_due": "2026-02-09",
                       "next_session": "2026-02-11"}
    assert brief(mn, "2026-02-09") == (
        "2 to update: Dana Lee (session in 2 days), Ana Ruiz (follow up after the first "
        "meeting)")
    assert brief(mn, "2026-02-10").startswith("2 to update: Dana Lee (session tomorrow)")
    mn("todo", "add", "ana", "Send the article on gaming PM teams", "--due", "2026-02-13",
       today="2026-02-10")
    mn("log", "dana", "Monthly session", "--via", "video", today="2026-02-11")
    assert brief(mn, "2026-02-11") == "1 to update: Ana Ruiz (follow up after the first meeting)"
    assert brief(mn, "2026-02-13") == "1 to update: Ana Ruiz (follow up after the first meeting)"
    assert brief(mn, "2026-02-14") == "1 to update: Ana Ruiz (follow-up overdue)"
    [ana] = due(mn, "2026-02-14")
    assert ana["flags"] == ["takeoff", "followup-overdue"]
    mn("todo", "done", "1", today="2026-02-14")
    mn("log", "ana", "Sent the article", "--via", "email", today="2026-02-14")
    assert brief(mn, "2026-02-14") == ""

    # spring: Dana every four weeks; a formal mentor who stops answering
    for day in ("2026-03-10", "2026-04-07", "2026-05-05"):
        mn("log", "dana", "Monthly session", "--via", "video", today=day)
    mn("add", "Lee Quiet", "--kind", "formal", "--met", "2026-03-02", today="2026-03-02")
    mn("log", "quiet", "Follow-up coffee", "--via", "coffee", today="2026-03-10")
    for day in ("2026-04-20", "2026-05-04", "2026-05-08"):
        mn("log", "quiet", "Asked for 30 minutes", "--via", "message", "--no-reply", today=day)
    rows = due(mn, "2026-05-11")
    assert [(row["name"], row["flags"]) for row in rows] == [
        ("Ana Ruiz", ["due", "stale"]),
        ("Sam Wu", ["due"]),
        ("Lee Quiet", ["unanswered"]),  # waiting for a reply, after everyone else
    ]
    assert rows[2]["reasons"] == ["your last 3 outreaches got no reply: leave them be for "
                                  "now; around Jun 5 try once more, with one specific ask"]
    assert brief(mn, "2026-05-11") == "2 to update: Ana Ruiz (stale), Sam Wu (due)"
    table = mn("due", today="2026-05-11").stdout
    assert "2 people to update" in table
    assert table.index("Waiting for a reply") > table.index("Sam Wu")
    everyone = by_name(due(mn, "2026-05-11", "--all"))
    assert everyone["Dana Lee"]["flags"] == ["one-sided"]  # six touch-bases, nothing given
    assert everyone["Dana Lee"]["reasons"][0] == "all good: next touch-base by Jun 2"

    # snoozed and paused people step aside
    mn("snooze", "ana", "2026-05-20", today="2026-05-11")
    mn("edit", "quiet", "--status", "paused", today="2026-05-11")
    assert brief(mn, "2026-05-11") == "1 to update: Sam Wu (due)"
    assert {row["name"] for row in due(mn, "2026-05-11", "--all")} == {
        "Dana Lee", "Sam Wu", "Ana Ruiz", "Lee Quiet"}
    assert brief(mn, "2026-05-19") == "1 to update: Sam Wu (due)"
    assert brief(mn, "2026-05-20") == "2 to update: Ana Ruiz (stale), Sam Wu (due)"

    # summer: Dana's sessions go on; giving back clears one-sided
    for day in ("2026-06-02", "2026-06-30", "2026-07-28"):
        mn("log", "dana", "Monthly session", "--via", "video", today=day)
    assert "one-sided" in by_name(due(mn, "2026-08-03", "--all"))["Dana Lee"]["flags"]
    mn("give", "dana", "Usability notes on her team's app", "--kind", "feedback",
       today="2026-08-03")
    assert by_name(due(mn, "2026-08-03", "--all"))["Dana Lee"]["flags"] == []
    assert [row["name"] for row in due(mn, "2026-08-03")] == ["Ana Ruiz", "Sam Wu"]

    # autumn: a mentee, and a session that outranks everything
    mn("add", "Leo Martins", "--kind", "mentee", "--met", "2026-09-01", today="2026-09-01")
    mn("log", "leo", "First mentoring call", "--via", "video", today="2026-09-08")
    mn("log", "dana", "Session", "--next", "2026-10-02", today="2026-09-30")
    rows = due(mn, "2026-10-01")
    assert rows[0]["name"] == "Dana Lee"
    assert rows[0]["flags"] == ["session-soon"]
    assert "Leo Martins" not in by_name(rows)  # 23 days since the first call
    assert by_name(due(mn, "2026-10-06"))["Leo Martins"]["flags"] == ["due"]  # 4 weeks

    # December: the table and the receipt
    table = mn("due", today="2026-12-28").stdout
    assert "to update" in table
    assert "Ana Ruiz" in table
    assert "Lee Quiet" not in table
    receipt = mn("due", "--explain", "sam", today="2026-12-28").stdout
    assert "contact" in receipt
    assert "Score" in receipt
    assert "every 84 days" in receipt


def test_limit_keeps_the_most_urgent(mn) -> None:
    for name, met, again in (("Ann Old", "2026-01-01", "2026-01-08"),
                             ("Bob Older", "2025-06-01", "2025-06-08"),
                             ("Cy New", "2026-11-20", None)):
        mn("add", name, "--met", met, "--kind", "formal")
        if again:
            mn("log", name.split()[0], "--on", again, "--via", "call")
    rows = due(mn, "2026-11-22", "--limit", "2")
    assert [row["name"] for row in rows] == ["Cy New", "Bob Older"]  # the takeoff first
    assert mn("due", "--brief", "--limit", "1").stdout == (
        "3 to update: Cy New (follow up after the first meeting) and 2 more\n")


def test_nothing_due_says_so_kindly_and_brief_prints_nothing(mn) -> None:
    result = mn("due")
    assert "Your panel is empty" in result.stdout
    assert mn("due", "--brief").stdout == ""
    assert due(mn, "2026-11-22") == []
    mn("add", "Dana Lee", "--kind", "formal", "--met", "2026-11-01")
    mn("log", "dana", "--via", "call")
    assert "Nobody needs an update today" in mn("due").stdout
    assert mn("due", "--brief").stdout == ""


def test_a_panel_of_people_set_aside_is_not_called_empty(mn) -> None:
    mn("add", "Dana Lee", "--kind", "formal", "--met", "2025-01-01")
    mn("edit", "dana", "--status", "paused")
    assert "Nobody needs an update today" in mn("due").stdout
    assert [row["name"] for row in due(mn, "2026-11-22", "--all")] == ["Dana Lee"]


def test_explain_prints_the_receipt_of_one_person(mn) -> None:
    mn("add", "Dana Lee", "--kind", "formal", "--met", "2026-09-01")
    mn("log", "dana", "--on", "2026-10-14", "--via", "coffee")
    mn("schedule", "dana", "tomorrow")
    out = mn("due", "--explain", "dana").stdout
    assert "Dana Lee (#1, formal, every 28 days)" in out
    assert "5 weeks since your last coffee (every 4 weeks)" in out
    assert "session" in out
    assert "+90.0" in out
    assert "Flags: due, session-soon" in out
    data = json.loads(mn("due", "--explain", "dana", "--json").stdout)
    assert data["flags"] == ["due", "session-soon"]
    assert [term["term"] for term in data["terms"]] == ["contact", "session"]
    assert data["score"] == round(sum(term["points"] for term in data["terms"]), 1)


def test_explain_an_unknown_person_is_a_clear_error(mn) -> None:
    mn("add", "Dana Lee")
    result = mn("due", "--explain", "zed", ok=False)
    assert result.exit_code == 1
    assert "'zed'" in result.stderr


def test_brief_does_not_mix_with_json_or_explain(mn) -> None:
    result = mn("due", "--brief", "--json", ok=False)
    assert result.exit_code == 2


def test_names_are_printed_safely(mn) -> None:
    mn("add", "[bold]Eve\x1b[2J", "--kind", "formal", "--met", "2026-01-01")
    out = mn("due").stdout
    assert "[bold]Eve" in out
    assert "\x1b" not in out
    line = mn("due", "--brief").stdout
    assert "\x1b" not in line
    assert line.startswith("1 to update: [bold]Eve")


# Settings ----------------------------------------------------------------------------------

@pytest.fixture
def config_file() -> Path:
    return Path(os.environ["MENTORNET_CONFIG"])


def test_the_settings_file_changes_cadence_and_thresholds(mn, config_file: Path) -> None:
    mn("add", "Dana Lee", "--kind", "formal", "--met", "2026-10-01")
    mn("log", "dana", "--on", "2026-11-01", "--via", "call")
    assert due(mn, "2026-11-22") == []  # 21 days, every 4 weeks
    config_file.write_text('[cadence]\nformal = "2w"\n\n[due]\nstale_at = 1.5\n')
    [dana] = due(mn, "2026-11-22")
    assert dana["flags"] == ["due", "stale"]  # 21 days: 1.5 x 14
    config_file.write_text("[cadence]\nformal = 14\n[due]\ndue_at = 2.0\nstale_at = 3\n")
    assert due(mn, "2026-11-22") == []


def test_config_shows_each_value_and_where_it_comes_from(mn, config_file: Path) -> None:
    out = mn("config").stdout
    assert str(config_file) in out
    assert "no file yet" in out
    assert "cadence.formal" in out
    assert "4 weeks" in out
    assert "default" in out
    assert "To change them" in out
    config_file.write_text('[cadence]\nprospect = "2w"\n')
    data = json.loads(mn("config", "--json").stdout)
    assert data["cadence.prospect"] == {"value": 14, "source": "config file"}
    assert data["cadence.formal"] == {"value": 28, "source": "default"}
    assert data["due.due_at"] == {"value": 1.0, "source": "default"}
    assert data["due.stale_at"] == {"value": 1.5, "source": "default"}
    assert data["config_file"]["source"] == "MENTORNET_CONFIG"
    assert data["database"]["source"] == "MENTORNET_DB"
    assert data["today"] == {"value": "2026-11-22", "source": "MENTORNET_TODAY"}


@pytest.mark.parametrize(("text", "says"), [
    ("[cadence\nformal = 3", "is not valid TOML"),
    ("[cadence]\nformall = 14\n", "unknown setting cadence.formall"),
    ("[cadense]\nformal = 14\n", "unknown section [cadense]"),
    ("[cadence]\nformal = \"often\"\n", "can't read the interval 'often'"),
    ("[cadence]\nformal = 0\n", "between 1 and"),
    ("[due]\ndue_at = 2.0\nstale_at = 1.5\n", "below due.due_at"),
    ("[due]\nstale_at = \"lots\"\n", "due.stale_at"),
])
def test_a_broken_settings_file_is_a_clear_error(mn, config_file: Path, text: str,
                                                 says: str) -> None:
    config_file.write_text(text)
    for command in (("due",), ("config",)):
        result = mn(*command, ok=False)
        assert result.exit_code == 1
        assert says in result.stderr
        assert str(config_file) in result.stderr
        assert "Traceback" not in result.output


# Start-up cost -----------------------------------------------------------------------------

def test_due_never_imports_the_orm() -> None:
    env = {**os.environ, "MENTORNET_TODAY": "2026-11-22"}  # the test's database and config
    # a follow-up overdue today was promised, before its due day, in October
    for args, day in ((["add", "Dana Lee", "--kind", "formal", "--met", "2026-09-01"], None),
                      (["todo", "add", "dana", "Send the deck", "--due", "2026-11-01"],
                       "2026-10-20")):
        subprocess.run([sys.executable, "-m", "mentornet", *args], check=True,
                       env={**env, "MENTORNET_TODAY": day or env["MENTORNET_TODAY"]},
                       capture_output=True)
    script = textwrap.dedent("""
        import sys
        from mentornet.cli.main import app
        for args in (["due"], ["due", "--json"], ["due", "--brief"], ["due", "--all"],
                     ["due", "--explain", "dana"], ["config"]):
            app(args, standalone_mode=False)
        heavy = sorted(name for name in sys.modules
                       if name.split(".")[0] in ("sqlalchemy", "sqlmodel", "pydantic"))
        print("HEAVY:", heavy)
    """)
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                            text=True, check=True)
    assert "HEAVY: []" in result.stdout, result.stdout[-2000:]
    assert "Dana Lee" in result.stdout


def test_the_table_stops_at_20_rows_so_the_most_urgent_stay_in_view(mn) -> None:
    for n in range(1, 24):
        mn("add", f"Person {n:02d}", "--kind", "formal", "--met", f"2026-0{1 + n % 9}-01",
           "--no-meeting")
    assert len(due(mn, "2026-11-22")) == 23
    out = mn("due").stdout
    assert "23 people to update (the first 20 shown)" in out
    assert "and 3 more: `mentornet due --limit 23`" in out
    # The hint under the table is wrapped to the terminal, never cut short.
    hint = " ".join(out.split("and 3 more:")[1].split())
    assert hint == ("`mentornet due --limit 23` shows them all. `mentornet due --explain "
                    "NAME` shows how a score adds up.")
    assert all(len(line) <= 100 for line in out.splitlines())  # COLUMNS, as the tests set
    assert "and 3 more" not in mn("due", "--limit", "23").stdout
    assert "more:" not in mn("due", "--all").stdout


def test_the_update_due_asks_for_once_logged_is_not_asked_for_again(mn) -> None:
    def reasons(*args: str, today: str) -> str:
        rows = json.loads(mn("due", "--json", *args, today=today).stdout)
        return " ".join(reason for row in rows for reason in row["reasons"])

    mn("add", "Zoë Müller", "--kind", "informal", "--last-contact", "2026-07-15",
       today="2026-10-01")
    assert 'a short update keeps it warm: mentornet update "Zoë Müller"' in reasons(
        today="2026-11-05")
    mn("log", "Zoë Müller", "Sent an update", "--via", "email", "--no-reply",
       today="2026-11-05")
    assert "Zoë" not in mn("due", today="2026-11-05").stdout
    assert "waiting for a reply to your outreach of Nov 5: nothing due before Nov 19" in \
        reasons("--all", today="2026-11-05")
    shown = " ".join(mn("show", "zoe", today="2026-11-05").stdout.replace("│", " ").split())
    assert "waiting for a reply to your outreach of 2026-11-05 (until 2026-11-19)" in shown
    later = reasons(today="2026-11-19")
    assert "no reply yet to your outreach of Nov 5: try once more, another way" in later
    assert "mentornet update" not in later
