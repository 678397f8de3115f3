"""The JSON export, written as it is read: the document's text a batch of rows at a time.

The text is exactly what `json.dumps(document, indent=2, sort_keys=True,
ensure_ascii=False)` gives for the whole document (json_format.py reads it back), but
it is never held whole: on a panel of 30,000 people and 600,000 touch-bases the whole
document took 2.8 GiB. The lists' rows are written by json_rows.py, a batch at a time,
on a long panel partly by a second process (export_share.py).
"""

from __future__ import annotations

import json
from collections.abc import Generator, Iterable
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

from mentornet.io.export_share import sections
from mentornet.io.json_rows import LISTS, inert, iso_moment, plain, stored

if TYPE_CHECKING:
    from mentornet.store.reads import Reads

FORMAT = "mentornet"
VERSION = 1
# The lists of the document, in the order they are read and restored.
SECTIONS = ("people", "touchbases", "favours", "parked", "followups", "goals")

HELPER_FROM = 100_000  # rows in the lists before a second process helps (~0.1 s to start)
_BATCH = 1000  # rows read and written at a time


def export_json(store: Reads) -> str:
    """The whole document as one text (for tests and small panels)."""
    return "".join(export_chunks(store))


def export_chunks(store: Reads, *, batch: int | None = None, helper_from: int | None = None,
                  alone: bool = False) -> Generator[str, None, None]:
    """The document's text in pieces of `batch` rows each (default: about a thousand).

    Inside `store.snapshot()`, on a panel with at least `helper_from` rows (default
    HELPER_FROM), a second process writes about half the batches (io/export_share.py),
    unless the export is to be written `alone`."""
    size = batch or _BATCH
    owner = _owner(store)
    emails = _other_emails(store)
    jobs = _job_changes(store)
    top: list[tuple[str, Any]] = [
        ("database", store.identity()), *([("emails", emails)] if emails else []),
        ("favours", None), ("followups", None),
        ("format", FORMAT), ("goals", None), *([("job_changes", jobs)] if jobs else []),
        *([("owner", owner)] if owner else []),
        ("parked", None), ("people", None), ("touchbases", None), ("version", VERSION)]
    helped = None if alone else HELPER_FROM if helper_from is None else helper_from
    with sections(store, batch=size, helper_from=helped) as lists:
        yield "{"
        for number, (key, value) in enumerate(top):
            lead = ("," if number else "") + f"\n  {encode_basestring(key)}: "
            if key in LISTS:
                pieces: Iterable[str] = lists.pieces(key)
            else:
                text = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)
                yield lead + inert(text.replace("\n", "\n  "))  # one level down
                continue
            first = True
            for piece in pieces:
                yield (lead + "[\n" if first else ",\n") + piece
                first = False
            yield lead + "[]" if first else "\n  ]"
        yield "\n}\n"


def _owner(store: Reads) -> dict[str, Any] | None:
    """Your own profile (`mentornet me`); the document has no "owner" when it is unset."""
    owner = store.owner()
    return owner.as_json() if owner is not None else None


def _other_emails(store: Reads) -> list[dict[str, Any]]:
    """People's addresses besides their main one, in the order they were added; the
    document has no "emails" when nobody has one."""
    return [{"email": stored(email), "person_id": person_id} for person_id, email
            in store.rows("person_email", columns=("person_id", "email"))]


_JOB_COLUMNS = ("person_id", "noticed_on", "old_role", "old_org", "new_role", "new_org",
                "source", "created_at")


def _job_changes(store: Reads) -> list[dict[str, Any]]:
    """The job changes imports noticed (news worth a note), oldest first; the document has
    no "job_changes" when there are none."""
    return [{**{name: stored(value) for name, value in zip(_JOB_COLUMNS, row, strict=True)},
             "created_at": iso_moment(row[-1])}
            for row in store.rows("job_change", columns=_JOB_COLUMNS)]


def dumps(document: dict[str, Any]) -> str:
    """A document as text: sorted keys, ISO dates, UTF-8 as is, a final newline."""
    from mentornet.render.text import inert_json

    return inert_json(json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False,
                                 default=plain)) + "\n"


