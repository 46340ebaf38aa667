"""The command line as a user (or a launcher script) sees it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from backtimer.cli import main
from backtimer.store.paths import Paths


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def plan(capsys: pytest.CaptureFixture[str], ref: str) -> dict:  # type: ignore[type-arg]
    code, out, _ = run(capsys, "plan", ref, "--json")
    assert code == 0
    return json.loads(out)  # type: ignore[no-any-return]


def test_sessions_lists_every_built_in_session_with_its_total(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "sessions")
    assert code == 0
    lines = out.splitlines()
    assert any(line.startswith("side-plank-intervals") and line.endswith("4:24") for line in lines)
    assert len(lines) >= 8


def test_plan_prints_one_line_per_step_and_the_total(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "plan", "side-plank-intervals")
    assert code == 0
    lines = out.splitlines()
    assert lines[-1] == "Total: 4:24"  # built-ins take the default 5 s get-ready
    assert len(lines) == 1 + 40 + 1  # title, 40 steps, total
    assert "switch sides" in out and "rep 10 of 10" in out


def test_side_plank_session_is_ten_holds_of_ten_seconds_each_side(
    capsys: pytest.CaptureFixture[str],
) -> None:
    steps = plan(capsys, "side-plank-intervals")["steps"]
    for side in ("left", "right"):
        holds = [s for s in steps if s["kind"] == "hold" and s["side"] == side]
        rests = [s for s in steps if s["kind"] == "rest" and s["side"] == side]
        assert [h["seconds"] for h in holds] == [10] * 10
        assert [r["seconds"] for r in rests] == [3] * 9
    assert [s["kind"] for s in steps].count("switch") == 1
    assert steps[0]["kind"] == "prepare"


def test_bird_dog_alternates_every_five_seconds_for_two_minutes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    steps = plan(capsys, "bird-dog-dead-bug")["steps"]
    bird = [s for s in steps if s["exercise"] == "bird-dog" and s["kind"] == "hold"]
    assert sum(s["seconds"] for s in bird) == 120
    assert all(s["seconds"] == 5 for s in bird)
    assert [s["side"] for s in bird[:4]] == ["left", "right", "left", "right"]
    march = [s for s in steps if s["exercise"] == "dead-bug-march" and s["kind"] == "hold"]
    assert sum(s["seconds"] for s in march) == 120


def test_stretches_hold_thirty_seconds_per_side_and_glute_twenty_three_times(
    capsys: pytest.CaptureFixture[str],
) -> None:
    steps = plan(capsys, "stretches")["steps"]
    for exercise in ("hip-flexor-stretch", "hamstring-stretch"):
        holds = [s for s in steps if s["exercise"] == exercise and s["kind"] == "hold"]
        assert sorted(s["side"] for s in holds) == ["left", "right"]
        assert all(30 <= s["seconds"] <= 60 for s in holds)
    glute = [s for s in steps if s["exercise"] == "gluteal-stretch" and s["kind"] == "hold"]
    assert [s["seconds"] for s in glute] == [20] * 6
    assert [s["side"] for s in glute].count("left") == 3


def test_back_extension_protocol_timings(capsys: pytest.CaptureFixture[str]) -> None:
    # 004: lie face down 5 minutes (the starting position, once), 2 minutes on the elbows,
    # then press-ups: "Repeat this 10 times ... Do 4 sets, resting for a minute in between."
    data = plan(capsys, "back-extension")
    steps = data["steps"]
    face_down = [s for s in steps if s["label"].startswith("Lie face down")]
    elbows = [s for s in steps if s["label"].startswith("Up on your elbows")]
    press = [s for s in steps if s["label"] == "Press-up" and s["kind"] == "hold"]
    assert [s["seconds"] for s in face_down] == [300]
    assert [s["seconds"] for s in elbows] == [120]
    assert len(press) == 40 and {s["sets"] for s in press} == {4}
    assert [s["rep"] for s in press[:10]] == list(range(1, 11))
    assert [s["seconds"] for s in steps if s["kind"] == "set_rest"] == [60] * 3
    assert 11 * 60 <= data["total_seconds"] <= 13 * 60  # "about 12 minutes, not 33"


def test_back_extension_shows_the_pillow_and_the_check_during_the_steps(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # 004: "If this hurts too much, place a pillow under your stomach for a minute ... When you
    # can lie on your stomach for 5 minutes without a pillow, continue onto the next part."
    for ref in ("back-extension", "gentle-sciatica"):
        steps = plan(capsys, ref)["steps"]
        lie = next(s for s in steps if s["kind"] == "hold" and s["exercise"] == "back-extension")
        elbows = [s for s in steps if s["label"].startswith("Up on your elbows")]
        assert "pillow under your stomach" in lie["label"], ref
        assert "5 minutes without a pillow" in elbows[0]["label"], ref
        # Short enough for the session screen's title at 1280x800 (about two lines).
        assert len(lie["label"]) <= 60 and len(elbows[0]["label"]) <= 60, ref


def test_sciatica_sessions_say_get_checked_first() -> None:
    from backtimer.store.library import Library

    library = Library(None)
    for sid in ("gentle-sciatica", "back-extension"):
        summary = library.resolve(sid).summary or ""
        assert summary.startswith("If pain travels down into your leg"), sid
        assert "see a health practitioner" in summary and "pinched nerve" in summary


def test_built_in_sessions_leave_the_get_ready_time_to_the_setting() -> None:
    from backtimer.store.library import Library

    for built_in in Library(None).sessions():
        assert built_in.prepare is None, built_in.id


def test_cat_curl_and_pelvic_tilt_return_to_neutral_and_repeat_ten_times(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for ref in ("core-strengthening", "daily-routine"):
        steps = plan(capsys, ref)["steps"]
        for exercise in ("cat-curl", "pelvic-tilt"):
            holds = [s for s in steps if s["exercise"] == exercise and s["kind"] == "hold"]
            if not holds:
                continue
            labels = [s["label"] for s in holds[:4]]
            assert "neutral" in labels[1] and "neutral" in labels[3], (ref, labels)
            assert {s["reps"] for s in holds} == {10} and {s["sets"] for s in holds} == {1}
            assert [s["seconds"] for s in holds if "neutral" not in s["label"]] == [5] * 20


def test_strength_basics_dead_bug_is_the_002_movement(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from backtimer.store.library import Library

    steps = plan(capsys, "strength-basics")["steps"]
    assert "dead-bug" not in {s["exercise"] for s in steps}
    reach = Library(None).exercises["dead-bug-reach"]
    assert reach.source is not None and reach.source.startswith("002")
    assert any("ear" in line for line in reach.how)
    assert reach.caution == "Stop if it makes your back hurt more."


def test_hips_and_core_warms_up_before_its_stretches(
    capsys: pytest.CaptureFixture[str],
) -> None:
    exercises = [s["exercise"] for s in plan(capsys, "hips-and-core")["steps"]]
    assert exercises.index("walk") < exercises.index("hip-flexor-stretch")


def test_library_words_follow_the_articles() -> None:
    from backtimer.store.library import Library

    library = Library(None).exercises
    assert any("38 cm" in line for line in library["hamstring-stretch"].how)
    assert not any("40 cm" in line for line in library["hamstring-stretch"].how)
    assert any("don't go up too high" in line for line in library["modified-cobra"].how)
    assert "45 degrees" in (library["side-plank"].easier or "")
    assert "hips" in (library["side-plank"].easier or "")
    for exercise in ("bird-dog", "superman"):
        assert any("left arm and right leg" in line for line in library[exercise].how)
    assert library["dead-bug"].caution == "Stop if it makes your back hurt more."


def test_daily_routine_is_under_fifteen_minutes(capsys: pytest.CaptureFixture[str]) -> None:
    assert plan(capsys, "daily-routine")["total_seconds"] < 15 * 60


def test_gentle_routine_uses_only_sciatica_suitable_exercises(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from backtimer.store.library import Library

    exercises = Library(None).exercises
    steps = plan(capsys, "gentle-sciatica")["steps"]
    used = {s["exercise"] for s in steps}
    assert used and all(exercises[e].sciatica_ok for e in used)


def test_core_series_has_the_six_exercises(capsys: pytest.CaptureFixture[str]) -> None:
    steps = plan(capsys, "core-strengthening")["steps"]
    used = {s["exercise"] for s in steps}
    assert {"cat-curl", "bird-dog", "pelvic-tilt", "partial-curl", "side-plank",
            "dead-bug"} <= used


def test_every_seed_is_the_source_of_some_exercise() -> None:
    from backtimer.store.library import Library

    sources = {e.source for e in Library(None).exercises.values()}
    assert {s.split("_")[0] for s in sources if s} == {"000", "001", "002", "003", "004"}


def test_plan_json_matches_the_contract_shape(capsys: pytest.CaptureFixture[str]) -> None:
    data = plan(capsys, "side-plank-intervals")
    assert data["total_seconds"] == 264
    assert set(data["steps"][0]) == {
        "kind", "start", "seconds", "exercise", "side", "rep", "reps", "set", "sets", "label"
    }
    assert sum(s["seconds"] or 0 for s in data["steps"]) == data["total_seconds"]


def test_plan_of_a_file_and_hour_long_totals(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    session = tmp_path / "long.yaml"
    session.write_text("title: Long\nprepare: 0\nitems:\n  - {exercise: plank, hold: 1h}\n"
                       "  - {exercise: plank, hold: 50s}\n")
    code, out, _ = run(capsys, "plan", str(session))
    assert code == 0 and out.splitlines()[-1] == "Total: 1:01:00"


def test_self_paced_steps_have_null_seconds_in_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    session = tmp_path / "squats.yaml"
    session.write_text("title: Squats\nitems:\n  - {exercise: squat, reps: 10}\n")
    steps = plan(capsys, str(session))["steps"]
    assert steps[-1]["kind"] == "self_paced" and steps[-1]["seconds"] is None
    assert steps[-1]["reps"] == 10


def test_plan_of_an_unknown_id_says_which_ids_exist(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "plan", "no-such-session")
    assert code == 1
    assert "no session called 'no-such-session'" in err and "side-plank-intervals" in err


BROKEN = {
    "typo.yaml": ("title: X\nitems:\n  - exercise: side-plank\n    hodl: 10s\n",
                  "typo.yaml:4: items[1].hodl: unknown key"),
    "unknown.yaml": ("title: X\nitems:\n  - exercise: moonwalk\n    hold: 10s\n",
                     "unknown.yaml:3: items[1].exercise: unknown exercise 'moonwalk'"),
    "long.yaml": ("title: X\nitems:\n  - exercise: plank\n    hold: 90m\n",
                  "long.yaml:4: items[1].hold: is too long"),
    "both.yaml": ("title: X\nitems:\n  - {exercise: plank, hold: 5s, reps: 3, for: 1m}\n",
                  "both.yaml:3: items[1].for: give either 'reps' or 'for'"),
    "empty.yaml": ("", "empty.yaml:1: the file is empty"),
    "binary.yaml": (b"\x00\x01\x02", "binary.yaml:1: this is a binary file"),
    "latin1.yaml": ("title: Caf\xe9\nitems: []\n".encode("latin-1"),
                    "latin1.yaml:1: not UTF-8 text"),
    "noitems.yaml": ("title: X\nitems: []\n", "noitems.yaml:2: items: the session has no items"),
    "type.yaml": ("title: X\nitems:\n  - {exercise: plank, hold: 5s, sets: many}\n",
                  "type.yaml:3: items[1].sets: expected a whole number"),
}


def test_check_gives_one_clear_line_per_problem_and_exit_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for name, (content, _) in BROKEN.items():
        data = content if isinstance(content, bytes) else content.encode()
        (tmp_path / name).write_bytes(data)
    (tmp_path / "good.yaml").write_text("title: Good\nitems:\n  - {exercise: plank, hold: 20s}\n")
    code, out, err = run(capsys, "check", *BROKEN, "good.yaml", "missing.yaml")
    assert code == 1
    assert "Traceback" not in out + err
    for _, expected in BROKEN.values():
        assert any(line.startswith(expected) for line in out.splitlines()), expected
    assert "good.yaml: ok" in out
    assert "missing.yaml:1: cannot read the file" in out


def test_check_of_the_built_in_files_passes(capsys: pytest.CaptureFixture[str]) -> None:
    data = Path(__file__).resolve().parents[2] / "data"
    files = [str(data / "exercises.yaml"), *map(str, sorted((data / "sessions").glob("*.yaml")))]
    code, out, _ = run(capsys, "check", *files)
    assert code == 0, out


def test_help_and_module_entry_point_work() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "backtimer", "--help"], capture_output=True, text=True, check=True
    ).stdout
    for command in ("start", "sessions", "plan", "check", "history"):
        assert command in out


def test_plan_uses_the_persons_default_get_ready_time(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, isolated_home: Path
) -> None:
    session = tmp_path / "noprep.yaml"
    session.write_text("title: No prepare\nitems:\n  - {exercise: plank, hold: 20s}\n")
    assert plan(capsys, str(session))["steps"][0]["seconds"] == 5  # DESIGN.md's default
    (isolated_home / "config").mkdir(parents=True)
    (isolated_home / "config" / "settings.yaml").write_text("default_prepare: 15.0\n")
    steps = plan(capsys, str(session))["steps"]
    assert steps[0]["kind"] == "prepare" and steps[0]["seconds"] == 15
    # Built-in sessions take the setting too (DESIGN.md: they leave it to the setting).
    assert plan(capsys, "side-plank-intervals")["steps"][0]["seconds"] == 15
    # A session that sets its own get-ready time keeps it.
    session.write_text("title: Own\nprepare: 10s\nitems:\n  - {exercise: plank, hold: 20s}\n")
    assert plan(capsys, str(session))["steps"][0]["seconds"] == 10


def test_plan_level_lays_out_the_chosen_level_and_refuses_one_that_is_not_there(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    session = tmp_path / "ladder.yaml"
    session.write_text("title: Ladder\nitems:\n  - exercise: plank\n    levels:\n"
                       "      - {label: Short, hold: 10s}\n      - {label: Long, hold: 30s}\n")
    code, out, _ = run(capsys, "plan", str(session), "--level", "2")
    assert code == 0
    assert out.splitlines()[1] == "Level 2 of 2: Long"
    assert "hold            30s" in out
    code, out, err = run(capsys, "plan", str(session), "--level", "3", "--json")
    assert (code, out) == (1, "")
    assert "there is no level 3: 'Ladder' has levels 1 to 2" in err
    code, _, err = run(capsys, "plan", "daily-walk", "--level", "2")
    assert code == 1 and "has no levels" in err


def test_sessions_lists_them_even_with_settings_nested_500_deep(
    capsys: pytest.CaptureFixture[str], paths: Paths
) -> None:
    """A 1 KB settings file used to end the command with RecursionError."""
    paths.config_dir.mkdir(parents=True)
    paths.settings_file.write_text("default_prepare: " + "[" * 500 + "]" * 500 + "\n")
    code, out, _ = run(capsys, "sessions")
    assert code == 0
    assert any(line.startswith("side-plank-intervals") for line in out.splitlines())


@pytest.mark.parametrize("command", ["plan", "handout"])
def test_a_name_too_long_for_the_system_is_an_unknown_session_not_a_traceback(
    capsys: pytest.CaptureFixture[str], paths: Paths, tmp_path: Path, command: str
) -> None:
    """4,000 letters (longer than any file name may be) ended in an OSError traceback; and a
    folder of thousands of sessions made the message list every one of them."""
    folder = paths.user_sessions_dir
    folder.mkdir(parents=True)
    for n in range(100):
        (folder / f"mine-{n:03d}.yaml").write_text(
            "title: Mine\nitems:\n  - {exercise: side-plank, hold: 20s}\n", "utf-8")
    extra = ["-o", str(tmp_path / "out.pdf")] if command == "handout" else []
    code, out, err = run(capsys, command, "x" * 4000, *extra)
    assert code == 1 and out == ""
    assert "Traceback" not in err and "no session called 'xxx" in err
    assert len(err) < 1000 and "more ('backtimer sessions' lists them all)" in err
