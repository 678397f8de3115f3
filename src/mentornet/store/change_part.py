"""What the write mixins of `Change` (store/writes.py) use of it: its connection, the moment
of the change, and its row writes. AddressWrites, GoalWrites and Corrections derive from
it, so that each is typed against the one description of what `Change` gives them."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any


class ChangePart:
    """A part of `Change`: the writes of one kind of record, as methods of the change."""

    _conn: sqlite3.Connection

    if TYPE_CHECKING:
        now: Any

        def value(self, table: str, row_id: int, column: str, *, what: str) -> Any: ...
        def insert(self, table: str, values: Mapping[str, Any]) -> int: ...
        def fill(self, table: str, row_id: int, values: Mapping[str, Any], *,
                 what: str | None = None) -> None: ...
