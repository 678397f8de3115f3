"""The facts `due` scores, for the whole panel in one plain-SQL query.

One row per person, whatever the size of the panel: the touch-base, favour and follow-up
facts are computed by SQLite, not by a query per person. The rows match
`domain.relationship.facts_from_records` on the same data (tests/test_urgency_properties.py).
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import Any

from mentornet.domain.news import JobNews
from mentornet.domain.relationship import MET_CHANNELS, Facts, FollowUpFact
from mentornet.store.queries import _two_way
from mentornet.store.sqlite.ahead import ReadAhead
from mentornet.store.sqlite.connection import fetch_strict_first
from mentornet.store.values import _day, _text

# Records dated after :today are not looked at: `due` answers as of that day.
#
# The plan: the work grows with the number of people, not with the length of their
# history. Nothing aggregates the whole `touchbase` table (a GROUP BY over every row, with
# its temporary b-tree, took ~100 ms on the large benchmark store); instead each value is
# a short seek per person on ix_touchbase_person_date_reply, the index on touchbase
# (person_id, happened_on, id, answered, initiator): a person's history in the order
# `facts_from_records` reads it (by day, then id), with whether each touch-base was
# two-way, so the subqueries on touch-bases read no table row (one row per person is read,
# for the channel of the newest two-way touch-base).
# - The first or newest touch-base is one seek: ORDER BY ... LIMIT 1 is the same seek as
#   min() or max(), without the aggregate's bookkeeping (a third more per person).
# - The first or newest two-way touch-base: a walk along the index from that end, which
#   stops at the first match.
# - The counts (all, unanswered after the newest two-way one, two-way since the last
#   favour given) read only the index entries they count: each has one lower bound on the
#   day (given two, SQLite seeks to one and filters the rest).
# - The newest two-way touch-base where you met is most often the newest two-way one, whose
#   channel the join has read: the walk back through table rows runs only otherwise.
# - The newest two-way touch-base and the newest favour given are joined as one row each
#   (by id on SQLite, as LATERAL subqueries on PostgreSQL), so that the counts use their
#   values without seeking them again. The favour walk reads table rows (`direction` is
#   not in its index) but stops at the first favour given.
_TWO_WAY = _two_way("u.")  # answered, or initiated by them
_MET_LIST = ", ".join(f"'{channel}'" for channel in MET_CHANNELS)
_MET = f"u.channel IN ({_MET_LIST})"
# The day the person was added: the date part of created_at ("YYYY-MM-DD HH:MM:SS...").
_ADDED = "substr(p.created_at, 1, 10)"
_PANEL_SQL = f"""
SELECT p.id, p.name, p.kind, p.status, p.cadence_days, p.met_on, p.snoozed_until,
       p.next_session,
       (SELECT count(*) FROM touchbase AS u
        WHERE u.person_id = p.id AND u.happened_on <= :today),
       (SELECT u.happened_on FROM touchbase AS u
        WHERE u.person_id = p.id AND u.happened_on <= :today
        ORDER BY u.happened_on LIMIT 1),
       (SELECT u.happened_on FROM touchbase AS u
        WHERE u.person_id = p.id AND u.happened_on <= :today
        ORDER BY u.happened_on DESC LIMIT 1),
       (SELECT u.happened_on FROM touchbase AS u
        WHERE u.person_id = p.id AND u.happened_on <= :today AND {_TWO_WAY}
        ORDER BY u.happened_on LIMIT 1),
       last.happened_on, last.channel,
       -- the outreaches after the newest two-way touch-base (all of them when none is)
       (SELECT count(*) FROM touchbase AS u
        WHERE u.person_id = p.id AND u.happened_on <= :today AND NOT {_TWO_WAY}
        AND (u.happened_on, u.id) > (coalesce(last.happened_on, ''), coalesce(last.id, 0))),
       given.happened_on,
       -- the two-way touch-bases since the newest favour given and since the person was
       -- added: one lower bound each, the later one, so the walk starts at it
       CASE WHEN coalesce(given.happened_on, '') >= {_ADDED}
            THEN (SELECT count(*) FROM touchbase AS u
                  WHERE u.person_id = p.id AND u.happened_on <= :today AND {_TWO_WAY}
                  AND u.happened_on > given.happened_on)
            ELSE (SELECT count(*) FROM touchbase AS u
                  WHERE u.person_id = p.id AND u.happened_on <= :today AND {_TWO_WAY}
                  AND u.happened_on >= {_ADDED}) END,
       owed.items,
       {_ADDED},
       -- the newest two-way touch-base where you met: most often the newest two-way one
       -- itself; else a walk back that reads table rows (the channel is not indexed)
       CASE WHEN last.id IS NULL THEN NULL
            WHEN last.channel IN ({_MET_LIST}) THEN last.happened_on
            ELSE (SELECT u.happened_on FROM touchbase AS u
                  WHERE u.person_id = p.id AND u.happened_on <= :today AND {_TWO_WAY}
                  AND {_MET} ORDER BY u.happened_on DESC LIMIT 1) END,
       -- the newest help received: a seek on ix_favour_person_date, from its newest end
       (SELECT f.happened_on FROM favour AS f
        WHERE f.person_id = p.id AND f.happened_on <= :today AND f.direction = 'got'
        ORDER BY f.happened_on DESC LIMIT 1),
       -- the newest job change noticed (news worth a note): a seek on ix_job_change_person
       (SELECT {{json_array}}(j.noticed_on, j.new_role, j.new_org) FROM job_change AS j
        WHERE j.person_id = p.id AND j.noticed_on <= :today
        ORDER BY j.noticed_on DESC, j.id DESC LIMIT 1){{as_text}}
