"""The schema's history: an ordered list of named steps; the version lives in PRAGMA user_version.

Steps are plain SQL so that opening the store never needs SQLAlchemy. `models.py` declares
the same schema; `tests/test_migrations.py` checks that the two agree exactly.
"""

import re
import sqlite3
from collections.abc import Callable
from typing import NamedTuple

from mentornet.store import search_index
from mentornet.store.sqlite import journal

# The tables the first change journal (step 2) recorded. Since the data journal (step 5)
# every table of the user's data is journaled: see store/sqlite/journal.py.
JOURNALED_TABLES = ("person", "touchbase", "favour", "parked_item", "followup", "goal",
                    "goal_mentor", "goal_progress")


class Migration(NamedTuple):
    name: str
    apply: Callable[[sqlite3.Connection], None]


def _run(*statements: str) -> Callable[[sqlite3.Connection], None]:
    def apply(conn: sqlite3.Connection) -> None:
        for statement in statements:  # one by one: executescript() would commit
            conn.execute(statement)
    return apply


_PANEL = _run(
    """CREATE TABLE person (
        id INTEGER NOT NULL, name VARCHAR NOT NULL, kind VARCHAR NOT NULL,
        status VARCHAR NOT NULL, role VARCHAR, org VARCHAR, seniority VARCHAR, via VARCHAR,
        met_on DATE, focus JSON NOT NULL, cadence_days INTEGER, email VARCHAR, link VARCHAR,
        notes VARCHAR, snoozed_until DATE, next_session DATE,
        created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL,
        PRIMARY KEY (id))""",
    """CREATE TABLE touchbase (
        id INTEGER NOT NULL, person_id INTEGER NOT NULL, happened_on DATE NOT NULL,
        channel VARCHAR NOT NULL, initiator VARCHAR NOT NULL, answered BOOLEAN NOT NULL,
        notes VARCHAR, topics JSON NOT NULL, feedback VARCHAR, created_at DATETIME NOT NULL,
        PRIMARY KEY (id), FOREIGN KEY(person_id) REFERENCES person (id))""",
    "CREATE INDEX ix_touchbase_person_date ON touchbase (person_id, happened_on)",
    """CREATE TABLE favour (
        id INTEGER NOT NULL, person_id INTEGER NOT NULL, direction VARCHAR NOT NULL,
        happened_on DATE NOT NULL, kind VARCHAR NOT NULL, description VARCHAR NOT NULL,
        created_at DATETIME NOT NULL,
        PRIMARY KEY (id), FOREIGN KEY(person_id) REFERENCES person (id))""",
    "CREATE INDEX ix_favour_person_date ON favour (person_id, happened_on)",
    """CREATE TABLE parked_item (
        id INTEGER NOT NULL, person_id INTEGER, kind VARCHAR NOT NULL, text VARCHAR NOT NULL,
        parked_on DATE NOT NULL, discussed_on DATE, discussed_with INTEGER,
        created_at DATETIME NOT NULL,
        PRIMARY KEY (id), FOREIGN KEY(person_id) REFERENCES person (id),
        FOREIGN KEY(discussed_with) REFERENCES person (id))""",
    "CREATE INDEX ix_parked_item_person ON parked_item (person_id)",
    """CREATE TABLE followup (
        id INTEGER NOT NULL, person_id INTEGER NOT NULL, text VARCHAR NOT NULL,
        created_on DATE NOT NULL, due DATE, done_on DATE, created_at DATETIME NOT NULL,
        PRIMARY KEY (id), FOREIGN KEY(person_id) REFERENCES person (id))""",
    "CREATE INDEX ix_followup_person ON followup (person_id)",
    """CREATE TABLE goal (
        id INTEGER NOT NULL, text VARCHAR NOT NULL, created_on DATE NOT NULL, target DATE,
        focus JSON NOT NULL, status VARCHAR NOT NULL, closed_on DATE,
        created_at DATETIME NOT NULL,
        PRIMARY KEY (id))""",
    """CREATE TABLE goal_mentor (
        goal_id INTEGER NOT NULL, person_id INTEGER NOT NULL,
        PRIMARY KEY (goal_id, person_id), FOREIGN KEY(goal_id) REFERENCES goal (id),
        FOREIGN KEY(person_id) REFERENCES person (id))""",
    "CREATE INDEX ix_goal_mentor_person ON goal_mentor (person_id)",
    """CREATE TABLE goal_progress (
        id INTEGER NOT NULL, goal_id INTEGER NOT NULL, noted_on DATE NOT NULL,
        note VARCHAR NOT NULL, created_at DATETIME NOT NULL,
        PRIMARY KEY (id), FOREIGN KEY(goal_id) REFERENCES goal (id))""",
    "CREATE INDEX ix_goal_progress_goal ON goal_progress (goal_id)",
)


