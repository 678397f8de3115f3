"""SQLModel tables: the one declaration of the schema (tests tie every copy to it). No queries.

Every table keyed by an integer id uses AUTOINCREMENT: an id freed by `undo` is never given
to a new row, so an older export cannot mistake the new row for the removed one.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Column, Index, LargeBinary
from sqlmodel import Field, SQLModel

LASTING_IDS = {"sqlite_autoincrement": True}


class Person(SQLModel, table=True):
    __tablename__ = "person"
    __table_args__ = LASTING_IDS

    id: int | None = Field(default=None, primary_key=True)
    name: str
    kind: str = "informal"
    status: str = "active"
    role: str | None = None
    org: str | None = None
    seniority: str | None = None
    via: str | None = None
    met_on: date | None = None
    focus: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    cadence_days: int | None = None
    email: str | None = None
    link: str | None = None
    notes: str | None = None
    snoozed_until: date | None = None
    next_session: date | None = None
    created_at: datetime
    updated_at: datetime
    phone: str | None = None  # added by a later migration, so it comes last
    sphere: str | None = None  # None: guessed from org and via (domain/network/spheres.py)
    closeness: int | None = None  # 1 to 5, as you rate it


class TouchBase(SQLModel, table=True):
    __tablename__ = "touchbase"
    # the order due reads a history in, and whether each was two-way (migrations.py)
    __table_args__ = (Index("ix_touchbase_person_date_reply", "person_id", "happened_on", "id",
                            "answered", "initiator"),
                      Index("ix_touchbase_group", "group_id"), LASTING_IDS)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id")
    happened_on: date
    channel: str = "meeting"
    initiator: str = "me"
    answered: bool = True
    notes: str | None = None
    topics: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    feedback: str | None = None
    created_at: datetime
    # One conversation with several people is a touch-base for each, sharing the id of
    # the first of them here (None: a touch-base with one person). Added by a later
    # migration, so it comes last.
    group_id: int | None = None


class Favour(SQLModel, table=True):
    __tablename__ = "favour"
    __table_args__ = (Index("ix_favour_person_date", "person_id", "happened_on"), LASTING_IDS)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id")
    direction: str
    happened_on: date
    kind: str = "other"
    description: str
    created_at: datetime


class ParkedItem(SQLModel, table=True):
    __tablename__ = "parked_item"
    __table_args__ = (Index("ix_parked_item_person", "person_id"), LASTING_IDS)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int | None = Field(default=None, foreign_key="person.id")
    kind: str = "question"
    text: str
    parked_on: date
    discussed_on: date | None = None
    discussed_with: int | None = Field(default=None, foreign_key="person.id")
    created_at: datetime


class FollowUp(SQLModel, table=True):
    __tablename__ = "followup"
    __table_args__ = (Index("ix_followup_person", "person_id"), LASTING_IDS)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id")
    text: str
    created_on: date
    due: date | None = None
    done_on: date | None = None
    created_at: datetime


class Goal(SQLModel, table=True):
    __tablename__ = "goal"
    __table_args__ = LASTING_IDS

    id: int | None = Field(default=None, primary_key=True)
    text: str
    created_on: date
    target: date | None = None
    focus: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    status: str = "open"
    closed_on: date | None = None
    created_at: datetime


class GoalMentor(SQLModel, table=True):
    __tablename__ = "goal_mentor"
    __table_args__ = (Index("ix_goal_mentor_person", "person_id"),)

    goal_id: int = Field(foreign_key="goal.id", primary_key=True)
    person_id: int = Field(foreign_key="person.id", primary_key=True)


class GoalProgress(SQLModel, table=True):
    __tablename__ = "goal_progress"
    __table_args__ = (Index("ix_goal_progress_goal", "goal_id"), LASTING_IDS)

    id: int | None = Field(default=None, primary_key=True)
    goal_id: int = Field(foreign_key="goal.id")
    noted_on: date
    note: str
    created_at: datetime


class Owner(SQLModel, table=True):
    """A single row: you, the owner of the panel (`mentornet me`), for recaps' sign-off."""

    __tablename__ = "owner"
    __table_args__ = LASTING_IDS

    id: int | None = Field(default=None, primary_key=True)
    name: str | None = None
    org: str | None = None
    role: str | None = None
    emails: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    sign_off: str | None = None
    updated_at: datetime
    phase: str | None = None  # your career phase (domain/network/phases.py)
    situation: str | None = None


