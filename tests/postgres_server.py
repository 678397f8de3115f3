"""A throwaway PostgreSQL cluster for the tests and the benchmark: initdb, pg_ctl, a socket.

    server = PostgresServer.start()        # or: with PostgresServer.start() as server:
    url = server.create_database()         # a fresh, empty database: postgresql://...
    server.stop()                          # the server stopped and its folder removed

The cluster lives in a new folder under the system's temporary directory, listens on a Unix
socket in that folder only (no TCP port: `listen_addresses = ''`), lets every local user in
with trust authentication, and is tuned for tests (no fsync: nothing in it must outlive the
run). initdb refuses to run as root, so as root the server runs as the `postgres` system user
(the one Debian's package creates), who owns the folder.

A watchdog process holds the other end of a pipe from the process that started the server:
when that process ends in any way (a normal stop, a failure, Ctrl-C, kill -9), the pipe
closes and the watchdog stops the server and removes the folder, so no postmaster is left.

The binaries come from $MENTORNET_PG_BINDIR if set, else PATH, else the newest version in
/usr/lib/postgresql/*/bin. `Unavailable` says, in one sentence, why a server could not be
had (no binaries, no driver, initdb or pg_ctl failing): the tests skip with it, or fail
with it under MENTORNET_REQUIRE_POSTGRES=1.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

BINDIR_VARIABLE = "MENTORNET_PG_BINDIR"  # to choose a PostgreSQL installation
SERVER_USER = "postgres"  # the system user Debian's package makes, for running as root
SUPERUSER = "mentornet"  # the cluster's own superuser, the user in every URL
# max_connections covers the concurrency tests' writers plus the test process itself.
SETTINGS = {
    "listen_addresses": "''",
    "max_connections": "40",
    "shared_buffers": "32MB",
    "log_min_messages": "warning",
    "log_min_error_statement": "panic",
}
# For tests, durability is not wanted, speed is; a benchmark keeps PostgreSQL's defaults.
NOT_DURABLE = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}

# Run by the watchdog: wait for the pipe to close, then stop the server and remove the folder.
WATCHDOG = """
import os, shutil, subprocess, sys
pg_ctl, data, folder, user = sys.argv[1:5]
sys.stdin.buffer.read()
if os.path.exists(os.path.join(data, "postmaster.pid")):
    subprocess.run([pg_ctl, "stop", "-D", data, "-m", "immediate", "-w"],
                   user=user or None, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
shutil.rmtree(folder, ignore_errors=True)
"""


class Unavailable(Exception):
    """No PostgreSQL server can be started here; the message says why."""


def find_bindir() -> Path:
    """The folder of initdb, pg_ctl and postgres: $MENTORNET_PG_BINDIR, else from PATH, else
    Debian's newest version under /usr/lib/postgresql."""
    names = ("initdb", "pg_ctl", "postgres")
    chosen = os.environ.get(BINDIR_VARIABLE)
    if chosen:
        if all((Path(chosen) / name).exists() for name in names):
            return Path(chosen)
        raise Unavailable(f"{BINDIR_VARIABLE}={chosen} holds no initdb, pg_ctl and postgres")
    on_path = [shutil.which(name) for name in names]
    if all(on_path):
        folders = {Path(os.path.realpath(p)).parent for p in on_path if p}
        if len(folders) == 1:
            return folders.pop()
    def version(folder: str) -> tuple[int, ...]:
        number = Path(folder).parent.name
        return tuple(int(part) for part in number.split(".") if part.isdigit())
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True):
        if all((Path(folder) / name).exists() for name in names):
            return Path(folder)
    raise Unavailable(
        "PostgreSQL is not installed: no initdb, pg_ctl and postgres on PATH or in "
        "/usr/lib/postgresql/*/bin (Debian: apt-get install postgresql)")


def server_user() -> str | None:
    """Who runs the server: None (this user), or the `postgres` user when we are root."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(SERVER_USER)
    except KeyError:
        raise Unavailable(
            f"running as root, and initdb refuses root, but there is no {SERVER_USER!r} "
            "system user to run the server as (Debian's postgresql package creates it)"
        ) from None
    return SERVER_USER


def dbname(name_or_url: str) -> str:
    """The database's name, from a postgresql:// URL (or the name itself)."""
    if "://" not in name_or_url:
        return name_or_url
    return urlsplit(name_or_url).path.lstrip("/")


