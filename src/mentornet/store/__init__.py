"""The store: `Store` (store/api.py) is the one way in, `Change` one transaction in it.

Above this package (cli/, io/, the domain) only these two and the domain records are
seen. Below them everything is SQLite's side: connection.py (opening, PRAGMAs, the
application id, the checks), queries.py and panel.py (the reads, due's mapped one),
writes.py (the SQL of the writes), journal.py, undo.py and layout.py (the change
journal and the schema check), safety.py, backup.py and restore.py (the file). A second
engine would be a second implementation of Store and Change beside these, sharing
schema.py (the column copy the writes use) and the domain records; SQLite's own SQL
(NOCASE, GLOB, json_group_array, rowid, PRAGMAs) stays in these modules.
"""

from mentornet.store.api import Store
from mentornet.store.writes import Change

__all__ = ["Change", "Store"]
