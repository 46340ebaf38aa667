"""``backtimer handout``: a printable PDF that names every exercise with its dose in words, on
at most two pages (or says it needs more)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

import pytest

from backtimer.cli import main
from backtimer.session.model import Dose, ExerciseKind, SidesMode
from backtimer.session.timeline import session_at_level
from backtimer.store.library import Library
from backtimer.ui.handout.dose_words import dose_words, item_dose_words
from backtimer.ui.handout.handout_text import source_words

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="poppler-utils is not installed")

REPO = Path(__file__).resolve().parents[2]
# The command makes a QGuiApplication when none exists; pytest-qt's QApplication must come
# first, or the widget tests after these would find a QGuiApplication and abort.
pytestmark = pytest.mark.usefixtures("qapp")


def pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True, timeout=60).stdout
    return " ".join(unicodedata.normalize("NFKC", text).split())  # ligatures, line breaks


def pdf_pages(path: Path) -> tuple[int, str]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True,
                          timeout=60).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    return int(fields["Pages"]), fields["Page size"].strip()


def test_the_dose_reads_as_a_person_would_say_it() -> None:
    assert dose_words(Dose(hold=10, rest=3, reps=10, sides=SidesMode.EACH)) == (
        "10 × 10 s hold, 3 s rest, each side")
    assert dose_words(Dose(hold=5, rest=2, fill=120, sides=SidesMode.ALTERNATE)) == (
        "5 s holds, 2 s rest, for 2 min, alternating sides")
    assert dose_words(Dose(hold=None, reps=8, sets=2, set_rest=10)) == (
        "8 reps at your own pace, 2 sets, 10 s rest between sets")
    assert dose_words(Dose(hold=600), ExerciseKind.CARDIO) == "10 min"
    assert dose_words(Dose(hold=90)) == "1 min 30 s hold"


def test_a_staged_item_gives_each_stage_its_line() -> None:
    library = Library(None)
    (item,) = session_at_level(library.resolve("back-extension"), 1).items
    lines = item_dose_words(item)
    assert lines[0].endswith(": 5 min hold")
    assert lines[-1] == "Press-up: 10 × 1 s hold, 2 s rest, 4 sets, 1 min rest between sets"
    cat_curl = session_at_level(library.resolve("daily-routine"), 1).items[0]
    assert item_dose_words(cat_curl) == [
        "Back sags down: 5 s hold", "Back to neutral: 2 s hold", "Back rounds up: 5 s hold",
        "Back to neutral: 2 s hold", "All stages 10 times in a row"]


def test_sources_are_named_as_articles() -> None:
    assert source_words("001_33d9a333d588b7bd.txt") == (
        "BuiltLean, “7 Best Exercises To Relieve Low Back Pain”")
    assert source_words("my physio, March 2026") == "my physio, March 2026"
    assert source_words(None) is None


@needs_poppler
@pytest.mark.parametrize("session_id", ["side-plank-intervals", "daily-routine",
                                        "strength-basics", "back-extension"])
def test_the_pdf_names_every_exercise_and_its_dose(
    session_id: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.pdf"
    assert main(["handout", session_id, "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert "Wrote the handout" in capsys.readouterr().out
    text = pdf_text(out)
    library = Library(None)
    session = library.resolve(session_id)
    assert session.title in text and "Total " in text
    for item in session_at_level(session, 1).items:
        exercise = library.exercises[item.exercise]
        assert exercise.name in text
        for line in item_dose_words(item, exercise.kind):
            assert line in text, line
        if exercise.caution:
            assert exercise.caution.split(".")[0] in text
    assert "not medical advice" in text  # the safety note


@needs_poppler
def test_side_plank_intervals_says_its_dose_in_words(tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    assert main(["handout", "side-plank-intervals", "-o", str(out)]) == 0
    text = pdf_text(out)
    assert "Side plank" in text and "10 × 10 s hold, 3 s rest, each side" in text
    assert "Back Pain Exercises: An Essential Guide" in text  # where it comes from


@needs_poppler
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_built_in_session_fits_on_two_pages(paper: str, tmp_path: Path) -> None:
    library = Library(None)
    for session_id in library.entries:
        out = tmp_path / f"{session_id}.pdf"
        assert main(["handout", session_id, "-o", str(out), "--paper", paper]) == 0
        pages, size = pdf_pages(out)
        assert pages <= 2, session_id
        assert ("A4" if paper == "a4" else "letter") in size


@needs_poppler
def test_a_session_too_long_for_two_pages_is_written_and_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    items = "".join(f"  - exercise: {name}\n    hold: 30s\n    rest: 5s\n    reps: 3\n"
                    for name in ["side-plank", "bird-dog", "glute-bridge", "cat-curl",
                                 "hamstring-stretch", "childs-pose"] * 8)
    session = tmp_path / "long.yaml"
    session.write_text(textwrap.dedent("title: A very long session\nitems:\n") + items)
    out = tmp_path / "long.pdf"
    assert main(["handout", str(session), "-o", str(out)]) == 0
    assert "too long for 2 pages" in capsys.readouterr().err
    assert pdf_pages(out)[0] > 2


def test_a_level_the_session_lacks_or_an_unknown_session_fails_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.pdf"
    assert main(["handout", "side-plank-progression", "--level", "99", "-o", str(out)]) == 1
    assert "no level 99" in capsys.readouterr().err
    assert main(["handout", "no-such-session", "-o", str(out)]) == 1
    assert "no-such-session" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.slow
@needs_poppler
def test_the_command_runs_without_a_display(tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    env = {k: v for k, v in __import__("os").environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(REPO / "src")
    result = subprocess.run([sys.executable, "-m", "backtimer", "handout",
                             "side-plank-intervals", "-o", str(out)], env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert "10 × 10 s hold, 3 s rest, each side" in pdf_text(out)


@needs_poppler
def test_figures_given_are_drawn_beside_their_items(tmp_path: Path) -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPaintEngine, QPainter

    from backtimer.ui.handout.handout_pdf import FigureDrawing, lay_out, pdf_bytes

    drawn: list[tuple[QPaintEngine.Type, float]] = []

    def paint(painter: QPainter, rect: QRectF) -> None:
        engine = painter.paintEngine()
        assert engine is not None
        drawn.append((engine.type(), rect.height() / rect.width()))
        painter.drawEllipse(rect)

    def figure(exercise_id: str) -> FigureDrawing | None:
        return FigureDrawing(0.5, paint) if exercise_id == "side-plank" else None

    library = Library(None)
    session = library.resolve("daily-routine")
    handout = lay_out(session, library.exercises, prepare=5.0, figures=figure)
    out = tmp_path / "figures.pdf"
    out.write_bytes(pdf_bytes(handout, "a4", session.title))
    # Drawn once, the side plank's, straight onto the PDF's own painter (lines, not pixels).
    assert drawn == [(QPaintEngine.Type.Pdf, pytest.approx(0.5, abs=0.02))], drawn
    assert pdf_image_count(out) == 0
    assert handout.pages <= 2 and "Side plank" in pdf_text(out)


def pdf_image_count(path: Path) -> int:
    listing = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True,
                             check=True, timeout=60).stdout
    return len(listing.splitlines()[2:])


def pdf_path_operators(path: Path) -> int:
    """How many lines and curves the PDF's pages draw (its content streams, unpacked)."""
    import re
    import zlib

    count = 0
    data = path.read_bytes()
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.DOTALL):
        try:
            content = zlib.decompress(match.group(1))
        except zlib.error:
            continue
        count += len(re.findall(rb"\s[lc]\s", content))
    return count


