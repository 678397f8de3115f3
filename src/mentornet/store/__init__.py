"""The store: `Store` (store/api.py) is the one way in, `Change` one transaction in it;
SQLite and everything about it lie below."""

from mentornet.store.api import Store
from mentornet.store.writes import Change

__all__ = ["Change", "Store"]
