"""Contact files for the import benchmark: a phone's vCard export and LinkedIn's Connections.csv.

Generated from a fixed seed, in the shapes the real tools write (see the files under
../shared/fixtures/contacts/): vCard 3.0 cards with grouped emails, phones, an address and
a folded note, as an iPhone or Google export has them; and LinkedIn's file with its notes
preamble and its seven columns. Nothing here is committed: the files are made on each run.
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

SEED = 20261122
FIRST = ("Dana", "Sam", "Ana", "Priya", "Leo", "Marcus", "Grace", "Kwame", "Zoë", "Jürgen",
         "Chidi", "Mei", "Olu", "Sofía", "Ivan", "Noor", "Tomás", "Aiko", "Ravi", "Elena")
LAST = ("Lee", "Wu", "Ruiz", "Natarajan", "Martins", "Bell", "Kim", "Mensah", "Müller",
        "Okafor", "Chen", "Adeyemi", "García", "Petrov", "Haddad", "Silva", "Tanaka", "Rao")
ORGS = ("Northwind", "Globex, Inc.", "Initech", "Umbrella", "Hooli", "Contoso", "Fabrikam",
        "Acme Games", "Wayne Enterprises", "Stark Industries")
ROLES = ("Director of Product", "Staff PM", "Engineering Manager", "Head of Growth",
         "Associate PM", "VP Product", "Group PM", "Senior PHP Developer", "Designer")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


STEMS = ("Ko", "Ma", "Ri", "Sa", "Ta", "Ve", "Lu", "No", "Be", "Da", "Fi", "Go", "He", "Ji",
         "Ka", "Li", "Mo", "Ne", "Pa", "Ru")
ENDINGS = ("vic", "nez", "son", "ski", "ra", "li", "to", "dez", "man", "ger", "ova", "sen",
           "wa", "chi", "lo", "ber", "tti", "ne", "sky", "han")


def _person(rng: random.Random, number: int) -> tuple[str, str, str, str, str]:
    """A person; about one name in four is shared, as in a large real network."""
    first = rng.choice(FIRST)
    last = rng.choice(LAST) if rng.random() < 0.3 else rng.choice(STEMS) + rng.choice(ENDINGS)
    slug = f"{first}.{last}.{number}".lower().replace("ü", "u").replace("ë", "e")
    slug = slug.replace("í", "i").replace("á", "a")
    return first, last, f"{slug}@example.com", rng.choice(ORGS), rng.choice(ROLES)


def vcard_file(path: Path, cards: int = 5000) -> Path:
    rng = random.Random(SEED)
    out = io.StringIO()
    for number in range(cards):
        first, last, email, org, role = _person(rng, number)
        note = " ".join(rng.choice(("Met at the summit.", "Ask about the reorg.",
                                    "Great on pricing, knows the platform team.",
                                    "Follow up in spring."))
                        for _ in range(rng.randint(1, 6)))
        lines = ["BEGIN:VCARD", "VERSION:3.0", "PRODID:-//Apple Inc.//iPhone OS 17.0//EN",
                 f"N:{last};{first};;;", f"FN:{first} {last}",
                 f"ORG:{org.replace(',', chr(92) + ',')};",
                 f"TITLE:{role}",
                 f"item1.EMAIL;type=INTERNET;type=pref:{email}",
                 "item1.X-ABLabel:_$!<Other>!$_",
                 f"TEL;type=CELL;type=VOICE;type=pref:+1 (555) {number // 10000:03d}-"
                 f"{number % 10000:04d}",
                 "ADR;type=WORK:;;1 Main Street;Springfield;;12345;USA",
                 f"URL:https://www.linkedin.com/in/{email.split('@')[0]}",
                 f"NOTE:{note}",
                 f"REV:2026-0{1 + number % 9}-01T12:00:00Z", "END:VCARD"]
        for line in lines:
            while len(line.encode()) > 75:
                out.write(line[:74] + "\r\n ")
                line = line[74:]
            out.write(line + "\r\n")
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def linkedin_file(path: Path, rows: int = 30000) -> Path:
    rng = random.Random(SEED)
    out = io.StringIO()
    out.write('Notes:\r\n"When exporting your connection data, you may notice that some of '
              'the email addresses are missing."\r\n\r\n')
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["First Name", "Last Name", "URL", "Email Address", "Company",
                     "Position", "Connected On"])
    for number in range(rows):
        first, last, email, org, role = _person(rng, number)
        writer.writerow([first, last, f"https://www.linkedin.com/in/{email.split('@')[0]}",
                         email if rng.random() < 0.3 else "", org, role,
                         f"{rng.randint(1, 28):02d} {rng.choice(MONTHS)} "
                         f"{rng.randint(2010, 2026)}"])
    path.write_text(out.getvalue(), encoding="utf-8")
    return path