def _literal(value: str) -> str:
    """SQL that writes `value` back as an exact SQL literal.

    quote() stops a text at its first NUL character (an imported "\\u0000" can hold one),
    so such texts are written as a hex blob cast back to text.
    """
    return (f"CASE WHEN typeof({value}) = 'text' AND instr(CAST({value} AS BLOB), X'00') > 0 "
            f"THEN 'CAST(' || quote(CAST({value} AS BLOB)) || ' AS TEXT)' "
            f"ELSE quote({value}) END")


def _journal_triggers(conn: sqlite3.Connection) -> None:
    """Record, for every row written, the SQL that reverses it (SQLite's undo/redo recipe).

    Replaced by the data journal (step 5), which stores data instead of SQL; kept as it
    was, since it is how files of schema 2 to 4 were made.
    """
    conn.execute("""CREATE TABLE change_log (
        id INTEGER NOT NULL, made_at DATETIME NOT NULL, description VARCHAR NOT NULL,
        PRIMARY KEY (id))""")
    conn.execute("""CREATE TABLE undo_step (
        id INTEGER NOT NULL, change_id INTEGER NOT NULL, statement VARCHAR NOT NULL,
        PRIMARY KEY (id), FOREIGN KEY(change_id) REFERENCES change_log (id))""")
    conn.execute("CREATE INDEX ix_undo_step_change ON undo_step (change_id)")
    conn.execute("""CREATE TABLE undo_state (
        id INTEGER NOT NULL, recording INTEGER NOT NULL, PRIMARY KEY (id))""")
    conn.execute("INSERT INTO undo_state (id, recording) VALUES (1, 1)")
    for table in JOURNALED_TABLES:
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
        # ORDER BY/LIMIT, not max(): an aggregate always yields a row, and its NULL
        # change_id would make every write fail while recording is off (during undo).
        record = ("INSERT INTO undo_step (change_id, statement) "
                  "SELECT id, {sql} FROM change_log "
                  "WHERE (SELECT recording FROM undo_state) = 1 "
                  "ORDER BY id DESC LIMIT 1")
        on_insert = f"'DELETE FROM {table} WHERE rowid=' || new.rowid"
        assignments = " || ',' || ".join(f"'{c}=' || {_literal(f'old.{c}')}" for c in columns)
        on_update = f"'UPDATE {table} SET ' || {assignments} || ' WHERE rowid=' || old.rowid"
        values = " || ',' || ".join(_literal(f"old.{c}") for c in columns)
        on_delete = (f"'INSERT INTO {table} (rowid,{','.join(columns)}) VALUES (' "
                     f"|| old.rowid || ',' || {values} || ')'")
        for event, sql in (("INSERT", on_insert), ("UPDATE", on_update),
                           ("DELETE", on_delete)):
            conn.execute(f"CREATE TRIGGER journal_{table}_{event.lower()} "
                         f"AFTER {event} ON {table} BEGIN {record.format(sql=sql)}; END")


