"""Import psycopg, the PostgreSQL driver, for one command.

psycopg and its compiled part (psycopg_binary) each learn their own version at import by
asking `importlib.metadata`. Importing that module (with `email`, `zipfile`, `csv` and
more behind it) is about a quarter of importing psycopg: some 30 ms of every command on
PostgreSQL, whose whole start-up is compared with SQLite's.

So while psycopg imports, `importlib.metadata` is a small stand-in. Its `version(name)`
reads the `Version:` line of the distribution's `NAME-VERSION.dist-info/METADATA`, looked
for along `sys.path` in order as `importlib.metadata` looks. Anything it is not sure of
(no such folder, an `.egg-info` first, no `Version:` line) and every other name of the
module go to the real `importlib.metadata`, imported then. Once psycopg is imported the
real module is back in its place (or absent, when nothing needed it).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import re
import sys
import types
from collections.abc import Iterator
from typing import Any

from mentornet.errors import StoreError


def driver() -> Any:
    """psycopg, or a one-line message saying how to install it."""
    if "psycopg" in sys.modules:  # imported already (None when blocked: the import says)
        return _import_psycopg()
    with _metadata_stand_in():
        return _import_psycopg()


def _import_psycopg() -> Any:
    try:
        import psycopg
    except ImportError:
        raise StoreError("a PostgreSQL database needs the psycopg driver, which is not "
                         "installed: run `pip install 'mentornet[postgres]'`") from None
    return psycopg


@contextlib.contextmanager
def _metadata_stand_in() -> Iterator[None]:
    """`importlib.metadata` as a _Versions for as long as the block runs, when the real
    one is not imported already."""
    child = "metadata"
    name = f"importlib.{child}"
    if name in sys.modules:
        yield
        return
    package = sys.modules["importlib"]
    sys.modules[name] = stand_in = _Versions(name)
    setattr(package, child, stand_in)  # what `from importlib import metadata` finds
    try:
        yield
    finally:
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]
        if getattr(package, child, None) is stand_in:
            delattr(package, child)
        real = stand_in.real_module
        if real is not None:  # something needed the real one: it stays
            sys.modules[name] = real
            setattr(package, child, real)


class _Versions(types.ModuleType):
    """The `version(name)` of `importlib.metadata`, read from a `.dist-info` folder; any
    other name, and any case it is unsure of, from the real module."""

    real_module: types.ModuleType | None = None

    def version(self, distribution: str) -> str:
        found = dist_info_version(distribution, sys.path)
        return found if found is not None else self._real().version(distribution)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._real(), name)

    def _real(self) -> types.ModuleType:
        if self.real_module is None:
            if sys.modules.get(self.__name__) is self:  # so that the import runs the real one
                del sys.modules[self.__name__]
            self.real_module = importlib.import_module(self.__name__)
        return self.real_module


def dist_info_version(distribution: str, path: list[str]) -> str | None:
    """The version in `DIST-VERSION.dist-info/METADATA` of the first folder of `path` that
    holds the distribution's metadata; None when that is not a plain .dist-info folder or
    its METADATA has no `Version:` line before the description."""
    wanted = _normalized(distribution)
    for folder in path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        found = [name for name in names
                 if name.lower().endswith((".dist-info", ".egg-info"))
                 and _normalized(name.partition("-")[0]) == wanted]
        if not found:
            continue
        if len(found) != 1 or not found[0].lower().endswith(".dist-info"):
            return None  # two of them, or an egg: the real module decides
        return _metadata_version(os.path.join(folder or ".", found[0], "METADATA"))
    return None


def _normalized(name: str) -> str:
    """A distribution's name as its metadata folders spell it (PEP 503, `_` for `-`)."""
    return re.sub(r"[-_.]+", "_", name).lower()


def _metadata_version(metadata: str) -> str | None:
    try:
        with open(metadata, encoding="utf-8") as lines:
            for line in lines:
                if not line.strip():
                    return None  # the headers end: the description follows
                key, _, value = line.partition(":")
                if key.strip().lower() == "version":
                    return value.strip() or None
    except (OSError, UnicodeDecodeError):
        return None
    return None
