"""The columns of the panel's tables and their defaults, for the plain-SQL writes.

models.py declares the schema; importing it loads SQLModel, SQLAlchemy and pydantic, more
than a whole write costs, so the writes read this copy instead.
tests/test_store_schema.py keeps it identical to models.py: a column added there (and in
a migration) must be added here, and the writes then carry it.
"""

from __future__ import annotations

from typing import Any

# Each table's columns in declaration order, with the default a new row takes when a write
# does not give the value (REQUIRED: it must be given; a list is copied for each row).
REQUIRED: Any = object()

TABLES: dict[str, dict[str, Any]] = {
    "person": {
        "id": None, "name": REQUIRED, "kind": "informal", "status": "active", "role": None,
        "org": None, "seniority": None, "via": None, "met_on": None, "focus": [],
        "cadence_days": None, "email": None, "link": None, "notes": None,
        "snoozed_until": None, "next_session": None, "created_at": REQUIRED,
        "updated_at": REQUIRED, "phone": None, "sphere": None, "closeness": None,
    },
    "touchbase": {
        "id": None, "person_id": REQUIRED, "happened_on": REQUIRED, "channel": "meeting",
        "initiator": "me", "answered": True, "notes": None, "topics": [], "feedback": None,
        "created_at": REQUIRED, "group_id": None,
    },
    "favour": {
        "id": None, "person_id": REQUIRED, "direction": REQUIRED, "happened_on": REQUIRED,
        "kind": "other", "description": REQUIRED, "created_at": REQUIRED,
    },
    "parked_item": {
        "id": None, "person_id": None, "kind": "question", "text": REQUIRED,
        "parked_on": REQUIRED, "discussed_on": None, "discussed_with": None,
        "created_at": REQUIRED,
    },
    "followup": {
        "id": None, "person_id": REQUIRED, "text": REQUIRED, "created_on": REQUIRED,
        "due": None, "done_on": None, "created_at": REQUIRED,
    },
    "goal": {
        "id": None, "text": REQUIRED, "created_on": REQUIRED, "target": None, "focus": [],
        "status": "open", "closed_on": None, "created_at": REQUIRED,
    },
    "goal_mentor": {"goal_id": REQUIRED, "person_id": REQUIRED},
    "goal_progress": {
        "id": None, "goal_id": REQUIRED, "noted_on": REQUIRED, "note": REQUIRED,
        "created_at": REQUIRED,
    },
    "job_change": {"id": None, "person_id": REQUIRED, "noticed_on": REQUIRED,
                   "old_role": None, "old_org": None, "new_role": None, "new_org": None,
                   "source": REQUIRED, "created_at": REQUIRED},
    "owner": {"id": None, "name": None, "org": None, "role": None, "emails": [],
              "sign_off": None, "updated_at": REQUIRED, "phase": None, "situation": None},
    "person_email": {"id": None, "person_id": REQUIRED, "email": REQUIRED,
                     "created_at": REQUIRED},
    "sync_item": {"id": None, "source": REQUIRED, "item": REQUIRED, "person_id": REQUIRED,
                  "touchbase_id": None, "created_at": REQUIRED},
    "sync_run": {"id": None, "source": REQUIRED, "synced_on": REQUIRED,
                 "synced_at": REQUIRED},
    "change_log": {"id": None, "made_at": REQUIRED, "description": REQUIRED,
                   "kind": "change", "kept": None},
    "change_step": {"id": None, "change_id": REQUIRED, "table_name": REQUIRED,
                    "row_id": REQUIRED, "action": REQUIRED},
    "change_value": {"step_id": REQUIRED, "column_name": REQUIRED, "value": None},
    "undo_state": {"id": None, "recording": REQUIRED},
    "database_identity": {"id": None, "uuid": REQUIRED},
}

# The fields of a person a user or an import sets (not the id or the timestamps).
PERSON_FIELDS = tuple(name for name in TABLES["person"]
                      if name not in ("id", "created_at", "updated_at"))


def columns(table: str) -> tuple[str, ...]:
    return tuple(TABLES[table])
