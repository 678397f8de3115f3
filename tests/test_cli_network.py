"""Your developmental network from the command line: `me --phase`, `--sphere`, `--closeness`
and the `network` part of `review --json`."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

pytestmark = pytest.mark.both_engines  # see conftest.py


def test_me_sets_a_phase_from_the_fixed_vocabulary_and_says_what_it_calls_for(mn) -> None:
    result = mn("me", "--phase", "changing", "--situation", "Looking at  platform roles")
    assert "phase:        changing-roles" in result.stdout
    assert "what you want from the next role" in result.stdout  # what the phase calls for
    data = json.loads(mn("me", "--json").stdout)
    assert (data["phase"], data["situation"]) == ("changing-roles", "Looking at platform roles")
    mn("me", "--phase", "")  # an empty value clears it
    assert json.loads(mn("me", "--json").stdout)["phase"] is None
    assert mn("undo").stdout.startswith("Undid `me`")
    assert json.loads(mn("me", "--json").stdout)["phase"] == "changing-roles"


def test_an_unknown_phase_is_a_clear_error_and_nothing_is_written(mn) -> None:
    result = mn("me", "--name", "Alex", "--phase", "retired", ok=False)
    assert result.exit_code == 1
    assert "unknown phase 'retired'" in result.stderr
    assert "early-career" in result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(mn("me", "--json").stdout)["name"] is None


def test_a_sphere_is_guessed_until_you_set_it_and_show_says_so(mn) -> None:
    mn("me", "--org", "Acme Games")
    mn("add", "Dana Lee", "--org", "Acme Games, Inc.")
    mn("add", "Sam Wu", "--via", "alumni")
    mn("add", "Ines Costa", "--via", "online-event")
    mn("add", "Ravi Rao", "--sphere", "comm")
    shown = {name: json.loads(mn("show", name, "--json").stdout)
             for name in ("Dana Lee", "Sam Wu", "Ines Costa", "Ravi Rao")}
    assert {name: (data["sphere"], data["sphere_guessed"]) for name, data in shown.items()} \
        == {"Dana Lee": ("employer", True), "Sam Wu": ("school", True),
            "Ines Costa": ("platform", True), "Ravi Rao": ("community", False)}
    assert "employer (guessed: same organisation as yours)" in mn("show", "dana").stdout
    mn("edit", "dana", "--sphere", "former-employer")
    page = mn("show", "dana").stdout
    assert "former-employer" in page
    assert "guessed" not in page
    mn("edit", "dana", "--sphere", "guess")
    assert json.loads(mn("show", "dana", "--json").stdout)["sphere_guessed"] is True


def test_the_guess_follows_what_is_known_now(mn) -> None:
    mn("add", "Dana Lee", "--org", "Acme", "--via", "colleague")
    assert json.loads(mn("show", "dana", "--json").stdout)["sphere"] == "employer"
    mn("me", "--org", "Globex")  # you moved on: Dana is now a former colleague
    assert json.loads(mn("show", "dana", "--json").stdout)["sphere"] == "former-employer"


def test_an_unknown_sphere_is_a_clear_error_and_nothing_is_written(mn) -> None:
    result = mn("add", "Dana Lee", "--sphere", "church", ok=False)
    assert result.exit_code == 1
    assert "unknown sphere 'church'" in result.stderr
    assert "friends-family" in result.stderr
    assert mn("list").stdout.startswith("No one here yet")


def test_closeness_is_a_rating_from_one_to_five(mn) -> None:
    mn("add", "Dana Lee")
    mn("edit", "dana", "--closeness", "4")
    assert json.loads(mn("show", "dana", "--json").stdout)["closeness"] == 4
    assert "4 of 5" in mn("show", "dana").stdout
    for bad in ("0", "6", "close", "4.5"):
        result = mn("edit", "dana", "--closeness", bad, ok=False)
        assert result.exit_code == 1
        assert f"--closeness {bad!r} is not a rating" in result.stderr
    assert json.loads(mn("show", "dana", "--json").stdout)["closeness"] == 4
    mn("edit", "dana", "--closeness", "none")
    assert json.loads(mn("show", "dana", "--json").stdout)["closeness"] is None


def test_sphere_closeness_and_phase_travel_with_the_json_export(mn, another_db, tmp_path: Path,
                                                                monkeypatch) -> None:
    mn("me", "--phase", "senior", "--situation", "Board roles")
    mn("add", "Dana Lee", "--sphere", "industry")
    mn("edit", "dana", "--closeness", "5")
    out = tmp_path / "all.json"
    mn("export", "--format", "json", "--out", str(out))
    document = json.loads(out.read_text(encoding="utf-8"))
    assert (document["people"][0]["sphere"], document["people"][0]["closeness"]) == \
        ("industry", 5)
    assert document["owner"]["phase"] == "senior"
    monkeypatch.setenv("MENTORNET_DB", another_db("other.db"))
    mn("import", str(out))
    dana = json.loads(mn("show", "dana", "--json").stdout)
    assert (dana["sphere"], dana["sphere_guessed"], dana["closeness"]) == ("industry", False, 5)
    assert json.loads(mn("me", "--json").stdout)["situation"] == "Board roles"


def test_a_bad_phase_or_closeness_in_an_import_is_reported(mn, tmp_path: Path) -> None:
    mn("add", "Dana Lee")
    out = tmp_path / "all.json"
    mn("export", "--format", "json", "--out", str(out))
    document = json.loads(out.read_text(encoding="utf-8"))
    document["people"][0]["closeness"] = 9
    document["people"][0]["sphere"] = "moon"
    document["owner"] = {"phase": "retired"}
    out.write_text(json.dumps(document), encoding="utf-8")
    result = mn("import", str(out), ok=False)
    assert result.exit_code == 1
    for problem in ("people[0].closeness", "people[0].sphere", "owner.phase"):
        assert problem in result.stderr


def test_a_value_another_program_stored_reads_as_none(mn, db_path: Path) -> None:
    mn("add", "Dana Lee", "--org", "Acme")
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE person SET sphere = 'moon', closeness = 'very'")
    conn.commit()
    conn.close()
    dana = json.loads(mn("show", "dana", "--json").stdout)
    assert (dana["sphere"], dana["sphere_guessed"], dana["closeness"]) == \
        ("industry", True, None)


def test_review_json_has_the_network_with_every_measure(mn) -> None:
    mn("me", "--org", "Acme", "--phase", "changing-roles")
    mn("add", "Dana Lee", "--kind", "formal", "--org", "Acme", "--met", "2025-06-01")
    mn("add", "Sam Wu", "--via", "alumni", "--met", "2025-01-10", "--focus", "career")
    mn("edit", "sam", "--closeness", "5")
    mn("add", "Grace Kim", "--via", "platform", "--met", "2024-01-10", "--focus", "hiring")
    mn("log", "grace", "Hiring loops", "--on", "2024-06-01")
    mn("edit", "grace", "--status", "paused")
    mn("goal", "add", "Find the next role", "--focus", "hiring")
    for day in ("2026-09-01", "2026-10-01", "2026-11-01"):
        mn("log", "dana", "Monthly", "--on", day, "--topic", "stretch project")
    mn("got", "dana", "An intro to the payments team", "--kind", "intro", "--on", "2026-11-01")
    network = json.loads(mn("review", "--json").stdout)["network"]
    assert {"size", "spheres", "diversity", "strength", "kind", "missing_help", "dormant",
            "by_quarter"} <= set(network)
    assert network["size"] == 2
    assert network["spheres"] == {"employer": 1, "school": 1}
    assert network["diversity"]["spheres"] == 2
    assert network["diversity"]["high"] is False
    ties = {tie["name"]: tie for tie in network["strength"]["ties"]}
    assert ties["Dana Lee"]["frequency"]["two_way_last_year"] == 3  # met over a year ago
    assert ties["Sam Wu"]["closeness"] == 5
    assert ties["Dana Lee"]["sphere_guessed"] is True
    assert network["kind"]["name"] in ("receptive", "traditional")
    assert network["kind"]["text"].startswith(f"A {network['kind']['name']} network")
    assert "exposure" not in network["missing_help"]["career"]  # the intro Dana made
    assert "challenging assignments" not in network["missing_help"]["career"]  # the topic
    assert "friendship" in network["missing_help"]["psychosocial"]
    assert network["dormant"]["name"] == "Grace Kim"
    assert network["dormant"]["fits"] == ["hiring"]
    assert network["phase"]["ok"] is True  # Sam's focus is career
    assert [q["quarter"] for q in network["by_quarter"]][-1] == "2026-Q4"
    assert len(network["by_quarter"]) == 8
    page = mn("review").stdout
    assert "Your developmental network" in page
    assert "Quarter by quarter" in page
    assert "Reconnect with Grace Kim" in page


def test_show_gives_the_tie_strength_with_each_part(mn) -> None:
    mn("add", "Dana Lee", "--every", "4w", "--met", "2026-10-01")
    mn("log", "dana", "Catch-up", "--on", "2026-11-12")
    mn("edit", "dana", "--closeness", "5")
    tie = json.loads(mn("show", "dana", "--json").stdout)["tie"]
    # Met 52 days ago, every 4 weeks: the cadence asks for 2 so far, not 13 a year.
    assert (tie["two_way_last_year"], tie["expected_last_year"], tie["days_since"],
            tie["reciprocity_words"], tie["closeness"], tie["counted_from"]) == (
        2, 2, 10, "neither", 5, "2026-10-01")
    assert tie["strength"] == round((1 + 0.5 + 1 + 1) / 4, 2)
    page = " ".join(mn("show", "dana").stdout.replace("│", " ").split())
    assert ("2 two-way touch-bases since 2026-10-01 (the cadence asks 2), give and get "
            "not one-sided, last two-way contact 10 days ago") in page
    mn("add", "Old Friend", "--every", "4w", "--met", "2020-01-01")
    mn("log", "old friend", "Catch-up", "--on", "2026-11-12")
    old = json.loads(mn("show", "old friend", "--json").stdout)["tie"]
    assert (old["two_way_last_year"], old["expected_last_year"], old["counted_from"]) == (
        1, 13, None)
    mn("log", "dana", "Coffee")
    page = " ".join(mn("show", "dana").stdout.replace("│", " ").split())
    assert "last two-way contact today" in page
    mn("add", "Eli Stone", "--kind", "contact")
    assert json.loads(mn("show", "eli", "--json").stdout)["tie"] is None
