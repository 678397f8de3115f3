"""`mentornet sync mail`: messages in an mbox or a Maildir become touch-bases, headers only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sync_files import DANA, ME, SAM, SECRET, maildir, mbox, message

pytestmark = pytest.mark.both_engines  # see conftest.py

# Today is 2026-11-22 (conftest); the default window starts 90 days before, 2026-08-24.


@pytest.fixture
def panel(mn) -> None:
    mn("me", "--email", ME)
    mn("add", "Dana Lee", "--kind", "formal", "--email", DANA, "--met", "2025-01-10",
       "--no-meeting")
    mn("add", "Sam Wu", "--email", SAM, "--met", "2025-01-10", "--no-meeting")


def _touchbases(mn, name: str) -> list[dict]:
    """Oldest first."""
    return list(reversed(json.loads(mn("show", name, "--json").stdout)["touchbases"]))


def _brief(mn, name: str) -> list[tuple[str, str, str, bool]]:
    return [(t["happened_on"], t["channel"], t["initiator"], t["answered"])
            for t in _touchbases(mn, name)]


def _due(mn) -> dict[str, list[str]]:
    return {row["name"]: row["flags"] for row in json.loads(mn("due", "--all", "--json").stdout)}


def test_without_your_own_addresses_it_refuses_and_says_how_to_set_them(
        mn, tmp_path: Path, db_path: Path) -> None:
    box = mbox(tmp_path / "mail", message(ME, DANA, "2026-11-02", "a"))
    result = mn("sync", "mail", str(box), ok=False)
    assert result.exit_code == 1
    assert "mentornet me --email" in result.output
    assert "Traceback" not in result.output
    assert not db_path.exists()


def test_a_message_you_sent_is_an_outreach_and_theirs_a_touch_base_they_started(
        mn, panel: None, tmp_path: Path) -> None:
    box = mbox(tmp_path / "mail", message(f"Alex <{ME}>", f"Dana Lee <{DANA}>", "2026-10-01",
                                          "a"),
               message(f"Sam <{SAM}>", ME, "2026-11-03", "b"))
    result = mn("sync", "mail", str(box))
    assert "Recorded 2 touch-bases" in result.stdout
    assert _brief(mn, "dana") == [("2026-10-01", "email", "me", False)]
    assert _brief(mn, "sam") == [("2026-11-03", "email", "them", True)]


def test_a_later_reply_turns_an_unanswered_outreach_into_contact(
        mn, panel: None, tmp_path: Path) -> None:
    first = mbox(tmp_path / "sent", message(ME, DANA, "2026-11-01", "a"),
                 message(ME, DANA, "2026-11-08", "b"))
    mn("sync", "mail", str(first))
    assert _due(mn)["Dana Lee"] == ["unanswered"]  # due's rule: two outreaches, no reply
    reply = mbox(tmp_path / "inbox", message(DANA, ME, "2026-11-12", "c", replying="b"))
    result = mn("sync", "mail", str(reply), "--since", "2026-11-01")
    assert "their reply answers your outreach" in result.stdout
    assert _brief(mn, "dana") == [("2026-11-01", "email", "me", True),
                                  ("2026-11-08", "email", "me", True),
                                  ("2026-11-12", "email", "them", True)]
    assert "unanswered" not in _due(mn)["Dana Lee"]


def test_an_outreach_unanswered_for_more_than_14_days_stays_without_a_reply(
        mn, panel: None, tmp_path: Path) -> None:
    box = mbox(tmp_path / "mail", message(ME, DANA, "2026-10-01", "a"),
               message(DANA, ME, "2026-10-20", "b", replying="a"))
    mn("sync", "mail", str(box))
    assert _brief(mn, "dana") == [("2026-10-01", "email", "me", False),
                                  ("2026-10-20", "email", "them", True)]


def test_one_touch_base_per_person_per_thread_per_day(mn, panel: None,
                                                      tmp_path: Path) -> None:
    box = mbox(tmp_path / "mail",
               message(ME, DANA, "2026-11-02", "a", hour=8),
               message(DANA, ME, "2026-11-02", "b", replying="a", hour=9),
               message(ME, DANA, "2026-11-02", "c", replying="a", hour=10),
               message(ME, DANA, "2026-11-02", "d", hour=11),  # another thread
               message(DANA, ME, "2026-11-03", "e", replying="a"))  # the next day
    mn("sync", "mail", str(box))
    assert _brief(mn, "dana") == [("2026-11-02", "email", "me", True),
                                  ("2026-11-02", "email", "me", True),  # answered the next day
                                  ("2026-11-03", "email", "them", True)]


@pytest.mark.parametrize("headers", [{"List-Id": "<team.lists.example>"},
                                     {"Auto-Submitted": "auto-replied"},
                                     {"Precedence": "bulk"}])
def test_mailing_lists_and_automated_messages_are_skipped(mn, panel: None, tmp_path: Path,
                                                          headers: dict[str, str]) -> None:
    box = mbox(tmp_path / "mail", message(DANA, ME, "2026-11-02", "a", headers=headers))
    result = mn("sync", "mail", str(box))
    assert "Recorded 0 touch-bases" in result.stdout
    assert "a mailing list or an automated message: 1" in result.stdout
    assert _touchbases(mn, "dana") == []


def test_no_reply_senders_are_skipped_and_never_suggested(mn, panel: None,
                                                          tmp_path: Path) -> None:
    mn("edit", "dana", "--email", "no-reply@acme.example")
    box = mbox(tmp_path / "mail", message("no-reply@acme.example", ME, "2026-11-02", "a"),
               message("notifications@tool.example", ME, "2026-11-02", "b"))
    result = mn("sync", "mail", str(box), "--suggest")
    assert "a no-reply sender: 2" in result.stdout
    assert _touchbases(mn, "dana") == []
    assert "notifications@" not in result.stdout


def test_a_message_to_more_than_max_people_is_skipped(mn, panel: None,
                                                     tmp_path: Path) -> None:
    crowd = [f"p{n}@crowd.example" for n in range(8)]
    box = mbox(tmp_path / "mail", message(ME, [DANA, *crowd], "2026-11-02", "a"),
               message(ME, [SAM, *crowd[:7]], "2026-11-03", "b"))
    result = mn("sync", "mail", str(box), "--dry-run")
    assert "more than 8 recipients: 1" in result.stdout
    mn("sync", "mail", str(box), "--max-people", "3")
    assert _touchbases(mn, "dana") == []
    assert _touchbases(mn, "sam") == []
    mn("undo")
    mn("sync", "mail", str(box), "--max-people", "9")
    assert len(_touchbases(mn, "dana")) == 1


def test_bodies_are_never_read_into_the_database(mn, panel: None, tmp_path: Path,
                                                 db_path: Path) -> None:
    box = mbox(tmp_path / "mail", message(ME, DANA, "2026-11-02", "a", subject="Private plan"),
               message(DANA, ME, "2026-11-03", "b", replying="a"),
               message("ana@unknown.example", ME, "2026-11-04", "c"))
    folder = maildir(tmp_path / "Maildir", message(SAM, ME, "2026-11-05", "d"))
    mn("sync", "mail", str(box), str(folder))
    mn("export", "--out", str(tmp_path / "export.json"))
    stored = b"".join(path.read_bytes() for path in db_path.parent.rglob("*")
                      if path.is_file())
    assert len(_touchbases(mn, "dana")) == 2
    assert SECRET.encode() not in stored
    assert b"Private plan" not in stored  # nor subjects, unless --with-subjects
    assert SECRET not in (tmp_path / "export.json").read_text(encoding="utf-8")


def test_with_subjects_the_subject_is_the_touch_base_s_note(mn, panel: None,
                                                            tmp_path: Path) -> None:
    box = mbox(tmp_path / "mail", message(ME, DANA, "2026-11-02", "a", subject="Pricing test"))
    result = mn("sync", "mail", str(box), "--with-subjects")
    assert "Pricing test" in result.stdout
    assert _touchbases(mn, "dana")[0]["notes"] == "Pricing test"


def test_a_second_sync_adds_nothing(mn, panel: None, tmp_path: Path) -> None:
    box = mbox(tmp_path / "mail", message(ME, DANA, "2026-11-02", "a"),
               message(DANA, ME, "2026-11-03", "b", replying="a"))
    mn("sync", "mail", str(box))
    once = mn("export").stdout
    result = mn("sync", "mail", str(box), "--since", "2026-10-01")
    assert "Recorded 0 touch-bases" in result.stdout
    assert "synced before: 2" in result.stdout
    assert json.loads(mn("export").stdout)["touchbases"] == json.loads(once)["touchbases"]


def test_a_touch_base_logged_by_hand_that_day_is_not_duplicated(mn, panel: None,
                                                                tmp_path: Path) -> None:
    mn("log", "dana", "Emailed about the reorg", "--via", "email", "--on", "2026-11-02")
    box = mbox(tmp_path / "mail", message(ME, DANA, "2026-11-02", "a"),
               message(ME, DANA, "2026-11-06", "b"))
    result = mn("sync", "mail", str(box))
    assert "already logged" in result.stdout
    assert [t["happened_on"] for t in _touchbases(mn, "dana")] == ["2026-11-02", "2026-11-06"]
    assert _touchbases(mn, "dana")[0]["notes"] == "Emailed about the reorg"


def test_dry_run_lists_per_person_and_writes_nothing(mn, panel: None, tmp_path: Path,
                                                    db_path: Path) -> None:
    box = mbox(tmp_path / "mail", message(ME, DANA, "2026-11-02", "a"),
               message(SAM, ME, "2026-11-03", "b"))
    before = db_path.read_bytes()
    result = mn("sync", "mail", str(box), "--dry-run")
    assert "Would record 2 touch-bases" in result.stdout
    assert result.stdout.index("Dana Lee (#1)") < result.stdout.index("2026-11-02")
    assert result.stdout.index("Sam Wu (#2)") < result.stdout.index("2026-11-03")
    assert db_path.read_bytes() == before


def test_a_sync_is_one_change_that_undo_takes_back(mn, panel: None, tmp_path: Path) -> None:
    before = mn("export").stdout
    box = mbox(tmp_path / "mail", message(ME, DANA, "2026-11-02", "a"),
               message(SAM, ME, "2026-11-03", "b"))
    mn("sync", "mail", str(box))
    assert "Undid `sync mail`" in mn("undo").stdout
    assert mn("export").stdout == before
    assert "mail: never" in mn("doctor").stdout.replace("your ", "")


def test_since_defaults_to_the_last_sync_or_90_days(mn, panel: None, tmp_path: Path) -> None:
    box = mbox(tmp_path / "mail", message(ME, DANA, "2026-08-20", "old"),
               message(ME, DANA, "2026-08-25", "recent"))
    result = mn("sync", "mail", str(box))
    assert "since 2026-08-24" in result.stdout
    assert [t["happened_on"] for t in _touchbases(mn, "dana")] == ["2026-08-25"]
    later = mn("sync", "mail", str(box), today="2026-11-30")
    assert "since 2026-11-22" in later.stdout  # the day of the last sync
    mn("sync", "mail", str(box), "--since", "2026-08-01")
    assert [t["happened_on"] for t in _touchbases(mn, "dana")] == ["2026-08-20", "2026-08-25"]


def test_doctor_reports_the_last_sync_of_each_source(mn, panel: None, tmp_path: Path) -> None:
    assert "Last sync of your calendar: never; of your mail: never" in mn("doctor").stdout
    mn("sync", "mail", str(mbox(tmp_path / "mail", message(ME, DANA, "2026-11-02", "a"))))
    assert "of your mail: 2026-11-22" in mn("doctor").stdout


def test_an_unreadable_file_stops_the_sync_unless_skip_invalid(mn, panel: None,
                                                               tmp_path: Path) -> None:
    good = mbox(tmp_path / "good", message(ME, DANA, "2026-11-02", "a"))
    bad = tmp_path / "notes.txt"
    bad.write_text("just some text\n", encoding="utf-8")
    missing = tmp_path / "nowhere"
    result = mn("sync", "mail", str(good), str(bad), ok=False)
    assert result.exit_code == 1
    assert str(bad) in result.output
    assert "--skip-invalid" in result.output
    assert _touchbases(mn, "dana") == []
    result = mn("sync", "mail", str(good), str(bad), str(missing), "--skip-invalid")
    assert f"skipped (--skip-invalid): {bad}" in result.stdout
    assert f"{missing}: no such file or folder" in result.stdout
    assert len(_touchbases(mn, "dana")) == 1


def test_nobody_is_created_and_unknown_addresses_are_counted_and_suggested(
        mn, panel: None, tmp_path: Path) -> None:
    box = mbox(tmp_path / "mail", *(message("ana@unknown.example", ME, "2026-11-0" + str(n),
                                            f"a{n}") for n in range(1, 4)),
               message(ME, "bo@unknown.example", "2026-11-05", "b"))
    result = mn("sync", "mail", str(box))
    assert "2 addresses belong to nobody in mentornet (--suggest" in result.stdout
    suggested = mn("sync", "mail", str(box), "--suggest", "--dry-run",
                   "--since", "2026-11-01").stdout
    assert suggested.index("ana@unknown.example") < suggested.index("bo@unknown.example")
    assert "   3  ana@unknown.example" in suggested
    assert len(json.loads(mn("list", "--json").stdout)) == 2
    assert json.loads(mn("list", "--json", "--kind", "contact").stdout) == []


def test_contacts_off_the_panel_get_no_touch_bases(mn, panel: None, tmp_path: Path) -> None:
    mn("add", "Eli Stone", "--kind", "contact", "--email", "eli@stone.example")
    box = mbox(tmp_path / "mail", message("eli@stone.example", ME, "2026-11-02", "a"))
    result = mn("sync", "mail", str(box), "--suggest")
    assert "1 message with contacts (not on your panel) left alone" in result.stdout
    assert _touchbases(mn, "eli") == []
    assert "eli@stone.example" not in result.stdout


def test_a_maildir_and_every_address_of_a_person_are_read(mn, panel: None,
                                                          tmp_path: Path) -> None:
    mn("edit", "dana", "--email", "dana@home.example")
    mn("me", "--email", ME, "--email", "alex@home.example")
    root = tmp_path / "Mail"
    maildir(root / "work" / "INBOX", message("Dana@Home.example", ME, "2026-11-02", "a"))
    maildir(root / "home" / "Sent", message("alex@home.example", DANA, "2026-11-04", "b"))
    mn("sync", "mail", str(root))
    assert _brief(mn, "dana") == [("2026-11-02", "email", "them", True),
                                  ("2026-11-04", "email", "me", False)]


def test_a_folder_without_any_maildir_is_refused(mn, panel: None, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = mn("sync", "mail", str(tmp_path / "empty"), ok=False)
    assert result.exit_code == 1
    assert "holds no Maildir" in result.output
