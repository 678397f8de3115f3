"""LinkedIn's Connections.csv (from "Get a copy of your data"): connections come in as contacts.

LinkedIn writes a few lines of notes before the header row:

    Notes:
    "When exporting your connection data, you may notice that some of the email ..."

    First Name,Last Name,URL,Email Address,Company,Position,Connected On
    Dana,Lee,https://www.linkedin.com/in/danalee,,Acme,Director of Product,03 Mar 2024

A new connection becomes a contact (not on the panel: see io/plan.py) connected via
`platform` on the Connected On date, kept in met_on as when you connected; a person
already on the panel and recognised by email or profile link gets the current position,
company and link, and keeps everything else (their name and notes too). One recognised by
exact name alone only has empty fields filled (io/updates.py).
"""

from __future__ import annotations

from datetime import date

from mentornet.io.csv_format import decode_csv, raise_problem, read_rows, sniff_delimiter
from mentornet.io.daydates import DayOrder, day_order
from mentornet.io.plan import Contact, PeopleFile
from mentornet.io.problems import Problem, settle_invalid

COLUMNS = {"first name": "first", "last name": "last", "url": "link",
           "email address": "email", "company": "org", "position": "role",
           "connected on": "met_on"}
HEADER_SEARCH_ROWS = 20  # the header comes after a few lines of notes
_TEXT = ("role", "org", "link", "email")
_UPDATED = frozenset({"role", "org", "link"})  # for someone on the panel: the current ones


def looks_like_linkedin(data: bytes) -> bool:
    """Whether a CSV's first lines carry LinkedIn's connection columns."""
    head = data[:4096].decode("utf-8", errors="replace").lower()
    return "first name" in head and "last name" in head and "connected on" in head


def connected_on(text: str) -> date | None:
    """LinkedIn's "03 Mar 2024" (also 3-Mar-2024, or an ISO date), or None."""
    return DayOrder(True).parse(text)


def parse_linkedin(data: bytes, source: str, *, skip_invalid: bool = False) -> PeopleFile:
    text, notes = decode_csv(data, source)
    rows = read_rows(text, source, delimiter=sniff_delimiter(text))
    header_row, header = 0, None
    for header_row, cells in rows:
        if {"first name", "last name"} <= {c.strip().lstrip("\ufeff").lower() for c in cells}:
            header = cells
            break
        if header_row > HEADER_SEARCH_ROWS:
            break
    if header is None:
        raise_problem(source, "file", "no LinkedIn header row (First Name, Last Name, URL, "
                                      "Email Address, Company, Position, Connected On) in the "
                                      "first rows: is this Connections.csv from LinkedIn's data "
                                      "export? For other CSV files, use --format csv")
    keys = [COLUMNS.get(cell.strip().lstrip("\ufeff").lower(), "") for cell in header]
    width = len(keys)
    at = {key: index for index, key in enumerate(keys) if key}  # a repeated column: the last
    invalid: list[Problem] = []
    skipped: list[Problem] = []
    records: list[tuple[str, dict[str, str]]] = []
    for number, cells in rows:
        if len(cells) != width and (len(cells) < width
                                    or any(cell.strip() for cell in cells[width:])):
            invalid.append(Problem(f"row {number}", f"has {len(cells)} cells but the header "
                                                    f"(row {header_row}) has {width}: is the "
                                                    "file cut short?"))
            continue
        records.append((f"row {number}", {key: cells[index].strip()
                                          for key, index in at.items()}))
    order = day_order((where, values["met_on"]) for where, values in records
                      if values.get("met_on"))
    contacts: list[Contact] = []
    for where, values in records:
        name = " ".join(f"{values.get('first', '')} {values.get('last', '')}".split())
        if not name:
            skipped.append(Problem(where, "no name (LinkedIn leaves it out for members who "
                                          "hide their profile)"))
            continue
        fields: dict[str, object] = {}
        for key in _TEXT:
            value = values.get(key)
            if value:
                fields[key] = " ".join(value.split())  # line breaks too, as spaces
        connected = values.get("met_on")
        if connected:
            day = order.parse(connected)
            if order.conflict:
                invalid.append(Problem(where, order.conflict))
                continue
            if day is None:
                invalid.append(Problem(where, f"Connected On {connected[:30]!r} is not "
                                              "a date like 03 Mar 2024"))
                continue
            fields["met_on"] = day
        email = fields.get("email")
        contacts.append(Contact(where=where, name=name, fields=fields, overwrite=_UPDATED,
                                defaults={"via": "platform"},
                                emails=(str(email),) if email else ()))
    settle_invalid(source, invalid, valid=len(contacts) + len(skipped), unit="row",
                   skip_invalid=skip_invalid, skipped=skipped)
    if order.note:
        notes.append(order.note)
    return PeopleFile(contacts, skipped, notes)
