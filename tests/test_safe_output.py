"""Stored and imported text reaches a terminal only neutralised: errors, confirmations,
warnings, completion candidates, recaps and exports. Into a file or a pipe an export stays
byte for byte what was stored. Pasted text can't add HTML or links to a recap, and the
review picture fetches nothing when opened."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

# What a name from a vCard or a CSV can carry: a clipboard write (OSC 52), a hyperlink
# (OSC 8), a screen clear (CSI), a C1 CSI, and a right-to-left override.
OSC52 = "\x1b]52;c;cm0gLXJmIH4=\x07"
OSC8 = "\x1b]8;;https://evil.example/\x1b\\here\x1b]8;;\x1b\\"
CSI = "\x1b[2J\x1b[31m"
C1 = "\x9b31m\x9d0;title\x9c"
BIDI = "\u202eexe.txt\u202c\u2066"
HOSTILE_NAME = f"Dana {OSC52}{OSC8}{CSI}{C1}{BIDI}Lee"
RAW = ("\x1b", "\x07", "\x9b", "\x9c", "\x9d", "\u202e", "\u202c", "\u2066")


def _clean(text: str) -> bool:
    return not any(char in text for char in RAW)


def _script() -> list[str]:
    script = Path(sys.executable).parent / "mentornet"
    return [str(script)] if script.exists() else [sys.executable, "-m", "mentornet"]


def on_terminal(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run the installed command with standard output and error on a pseudo-terminal."""
    main, child = pty.openpty()
    process = subprocess.Popen([*_script(), *args], stdin=child, stdout=child, stderr=child,
                               env={**os.environ, **(env or {})}, close_fds=True)
    os.close(child)
    chunks = []
    while True:
        ready, _, _ = select.select([main], [], [], 60)
        if not ready:
            process.kill()
            raise AssertionError("the command did not finish")
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the child closed its side
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    return process.wait(timeout=60), b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture
def hostile(mn: Callable[..., object]) -> None:
    mn("add", HOSTILE_NAME, "--kind", "formal", "--role", CSI, "--note", OSC52)
    mn("add", f"Dana {OSC8}Quinn", "--kind", "formal")
    mn("log", "#1", f"notes {OSC52}{BIDI}", "--feedback", C1)
    mn("park", "#1", f"win {CSI}", "--as", "win")
    mn("todo", "add", "#1", f"send {OSC8}", "--due", "in 3 days")


@pytest.mark.usefixtures("hostile")
def test_errors_that_quote_names_are_neutralised(mn) -> None:
    ambiguous = mn("log", "dana", "hi", ok=False)
    assert ambiguous.exit_code == 1
    assert "matches 2 people" in ambiguous.stderr
    suggestion = mn("show", "dane", ok=False)
    assert "did you mean" in suggestion.stderr
    for result in (ambiguous, suggestion):
        assert _clean(result.stderr), result.stderr
        assert "␛" in result.stderr  # shown, not swallowed


@pytest.mark.usefixtures("hostile")
def test_confirmations_and_the_prep_out_message_are_neutralised(mn, tmp_path: Path) -> None:
    outputs = [mn("log", "#1", "again").output, mn("give", "#1", "thanks").output,
               mn("edit", "#1", "--org", "Acme").output, mn("snooze", "#1", "friday").output,
               mn("schedule", "#1", "monday").output, mn("park", "#1", "q").output]
    wrote = mn("prep", "#1", "--out", str(tmp_path / "recap.md"))
    assert "Wrote the recap for Dana" in wrote.stderr
    outputs.append(wrote.stderr)
    for output in outputs:
        assert _clean(output), output


def test_import_report_and_warnings_are_neutralised(mn, tmp_path: Path) -> None:
    card = tmp_path / "evil.vcf"
    card.write_text(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{HOSTILE_NAME}\r\n"
                    f"ORG:{CSI}\r\nEND:VCARD\r\n", encoding="utf-8")
    report = mn("import", str(card))
    assert "Dana" in report.stdout
    assert _clean(report.output)
    # A warning on standard error naming a path with an escape in it.
    synced = tmp_path / f"Dropbox{CSI}" / "mn.db"
    result = mn("--db", str(synced), "add", "Sam Wu")
    assert "Dropbox" in result.stderr
    assert _clean(result.stderr), result.stderr


