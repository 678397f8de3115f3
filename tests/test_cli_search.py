"""`search` finds every kind of record by its words, accents and case ignored, ranks
them, marks the words it matched, keeps hostile text inert, and gives the same answer
with the FTS5 index as by reading every record."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import mentornet.store.search as store_search
import mentornet.store.search_index as search_index

pytestmark = pytest.mark.both_engines  # see conftest.py


@pytest.fixture
def panel(mn) -> None:
    mn("add", "José Núñez", "--kind", "formal", "--org", "Northwind",
       "--role", "Director of Product", "--met", "2026-01-10", "--note", "Met at a café")
    mn("add", "Dana Lee", "--kind", "informal", "--org", "Acme", "--met", "2026-02-01")
    mn("log", "jose", "Talked about the career ladder", "--on", "2026-03-05",
       "--topic", "Hiring", "--feedback", "Delegate more")
    mn("log", "dana", "Quick chat about hiring plans", "--on", "2026-06-01")
    mn("give", "dana", "Intro to a hiring manager", "--on", "2026-06-02")
    mn("got", "jose", "Feedback on my ladder draft", "--on", "2026-07-01")
    mn("park", "jose", "How do I ask for a ladder review?")
    mn("todo", "add", "dana", "Send the ladder doc")
    mn("goal", "add", "Write a career ladder", "--mentor", "jose")


def _json(mn, *args: str) -> dict:
    return json.loads(mn("search", *args, "--json").stdout)


def _kinds(found: dict) -> list[tuple[str, int]]:
    return [(r["kind"], r["id"]) for r in found["results"]]


def test_every_kind_of_record_is_found(mn, panel) -> None:
    found = _kinds(_json(mn, "ladder"))
    assert {kind for kind, _ in found} == {"touch-base", "favour received", "parked question",
                                           "follow-up", "goal"}
    assert {kind for kind, _ in _kinds(_json(mn, "hiring"))} == {
        "touch-base", "favour given"}
    assert _kinds(_json(mn, "northwind")) == [("person", 1)]
    assert _kinds(_json(mn, "delegate")) == [("touch-base", 3)]  # #1, #2: first meetings
    mn("goal", "progress", "1", "Drafted the first levels")
    assert ("goal progress", 1) in _kinds(_json(mn, "levels"))


def test_accents_case_and_width_do_not_matter(mn, panel) -> None:
    assert _kinds(_json(mn, "jose")) == [("person", 1)]
    assert _kinds(_json(mn, "NÚÑEZ")) == [("person", 1)]
    assert _kinds(_json(mn, "ｎｕｎｅｚ")) == [("person", 1)]
    assert _kinds(_json(mn, "cafe")) == [("person", 1)]
    assert _kinds(_json(mn, "Jose\u0301")) == _kinds(_json(mn, "jose"))  # NFD typed


def test_each_word_must_start_a_word_of_the_record(mn, panel) -> None:
    assert _kinds(_json(mn, "dir", "prod")) == [("person", 1)]
    assert _kinds(_json(mn, "director", "acme")) == []
    assert _kinds(_json(mn, "irector")) == []


def test_a_name_ranks_above_a_note_and_newer_above_older(mn, panel) -> None:
    mn("log", "dana", "Asked Dana's friend Jose about it", "--on", "2026-08-01")
    found = _kinds(_json(mn, "jose"))
    assert found[0] == ("person", 1)
    mn("log", "dana", "More hiring talk", "--on", "2026-09-01")
    hiring = [r for r in _json(mn, "hiring")["results"] if r["kind"] == "touch-base"]
    assert [r["on"] for r in hiring][:2] == ["2026-03-05", "2026-09-01"]  # a topic first


def test_results_show_date_person_kind_and_the_matched_words(mn, panel) -> None:
    out = mn("search", "career", "ladder").stdout
    assert "2026-03-05  touch-base #3  José Núñez" in out
    assert "notes: Talked about the career ladder" in out
    assert "goal #1  José Núñez" in out
    assert out.rstrip().endswith("2 results.")
    match = _json(mn, "ladder", "career")["results"][0]["matches"][0]
    assert [match["text"][a:b] for a, b in match["spans"]] == ["career", "ladder"]


def test_person_and_since_narrow_the_search(mn, panel) -> None:
    assert {kind for kind, _ in _kinds(_json(mn, "ladder", "--person", "dana"))} == {
        "follow-up"}
    goal = _kinds(_json(mn, "ladder", "--person", "jose"))
    assert ("goal", 1) in goal
    assert ("follow-up", 1) not in goal
    assert _kinds(_json(mn, "hiring", "--since", "2026-06-02")) == [("favour given", 1)]
    assert "Nothing matches 'hiring' since 2026-11-01." in mn(
        "search", "hiring", "--since", "2026-11-01").stdout


def test_limit_and_the_count(mn, panel) -> None:
    out = mn("search", "ladder", "--limit", "2").stdout
    assert out.rstrip().endswith("5 results; 3 more with --limit 0.")
    assert len(_json(mn, "ladder", "--limit", "0")["results"]) == 5


def test_bad_input_is_refused_clearly(mn, panel) -> None:
    result = mn("search", "--", "-!?", ok=False)
    assert result.exit_code == 1
    assert "'-!?' holds no word to search for" in result.stderr
    result = mn("search", "x", "--person", "nobody", ok=False)
    assert result.exit_code == 1
    assert "no one called 'nobody'" in result.stderr
    result = mn("search", "x", "--since", "next year", ok=False)
    assert result.exit_code == 1
    assert "Traceback" not in result.output


HOSTILE = "[bold red]boom[/] \x1b]52;c;cGF3bmVk\x07 \x1b[2J \u202etxt.exe [link=x]y[/link]"


def test_hostile_text_in_results_stays_inert(mn, monkeypatch: pytest.MonkeyPatch) -> None:
    mn("add", "Mallory [x]", "--note", f"boom {HOSTILE}")
    mn("log", "mallory", f"boom {HOSTILE}")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    out = mn("search", "boom").stdout
    assert "\x1b]52" not in out
    assert "\x1b[2J" not in out
    assert "\u202e" not in out
    assert "␛]52;c;cGF3bmVk␇" in out
    assert "<U+202E>" in out
    assert "[bold red]" in out
    assert "[link=x]" in out
    assert "Mallory [x]" in out
    assert "\x1b[1;7mboom\x1b[0m" in out  # the matched word marked, by mentornet alone
    data = mn("search", "boom", "--json").stdout
    assert "\x1b" not in data
    assert "\u202e" not in data
    assert json.loads(data)["results"][0]["matches"][0]["text"].startswith("boom")


def test_the_scan_without_fts5_finds_exactly_what_the_index_finds(
        mn, panel, monkeypatch: pytest.MonkeyPatch) -> None:
    queries = ["ladder", "jose", "hiring", "dir prod", "cafe", "ladder --person dana"]
    with_index = [_json(mn, *q.split()) for q in queries]
    monkeypatch.setattr(store_search, "uses_index", lambda conn: False)
    assert [_json(mn, *q.split()) for q in queries] == with_index


def test_a_database_made_without_fts5_is_searched_by_reading_it(
        mn, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_index, "fts5_available", lambda conn: False)
    mn("add", "José Núñez", "--note", "likes jazz")
    conn = sqlite3.connect(db_path)
    assert not conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'search_index'"
                            ).fetchone()[0]
    conn.close()
    assert _kinds(_json(mn, "jazz")) == [("person", 1)]
    mn("undo")
    assert _kinds(_json(mn, "jazz")) == []


def test_a_record_another_program_wrote_is_found_before_the_index_has_it(
        mn, panel, db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE person SET notes = 'zebra crossing' WHERE id = 2")
    conn.execute("DELETE FROM followup")
    conn.commit()
    conn.close()
    assert _kinds(_json(mn, "zebra")) == [("person", 2)]
    assert ("follow-up", 1) not in _kinds(_json(mn, "ladder"))


def test_undo_and_edits_keep_search_right(mn, panel) -> None:
    mn("edit", "dana", "--note", "loves origami")
    assert _kinds(_json(mn, "origami")) == [("person", 2)]
    mn("undo")
    assert _kinds(_json(mn, "origami")) == []


def test_the_best_few_are_the_head_of_the_whole_ranking() -> None:
    from mentornet.domain.search import Document, rank

    columns = ("notes", "topics", "feedback")
    docs = [Document("touchbase", i, f"2026-0{1 + i % 9}-01", columns,
                     ("hiring " * (i % 4) + "x", "hiring" if i % 5 == 0 else "", ""))
            for i in range(60)]
    docs += [Document("touchbase", 100, "2026-01-01", columns, ("nothing", "", ""))]
    whole, count = rank(docs, ["hiring"])
    assert count == len(whole) == 48  # i % 4, or a topic (i % 5 == 0)
    for limit in (1, 7, 20, 48, 60):
        top, found = rank(docs, ["hiring"], limit=limit)
        assert (top, found) == (whole[:limit], 48)
    two, _ = rank(docs, ["hiring", "x"], limit=5)
    assert two == rank(docs, ["hiring", "x"])[0][:5]
