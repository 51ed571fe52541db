"""Secret letters in the window, against the real core: the class is visible in the
register, the inbox and the outbox; a sealed letter shows a locked padlock and only its
placeholder until the office key is unlocked (once per session, from the letter or the
status bar); then the letter opens with its real subject and PDF, and locks again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt

from korat_desktop.domain.letters import Secrecy
from korat_desktop.pdf.sample import make_letter_pdf
from korat_desktop.protocol import SEALED_PLACEHOLDER
from korat_desktop.ui.register_model import ENTRY_ROLE, SECRECY_COLUMN
from tests.sync.conftest import keyring_file

__all__ = ["keyring_file"]  # the file keyring holds the office key, as the OS's would

MARK = "ยุทธการลับUI7781"


def _office_with_secret_letter(folder: Path) -> tuple[Path, int, int]:
    """A data dir with an office key, one ลับมาก letter (kept sealed) and one plain one."""
    from korat_desktop.app import open_app
    from korat_desktop.services.registration import LetterIntake

    app = open_app(folder, write=True, create=True)
    try:
        app.office.init("นม 0017.1", "สำนักงานจังหวัดนครราชสีมา")
        app.keys.new_key()
        done = app.registration.receive_many([
            (make_letter_pdf(MARK, ["เนื้อความลับ"]),
             LetterIntake(subject=MARK, sender="กองทัพภาคที่ 2", secrecy=Secrecy.SECRET)),
            (make_letter_pdf("ขอเชิญประชุม", ["เรื่อง ขอเชิญประชุม"]),
             LetterIntake(subject="ขอเชิญประชุม", sender="อำเภอปากช่อง")),
        ])
        assert not done.failures, done.failures
        secret, plain = done.entries
        assert secret.sealed and not plain.sealed
        return folder, secret.id, plain.id
    finally:
        app.close()


def _field(letter, name: str) -> str:  # type: ignore[no-untyped-def]
    """The text of the letter window's field ``name`` (its accessible name)."""
    from PySide6.QtWidgets import QLabel

    [label] = [w for w in letter.fields.findChildren(QLabel) if w.accessibleName() == name]
    return str(label.text())


def _row_of(model, entry_id: int) -> int:  # type: ignore[no-untyped-def]
    row = model.row_of(entry_id)
    assert row is not None
    return int(row)


