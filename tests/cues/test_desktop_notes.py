"""Desktop notifications through a stand-in notification service on a private session bus:
what is sent, what a click or a button hands back, and the fallback when no service answers."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from backtimer.cues.desktop_notes import SNOOZE_SHORT, START, DesktopNotes, Note
from tests.notification_service import Recorder, notification_service, private_bus

NOTE = Note("r1", "Time for Daily back routine", "Your 07:30 reminder.", "Start",
            "Snooze 10 min", "Snooze 1 h")


@pytest.fixture
def bus(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    try:
        with private_bus() as address:
            monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
            yield address
    except LookupError as missing:
        pytest.skip(str(missing))


class Heard:
    def __init__(self) -> None:
        self.actions: list[tuple[str, str]] = []
        self.failed: list[tuple[str, str]] = []
        self.event = threading.Event()
        self.shown = threading.Event()

    def action(self, key: str, action: str) -> None:
        self.actions.append((key, action))
        self.event.set()

    def failure(self, key: str, reason: str) -> None:
        self.failed.append((key, reason))
        self.event.set()


def notes(heard: Heard) -> DesktopNotes:
    return DesktopNotes("BackTimer", on_action=heard.action, on_failed=heard.failure,
                        on_shown=lambda _key: heard.shown.set())


def sent_one(service: Recorder, heard: Heard) -> None:
    """The service has it, and the sender knows it is shown (clicks count from then on)."""
    assert service.arrived.wait(10) and heard.shown.wait(10)


def test_a_note_is_sent_with_start_and_snooze_buttons_and_a_click_starts(bus: str) -> None:
    heard = Heard()
    with notification_service(bus) as service:
        sender = notes(heard)
        try:
            sender.notify(NOTE)
            sent_one(service, heard)
            [sent] = service.sent
            assert (sent.app_name, sent.summary, sent.body) == (
                "BackTimer", NOTE.title, NOTE.body)
            assert set(sent.action_keys()) >= {"Start", "Snooze 10 min", "Snooze 1 h"}
            service.click(sent)
            assert heard.event.wait(10)
            assert heard.actions == [("r1", START)]
        finally:
            sender.close()


def test_a_snooze_button_is_handed_back(bus: str) -> None:
    heard = Heard()
    with notification_service(bus) as service:
        sender = notes(heard)
        try:
            sender.notify(NOTE)
            sent_one(service, heard)
            service.click(service.sent[0], "Snooze 10 min")
            assert heard.event.wait(10)
            assert heard.actions == [("r1", SNOOZE_SHORT)]
        finally:
            sender.close()


def test_a_note_no_longer_wanted_is_not_sent(bus: str) -> None:
    heard = Heard()
    checked = threading.Event()

    def wanted() -> bool:
        checked.set()
        return False

    with notification_service(bus) as service:
        sender = notes(heard)
        try:
            sender.notify(NOTE, wanted)
            assert checked.wait(10)
            sender.notify(Note("r2", "t", "b", "Start", "a", "b"))
            sent_one(service, heard)
            assert [s.summary for s in service.sent] == ["t"]
        finally:
            sender.close()


def test_without_a_service_the_failure_is_reported(bus: str) -> None:
    heard = Heard()
    sender = notes(heard)
    try:
        sender.notify(NOTE)
        assert heard.event.wait(15)
        assert heard.failed and heard.failed[0][0] == "r1"
        assert "notification service" in heard.failed[0][1]
    finally:
        sender.close()
