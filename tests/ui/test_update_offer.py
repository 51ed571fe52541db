"""Help → ตรวจหารุ่นใหม่: a signed update from a USB copy, offered, installed; a
tampered one refused with its reason (a real TUF repository made in the test)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.updates.conftest import NEXT, Recorder, Repo, make_repo  # noqa: F401 (fixture)


def _start(start_desktop, tmp_path: Path, repo: Repo):  # type: ignore[no-untyped-def]
    from korat_desktop.updates.install import DebInstaller

    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.toml").write_text(f'[update]\nroot_file = "{repo.root_file}"\n',
                                        encoding="utf-8")
    desktop = start_desktop(data)
    recorder = Recorder()
    desktop.operations.update_installer = DebInstaller(recorder, is_root=True)
    return desktop, recorder


def test_update_from_a_usb_copy_is_offered_and_installed(
        qtbot, start_desktop, tmp_path: Path, make_repo: Callable[[Path], Repo]) -> None:  # noqa: F811
    repo = make_repo(tmp_path / "hub")
    repo.publish(NEXT)
    usb = repo.export("usb")
    desktop, recorder = _start(start_desktop, tmp_path, repo)
    window = desktop.window
    offer = window.update_offer
    with qtbot.waitSignal(offer.checked, timeout=30_000):
        window.check_for_updates(usb)
    assert offer.box is not None and offer.box.objectName() == "updateOffer"
    assert NEXT in offer.box.text() and "ติดตั้งตอนนี้" in offer.box.text()
    with qtbot.waitSignal(offer.installed, timeout=30_000) as installed:
        offer.install_button.click()
    assert installed.args[0].installed_version == NEXT
    assert len(recorder.commands) == 1 and recorder.commands[0][:2] == ["apt-get", "install"]
    assert offer.box.objectName() == "updateInstalled" and NEXT in offer.box.text()


def test_a_tampered_update_is_refused_with_the_reason(
        qtbot, start_desktop, tmp_path: Path, make_repo: Callable[[Path], Repo]) -> None:  # noqa: F811
    repo = make_repo(tmp_path / "hub")
    published = repo.publish(NEXT)
    usb = repo.export("usb")
    stored = usb / "targets" / "linux-amd64" / f"{published['sha256']}.korat-desktop_{NEXT}_amd64.deb"
    stored.write_bytes(stored.read_bytes()[:-1] + b"!")
    desktop, recorder = _start(start_desktop, tmp_path, repo)
    window = desktop.window
    offer = window.update_offer
    with qtbot.waitSignal(offer.checked, timeout=30_000):
        window.check_for_updates(usb)
    with qtbot.waitSignal(offer.failed, timeout=30_000):
        offer.install_button.click()
    assert recorder.commands == []
    assert offer.box is not None and offer.box.objectName() == "updateRefused"
    assert "ไม่ตรงกับที่ฝ่ายไอทีลงนามไว้" in offer.box.text()
    assert "รุ่นเดิมยังใช้งานได้" in offer.box.text()
