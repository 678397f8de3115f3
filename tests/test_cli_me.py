"""`mentornet me`: your own profile, stored in the database, exported, undoable."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.both_engines  # see conftest.py


def test_me_is_empty_at_first_and_says_how_to_set_it(mn) -> None:
    assert "Your profile is empty" in mn("me").stdout
    assert json.loads(mn("me", "--json").stdout) == {
        "name": None, "org": None, "role": None, "emails": [], "sign_off": None,
        "phase": None, "situation": None}


def test_me_sets_and_shows_the_profile(mn) -> None:
    result = mn("me", "--name", "Alex Kim", "--org", "Fabrikam", "--role", "Product Manager",
                "--email", "alex@fabrikam.example", "--email", "alex@home.example",
                "--sign-off", "Thanks,")
    assert "Updated your profile." in result.stdout
    assert json.loads(mn("me", "--json").stdout) == {
        "name": "Alex Kim", "org": "Fabrikam", "role": "Product Manager",
        "emails": ["alex@fabrikam.example", "alex@home.example"], "sign_off": "Thanks,",
        "phase": None, "situation": None}
    mn("me", "--role", "")  # an empty value clears one field
    data = json.loads(mn("me", "--json").stdout)
    assert (data["role"], data["name"]) == (None, "Alex Kim")
    assert "Fabrikam" in mn("me").stdout


def test_a_change_to_me_is_undone(mn) -> None:
    mn("me", "--name", "Alex Kim")
    mn("me", "--name", "Alex K.")
    assert mn("undo").stdout.startswith("Undid `me`")
    assert json.loads(mn("me", "--json").stdout)["name"] == "Alex Kim"
    mn("undo")
    assert json.loads(mn("me", "--json").stdout)["name"] is None


def test_a_bad_email_is_a_clear_error_and_nothing_is_written(mn) -> None:
    result = mn("me", "--name", "Alex", "--email", "alex.example", ok=False)
    assert result.exit_code == 1
    assert "--email 'alex.example' is not an email address" in result.stderr
    assert json.loads(mn("me", "--json").stdout)["name"] is None


def test_the_profile_travels_with_the_json_export(mn, another_db, tmp_path, monkeypatch) -> None:
    mn("me", "--name", "Alex Kim", "--sign-off", "Best,")
    mn("add", "Dana Lee")
    out = tmp_path / "all.json"
    mn("export", "--format", "json", "--out", str(out))
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["owner"]["name"] == "Alex Kim"
    monkeypatch.setenv("MENTORNET_DB", another_db("other.db"))
    mn("import", str(out))
    assert json.loads(mn("me", "--json").stdout)["sign_off"] == "Best,"
