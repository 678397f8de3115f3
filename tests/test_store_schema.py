"""models.py declares the schema; every other description of it is tied to models.py here.

The plain-SQL writes read store/schema.py (importing models.py would load SQLModel); the
records, the CSV columns and the JSON document's sections name the same columns. A column
added to models.py (and to a migration) fails these tests until each copy has it too.
"""

from __future__ import annotations

from typing import Any

from pydantic_core import PydanticUndefined
from sqlmodel import SQLModel

from mentornet import models
from mentornet.domain import records
from mentornet.io import csv_format, json_format, plan
from mentornet.store import queries
from mentornet.store.schema import PERSON_FIELDS, REQUIRED, TABLES


def _declared() -> dict[str, dict[str, Any]]:
    """Each table of models.py: its columns in order, with the default a new row takes."""
    declared: dict[str, dict[str, Any]] = {}
    for model in SQLModel.__subclasses__():
        if getattr(model, "__table__", None) is None or model.__module__ != models.__name__:
            continue
        columns: dict[str, Any] = {}
        for column in model.__table__.columns:  # type: ignore[attr-defined]
            field = model.model_fields[column.name]
            if field.default_factory is not None:
                default: Any = field.default_factory()  # type: ignore[call-arg]
            elif field.default is PydanticUndefined:
                default = REQUIRED
            else:
                default = field.default
            columns[column.name] = default
        declared[model.__tablename__] = columns  # type: ignore[attr-defined]
    return declared


def test_the_writes_copy_of_the_schema_is_models_py() -> None:
    declared = _declared()
    assert set(TABLES) == set(declared)
    for table, columns in declared.items():
        assert list(TABLES[table]) == list(columns), table  # the same columns, in order
        assert TABLES[table] == columns, table  # and the same defaults


def test_the_records_hold_every_column_but_the_timestamps() -> None:
    declared = _declared()
    stamps = {"created_at", "updated_at"}
    for record, table in ((records.Person, "person"), (records.TouchBase, "touchbase"),
                          (records.Favour, "favour"), (records.ParkedItem, "parked_item"),
                          (records.FollowUp, "followup"),
                          (records.ProgressNote, "goal_progress")):
        assert list(record._fields) == [c for c in declared[table] if c not in stamps], table
    goal = [c for c in declared["goal"] if c not in stamps]
    assert list(records.Goal._fields) == [*goal, "mentor_ids", "progress"]
    assert queries.PERSON_COLUMNS == ", ".join(c for c in declared["person"]
                                               if c not in stamps)


def test_the_files_carry_every_field_of_a_person() -> None:
    assert plan.PERSON_FIELDS == PERSON_FIELDS
    assert csv_format.HEADER == ("id", *PERSON_FIELDS)
    declared = _declared()
    sections = {"people": "person", "touchbases": "touchbase", "favours": "favour",
                "parked": "parked_item", "followups": "followup", "goals": "goal"}
    for section, table in sections.items():
        names = [name for name, *_ in json_format._SCHEMAS[section]]
        extra = ["mentors", "progress"] if section == "goals" else []
        assert sorted(names) == sorted([*declared[table], *extra]), section
    progress = [name for name, *_ in json_format._PROGRESS]
    assert sorted(progress) == sorted(c for c in declared["goal_progress"] if c != "goal_id")


def test_due_s_query_names_only_columns_of_models_py() -> None:
    import re

    from mentornet.store.sqlite import panel

    declared = _declared()
    aliases = {"p": "person", "u": "touchbase", "last": "touchbase", "f": "favour",
               "given": "favour"}
    used = re.findall(r"\b(p|u|last|f|given)\.(\w+)", panel._PANEL_SQL + panel._NOT_SET_ASIDE)
    assert used
    for alias, column in used:
        assert column in declared[aliases[alias]], f"{alias}.{column}"
