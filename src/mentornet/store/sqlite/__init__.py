"""The SQLite side of the store: what only SQLite does, or does in its own words.

The store object (store/api.py), its reads (store/reads.py, store/queries.py) and writes
(store/writes.py) speak plain SQL that another engine could run, through the connection
this package opens. What belongs to SQLite itself lives here; PostgreSQL's side is its
sibling, store/postgres/, and the store asks either through store/engines.py:

- connection.py: opening the file (its header, `application_id` and `user_version`, the
  pragmas every connection sets, the memory-mapped read `due` makes, text
  decoded leniently or the quick way), checking it is whole, migrating it;
- creation.py: making a new database file beside its place and putting it there whole;
- journal.py: the undo journal's triggers, generated from the schema;
- panel.py: the one query behind `due` and `review`, which leans on SQLite's JSON
  functions and on its index seeks.

Elsewhere in store/, SQLite shows only where an engine's own tool is the point: the backup
API (backup.py, restore.py), the file checks (safety.py, layout.py), the FTS5 search index
(search_index.py), and a GLOB that finds names with non-ASCII letters (queries.py).
"""