def _database_identity(conn: sqlite3.Connection) -> None:
    """A random id for this database: exports carry it, so a re-import can match by id."""
    import uuid

    conn.execute("""CREATE TABLE database_identity (
        id INTEGER NOT NULL, uuid VARCHAR NOT NULL, PRIMARY KEY (id))""")
    conn.execute("INSERT INTO database_identity (id, uuid) VALUES (1, ?)", (str(uuid.uuid4()),))
    # A restore adopts the exported database's identity; `undo` must be able to give it back.
    conn.execute("CREATE TRIGGER journal_database_identity_update AFTER UPDATE ON "
                 "database_identity BEGIN INSERT INTO undo_step (change_id, statement) "
                 "SELECT id, 'UPDATE database_identity SET uuid=' || quote(old.uuid) || "
                 "' WHERE rowid=' || old.rowid FROM change_log "
                 "WHERE (SELECT recording FROM undo_state) = 1 ORDER BY id DESC LIMIT 1; END")


# `due` reads what it needs about each person's touch-bases from this index alone
# (store/sqlite/panel.py): their history in order (by day, then id), and whether each was two-way,
# so finding the newest two-way touch-base, or counting those since the last favour given,
# reads no table row. It starts with (person_id, happened_on), so it also serves every query
# the index it replaces served.
_TOUCHBASE_HISTORY_INDEX = _run(
    "DROP INDEX ix_touchbase_person_date",
    "CREATE INDEX ix_touchbase_person_date_reply "
    "ON touchbase (person_id, happened_on, id, answered, initiator)",
)


def _data_journal(conn: sqlite3.Connection) -> None:
    """The journal stores each change's data instead of SQL, and ids are never used twice.

    The old journal held statements that `undo` ran as they were, so a crafted file could
    make `undo` run anything. Its history is dropped (every migration empties the journal).
    Each table keyed by an integer id is rebuilt with AUTOINCREMENT, so an id freed by
    `undo` is never handed to someone else: an older export then cannot merge a removed
    person's notes into a new one. The triggers are made afterwards (see `apply_step`).
    """
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                                ).fetchall():
        conn.execute(f"DROP TRIGGER {journal.quote_name(name)}")
    conn.execute("DROP TABLE undo_step")
    conn.execute("DROP TABLE change_log")
    conn.execute("""CREATE TABLE change_log (
        id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, made_at DATETIME NOT NULL,
        description VARCHAR NOT NULL, kind VARCHAR NOT NULL, kept VARCHAR)""")
    conn.execute("""CREATE TABLE change_step (
        id INTEGER NOT NULL, change_id INTEGER NOT NULL, table_name VARCHAR NOT NULL,
        row_id INTEGER NOT NULL, action VARCHAR NOT NULL,
        PRIMARY KEY (id), FOREIGN KEY(change_id) REFERENCES change_log (id))""")
    conn.execute("CREATE INDEX ix_change_step_change ON change_step (change_id)")
    conn.execute("""CREATE TABLE change_value (
        step_id INTEGER NOT NULL, column_name VARCHAR NOT NULL, value BLOB,
        PRIMARY KEY (step_id, column_name), FOREIGN KEY(step_id) REFERENCES change_step (id))""")
    for table in journal.journaled_tables(conn):
        key = [row for row in conn.execute(f"PRAGMA table_info({journal.quote_name(table)})")
               if row[5]]
        if len(key) == 1 and key[0][2].upper() == "INTEGER":
            _rebuild_with_autoincrement(conn, table, key[0][1])


def _rebuild_with_autoincrement(conn: sqlite3.Connection, table: str, key: str) -> None:
    """SQLite's 12-step table rebuild (lang_altertable.html), making `key` AUTOINCREMENT.

    The caller has turned foreign keys off and checks them before committing, so dropping
    the old table cascades nothing. Every row is copied with its id; the AUTOINCREMENT
    counter starts from the highest.
    """
    sql, = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                        (table,)).fetchone()
    if "AUTOINCREMENT" in sql.upper():
        return
    new = f"new_{table}"
    created = autoincrement_sql(sql, table, key, new)
    indexes = [row[0] for row in conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
        "AND sql IS NOT NULL", (table,))]
    shape = _shape(conn, table)
    conn.execute(created)
    if _shape(conn, new) != shape:
        raise sqlite3.DatabaseError(f"rebuilding {table} would change its columns")
    names = ", ".join(journal.quote_name(c) for c in journal.columns(conn, table))
    conn.execute(f"INSERT INTO {journal.quote_name(new)} ({names}) "
                 f"SELECT {names} FROM {journal.quote_name(table)}")
    conn.execute(f"DROP TABLE {journal.quote_name(table)}")
    conn.execute(f"ALTER TABLE {journal.quote_name(new)} RENAME TO {journal.quote_name(table)}")
    for index in indexes:
        conn.execute(index)


