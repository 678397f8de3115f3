"""Long text written comfortably: `-` reads standard input, `--edit` opens your editor."""

from __future__ import annotations

import os
import sys

from mentornet.errors import BadInput

TEMPLATE = ("\n# {title}\n# Lines starting with # are left out. Save an empty text to write "
            "nothing.\n")


def on_terminal() -> bool:
    """Whether a person is typing (standard input and output are a terminal)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def has_editor() -> bool:
    return bool(os.environ.get("VISUAL", "").strip() or os.environ.get("EDITOR", "").strip())


def written(value: str | None, *, edit: bool, title: str, what: str) -> str | None:
    """The text to store: `value` as given; standard input for `-`; with `edit`, what is
    saved in $VISUAL or $EDITOR, opened on `value` and a template. An empty result
    (nothing on standard input, or an empty saved file) is refused: nothing is written."""
    if value == "-":
        value = sys.stdin.read()
        if not edit and not value.strip():
            raise BadInput(f"nothing written: the {what} read from standard input is empty")
    if edit:
        value = _edited(value or "", title=title)
        if not value.strip():
            raise BadInput(f"nothing written: the {what} was left empty in the editor")
    return value.strip("\n") if value is not None else None


def _edited(start: str, *, title: str) -> str:
    import shlex
    import subprocess
    import tempfile
    from pathlib import Path

    editor = os.environ.get("VISUAL", "").strip() or os.environ.get("EDITOR", "").strip()
    if not editor:
        raise BadInput("there is no editor to open: set $VISUAL or $EDITOR (for example "
                       "export EDITOR=nano), or give the text on the command line")
    handle, name = tempfile.mkstemp(prefix="mentornet-", suffix=".txt")  # private: 0600
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(start + TEMPLATE.format(title=" ".join(title.split())))
        try:
            done = subprocess.run([*shlex.split(editor), str(path)], check=False)
        except OSError as exc:
            raise BadInput(f"could not start the editor {editor!r} ({exc.strerror}): check "
                           "$VISUAL or $EDITOR") from None
        if done.returncode != 0:
            raise BadInput(f"the editor {editor!r} stopped with status {done.returncode}: "
                           "nothing written")
        text = path.read_text(encoding="utf-8", errors="replace")
    finally:
        path.unlink(missing_ok=True)
    return "\n".join(line for line in text.splitlines() if not line.startswith("#")).strip()
