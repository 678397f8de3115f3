"""`due`'s panel query on PostgreSQL: SQLite's (store/sqlite/panel.py) with PostgreSQL's JSON.

The columns are typed (text, integers), so no value needs SQLite's type checks; the JSON is
sent as text, for the same reading of it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from mentornet.domain.relationship import Facts
from mentornet.store.sqlite.panel import facts_of, panel_sql

POSTGRES_JSON = {
    "json_array": "json_build_array",
    "as_text": "::text",
    "owed_items": "json_agg(json_build_array(due, text) ORDER BY due, id)::text",
}


def panel_facts(conn: Any, *, today: date, include_set_aside: bool = True
                ) -> list[Facts]:
    sql = panel_sql(POSTGRES_JSON, include_set_aside=include_set_aside)
    return facts_of(conn.execute(sql, {"today": today.isoformat()}).fetchall())
