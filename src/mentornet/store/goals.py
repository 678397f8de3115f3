"""Writing goals: adding one, noting progress, linking mentors, closing it. Mixed into
`Change` (store/writes.py), so every write is journaled under the change like the others."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from mentornet.errors import BadInput
from mentornet.store.change_part import ChangePart


class GoalWrites(ChangePart):
    """The goal writes of a change, mixed into `Change` (writes.py)."""

    def add_goal(self, *, text: str, target: date | None, focus: Sequence[str],
                 mentor_ids: Sequence[int], today: date) -> int:
        if not text.strip():
            raise BadInput("the goal is empty: say what you want to achieve")
        goal_id = self.insert("goal", {
            "text": text, "target": target, "focus": list(focus), "created_on": today,
            "created_at": self.now})
        for person_id in dict.fromkeys(mentor_ids):
            self.insert("goal_mentor", {"goal_id": goal_id, "person_id": person_id})
        return goal_id

    def add_progress(self, goal_id: int, note: str, *, today: date) -> int:
        self.value("goal", goal_id, "id", what="goal")
        if not note.strip():
            raise BadInput("the progress note is empty: say what moved")
        return self.insert("goal_progress", {
            "goal_id": goal_id, "noted_on": today, "note": note, "created_at": self.now})

    def edit_goal(self, goal_id: int, *, add_mentors: Sequence[int] = (),
                  remove_mentors: Sequence[int] = (), **changes: Any) -> None:
        """Change a goal's text, target or focus (the keys given), link mentors to it
        (any kind of person) and unlink others."""
        self.value("goal", goal_id, "id", what="goal")
        if "text" in changes and not str(changes["text"]).strip():
            raise BadInput("the goal is empty: say what you want to achieve")
        if changes:
            self.fill("goal", goal_id, {key: list(value) if key == "focus" else value
                                        for key, value in changes.items()}, what="goal")
        for person_id in dict.fromkeys(remove_mentors):
            self._conn.execute("DELETE FROM goal_mentor WHERE goal_id = ? AND person_id = ?",
                               (goal_id, person_id))
        linked = {pid for (pid,) in self._conn.execute(
            "SELECT person_id FROM goal_mentor WHERE goal_id = ?", (goal_id,))}
        for person_id in dict.fromkeys(add_mentors):
            if person_id not in linked:
                self.insert("goal_mentor", {"goal_id": goal_id, "person_id": person_id})

    def close_goal(self, goal_id: int, status: str, *, today: date) -> None:
        current = self.value("goal", goal_id, "status", what="goal")
        if current != "open":
            raise BadInput(f"goal #{goal_id} is already {current}")
        self.fill("goal", goal_id, {"status": status, "closed_on": today}, what="goal")
