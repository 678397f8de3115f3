"""Reading the files to import: read-only, size-checked (exports go through mentornet.files)."""

from __future__ import annotations

from pathlib import Path

from mentornet.errors import BadInput

MAX_IMPORT_BYTES = 200 * 1024 * 1024  # far above any real export; refuses a wrong file early


def read_source(path: Path) -> bytes:
    """The bytes of a file to import. Opened read-only: the source is never modified."""
    where = repr(str(path))
    if path.is_dir():
        raise BadInput(f"{where} is a folder: give the file to import")
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_IMPORT_BYTES + 1)
    except FileNotFoundError:
        raise BadInput(f"there is no file {where}: check the path") from None
    except OSError as exc:
        raise BadInput(f"can't read {where}: {exc.strerror}") from None
    if len(data) > MAX_IMPORT_BYTES:
        raise BadInput(f"{where} is larger than {MAX_IMPORT_BYTES // 2**20} MB: "
                       "that is not an export mentornet can read")
    return data


# Bounds on the work one import does, so that a malformed or hostile file ends quickly, in
# bounded memory, with a message saying which bound it crossed.
MAX_RECORDS = 200_000  # rows or cards in one file: far more than any address book
MAX_COLUMNS = 1_000  # columns of a CSV file (Outlook's export has about 90)
MAX_FIELD_CHARS = 16 * 2**20  # characters of one value mentornet reads (a note, a name)


def size_text(chars: int) -> str:
    """16 MB, 512 KB: a limit in characters, as a reader thinks of file sizes."""
    return f"{chars // 2**20} MB" if chars >= 2**20 else f"{chars // 2**10} KB"
