"""News worth a note: a mentor's new role or organisation, noticed by an import.

A job change is a role or an organisation you knew being replaced by another: filling in
a role mentornet did not know is no news, and neither is the same role in other case or
spacing, or the same organisation written another way ("Globex" and "Globex, Inc.":
domain/orgs.py). `due` offers it as a reason to get in touch for
NEWS_DAYS after it was noticed, until you next touch base.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, NamedTuple

from mentornet.domain.names import fold
from mentornet.domain.orgs import same_organisation

NEWS_DAYS = 30  # how long a job change is a reason to get in touch


class JobChange(NamedTuple):
    """A change of role or organisation, as the store keeps it."""

    id: int
    person_id: int
    noticed_on: date
    old_role: str | None
    old_org: str | None
    new_role: str | None
    new_org: str | None
    source: str  # the import's format: linkedin, vcard, csv, json


class JobNews(NamedTuple):
    """The newest job change of a person, as `due` reads it."""

    noticed_on: date
    role: str | None
    org: str | None


def noticed(old: Mapping[str, Any], changes: Mapping[str, Any]
            ) -> tuple[str | None, str | None, str | None, str | None] | None:
    """(old role, old org, new role, new org) when `changes` to a person whose fields are
    `old` replace a known role or organisation with another; None otherwise. An
    organisation that is the same one written another way is given as it was."""
    if "role" not in changes and "org" not in changes:
        return None
    old_role, old_org = _text(old.get("role")), _text(old.get("org"))
    new_role = _text(changes["role"]) if "role" in changes else old_role
    new_org = _text(changes["org"]) if "org" in changes else old_org
    if old_org and new_org and same_organisation(old_org, new_org):
        new_org = old_org
    new_job = bool(old_role and new_role and fold(old_role) != fold(new_role))
    if new_job or (old_org and new_org and old_org != new_org):
        return old_role, old_org, new_role, new_org
    return None


def _text(value: Any) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None


def job_title(role: str | None, org: str | None) -> str:
    """ "VP Product at Acme", "VP Product", "at Acme"."""
    if role and org:
        return f"{role} at {org}"
    return role or (f"at {org}" if org else "")


def describe(name: str, old_role: str | None, old_org: str | None, new_role: str | None,
             new_org: str | None) -> str:
    """ "Dana Lee: Director of Product at Northwind → VP Product at Acme"."""
    before = job_title(old_role, old_org) or "no role known"
    return f"{name}: {before} → {job_title(new_role, new_org)}"


def job_change(change: JobChange) -> str:
    """ "Director of Product at Northwind → VP Product at Acme"."""
    return describe("", change.old_role, change.old_org, change.new_role,
                    change.new_org).removeprefix(": ")


def is_news(news: JobNews | None, *, today: date, last_touchbase: date | None) -> bool:
    """Whether a job change is still a reason to get in touch: noticed within NEWS_DAYS,
    with no touch-base logged since."""
    if news is None or not 0 <= (today - news.noticed_on).days < NEWS_DAYS:
        return False
    return last_touchbase is None or last_touchbase < news.noticed_on


def congratulate(name: str, news: JobNews) -> str:
    """ "Dana is now VP Product at Acme: a good moment to congratulate them"."""
    first = name.split()[0] if name.split() else name
    return f"{first} is now {job_title(news.role, news.org)}: a good moment to congratulate them"
