"""The store: `Store` (store/api.py) is the one way in, `Change` one transaction in it.

Above this package (cli/, io/, the domain) only these two and the domain records are
seen. Below them, the store speaks plain SQL: queries.py (the reads), writes.py (the SQL
of the writes), undo.py, schema.py (the column copy the writes use), profile.py,
unreadable.py. What is SQLite's own is in store/sqlite/ (see its __init__): opening the
file (PRAGMAs, the application id, the mapped read, the checks), making a new file, the
journal's triggers, and due's panel query; the file's safety, backups and restores
(safety.py, layout.py, backup.py, restore.py) and the search index (search_index.py) use
SQLite's own tools too. A second engine would be a sibling of store/sqlite/ and a second
implementation of what those modules offer, behind the same Store and Change.
"""

from mentornet.store.api import Store
from mentornet.store.writes import Change

__all__ = ["Change", "Store"]
