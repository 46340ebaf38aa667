"""``backtimer install-desktop`` and ``backtimer autostart`` into a temporary XDG tree: what is
installed passes the desktop's own validators, and ``--remove`` / ``off`` undo exactly it."""

from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from backtimer.cli import main
from backtimer.resources import resources_dir
from backtimer.store import desktop_cli, desktop_files
from backtimer.store.autostart import autostart_entry, autostart_file
from backtimer.store.desktop_entry import APP_ID, exec_line
from backtimer.store.paths import Paths
from backtimer.store.settings import load_settings

needs_desktop_validate = pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None, reason="desktop-file-utils is not installed")
needs_appstreamcli = pytest.mark.skipif(
    shutil.which("appstreamcli") is None, reason="appstream is not installed")


def tree(base: Path) -> set[str]:
    return {str(p.relative_to(base)) + ("/" if p.is_dir() else "") for p in base.rglob("*")}


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    stdout, sys.stdout = sys.stdout, out
    try:
        code = main(list(args))
    finally:
        sys.stdout = stdout
    return code, out.getvalue()


def validate(*command: str) -> None:
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_install_user_puts_entry_icons_and_metainfo_in_the_data_folder() -> None:
    data = Path(os.environ["XDG_DATA_HOME"])
    code, printed = run("install-desktop", "--user")
    assert code == 0
    assert f"Installed into {data}" in printed and "--user --remove" in printed
    assert (data / "applications" / f"{APP_ID}.desktop").is_file()
    assert (data / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    assert (data / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg").is_file()
    for size in desktop_files.ICON_SIZES:
        png = (data / f"icons/hicolor/{size}x{size}/apps/{APP_ID}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", png[16:24]) == (size, size)  # IHDR width, height


def test_the_installed_entry_starts_this_backtimer() -> None:
    run("install-desktop", "--user")
    text = (Path(os.environ["XDG_DATA_HOME"]) / "applications" / f"{APP_ID}.desktop").read_text()
    exec_lines = [line for line in text.splitlines() if line.startswith("Exec=")]
    assert len(exec_lines) == 2
    assert exec_lines[1].endswith(" start daily-routine")
    command = exec_lines[0].removeprefix("Exec=")
    assert "backtimer" in command  # by name on PATH, the script's path, or python -m backtimer


def test_remove_takes_away_exactly_what_was_installed(tmp_path: Path) -> None:
    data = Path(os.environ["XDG_DATA_HOME"])
    theirs = data / "applications" / "someone-else.desktop"
    theirs.parent.mkdir(parents=True)
    theirs.write_text("[Desktop Entry]\n")
    (data / "icons" / "hicolor" / "48x48" / "apps").mkdir(parents=True)
    before = tree(data)
    run("install-desktop", "--user")
    assert tree(data) != before
    code, printed = run("install-desktop", "--user", "--remove")
    assert code == 0 and "Removed from" in printed
    assert tree(data) == before  # theirs kept, folders that were there kept, ours all gone
    code, printed = run("install-desktop", "--user", "--remove")
    assert code == 0 and "Nothing of BackTimer's was installed" in printed


def test_installing_twice_then_removing_leaves_nothing(tmp_path: Path) -> None:
    base = tmp_path / "share"
    desktop_files.install(base, ["backtimer"])
    desktop_files.install(base, ["backtimer"])
    desktop_files.remove(base)
    assert not base.exists() or tree(base) == set()


def test_system_wide_says_clearly_when_it_may_not_write(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "usr-local-share"
    monkeypatch.setattr(desktop_files, "SYSTEM_DATA_DIR", target)
    monkeypatch.setattr(desktop_cli, "_writable", lambda _base: False)  # as a person, not root
    assert main(["install-desktop"]) == 1
    err = capsys.readouterr().err
    assert str(target) in err and "install-desktop --user" in err
    assert not target.exists()


def test_system_wide_installs_there_when_it_may(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "usr-local-share"
    monkeypatch.setattr(desktop_files, "SYSTEM_DATA_DIR", target)
    assert run("install-desktop")[0] == 0
    assert (target / "applications" / f"{APP_ID}.desktop").is_file()
    assert run("install-desktop", "--remove")[0] == 0
    assert tree(target) == set()


def test_a_folder_that_cannot_be_made_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker / "share"))
    assert main(["install-desktop", "--user"]) == 1
    assert "could not install into" in capsys.readouterr().err


@needs_desktop_validate
def test_the_desktop_files_pass_desktop_file_validate(tmp_path: Path) -> None:
    run("install-desktop", "--user")
    data = Path(os.environ["XDG_DATA_HOME"])
    validate("desktop-file-validate", str(data / "applications" / f"{APP_ID}.desktop"))
    validate("desktop-file-validate",
             str(Path(str(resources_dir() / "desktop" / f"{APP_ID}.desktop"))))
    entry = tmp_path / f"{APP_ID}.desktop"
    entry.write_text(autostart_entry(["/opt/Back Timer/bin/backtimer"]))
    validate("desktop-file-validate", str(entry))


@needs_appstreamcli
def test_the_metainfo_passes_appstreamcli_validate() -> None:
    run("install-desktop", "--user")
    data = Path(os.environ["XDG_DATA_HOME"])
    validate("appstreamcli", "validate", "--no-net",
             str(data / "metainfo" / f"{APP_ID}.metainfo.xml"))


def test_the_metainfo_names_no_address_that_leads_nowhere() -> None:
    """BackTimer has no public home: the metainfo names no homepage, tracker or screenshot
    URL (the old ones pointed at a repository that does not exist)."""
    text = (resources_dir() / "desktop" / f"{APP_ID}.metainfo.xml").read_text()
    body = text[text.index("<component"):]  # past the comment that explains it
    assert "http" not in body and "<url" not in body and "<screenshot" not in body


def test_exec_arguments_are_quoted_as_the_specification_says() -> None:
    assert exec_line(["backtimer", "--minimized"]) == "backtimer --minimized"
    assert exec_line(["/opt/Back Timer/backtimer"]) == '"/opt/Back Timer/backtimer"'
    assert exec_line(["/x/100%/backtimer"]) == "/x/100%%/backtimer"
    assert exec_line(['/a"b$/bt']) == '"/a\\\\"b\\\\$/bt"'


def test_autostart_on_writes_the_entry_and_the_setting_off_removes_both(paths: Paths) -> None:
    path = autostart_file()
    assert path == Path(os.environ["XDG_CONFIG_HOME"]) / "autostart" / f"{APP_ID}.desktop"
    code, printed = run("autostart", "on")
    assert code == 0 and str(path) in printed
    assert "--minimized" in path.read_text()
    assert load_settings(paths.settings_file).settings.autostart is True
    assert run("autostart")[1].startswith("autostart: on")
    code, printed = run("autostart", "off")
    assert code == 0 and not path.exists()
    assert load_settings(paths.settings_file).settings.autostart is False
    assert run("autostart")[1].startswith("autostart: off")


def test_autostart_keeps_a_settings_file_it_cannot_read(
    paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.settings_file.write_text("sounds: [unclosed\n")
    assert main(["autostart", "on"]) == 0
    assert autostart_file().is_file()
    assert "was not changed" in capsys.readouterr().err
    assert paths.settings_file.read_text() == "sounds: [unclosed\n"


def test_autostart_says_where_it_is_not_supported(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    assert main(["autostart", "on"]) == 1
    assert "not supported on win32" in capsys.readouterr().err
    assert not autostart_file().exists()


# -- a hostile manifest: --remove never deletes what it did not install -----------------------

def others(base: Path) -> dict[str, Path]:
    """Files of other programs, and one outside the data folder, that must survive."""
    made = {
        "their entry": base / "applications" / "firefox.desktop",
        "their icon": base / "icons" / "hicolor" / "48x48" / "apps" / "firefox.png",
        "their folder file": base / "fonts" / "x.ttf",
        "outside": base.parent / "precious.txt",
    }
    for path in made.values():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("keep me")
    return made


@pytest.mark.parametrize("manifest", [
    '{"files": ["applications/firefox.desktop", "icons/hicolor/48x48/apps/firefox.png",'
    ' "../precious.txt", "/etc/passwd", "fonts/x.ttf"], "folders": ["fonts", "applications",'
    ' "..", "icons/hicolor/48x48/apps"]}',
    '{"files": "applications/firefox.desktop", "folders": "fonts"}',
    '{"files": [["applications/firefox.desktop"]], "folders": [{}]}',
    "not json at all {{{",
    "[" * 100_000,
    "",
])
def test_remove_with_a_manifest_that_lists_others_deletes_only_its_own(
        tmp_path: Path, manifest: str) -> None:
    base = tmp_path / "share"
    desktop_files.install(base, ["backtimer"])
    theirs = others(base)
    (base / desktop_files.MANIFEST).write_text(manifest)
    desktop_files.remove(base)
    assert all(path.read_text() == "keep me" for path in theirs.values())
    assert not (base / "applications" / f"{APP_ID}.desktop").exists()  # ours: by known name


def test_a_manifest_that_is_a_fifo_or_a_folder_never_blocks(tmp_path: Path) -> None:
    for kind in ("fifo", "folder"):
        base = tmp_path / kind
        desktop_files.install(base, ["backtimer"])
        manifest = base / desktop_files.MANIFEST
        manifest.unlink()
        if kind == "fifo":
            os.mkfifo(manifest)
        else:
            manifest.mkdir()
        change = desktop_files.remove(base)  # would block for ever reading a FIFO
        assert Path("applications") / f"{APP_ID}.desktop" in change.files
        assert os.path.lexists(manifest)  # not ours to delete


def test_without_a_manifest_a_file_someone_changed_or_installed_is_kept(tmp_path: Path) -> None:
    base = tmp_path / "share"
    desktop_files.install(base, ["/opt/bt/bin/backtimer"])
    (base / desktop_files.MANIFEST).unlink()
    icon = base / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png"
    icon.write_bytes(b"the distribution's own icon")
    change = desktop_files.remove(base)
    assert icon.read_bytes() == b"the distribution's own icon"
    assert change.kept == (icon.relative_to(base),)
    assert Path("applications") / f"{APP_ID}.desktop" in change.files  # any Exec is ours


def test_remove_never_follows_a_folder_link_out_of_the_data_folder(tmp_path: Path) -> None:
    base, elsewhere = tmp_path / "share", tmp_path / "elsewhere"
    elsewhere.mkdir()
    desktop_files.install(base, ["backtimer"])
    shutil.rmtree(base / "metainfo")
    (elsewhere / f"{APP_ID}.metainfo.xml").write_text("someone's own")
    (base / "metainfo").symlink_to(elsewhere)
    desktop_files.remove(base)
    assert (elsewhere / f"{APP_ID}.metainfo.xml").read_text() == "someone's own"


def test_remove_says_which_files_it_kept(tmp_path: Path) -> None:
    data = Path(os.environ["XDG_DATA_HOME"])
    entry = data / "applications" / f"{APP_ID}.desktop"
    entry.parent.mkdir(parents=True)
    entry.write_text("[Desktop Entry]\nName=Mine\n")
    code, printed = run("install-desktop", "--user", "--remove")
    assert code == 0 and f"Kept {entry}" in printed and entry.exists()


# -- an autostart entry edited by hand is never clobbered silently ----------------------------

def test_autostart_on_keeps_an_entry_edited_by_hand() -> None:
    path = autostart_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    mine = autostart_entry(["backtimer"]).replace("--minimized", "--minimized\nX-Delay=30")
    path.write_text(mine)
    code, printed = run("autostart", "on")
    assert code == 0 and "changed by hand; it is kept as it is" in printed
    assert path.read_text() == mine


@pytest.mark.parametrize("command", ["on", "off"])
def test_an_edited_entry_is_moved_aside_never_lost(command: str) -> None:
    """Off over an edited entry, or on over one switched off inside (Hidden=true): the
    edited one is kept beside it as ….edited, and the command says where."""
    path = autostart_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    mine = "[Desktop Entry]\nType=Application\nExec=backtimer start daily-routine\nHidden=true\n"
    if command == "off":
        mine = mine.replace("Hidden=true\n", "")
    path.write_text(mine)
    code, printed = run("autostart", command)
    aside = path.with_name(path.name + ".edited")
    assert code == 0 and f"kept as {aside}" in printed
    assert aside.read_text() == mine
    assert path.exists() == (command == "on")


def test_our_own_entry_is_simply_removed_and_a_folder_under_its_name_is_an_error() -> None:
    path = autostart_file()
    run("autostart", "on")
    code, printed = run("autostart", "off")
    assert code == 0 and not path.exists() and "edited" not in printed
    assert not list(path.parent.glob("*.edited"))
    path.mkdir()
    assert run("autostart", "on")[0] == 1 and path.is_dir()
