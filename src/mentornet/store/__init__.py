"""The store: `Store` (store/api.py) is the one way in, `Change` one transaction in it.

Above this package (cli/, io/, the domain) only these two and the domain records are
seen. The panel lives in a SQLite file or a PostgreSQL database (location.py says which
a `--db` names). Below the Store, one code speaks the SQL both engines run: queries.py
(the reads), writes.py (the SQL of the writes), undo.py, schema.py (the column copy the
writes use), profile.py, unreadable.py, copying.py (`copy --to`, between any two stores).
What each engine does its own way is asked through engines.py, and lives in its package:
store/sqlite/ (opening the file, its PRAGMAs and checks, making a new file, the journal's
triggers, due's panel query) and store/postgres/ (reaching the server, the schema made
from SQLite's, the journal's trigger function, its form of the panel query, backups and
restores through `copy`, doctor). The file's safety, backups and restores (safety.py,
layout.py, backup.py, restore.py) and the search index (search_index.py) are SQLite's.
"""

from typing import TYPE_CHECKING

from mentornet.store.api import Store
from mentornet.store.location import Location, ServerURL, location

if TYPE_CHECKING:
    from mentornet.store.writes import Change

__all__ = ["Change", "Location", "ServerURL", "Store", "location"]


def __getattr__(name: str) -> object:
    """`Change` is imported when asked for: a read never loads the write side."""
    if name == "Change":
        from mentornet.store.writes import Change

        return Change
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
