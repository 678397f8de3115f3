"""The facts `due` scores, for the whole panel in one plain-SQL query.

One row per person, whatever the size of the panel: the touch-base, favour and follow-up
aggregates are computed by SQLite, not by a query per person. The rows match
`domain.urgency.facts_from_records` on the same data (tests/test_urgency_properties.py).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date

from mentornet.domain.urgency import Facts, FollowUpFact

# Records dated after :today are not looked at: `due` answers as of that day.
_PANEL_SQL = """
WITH tb AS (
    SELECT id, person_id, happened_on, channel, (answered OR initiator = 'them') AS two_way
    FROM touchbase WHERE happened_on <= :today
),
tb_totals AS (
    SELECT person_id, count(*) AS n, min(happened_on) AS first_on, max(happened_on) AS last_on,
           min(CASE WHEN two_way THEN happened_on END) AS first_two_way
    FROM tb GROUP BY person_id
),
last_two_way AS (
    SELECT person_id, id, happened_on, channel FROM (
        SELECT person_id, id, happened_on, channel,
               row_number() OVER (PARTITION BY person_id
                                  ORDER BY happened_on DESC, id DESC) AS newest
        FROM tb WHERE two_way)
    WHERE newest = 1
),
unanswered AS (
    SELECT tb.person_id, count(*) AS n FROM tb
    LEFT JOIN last_two_way AS l ON l.person_id = tb.person_id
    WHERE NOT tb.two_way
      AND (l.person_id IS NULL OR (tb.happened_on, tb.id) > (l.happened_on, l.id))
    GROUP BY tb.person_id
),
given AS (
    SELECT person_id, max(happened_on) AS last_given FROM favour
    WHERE direction = 'give' AND happened_on <= :today GROUP BY person_id
),
since_given AS (
    SELECT tb.person_id, count(*) AS n FROM tb
    LEFT JOIN given AS g ON g.person_id = tb.person_id
    WHERE tb.two_way AND (g.last_given IS NULL OR tb.happened_on > g.last_given)
    GROUP BY tb.person_id
),
owed AS (
    SELECT person_id, json_group_array(json_array(due, text)) AS items FROM (
        SELECT person_id, due, text FROM followup
        WHERE done_on IS NULL AND due IS NOT NULL ORDER BY person_id, due, id)
    GROUP BY person_id
)
SELECT p.id, p.name, p.kind, p.status, p.cadence_days, p.met_on, p.snoozed_until,
       p.next_session, coalesce(t.n, 0), t.first_on, t.last_on, t.first_two_way,
       l.happened_on, l.channel, coalesce(u.n, 0), g.last_given, coalesce(s.n, 0), o.items
FROM person AS p
LEFT JOIN tb_totals AS t ON t.person_id = p.id
LEFT JOIN last_two_way AS l ON l.person_id = p.id
LEFT JOIN unanswered AS u ON u.person_id = p.id
LEFT JOIN given AS g ON g.person_id = p.id
LEFT JOIN since_given AS s ON s.person_id = p.id
LEFT JOIN owed AS o ON o.person_id = p.id
ORDER BY p.id
"""


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def panel_facts(conn: sqlite3.Connection, *, today: date) -> list[Facts]:
    """Every person's facts as of `today`, in one query."""
    rows = conn.execute(_PANEL_SQL, {"today": today.isoformat()}).fetchall()
    return [_facts(row) for row in rows]


def _facts(row: tuple) -> Facts:
    (pid, name, kind, status, cadence, met_on, snoozed, session, count, first_on, last_on,
     first_two_way, last_two_way, channel, streak, last_given, since_given, owed) = row
    return Facts(
        person_id=pid, name=name, kind=kind, status=status, cadence_days=cadence,
        met_on=_date(met_on), snoozed_until=_date(snoozed), next_session=_date(session),
        touchbase_count=count, first_touchbase=_date(first_on), last_touchbase=_date(last_on),
        first_two_way=_date(first_two_way), last_two_way=_date(last_two_way),
        last_two_way_channel=channel, unanswered_streak=streak, last_given=_date(last_given),
        two_way_since_given=since_given,
        open_followups=tuple(FollowUpFact(due=date.fromisoformat(due), text=text)
                             for due, text in json.loads(owed or "[]")))
