"""Shell completion of person names: every NAME completes, in bash, zsh and fish, as typed."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import redirect_stdout
from pathlib import Path

import pytest
import typer
from typer.main import get_command

from mentornet.cli.common import complete_leading_name
from mentornet.cli.main import app
from mentornet.domain.names import match_person

pytestmark = pytest.mark.both_engines  # see conftest.py

PANEL = ("Dana Lee", "Daniel Craig", "Bo Lee", "Mary Ann Smith", "Lena O'Brien", "Sam Wu",
         "Zoë Müller")
# Every NAME a command takes: (command, option or "" for the argument) -> a command line
# that asks for its completion.
NAME_SLOTS = {
    **{((command,), ""): f"mentornet {command} da"
       for command in ("show", "edit", "log", "give", "got", "schedule", "snooze", "prep",
                       "ask", "update", "thanks")},
    (("todo", "add"), ""): "mentornet todo add da",
    (("due",), "--explain"): "mentornet due --explain da",
    (("goal", "add"), "--mentor"): "mentornet goal add Speak --mentor da",
    (("goal", "edit"), "--mentor"): "mentornet goal edit 1 --mentor da",
    (("goal", "edit"), "--no-mentor"): "mentornet goal edit 1 --no-mentor da",
    (("park",), ""): "mentornet park da",  # the first of park's [NAME] TEXT words
    (("park list",), ""): "mentornet park list da",
    (("log",), "--with"): "mentornet log dana --with da",
    (("merge",), ""): "mentornet merge da",  # KEEP, and OTHER below
    (("search",), "--person"): "mentornet search ladder --person da",
}


@pytest.fixture
def panel(mn: Callable[..., object]) -> None:
    for name in PANEL:
        mn("add", name)


def complete(words: str, *, shell: str = "bash",
             env: dict[str, str] | None = None) -> list[str]:
    """Run Typer's completion in-process, as the shell's completion function does."""
    saved = dict(os.environ)
    os.environ["_MENTORNET_COMPLETE"] = f"complete_{shell}"
    if shell == "bash":
        os.environ["COMP_WORDS"] = words
        os.environ["COMP_CWORD"] = str(len(words.split()) - (0 if words.endswith(" ") else 1))
    else:
        os.environ["_TYPER_COMPLETE_ARGS"] = words
        os.environ["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    os.environ.update(env or {})
    out = io.StringIO()
    try:
        with redirect_stdout(out), pytest.raises(SystemExit) as stopped:
            app(args=[], prog_name="mentornet")
    finally:
        os.environ.clear()
        os.environ.update(saved)
    assert stopped.value.code in (0, None)
    return [line for line in out.getvalue().splitlines() if line]


def unescape_bash(candidate: str) -> str:
    """What bash makes of an inserted candidate: one word, backslashes removed."""
    import shlex

    words = shlex.split(candidate)
    assert len(words) == 1, candidate
    return words[0]


@pytest.mark.usefixtures("panel")
def test_completion_offers_the_people_whose_name_starts_as_typed_in_any_case() -> None:
    assert complete("mentornet show da") == ["dana\\ Lee", "daniel\\ Craig"]
    assert complete("mentornet show DA") == ["DAna\\ Lee", "DAniel\\ Craig"]
    assert complete("mentornet show Dan") == ["Dana\\ Lee", "Daniel\\ Craig"]


@pytest.mark.usefixtures("panel")
def test_each_candidate_starts_with_exactly_what_was_typed() -> None:
    # Typer (and zsh, fish) drop candidates that do not: the case typed is kept.
    for typed in ("d", "da", "Da", "DAN", "s", "z", "zo", "m", "le", "o"):
        for candidate in complete(f"mentornet show {typed}"):
            assert candidate.startswith(typed), (typed, candidate)


@pytest.mark.usefixtures("panel")
def test_nothing_typed_offers_everyone_by_name() -> None:
    assert [unescape_bash(c) for c in complete("mentornet show ")] == sorted(
        PANEL, key=str.casefold)


@pytest.mark.usefixtures("panel")
def test_a_later_word_completes_from_that_word_when_it_names_one_person() -> None:
    assert complete("mentornet show an") == ["ann\\ Smith"]  # "Mary Ann Smith"
    assert complete("mentornet show wu") == ["wu"]
    assert complete("mentornet show o") == ["o\\'Brien"]


@pytest.mark.usefixtures("panel")
def test_a_word_shared_by_several_people_is_not_offered() -> None:
    # "Lee" is Dana's and Bo's: `show lee` would be ambiguous; "Lena" still starts with le.
    assert complete("mentornet show le") == ["lena\\ O\\'Brien"]


@pytest.mark.usefixtures("panel")
@pytest.mark.sqlite_only  # opens the SQLite file to read the names
def test_every_candidate_names_the_person_it_was_offered_for() -> None:
    from mentornet.store import queries
    from mentornet.store.sqlite.connection import open_db

    conn = open_db(Path(os.environ["MENTORNET_DB"]), write=False)
    people = queries.names(conn)
    conn.close()
    for typed in ("", "d", "da", "l", "le", "lee", "m", "ma", "an", "ann s", "o", "o'", "z",
                  "zoë", "mü", "s", "wu"):
        for candidate in complete(f"mentornet show {typed}", shell="fish"):
            pid = match_person(candidate, people)
            assert candidate.casefold() in dict(people)[pid].casefold(), (typed, candidate)


@pytest.mark.usefixtures("panel")
def test_zsh_and_fish_get_the_names_unescaped() -> None:
    assert complete("mentornet show da", shell="fish") == ["dana Lee", "daniel Craig"]
    zsh = "\n".join(complete("mentornet show da", shell="zsh"))
    assert '"dana Lee"' in zsh
    assert '"daniel Craig"' in zsh


@pytest.mark.usefixtures("panel")
def test_non_ascii_names_complete_case_insensitively() -> None:
    assert [unescape_bash(c) for c in complete("mentornet show zo")] == ["zoë Müller"]
    assert complete("mentornet show mü", shell="fish") == ["müller"]


def test_archived_people_are_not_offered(mn: Callable[..., object]) -> None:
    mn("add", "Dana Lee")
    mn("add", "Dara Old")
    mn("edit", "Dara Old", "--status", "archived")
    assert complete("mentornet show da") == ["dana\\ Lee"]


@pytest.mark.usefixtures("panel")
@pytest.mark.parametrize("words", sorted(NAME_SLOTS.values()))
def test_every_name_argument_and_option_completes_names(words: str) -> None:
    assert complete(words) == ["dana\\ Lee", "daniel\\ Craig"], words


@pytest.mark.usefixtures("panel")
def test_merge_completes_both_names() -> None:
    assert complete("mentornet merge dana da") == ["dana\\ Lee", "daniel\\ Craig"]


def _name_params() -> Iterator[tuple[tuple[str, ...], str]]:
    """Every parameter of the command tree whose completion offers names."""
    root = get_command(app)
    ctx = root.make_context("mentornet", [], resilient_parsing=True)

    def walk(command: object, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], str]]:
        for param in getattr(command, "params", []):
            offered = [item.value for item in param.shell_complete(ctx, "Dan")]
            if offered == ["Dana Lee", "Daniel Craig"]:
                yield path, ("" if param.param_type_name == "argument" else param.opts[0])
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            yield from walk(sub, (*path, name))

    yield from walk(root, ())


@pytest.mark.usefixtures("panel")
def test_the_name_slots_listed_above_are_all_there_are() -> None:
    # A new command with a NAME must complete names, and be added to NAME_SLOTS.
    slots = list(_name_params())
    assert slots.count((("merge",), "")) == 2  # KEEP and OTHER
    assert sorted(set(slots)) == sorted(NAME_SLOTS)


@pytest.mark.usefixtures("panel")
def test_the_global_db_option_chooses_the_store_completed_from(tmp_path: Path,
                                                               mn: Callable[..., object]
                                                               ) -> None:
    other = tmp_path / "other.db"
    mn("--db", str(other), "add", "Dave Other")
    assert complete(f"mentornet --db {other} show da") == ["dave\\ Other"]


def test_without_a_database_completion_offers_nothing_and_creates_nothing(
        db_path: Path) -> None:
    assert complete("mentornet show da") == []
    assert not db_path.exists()
    assert not db_path.parent.exists()


def test_a_file_that_is_not_a_database_offers_nothing_quietly(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"not a database at all")
    assert complete("mentornet show da") == []
    assert db_path.read_bytes() == b"not a database at all"


@pytest.mark.usefixtures("panel")
def test_completion_changes_nothing_in_the_store(db_path: Path) -> None:
    before = db_path.read_bytes()
    complete("mentornet show da")
    assert db_path.read_bytes() == before


def test_a_leading_name_completes_only_as_the_first_word(monkeypatch: pytest.MonkeyPatch,
                                                         mn: Callable[..., object]) -> None:
    # For `[NAME] TEXT` arguments such as park's: a name first, free text after.
    mn("add", "Dana Lee")
    probe = typer.Typer()
    seen: list[list[str]] = []

    @probe.command()
    def park(words: list[str] = typer.Argument(..., autocompletion=complete_leading_name)
             ) -> None:
        """Park."""

    @probe.command()
    def other() -> None:
        """Other."""

    for words, cword in (("prog park da", "2"), ("prog park dana da", "3")):
        monkeypatch.setenv("_PROG_COMPLETE", "complete_bash")
        monkeypatch.setenv("COMP_WORDS", words)
        monkeypatch.setenv("COMP_CWORD", cword)
        out = io.StringIO()
        with redirect_stdout(out), pytest.raises(SystemExit):
            probe(args=[], prog_name="prog")
        seen.append([line for line in out.getvalue().splitlines() if line])
    assert seen == [["dana Lee"], []]


# The real thing: the console script, driven as the shell's completion function drives it.


def _script() -> list[str]:
    script = Path(sys.executable).parent / "mentornet"
    return [str(script)] if script.exists() else [sys.executable, "-m", "mentornet"]


@pytest.mark.usefixtures("panel")
def test_the_installed_command_completes_names_for_bash() -> None:
    env = {**os.environ, "_MENTORNET_COMPLETE": "complete_bash",
           "COMP_WORDS": "mentornet log da", "COMP_CWORD": "2"}
    result = subprocess.run(_script(), env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["dana\\ Lee", "daniel\\ Craig"]
    assert result.stderr == ""


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.usefixtures("panel")
def test_bash_completion_script_fills_in_one_argument_for_a_two_word_name(
        tmp_path: Path) -> None:
    env = {**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    source = subprocess.run([*_script(), "--show-completion", "bash"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert source.returncode == 0, source.stderr
    (tmp_path / "completion.sh").write_text(source.stdout)
    probe = f"""
        source {tmp_path / "completion.sh"}
        COMP_WORDS=(mentornet show dana); COMP_CWORD=2
        _mentornet_completion mentornet
        printf '%s\\n' "${{COMPREPLY[@]}}"
        eval "set -- ${{COMPREPLY[0]}}"
        echo "$# argument(s): $1"
    """
    path = f"{Path(_script()[0]).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    result = subprocess.run(["bash", "--norc", "-c", probe], env={**os.environ, "PATH": path},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["dana\\ Lee", "1 argument(s): dana Lee"]


@pytest.fixture
def namesakes(mn: Callable[..., object]) -> None:
    for name in ("Ravi Okafor", "Ravi Patel", "José García", unicodedata.normalize(
            "NFD", "Zoë Müller"), "Ｋｅｎｊｉ Sato"):
        mn("add", name)


@pytest.mark.usefixtures("namesakes")
def test_two_people_sharing_a_first_name_complete_in_two_steps() -> None:
    assert complete("mentornet show ra") == ["ravi\\ Okafor", "ravi\\ Patel"]
    # bash inserts what both share, "ravi\ ", and hands the word back unescaped
    second = {"COMP_CWORD": "2"}  # the word is "ravi\ O", one word for bash
    assert complete("mentornet show ravi\\ ", env=second) == ["ravi\\ Okafor", "ravi\\ Patel"]
    assert complete("mentornet show ravi\\ O", env=second) == ["ravi\\ Okafor"]
    assert complete("mentornet show Ravi\\ p", env=second) == ["Ravi\\ patel"]
    assert complete('mentornet show "ravi O"', shell="fish") == ["ravi Okafor"]


@pytest.mark.usefixtures("namesakes")
def test_names_complete_without_accents_or_full_width() -> None:
    assert complete("mentornet show jo", shell="fish") == ["josé García"]
    assert complete("mentornet show garc", shell="fish") == ["garcía"]
    assert complete("mentornet show zoe", shell="fish") == ["zoe Müller"]
    assert complete("mentornet show mull", shell="fish") == ["muller"]  # as typed, then the rest
    assert complete("mentornet show ken", shell="fish") == ["kenｊｉ Sato"]  # stored as typed


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.usefixtures("namesakes")
def test_bash_completes_ravi_in_two_tabs(tmp_path: Path) -> None:
    env = {**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    source = subprocess.run([*_script(), "--show-completion", "bash"], env=env,
                            capture_output=True, text=True, timeout=60)
    (tmp_path / "completion.sh").write_text(source.stdout)
    probe = f"""
        source {tmp_path / "completion.sh"}
        COMP_WORDS=(mentornet show ra); COMP_CWORD=2
        _mentornet_completion mentornet
        printf '%s\\n' "${{COMPREPLY[@]}}"
        COMP_WORDS=(mentornet show 'ravi\\ O'); COMP_CWORD=2
        _mentornet_completion mentornet
        printf '%s\\n' "${{COMPREPLY[@]}}"
    """
    path = f"{Path(_script()[0]).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    result = subprocess.run(["bash", "--norc", "-c", probe], env={**os.environ, "PATH": path},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["ravi\\ Okafor", "ravi\\ Patel", "ravi\\ Okafor"]
