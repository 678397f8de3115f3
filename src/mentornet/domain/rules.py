"""What the user may configure about cadences: the defaults per kind, the due and stale points.

A module of its own so that `show`, `list` and the settings file can know a person's
cadence without importing the whole of `due`'s scoring.
"""

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from mentornet.config import DEFAULT_CADENCE_DAYS


class Rules(NamedTuple):
    """What the user may configure: cadence per kind, and the due and stale points.

    A NamedTuple, like the records (see domain/records.py): cheap to define at start-up.
    """

    cadence_days: Mapping[str, int] = MappingProxyType(DEFAULT_CADENCE_DAYS)
    due_ratio: float = 1.0  # due at 1x the cadence
    stale_ratio: float = 1.5  # stale at 1.5x

    def cadence_for(self, kind: str, own: int | None) -> int:
        """The person's own cadence, or the default for their kind."""
        if own:
            return own
        return int(self.cadence_days.get(kind) or self.cadence_days.get("informal")
                   or DEFAULT_CADENCE_DAYS["informal"])
