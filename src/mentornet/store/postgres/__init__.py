"""The PostgreSQL side of the store: one panel shared by several machines.

- adapter.py: a psycopg connection the store's plain SQL runs on as on SQLite's
  (placeholders, errors);
- connection.py: reaching the server, the schema marker, making the schema in an empty
  database, the write lock (an advisory lock every change holds);
- schema.py: the tables, made from what the SQLite migrations build;
- journal.py: the undo journal's one trigger function;
- driver.py: importing psycopg (without `importlib.metadata`);
- panel.py: `due`'s panel query in PostgreSQL's words;
- copies.py: backups (SQLite files), the daily one included, and restores through `copy`;
- doctor.py: `mentornet doctor` on a server.

psycopg is an optional extra (`pip install 'mentornet[postgres]'`), imported only when a
PostgreSQL URL is used.
"""
