"""The change journal in PostgreSQL: the same tables as SQLite's, kept by one trigger function.

SQLite's triggers (store/sqlite/journal.py) name each column; PostgreSQL's one function
reads the old row whole (`to_jsonb(OLD)`), so every column a table has, now or after a
later step, is journaled without the triggers being made again. The journal's data is
the same as SQLite's (a `change_step` per row written, a `change_value` per column of an
updated or deleted row, its old value as text), so `copy` carries it between the engines
and `undo` reads it the same way.
"""

from __future__ import annotations

FUNCTION = "mentornet_journal"
TRIGGER_PREFIX = "journal_"

_FUNCTION_SQL = f"""
CREATE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $body$
DECLARE
    change BIGINT;
    step BIGINT;
    old_row JSONB;
BEGIN
    IF (SELECT recording FROM undo_state) IS DISTINCT FROM 1 THEN
        RETURN NULL;
    END IF;
    SELECT max(id) INTO change FROM change_log;
    IF change IS NULL THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO change_step (change_id, table_name, row_id, action)
        VALUES (change, TG_TABLE_NAME, (to_jsonb(NEW) ->> TG_ARGV[0])::BIGINT, 'insert');
        RETURN NULL;
    END IF;
    old_row := to_jsonb(OLD);
    INSERT INTO change_step (change_id, table_name, row_id, action)
    VALUES (change, TG_TABLE_NAME, (old_row ->> TG_ARGV[0])::BIGINT, lower(TG_OP))
    RETURNING id INTO step;
    INSERT INTO change_value (step_id, column_name, value)
    SELECT step, each.key, each.value FROM jsonb_each_text(old_row) AS each
    WHERE each.key <> 'rowid';
    RETURN NULL;
END
$body$
"""


def journal_statements(tables: list[str]) -> list[str]:
    """The function and one trigger per table of the user's data."""
    from mentornet.store.postgres.schema import key, quote

    statements = [_FUNCTION_SQL]
    for table in tables:
        statements.append(
            f"CREATE TRIGGER {quote(TRIGGER_PREFIX + table)} AFTER INSERT OR UPDATE OR "
            f"DELETE ON {quote(table)} FOR EACH ROW EXECUTE FUNCTION "
            f"{FUNCTION}('{key(table)}')")
    return statements
