"""What each column of an imported CSV holds, recognised by its header.

mentornet's own header (csv_format.HEADER) is read as it is. Exports of other programs are
recognised by their headers too:

- Google Contacts, legacy layout: Name, Given Name, Family Name, E-mail 1 - Value,
  Phone 1 - Value, Organization 1 - Name, Organization 1 - Title, Website 1 - Value, Notes;
- Google Contacts, current layout: First Name, Middle Name, Last Name, Organization Name,
  Organization Title, E-mail 1 - Value (several addresses joined by " ::: "), Phone 1 -
  Value, Website 1 - Value, Notes;
- Outlook (desktop and Outlook.com): Title, First Name, Middle Name, Last Name, Suffix,
  Company, Job Title, E-mail Address, E-mail 2 Address, Mobile Phone, Business Phone, Web
  Page, Notes. Outlook's Title is an honorific (Mr., Dr.), not a role: it is not imported.

Emails, phones and links may come from several columns: the first one filled is stored,
and all of them are used to recognise people already on the panel.

A file in mentornet's own columns (a `name` column, as `export --format csv` writes) is
your spreadsheet: its filled cells replace what is stored. One laid out by another program
(Google's, Outlook's, or any whose names come in first and last name columns) is an
address book: like a vCard, it only fills empty fields (see io/updates.py).
"""

from __future__ import annotations

import re

# Columns that may appear more than once; each value is kept, in the header's order.
MULTI = ("email", "phone", "link")
NAME_PARTS = ("first_name", "middle_name", "last_name", "suffix")

# Other names for a column (compared in lower case, spaces, dashes and underscores ignored).
ALIASES = {
    "fullname": "name", "displayname": "name", "contact": "name",
    "type": "kind", "title": "role", "jobtitle": "role", "position": "role",
    "organizationtitle": "role", "organization1title": "role",
    "organisation": "org", "organization": "org", "company": "org",
    "organizationname": "org", "organization1name": "org",
    "emailaddress": "email", "email": "email", "mail": "email",
    "phone": "phone", "telephone": "phone", "mobile": "phone", "mobilephone": "phone",
    "primaryphone": "phone", "businessphone": "phone", "homephone": "phone",
    "url": "link", "website": "link", "webpage": "link", "linkedin": "link",
    "profile": "link", "personalwebpage": "link",
    "note": "notes", "tags": "focus", "focusareas": "focus", "cadence": "cadence_days",
    "every": "cadence_days", "met": "met_on", "metondate": "met_on",
    "howwemet": "via", "source": "via", "firstname": "first_name",
    "givenname": "first_name", "lastname": "last_name", "surname": "last_name",
    "familyname": "last_name", "middlename": "middle_name", "additionalname": "middle_name",
    "suffix": "suffix", "namesuffix": "suffix", "snoozeduntil": "snoozed_until",
    "nextsession": "next_session", "meton": "met_on", "cadencedays": "cadence_days",
}
_NUMBERED = (  # "E-mail 2 Address", "E-mail 1 - Value", "Phone 3 - Value", "Website 1 - Value"
    (re.compile(r"e-?mail ?\d* ?(?:address|- ?value)"), "email"),
    (re.compile(r"phone ?\d+ ?- ?value"), "phone"),
    (re.compile(r"(?:website|web page) ?\d+ ?- ?value"), "link"),
)
OUTLOOK_MARKS = ("job title", "e-mail address", "e-mail 2 address")
# Google's numbered columns ("E-mail 1 - Value", "Organization 1 - Name", "Phone 2 - Type")
# and the current layout's "Organization Name"; no other program writes them.
_GOOGLE_MARK = re.compile(r".+ \d+ - (?:value|type|label|name|title)|organization (?:name|title)")


def is_outlook(titles: list[str]) -> bool:
    """Outlook's layout, where Title is an honorific beside Job Title."""
    plain = {title.strip().lstrip("\ufeff").lower() for title in titles}
    return any(mark in plain for mark in OUTLOOK_MARKS) and "first name" in plain


def is_address_book(titles: list[str], keys: list[str]) -> bool:
    """A header written by another program's contacts export (Google's, Outlook's, or one
    that splits names into first and last), not by mentornet or a spreadsheet in its
    columns. `keys`: the fields the header's cells hold (column_keys)."""
    plain = [title.strip().lstrip("\ufeff").lower() for title in titles]
    return (is_outlook(titles) or any(_GOOGLE_MARK.fullmatch(title) for title in plain)
            or ("name" not in keys and any(key in NAME_PARTS for key in keys)))


def column_keys(titles: list[str], own: tuple[str, ...]) -> list[str]:
    """The field each header cell holds ("" for a column mentornet does not use)."""
    outlook = is_outlook(titles)
    keys = []
    for title in titles:
        plain = title.strip().lstrip("\ufeff").lower()
        if outlook and plain == "title":
            keys.append("")  # an honorific
            continue
        keys.append(column_key(plain, own))
    return keys


def column_key(plain: str, own: tuple[str, ...]) -> str:
    """A lower-case header cell as a field name: "email address" -> email."""
    if plain in own:
        return plain
    for pattern, key in _NUMBERED:
        if pattern.fullmatch(plain):
            return key
    squashed = re.sub(r"[\s_-]+", "", plain)
    found = ALIASES.get(squashed, ALIASES.get(plain, ""))
    return found if found in own or found in MULTI or found in NAME_PARTS else ""


def split_values(cell: str) -> list[str]:
    """The values of one cell: Google joins several addresses with " ::: "."""
    return [" ".join(part.split()) for part in cell.split(":::") if part.strip()]
