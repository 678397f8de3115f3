"""Names as people type them: one Unicode form stored, and case, accents and width ignored."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from mentornet.domain.names import clean_name, fold, match_person

pytestmark = pytest.mark.both_engines  # see conftest.py

NFD_ZOE = unicodedata.normalize("NFD", "Zoë Müller")  # as macOS types it
Run = Callable[..., object]


@pytest.mark.parametrize(("typed", "name"), [
    ("jose", "José"), ("JOSE", "José"), ("garcia", "García"), ("ｇａｒｃｉａ", "García"),
    ("zoe", "Zoë"), (NFD_ZOE, "Zoë Müller"), ("strasse", "Straße"),
    ("  Zoe   Muller ", "Zoë Müller"),
])
def test_a_name_folds_alike_however_it_is_typed(typed: str, name: str) -> None:
    assert fold(typed) == fold(name)


def test_a_stored_name_is_nfc_with_spaces_squeezed() -> None:
    assert clean_name(f"  {NFD_ZOE}  ") == unicodedata.normalize("NFC", "Zoë Müller")
    assert clean_name(NFD_ZOE) != NFD_ZOE


def test_matching_ignores_accents_case_and_width() -> None:
    panel = [(1, "José García"), (2, NFD_ZOE), (3, "Dana Lee")]
    assert match_person("jose", panel) == 1
    assert match_person("garcia", panel) == 1
    assert match_person("ＧＡＲＣＩＡ", panel) == 1
    assert match_person("zoe", panel) == 2
    assert match_person("Zoë Müller", panel) == 2  # NFC typed, NFD stored


def _names(mn: Run) -> list[str]:
    return [p["name"] for p in json.loads(mn("list", "--json").stdout)]  # type: ignore[attr-defined]


def test_a_name_typed_in_nfd_is_stored_in_nfc(mn: Run) -> None:
    mn("add", NFD_ZOE)
    assert _names(mn) == ["Zoë Müller"]
    assert unicodedata.is_normalized("NFC", _names(mn)[0])
    mn("edit", "zoe", "--name", unicodedata.normalize("NFD", "Zoë Müller-Lang"))
    assert _names(mn) == [unicodedata.normalize("NFC", "Zoë Müller-Lang")]


@pytest.mark.parametrize("typed", ["jose", "JOSÉ", "garcia", "ｇａｒｃｉａ", "José García"])
def test_commands_find_an_accented_name_typed_without_accents(mn: Run, typed: str) -> None:
    mn("add", "José García")
    mn("add", "Dana Lee")
    result = mn("log", typed, "Coffee")
    assert "José García" in result.stdout  # type: ignore[attr-defined]


def test_an_nfd_name_is_found_by_its_nfc_and_bare_spellings(mn: Run) -> None:
    mn("add", NFD_ZOE)
    for typed in ("zoe", "Zoë", "müller", "muller", NFD_ZOE):
        assert "Zoë Müller" in mn("show", typed).stdout  # type: ignore[attr-defined]


@pytest.mark.parametrize("again", ["Zoë Müller", NFD_ZOE, "zoe muller", "ＺＯＥ ＭＵＬＬＥＲ"])
def test_the_duplicate_check_on_add_uses_the_same_folding(mn: Run, again: str) -> None:
    mn("add", "Zoë Müller")
    result = mn("add", again, ok=False)
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert "already on your panel (#1)" in result.output  # type: ignore[attr-defined]
    assert "--force" in result.output  # type: ignore[attr-defined]
    mn("add", again, "--force")
    assert len(_names(mn)) == 2


def test_resolve_picks_accented_names_out_of_a_large_store(mn: Run, db_path: Path) -> None:
    from datetime import UTC, datetime

    from mentornet.store import Store
    from mentornet.store.api import writing

    with writing(db_path, description="many", now=datetime(2026, 11, 22, 12, tzinfo=UTC)) as c:
        for i in range(2000):
            c.add_person(name=f"Person {i:04d}", kind="informal", role=None, org=None,
                         via=None, met_on=None, focus=[], cadence_days=None, email=None,
                         link=None, note=None, force=False, first_meeting=False)
        zid = c.add_person(name=NFD_ZOE, kind="informal", role=None, org=None, via=None,
                           met_on=None, focus=[], cadence_days=None, email=None, link=None,
                           note=None, force=False, first_meeting=False)
    with Store(db_path) as store:
        assert store.resolve("zoe").id == zid
        assert store.resolve("ＭＵＬＬＥＲ").id == zid
        assert store.resolve("person 1999").name == "Person 1999"


@pytest.mark.parametrize("typed", ["dana lee", "DANA", "Lee", "ana", "ｄａｎａ"])
def test_a_name_in_any_case_is_found_without_reading_every_name(
        mn: Run, monkeypatch: pytest.MonkeyPatch, typed: str) -> None:
    """The store picks out the candidates (a LIKE that folds ASCII case, on either engine);
    every name is read only when none of them matches, for the suggestions."""
    from mentornet.store import queries

    mn("add", "Dana Lee", "--kind", "formal")
    mn("add", "Zoë Anand", "--kind", "informal")

    def every_name(conn: object) -> list[tuple[int, str]]:
        raise AssertionError(f"every name was read to find {typed!r}")

    monkeypatch.setattr(queries, "names", every_name)
    expected = "Zoë Anand" if typed == "ana" else "Dana Lee"
    shown = mn("show", typed, "--json")
    assert json.loads(shown.stdout)["name"] == expected