def test_a_sealed_letter_opens_only_after_the_office_key_is_unlocked(
        qtbot, start_desktop: Callable[..., object], keyring_file: Path,  # type: ignore[no-untyped-def]
        tmp_path: Path) -> None:
    data, secret_id, plain_id = _office_with_secret_letter(tmp_path / "data")
    desktop = start_desktop(data)
    window = desktop.window  # type: ignore[attr-defined]
    model = window.receive_view.model
    qtbot.waitUntil(lambda: model.row_of(secret_id) is not None, timeout=10_000)
    column = model._keys.index(SECRECY_COLUMN)
    assert model.headerData(column, Qt.Orientation.Horizontal) == "ชั้นความลับ"
    secret_row, plain_row = _row_of(model, secret_id), _row_of(model, plain_id)
    cell = model.index(secret_row, column)
    assert model.data(cell) == "ลับมาก (ล็อก)"
    assert not model.data(cell, Qt.ItemDataRole.DecorationRole).isNull()
    assert model.data(model.index(plain_row, column)) == ""
    subjects = {model.data(model.index(r, 5), ENTRY_ROLE).subject for r in (secret_row,
                                                                         plain_row)}
    assert MARK not in subjects and SEALED_PLACEHOLDER in subjects
    assert window.padlock.text() == "หนังสือลับ: ล็อกอยู่"
    search = window.search_view.model  # search shows the class too, never the sealed text
    search.set_query(SEALED_PLACEHOLDER)
    qtbot.waitUntil(lambda: search.rowCount() == 1, timeout=10_000)
    assert search.data(search.index(0, search.columnCount() - 1)) == "ลับมาก"
    search.set_query(MARK)
    qtbot.waitUntil(lambda: not search._fetching, timeout=10_000)
    assert search.rowCount() == 0

    letter = window.open_entry(secret_id)
    qtbot.waitUntil(lambda: letter.detail is not None, timeout=10_000)
    assert letter.locked_bar.isVisible() and letter.opened is None
    assert MARK not in letter.heading.text() and SEALED_PLACEHOLDER in letter.heading.text()
    assert letter.pdf.page_count() == 0
    assert _field(letter, "ชั้นความลับ") == "ลับมาก (เก็บแบบเข้ารหัส ล็อกอยู่)"
    assert _field(letter, "เรื่อง") == SEALED_PLACEHOLDER

    qtbot.mouseClick(letter.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: letter.opened is not None, timeout=20_000)
    assert MARK in letter.heading.text() and not letter.locked_bar.isVisible()
    qtbot.waitUntil(lambda: letter.pdf.page_count() == 1, timeout=10_000)
    assert window.padlock.text() == "หนังสือลับ: ปลดล็อกแล้ว"
    assert model.data(cell) == "ลับมาก"
    assert _field(letter, "ชั้นความลับ") == "ลับมาก (เก็บแบบเข้ารหัส ปลดล็อกแล้ว)"
    assert _field(letter, "เรื่อง") == MARK and _field(letter, "จาก") == "กองทัพภาคที่ 2"

    # once unlocked, the session does not ask again: the next window opens at once
    again = window.open_entry(secret_id)
    qtbot.waitUntil(lambda: again.opened is not None, timeout=20_000)
    assert not again.locked_bar.isVisible()
    plain = window.open_entry(plain_id)  # a plain letter is untouched by all this
    qtbot.waitUntil(lambda: plain.detail is not None, timeout=10_000)
    assert plain.opened is None and not plain.locked_bar.isVisible()

    # the padlock locks again, and the open windows go back to the placeholder
    qtbot.mouseClick(window.padlock, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: letter.opened is None and letter.locked_bar.isVisible(),
                    timeout=20_000)
    assert MARK not in letter.heading.text() and letter.pdf.page_count() == 0
    assert window.padlock.text() == "หนังสือลับ: ล็อกอยู่"
    assert model.data(cell) == "ลับมาก (ล็อก)"
    for w in (letter, again, plain):
        w.close()


def test_the_padlock_says_why_a_key_will_not_unlock(
        qtbot, start_desktop: Callable[..., object], keyring_file: Path,  # type: ignore[no-untyped-def]
        tmp_path: Path) -> None:
    data, secret_id, _ = _office_with_secret_letter(tmp_path / "data")
    keyring_file.write_text("{}")  # the key is gone from this computer's keyring
    desktop = start_desktop(data)
    window = desktop.window  # type: ignore[attr-defined]
    letter = window.open_entry(secret_id)
    qtbot.waitUntil(lambda: letter.detail is not None, timeout=10_000)
    qtbot.mouseClick(letter.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: letter.unlock_button.isEnabled(), timeout=20_000)
    assert "keyring" in letter.locked_text.text() or "กุญแจ" in letter.locked_text.text()
    assert letter.opened is None and window.padlock.text() == "หนังสือลับ: ล็อกอยู่"
    letter.close()


def test_inbox_and_outbox_show_the_secrecy_class(
        qtbot, start_desktop: Callable[..., object], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from korat_desktop.ui.entry_text import secrecy_text

    desktop = start_desktop()
    window = desktop.window  # type: ignore[attr-defined]
    for view in (window.inbox_view, window.outbox_view):
        titles = [c.title for c in view.model.columns]
        assert "ชั้นความลับ" in titles, titles
    assert secrecy_text("secret", "th") == "ลับมาก" and secrecy_text("none", "th") == ""
    assert secrecy_text("confidential", "en") == Secrecy.CONFIDENTIAL.label("en")
