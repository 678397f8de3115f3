"""The PostgreSQL rows of the benchmark: a throwaway server, the ten-year store copied into it.

The server is the tests' own throwaway cluster (tests/postgres_server.py: a temporary
folder, a Unix socket there only, removed at the end) but with PostgreSQL's default
durability (fsync and synchronous commits on), as a real server runs. The ten-year store
is copied into two databases with mentornet's own `copy --to`: one for the reads, one
for the writes, as the SQLite rows use the store and a scratch copy of it.
"""

from __future__ import annotations

import contextlib
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from postgres_server import PostgresServer, Unavailable  # noqa: E402

READS, WRITES = "postgres", "postgres copy"  # the stores' names in the cases
CONNECTS = 50  # connections opened in one process to time the set-up alone


class Missing(Exception):
    """No PostgreSQL rows this time; the message says why."""


@contextlib.contextmanager
def server_stores(mentornet: list[str], ten_year: Path,
                  env: dict[str, str]) -> Iterator[tuple[dict[str, str], float]]:
    """Start a server and copy the ten-year store into it; yield ({store name: URL},
    the median connection set-up in ms). Raises Missing when either cannot be done."""
    try:
        server = PostgresServer.start(durable=True)
    except Unavailable as reason:
        raise Missing(f"no PostgreSQL server: {reason}") from None
    with server:
        urls = {}
        for name, database in ((READS, "ten_year"), (WRITES, "ten_year_copy")):
            urls[name] = server.create_database(database)
            copy = subprocess.run([*mentornet, "--db", str(ten_year), "copy", "--to",
                                   urls[name]], env=env, capture_output=True, text=True)
            if copy.returncode != 0:
                last = (copy.stderr.strip().splitlines() or ["(no message)"])[-1]
                raise Missing(f"`mentornet copy --to URL` failed: {last}")
        yield urls, connection_setup_ms(urls[READS])


def connection_setup_ms(url: str) -> float:
    """The median time to open and close one connection (the driver already imported)."""
    import psycopg

    times = []
    for _ in range(CONNECTS):
        began = time.perf_counter()
        psycopg.connect(url).close()
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000
