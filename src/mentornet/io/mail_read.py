"""Mail folders read for `sync mail`: the headers of each message, never its body.

An mbox file or a Maildir folder is opened with Python's `mailbox` module, which finds
where each message starts; of each message only the header block is read, line by line up
to the first blank line, and of it only the headers named below are kept. A body is never
read by this module, let alone stored. (The headers are unfolded here rather than by the
`email` package's parser, which builds a whole message object: a third of a sync's time.)
"""

from __future__ import annotations

import email.utils
import mailbox
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

# The headers read; Subject only with --with-subjects. The last four only decide skips.
HEADERS = ("from", "to", "cc", "date", "message-id", "in-reply-to", "references")
SKIP_HEADERS = ("list-id", "auto-submitted", "precedence")
_MAX_HEADER_BYTES = 256 * 1024  # a header block longer than this is no real message's


class MailHeader(NamedTuple):
    """What `sync mail` knows of one message."""

    sender: str  # the From address, lower case ("" when there is none)
    recipients: tuple[str, ...]  # To and Cc addresses, lower case, in order, unique
    sent_at: datetime | None  # aware; None when the Date header can't be read
    message_id: str  # as written, <...>; "" when the message has none
    thread: str  # the first message of its thread (References, In-Reply-To), else itself
    bulk: bool  # a mailing list or an automated sender
    subject: str | None = None  # only when asked for


class Unreadable(Exception):
    """A mail file or folder that can't be read: `where` and why."""

    def __init__(self, where: str, why: str) -> None:
        super().__init__(f"{where}: {why}")
        self.where = where
        self.why = why


def mail_files(path: Path) -> list[tuple[str, Path]]:
    """The mailboxes at `path`: ("maildir", folder) for a Maildir (a folder with cur/ or
    new/) and each Maildir below a folder, ("mbox", file) for a file."""
    if path.is_file():
        return [("mbox", path)]
    if not path.is_dir():
        raise Unreadable(str(path), "no such file or folder")
    if _is_maildir(path):
        return [("maildir", path)]
    found = [("maildir", folder) for folder in sorted(p for p in path.rglob("*")
                                                      if p.is_dir() and _is_maildir(p))]
    if not found:
        raise Unreadable(str(path), "a folder that holds no Maildir (cur/ and new/): give "
                                    "an mbox file or a Maildir folder")
    return found


def _is_maildir(folder: Path) -> bool:
    return (folder / "cur").is_dir() or (folder / "new").is_dir()


def read_headers(kind: str, path: Path, *, with_subjects: bool = False
                 ) -> Iterator[MailHeader]:
    """Each message's headers, in the mailbox's order. Unreadable when the file is not a
    mailbox; a single message whose headers make no sense is passed over."""
    try:
        box: mailbox.Mailbox = (mailbox.Maildir(path, factory=None, create=False)
                                if kind == "maildir" else mailbox.mbox(path, create=False))
        keys = list(box.iterkeys())
    except (OSError, mailbox.Error, UnicodeError) as exc:
        raise Unreadable(str(path), _why(exc)) from None
    if kind == "mbox" and not _starts_like_mbox(path):
        raise Unreadable(str(path), "not an mbox file (it does not start with \"From \")")
    try:
        for key in keys:
            try:
                handle = box.get_file(key)
            except (KeyError, FileNotFoundError):
                continue  # a Maildir message moved away while reading
            with handle:
                block = _header_block(handle)
            yield _parse(block, with_subjects=with_subjects)
    except OSError as exc:
        raise Unreadable(str(path), _why(exc)) from None
    finally:
        box.close()


def _starts_like_mbox(path: Path) -> bool:
    """An mbox begins with a "From " line (or is empty)."""
    with path.open("rb") as handle:
        start = handle.read(5)
    return start in (b"", b"From ")


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc) or type(exc).__name__


