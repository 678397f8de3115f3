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
#
# The plan, for speed on a long history: one pass over `touchbase` read in table order (NOT
# INDEXED: the rows are read once, sequentially, instead of one lookup per index entry), a
# GROUP BY over only the small columns it needs; then, per person, short index seeks on
# (person_id, happened_on) for what depends on that person's own dates: the channel of
# the newest two-way touch-base, the unanswered outreaches after it, and the two-way
# touch-bases since the last favour given.
_PANEL_SQL = """
WITH tb_totals AS (
    SELECT person_id, count(*) AS n, sum(two_way) AS n_two_way, min(happened_on) AS first_on,
           max(happened_on) AS last_on,
           min(CASE WHEN two_way THEN happened_on END) AS first_two_way,
           max(CASE WHEN two_way THEN happened_on END) AS last_two_way
    FROM (SELECT person_id, happened_on, (answered OR initiator = 'them') AS two_way
          FROM touchbase NOT INDEXED WHERE happened_on <= :today)
    GROUP BY person_id
),
tb_facts AS (
    SELECT t.*, (SELECT u.id FROM touchbase AS u
                 WHERE u.person_id = t.person_id AND u.happened_on = t.last_two_way
                 AND (u.answered OR u.initiator = 'them')
                 ORDER BY u.id DESC LIMIT 1) AS last_two_way_id
    FROM tb_totals AS t
),
given AS (
    SELECT person_id, max(happened_on) AS last_given FROM favour
    WHERE direction = 'give' AND happened_on <= :today GROUP BY person_id
),
owed AS (
    SELECT person_id, json_group_array(json_array(due, text)) AS items FROM (
        SELECT person_id, due, text FROM followup
        WHERE done_on IS NULL AND due IS NOT NULL ORDER BY person_id, due, id)
    GROUP BY person_id
)
SELECT p.id, p.name, p.kind, p.status, p.cadence_days, p.met_on, p.snoozed_until,
       p.next_session, coalesce(t.n, 0), t.first_on, t.last_on, t.first_two_way,
       t.last_two_way, (SELECT channel FROM touchbase WHERE id = t.last_two_way_id),
       CASE WHEN t.n IS NULL THEN 0
            WHEN t.last_two_way IS NULL THEN t.n
            ELSE (SELECT count(*) FROM touchbase AS u
                  WHERE u.person_id = p.id AND u.happened_on >= t.last_two_way
                  AND u.happened_on <= :today AND NOT (u.answered OR u.initiator = 'them')
                  AND (u.happened_on > t.last_two_way OR u.id > t.last_two_way_id))
       END,
       g.last_given,
       CASE WHEN g.last_given IS NULL THEN coalesce(t.n_two_way, 0)
            ELSE (SELECT count(*) FROM touchbase AS u
                  WHERE u.person_id = p.id AND u.happened_on > g.last_given
                  AND u.happened_on <= :today AND (u.answered OR u.initiator = 'them'))
       END,
       o.items
FROM person AS p
LEFT JOIN tb_facts AS t ON t.person_id = p.id
LEFT JOIN given AS g ON g.person_id = p.id
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
