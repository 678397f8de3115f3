"""Where the panel is kept: a SQLite file (a path) or a PostgreSQL database (a URL).

`--db`, MENTORNET_DB and the settings file's `database` all take either. A URL's password
(if it carries one) is handed to the driver only: a `ServerURL` shows itself without it.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit, urlunsplit

from mentornet.errors import BadInput

SCHEMES = ("postgresql", "postgres")


class ServerURL(NamedTuple):
    """A PostgreSQL database's URL, e.g. postgresql://dana@db.example.org/mentornet.

    A NamedTuple rather than a frozen dataclass: every command imports this module, and a
    NamedTuple costs a tenth as much to define.
    """

    url: str  # as given, password and all: for the driver only

    def __str__(self) -> str:
        return self.shown

    @property
    def shown(self) -> str:
        """The URL without its password (and without a `password=` parameter)."""
        parts = urlsplit(self.url)
        netloc = parts.netloc
        if "@" in netloc:
            user, host = netloc.rsplit("@", 1)
            if ":" in user:
                user = user.split(":", 1)[0] + ":***"
            netloc = f"{user}@{host}"
        query = "&".join("password=***" if item.lower().startswith("password=") else item
                         for item in parts.query.split("&")) if parts.query else ""
        return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))

    @property
    def password(self) -> str | None:
        parts = urlsplit(self.url)
        if parts.password:
            return parts.password
        for item in parts.query.split("&"):
            if item.lower().startswith("password="):
                return item.split("=", 1)[1]
        return None

    def hide(self, text: str) -> str:
        """`text` (a driver's message) with the password, if it appears, masked."""
        secret = self.password
        return text.replace(secret, "***") if secret else text

    @property
    def database(self) -> str:
        return urlsplit(self.url).path.lstrip("/") or "(the user's own)"


Location = Path | ServerURL


def is_url(text: str) -> bool:
    head, sep, _ = text.partition("://")
    return bool(sep) and head.isascii() and head.replace("+", "").isalpha()


def location(text: str) -> Location:
    """A path or a PostgreSQL URL from what the user gave."""
    if not is_url(text):
        return Path(text).expanduser()
    scheme = text.partition("://")[0].lower()
    if scheme not in SCHEMES:
        raise BadInput(f"--db {ServerURL(text).shown!r} is a {scheme} URL: mentornet keeps "
                       "its panel in a SQLite file (give a path) or in PostgreSQL (give "
                       "postgresql://USER@HOST/DBNAME)")
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 -- a bad port raises here
    except ValueError as exc:
        raise BadInput(f"--db {ServerURL(text).shown!r} is not a URL mentornet can read "
                       f"({exc}): use postgresql://USER@HOST/DBNAME") from None
    return ServerURL(text)
