"""What a person's version of a session changed, in words: "Your version: … (was …)".

A customized session keeps the built-in's summary, which names the built-in's numbers ("Ten
10-second side planks…"); shown under 15-second holds it would be wrong. The start screen puts
this line in front of it instead, so the words always follow the numbers that will run.
"""

from __future__ import annotations

from collections.abc import Mapping

from backtimer.session.model import Dose, Exercise, Item, Session
from backtimer.ui.common.words import short_seconds, tr, version_words
from backtimer.ui.library.item_card import sides_words

MOST_ITEMS = 3  # items named one by one; any more are counted


def dose_words(dose: Dose) -> dict[str, str]:
    """Each number of a dose in words, by field ("hold": "15 s holds", …)."""
    words = {
        "hold": (tr("{t} holds").format(t=short_seconds(dose.hold)) if dose.hold is not None
                 else tr("at your pace")),
        "rest": tr("{t} rest").format(t=short_seconds(dose.rest)),
        "reps": tr("{n} reps").format(n=dose.reps) if dose.reps != 1 else tr("1 rep"),
        "sets": tr("{n} sets").format(n=dose.sets) if dose.sets != 1 else tr("1 set"),
        "set_rest": tr("{t} between sets").format(t=short_seconds(dose.effective_set_rest)),
        "sides": sides_words()[dose.sides],
        "switch": tr("{t} to switch sides").format(t=short_seconds(dose.switch)),
    }
    if dose.fill is not None:
        words["fill"] = tr("for {t}").format(t=short_seconds(dose.fill))
    return words


def dose_changes(now: Dose, was: Dose) -> tuple[list[str], list[str]]:
    """The words of the fields that differ: (as they are now, as they were)."""
    new, old = dose_words(now), dose_words(was)
    keys = [key for key in new if key in old and new[key] != old[key]]
    keys += [key for key in new.keys() ^ old.keys()]  # `for:` added or taken away
    return [new.get(key, "") for key in keys if new.get(key)], \
        [old.get(key, "") for key in keys if old.get(key)]


def item_change(now: Item, was: Item, exercises: Mapping[str, Exercise]) -> str | None:
    """One item's change: "Side plank: 15 s holds (was 10 s holds)", or None if unchanged."""
    if now == was:
        return None
    name = exercises[now.exercise].name if now.exercise in exercises else now.exercise
    if now.exercise != was.exercise:
        old = exercises[was.exercise].name if was.exercise in exercises else was.exercise
        return tr("{name} (was {old})").format(name=name, old=old)
    current, before = dose_changes(now.dose, was.dose)
    for number, (stage, old_stage) in enumerate(zip(now.stages, was.stages, strict=False), 1):
        stage_now, stage_was = dose_changes(stage, old_stage)
        label = tr("stage {n}").format(n=number)
        current += [f"{label} {words}" for words in stage_now]
        before += [f"{label} {words}" for words in stage_was]
    if now.version != was.version:
        current.append(version_words()[now.version].lower())
        before.append(version_words()[was.version].lower())
    if not current and not before:
        return tr("{name}: changed").format(name=name)
    return tr("{name}: {now} (was {was})").format(
        name=name, now=", ".join(current), was=", ".join(before))


def version_summary(now: Session, was: Session, exercises: Mapping[str, Exercise],
                    totals: tuple[str, str] | None = None) -> str:
    """ "Your version: Side plank: 15 s holds (was 10 s holds); 6:04 in total (was 4:24)."

    Empty when ``now`` runs the same numbers as ``was``. ``totals`` are the two total times,
    as shown (now, was), when they differ.
    """
    changes = [change for change in (item_change(new, old, exercises)
                                     for new, old in zip(now.items, was.items, strict=False))
               if change]
    if len(changes) > MOST_ITEMS:
        more = len(changes) - MOST_ITEMS
        changes = [*changes[:MOST_ITEMS], tr("{n} more changed").format(n=more)]
    if len(now.items) != len(was.items):
        changes.append(tr("{n} exercises (was {m})").format(n=len(now.items),
                                                            m=len(was.items)))
    if not changes:
        return ""
    if totals is not None and totals[0] != totals[1]:
        changes.append(tr("{now} in total (was {was})").format(now=totals[0], was=totals[1]))
    return tr("Your version: {changes}.").format(changes="; ".join(changes))
