"""The export written as it is read gives the very text of the whole document at once.

json_rows.py formats each row by hand, a batch at a time; these tests hold its text to
`dumps()` of the same document (the json module's indented, sorted text, made inert), on
texts that need escaping, in batches of every size.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from mentornet.io import json_export, json_rows
from mentornet.store import Store
from mentornet.store.api import writing

NASTY = ("quote \" backslash \\ newline \n tab \t nul \x00 del \x7f c1 \x9b bidi \u202e "
         "é 中文 emoji 🙂 \u2028 end")


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "panel.db"
    now = datetime(2026, 11, 22, 12, 30, 1, 250, tzinfo=UTC)
    with writing(path, description="fixture", now=now) as tx:
        for n in range(7):
            pid = tx.add_person(name=f"{NASTY} {n}", kind="formal", role=NASTY, org=None,
                                via=None, met_on=date(2026, 1, 1 + n),
                                focus=[NASTY, "b"] if n % 2 else [], cadence_days=n or None,
                                email=None, link=None, note=NASTY, force=False,
                                first_meeting=True)
            tx.log_touchbase(person_id=pid, on=date(2026, 2, 1), channel="call",
                             initiator="them", answered=bool(n % 2), notes=NASTY,
                             topics=[NASTY], feedback=None, discussed=[], next_session=None)
            tx.add_favour(person_id=pid, direction="give", on=date(2026, 3, 1), kind="intro",
                          description=NASTY)
            tx.park(person_id=pid if n % 3 else None, kind="idea", text=NASTY,
                    on=date(2026, 4, 1))
            tx.add_followup(person_id=pid, text=NASTY, due=None, today=date(2026, 5, 1))
        tx.add_favour(person_id=1, direction="got", on=date(2026, 3, 2), kind="info",
                      description="only ASCII, and a DEL: \x7f")  # a piece of its own
        goal = tx.add_goal(text=NASTY, target=None, focus=[NASTY], mentor_ids=[1, 2],
                           today=date(2026, 6, 1))
        tx.add_progress(goal, NASTY, today=date(2026, 7, 1))
    return path


@pytest.mark.parametrize("batch", [1, 2, 3, 1000])
def test_the_streamed_text_is_the_whole_document_s(store_path: Path, batch: int,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_export, "_BATCH", batch)
    with Store(store_path) as store:
        pieces = list(json_export.export_chunks(store))
    text = "".join(pieces)
    assert len(pieces) > (7 // batch)  # it did come in pieces
    assert text == json_export.dumps(json.loads(text))
    assert "\x7f" not in text
    assert "\u202e" not in text
    assert "\x9b" not in text
    document = json.loads(text)
    assert document["people"][1]["role"] == NASTY
    assert document["people"][1]["focus"] == [NASTY, "b"]
    assert [t["answered"] for t in document["touchbases"][:2]] == [True, False]
    assert document["people"][0]["created_at"] == "2026-11-22T12:30:01.000250+00:00"


def test_an_empty_panel_exports_empty_lists(tmp_path: Path) -> None:
    with Store(tmp_path / "none.db") as store:
        text = json_export.export_json(store)
    assert text == json_export.dumps(json.loads(text))
    assert json.loads(text)["people"] == []


def test_moments_read_as_stored_or_written_otherwise() -> None:
    assert json_rows.iso_moment("2026-11-22 12:00:00.000000") == "2026-11-22T12:00:00+00:00"
    assert json_rows.iso_moment("2026-11-22 12:00:00.000100") == (
        "2026-11-22T12:00:00.000100+00:00")
    assert json_rows.iso_moment("2026-11-22T12:00:00+02:00") == "2026-11-22T12:00:00+02:00"
    assert json_rows.iso_moment("garbage") == "garbage"
    assert json_rows.iso_moment(None) is None


def _quick_rows(store: Store, section: str) -> list[str]:
    """The rows of a section as the export writes them."""
    table, keys, write, _ = json_rows._section_writer(section)
    return [write(*row) for row in store.rows(table, columns=keys)]


def _one_value_at_a_time(store: Store, section: str) -> list[str]:
    """The rows of a section written the plain way: each stored value by its writer."""
    table, record, stamps = json_rows._SECTIONS[section]
    writers = {name: json_rows._writer(kind) for name, kind in record.__annotations__.items()}
    writers.update((stamp, json_rows._moment) for stamp in stamps)
    keys = sorted(writers)
    return ["    {\n" + ",\n".join(f"      {json.dumps(key)}: {writers[key](value)}"
                                  for key, value in zip(keys, row, strict=True)) + "\n    }"
            for row in store.rows(table, columns=keys)]


def test_values_another_program_stored_are_written_by_their_own_rules(
        store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Every value the quick row writer writes inline, and every kind it leaves to the
    # value's writer: a timestamp in another form, a flag that is text or a real number, a
    # list that is no list, a real number, bytes, text that is not UTF-8; rows with gaps
    # between their ids, read in batches smaller than the table.
    import sqlite3

    conn = sqlite3.connect(store_path, isolation_level=None)
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("UPDATE touchbase SET created_at = '2026-11-22T12:00:00+02:00', "
                 "answered = 'yes', topics = '[\"a\", 1]' WHERE id = 2")
    conn.execute("UPDATE touchbase SET created_at = 20261122, answered = 0.0, topics = '[ ]', "
                 "notes = CAST(x'4142ff43' AS TEXT) WHERE id = 3")
    conn.execute("UPDATE touchbase SET feedback = 2.5, topics = '[\"b\", \"c\\u00e9\"]', "
                 "notes = x'6869' WHERE id = 4")
    conn.execute("UPDATE person SET cadence_days = 1.5, focus = 'not a list', "
                 "updated_at = '2026-11-22 12:00:00' WHERE id = 2")
    conn.execute("DELETE FROM touchbase WHERE id = 5")
    # a stamp in the usual form but other digits; a group id that is text, or real
    conn.execute("UPDATE touchbase SET group_id = 'g7', created_at = ? WHERE id = 6",
                 ("\u0662\u0660\u0662\u0666-11-22 12:00:00.000000",))
    conn.execute("UPDATE touchbase SET group_id = 2.5 WHERE id = 7")
    conn.close()
    monkeypatch.setattr(json_export, "_BATCH", 2)
    with Store(store_path) as store:
        for section in json_rows._SECTIONS:
            assert _quick_rows(store, section) == _one_value_at_a_time(store, section), \
                section
        text = json_export.export_json(store)
    assert text == json_export.dumps(json.loads(text))
    touchbases = {row["id"]: row for row in json.loads(text)["touchbases"]}
    assert 5 not in touchbases
    assert touchbases[2]["created_at"] == "2026-11-22T12:00:00+02:00"
    assert touchbases[2]["answered"] is True
    assert touchbases[2]["topics"] == '["a", 1]'
    assert touchbases[3]["notes"] == "AB\ufffdC"
    assert touchbases[3]["answered"] is False
    assert touchbases[3]["topics"] == []
    assert touchbases[4]["topics"] == ["b", "cé"]
    assert touchbases[6]["created_at"] == "\u0662\u0660\u0662\u0666-11-22T12:00:00+00:00"
    assert touchbases[6]["group_id"] == "g7"
    assert touchbases[7]["group_id"] == 2.5
    people = {row["id"]: row for row in json.loads(text)["people"]}
    assert people[2]["cadence_days"] == 1.5
    assert people[2]["focus"] == "not a list"
    assert people[2]["updated_at"] == "2026-11-22T12:00:00+00:00"


def test_a_long_table_reads_the_same_in_batches_whatever_its_text(tmp_path: Path) -> None:
    # The rows by id, a batch at a time: text that is not UTF-8 in one batch is read with
    # its bad bytes replaced, as every read does, and the other batches are unchanged.
    import sqlite3

    path = tmp_path / "panel.db"
    with writing(path, description="fixture", now=datetime(2026, 11, 22, tzinfo=UTC)) as tx:
        pid = tx.add_person(name="Ana", kind="formal", role=None, org=None, via=None,
                            met_on=None, focus=[], cadence_days=None, email=None, link=None,
                            note=None, force=False, first_meeting=False)
        for n in range(9):
            tx.log_touchbase(person_id=pid, on=date(2026, 2, 1 + n), channel="call",
                             initiator="me", answered=True, notes=f"note {n}", topics=[],
                             feedback=None, discussed=[], next_session=None)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("UPDATE touchbase SET notes = CAST(x'ff' AS TEXT) WHERE id = 4")
    conn.execute("DELETE FROM touchbase WHERE id IN (2, 3)")
    conn.close()
    with Store(path) as store:
        rows = list(store.rows("touchbase", columns=("notes", "id"), batch=2))
        without_id = list(store.rows("touchbase", columns=("notes",), batch=3))
    assert rows == [("note 0", 1), ("\ufffd", 4), *((f"note {n - 1}", n) for n in range(5, 10))]
    assert without_id == [(notes,) for notes, _ in rows]


def test_an_export_read_in_batches_is_one_picture_of_the_panel(
        store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Between two batches of the export, no other command can change the file: it waits
    # (here, with no patience, it is refused) until the export has read the last row.
    import sqlite3

    monkeypatch.setattr(json_export, "_BATCH", 1)
    other = sqlite3.connect(store_path, timeout=0, isolation_level=None)
    with Store(store_path) as store, store.snapshot():
        pieces = json_export.export_chunks(store)
        begun = next(pieces) + next(pieces) + next(pieces)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN EXCLUSIVE")
        text = begun + "".join(pieces)
    other.execute("BEGIN EXCLUSIVE")  # once it is done, the file is free
    other.execute("ROLLBACK")
    other.close()
    assert len(json.loads(text)["touchbases"]) == 14  # each person's first meeting, and one more


# A long export shared with a helper process (io/export_share.py) -------------------------

def _alone(path: Path, batch: int) -> str:
    with Store(path) as store, store.snapshot():
        return "".join(json_export.export_chunks(store, batch=batch, alone=True))


def _shared(path: Path, batch: int) -> tuple[str, int]:
    """The export with a helper from the first row on, and how many texts the helper
    handed over."""
    with pytest.MonkeyPatch.context() as patch:
        handed = _counting_frames(patch)
        with Store(path) as store, store.snapshot():
            text = "".join(json_export.export_chunks(store, batch=batch, helper_from=0))
    return text, sum(handed)


@pytest.mark.parametrize(("batch", "lead"), [(1, 0), (2, 3), (3, 1), (1000, 0)])
def test_an_export_shared_with_a_helper_is_the_same_document(
        store_path: Path, batch: int, lead: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # Gaps between ids and a table emptied: batches that end the same in both processes.
    import sqlite3

    from mentornet.io import export_share

    conn = sqlite3.connect(store_path, isolation_level=None)
    conn.execute("DELETE FROM touchbase WHERE id IN (2, 3, 8)")
    conn.execute("DELETE FROM followup")
    conn.close()
    monkeypatch.setattr(export_share, "LEAD", lead)
    text, handed = _shared(store_path, batch)
    assert text == _alone(store_path, batch)
    assert handed >= 2  # the goals, and rows: it did help
    document = json.loads(text)
    assert [t["id"] for t in document["touchbases"]] == [
        n for n in range(1, 15) if n not in (2, 3, 8)]
    assert document["followups"] == []


def test_the_helpers_turns_are_its_share_after_the_lead() -> None:
    from itertools import islice

    from mentornet.io.export_share import HELPERS_SHARE, helpers_turns

    turns = list(islice(helpers_turns(10), 1010))
    assert not any(turns[:10])
    assert sum(turns[10:]) == round(1000 * HELPERS_SHARE)
    assert all(turns[n] or turns[n + 1] for n in range(10, 1009))  # spread: never two here


@pytest.mark.parametrize("helper", [
    "pass",  # starts and says nothing
    "print('not a length')",
    "import sys; sys.stdout.write('2\\n{}'); sys.stdout.flush()",  # sees another panel
])
def test_a_helper_that_does_not_help_leaves_the_export_whole(
        store_path: Path, helper: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from mentornet.io import export_share

    monkeypatch.setattr(export_share, "helper_command",
                        lambda: ([sys.executable, "-c", helper], None))
    text, handed = _shared(store_path, 2)
    assert handed == 0
    assert text == _alone(store_path, 2)


def _real_helper_sending(monkeypatch: pytest.MonkeyPatch, send: str) -> None:
    """The real helper, each piece it sends (`data`, the `n`-th) going through `send`, a
    statement that may call `sent(data)`, and from the first batch on (no lead)."""
    import sys
    import textwrap

    from mentornet.io import export_share

    script = ("import os, sys\n"
              "from mentornet.io import export_helper as h\n"
              "sent, count = h._send, [0]\n"
              "def some(data):\n"
              "    count[0] += 1\n"
              "    n = count[0]\n"
              + textwrap.indent(send, "    ") + "\n"
              "h._send = some\n"
              "sys.exit(h.main())\n")
    _, env = export_share.helper_command()
    monkeypatch.setattr(export_share, "helper_command",
                        lambda: ([sys.executable, "-c", script], env))
    monkeypatch.setattr(export_share, "LEAD", 0)


def test_a_helper_that_dies_half_way_leaves_the_export_whole(
        store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _real_helper_sending(monkeypatch, "if n == 4:\n"
                                      "    os.write(1, b'1000\\n' + data[:10])  # cut short\n"
                                      "    os._exit(1)\n"
                                      "sent(data)")
    text, handed = _shared(store_path, 1)
    assert handed == 2  # two batches, then nothing more
    assert text == _alone(store_path, 1)


def test_a_helper_is_had_only_where_it_reads_the_same_snapshot(
        store_path: Path, tmp_path: Path) -> None:
    import sqlite3

    with Store(store_path) as store:
        assert store.shared_file() is None  # outside a snapshot
        with store.snapshot():
            assert store.shared_file() == store_path.resolve()
            other = sqlite3.connect(store_path, timeout=0, isolation_level=None)
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN EXCLUSIVE")  # no change commits while it lasts
            other.close()
    with Store(tmp_path / "none.db") as store, store.snapshot():
        assert store.shared_file() is None  # an empty panel, in memory
    now = datetime(2026, 11, 22, tzinfo=UTC)
    with Store(store_path, write=True, today=now.date(), now=now) as store, store.snapshot():
        assert store.shared_file() is None  # a store that may hold changes of its own
    wal = tmp_path / "wal.db"
    wal.write_bytes(store_path.read_bytes())
    conn = sqlite3.connect(wal, isolation_level=None)
    assert conn.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
    conn.close()
    with Store(wal) as store, store.snapshot():
        assert store.shared_file() is None  # changes commit beside readers
        assert "".join(json_export.export_chunks(store, helper_from=0)) == _alone(
            store_path, 1000)


def test_the_export_command_shares_a_long_panel_with_a_helper(
        store_path: Path, mn: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mentornet.io import export_share

    monkeypatch.setenv("MENTORNET_DB", str(store_path))
    monkeypatch.setattr(json_export, "HELPER_FROM", 0)  # a panel this short counts as long
    monkeypatch.setattr(export_share, "LEAD", 0)
    monkeypatch.setattr(json_export, "_BATCH", 2)
    handed = _counting_frames(monkeypatch)
    printed = mn("export", "--format", "json").stdout
    assert sum(handed) >= 5  # the goals and batches of rows, from the helper
    handed.clear()
    mn("export", "--format", "json", "--out", str(tmp_path / "panel.json"))
    assert sum(handed) >= 5
    assert printed == (tmp_path / "panel.json").read_text(encoding="utf-8") == _alone(
        store_path, 2)


def _counting_frames(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each text asked of a helper came (True) or not."""
    from mentornet.io import export_share

    handed: list[bool] = []
    frame = export_share.Helper.frame

    def counted(helper: export_share.Helper) -> str | None:
        text = frame(helper)
        handed.append(text is not None)
        return text

    monkeypatch.setattr(export_share.Helper, "frame", counted)
    return handed