def _shape(conn: sqlite3.Connection, table: str) -> tuple[list[tuple], list[tuple]]:
    name = journal.quote_name(table)
    return ([tuple(row) for row in conn.execute(f"PRAGMA table_info({name})")],
            [tuple(row)[2:] for row in conn.execute(f"PRAGMA foreign_key_list({name})")])


def autoincrement_sql(sql: str, table: str, key: str, new: str) -> str:
    """`sql` (a CREATE TABLE) for a table named `new` whose integer `key` is AUTOINCREMENT.

    Handles the two shapes a key takes: `id INTEGER NOT NULL, ..., PRIMARY KEY (id)`
    (SQLAlchemy's) and `id INTEGER PRIMARY KEY`. Anything else raises, so a table this
    cannot rewrite makes the migration fail whole instead of half-right.
    """
    def spelled(name: str) -> str:
        return rf'(?:"{re.escape(name)}"|{re.escape(name)})'

    head = re.compile(rf"^\s*CREATE\s+TABLE\s+{spelled(table)}\s*\(", re.IGNORECASE)
    column = rf"([(,]\s*{spelled(key)}\s+INTEGER"
    inline = re.compile(rf"{column}(?:\s+NOT\s+NULL)?\s+PRIMARY\s+KEY)(?=\s*[,)])",
                        re.IGNORECASE)
    declared = re.compile(rf"{column}\s+NOT\s+NULL)(?=\s*,)", re.IGNORECASE)
    constraint = re.compile(rf",\s*PRIMARY\s+KEY\s*\(\s*{spelled(key)}\s*\)", re.IGNORECASE)
    result, renamed = head.subn(f"CREATE TABLE {journal.quote_name(new)} (", sql, count=1)
    if renamed and inline.search(result):
        return inline.sub(r"\g<1> AUTOINCREMENT", result, count=1)
    if renamed and declared.search(result) and constraint.search(result):
        result = declared.sub(r"\g<1> PRIMARY KEY AUTOINCREMENT", result, count=1)
        return constraint.sub("", result, count=1)
    raise sqlite3.DatabaseError(f"can't give the table {table} a lasting id")


# A phone number for each person. The journal's triggers are made again after the step (see
# apply_step), so the new column is journaled like the others.
_PHONE = _run("ALTER TABLE person ADD COLUMN phone VARCHAR")
# Who you are (`mentornet me`): one row, journaled like the panel so `undo` reverses it.
_OWNER = _run(
    """CREATE TABLE owner (
        id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, name VARCHAR, org VARCHAR,
        role VARCHAR, emails JSON NOT NULL, sign_off VARCHAR, updated_at DATETIME NOT NULL)""",
)

# Where each person stands in your developmental network and where you stand in your
# career: the social system a person comes from (a sphere; none stored means it is guessed
# from what is known, on every read), how close you feel to them (1 to 5), and your career
# phase with a note on your situation.
_NETWORK = _run(
    "ALTER TABLE person ADD COLUMN sphere VARCHAR",
    "ALTER TABLE person ADD COLUMN closeness INTEGER",
    "ALTER TABLE owner ADD COLUMN phase VARCHAR",
    "ALTER TABLE owner ADD COLUMN situation VARCHAR",
)

