"""The CSV export never hands a spreadsheet a formula: notes and titles open as text."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest

from backtimer.store.history_cli import read_csv, write_csv
from tests.cli.test_history_cli import sample


@pytest.mark.parametrize("text", [
    "=HYPERLINK(\"http://x\",\"click\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "'=already",
])
def test_cells_starting_like_a_formula_are_neutralised_and_read_back(text: str) -> None:
    entry = replace(sample(1), note=text, title=text)
    out = io.StringIO()
    write_csv([entry], out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["note"].startswith("'") and row["title"].startswith("'")
    assert row["note"].lstrip("'")[0] in "=+-@\t"
    assert list(read_csv(io.StringIO(out.getvalue()))) == [entry]


def test_ordinary_text_is_written_as_it_is() -> None:
    out = io.StringIO()
    write_csv([replace(sample(1), note="felt fine - 3/10", title="Morning")], out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["note"] == "felt fine - 3/10" and row["title"] == "Morning"