@pytest.mark.usefixtures("hostile")
@pytest.mark.parametrize("command", [("export", "--format", "csv"),
                                     ("export", "--format", "vcard"),
                                     ("export", "--format", "ics"),
                                     ("export", "--format", "json"),
                                     ("export", "--format", "csv", "--out", "-"),
                                     ("export", "--format", "vcard", "--out", "/dev/stdout"),
                                     ("prep", "#1"), ("prep", "#1", "--out", "-"),
                                     ("due",), ("due", "--brief"), ("show", "#1"),
                                     ("list",), ("review",), ("log", "dana", "x"),
                                     ("show", "dane")])
def test_everything_printed_on_a_terminal_is_neutralised(command: tuple[str, ...]) -> None:
    status, screen = on_terminal(*command)
    assert status in (0, 1), screen
    assert _clean(screen), screen
    assert "Dana" in screen or "dana" in screen


@pytest.mark.usefixtures("hostile")
@pytest.mark.parametrize("fmt", ["csv", "vcard", "ics", "json"])
def test_exports_into_a_pipe_are_byte_for_byte_the_file(fmt: str, tmp_path: Path) -> None:
    target = tmp_path / f"panel.{fmt}"
    subprocess.run([*_script(), "export", "--format", fmt, "--out", str(target)],
                   check=True, capture_output=True, timeout=60)
    piped = subprocess.run([*_script(), "export", "--format", fmt], check=True,
                           capture_output=True, timeout=60).stdout
    dashed = subprocess.run([*_script(), "export", "--format", fmt, "--out", "-"],
                            check=True, capture_output=True, timeout=60).stdout
    assert piped == dashed == target.read_bytes()
    if fmt == "csv":  # the names as stored, control characters and all
        assert HOSTILE_NAME.encode() in piped


@pytest.mark.usefixtures("hostile")
def test_completion_never_offers_a_name_with_control_characters() -> None:
    env = {**os.environ, "_MENTORNET_COMPLETE": "complete_bash",
           "COMP_WORDS": "mentornet log da", "COMP_CWORD": "2"}
    result = subprocess.run(_script(), env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert _clean(result.stdout)
    assert result.stdout.split() == []  # both Danas hold escapes
    env["COMP_WORDS"] = "mentornet log sa"
    subprocess.run([*_script(), "add", "Sam Wu"], check=True, capture_output=True, timeout=60)
    result = subprocess.run(_script(), env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.splitlines() == ["sam\\ Wu"]


# The recap is Markdown that goes into an email: pasted text shows as text.


def test_the_recap_shows_html_and_links_as_text(mn, tmp_path: Path) -> None:
    card = tmp_path / "dana.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\n"
                    "FN:Dana <img src=https://tracker.example/p.gif>\r\nEND:VCARD\r\n")
    mn("import", str(card))
    mn("edit", "#1", "--kind", "formal")
    mn("park", "#1", "[plan](javascript:alert(1))", "--as", "win")
    mn("park", "#1", "<script>alert(1)</script> & ![x](https://t.example/x.png)")
    mn("log", "#1", "**bold** `code` <b>tag</b>")
    recap = mn("prep", "#1").stdout
    assert not re.search(r"(?<!\\)<(img|script|b)\b", recap)
    assert not re.search(r"(?<!\\)\]\((javascript|https)", recap)
    assert r"\<img src=https://tracker.example/p.gif\>" in recap
    assert r"\[plan\](javascript:alert(1))" in recap
    assert r"\*\*bold\*\*" in recap
    # What a Markdown renderer makes of it: text, no tags, no links.
    markdown_it = pytest.importorskip("markdown_it")
    html = markdown_it.MarkdownIt("commonmark").render(recap)
    assert "<img" not in html
    assert "<script" not in html
    assert "<a " not in html
    assert "&lt;img src=https://tracker.example/p.gif&gt;" in html


def test_the_review_picture_is_self_contained(mn, tmp_path: Path) -> None:
    mn("add", "Dana Lee", "--kind", "formal")
    target = tmp_path / "review.svg"
    mn("review", "--svg", str(target))
    svg = target.read_text()
    assert "@font-face" not in svg
    assert "@import" not in svg
    assert re.findall(r"url\(([^)]*)\)", svg)
    assert all(
        ref.startswith("#") for ref in re.findall(r"url\(([^)]*)\)", svg))
    assert re.findall(r"https?://[^\s\"')]+", svg) == ["http://www.w3.org/2000/svg"]
    assert not re.search(r"(?:href|src)\s*=", svg)
