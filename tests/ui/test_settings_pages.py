"""Settings for clerks and for IT: real values, where each comes from, no wheel slips."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QDoubleSpinBox, QLineEdit, QSpinBox

from korat_desktop.config import SETTINGS

ADVANCED_PAGE = "ขั้นสูง (สำหรับฝ่ายไอที)"


def _open(qtbot, desktop):  # type: ignore[no-untyped-def]
    dialog = desktop.window.open_settings()
    qtbot.waitUntil(lambda: len(dialog.editors) == len(SETTINGS), timeout=10_000)
    return dialog


def test_agency_fields_show_the_office_set_at_first_start(qtbot, start_desktop, seeded_dir,
                                                          machine_dir: Path) -> None:
    data = seeded_dir(receive=1)  # `korat init`-style office: นม 0017.1
    # IT named no agency on this PC: the office's own values must show, not blanks
    (machine_dir / "config.toml").write_text("[signing]\npkcs11_modules = []\n",
                                             encoding="utf-8")
    dialog = _open(qtbot, start_desktop(data))
    code, name = dialog.editors["agency.code"], dialog.editors["agency.name"]
    assert isinstance(code, QLineEdit) and isinstance(name, QLineEdit)
    assert code.text() == "นม 0017.1"
    assert name.text() == "สำนักงานจังหวัดนครราชสีมา"
    assert code.isReadOnly() and name.isReadOnly()
    assert "เริ่มใช้ครั้งแรก" in dialog.sources["agency.code"].text()
    assert "ค่าเริ่มต้น" not in dialog.sources["agency.code"].text()
    assert dialog.page_of("agency.code") == "ทั่วไป"
    assert "agency.code" not in dialog.changed_values()  # showing them writes nothing
    dialog.close()


def test_each_field_says_where_its_value_comes_from(qtbot, start_desktop, tmp_path: Path,
                                                    machine_dir: Path) -> None:
    (machine_dir / "policy.toml").write_text("[display]\nthai_digits = true\n", encoding="utf-8")
    desktop = start_desktop()
    # changed by another process after the app opened: the window must show it
    subprocess.run([sys.executable, "-m", "korat_desktop.cli.main", "--data-dir",
                    str(tmp_path / "data"), "config", "set", "sync.interval_s", "120"],
                   check=True, capture_output=True)
    dialog = _open(qtbot, desktop)
    texts = {key: label.text() for key, label in dialog.sources.items()}
    interval = dialog.editors["sync.interval_s"]
    assert isinstance(interval, QSpinBox) and interval.value() == 120
    assert texts["sync.interval_s"].startswith("ค่าของผู้ใช้")
    assert "settings.toml" in texts["sync.interval_s"]
    assert texts["signing.pkcs11_modules"].startswith("ค่าของเครื่อง")  # conftest's config.toml
    assert "config.toml" in texts["signing.pkcs11_modules"]
    assert "นโยบายของเครื่อง" in texts["display.thai_digits"]
    assert texts["retention.default_years"] == "ค่าเริ่มต้น"
    for value in dialog.values.values():
        said_default = texts[value.setting.key] == "ค่าเริ่มต้น"
        assert said_default == (value.source.value == "default"
                                and value.setting.key not in dialog.fixed), value.setting.key
    dialog.close()


def test_technical_settings_are_on_the_it_page(qtbot, start_desktop) -> None:
    dialog = _open(qtbot, start_desktop())
    assert [dialog.pages.tabText(i) for i in range(dialog.pages.count())] == [
        "ทั่วไป", ADVANCED_PAGE]
    for key in ("signing.pkcs11_modules", "sync.proxy", "sync.max_backoff_s",
                "sync.retry_attempts", "sync.ca_bundle", "log.max_kb"):
        assert dialog.page_of(key) == ADVANCED_PAGE, key
    for key in ("agency.code", "ui.language", "display.thai_digits",
                "retention.default_years", "sync.paused"):
        assert dialog.page_of(key) == "ทั่วไป", key
    # the pages follow the declarations, nothing listed by hand in the window
    for setting in SETTINGS:
        assert (dialog.page_of(setting.key) == ADVANCED_PAGE) == setting.advanced
    dialog.close()


def test_choices_are_words_not_codes(qtbot, start_desktop) -> None:
    dialog = _open(qtbot, start_desktop())
    lang = dialog.editors["ui.language"]
    assert isinstance(lang, QComboBox)
    assert [lang.itemText(i) for i in range(lang.count())] == ["ไทย", "English"]
    assert lang.currentText() == "ไทย"
    level = dialog.editors["signing.target_level"]
    assert isinstance(level, QComboBox)
    items = [level.itemText(i) for i in range(level.count())]
    assert all(not any(c.isascii() and c.isalpha() for c in text) for text in items), items
    assert level.currentData() == "b-lt"
    lang.setCurrentIndex(1)
    assert dialog.changed_values() == {"ui.language": "en"}
    dialog.close()


def _wheel(widget, steps: int = 1) -> None:  # type: ignore[no-untyped-def]
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(QPoint(0, 0))) + centre,
                        QPoint(0, 0), QPoint(0, 120 * steps), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_the_wheel_changes_a_number_only_once_the_box_has_focus(qtbot, start_desktop) -> None:
    dialog = _open(qtbot, start_desktop())
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.save.setFocus()
    qtbot.waitUntil(dialog.save.hasFocus, timeout=5_000)
    retention = dialog.editors["retention.default_years"]
    timeout = dialog.editors["sync.connect_timeout_s"]
    level = dialog.editors["signing.target_level"]
    assert isinstance(retention, QSpinBox) and isinstance(timeout, QDoubleSpinBox)
    assert isinstance(level, QComboBox)
    for editor, read in ((retention, retention.value), (timeout, timeout.value),
                         (level, level.currentIndex)):
        before = read()
        _wheel(editor)
        _wheel(editor, -1)
        _wheel(editor, -1)
        assert read() == before, editor.accessibleName()
        assert not editor.hasFocus()  # the wheel did not hand it focus either
    assert dialog.changed_values() == {}

    retention.setFocus()
    qtbot.waitUntil(retention.hasFocus, timeout=5_000)
    _wheel(retention)
    assert retention.value() == 11
    assert dialog.changed_values() == {"retention.default_years": 11}
    dialog.close()


def test_sections_that_are_it_s_go_to_the_it_page_by_default() -> None:
    from korat_desktop.config import Setting

    assert Setting("update.channel", str, "stable", "ช่องทาง", "Channel").advanced is True
    assert Setting("log.level", str, "info", "ระดับ", "Level").advanced is True
    assert Setting("display.zoom", int, 100, "ขนาด", "Zoom").advanced is False
    assert Setting("display.x", int, 1, "x", "x", advanced=True).advanced is True
    assert Setting("update.y", int, 1, "y", "y", advanced=False).advanced is False
