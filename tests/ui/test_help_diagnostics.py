"""Help → ส่งข้อมูลให้ฝ่ายไอที: one click saves the diagnostics zip in Documents (issue 12)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from korat_desktop.domain.thai_dates import be_year, thai_now
from korat_desktop.pdf.sample import make_letter_pdf
from tests.diagnostics_checks import (
    CORE_MEMBERS,
    LETTER_MARKER,
    PASSWORD,
    SUBJECT_MARKER,
    assert_no_secret,
    zip_members,
)


def _seed(data: Path) -> None:
    from korat_desktop.app import open_app
    from korat_desktop.services.registration import LetterIntake

    app = open_app(data, write=True, create=True)
    try:
        app.office.init("นม 0017.1", "สำนักงานจังหวัดนครราชสีมา")
        pdf = make_letter_pdf(SUBJECT_MARKER, [f"เนื้อความ {LETTER_MARKER} ของหนังสือ"])
        app.registration.receive(pdf, LetterIntake(subject=SUBJECT_MARKER,
                                                   sender="อำเภอปากช่อง"))
    finally:
        app.close()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The clerk's home folder (QStandardPaths finds Documents under it)."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))  # no user-dirs.dirs
    return home


def test_one_click_saves_the_zip_in_documents_and_no_secret(
        qtbot, start_desktop, tmp_path: Path, home: Path) -> None:
    from PySide6.QtCore import QObject, QUrl, Slot
    from PySide6.QtGui import QDesktopServices

    data = tmp_path / "data"
    _seed(data)
    desktop = start_desktop(data)
    window = desktop.window
    proxy = f"http://clerk:{PASSWORD}@proxy.example:3128"
    with qtbot.waitSignal(desktop.operations.settings_changed, timeout=10_000):
        desktop.operations.change_settings({"sync.proxy": proxy})

    before = thai_now()
    window.diagnostics_action.trigger()  # the menu item: one click
    saver = window.diagnostics_saver
    assert saver is not None
    steps: list[tuple[int, int]] = []
    saver.progressed.connect(lambda done, total: steps.append((done, total)))
    assert "กำลังรวบรวมข้อมูลสำหรับฝ่ายไอที" in window.message.text()
    qtbot.waitUntil(lambda: saver.box is not None, timeout=30_000)
    box = saver.box
    assert box.objectName() == "diagnosticsSaved" and box.isVisible()

    documents = home / "Documents"
    saved = sorted(documents.glob("*.zip"))
    assert len(saved) == 1
    path = saved[0]
    # Thai time, Buddhist-Era year in the name: ข้อมูลสำหรับฝ่ายไอที-2569-12-02-091500.zip
    assert path.name.startswith("ข้อมูลสำหรับฝ่ายไอที-")
    years = {be_year(before.date()), be_year((before + dt.timedelta(minutes=1)).date())}
    assert int(path.name.split("-")[1]) in years
    assert str(path) in box.text()
    assert steps and steps[-1][0] == steps[-1][1]  # progress, up to done
    assert str(path) in window.message.text()

    members = zip_members(path)
    assert set(members) >= CORE_MEMBERS
    assert b'"ok": true' in members["check.json"]
    assert b"[hidden]@proxy.example" in members["config.json"]
    assert_no_secret(path, (PASSWORD, LETTER_MARKER, SUBJECT_MARKER, "SUBJECTMARKER"))

    # "เปิดโฟลเดอร์" opens the folder it is in (a registered handler stands in for
    # the file manager, through Qt's own URL-handler hook)
    class Handler(QObject):
        @Slot(QUrl)
        def open(self, url: QUrl) -> None:
            shown.append(url.toLocalFile())

    shown: list[str] = []
    handler = Handler()
    QDesktopServices.setUrlHandler("file", handler, "open")
    try:
        saver.open_button.click()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [Path(p) for p in shown] == [documents]