# Several email addresses for each person: person.email stays the main one (what exports,
# vCards and recaps use); person_email holds the others. Then what `sync` keeps: the item
# of a mail folder or calendar each touch-base came from (so a second sync adds nothing,
# and a touch-base removed by hand is not brought back), and when each source last ran.
_EMAILS_AND_SYNC = _run(
    """CREATE TABLE person_email (
        id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, person_id INTEGER NOT NULL,
        email VARCHAR NOT NULL, created_at DATETIME NOT NULL,
        FOREIGN KEY(person_id) REFERENCES person (id))""",
    "CREATE INDEX ix_person_email_person ON person_email (person_id)",
    """CREATE TABLE sync_item (
        id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, source VARCHAR NOT NULL,
        item VARCHAR NOT NULL, person_id INTEGER NOT NULL, touchbase_id INTEGER,
        created_at DATETIME NOT NULL)""",
    "CREATE UNIQUE INDEX ix_sync_item_source_item ON sync_item (source, item, person_id)",
    """CREATE TABLE sync_run (
        id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, source VARCHAR NOT NULL,
        synced_on DATE NOT NULL, synced_at DATETIME NOT NULL)""",
    "CREATE UNIQUE INDEX ix_sync_run_source ON sync_run (source)",
)



def _search_and_news(conn: sqlite3.Connection) -> None:
    """The job changes imports notice (news worth a note), and the index behind `search`.

    The index and its triggers are not the journal's (see store/search_index.py); the
    journal's triggers, made again after the step, cover the new table.
    """
    conn.execute("""CREATE TABLE job_change (
        id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, person_id INTEGER NOT NULL,
        noticed_on DATE NOT NULL, old_role VARCHAR, old_org VARCHAR, new_role VARCHAR,
        new_org VARCHAR, source VARCHAR NOT NULL, created_at DATETIME NOT NULL,
        FOREIGN KEY(person_id) REFERENCES person (id))""")
    conn.execute("CREATE INDEX ix_job_change_person ON job_change (person_id, noticed_on)")
    search_index.create(conn)

# One conversation with several people: a touch-base for each, linked by a shared group id
# (the first one's id), so that `show` says who else was there.
_TOGETHER = _run("ALTER TABLE touchbase ADD COLUMN group_id INTEGER",
                 "CREATE INDEX ix_touchbase_group ON touchbase (group_id)")


MIGRATIONS: tuple[Migration, ...] = (
    Migration("the panel: people, touch-bases, favours, parked items, follow-ups, goals",
              _PANEL),
    Migration("the change journal behind undo", _journal_triggers),
    Migration("a random identity for the database, carried by exports", _database_identity),
    Migration("touch-bases indexed with whether they were two-way, for due",
              _TOUCHBASE_HISTORY_INDEX),
    Migration("the change journal keeps data, not SQL; ids are never used twice",
              _data_journal),
    Migration("a phone number for each person", _PHONE),
    Migration("your own profile, for the sign-off of recaps", _OWNER),
    Migration("job changes noticed by imports, and the index behind search",
              _search_and_news),
    Migration("spheres and closeness of people, your career phase and situation", _NETWORK),
    Migration("one touch-base with several people, linked by a group", _TOGETHER),
    Migration("several emails per person; what each sync read, and when it last ran",
              _EMAILS_AND_SYNC),
)

LATEST_VERSION = len(MIGRATIONS)
# The step from which the journal is made of data, and its triggers of the schema.
DATA_JOURNAL_STEP = 1 + [step.apply for step in MIGRATIONS].index(_data_journal)


def apply_step(conn: sqlite3.Connection, number: int, step: Migration) -> None:
    """Apply `step`, the schema's step `number`, as every file goes through it.

    From step 2 on the journal is not recording while a step runs (a schema change is not
    the user's to undo) and is emptied after it, since what it holds was written for the
    schema before. From the data journal on, the triggers are then made again from the
    schema the step left, so every column of every table is journaled, whatever the step
    added. The caller holds the transaction and writes the version.
    """
    if number <= 2:
        step.apply(conn)
        return
    conn.execute("UPDATE undo_state SET recording = 0")
    step.apply(conn)
    if number >= DATA_JOURNAL_STEP:
        journal.rebuild_triggers(conn)
        search_index.renew_triggers(conn)
        journal.clear(conn)
    else:
        conn.execute("DELETE FROM undo_step")
        conn.execute("DELETE FROM change_log")
    conn.execute("UPDATE undo_state SET recording = 1")
