"""How a row is stored: values in SQLAlchemy's SQLite formats, defaults, the INSERT.

The writes (writes.py) store values exactly as SQLModel would (tests/test_writes_match_orm.py
checks it) without importing it. A bulk write converts hundreds of thousands of values, so
the common ones (text, numbers, NULL) pass through untouched, checked by their type first.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from mentornet.domain.names import clean_name
from mentornet.store.schema import REQUIRED, TABLES

AS_IS = frozenset({str, int, float, type(None), bytes})  # stored as they are


def stored(value: Any) -> Any:
    """A Python value as the store keeps it (SQLAlchemy's SQLite formats)."""
    if type(value) in AS_IS:  # most values: checked first, as a bulk write has many
        return value
    if isinstance(value, datetime):  # the wall-clock time, as SQLAlchemy's DATETIME
        return (f"{value.year:04d}-{value.month:02d}-{value.day:02d} {value.hour:02d}:"
                f"{value.minute:02d}:{value.second:02d}.{value.microsecond:06d}")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, list | tuple):  # the JSON columns
        return json.dumps(list(value)) if value else "[]"
    return value


def full_row(table: str, values: Mapping[str, Any], *, base: Base | None = None
             ) -> tuple[tuple[str, ...], list[Any]]:
    """(the columns, their stored values) of a row to add: the columns not given take
    their defaults (or the values of `base`, shared by many rows); the id only when
    given."""
    values = named(table, values)
    layout = _layout(table, "id" in values)
    names, position, required = layout.names, layout.position, layout.required
    given = values.keys()
    if base is not None and base.layout is layout:
        row, given_before = list(base.row), base.given
    else:
        row, given_before = list(layout.defaults), frozenset()
    if not given <= position.keys():
        unknown = sorted(given - position.keys() - {"id"})
        raise ValueError(f"{table} has no column {unknown[0]!r}")
    if not required <= given | given_before:
        missing = next(name for name in names if name in required - given - given_before)
        raise ValueError(f"{table}.{missing} must be given")
    for name, value in values.items():
        row[position[name]] = value if type(value) in AS_IS else stored(value)
    return names, row


@dataclass(frozen=True)
class Layout:
    """A new row's columns (the id only when given), their stored defaults, each one's
    place, and the columns that must be given."""

    names: tuple[str, ...]
    defaults: tuple[Any, ...]
    position: dict[str, int]
    required: frozenset[str]


@dataclass(frozen=True)
class Base:
    """Values many new rows share (the moment of an import), stored once for all."""

    layout: Layout
    row: tuple[Any, ...]
    given: frozenset[str]


def base_row(table: str, shared: Mapping[str, Any], *, with_id: bool = False) -> Base:
    """The defaults of a new row with `shared` in place of some, for `full_row`."""
    layout = _layout(table, with_id)
    unknown = sorted(shared.keys() - layout.position.keys())
    if unknown:
        raise ValueError(f"{table} has no column {unknown[0]!r}")
    row = list(layout.defaults)
    for name, value in named(table, shared).items():
        row[layout.position[name]] = stored(value)
    return Base(layout, tuple(row), frozenset(shared))


@functools.cache
def _layout(table: str, with_id: bool) -> Layout:
    columns = {name: default for name, default in TABLES[table].items()
               if with_id or name != "id"}
    names = tuple(columns)
    return Layout(names, tuple(None if default is REQUIRED else stored(default)
                               for default in columns.values()),
                  {name: at for at, name in enumerate(names)},
                  frozenset(name for name, default in columns.items() if default is REQUIRED))


@functools.cache
def insert_statement(table: str, names: tuple[str, ...]) -> str:
    return (f"INSERT INTO {table} ({', '.join(names)}) "
            f"VALUES ({', '.join('?' * len(names))})")


def named(table: str, values: Mapping[str, Any]) -> Mapping[str, Any]:
    """Every person's name is stored as `clean_name` makes it, whoever writes it."""
    if table == "person" and isinstance(values.get("name"), str):
        return {**values, "name": clean_name(values["name"])}
    return values
