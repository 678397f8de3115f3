"""People as CSV, one row each: for spreadsheets, and back.

The header (also in the README): id, name, kind, status, role, org, seniority, via, met_on,
focus, cadence_days, email, link, notes, snoozed_until, next_session. Dates are YYYY-MM-DD,
focus tags are separated by commas, and the file is UTF-8 with a byte order mark so that
spreadsheet programs read accents right. A cell that a spreadsheet would run as a formula
(starting with = + - @, a tab or a carriage return) is written with a leading single quote;
the import takes that quote off again.
"""

from __future__ import annotations

import csv
import io
import re
from typing import TYPE_CHECKING, Any, NoReturn

from mentornet.errors import BadInput
from mentornet.io.plan import (
    PERSON_FIELDS,
    Contact,
    MalformedFile,
    Problem,
    Problems,
    decode_text,
    is_empty_value,
    parse_iso_day,
)
from mentornet.vocab import KINDS, STATUSES

if TYPE_CHECKING:
    from mentornet.store.reads import Reads

HEADER = ("id", *PERSON_FIELDS)
DATE_FIELDS = ("met_on", "snoozed_until", "next_session")
# Other names a spreadsheet may use for a column (compared in lower case, spaces ignored).
ALIASES = {
    "fullname": "name", "displayname": "name", "contact": "name",
    "type": "kind", "title": "role", "jobtitle": "role", "position": "role",
    "organisation": "org", "organization": "org", "company": "org",
    "emailaddress": "email", "e-mail": "email", "mail": "email",
    "url": "link", "website": "link", "linkedin": "link", "profile": "link",
    "note": "notes", "tags": "focus", "focusareas": "focus", "cadence": "cadence_days",
    "every": "cadence_days", "met": "met_on", "metondate": "met_on",
    "howwemet": "via", "source": "via", "firstname": "first_name",
    "givenname": "first_name", "lastname": "last_name", "surname": "last_name",
    "familyname": "last_name", "snoozeduntil": "snoozed_until",
    "nextsession": "next_session", "meton": "met_on", "cadencedays": "cadence_days",
}
SPREADSHEET_HINT = ' (in a spreadsheet, choose "CSV UTF-8")'
_FORMULA = re.compile(r"'*[=+\-@\t\r]")


# Export -----------------------------------------------------------------------------------

def defuse(cell: str) -> str:
    """A cell a spreadsheet will show as text, never run as a formula (OWASP's advice)."""
    return "'" + cell if _FORMULA.match(cell) else cell


def undefuse(cell: str) -> str:
    """The value `defuse` protected: one leading quote off, when it was added."""
    return cell[1:] if cell.startswith("'") and _FORMULA.match(cell[1:]) else cell


def export_csv(store: Reads) -> str:
    """Everyone on the panel, ordered by id, under the documented header."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for person in sorted(store.people(), key=lambda p: p.id):
        row = [person.id, *(getattr(person, name) for name in PERSON_FIELDS)]
        writer.writerow([defuse(_cell(value)) for value in row])
    return "\ufeff" + out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple | list):
        return ", ".join(value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


# Import -----------------------------------------------------------------------------------

def read_rows(text: str, source: str, *, delimiter: str = ",") -> list[tuple[int, list[str]]]:
    """(row number from 1, cells) for each row; blank rows left out; quoting errors reported."""
    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    number = 0
    try:
        for cells in reader:
            number += 1
            if any(cell.strip() for cell in cells):
                rows.append((number, cells))
    except csv.Error as exc:
        raise_problem(source, f"line {reader.line_num}",
                      f"the CSV quoting is broken ({exc}); is the file cut short?")
    return rows


def sniff_delimiter(text: str) -> str:
    """`,` unless the header row is plainly split by `;` (European spreadsheets) or tabs."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {mark: header.count(mark) for mark in (",", ";", "\t")}
    best = max(counts, key=lambda mark: counts[mark])
    return best if counts[best] > counts[","] else ","


def raise_problem(source: str, where: str, what: str) -> NoReturn:
    raise MalformedFile(source, [Problem(where, what)])


def column_key(title: str) -> str:
    """A header cell as a field name: "Email Address" -> email, "met_on" -> met_on."""
    plain = title.strip().lstrip("\ufeff").lower()
    if plain in HEADER:
        return plain
    squashed = re.sub(r"[\s_]+", "", plain)
    return ALIASES.get(squashed, ALIASES.get(plain, plain))


