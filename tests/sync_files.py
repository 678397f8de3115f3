"""Mail folders and calendars written for the sync tests: mbox, Maildir and .ics files."""

from __future__ import annotations

import email.message
import email.utils
import mailbox
from datetime import UTC, date, datetime
from pathlib import Path

SECRET = "SECRET-BODY-7f3a"  # in every body: it must never reach the database
ME = "alex@fabrikam.example"
DANA = "dana@acme.example"
SAM = "sam@globex.example"


def message(sender: str, to: str | list[str], day: str, mid: str, *, cc: list[str] = (),
            replying: str | None = None, subject: str = "Hello", hour: int = 9,
            headers: dict[str, str] | None = None) -> email.message.EmailMessage:
    """A message sent on `day` (YYYY-MM-DD) at `hour` UTC, with SECRET in its body."""
    found = email.message.EmailMessage()
    found["From"] = sender
    found["To"] = ", ".join([to] if isinstance(to, str) else to)
    if cc:
        found["Cc"] = ", ".join(cc)
    when = datetime.combine(date.fromisoformat(day), datetime.min.time(), tzinfo=UTC)
    found["Date"] = email.utils.format_datetime(when.replace(hour=hour))
    found["Message-ID"] = f"<{mid}@test.example>"
    if replying:
        found["In-Reply-To"] = f"<{replying}@test.example>"
        found["References"] = f"<{replying}@test.example>"
    found["Subject"] = subject
    for name, value in (headers or {}).items():
        found[name] = value
    found.set_content(f"Hi,\n\n{SECRET} and nothing else.\n")
    return found


def mbox(path: Path, *messages: email.message.EmailMessage) -> Path:
    box = mailbox.mbox(path)
    for one in messages:
        box.add(one)
    box.flush()
    box.close()
    return path


def maildir(path: Path, *messages: email.message.EmailMessage) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    box = mailbox.Maildir(path, create=True)
    for one in messages:
        box.add(one)
    box.close()
    return path


def event(uid: str, start: str, *, attendees: dict[str, str] | None = None,
          organizer: str | None = None, extra: str = "", all_day: bool = False) -> str:
    """A VEVENT starting at `start` (YYYY-MM-DD, at 10:00 UTC unless all-day);
    attendees map an address to its PARTSTAT."""
    day = start.replace("-", "")
    lines = ["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20260101T000000Z"]
    lines += ([f"DTSTART;VALUE=DATE:{day}"] if all_day
              else [f"DTSTART:{day}T100000Z", f"DTEND:{day}T110000Z"])
    lines.append("SUMMARY:A chat")
    if organizer:
        lines.append(f"ORGANIZER:mailto:{organizer}")
    for address, status in (attendees or {}).items():
        lines.append(f"ATTENDEE;PARTSTAT={status}:mailto:{address}")
    lines += [line for line in extra.splitlines() if line.strip()]
    lines.append("END:VEVENT")
    return "\r\n".join(lines)


def calendar(path: Path, *events: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN",
                                 *events, "END:VCALENDAR", ""]), encoding="utf-8")
    return path
