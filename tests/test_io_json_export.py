"""The export written as it is read gives the very text of the whole document at once.

json_export.py formats each row by hand, a batch at a time; these tests hold its text to
`dumps()` of the same document (the json module's indented, sorted text, made inert), on
texts that need escaping, in batches of every size.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from mentornet.io import json_export
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
    assert json_export.iso_moment("2026-11-22 12:00:00.000000") == "2026-11-22T12:00:00+00:00"
    assert json_export.iso_moment("2026-11-22 12:00:00.000100") == (
        "2026-11-22T12:00:00.000100+00:00")
    assert json_export.iso_moment("2026-11-22T12:00:00+02:00") == "2026-11-22T12:00:00+02:00"
    assert json_export.iso_moment("garbage") == "garbage"
    assert json_export.iso_moment(None) is None