@needs_poppler
def test_the_command_draws_each_exercises_figure(tmp_path: Path) -> None:
    library = Library(None)
    session = library.resolve("daily-routine")
    with_figure = {item.exercise for item in session.items
                   if library.exercises[item.exercise].figure is not None}
    assert with_figure  # the built-in exercises have figures
    out = tmp_path / "x.pdf"
    assert main(["handout", "daily-routine", "-o", str(out)]) == 0
    # Each figure is vector lines and curves (sharp at any zoom), not a picture.
    assert pdf_image_count(out) == 0
    from backtimer.ui.handout.handout_pdf import lay_out, pdf_bytes

    plain = tmp_path / "plain.pdf"
    plain.write_bytes(pdf_bytes(lay_out(session, library.exercises, prepare=5.0), "a4",
                                session.title))
    assert pdf_path_operators(out) > pdf_path_operators(plain) + 20 * len(with_figure)
    assert out.stat().st_size < 60_000  # with pictures at 300 dpi it was 115 kB
    assert pdf_pages(out)[0] <= 2


def test_an_exercise_without_a_figure_has_no_picture() -> None:
    from dataclasses import replace

    from backtimer.ui.handout.handout_figures import figures_of

    exercises = dict(Library(None).exercises)
    exercises["side-plank"] = replace(exercises["side-plank"], figure=None)
    figures = figures_of(exercises)
    assert figures("side-plank") is None and figures("no-such-exercise") is None
    drawing = figures("bird-dog")
    assert drawing is not None
    assert 0.4 <= drawing.aspect <= 1.0  # no taller than wide, nor a sliver
