"""Writing a planned JSON import (json_import.py plans it): a restore keeps every id, a
merge lets the database number the rows, mapping the document's ids to the stored ones."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentornet.io.json_import import JOB_FIELDS

if TYPE_CHECKING:
    from mentornet.io.json_import import SnapshotSteps
    from mentornet.io.plan import Advance, ImportPlan
    from mentornet.store.writes import Change


def apply_snapshot(change: Change, plan: ImportPlan, advance: Advance) -> None:
    """Write a planned JSON import (inside the import's one change)."""
    steps: SnapshotSteps = plan.steps
    keep = steps.restore  # a restore keeps every id; a merge lets the database number rows
    now = change.now
    if steps.adopt_identity:
        change.fill("database_identity", 1, {"uuid": steps.adopt_identity})
    pmap: dict[int, int] = {doc: stored for doc, stored in steps.person_map.items()
                            if stored is not None}
    for row in steps.snapshot.people:
        if steps.person_map.get(row["id"]) is None:
            values = {k: v for k, v in row.items()
                      if k not in ("id", "created_at", "updated_at")}
            if keep:
                values["id"] = row["id"]
            pmap[row["id"]] = change.insert("person", {
                **values, "created_at": row["created_at"] or now,
                "updated_at": row["updated_at"] or row["created_at"] or now})
            advance(1)
    for stored_id, values in steps.person_fill.items():
        change.fill("person", stored_id, {**values, "updated_at": now})
        advance(1)
    advance(sum(1 for row in plan.people if row.action == "unchanged"))

    def person_of(doc_pid: int | None) -> int | None:
        return None if doc_pid is None else pmap[doc_pid]

    tables = {"touchbases": "touchbase", "favours": "favour", "parked": "parked_item",
              "followups": "followup"}
    groups: dict[int, int] = {}  # a conversation's group in the file, and in the store
    for section, table in tables.items():
        for row in steps.insert.get(section, []):
            values = {k: v for k, v in row.items() if k != "id"}
            values["person_id"] = person_of(row["person_id"])
            if "discussed_with" in values:
                values["discussed_with"] = person_of(row["discussed_with"])
            if keep:
                values["id"] = row["id"]
            values["created_at"] = row["created_at"] or now
            group = None if keep else values.get("group_id")
            if group is not None:
                values["group_id"] = groups.get(group)
            new_id = change.insert(table, values)
            if group is not None and group not in groups:  # the first of its conversation
                groups[group] = new_id
                change.fill(table, new_id, {"group_id": new_id})
            advance(1)
        for stored_id, fill in steps.fill.get(section, []):
            if "discussed_with" in fill:
                fill = {**fill, "discussed_with": person_of(fill["discussed_with"])}
            change.fill(table, stored_id, fill)
            advance(1)
    gmap: dict[int, int] = {doc: stored for doc, stored in steps.goal_map.items()
                            if stored is not None}
    for row in steps.insert.get("goals", []):
        values = {k: v for k, v in row.items() if k not in ("id", "mentors", "progress")}
        if keep:
            values["id"] = row["id"]
        values["created_at"] = row["created_at"] or now
        gmap[row["id"]] = change.insert("goal", values)
        advance(1)
    for stored_id, fill in steps.fill.get("goals", []):
        change.fill("goal", stored_id, fill)
        advance(1)
    seen: set[tuple[int, int]] = set()
    for doc_goal, doc_pid in steps.mentors:
        link = (gmap[doc_goal], pmap[doc_pid])
        if link not in seen:
            seen.add(link)
            change.insert("goal_mentor", {"goal_id": link[0], "person_id": link[1]})
        advance(1)
    for doc_goal, note in steps.progress:
        values = {"goal_id": gmap[doc_goal], "noted_on": note["noted_on"],
                  "note": note["note"], "created_at": note["created_at"] or now}
        if keep:
            values["id"] = note["id"]
        change.insert("goal_progress", values)
        advance(1)
    for doc_pid, email in steps.emails:
        change.add_email(pmap[doc_pid], email)
        advance(1)
    for doc_pid, row in steps.jobs:
        change.insert("job_change", {**{k: row[k] for k in JOB_FIELDS},
                                     "person_id": pmap[doc_pid],
                                     "created_at": row["created_at"] or now})
        advance(1)
    if steps.owner_fill:
        change.set_owner(**steps.owner_fill)
        advance(len(steps.owner_fill))
