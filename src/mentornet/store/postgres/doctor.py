"""`mentornet doctor` on a PostgreSQL database: what can be known of it from one machine.

The server looks after its own files (no integrity check to run, no permissions to read);
what doctor checks is that the database is mentornet's, at which schema, that its journal
records and holds only mentornet's entries, that its records are readable, and when this
machine last backed it up.
"""

from __future__ import annotations

from typing import Any

from mentornet.errors import StoreError
from mentornet.store.location import ServerURL
from mentornet.store.safety import (
    Finding,
    _backups_finding,
    _changes,
    _entered_twice,
    _recording,
    _syncs,
    _unreadable,
)
from mentornet.words import counted


def doctor_server(url: ServerURL) -> list[Finding]:
    from mentornet.migrations import LATEST_VERSION
    from mentornet.store.postgres.connection import connect, schema_version
    from mentornet.store.postgres.copies import stand_in
    from mentornet.store.undo import foreign_steps

    try:
        conn: Any = connect(url)
    except StoreError as exc:
        return [Finding("problem", f"{str(exc)[0].upper()}{str(exc)[1:]}.")]
    try:
        server = conn.execute("SHOW server_version").fetchone()
        findings = [Finding("ok", f"The PostgreSQL server answers (version "
                                  f"{server[0] if server else 'unknown'}).")]
        try:
            version = schema_version(conn, url)
        except StoreError as exc:
            return [*findings, Finding("problem", f"{str(exc)[0].upper()}{str(exc)[1:]}.")]
        if version is None:
            return [*findings, Finding("ok", "The database is empty: mentornet makes its "
                                             "tables on your first `mentornet add`.")]
        findings.append(Finding("ok", f"It is a mentornet database, schema version "
                                      f"{LATEST_VERSION}."))
        if not _recording(conn):
            findings.append(Finding("problem", "The change journal is switched off, so "
                                    "changes are not recorded for `mentornet undo`."))
        planted = foreign_steps(conn)
        if planted:
            findings.append(Finding("problem", "The change journal holds "
                                    f"{counted(planted, 'entry')} mentornet did not write: "
                                    "`mentornet undo` refuses the changes holding them."))
        unusable = _unreadable(conn)
        if unusable:
            shown = "; ".join(str(value) for value in unusable[:20])
            findings.append(Finding("problem", f"{counted(len(unusable), 'stored value')} "
                                    f"can't be read: {shown}. Fix each with `mentornet edit`."))
        people = int(conn.execute("SELECT count(*) FROM person").fetchone()[0])
        changes = counted(_changes(conn, LATEST_VERSION), "change")
        findings.append(Finding("ok", f"{counted(people, 'person')}; `mentornet undo` can "
                                      f"walk back {changes}."))
        syncs = _syncs(conn)
        if syncs:
            findings.append(Finding("ok", syncs))
        findings.append(_backups_finding(stand_in(url)))
        findings += [Finding("note", line) for line in _entered_twice(conn)]
        return findings
    finally:
        conn.close()
