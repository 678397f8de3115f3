"""Every test runs against a temporary database, a fixed today, and a plain 100-column terminal.

Two engines. The autouse fixture `env_setup` points MENTORNET_DB at a fresh database of the
test's `engine`: a temporary SQLite path (the default), or, on the `postgres` engine, a
new empty database of a throwaway PostgreSQL server (tests/postgres_server.py), started
once per session by the `postgres_server` fixture and stopped at the end.

Which tests run on both engines is explicit:
- a test module opts in with `pytestmark = pytest.mark.both_engines` (the store-facing CLI
  suites: they speak to the store only through commands, so they must pass on either);
- in such a module, a test runs on both engines, as test_x[sqlite] and test_x[postgres],
  unless it works on the SQLite file itself: it requests `db_path` (directly or through one
  of its fixtures), or it is marked `sqlite_only` (say why in the test). Those run once,
  on SQLite, with their ids unchanged;
- every other module runs on SQLite only; tests of PostgreSQL itself (tests/test_postgres.py)
  request `postgres_server` or `postgres_url` directly.
A test that moves to a second database (export here, import there) asks `another_db` for
one of its own engine; a property test that needs new databases for every example asks
`fresh_stores`; a test that needs the database whatever its engine asks `env_setup` (the
path, or the URL), never `db_path`. The header of the run says which engines ran.

Without a server (PostgreSQL or psycopg not installed, or the cluster failing to start) the
PostgreSQL tests are skipped with the reason; with MENTORNET_REQUIRE_POSTGRES=1 (as .ci/run
sets) they fail instead, so CI cannot pass by skipping them.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from postgres_server import PostgresServer, Unavailable

TODAY = "2026-11-22"  # a Sunday
REQUIRE_POSTGRES = "MENTORNET_REQUIRE_POSTGRES"
# The postgres engine joins the both_engines modules once mentornet has one (the package
# mentornet.store.postgres, which opens postgresql:// URLs); the header of the run says which.
HAS_POSTGRES_ENGINE = importlib.util.find_spec("mentornet.store.postgres") is not None
ENGINES = ("sqlite", "postgres") if HAS_POSTGRES_ENGINE else ("sqlite",)


def pytest_report_header() -> str:
    if HAS_POSTGRES_ENGINE:
        return "engines: sqlite, postgres (both_engines modules run on each)"
    return "engines: sqlite only (no mentornet.store.postgres yet)"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "both_engines: run this module's tests on SQLite and on PostgreSQL")
    config.addinivalue_line(
        "markers", "sqlite_only: in a both_engines module, a test of the SQLite file itself")


def runs_on_both_engines(metafunc: pytest.Metafunc) -> bool:
    """The rule of the module docstring: opted in, and not about the SQLite file."""
    definition = metafunc.definition
    return (definition.get_closest_marker("both_engines") is not None
            and definition.get_closest_marker("sqlite_only") is None
            and "db_path" not in metafunc.fixturenames)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if (len(ENGINES) > 1 and "engine" in metafunc.fixturenames
            and runs_on_both_engines(metafunc)):
        metafunc.parametrize("engine", ENGINES, indirect=True)


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> str:
    """The engine this test runs on: "sqlite" unless parametrised (see the docstring)."""
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL cluster for the whole session; skips (or fails) without one."""
    try:
        server = PostgresServer.start()
    except Unavailable as reason:
        if os.environ.get(REQUIRE_POSTGRES) == "1":
            pytest.fail(f"{REQUIRE_POSTGRES}=1 but no PostgreSQL server: {reason}",
                        pytrace=False)
        pytest.skip(f"no PostgreSQL server: {reason}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """The URL of a new, empty database, dropped after the test."""
    url = postgres_server.create_database()
    yield url
    postgres_server.drop_database(url)


@pytest.fixture(autouse=True)
def env_setup(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, engine: str,
              request: pytest.FixtureRequest) -> Iterator[Path | str]:
    """Point mentornet at a temporary database and config; never the real home directory.

    Gives the SQLite path, or on the postgres engine the database's URL (and checks, after
    the test, that mentornet did not take that URL for a file name).
    """
    db: Path | str = tmp_path / "data" / "mentornet.db"
    if engine == "postgres":
        db = request.getfixturevalue("postgres_url")
        monkeypatch.chdir(tmp_path)  # a URL misread as a relative path lands here
    monkeypatch.setenv("MENTORNET_DB", str(db))
    monkeypatch.setenv("MENTORNET_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("MENTORNET_TODAY", TODAY)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    _pg_env(monkeypatch)
    yield db
    if engine == "postgres" and (tmp_path / "postgresql:").exists():
        raise AssertionError("mentornet opened the postgresql:// URL as a SQLite file")


def _pg_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No PostgreSQL settings of the environment leak into a test."""
    for name in ("PGPASSWORD", "PGPASSFILE", "PGHOST", "PGUSER", "PGDATABASE", "PGPORT",
                 "PGSERVICE", "PGSERVICEFILE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def another_db(engine: str, tmp_path: Path,
               request: pytest.FixtureRequest) -> Iterator[Callable[[str], str]]:
    """Another empty database of the test's engine: another_db("other.db") is a new SQLite
    path in tmp_path, or on the postgres engine a new database's URL (dropped afterwards)."""
    made: list[str] = []

    def make(name: str) -> str:
        if engine != "postgres":
            return str(tmp_path / name)
        made.append(request.getfixturevalue("postgres_server").create_database())
        return made[-1]

    yield make
    for url in made:
        request.getfixturevalue("postgres_server").drop_database(url)


@pytest.fixture
def fresh_stores(engine: str, request: pytest.FixtureRequest
                 ) -> Callable[[int], contextlib.AbstractContextManager[list[Any]]]:
    """`with fresh_stores(2) as (first, second):` new, empty databases of the test's engine,
    as Store and writing() take them (paths, or the URLs as mentornet reads them), removed
    at the end of the block: a database per example of a property test."""
    server = request.getfixturevalue("postgres_server") if engine == "postgres" else None

    @contextlib.contextmanager
    def make(count: int) -> Iterator[list[Any]]:
        if server is None:
            with tempfile.TemporaryDirectory() as folder:
                yield [Path(folder) / f"panel-{n}.db" for n in range(count)]
            return
        from mentornet.store.location import location

        urls = [server.create_database() for _ in range(count)]
        try:
            yield [location(url) for url in urls]
        finally:
            for url in urls:
                server.drop_database(url)

    return make


@pytest.fixture
def db_path(env_setup: Path | str) -> Path:
    """The SQLite file of this test: requesting it keeps the test on SQLite."""
    assert isinstance(env_setup, Path), "db_path is the SQLite engine's file"
    return env_setup


@pytest.fixture
def mn() -> Callable[..., object]:
    """Run a mentornet command in-process: mn("add", "Dana Lee", today="2026-01-05")."""
    from mentornet.cli.main import app

    runner = CliRunner()

    def run(*args: str, today: str | None = None, ok: bool = True, input: str | None = None):
        env = {"MENTORNET_TODAY": today} if today else None
        result = runner.invoke(app, list(args), env=env, input=input)
        if ok:
            assert result.exit_code == 0, (result.stdout, result.stderr)
        return result

    return run