class PostgresServer:
    """A running throwaway cluster; `start()` makes one, `stop()` ends it."""

    def __init__(self, folder: Path, bindir: Path, user: str | None,
                 watchdog: subprocess.Popen[bytes]) -> None:
        self.folder = folder
        self.bindir = bindir
        self.user = user
        self.data = folder / "data"
        self.socket_dir = folder  # the socket, .s.PGSQL.5432, sits in the folder itself
        self.log = folder / "server.log"
        self._watchdog = watchdog
        self._admin: Any = None  # a psycopg connection to the `postgres` database
        self._names = itertools.count(1)
        self.stopped = False

    # -- starting and stopping -------------------------------------------------------------

    @classmethod
    def start(cls, *, durable: bool = False) -> PostgresServer:
        """Make and start a cluster, or raise Unavailable saying why it cannot be done.

        `durable` keeps PostgreSQL's own fsync and commit settings (for timings); by
        default they are off, as nothing in a test's cluster must survive a crash."""
        try:
            import psycopg  # noqa: F401  (the driver mentornet and these helpers use)
        except ImportError:
            raise Unavailable(
                "psycopg is not installed (pip install -e '.[test]' brings psycopg[binary])"
            ) from None
        bindir = find_bindir()
        user = server_user()
        folder = Path(tempfile.mkdtemp(prefix="mentornet-pg-"))
        if user is not None:
            entry = pwd.getpwnam(user)
            os.chown(folder, entry.pw_uid, entry.pw_gid)
        watchdog = subprocess.Popen(
            [sys.executable, "-c", WATCHDOG, str(bindir / "pg_ctl"), str(folder / "data"),
             str(folder), user or ""],
            stdin=subprocess.PIPE, start_new_session=True)
        server = cls(folder, bindir, user, watchdog)
        try:
            server._initdb({**SETTINGS, **({} if durable else NOT_DURABLE)})
            server._pg_ctl_start()
            server._admin = server.connect("postgres")
        except BaseException:
            server.stop()
            raise
        return server

    def _run(self, *argv: str) -> None:
        result = subprocess.run(argv, user=self.user, capture_output=True, text=True,
                                cwd=self.folder, check=False)
        if result.returncode != 0:
            output = (result.stderr or result.stdout).strip().splitlines()
            last = output[-1] if output else f"exit status {result.returncode}"
            log = self.log.read_text(errors="replace").strip().splitlines()[-3:] \
                if self.log.exists() else []
            raise Unavailable(f"{Path(argv[0]).name} failed: {last}"
                              + (f" (server log: {' / '.join(log)})" if log else ""))

    def _initdb(self, settings: dict[str, str]) -> None:
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", SUPERUSER,
                  "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions")
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write("\n# A throwaway cluster for mentornet's tests\n")
            conf.write(f"unix_socket_directories = '{self.socket_dir}'\n")
            for name, value in settings.items():
                conf.write(f"{name} = {value}\n")

    def _pg_ctl_start(self) -> None:
        self._run(str(self.bindir / "pg_ctl"), "start", "-D", str(self.data), "-l",
                  str(self.log), "-w", "-t", "60")

    def halt(self) -> None:
        """Stop the server but keep its folder and data, as a server that went offline."""
        if self._admin is not None:
            self._admin.close()
            self._admin = None
        self._run(str(self.bindir / "pg_ctl"), "stop", "-D", str(self.data), "-m", "fast",
                  "-w")

    def resume(self) -> None:
        """Start a halted server again, with its data."""
        self._pg_ctl_start()
        self._admin = self.connect("postgres")

    def stop(self) -> None:
        """Stop the server and remove its folder (idempotent)."""
        if self.stopped:
            return
        self.stopped = True
        if self._admin is not None:
            self._admin.close()
            self._admin = None
        if (self.data / "postmaster.pid").exists():
            subprocess.run([str(self.bindir / "pg_ctl"), "stop", "-D", str(self.data),
                            "-m", "immediate", "-w"], user=self.user, cwd=self.folder,
                           capture_output=True, check=False)
        # Closing the pipe lets the watchdog finish: it removes the folder.
        assert self._watchdog.stdin is not None
        self._watchdog.stdin.close()
        self._watchdog.wait(timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> PostgresServer:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    # -- databases ---------------------------------------------------------------------------

    def url(self, dbname: str, *, password: str | None = None) -> str:
        """The URL of a database of this cluster, as a user gives it to mentornet."""
        who = SUPERUSER if password is None else f"{SUPERUSER}:{password}"
        return f"postgresql://{who}@/{dbname}?host={self.socket_dir}"

    def connect(self, dbname: str, **kwargs: Any) -> Any:
        """A psycopg connection to a database of this cluster (autocommit)."""
        import psycopg

        return psycopg.connect(dbname=dbname, user=SUPERUSER, host=str(self.socket_dir),
                               autocommit=True, **kwargs)

    def create_database(self, name: str | None = None) -> str:
        """Create a new, empty database (a copy of template0) and return its URL."""
        name = name or f"panel_{next(self._names)}"
        # Copying template0's files whole takes about half the time of WAL-logging them
        # (10 ms against 18 ms here, without fsync); the choice exists from PostgreSQL 15.
        copy = " STRATEGY FILE_COPY" if self._admin.info.server_version >= 150000 else ""
        self._admin.execute(f'CREATE DATABASE "{name}" TEMPLATE template0{copy}')
        return self.url(name)

    def drop_database(self, name_or_url: str) -> None:
        """Drop a database of this cluster (by name or URL), even with sessions still open."""
        self._admin.execute(f'DROP DATABASE IF EXISTS "{dbname(name_or_url)}" WITH (FORCE)')

    def is_running(self) -> bool:
        status = subprocess.run([str(self.bindir / "pg_ctl"), "status", "-D", str(self.data)],
                                user=self.user, cwd=self.folder, capture_output=True,
                                check=False)
        return status.returncode == 0
