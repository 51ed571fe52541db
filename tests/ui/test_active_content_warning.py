"""The letter view warns of active content before the clerk exports it (issue 13, item 10)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.hostile_pdfs import active_letter


def _seed(tmp_path: Path) -> Path:
    from korat_desktop.app import open_app
    from korat_desktop.pdf.sample import make_letter_pdf
    from korat_desktop.services.registration import LetterIntake

    data = tmp_path / "data"
    app = open_app(data, write=True, create=True)
    try:
        app.office.init("นม 0017.1", "สำนักงานจังหวัดนครราชสีมา")
        app.registration.receive_many([
            (active_letter("open_action"), LetterIntake(subject="มีสคริปต์")),
            (make_letter_pdf("ธรรมดา", ["x"]), LetterIntake(subject="ธรรมดา"))])
    finally:
        app.close()
    return data


@pytest.mark.parametrize("lang,words,name", [
    ("th", "คำเตือน: เอกสารนี้มีเนื้อหาที่สั่งทำงานได้ (สคริปต์ JavaScript)",
     "คำเตือน: เอกสารมีเนื้อหาที่สั่งทำงานได้"),
    ("en", "Warning: this document contains active content (JavaScript)",
     "Warning: the document contains active content"),
])
def test_letter_with_javascript_shows_a_warning(qtbot, start_desktop, machine_config,
                                                 tmp_path, lang, words, name) -> None:
    desktop = start_desktop(_seed(tmp_path), lang=lang)
    window = desktop.window
    active = window.open_entry(1)
    qtbot.waitUntil(lambda: active.detail is not None, timeout=10_000)
    assert active.detail.active_content == ("javascript",)
    assert active.active_warning.isVisible()
    assert active.active_warning.text().startswith(words)
    assert active.active_warning.accessibleName() == name
    active.close()

    plain = window.open_entry(2)
    qtbot.waitUntil(lambda: plain.detail is not None, timeout=10_000)
    assert plain.detail.active_content == ()
    assert not plain.active_warning.isVisible()
    plain.close()
