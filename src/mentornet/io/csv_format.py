"""People as CSV, one row each: for spreadsheets, and back.

The header (also in the README): id, name, kind, status, role, org, seniority, via, met_on,
focus, cadence_days, email, link, notes, snoozed_until, next_session, phone, sphere,
closeness. Dates are YYYY-MM-DD,
focus tags are separated by commas, and the file is UTF-8 with a byte order mark so that
spreadsheet programs read accents right. The import also reads the file after a
spreadsheet re-saved it (`;` or tab separators, day-first or month-first dates, see
daydates.py) and the exports of Google Contacts and Outlook, which only fill empty fields
(see csv_columns.py). A cell
that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
return) is written with a leading single quote; the import takes that quote off again.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NoReturn

from mentornet.errors import BadInput
from mentornet.io import charsets
from mentornet.io.csv_columns import (
    MULTI,
    NAME_PARTS,
    column_keys,
    is_address_book,
    split_values,
)
from mentornet.io.daydates import DayOrder, day_order
from mentornet.io.files import MAX_COLUMNS, MAX_FIELD_CHARS, MAX_RECORDS, size_text
from mentornet.io.plan import PERSON_FIELDS, Contact, PeopleFile, ignored_note, is_empty_value
from mentornet.io.problems import MalformedFile, Problem, settle_invalid
from mentornet.vocab import CLOSENESS, KINDS, SPHERES, STATUSES

if TYPE_CHECKING:
    from mentornet.store.reads import Reads

HEADER = ("id", *PERSON_FIELDS)
DATE_FIELDS = ("met_on", "snoozed_until", "next_session")
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

def decode_csv(data: bytes, source: str) -> tuple[str, list[str]]:
    """The text of a CSV file, and a note when it had to be read as Windows-1252 ("ANSI")."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return charsets.decode_text(data, source), []
    charsets.check_binary(data, source)
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        return charsets.decode_ansi(data), [
            f"the file is not UTF-8: it was read as {charsets.ANSI} (what Outlook and Excel "
            f"write); if names look wrong, save it as UTF-8{SPREADSHEET_HINT}"]


def read_rows(text: str, source: str, *, delimiter: str = ","
              ) -> Iterator[tuple[int, list[str]]]:
    """(row number from 1, cells) for each row; blank rows left out.

    Bounded: a row of more than MAX_COLUMNS cells, a cell of more than MAX_FIELD_CHARS
    characters (long notes are fine) or more than MAX_RECORDS rows stop the import with a
    message; broken quoting is reported with its line.
    """
    previous = csv.field_size_limit()
    csv.field_size_limit(MAX_FIELD_CHARS)
    reader = csv.reader(_lines(text), delimiter=delimiter, strict=True)
    number = 0
    try:
        for cells in reader:
            number += 1
            if len(cells) > MAX_COLUMNS:
                raise_problem(source, f"row {number}",
                              f"has {len(cells):,} columns, more than the {MAX_COLUMNS:,} "
                              "mentornet reads: is this a contacts file?")
            if number > MAX_RECORDS:
                raise_problem(source, f"row {number}",
                              f"the file has more than {MAX_RECORDS:,} rows: mentornet reads "
                              "at most that many from one file")
            if any(cell.strip() for cell in cells):
                yield number, cells
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise_problem(source, f"line {reader.line_num}",
                          f"a cell is longer than {size_text(MAX_FIELD_CHARS)}, the most "
                          "mentornet reads from one cell (or a quote is never closed)")
        raise_problem(source, f"line {reader.line_num}",
                      f"the CSV quoting is broken ({exc}); is the file cut short?")
    finally:
        csv.field_size_limit(previous)


def _lines(text: str) -> Iterator[str]:
    """The lines of a text with their endings, one at a time (io.StringIO would hold a copy
    of the whole file at four bytes a character). Old Macs end lines with CR alone."""
    mark = "\n" if "\n" in text or "\r" not in text else "\r"
    start = 0
    while True:
        end = text.find(mark, start)
        if end < 0:
            if start < len(text):
                yield text[start:]
            return
        yield text[start:end + 1]
        start = end + 1


def sniff_delimiter(text: str) -> str:
    """`,` unless the header is plainly split by `;` (European spreadsheets) or tabs.

    The first lines are looked at, not only the first: LinkedIn puts notes before its
    header.
    """
    best, most = ",", 0
    for line in [line for line in text[:65536].splitlines() if line.strip()][:20]:
        for mark in (",", ";", "\t"):
            if line.count(mark) > most:
                best, most = mark, line.count(mark)
    return best


def raise_problem(source: str, where: str, what: str) -> NoReturn:
    raise MalformedFile(source, [Problem(where, what)])


