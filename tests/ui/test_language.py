"""Thai by default, English complete: every UI string is in the English translation."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

import korat_desktop.ui
from korat_desktop.resources import resource_path

UI_DIR = Path(korat_desktop.ui.__file__).parent
TS_FILE = resource_path("translations", "korat_en.ts")
QM_FILE = resource_path("translations", "korat_en.qm")


def source_strings() -> set[str]:
    """Every literal passed to tr(...) or translate(ctx, ...) in the UI sources."""
    found: set[str] = set()
    for path in UI_DIR.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            args = node.args
            if node.func.attr == "tr" and args and isinstance(args[0], ast.Constant):
                found.add(args[0].value)
            elif node.func.attr == "translate" and len(args) >= 2 and \
                    isinstance(args[1], ast.Constant):
                found.add(args[1].value)
    return found


def translations() -> dict[str, str]:
    result = {}
    for message in ET.parse(TS_FILE).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        if translation.get("type") in ("obsolete", "vanished"):
            continue
        result[source] = "" if translation.get("type") == "unfinished" else (
            translation.text or "")
    return result


def test_every_ui_string_has_an_english_translation() -> None:
    english = translations()
    strings = source_strings()
    assert len(strings) > 150
    missing = sorted(s for s in strings if not english.get(s))
    assert not missing, f"untranslated (run scripts/translations): {missing[:10]}"
    assert QM_FILE.stat().st_mtime >= TS_FILE.stat().st_mtime - 1, "korat_en.qm is stale"


def test_placeholders_survive_translation() -> None:
    import re

    for source, english in translations().items():
        wanted = sorted(re.findall(r"\{\w+\}", source))
        assert sorted(re.findall(r"\{\w+\}", english)) == wanted, source


def test_switching_to_english_rebuilds_the_window_in_english(qtbot, start_desktop,
                                                             seeded_dir) -> None:
    desktop = start_desktop(seeded_dir(receive=1))
    old = desktop.window
    assert old.navigation.item(0).text() == "ทะเบียนรับ"
    desktop.set_language("en")
    window = desktop.window
    assert window is not old
    assert window.navigation.item(0).text() == "Receive register"
    assert window.receive_view.add.text() == "Receive letters…"
    qtbot.waitUntil(lambda: window.receive_view.model.rowCount() == 1, timeout=10_000)
    header = window.receive_view.model.headerData(0, __import__(
        "PySide6.QtCore", fromlist=["Qt"]).Qt.Orientation.Horizontal)
    assert header == "Receive no."
    assert "register" in window.receive_view.title.text().lower()


def test_starting_in_english(qtbot, start_desktop) -> None:
    desktop = start_desktop(lang="en")
    assert desktop.window.search_view.field.accessibleName() == "Search terms"
    assert desktop.window.menuBar().actions()[0].text() == "Letters"


def test_qt_own_words_are_thai_in_thai_and_english_in_english(qapp) -> None:
    """Standard buttons and the copy/paste menu come from Qt, which ships no Thai:
    our qtbase_th catalog covers them in Thai mode, and English mode stays Qt's."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QDialogButtonBox

    from korat_desktop.ui import language

    def buttons() -> list[str]:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel
                               | QDialogButtonBox.StandardButton.Yes)
        return [box.button(b).text() for b in (QDialogButtonBox.StandardButton.Ok,
                                                QDialogButtonBox.StandardButton.Cancel,
                                                QDialogButtonBox.StandardButton.Yes)]

    try:
        language.install("th")
        assert buttons() == ["ตกลง", "ยกเลิก", "ใช่ (&Y)"]
        assert QCoreApplication.translate("QLineEdit", "&Copy") == "คัดลอก (&C)"
        language.install("en")
        assert buttons() == ["OK", "Cancel", "&Yes"]
        assert QCoreApplication.translate("QLineEdit", "&Copy") == "&Copy"
    finally:
        language.install("th")
