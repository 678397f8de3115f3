"""Hostile text round-trips exactly through the store and `show --json`, and prints safely:
no SQL runs, no markup renders, no escape sequence or bidi override reaches the terminal."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from mentornet.domain.names import clean_name

pytestmark = pytest.mark.both_engines  # see conftest.py

HOSTILE = {
    "sql injection": "Robert'); DROP TABLE person;--",
    "clear screen": "\x1b[2J\x1b[Hgone",
    "terminal title": "\x1b]0;pwned\x07 title",
    "rich markup": "[bold]loud[/bold] [link=https://evil.example]click[/link] [/]",
    "bidi override": "invoice\u202efdp.exe \u2066isolate\u2069",
    "c1 control": "csi\u009b31m red \u0090dcs\u009c next",
    "emoji and combining": "Zoe\u0308 👩🏽‍💻 e\u0301\u0301 🇳🇿 ﷽ ᄀᄀᄀ각",
    "quotes and backslashes": "\"double\" 'single' \\n \\x1b %s {0} $(rm -rf ~)",
}
UNSAFE = ("\x1b", "\u202e", "\u2066", "\u2069", "\u009b", "\x07", "\u0090", "\u009c")


def _show(mn, ref: str) -> dict:
    return json.loads(mn("show", ref, "--json").stdout)


def _record_everything(mn, text: str) -> None:
    """Put `text` into every free-text field a command takes, for person #1."""
    mn("add", text, "--role", text, "--org", text, "--note", text, "--force")
    mn("log", "#1", text, "--feedback", text)
    mn("give", "#1", text)
    mn("got", "#1", text)
    mn("park", "#1", text)
    mn("todo", "add", "#1", text)
    mn("goal", "add", text, "--mentor", "#1")
    mn("goal", "progress", "1", text)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_text_round_trips_exactly_through_store_and_json(mn, db_path: Path,
                                                                 name: str) -> None:
    text = HOSTILE[name]
    _record_everything(mn, text)
    person = _show(mn, "#1")
    stored_name = clean_name(text)  # a name is kept in one Unicode form; all else exactly
    assert person["name"] == stored_name
    assert person["role"] == person["org"] == person["notes"] == text
    assert person["touchbases"][0]["notes"] == text
    assert person["touchbases"][0]["feedback"] == text
    conn = sqlite3.connect(db_path)
    stored = {
        "person": conn.execute("SELECT name, role, org, notes FROM person").fetchall(),
        "favour": conn.execute("SELECT description FROM favour").fetchall(),
        "parked": conn.execute("SELECT text FROM parked_item").fetchall(),
        "todo": conn.execute("SELECT text FROM followup").fetchall(),
        "goal": conn.execute("SELECT text FROM goal").fetchall(),
        "progress": conn.execute("SELECT note FROM goal_progress").fetchall(),
    }
    assert stored == {"person": [(stored_name, text, text, text)], "favour": [(text,), (text,)],
                      "parked": [(text,)], "todo": [(text,)], "goal": [(text,)],
                      "progress": [(text,)]}
    tables = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "person" in tables


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_text_prints_without_control_characters_or_markup(mn, name: str) -> None:
    text = HOSTILE[name]
    outputs = [mn("add", text, "--role", text, "--note", text).output]
    outputs.append(mn("log", "#1", text, "--feedback", text, "--topic", text).output)
    outputs += [mn("give", "#1", text).output, mn("park", "#1", text).output,
                mn("todo", "add", "#1", text).output]
    mn("goal", "add", text, "--mentor", "#1")
    mn("goal", "progress", "1", text)
    for args in (("show", "#1"), ("list",), ("due",), ("todo", "list"), ("goal", "list"),
                 ("prep", "#1"), ("undo",)):
        outputs.append(mn(*args).output)
    for output in outputs:
        for char in UNSAFE:
            assert char not in output, (name, repr(char), output)


def test_rich_markup_in_user_text_is_printed_literally(mn) -> None:
    mn("add", "Dana Lee", "--note", "[bold]loud[/bold] and [red]red[/red]")
    assert "[bold]loud[/bold] and [red]red[/red]" in mn("show", "dana").output


def test_escape_sequences_are_shown_as_visible_symbols(mn) -> None:
    mn("add", "Dana Lee", "--note", "before\x1b[2Jafter \u202eflip")
    output = mn("show", "dana").output
    assert "before\u241b[2Jafter" in output  # ESC drawn as the visible symbol ␛
    assert "<U+202E>flip" in output


def test_json_output_escapes_control_characters(mn) -> None:
    mn("add", "Dana Lee", "--note", "\x1b[2J\x07")
    raw = mn("show", "dana", "--json").stdout
    assert "\x1b" not in raw
    assert "\x07" not in raw
    assert json.loads(raw)["notes"] == "\x1b[2J\x07"


def test_json_output_escapes_bidi_overrides_and_c1_controls(mn) -> None:
    mn("add", "Dana Lee", "--note", "a\u202eb\u009bc")
    raw = mn("show", "dana", "--json").stdout
    assert "\u202e" not in raw
    assert "\u009b" not in raw
    assert json.loads(raw)["notes"] == "a\u202eb\u009bc"
    exported = mn("export", "--format", "json").stdout
    assert "\u202e" not in exported
    assert "a\\u202eb\\u009bc" in exported


def test_error_messages_quoting_hostile_input_stay_inert(mn) -> None:
    mn("add", "Dana Lee")
    result = mn("show", "\x1b[2J\u202e[bold]nobody", ok=False)
    assert result.exit_code == 1
    for char in UNSAFE:
        assert char not in result.stderr


def test_a_ten_megabyte_note_round_trips_exactly(mn, db_path: Path) -> None:
    note = ("Zoe\u0308 said: 'no'; \x1b[0m [b] 👩🏽‍💻\n" * 400_000)[:10_000_000]
    mn("add", "Dana Lee", "--note", note)
    mn("log", "dana", note)
    person = _show(mn, "dana")
    assert person["notes"] == note
    assert person["touchbases"][0]["notes"] == note
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT notes FROM person").fetchone()[0] == note
    listing = mn("list").output
    assert "\x1b" not in listing
    assert len(listing) < 10_000


def test_undo_restores_hostile_text_exactly(mn, db_path: Path) -> None:
    text = HOSTILE["sql injection"] + HOSTILE["bidi override"] + HOSTILE["emoji and combining"]
    mn("add", "Dana Lee", "--note", text)
    mn("edit", "dana", "--note", "replaced")
    mn("undo")
    assert _show(mn, "dana")["notes"] == text


def test_undo_restores_a_text_holding_a_nul_character(mn, db_path: Path) -> None:
    from datetime import UTC, datetime

    from mentornet.store.api import writing

    text = "before\x00after 'quoted'"
    now = datetime(2026, 11, 22, 12, tzinfo=UTC)
    mn("add", "Dana Lee")
    with writing(db_path, description="nul", now=now) as tx:
        tx.edit_person(1, notes=text)
    mn("edit", "dana", "--note", "replaced")
    mn("undo")
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT notes FROM person").fetchone()[0] == text
