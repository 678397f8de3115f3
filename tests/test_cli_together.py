"""One touch-base with several people: `log "Dana, Sam" NOTE` or `--with`, linked so that
`show` says who else was there; correcting one asks whether to correct them all."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = pytest.mark.both_engines  # see conftest.py

Run = Callable[..., object]


@pytest.fixture
def three(mn: Run) -> None:
    mn("add", "Dana Lee", "--kind", "formal")
    mn("add", "Sam Wu")
    mn("add", "Ana Ruiz")


def _history(mn: Run, name: str) -> list[dict]:
    return json.loads(mn("show", name, "--json").stdout)["touchbases"]  # type: ignore[attr-defined]


def _out(result: object) -> str:
    return str(getattr(result, "stdout", "")) + str(getattr(result, "stderr", ""))


@pytest.mark.usefixtures("three")
def test_a_comma_list_logs_one_conversation_for_each_linked(mn: Run) -> None:
    out = mn("log", "Dana, Sam", "Lunch about the reorg", "--via", "event").stdout  # type: ignore[attr-defined]
    assert "with Dana Lee and Sam Wu on 2026-11-22" in out
    [dana], [sam] = _history(mn, "dana"), _history(mn, "sam")
    assert dana["notes"] == sam["notes"] == "Lunch about the reorg"
    assert dana["channel"] == sam["channel"] == "event"
    assert dana["with"] == ["Sam Wu"]
    assert sam["with"] == ["Dana Lee"]
    assert _history(mn, "ana") == []
    page = mn("show", "dana").stdout  # type: ignore[attr-defined]
    assert "with Sam Wu" in page
    mn("undo")
    assert _history(mn, "dana") == _history(mn, "sam") == []


@pytest.mark.usefixtures("three")
def test_with_adds_people_to_the_touch_base(mn: Run) -> None:
    mn("log", "dana", "Offsite dinner", "--with", "Sam", "--with", "ana")
    assert sorted(_history(mn, "ana")[0]["with"]) == ["Dana Lee", "Sam Wu"]
    mn("log", "dana", "Alone this time")
    assert _history(mn, "dana")[0]["with"] == []
    same = mn("log", "dana", "x", "--with", "Dana Lee", ok=False)
    assert same.exit_code == 1  # type: ignore[attr-defined]
    assert "twice" in _out(same)


def test_a_name_with_a_comma_is_one_person_first(mn: Run) -> None:
    mn("add", "Lee, Dana")
    mn("add", "Lee")
    mn("add", "Dana Ortiz")
    mn("log", "Lee, Dana", "A note")
    assert [t["with"] for t in _history(mn, "Lee, Dana")] == [[]]
    assert _history(mn, "#2") == []
    nobody = mn("log", "Dana Ortiz, Zed", "x", ok=False)
    assert nobody.exit_code == 1  # type: ignore[attr-defined]
    assert "Zed" in _out(nobody)
    assert _history(mn, "Dana Ortiz") == []  # nothing written for anyone


@pytest.mark.usefixtures("three")
def test_correcting_a_shared_touch_base_asks_or_takes_a_flag(
        mn: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    mn("log", "Dana, Sam, Ana", "Panel lunch")
    dana = _history(mn, "dana")[0]["id"]
    refused = mn("log", "edit", str(dana), "Panel lunch at Acme", ok=False)
    assert refused.exit_code == 1  # type: ignore[attr-defined]
    assert "--for-all" in _out(refused)
    assert "--only-this" in _out(refused)
    mn("log", "edit", str(dana), "Panel lunch at Acme", "--for-all")
    assert {t["notes"] for name in ("dana", "sam", "ana")
            for t in _history(mn, name)} == {"Panel lunch at Acme"}
    mn("undo")
    assert {t["notes"] for name in ("dana", "sam", "ana")
            for t in _history(mn, name)} == {"Panel lunch"}
    mn("log", "edit", str(dana), "--via", "call", "--only-this")
    assert [_history(mn, n)[0]["channel"] for n in ("dana", "sam")] == ["call", "meeting"]
    from mentornet.cli import writing

    monkeypatch.setattr(writing, "on_terminal", lambda: True)
    mn("log", "delete", str(dana), input="y\nn\n")  # delete? yes; for all three? no
    assert _history(mn, "dana") == []
    assert _history(mn, "sam")[0]["with"] == ["Ana Ruiz"]
    monkeypatch.setattr(writing, "on_terminal", lambda: False)
    sam = _history(mn, "sam")[0]["id"]
    mn("log", "delete", str(sam), "--yes", "--for-all")
    assert _history(mn, "sam") == _history(mn, "ana") == []
    mn("undo")
    assert len(_history(mn, "sam")) == len(_history(mn, "ana")) == 1


@pytest.mark.usefixtures("three")
def test_several_people_and_discussed_items(mn: Run) -> None:
    mn("park", "dana", "Ask about the budget")
    mn("log", "dana", "Lunch", "--with", "sam", "--discussed", "all")
    assert json.loads(mn("show", "dana", "--json").stdout)["parked"] == []  # type: ignore[attr-defined]
    one = mn("log", "dana", "x", "--with", "sam", "--discussed", "1", ok=False)
    assert one.exit_code == 1  # type: ignore[attr-defined]
    assert "all" in _out(one)


@pytest.mark.usefixtures("three")
def test_the_link_survives_an_export_and_an_import(
        mn: Run, another_db: Callable[[str], str],
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mn("log", "Dana, Sam", "Lunch")
    mn("log", "ana", "Alone")
    document = tmp_path / "panel.json"
    mn("export", "--format", "json", "-o", str(document))
    for name in ("restored.db", "other.db"):  # into an empty database, then beside others
        monkeypatch.setenv("MENTORNET_DB", another_db(name))
        if name == "other.db":
            mn("add", "Kim Park")
            mn("log", "kim", "Someone else's lunch")
        mn("import", str(document))
        assert _history(mn, "sam")[0]["with"] == ["Dana Lee"], name
        assert _history(mn, "ana")[0]["with"] == [], name
