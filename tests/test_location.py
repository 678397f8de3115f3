"""Choosing the store: a file path or a PostgreSQL URL, from --db, MENTORNET_DB or the
settings file; a URL's password never shown; SQLite's placeholders in psycopg's words."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mentornet.errors import BadInput
from mentornet.store.location import ServerURL, location
from mentornet.store.postgres.adapter import translate


def test_a_path_stays_a_path_and_a_postgres_url_is_a_server() -> None:
    assert location("~/panel.db") == Path("~/panel.db").expanduser()
    assert location("C:/Users/dana/panel.db") == Path("C:/Users/dana/panel.db")
    url = location("postgresql://dana@db.example.org:5433/mentornet?sslmode=require")
    assert isinstance(url, ServerURL)
    assert url.database == "mentornet"
    assert isinstance(location("postgres://dana@db/mentornet"), ServerURL)


def test_another_scheme_or_a_bad_port_is_refused_with_what_to_give() -> None:
    with pytest.raises(BadInput, match="mysql URL.*postgresql://USER@HOST/DBNAME"):
        location("mysql://dana:pw@db/mentornet")
    with pytest.raises(BadInput, match="not a URL mentornet can read"):
        location("postgresql://dana@db:notaport/mentornet")


@pytest.mark.parametrize("given", [
    "postgresql://dana:s3cret-pw@db.example.org/mentornet",
    "postgresql://dana@db.example.org/mentornet?password=s3cret-pw&sslmode=require",
    "postgresql://dana:s3cret-pw@/mentornet?host=/run/postgresql",
])
def test_the_password_is_never_shown(given: str) -> None:
    url = ServerURL(given)
    assert "s3cret-pw" not in str(url)
    assert "s3cret-pw" not in f"{url!s}"
    assert "***" in str(url)
    assert url.hide("FATAL: password s3cret-pw refused") == "FATAL: password *** refused"
    with pytest.raises(BadInput) as raised:
        location(given.replace("postgresql", "mysql"))
    assert "s3cret-pw" not in str(raised.value)


def test_placeholders_become_psycopg_s_and_quoted_text_is_left_alone() -> None:
    assert translate("SELECT a FROM t WHERE b = ? AND c = :day") == \
        "SELECT a FROM t WHERE b = %s AND c = %(day)s"
    assert translate("SELECT '?', ':x', \"a?\" FROM t WHERE n LIKE '%a' AND m = ?") == \
        "SELECT '?', ':x', \"a?\" FROM t WHERE n LIKE '%%a' AND m = %s"
    assert translate("SELECT 'it''s ?' , x::text, 5 % 2") == "SELECT 'it''s ?' , x::text, 5 %% 2"
    assert translate("SELECT 1 WHERE a = :_first AND b = :day2 AND c = ?::int") == \
        "SELECT 1 WHERE a = %(_first)s AND b = %(day2)s AND c = %s::int"
    assert translate("""SELECT 'a''''?' || "x""?" , ':1'""") == \
        """SELECT 'a''''?' || "x""?" , ':1'"""
    assert translate("SELECT ?, 'open ? %") == "SELECT %s, 'open ? %%"  # runs to the end


def test_the_settings_file_names_the_database(mn, tmp_path, monkeypatch) -> None:
    config = tmp_path / "config.toml"
    panel = tmp_path / "elsewhere" / "panel.db"
    config.write_text(f'database = "{panel}"\n\n[due]\ndue_at = 1.0\n', encoding="utf-8")
    monkeypatch.delenv("MENTORNET_DB")
    mn("add", "Dana Lee", "--kind", "formal")
    assert panel.is_file()
    shown = mn("config", "--json").stdout
    assert str(panel) in shown
    assert '"config file"' in shown
    monkeypatch.setenv("MENTORNET_DB", str(tmp_path / "other.db"))  # the variable wins
    assert mn("list").stdout.startswith("No one here")


def test_a_bad_database_setting_is_a_clear_error(mn, tmp_path, monkeypatch) -> None:
    (tmp_path / "config.toml").write_text("database = 5\n", encoding="utf-8")
    monkeypatch.delenv("MENTORNET_DB")
    result = mn("list", ok=False)
    assert result.exit_code == 1
    assert "database in the settings file" in result.stderr
    assert "Traceback" not in result.stderr


def test_without_the_driver_a_postgres_url_says_what_to_install(mn, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if it were not installed
    result = mn("--db", "postgresql://dana:pw@localhost/mentornet", "list", ok=False)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "mentornet: a PostgreSQL database needs the psycopg driver, which is not installed: "
        "run `pip install 'mentornet[postgres]'`"]


def test_an_unreachable_server_is_one_line_without_the_password(mn, tmp_path) -> None:
    url = f"postgresql://dana:s3cret-pw@/mentornet?host={tmp_path}&connect_timeout=2"
    for command in (["list"], ["add", "Dana Lee"], ["doctor"]):
        result = mn("--db", url, *command, ok=False)
        assert result.exit_code == 1, command
        text = result.stdout + result.stderr
        assert "s3cret-pw" not in text
        assert "Traceback" not in text
        assert "can't reach the postgresql database" in text.lower()
