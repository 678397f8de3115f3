"""`due`'s panel query on PostgreSQL: SQLite's (store/sqlite/panel.py) in PostgreSQL's words.

The columns are typed (text, integers), so no value needs SQLite's type checks; the JSON is
sent as text, for the same reading of it. A person's newest two-way touch-base and newest
favour given are LATERAL subqueries. Joined by id, as on SQLite, they made PostgreSQL hash
the whole touch-base table, a cost that grows with the store: the ten-year store's query
took 21 ms as a command's first, and takes 16 ms as LATERAL.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from mentornet.domain.relationship import Facts
from mentornet.store.sqlite.panel import facts_of, panel_sql

POSTGRES_WORDS = {
    "json_array": "json_build_array",
    "as_text": "::text",
    "owed_items": "json_agg(json_build_array(due, text) ORDER BY due, id)::text",
    "newest": "LEFT JOIN LATERAL (SELECT * {rows}) AS {alias} ON true",
}


def panel_facts(conn: Any, *, today: date, include_set_aside: bool = True
                ) -> list[Facts]:
    sql = panel_sql(POSTGRES_WORDS, include_set_aside=include_set_aside)
    return facts_of(conn.execute(sql, {"today": today.isoformat()}).fetchall())
