"""Name resolution: exact, word, prefix, #ID; clear errors otherwise."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentornet.domain.names import fold, match_person
from mentornet.errors import Ambiguous, BadInput, NotFound

PANEL = [(1, "Dana Lee"), (2, "Daniel Roy"), (3, "Sam Wu"), (4, "Samantha Ray"),
         (5, "Ana Ruiz"), (6, "Lee Chang")]


@pytest.mark.parametrize(("query", "expected"), [
    ("Dana Lee", 1), ("dana lee", 1), ("  DANA   lee ", 1),  # exact, any case and spacing
    ("dana", 1),  # a whole word beats the prefix of "Daniel"
    ("sam", 3),  # a whole word beats the prefix of "Samantha"
    ("ruiz", 5),  # any word of the name
    ("sama", 4),  # a unique prefix
    ("#2", 2),  # an id always works
])
def test_a_name_matches_exact_then_word_then_prefix(query: str, expected: int) -> None:
    assert match_person(query, PANEL) == expected


def test_several_matches_list_the_candidates_with_their_ids() -> None:
    with pytest.raises(Ambiguous) as error:
        match_person("lee", PANEL)
    assert "Dana Lee (#1)" in str(error.value)
    assert "Lee Chang (#6)" in str(error.value)
    assert "'lee'" in str(error.value)


def test_prefix_matching_several_is_ambiguous() -> None:
    with pytest.raises(Ambiguous, match="Daniel Roy"):
        match_person("dan", PANEL)


def test_no_match_suggests_close_names() -> None:
    with pytest.raises(NotFound) as error:
        match_person("dnaa lee", PANEL)
    assert "did you mean Dana Lee (#1)" in str(error.value)


def test_no_match_and_nothing_close_suggests_adding() -> None:
    with pytest.raises(NotFound, match="mentornet add"):
        match_person("zebedee", PANEL)


def test_unknown_id_and_malformed_id_are_errors() -> None:
    with pytest.raises(NotFound, match="'#99'"):
        match_person("#99", PANEL)
    with pytest.raises(BadInput, match="'#x'"):
        match_person("#x", PANEL)


def test_an_empty_name_is_an_error() -> None:
    with pytest.raises(BadInput, match="empty"):
        match_person("   ", PANEL)


def test_duplicate_full_names_are_ambiguous() -> None:
    with pytest.raises(Ambiguous, match="#7"):
        match_person("dana lee", [*PANEL, (7, "Dana Lee")])


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_folding_ascii_text_takes_a_shortcut_to_the_same_result(text: str) -> None:
    def by_the_tables(value: str) -> str:
        decomposed = unicodedata.normalize("NFKD", value)
        bare = "".join(c for c in decomposed if not unicodedata.combining(c))
        return " ".join(unicodedata.normalize("NFKC", bare.casefold()).split())

    assert fold(text) == by_the_tables(text)
