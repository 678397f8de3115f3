"""PostgreSQL as the shared store, on a real server: concurrent writers, a kill during an
import, a foreign database, `copy` between the engines, and a server that is offline.

The CLI suites of the store-facing commands also run on PostgreSQL (see conftest.py); this
module holds what only a server can show.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from postgres_server import SUPERUSER, PostgresServer, dbname
from test_reliability_concurrency import WORKERS, WRITES, _start

Run = Callable[..., Any]
IMPORTED = 20_000  # people in the generated CSV: an import that takes a while
PASSWORD = "s3cret-Pa55word"


@pytest.fixture(autouse=True)
def _in_a_temporary_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Commands run from tmp_path: a URL misread as a relative path lands there."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def pg(monkeypatch: pytest.MonkeyPatch, postgres_url: str) -> str:
    """MENTORNET_DB set to a new, empty PostgreSQL database; returns its URL."""
    monkeypatch.setenv("MENTORNET_DB", postgres_url)
    return postgres_url


@pytest.fixture
def own_server() -> Iterator[PostgresServer]:
    """A server of this test's own, to take offline without disturbing the others."""
    with PostgresServer.start() as server:
        yield server


def _no_file_for_a_url() -> None:
    """A postgresql:// URL taken for a relative path would have made this folder."""
    assert not Path("postgresql:").exists(), "a URL was opened as a SQLite file"


def _command(*args: str, db: str | None = None, timeout: float = 300,
             input: str | None = None) -> subprocess.CompletedProcess[str]:
    """The real command line in its own process (`python -m mentornet`)."""
    env = dict(os.environ)
    if db is not None:
        env["MENTORNET_DB"] = db
    result = subprocess.run([sys.executable, "-m", "mentornet", *args], env=env, input=input,
                            capture_output=True, text=True, timeout=timeout)
    _no_file_for_a_url()
    return result


def _export(mn: Run, *db: str) -> str:
    text = mn(*(("--db", db[0]) if db else ()), "export", "--format", "json").stdout
    _no_file_for_a_url()
    return text