def _started(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The helpers started (None for one that could not be)."""
    from mentornet.io import export_share

    started: list[Any] = []
    start = export_share.Helper.start

    def counted(*args: Any, **kwargs: Any) -> Any:
        helper = start(*args, **kwargs)
        started.append(helper)
        return helper

    monkeypatch.setattr(export_share.Helper, "start", counted)
    return started


def test_a_short_panel_starts_no_helper(store_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    started = _started(monkeypatch)
    with Store(store_path) as store, store.snapshot():
        text = json_export.export_json(store)
    assert started == []
    assert text == _alone(store_path, 1000)


def test_a_helper_that_stalls_is_stopped_and_the_export_goes_on(
        store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import time

    from mentornet.io import export_share

    monkeypatch.setattr(export_share, "helper_command",
                        lambda: ([sys.executable, "-c", "import time; time.sleep(60)"], None))
    monkeypatch.setattr(export_share, "READY_SECONDS", 0.3)
    started = _started(monkeypatch)
    began = time.monotonic()
    text, handed = _shared(store_path, 2)
    assert time.monotonic() - began < 20
    assert handed == 0
    assert text == _alone(store_path, 2)
    assert started[0]._proc.poll() is not None  # stopped, not left asleep


def test_an_export_stopped_early_stops_its_helper(
        store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As when `mentornet export | head` closes the pipe: the export's pieces are closed.
    from mentornet.io import export_share

    monkeypatch.setattr(export_share, "LEAD", 0)
    started = _started(monkeypatch)
    with Store(store_path) as store, store.snapshot():
        pieces = json_export.export_chunks(store, batch=1, helper_from=0)
        first = [next(pieces) for _ in range(4)]
        pieces.close()
    assert first[0] == "{"
    assert started[0]._proc.poll() is not None


def test_a_frame_that_is_not_utf8_is_written_here_instead(
        store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _real_helper_sending(monkeypatch, "sent(b'\\xff\\xfe' if n == 3 else data)")
    text, handed = _shared(store_path, 1)
    assert handed == 1  # the first batch, then the spoilt one ends its help
    assert text == _alone(store_path, 1)
