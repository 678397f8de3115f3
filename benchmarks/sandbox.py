"""A home of the benchmark's own for the commands it times.

A timed command must not write into the real home folder: a write on a PostgreSQL store
takes the day's backup in this machine's backups folder (the user data directory), and a
setting or a backup left there would be found by the user's own mentornet.
"""

from __future__ import annotations

from pathlib import Path


def own_home(env: dict[str, str], scratch: Path) -> dict[str, str]:
    """`env` with HOME and the XDG folders inside `scratch` (made if missing)."""
    home = scratch / "home"
    folders = {"HOME": home, "XDG_DATA_HOME": home / ".local" / "share",
               "XDG_CONFIG_HOME": home / ".config", "XDG_CACHE_HOME": home / ".cache",
               "XDG_STATE_HOME": home / ".local" / "state"}
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    return {**env, **{name: str(folder) for name, folder in folders.items()}}
