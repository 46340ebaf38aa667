"""docs/format.md is checked: every YAML block loads (or fails as it says), every stated total
is what ``backtimer plan`` prints, and the ``plan --json`` example has the real keys.

Conventions in the document: a block's first line ``# total: M:SS`` (optionally
``+ your pace``) is the total ``plan`` must print; ``# error: TEXT`` marks a block that must be
refused with a message containing TEXT; a block whose top-level key is only ``exercises:`` is
an exercise library, one starting ``# settings.yaml`` a settings file (read without a problem),
anything else a session.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from backtimer.cli import main, print_plan
from backtimer.session.loader import load_exercises, load_session
from backtimer.session.problems import ProblemsError
from backtimer.store.library import Library
from backtimer.store.paths import Paths
from backtimer.store.settings import load_settings

DOC = Path(__file__).resolve().parent.parent / "docs" / "format.md"
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def blocks(language: str) -> list[str]:
    return [body for lang, body in BLOCK.findall(DOC.read_text("utf-8")) if lang == language]


def marker(body: str, name: str) -> str | None:
    match = re.match(rf"# {name}: (.*)\n", body)
    return match.group(1).strip() if match else None


SETTINGS_MARK = "# settings.yaml\n"
YAML_BLOCKS = [b for b in blocks("yaml") if not b.startswith(SETTINGS_MARK)]
SETTINGS_BLOCKS = [b for b in blocks("yaml") if b.startswith(SETTINGS_MARK)]


def test_the_document_has_the_examples_it_promises() -> None:
    text = DOC.read_text("utf-8")
    assert len(YAML_BLOCKS) >= 10
    assert sum(marker(b, "total") is not None for b in YAML_BLOCKS) >= 8
    assert "# total: 4:29" in text  # the side-plank example, 269 s
    for heading in ("## Levels (progressions)", "## `backtimer plan --json`",
                    "## History CSV columns"):
        assert heading in text


@pytest.mark.parametrize("body", YAML_BLOCKS, ids=[b.splitlines()[1][:30] for b in YAML_BLOCKS])
def test_every_yaml_block_is_what_it_says(body: str, tmp_path: Path) -> None:
    library = Library(None)
    data = body.encode()
    error = marker(body, "error")
    if body.startswith("exercises:"):
        found, problems = load_exercises("doc.yaml", data)
        assert not problems and found
        return
    if error is not None:
        with pytest.raises(ProblemsError) as caught:
            load_session("doc.yaml", data, library.exercises)
        assert any(error in p.message for p in caught.value.problems), caught.value.problems
        return
    load_session("doc.yaml", data, library.exercises)
    total = marker(body, "total")
    if total is not None:
        path = tmp_path / "example.yaml"
        path.write_bytes(data)
        out = io.StringIO()
        assert print_plan(library, str(path), as_json=False, out=out) == 0
        assert out.getvalue().splitlines()[-1] == f"Total: {total}"


def test_the_plan_json_example_has_the_keys_plan_prints(
    capsys: pytest.CaptureFixture[str],
) -> None:
    [example] = [json.loads(b) for b in blocks("json")]
    assert main(["plan", "--json", example["id"]]) == 0
    real = json.loads(capsys.readouterr().out)
    assert set(example) == set(real)
    assert set(example["steps"][0]) == set(real["steps"][0])
    assert example["steps"][0] == real["steps"][0]
    assert example["total_seconds"] == real["total_seconds"]


def test_the_csv_columns_are_all_described() -> None:
    from backtimer.store.history_cli import CSV_COLUMNS

    text = DOC.read_text("utf-8").split("## History CSV columns", 1)[1]
    for column in CSV_COLUMNS:
        assert f"`{column}`" in text


def test_the_readme_and_help_point_to_the_reference_and_nothing_outside(
    capsys: pytest.CaptureFixture[str],
) -> None:
    readme = (DOC.parent.parent / "README.md").read_text("utf-8")
    assert "docs/format.md" in readme
    assert "../" not in readme  # nothing outside the repository
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "docs/format.md" in capsys.readouterr().out


def test_the_settings_examples_read_without_a_problem(paths: Paths) -> None:
    assert SETTINGS_BLOCKS
    library = Library(paths)
    for body in SETTINGS_BLOCKS:
        paths.config_dir.mkdir(parents=True, exist_ok=True)
        paths.settings_file.write_text(body, "utf-8")
        loaded = load_settings(paths.settings_file)
        assert loaded.problems == () and loaded.unreadable is None
        for reminder in loaded.settings.reminders:
            assert reminder.session in library.entries


def test_the_reminders_setting_is_documented() -> None:
    text = DOC.read_text("utf-8").split("## Settings (`settings.yaml`)", 1)[1]
    assert "`reminders:`" in text


def test_every_setting_is_in_the_settings_table() -> None:
    from dataclasses import fields

    from backtimer.store.settings import Settings

    section = DOC.read_text("utf-8").split("## Settings (`settings.yaml`)", 1)[1].split(
        "\n## ", 1)[0]
    documented = {line.split("`")[1] for line in section.splitlines()
                  if line.startswith("| `")}
    assert {field.name for field in fields(Settings)} == documented