def parse_csv(data: bytes, source: str, *, skip_invalid: bool = False) -> PeopleFile:
    """People from a CSV with a header row: mentornet's own, Google's, Outlook's and others."""
    text, notes = decode_csv(data, source)
    rows = read_rows(text, source, delimiter=sniff_delimiter(text))
    first = next(rows, None)
    if first is None:
        raise_problem(source, "file", "the file is empty: expected a header row such as "
                                      f"{','.join(HEADER[:6])},...")
    header_row, header = first
    keys = column_keys(header, HEADER)
    has_name = "name" in keys or any(key in keys for key in NAME_PARTS)
    if not has_name:
        found = ", ".join(repr(cell.strip()) for cell in header[:8]) or "nothing"
        raise_problem(source, f"row {header_row}",
                      f"the header has no name column (found {found}): the first row must "
                      f"name the columns, e.g. {','.join(HEADER[:6])},...")
    seen: set[str] = set()
    for key in keys:
        if key and key not in MULTI and key in seen:
            raise_problem(source, f"row {header_row}",
                          f"the column {key!r} appears twice in the header")
        seen.add(key)
    records: list[tuple[str, dict[str, str], dict[str, list[str]]]] = []
    invalid: list[Problem] = []
    unused: set[int] = set()
    for number, cells in rows:
        where = f"row {number}"
        if len(cells) < len(keys) or any(cell.strip() for cell in cells[len(keys):]):
            invalid.append(Problem(where, f"has {len(cells)} cells but the header has "
                                          f"{len(keys)}: a missing or extra separator, or "
                                          "the file is cut short"))
            continue
        values: dict[str, str] = {}
        multi: dict[str, list[str]] = {key: [] for key in MULTI}
        for index, (key, cell) in enumerate(zip(keys, cells, strict=False)):
            if not key:
                if cell.strip():
                    unused.add(index)
                continue
            cell = undefuse(cell)
            if key in MULTI:
                multi[key].extend(split_values(cell))
            else:
                values[key] = cell
        records.append((where, values, multi))
    order = day_order((where, values[key]) for where, values, _ in records
                      for key in DATE_FIELDS if values.get(key, "").strip())
    yours = not is_address_book(header, keys)  # else it only fills empty fields
    contacts: list[Contact] = []
    skipped: list[Problem] = []
    for where, values, multi in records:
        problems: list[Problem] = []
        contact = _contact(values, multi, where, problems, order, yours=yours)
        if problems:
            invalid.extend(problems)
        elif contact is None:
            skipped.append(Problem(where, "no name"))
        else:
            contacts.append(contact)
    settle_invalid(source, invalid, valid=len(contacts) + len(skipped), unit="row",
                   skip_invalid=skip_invalid, skipped=skipped)
    if order.note:
        notes.append(order.note)
    ignored = ignored_note((header[i].strip().lstrip("\ufeff") for i in sorted(unused)),
                           "columns")
    return PeopleFile(contacts, skipped, [*notes, *([ignored] if ignored else [])])


def _contact(values: dict[str, str], multi: dict[str, list[str]], where: str,
             problems: list[Problem], order: DayOrder, *, yours: bool) -> Contact | None:
    from mentornet.vocab import choose

    name = " ".join(values.get("name", "").split()) or " ".join(
        part for part in (" ".join(values.get(key, "").split()) for key in NAME_PARTS)
        if part)
    if not name:
        return None
    fields: dict[str, Any] = {"name": name}
    for key in ("role", "org", "seniority", "via"):
        if values.get(key, "").strip():
            fields[key] = " ".join(values[key].split())
    emails, phones, links = multi["email"], multi["phone"], multi["link"]
    if emails:
        fields["email"] = emails[0]
    if phones:
        fields["phone"] = phones[0]
    if links:
        fields["link"] = next((link for link in links if "linkedin.com" in link.lower()),
                              links[0])
    if values.get("notes", "").strip():
        fields["notes"] = charsets.normalise_newlines(values["notes"])
    for key, allowed in (("kind", KINDS), ("status", STATUSES)):
        if values.get(key, "").strip():
            try:
                fields[key] = choose(values[key], allowed, what=key)
            except BadInput:
                problems.append(Problem(where, f"the {key} {_short(values[key])} is not one "
                                               f"of {', '.join(allowed)}"))
    if values.get("sphere", "").strip():
        try:
            fields["sphere"] = choose(values["sphere"], SPHERES, what="sphere")
        except BadInput:
            problems.append(Problem(where, f"the sphere {_short(values['sphere'])} is not one "
                                           f"of {', '.join(SPHERES)}"))
    if text := values.get("closeness", "").strip():
        if text.isdigit() and int(text) in CLOSENESS:
            fields["closeness"] = int(text)
        else:
            problems.append(Problem(where, f"closeness {_short(text)} is not a rating from 1 "
                                           "to 5"))
    for key in DATE_FIELDS:
        if values.get(key, "").strip():
            day = order.parse(values[key])
            if order.conflict:
                problems.append(Problem(where, order.conflict))
            elif day is None:
                problems.append(Problem(where, f"{key} {_short(values[key])} is not a date "
                                               "(YYYY-MM-DD, 1900-01-01 to 2199-12-31)"))
            fields[key] = day
    if values.get("focus", "").strip():
        fields["focus"] = _tags(values["focus"])
    if values.get("cadence_days", "").strip():
        fields["cadence_days"] = _cadence(values["cadence_days"], where, problems)
    person_id = values.get("id", "").strip()
    return Contact(where=where, name=name,
                   fields={k: v for k, v in fields.items() if not is_empty_value(v)},
                   overwrite=frozenset(fields) if yours else frozenset(),
                   emails=tuple(emails), phones=tuple(phones),
                   person_id=int(person_id) if person_id.isdigit() else None)


def _tags(text: str) -> list[str]:
    found: dict[str, None] = {}
    for part in re.split(r"[,;]", text):
        tag = " ".join(part.split()).lower()
        if tag:
            found[tag] = None
    return list(found)


def _cadence(text: str, where: str, problems: list[Problem]) -> int | None:
    """Days, or an interval as the command line takes it: 2w, monthly, 90d."""
    from mentornet.dates import MAX_INTERVAL_DAYS, parse_interval

    value = text.strip()
    if value.isdigit() and 0 < int(value) <= MAX_INTERVAL_DAYS:
        return int(value)
    try:
        return parse_interval(value)
    except BadInput:
        problems.append(Problem(where, f"cadence_days {_short(value)} is not a number of days "
                                       "or an interval such as 2w, monthly, 90d"))
        return None


def _short(value: str) -> str:
    text = " ".join(value.split())
    return repr(text if len(text) <= 30 else text[:29] + "…")