def _header_block(handle: object) -> list[bytes]:
    """The header lines of one message, up to its first blank line (the body unread)."""
    lines: list[bytes] = []
    size = 0
    readline = handle.readline  # type: ignore[attr-defined]
    while True:
        line = readline()
        if not line or line in (b"\n", b"\r\n"):
            return lines
        size += len(line)
        if size > _MAX_HEADER_BYTES:
            return lines
        lines.append(line)


_WANTED = frozenset((*HEADERS, *SKIP_HEADERS))
_WANTED_WITH_SUBJECT = _WANTED | {"subject"}
_LISTED = frozenset(("to", "cc"))  # every occurrence counts


def _fields(lines: list[bytes], wanted: frozenset[str]) -> dict[str, str]:
    """The wanted headers of a header block, unfolded (RFC 5322 section 2.2.3); others are
    passed over unread. Bytes that are not UTF-8 are replaced."""
    found: dict[str, str] = {}
    name = ""
    for raw in lines:
        if raw[:1] in (b" ", b"\t"):  # a folded line continues the header before it
            if name:
                found[name] += " " + raw.decode("utf-8", "replace").strip()
            continue
        colon = raw.find(b":")
        if colon <= 0:
            name = ""
            continue
        key = raw[:colon].strip().lower().decode("ascii", "replace")
        if key not in wanted or (key in found and key not in _LISTED):
            name = ""
            continue
        value = raw[colon + 1:].decode("utf-8", "replace").strip()
        found[key] = f"{found[key]}, {value}" if key in found else value
        name = key
    return found


def _parse(lines: list[bytes], *, with_subjects: bool) -> MailHeader:
    fields = _fields(lines, _WANTED_WITH_SUBJECT if with_subjects else _WANTED)
    get = fields.get
    sender = _addresses(get("from", ""))
    message_id = _one_id(get("message-id", ""))
    thread = (_ids(get("references", "")) or _ids(get("in-reply-to", "")) or [message_id])[0]
    auto = get("auto-submitted", "").strip().lower()
    precedence = get("precedence", "").strip().lower()
    bulk = ("list-id" in fields or (auto not in ("", "no"))
            or precedence in ("bulk", "list", "junk"))
    subject = _decoded(fields["subject"]) if "subject" in fields else None
    recipients = _addresses(", ".join(v for v in (get("to"), get("cc")) if v))
    return MailHeader(sender=sender[0] if sender else "", recipients=tuple(recipients),
                      sent_at=_sent_at(get("date")), message_id=message_id,
                      thread=thread, bulk=bulk, subject=subject)


_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"|\((?:[^()\\]|\\.)*\)')
_ANGLED = re.compile(r"<([^<>]*)>")


def _addresses(text: str) -> list[str]:
    """The addresses of an address list ("Dana Lee" <dana@acme.example>, sam@x.example),
    in lower case, in order, once each. Display names and comments are dropped first, so
    a comma or an "@" inside one is no address."""
    found: dict[str, None] = {}
    if "@" not in text:
        return []
    plain = _QUOTED.sub(" ", text) if ('"' in text or "(" in text) else text
    for part in plain.split(","):
        angled = _ANGLED.search(part)
        address = (angled.group(1) if angled else part).strip().casefold()
        if "@" in address and " " not in address:
            found[address] = None
    return list(found)


def _ids(text: str) -> list[str]:
    """The message ids in a References or In-Reply-To header, in order."""
    return [f"<{found}>" for found in _ANGLED.findall(text.replace(" ", "").replace("\t", ""))
            if found]


def _one_id(text: str) -> str:
    ids = _ids(text)
    return ids[0] if ids else " ".join(text.split())


def _sent_at(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:  # "-0000": the time is UTC, its zone unknown
        when = when.replace(tzinfo=UTC)
    return when


def _decoded(value: str) -> str:
    """A Subject with its RFC 2047 encoded words decoded."""
    from email.header import decode_header, make_header

    try:
        text = str(make_header(decode_header(value)))
    except (UnicodeError, LookupError, ValueError):
        text = value
    return " ".join(text.encode("utf-8", "replace").decode("utf-8", "replace").split())
