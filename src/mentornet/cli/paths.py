"""Paths given on the command line, checked before anything is read or written.

Typer's own checks (`dir_okay=False`, `exists=True`) answer with a usage error, exit
status 2 and Click's words; these answer as every other bad input does: one line that
quotes the path and says what to give instead, exit status 1, nothing written.
"""

from __future__ import annotations

import os
from pathlib import Path

from mentornet.errors import BadInput

LOOKED_AT = 10_000  # entries of a folder read, at most, to find an example file in it


def refuse_folder(path: Path, *, where: str, name: str, suffixes: tuple[str, ...] = (),
                  latest: bool = False) -> None:
    """Refuse `path` when it is a folder, with a file inside it to give instead.

    `where` is how the message quotes what was given (`--out '/tmp/x'`); the example is
    `name` inside the folder, or with `suffixes` a file of the folder ending so, when it
    holds one: the first by name, or the last with `latest` (dated backups)."""
    if not path.is_dir():
        return
    example = path / (_file_in(path, suffixes, latest=latest) or name)
    raise BadInput(f"{where} is a folder: give a file inside it, e.g. {str(example)!r}")


def file_to_read(path: Path, *, what: str, name: str, suffixes: tuple[str, ...] = (),
                 latest: bool = False) -> Path:
    """The file `path` names (`~` expanded), refused when it is a folder or not there.
    `what` completes "there is no file 'PATH'" (" to import")."""
    target = path.expanduser()
    refuse_folder(target, where=repr(str(path)), name=name, suffixes=suffixes,
                  latest=latest)
    if not target.exists():
        raise BadInput(f"there is no file {str(path)!r}{what}: check the path")
    return target


def file_to_write(path: Path, *, option: str, name: str) -> Path:
    """The file `path` names (`~` expanded), refused when it is a folder: `name` is the
    file suggested inside it."""
    target = path.expanduser()
    refuse_folder(target, where=f"{option} {str(path)!r}", name=name)
    return target


def _file_in(folder: Path, suffixes: tuple[str, ...], *, latest: bool) -> str | None:
    if not suffixes:
        return None
    found: list[str] = []
    try:
        with os.scandir(folder) as entries:
            for count, entry in enumerate(entries):
                if count >= LOOKED_AT:
                    break
                if entry.name.lower().endswith(suffixes) and not entry.name.startswith("."):
                    try:
                        if entry.is_file():
                            found.append(entry.name)
                    except OSError:
                        continue
    except OSError:
        return None
    if not found:
        return None
    return max(found) if latest else min(found)
