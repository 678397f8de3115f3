"""Where mentornet keeps its files, and the defaults that shape `due`."""

from __future__ import annotations

from pathlib import Path

APP_NAME = "mentornet"

# How often to touch base, in days, when a person has no cadence of their own.
DEFAULT_CADENCE_DAYS = {"formal": 28, "informal": 84, "mentee": 28, "prospect": 21}


def default_db_path() -> Path:
    """The database in the platform's user data directory (XDG on Linux)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / f"{APP_NAME}.db"



def default_config_path() -> Path:
    """The settings file in the platform's user config directory (XDG on Linux)."""
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "config.toml"
