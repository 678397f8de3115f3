"""The throwaway PostgreSQL server of the tests: private, empty databases, never left running."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from postgres_server import BINDIR_VARIABLE, SUPERUSER, PostgresServer, dbname

TESTS = Path(__file__).resolve().parent


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _postmaster_pid(server: PostgresServer) -> int:
    return int((server.data / "postmaster.pid").read_text().split()[0])


def _wait_gone(pid: int, folder: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while (_alive(pid) or folder.exists()) and time.monotonic() < deadline:
        time.sleep(0.1)


def test_the_server_listens_on_its_own_socket_only(postgres_server: PostgresServer) -> None:
    conn = postgres_server.connect("postgres")
    try:
        settings = dict(conn.execute(
            "SELECT name, setting FROM pg_settings WHERE name IN "
            "('listen_addresses', 'unix_socket_directories', 'fsync')").fetchall())
    finally:
        conn.close()
    assert settings["listen_addresses"] == ""
    assert settings["unix_socket_directories"] == str(postgres_server.folder)
    assert (postgres_server.folder / ".s.PGSQL.5432").is_socket()


def test_the_server_does_not_run_as_root(postgres_server: PostgresServer) -> None:
    status = Path(f"/proc/{_postmaster_pid(postgres_server)}/status").read_text()
    real_uid = int(next(line for line in status.splitlines() if line.startswith("Uid:")).split()[1])
    assert real_uid != 0
    assert real_uid == os.geteuid() or os.geteuid() == 0


def test_every_database_is_new_and_empty(postgres_server: PostgresServer) -> None:
    first, second = postgres_server.create_database(), postgres_server.create_database()
    assert first != second
    for url in (first, second):
        assert url.startswith(f"postgresql://{SUPERUSER}@/panel_")
        assert url.endswith(f"?host={postgres_server.folder}")
        conn = postgres_server.connect(dbname(url))
        try:
            tables = conn.execute(
                "SELECT count(*) FROM information_schema.tables "
                "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')").fetchone()
        finally:
            conn.close()
        assert tables == (0,)
        postgres_server.drop_database(url)


@pytest.mark.parametrize("engine", ["postgres"], indirect=True)
def test_the_postgres_engine_points_mentornet_at_a_fresh_database(
        engine: str, env_setup: str, postgres_server: PostgresServer) -> None:
    assert os.environ["MENTORNET_DB"] == env_setup
    assert env_setup.startswith(f"postgresql://{SUPERUSER}@/panel_")
    conn = postgres_server.connect(dbname(env_setup))
    try:
        assert conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                            ).fetchone() == (0,)
    finally:
        conn.close()


def test_the_sqlite_engine_is_the_default(env_setup: Path) -> None:
    assert os.environ["MENTORNET_DB"] == str(env_setup)
    assert env_setup.name == "mentornet.db"


def test_both_engines_run_what_does_not_open_the_sqlite_file(tmp_path: Path) -> None:
    """The rule of conftest's docstring, on a module made for the purpose."""
    (tmp_path / "postgres_server.py").write_text((TESTS / "postgres_server.py").read_text())
    conftest = (TESTS / "conftest.py").read_text()
    gate = 'HAS_POSTGRES_ENGINE = importlib.util.find_spec("mentornet.store.postgres") is not None'
    assert gate in conftest
    (tmp_path / "conftest.py").write_text(conftest.replace(gate, "HAS_POSTGRES_ENGINE = True"))
    (tmp_path / "test_rule.py").write_text(
        "import pytest\n"
        "pytestmark = pytest.mark.both_engines\n"
        "def test_a_command(mn): pass\n"
        "def test_the_file(db_path): pass\n"
        "@pytest.fixture\n"
        "def panel(db_path): return db_path\n"
        "def test_through_a_fixture(panel): pass\n"
        "@pytest.mark.sqlite_only\n"
        "def test_marked(mn): pass\n"
        "@pytest.mark.parametrize('n', [1, 2])\n"
        "def test_parametrised(mn, n): pass\n")
    (tmp_path / "test_plain.py").write_text("def test_elsewhere(mn): pass\n")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
         "-o", "addopts=--strict-markers"], cwd=tmp_path, capture_output=True, text=True,
        timeout=120)
    ids = {line for line in result.stdout.splitlines() if "::" in line}
    assert ids == {
        "test_rule.py::test_a_command[sqlite]", "test_rule.py::test_a_command[postgres]",
        "test_rule.py::test_the_file", "test_rule.py::test_through_a_fixture",
        "test_rule.py::test_marked",
        "test_rule.py::test_parametrised[sqlite-1]", "test_rule.py::test_parametrised[sqlite-2]",
        "test_rule.py::test_parametrised[postgres-1]",
        "test_rule.py::test_parametrised[postgres-2]",
        "test_plain.py::test_elsewhere"}, result.stdout + result.stderr