FROM person AS p
{{newest_two_way}}
{{newest_given}}
LEFT JOIN (
    SELECT person_id, {{owed_items}} AS items FROM (
        SELECT person_id, due, text, id FROM followup
        WHERE done_on IS NULL AND due IS NOT NULL ORDER BY person_id, due, id) AS open_items
    GROUP BY person_id
) AS owed ON owed.person_id = p.id
WHERE p.kind != 'contact' {{where}}{{slice}}
ORDER BY p.id
"""
# The number of columns of a row of the panel query. Read ahead, as JSON, none shows a
# REAL: the name, kind, status and channel are TEXT columns (SQLite stores a number
# there as text), and a REAL anywhere else reads as unreadable (not a date, a count or a
# cadence), as it does from the plain query.
WIDTH = 22
# The newest two-way touch-base (`last`) and the newest favour given (`given`) of each
# person, joined as one row each: how depends on the engine (SQLITE_WORDS' `newest`).
_NEWEST = {
    "newest_two_way": ("touchbase", "last", f"""FROM touchbase AS u
    WHERE u.person_id = p.id AND u.happened_on <= :today AND {_TWO_WAY}
    ORDER BY u.happened_on DESC, u.id DESC LIMIT 1"""),
    "newest_given": ("favour", "given", """FROM favour AS f
    WHERE f.person_id = p.id AND f.happened_on <= :today AND f.direction = 'give'
    ORDER BY f.happened_on DESC LIMIT 1"""),
}
# The people a plain `due` never lists, as domain.urgency's `_hidden_because` tells them:
# paused, archived, or snoozed past today (tests/test_urgency_properties.py).
_NOT_SET_ASIDE = ("AND p.status = 'active' "
                  "AND (p.snoozed_until IS NULL OR p.snoozed_until <= :today)")


# The engine's words. The JSON SQLite builds: a job change as [noticed_on, role, org];
# the open follow-ups, in order, as [[due, text], ...], a value of another type (stored by
# another program) as null or quoted. The newest row of a person's: SQLite finds it by
# its id. PostgreSQL's words are in store/postgres/panel.py.
SQLITE_WORDS = {
    "json_array": "json_array",
    "as_text": "",
    "owed_items": "json_group_array(json_array("
                  "CASE WHEN typeof(due) = 'text' THEN due END, "
                  "CASE typeof(text) WHEN 'text' THEN text ELSE quote(text) END))",
    "newest": "LEFT JOIN {table} AS {alias} ON {alias}.id = (SELECT id {rows})",
}


def panel_sql(words: dict[str, str], *, include_set_aside: bool, sliced: bool = False) -> str:
    """The panel query in the engine's words; `sliced`, only the people with ids above
    :after and up to :upto."""
    joins = {name: words["newest"].format(table=table, alias=alias, rows=rows)
             for name, (table, alias, rows) in _NEWEST.items()}
    return _PANEL_SQL.format(where="" if include_set_aside else _NOT_SET_ASIDE,
                             slice=" AND p.id > :after AND p.id <= :upto" if sliced else "",
                             **joins,
                             **{key: value for key, value in words.items()
                                if key != "newest"})


def panel_facts(conn: sqlite3.Connection, *, today: date,
                include_set_aside: bool = True) -> list[Facts]:
    """Every person's facts as of `today`, in one query; contacts are not on the panel.

    With `include_set_aside=False`, only the people a plain `due` can list: not paused,
    archived or snoozed.
    """
    sql = panel_sql(SQLITE_WORDS, include_set_aside=include_set_aside)
    return facts_of(fetch_strict_first(conn, sql, {"today": today.isoformat()}))


# Read ahead (store/sqlite/ahead.py) when the ids of the people span at least this many,
# in slices of about SLICE_IDS ids (SLICES at most): on the large benchmark store (3,000
# people), scoring each slice while SQLite reads the next spared a seventh of `due`.
AHEAD_FROM = 1000
SLICE_IDS = 600
SLICES = 4


def panel_facts_ahead(conn: sqlite3.Connection, *, today: date,
                      include_set_aside: bool = True,
                      started: Callable[[ReadAhead], None] = lambda ahead: None,
                      ahead_from: int | None = None) -> Iterator[Facts]:
    """The facts `panel_facts` gives, in the same order, as they are read: slice after
    slice of ids by a thread that starts at once (`started` is given it, to stop it
    early), or all at once when the ids span fewer than `ahead_from` (AHEAD_FROM)."""
    low, high = conn.execute("SELECT min(id), max(id) FROM person").fetchone()
    least = AHEAD_FROM if ahead_from is None else ahead_from
    if not isinstance(low, int) or not isinstance(high, int) or high - low + 1 < least:
        return iter(panel_facts(conn, today=today, include_set_aside=include_set_aside))
    count = min(SLICES, max(2, (high - low + 1) // SLICE_IDS))
    bounds = [low - 1 + (high - low + 1) * i // count for i in range(count + 1)]
    sql = panel_sql(SQLITE_WORDS, include_set_aside=include_set_aside, sliced=True)
    queries = [(sql, {"today": today.isoformat(), "after": after, "upto": upto})
               for after, upto in itertools.pairwise(bounds)]
    ahead = ReadAhead(conn, queries, WIDTH)
    started(ahead)
    return (facts for rows in ahead.results() for facts in facts_of(rows))


def facts_of(rows: Iterable[Sequence[Any]]) -> list[Facts]:
    return [_facts(row) for row in rows]


# A stored date, or None when it is unreadable: the reads' own rule, remembered (a panel's
# dates are many, the days they fall on far fewer).
_date = _day


def _facts(row: Sequence[Any]) -> Facts:
    # The SELECT lists its columns in the order of Facts' fields, so they are passed by
    # position: by keyword, building 3,000 of them took twice as long (~10 ms).
    (pid, name, kind, status, cadence, met_on, snoozed, session, count, first_on, last_on,
     first_two_way, last_two_way, channel, streak, last_given, since_given, owed, added,
     last_met, last_got, job) = row
    if not isinstance(cadence, int) or isinstance(cadence, bool) or cadence <= 0:
        cadence = None  # unreadable: the kind's default (doctor names it)
    if type(name) is not str:  # another program stored a number or bytes: shown as is
        name = _text(name)
    return Facts(pid, name, kind, status, cadence, _date(met_on), _date(snoozed),
                 _date(session), count, _date(first_on), _date(last_on),
                 _date(first_two_way), _date(last_two_way), channel, streak,
                 _date(last_given), since_given, _followups(owed) if owed else (),
                 _date(added), _date(last_met), _date(last_got),
                 _job_news(job) if job else None)


def _job_news(job: str | list[Any]) -> JobNews | None:
    """The newest job change from its JSON [noticed_on, role, org] (read ahead, perhaps
    already a list); None if unreadable."""
    day, role, org = json.loads(job) if isinstance(job, str) else job
    noticed = _date(day)
    if noticed is None:
        return None
    return JobNews(noticed, role if isinstance(role, str) else None,
                   org if isinstance(org, str) else None)


def _followups(owed: str | list[Any]) -> tuple[FollowUpFact, ...]:
    """The open follow-ups from their JSON array of [due, text] (read ahead, perhaps
    already a list), earliest first; one whose due date is unreadable is left out."""
    items = json.loads(owed) if isinstance(owed, str) else owed
    return tuple(FollowUpFact(due=day, text=text) for due, text in items
                 if (day := _date(due)) is not None)
