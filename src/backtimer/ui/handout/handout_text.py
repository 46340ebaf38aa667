"""The handout's contents as HTML: the session's title and total, then for each item its
name, dose in words, instructions, caution and where it comes from, then the safety note.

Built from the same session, level and exercises the window runs, so paper and screen agree.
Plain HTML for ``QTextDocument`` (``handout_pdf`` lays it out on pages); nothing here paints.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass

from backtimer.session.durations import format_clock
from backtimer.session.model import Exercise, Session
from backtimer.session.timeline import (
    compile_session,
    level_count,
    level_label,
    session_at_level,
)
from backtimer.ui.common.words import tr
from backtimer.ui.handout.dose_words import item_dose_words
from backtimer.ui.shell.safety import safety_points

# The articles the built-in exercises come from, by the start of their ``source`` file name.
ARTICLES = {
    "000": ("Byrdie", "Lower Back Pain: 7 Exercises to Help Alleviate Aches"),
    "001": ("BuiltLean", "7 Best Exercises To Relieve Low Back Pain"),
    "002": ("Bustle", "7 Lower Back Pain Exercises That'll Help Quash Chronic Aches"),
    "003": ("Hinge Health", "10 best exercises and stretches for lower back pain"),
    "004": ("Health + Inspiration", "Back Pain Exercises: An Essential Guide"),
}


@dataclass(frozen=True)
class Style:
    """Sizes in points; ``fit_pages`` tries smaller ones until the handout fits."""

    body: float = 10.5
    title: float = 20.0
    heading: float = 13.0
    figure_mm: float = 0.0  # the width of each item's figure; 0 when there are none


STYLES = (Style(), Style(9.5, 18, 12), Style(8.5, 16, 10.5), Style(7.5, 14, 9.5))


def source_words(source: str | None) -> str | None:
    """Where an exercise comes from, as a reader would look it up."""
    if not source:
        return None
    known = ARTICLES.get(source[:3]) if source[:3].isdigit() and source[3:4] == "_" else None
    if known is None:
        return source
    publisher, title = known
    return tr("{publisher}, “{title}”").format(publisher=publisher, title=title)


def total_words(session: Session, exercises: Mapping[str, Exercise], *, prepare: float,
                level: int) -> str:
    """"Total 4:29", or "Total 1:20 + your pace" when some reps are at the person's pace."""
    timeline = compile_session(session, exercises, default_prepare=prepare, level=level)
    text = tr("Total {time}").format(time=format_clock(timeline.total_seconds))
    if any(step.seconds is None for step in timeline.steps):
        text += " " + tr("+ your pace")
    return text


def handout_html(session: Session, exercises: Mapping[str, Exercise], *, prepare: float,
                 level: int = 1, style: Style = STYLES[0],
                 figures: Mapping[str, str] | None = None) -> str:
    """The whole handout. ``figures`` maps an exercise id to an image resource's URL (drawn
    beside the item) when figures exist; raises LevelError for a level the session lacks."""
    if session.exercises:
        exercises = {**exercises, **{e.id: e for e in session.exercises}}
    done = session_at_level(session, level)
    esc = html.escape
    parts = [_css(style), f"<h1>{esc(session.title)}</h1>"]
    meta = [total_words(session, exercises, prepare=prepare, level=level),
            tr("{n} exercises").format(n=len(done.items)) if len(done.items) != 1
            else tr("1 exercise")]
    if level_count(session) > 1:
        words = level_label(session, level)
        meta.append(tr("Level {n} of {count}").format(n=level, count=level_count(session))
                    + (f": {words}" if words else ""))
    parts.append(f"<p class='meta'>{esc('  ·  '.join(meta))}</p>")
    if session.summary:
        parts.append(f"<p class='summary'>{esc(session.summary)}</p>")
    for number, item in enumerate(done.items, start=1):
        exercise = exercises.get(item.exercise)
        name = exercise.name if exercise else item.exercise
        figure = (figures or {}).get(item.exercise)
        parts.append(_item_html(number, name, exercise, item_dose_words(
            item, exercise.kind if exercise else None), figure, style))
    parts.append(f"<h3>{esc(tr('Look after your back'))}</h3><ul class='safety'>")
    parts += [f"<li>{esc(point)}</li>" for point in safety_points()]
    parts.append("</ul>")
    return "\n".join(parts)


def _item_html(number: int, name: str, exercise: Exercise | None, dose: list[str],
               figure: str | None, style: Style) -> str:
    esc = html.escape
    body = [f"<h2>{number}. {esc(name)}</h2>"]
    body += [f"<p class='dose'>{esc(line)}</p>" for line in dose]
    if exercise is not None and exercise.how:
        body.append("<ul class='how'>" + "".join(f"<li>{esc(line)}</li>" for line in exercise.how)
                    + "</ul>")
    if exercise is not None and exercise.caution:
        body.append(f"<p class='caution'>{esc(tr('Caution:'))} {esc(exercise.caution)}</p>")
    source = source_words(exercise.source if exercise else None)
    if source:
        body.append(f"<p class='source'>{esc(tr('From'))} {esc(source)}</p>")
    if not figure:
        return "<div>" + "".join(body) + "</div>"
    width = round(style.figure_mm * 96 / 25.4)
    return (f"<table width='100%' cellspacing='0' cellpadding='0'><tr>"
            f"<td width='{width + 12}' valign='top'><img src='{esc(figure)}' width='{width}'>"
            f"</td><td valign='top'>{''.join(body)}</td></tr></table>")


def _css(style: Style) -> str:
    return f"""<style>
body {{ font-size: {style.body}pt; }}
h1 {{ font-size: {style.title}pt; margin: 0 0 2pt 0; }}
h2 {{ font-size: {style.heading}pt; margin: {style.body * 0.9}pt 0 1pt 0; }}
h3 {{ font-size: {style.heading}pt; margin: {style.body * 1.2}pt 0 2pt 0; }}
p {{ margin: 0 0 2pt 0; }}
p.meta {{ color: #444; font-size: {style.heading}pt; }}
p.summary {{ color: #333; margin-bottom: 4pt; }}
p.dose {{ font-weight: 600; }}
p.caution {{ color: #8a1c12; }}
p.source {{ color: #666; font-size: {style.body * 0.85}pt; }}
ul {{ margin: 0 0 2pt 0; -qt-list-indent: 1; }}
li {{ margin: 0; }}
</style>"""