def test_a_stopped_server_is_gone_with_its_folder() -> None:
    server = PostgresServer.start()
    pid = _postmaster_pid(server)
    assert server.is_running()
    server.stop()
    _wait_gone(pid, server.folder)
    assert not _alive(pid)
    assert not server.folder.exists()
    server.stop()  # a second stop is harmless


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT])
def test_no_server_outlives_the_process_that_started_it(tmp_path: Path, how: int) -> None:
    """kill -9 or Ctrl-C of the test run: the watchdog stops the server and removes its folder."""
    started = tmp_path / "started"
    script = (
        "import sys, time; sys.path.insert(0, sys.argv[1])\n"
        "from postgres_server import PostgresServer\n"
        "server = PostgresServer.start()\n"
        "open(sys.argv[2], 'w').write(str(server.folder))\n"
        "time.sleep(600)\n")
    child = subprocess.Popen([sys.executable, "-c", script, str(TESTS), str(started)])
    deadline = time.monotonic() + 60
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert started.exists(), "the server did not start"
    time.sleep(0.2)  # the file is written whole
    folder = Path(started.read_text())
    pid = int((folder / "data" / "postmaster.pid").read_text().split()[0])
    assert _alive(pid)
    child.send_signal(how)
    child.wait(timeout=30)
    _wait_gone(pid, folder)
    assert not _alive(pid), "the postmaster was left running"
    assert not folder.exists(), "the server's folder was left behind"


def _pytest_without_a_server(tmp_path: Path, *, require: bool) -> subprocess.CompletedProcess[str]:
    """Run this module's first server test with no PostgreSQL binaries to be found."""
    empty = tmp_path / "no-postgres"
    empty.mkdir(exist_ok=True)
    env = {**os.environ, BINDIR_VARIABLE: str(empty)}
    env.pop("MENTORNET_REQUIRE_POSTGRES", None)
    if require:
        env["MENTORNET_REQUIRE_POSTGRES"] = "1"
    target = f"{Path(__file__).name}::test_the_server_listens_on_its_own_socket_only"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rsE", "-p", "no:cacheprovider", target],
        cwd=TESTS, env=env, capture_output=True, text=True, timeout=120)


def test_without_a_server_the_tests_are_skipped_with_the_reason(tmp_path: Path) -> None:
    result = _pytest_without_a_server(tmp_path, require=False)
    assert result.returncode == 0, result.stdout
    assert "1 skipped" in result.stdout
    assert f"no PostgreSQL server: {BINDIR_VARIABLE}=" in result.stdout


def test_when_postgres_is_required_a_missing_server_fails_the_run(tmp_path: Path) -> None:
    result = _pytest_without_a_server(tmp_path, require=True)
    assert result.returncode != 0, result.stdout
    assert "skipped" not in result.stdout
    assert "MENTORNET_REQUIRE_POSTGRES=1 but no PostgreSQL server" in result.stdout
