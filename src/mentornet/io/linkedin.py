"""LinkedIn's Connections.csv (from "Get a copy of your data"): connections come in as prospects.

LinkedIn writes a few lines of notes before the header row:

    Notes:
    "When exporting your connection data, you may notice that some of the email ..."

    First Name,Last Name,URL,Email Address,Company,Position,Connected On
    Dana,Lee,https://www.linkedin.com/in/danalee,,Acme,Director of Product,03 Mar 2024

A new connection becomes a prospect met via `platform` on the Connected On date; a person
already on the panel (same email, profile link or exact name) gets the current position,
company and link, and keeps everything else.
"""

from __future__ import annotations

import re
from datetime import date

from mentornet.io.csv_format import SPREADSHEET_HINT, raise_problem, read_rows
from mentornet.io.plan import Contact, Problem, Problems, decode_text, parse_iso_day

COLUMNS = {"first name": "first", "last name": "last", "url": "link",
           "email address": "email", "company": "org", "position": "role",
           "connected on": "met_on"}
HEADER_SEARCH_ROWS = 20  # the header comes after a few lines of notes
MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    start=1)}
_CONNECTED_ON = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3})[A-Za-z]*[ -](\d{4})")


def looks_like_linkedin(data: bytes) -> bool:
    """Whether a CSV's first lines carry LinkedIn's connection columns."""
    head = data[:4096].decode("utf-8", errors="replace").lower()
    return "first name" in head and "last name" in head and "connected on" in head


def connected_on(text: str) -> date | None:
    """LinkedIn's "03 Mar 2024" (also 3-Mar-2024, or an ISO date), or None."""
    value = text.strip()
    match = _CONNECTED_ON.fullmatch(value)
    if match and match[2].lower() in MONTHS:
        try:
            return date(int(match[3]), MONTHS[match[2].lower()], int(match[1]))
        except ValueError:
            return None
    return parse_iso_day(value)


def parse_linkedin(data: bytes, source: str) -> tuple[list[Contact], list[Problem]]:
    text = decode_text(data, source, hint=SPREADSHEET_HINT)
    rows = read_rows(text, source)
    header_at = next((i for i, (_, cells) in enumerate(rows[:HEADER_SEARCH_ROWS])
                      if {"first name", "last name"} <= {c.strip().lower() for c in cells}),
                     None)
    if header_at is None:
        raise_problem(source, "file", "no LinkedIn header row (First Name, Last Name, URL, "
                                      "Email Address, Company, Position, Connected On) in the "
                                      "first rows: is this Connections.csv from LinkedIn's data "
                                      "export? For other CSV files, use --format csv")
    header_row, header = rows[header_at]
    keys = [COLUMNS.get(cell.strip().lower(), "") for cell in header]
    problems = Problems(source)
    contacts: list[Contact] = []
    skipped: list[Problem] = []
    for number, cells in rows[header_at + 1:]:
        where = f"row {number}"
        if len(cells) < len(keys) or any(cell.strip() for cell in cells[len(keys):]):
            problems.add(where, f"has {len(cells)} cells but the header (row {header_row}) "
                                f"has {len(keys)}: is the file cut short?")
            continue
        values = {key: cell.strip() for key, cell in zip(keys, cells, strict=False) if key}
        name = " ".join(" ".join(values.get(part, "") for part in ("first", "last")).split())
        if not name:
            skipped.append(Problem(where, "no name (LinkedIn leaves it out for members who "
                                          "hide their profile)"))
            continue
        fields: dict[str, object] = {}
        for key in ("role", "org", "link", "email"):
            if values.get(key):
                fields[key] = " ".join(values[key].split())
        if values.get("met_on"):
            day = connected_on(values["met_on"])
            if day is None:
                problems.add(where, f"Connected On {values['met_on'][:30]!r} is not a date "
                                    "like 03 Mar 2024")
            fields["met_on"] = day
        email = str(fields.get("email", ""))
        contacts.append(Contact(
            where=where, name=name, fields=fields,
            overwrite=frozenset({"role", "org", "link"}),
            defaults={"kind": "prospect", "via": "platform"},
            emails=(email,) if email else ()))
    problems.raise_if_any()
    return contacts, skipped