class JobChange(SQLModel, table=True):
    """A change of role or organisation an import noticed (news worth a note)."""

    __tablename__ = "job_change"
    __table_args__ = (Index("ix_job_change_person", "person_id", "noticed_on"), LASTING_IDS)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id")
    noticed_on: date
    old_role: str | None = None
    old_org: str | None = None
    new_role: str | None = None
    new_org: str | None = None
    source: str  # the import's format: "linkedin", "vcard", "csv", "json"
    created_at: datetime


class PersonEmail(SQLModel, table=True):
    """A person's other email addresses (person.email is the main one), for matching."""

    __tablename__ = "person_email"
    __table_args__ = (Index("ix_person_email_person", "person_id"), LASTING_IDS)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id")
    email: str
    created_at: datetime


class SyncItem(SQLModel, table=True):
    """One message or calendar event a sync read for one person, and the touch-base it
    became (None: it only answered an outreach or set a session). No foreign key on the
    touch-base: one deleted by hand stays read, so the next sync does not bring it back."""

    __tablename__ = "sync_item"
    __table_args__ = (Index("ix_sync_item_source_item", "source", "item", "person_id",
                            unique=True), LASTING_IDS)

    id: int | None = Field(default=None, primary_key=True)
    source: str  # "mail" or "calendar"
    item: str  # the Message-ID, or the event's UID and RECURRENCE-ID
    person_id: int
    touchbase_id: int | None = None
    created_at: datetime


class SyncRun(SQLModel, table=True):
    """When each source ("mail", "calendar") was last synced: the default --since."""

    __tablename__ = "sync_run"
    __table_args__ = (Index("ix_sync_run_source", "source", unique=True), LASTING_IDS)

    id: int | None = Field(default=None, primary_key=True)
    source: str
    synced_on: date
    synced_at: datetime


class ChangeLog(SQLModel, table=True):
    """One row per write command, newest last: what `undo` reverses (store/sqlite/journal.py).

    `kind` is "change", or "restore" for the mark a restore leaves, with `kept` naming
    where the replaced database was kept.
    """

    __tablename__ = "change_log"
    __table_args__ = LASTING_IDS

    id: int | None = Field(default=None, primary_key=True)
    made_at: datetime
    description: str
    kind: str = "change"
    kept: str | None = None


class ChangeStep(SQLModel, table=True):
    """One row a change wrote: its table, its rowid, and whether it was inserted, updated
    or deleted. Written by triggers made from the schema (store/sqlite/journal.py)."""

    __tablename__ = "change_step"
    __table_args__ = (Index("ix_change_step_change", "change_id"),)

    id: int | None = Field(default=None, primary_key=True)
    change_id: int = Field(foreign_key="change_log.id")
    table_name: str
    row_id: int
    action: str


class ChangeValue(SQLModel, table=True):
    """The value one column held before an update or a delete, exactly as it was stored."""

    __tablename__ = "change_value"

    step_id: int = Field(foreign_key="change_step.id", primary_key=True)
    column_name: str = Field(primary_key=True)
    value: bytes | None = Field(default=None, sa_column=Column(LargeBinary))


class UndoState(SQLModel, table=True):
    """A single row: whether the triggers record (off while undoing or migrating)."""

    __tablename__ = "undo_state"

    id: int | None = Field(default=None, primary_key=True)
    recording: int


class DatabaseIdentity(SQLModel, table=True):
    """A single row: this database's random id, carried by exports (see io/json_format.py)."""

    __tablename__ = "database_identity"
    __table_args__ = LASTING_IDS

    id: int | None = Field(default=None, primary_key=True)
    uuid: str