def _catalogue(server: PostgresServer, url: str) -> dict[str, Any]:
    """Everything a database holds: its relations, columns, functions, triggers and rows."""
    conn = server.connect(dbname(url))
    try:
        relations = conn.execute(
            "SELECT n.nspname, c.relname, c.relkind FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') "
            "ORDER BY 1, 2").fetchall()
        columns = conn.execute(
            "SELECT table_schema, table_name, column_name, data_type "
            "FROM information_schema.columns "
            "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') "
            "ORDER BY 1, 2, ordinal_position").fetchall()
        functions = conn.execute(
            "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1").fetchall()
        triggers = conn.execute(
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1").fetchall()
        rows = {f"{schema}.{name}": conn.execute(
                    f'SELECT * FROM "{schema}"."{name}" ORDER BY 1').fetchall()
                for schema, name, kind in relations if kind == "r"}
        schemas = conn.execute("SELECT nspname FROM pg_namespace ORDER BY 1").fetchall()
    finally:
        conn.close()
    return {"relations": relations, "columns": columns, "functions": functions,
            "triggers": triggers, "rows": rows, "schemas": schemas}


def _one_clear_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


# -- several writers at once ---------------------------------------------------------------

@pytest.mark.slow
def test_four_processes_writing_fifty_times_each_all_land(mn: Run, pg: str) -> None:
    mn("add", "Dana Lee", "--kind", "formal")
    mn("log", "dana", "Before the rush")
    processes = [_start(w, WRITES, "write") for w in range(WORKERS)]
    processes.append(_start(WORKERS, WRITES, "read"))  # a reader alongside
    for process in processes:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready", process.stderr
    for process in processes:  # all at once
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()
    failures = []
    for process in processes:
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
        failures += json.loads(out.strip().splitlines()[-1])
    assert failures == [], failures[:3]  # 0 errors
    notes = [t["notes"] for t in json.loads(_export(mn))["touchbases"]
             if (t["notes"] or "").startswith("worker ")]
    expected = {f"worker {w} write {i}" for w in range(WORKERS) for i in range(WRITES)}
    assert len(notes) == WORKERS * WRITES  # 0 lost, none twice
    assert set(notes) == expected
    # Each write is its own change: undo takes back the newest one only.
    mn("undo")
    assert len([t for t in json.loads(_export(mn))["touchbases"]
                if (t["notes"] or "").startswith("worker ")]) == WORKERS * WRITES - 1


# -- kill -9 during an import --------------------------------------------------------------

def _big_csv(folder: Path) -> Path:
    path = folder / "people.csv"
    lines = ["name,kind,org,notes"]
    lines += [f"Imported Person {i:05d},contact,Org {i % 97},A note about person {i}"
              for i in range(IMPORTED)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _writing_backends(server: PostgresServer, url: str) -> list[int]:
    """The server processes of this database inside a transaction that has written."""
    rows = server._admin.execute(
        "SELECT pid FROM pg_stat_activity WHERE datname = %s AND backend_xid IS NOT NULL",
        (dbname(url),)).fetchall()
    return [pid for (pid,) in rows]


def _wait_for_no_backends(server: PostgresServer, url: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        left = server._admin.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", (dbname(url),)
        ).fetchone()[0]
        if left == 0:
            return
        time.sleep(0.05)
    raise AssertionError("the killed import's session never ended")


def _imported(export: str) -> int:
    return sum(p["name"].startswith("Imported Person ")
               for p in json.loads(export)["people"])


@pytest.mark.slow
def test_kill_9_during_an_import_leaves_the_panel_as_it_was_or_the_whole_import(
        mn: Run, pg: str, postgres_server: PostgresServer, tmp_path: Path) -> None:
    mn("add", "Dana Lee", "--kind", "formal")
    mn("log", "dana", "Before the import")
    before = _export(mn)
    csv = _big_csv(tmp_path)
    killed_inside = 0
    for extra_delay in (0.0, 0.5, 2.0):  # early, midway, late in the transaction
        process = subprocess.Popen([sys.executable, "-m", "mentornet", "import", str(csv)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while (not _writing_backends(postgres_server, pg) and process.poll() is None
               and time.monotonic() < deadline):
            time.sleep(0.01)
        time.sleep(extra_delay)
        inside = bool(_writing_backends(postgres_server, pg)) and process.poll() is None
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        _wait_for_no_backends(postgres_server, pg)
        after = _export(mn)
        if inside:
            killed_inside += 1
        count = _imported(after)
        assert count in (0, IMPORTED), f"{count} of {IMPORTED} people half-imported"
        if count == 0:
            assert after == before  # nothing else moved either
    assert killed_inside > 0, "no kill landed inside the import's transaction"
    # The store is sound afterwards: the same import, left to finish, brings everyone in.
    result = _command("import", str(csv), db=pg)
    assert result.returncode == 0, result.stderr
    assert _imported(_export(mn)) == IMPORTED


# -- a database that is not mentornet's ------------------------------------------------------

FOREIGN = [
    "CREATE TABLE person (id serial PRIMARY KEY, name text NOT NULL)",
    "CREATE TABLE invoice (id serial PRIMARY KEY, person_id int REFERENCES person, total numeric)",
    "INSERT INTO person (name) VALUES ('Someone Else''s Customer')",
    "INSERT INTO invoice (person_id, total) VALUES (1, 99.50)",
]


@pytest.mark.parametrize("args", [("add", "Dana Lee"), ("list",), ("due",),
                                  ("log", "dana", "A call"), ("export",)])
def test_a_foreign_database_is_refused_and_left_untouched(
        postgres_server: PostgresServer, postgres_url: str, args: tuple[str, ...]) -> None:
    conn = postgres_server.connect(dbname(postgres_url))
    try:
        for statement in FOREIGN:
            conn.execute(statement)
    finally:
        conn.close()
    before = _catalogue(postgres_server, postgres_url)
    line = _one_clear_line(_command(*args, db=postgres_url))
    assert dbname(postgres_url) in line
    assert _catalogue(postgres_server, postgres_url) == before


# -- moving between the engines ---------------------------------------------------------------

def _a_panel(mn: Run) -> None:
    """A small panel with some of everything, written through the commands."""
    mn("add", "Dana Lee", "--kind", "formal", "--org", "Acme", "--met", "2025-03-01")
    mn("add", "Sam Wu", "--kind", "mentee")
    mn("add", "Ana Ruiz", "--kind", "prospect", "--role", "CTO")
    mn("log", "dana", "Talked about the roadmap", "--on", "2026-10-01", "--via", "call")
    mn("log", "sam", "Reviewed the CV, émigré ✓", "--on", "2026-11-02")
    mn("give", "dana", "An intro to a recruiter")
    mn("park", "dana", "How to ask for a promotion?")
    mn("todo", "add", "sam", "Send the reading list")
    mn("goal", "add", "Lead a team by next year")
    mn("edit", "ana", "--org", "Initech")


def test_copy_to_postgresql_and_back_keeps_the_whole_panel(
        mn: Run, postgres_url: str, tmp_path: Path) -> None:
    _a_panel(mn)  # in the SQLite file of MENTORNET_DB
    original = _export(mn)
    mn("copy", "--to", postgres_url)
    assert _export(mn, postgres_url) == original  # byte-identical from both engines
    back = tmp_path / "back" / "mentornet.db"
    mn("--db", postgres_url, "copy", "--to", str(back))
    assert _export(mn, str(back)) == original
    # History and journal came along: undo on each copy takes back the same last change.
    mn("undo")
    mn("--db", postgres_url, "undo")
    mn("--db", str(back), "undo")
    undone = _export(mn)
    assert undone != original
    assert _export(mn, postgres_url) == undone
    assert _export(mn, str(back)) == undone


def test_copy_refuses_a_database_that_is_not_empty(mn: Run, postgres_url: str) -> None:
    _a_panel(mn)
    mn("copy", "--to", postgres_url)
    before = _export(mn, postgres_url)
    mn("add", "Leo Martins")
    result = mn("copy", "--to", postgres_url, ok=False)
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert _export(mn, postgres_url) == before


def test_a_json_export_imports_into_postgresql_byte_identical(
        mn: Run, postgres_url: str, tmp_path: Path) -> None:
    _a_panel(mn)
    document = tmp_path / "panel.json"
    document.write_text(_export(mn), encoding="utf-8")
    mn("--db", postgres_url, "import", str(document))
    assert _export(mn, postgres_url) == document.read_text(encoding="utf-8")
    # and from PostgreSQL back into an empty SQLite file
    again = tmp_path / "again.json"
    again.write_text(_export(mn, postgres_url), encoding="utf-8")
    fresh = tmp_path / "fresh.db"
    mn("--db", str(fresh), "import", str(again))
    assert _export(mn, str(fresh)) == document.read_text(encoding="utf-8")


def test_records_added_after_a_json_restore_get_ids_of_their_own(
        mn: Run, postgres_url: str, tmp_path: Path) -> None:
    _a_panel(mn)  # on SQLite
    document = tmp_path / "panel.json"
    document.write_text(_export(mn), encoding="utf-8")
    mn("--db", postgres_url, "import", str(document))
    mn("--db", postgres_url, "add", "Leo Martins", "--kind", "formal")
    mn("--db", postgres_url, "log", "leo", "First call")
    mn("--db", postgres_url, "give", "leo", "An intro")
    mn("--db", postgres_url, "park", "leo", "A question?")
    mn("--db", postgres_url, "todo", "add", "leo", "Send the notes")
    mn("--db", postgres_url, "goal", "add", "Speak at a conference")
    panel = json.loads(_export(mn, postgres_url))
    assert "Leo Martins" in [p["name"] for p in panel["people"]]
    for section in ("people", "touchbases", "favours", "parked", "followups", "goals"):
        ids = [row["id"] for row in panel[section]]
        assert len(ids) == len(set(ids)), section


def test_an_empty_database_reads_as_an_empty_panel_and_stays_empty(
        mn: Run, postgres_server: PostgresServer, pg: str) -> None:
    before = _catalogue(postgres_server, pg)
    assert mn("list").exit_code == 0
    assert mn("due").exit_code == 0
    assert json.loads(_export(mn))["people"] == []
    assert _catalogue(postgres_server, pg) == before


@pytest.mark.parametrize("own_options", ["", "&options=-c%20work_mem%3D8MB"])
def test_every_connection_waits_for_the_write_lock_and_speaks_utf8(
        postgres_url: str, own_options: str) -> None:
    """The session's settings ride on the connection request, unless the URL brings
    options of its own: those are kept, and the wait for the lock is set after."""
    from mentornet.store.location import ServerURL, location
    from mentornet.store.postgres.connection import LOCK_TIMEOUT_MS, connect

    url = location(postgres_url + own_options)  # the URL has its ?host= already
    assert isinstance(url, ServerURL)
    conn = connect(url)
    try:
        settings = dict(conn.execute(
            "SELECT name, setting FROM pg_settings WHERE name IN "
            "('lock_timeout', 'client_encoding', 'work_mem')").fetchall())
    finally:
        conn.close()
    assert settings["lock_timeout"] == str(LOCK_TIMEOUT_MS)
    assert settings["client_encoding"] == "UTF8"
    if own_options:
        assert settings["work_mem"] == str(8 * 1024)  # kB


# -- offline, and passwords -------------------------------------------------------------------

def test_an_offline_server_is_one_clear_line_and_nothing_is_lost(
        own_server: PostgresServer) -> None:
    url = own_server.create_database("offline_panel")
    assert _command("add", "Dana Lee", db=url).returncode == 0
    own_server.halt()
    for args in (("list",), ("log", "dana", "A call while offline"), ("due",)):
        line = _one_clear_line(_command(*args, db=url))
        assert "offline_panel" in line
    own_server.resume()
    shown = _command("export", "--format", "json", db=url)
    assert shown.returncode == 0, shown.stderr
    panel = json.loads(shown.stdout)
    assert [p["name"] for p in panel["people"]] == ["Dana Lee"]
    assert panel["touchbases"] == []  # the failed log wrote nothing, half or whole


def test_a_socket_where_no_server_listens_is_one_clear_line(tmp_path: Path) -> None:
    url = f"postgresql://{SUPERUSER}@/nowhere?host={tmp_path}"
    for args in (("list",), ("add", "Dana Lee")):
        line = _one_clear_line(_command(*args, db=url))
        assert "nowhere" in line


def test_a_password_in_the_url_is_never_shown(
        postgres_server: PostgresServer, postgres_url: str, tmp_path: Path) -> None:
    url = postgres_server.url(dbname(postgres_url), password=PASSWORD)
    as_parameter = f"{postgres_url}&password={PASSWORD}"  # libpq's other way to give one
    offline = f"postgresql://{SUPERUSER}:{PASSWORD}@/nowhere?host={tmp_path}"
    offline_parameter = f"postgresql://{SUPERUSER}@/nowhere?host={tmp_path}&password={PASSWORD}"
    outputs = []
    for db, args in ((url, ("add", "Dana Lee")), (url, ("list",)), (url, ("due",)),
                     (url, ("doctor",)), (url, ("show", "nobody-here")),
                     (as_parameter, ("log", "dana", "A call")), (as_parameter, ("config",)),
                     (offline, ("list",)), (offline, ("add", "Sam Wu")),
                     (offline_parameter, ("list",))):
        result = _command(*args, db=db)
        outputs.append(result.stdout + result.stderr)
        assert "Traceback" not in result.stderr
        flag = _command("--db", db, *args)
        outputs.append(flag.stdout + flag.stderr)
    assert all(PASSWORD not in output for output in outputs)
    assert any("nowhere" in output for output in outputs)  # the errors did name the database


def test_without_the_driver_a_url_says_what_to_install(postgres_url: str) -> None:
    script = ("import sys; sys.modules['psycopg'] = None\n"
              "from mentornet.cli.main import run\n"
              "sys.exit(run())\n")
    env = {**os.environ, "MENTORNET_DB": postgres_url}
    result = subprocess.run([sys.executable, "-c", script, "list"], env=env,
                            capture_output=True, text=True, timeout=120)
    line = _one_clear_line(result)
    assert "mentornet[postgres]" in line