def parse_csv(data: bytes, source: str) -> tuple[list[Contact], list[Problem]]:
    """People from a CSV with a header row (see HEADER; a few common other names work)."""
    text = decode_text(data, source, hint=SPREADSHEET_HINT)
    rows = read_rows(text, source, delimiter=sniff_delimiter(text))
    if not rows:
        raise_problem(source, "file", "the file is empty: expected a header row such as "
                                      f"{','.join(HEADER[:6])},...")
    header_row, header = rows[0]
    keys = [column_key(cell) for cell in header]
    has_name = "name" in keys or ("first_name" in keys or "last_name" in keys)
    if not has_name:
        found = ", ".join(repr(cell.strip()) for cell in header[:8]) or "nothing"
        raise_problem(source, f"row {header_row}",
                      f"the header has no name column (found {found}): the first row must "
                      f"name the columns, e.g. {','.join(HEADER[:6])},...")
    duplicated = sorted({key for key in keys if keys.count(key) > 1 and key})
    if duplicated:
        raise_problem(source, f"row {header_row}",
                      f"the column {duplicated[0]!r} appears twice in the header")
    problems = Problems(source)
    contacts: list[Contact] = []
    for number, cells in rows[1:]:
        where = f"row {number}"
        if len(cells) != len(keys):
            problems.add(where, f"has {len(cells)} cells but the header has {len(keys)}: "
                                "a missing or extra comma, or the file is cut short")
            continue
        values = dict(zip(keys, (undefuse(cell) for cell in cells), strict=True))
        contact = _contact(values, where, problems)
        if contact is not None:
            contacts.append(contact)
    problems.raise_if_any()
    return contacts, []


def _contact(values: dict[str, str], where: str, problems: Problems) -> Contact | None:
    from mentornet.vocab import choose

    name = values.get("name", "").strip() or " ".join(
        part for part in (values.get("first_name", "").strip(),
                          values.get("last_name", "").strip()) if part)
    if not name:
        problems.add(where, "the name is empty")
        return None
    fields: dict[str, Any] = {"name": name}
    for key in ("role", "org", "seniority", "via", "email", "link"):
        if values.get(key, "").strip():
            fields[key] = " ".join(values[key].split())
    if values.get("notes", "").strip():
        fields["notes"] = values["notes"]
    for key, allowed in (("kind", KINDS), ("status", STATUSES)):
        if values.get(key, "").strip():
            try:
                fields[key] = choose(values[key], allowed, what=key)
            except BadInput:
                problems.add(where, f"the {key} {_short(values[key])} is not one of "
                                    f"{', '.join(allowed)}")
    for key in DATE_FIELDS:
        if values.get(key, "").strip():
            day = parse_iso_day(values[key])
            if day is None:
                problems.add(where, f"{key} {_short(values[key])} is not a date (YYYY-MM-DD)")
            fields[key] = day
    if values.get("focus", "").strip():
        fields["focus"] = _tags(values["focus"])
    if values.get("cadence_days", "").strip():
        fields["cadence_days"] = _cadence(values["cadence_days"], where, problems)
    email = fields.get("email", "")
    return Contact(where=where, name=name,
                   fields={k: v for k, v in fields.items() if not is_empty_value(v)},
                   overwrite=frozenset(fields), emails=(email,) if email else ())


def _tags(text: str) -> list[str]:
    found: dict[str, None] = {}
    for part in re.split(r"[,;]", text):
        tag = " ".join(part.split()).lower()
        if tag:
            found[tag] = None
    return list(found)


def _cadence(text: str, where: str, problems: Problems) -> int | None:
    """Days, or an interval as the command line takes it: 2w, monthly, 90d."""
    from mentornet.dates import MAX_INTERVAL_DAYS, parse_interval

    value = text.strip()
    if value.isdigit() and 0 < int(value) <= MAX_INTERVAL_DAYS:
        return int(value)
    try:
        return parse_interval(value)
    except BadInput:
        problems.add(where, f"cadence_days {_short(value)} is not a number of days or an "
                            "interval such as 2w, monthly, 90d")
        return None


def _short(value: str) -> str:
    text = " ".join(value.split())
    return repr(text if len(text) <= 30 else text[:29] + "…")
