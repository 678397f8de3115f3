"""Counts read as English: "1 problem found", never "1 problem(s)"."""

from __future__ import annotations

import tokenize
from pathlib import Path

import pytest

from mentornet.vocab import A_KIND, KINDS
from mentornet.words import counted, plural

SOURCE = Path(__file__).resolve().parents[1] / "src" / "mentornet"


@pytest.mark.parametrize(("word", "many"), [
    ("problem", "problems"), ("touch-base", "touch-bases"), ("person", "people"),
    ("entry", "entries"), ("address", "addresses"), ("match", "matches"),
    ("day", "days"), ("stored value", "stored values"), ("more pair", "more pairs"),
    ("automatic daily backup", "automatic daily backups"),
])
def test_the_plural_of_a_word_or_of_a_phrase_s_last_word(word: str, many: str) -> None:
    assert plural(word) == many


def test_one_is_singular_and_every_other_count_plural() -> None:
    assert counted(1, "warning") == "1 warning"
    assert counted(0, "warning") == "0 warnings"
    assert counted(3, "person") == "3 people"
    assert counted(2, "goose", "geese") == "2 geese"


def _bracketed_plurals(path: Path) -> list[str]:
    """Where the text of a string of `path` counts with "(s)"."""
    with path.open("rb") as handle:
        return [f"{path.relative_to(SOURCE)}:{token.start[0]}"
                for token in tokenize.tokenize(handle.readline)
                if token.type == tokenize.STRING and "(s)" in token.string]


def test_no_message_counts_with_a_bracketed_plural() -> None:
    """`(s)` reads as a form, not a sentence: say "1 warning" or "2 warnings"."""
    found = [where for path in sorted(SOURCE.rglob("*.py")) for where in _bracketed_plurals(path)]
    assert found == []


def test_every_kind_has_its_words() -> None:
    assert set(A_KIND) == set(KINDS)


def test_the_commands_count_in_words(mn, tmp_path: Path) -> None:
    added = mn("add", "Dana Lee", "--kind", "formal").stdout
    assert "Added Dana Lee (#1) as a formal mentor." in added
    assert "as an informal mentor." in mn("add", "Sam Wu").stdout
    mn("park", "dana", "Salary bands?")
    assert "Marked 1 parked item discussed." in mn("log", "dana", "x", "--discussed",
                                                   "all").stdout
    mn("park", "dana", "One")
    mn("park", "dana", "Two")
    assert "Marked 2 parked items discussed." in mn("log", "dana", "y", "--discussed",
                                                    "all").stdout
    card = tmp_path / "ana.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Ruiz\r\nEND:VCARD\r\n",
                    encoding="utf-8")
    dry = mn("import", str(card), "--dry-run").stdout
    assert "1 person would come in as a contact, off your panel" in dry
    assert "1 person came in as a contact, off your panel" in mn("import", str(card)).stdout


def test_doctor_counts_its_problems_in_words(mn, db_path: Path) -> None:
    mn("add", "Dana Lee")
    db_path.chmod(0o644)
    assert mn("doctor", ok=False).stdout.strip().endswith("1 problem found.")


def test_a_date_out_of_range_is_quoted_once_when_typed_as_read() -> None:
    from datetime import date

    from mentornet.dates import parse_date
    from mentornet.errors import BadInput

    today = date(2026, 11, 22)
    with pytest.raises(BadInput) as typed:
        parse_date("2300-01-01", today=today)
    assert str(typed.value).startswith("the date '2300-01-01' is outside the dates")
    with pytest.raises(BadInput) as read:
        parse_date("in 200 years", today=today)
    assert str(read.value).startswith("the date 'in 200 years' (2226-11-22) is outside")
