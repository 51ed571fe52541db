"""Help → คู่มือการใช้งาน and Help → เกี่ยวกับ: a short manual a clerk reads in the window,
and what IT asks first on the phone (version, the office and hub it is set up for)."""

from __future__ import annotations

import platform
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from korat_desktop.resources import resource_path
from korat_desktop.ui import language
from korat_desktop.ui.window_placement import place_on_first_show

if TYPE_CHECKING:
    from korat_desktop.services.results import OfficeInfo

__all__ = ["AboutDialog", "ManualDialog"]


def _lay_out(dialog: QDialog, body: QWidget, close: str) -> None:
    """``body`` above a lone Close button."""
    buttons = QDialogButtonBox(dialog)
    buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(body)
    layout.addWidget(buttons)


class ManualDialog(QDialog):
    """The manual in the app's language (resources/manual), links inside it followed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("manual")
        self.setWindowTitle(self.tr("คู่มือการใช้งาน"))
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("manualText")
        self.browser.setAccessibleName(self.tr("คู่มือการใช้งาน"))
        self.browser.setOpenExternalLinks(False)
        lang = "th" if language.current() == "th" else "en"
        self.browser.setSource(QUrl.fromLocalFile(
            str(resource_path("manual", f"manual_{lang}.html"))))
        _lay_out(self, self.browser, self.tr("ปิด"))
        self.resize(720, 600)
        place_on_first_show(self)

    def show_section(self, anchor: str) -> None:
        self.browser.scrollToAnchor(anchor)


class AboutDialog(QDialog):
    def __init__(self, office: OfficeInfo | None, hub_url: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        import PySide6

        from korat_desktop import __version__

        self.setObjectName("about")
        self.setWindowTitle(self.tr("เกี่ยวกับ Korat Desktop"))
        rows = [
            (self.tr("รุ่นโปรแกรม"), __version__),
            (self.tr("สัญญาอนุญาต"), "Apache License 2.0"),
            (self.tr("หน่วยงาน"), f"{office.agency_name} ({office.agency_code})"
             if office is not None else self.tr("ยังไม่ได้ตั้ง")),
            (self.tr("ระบบสารบรรณกลาง"), hub_url or self.tr("ยังไม่ได้ตั้ง (ใช้งานในเครื่องนี้เท่านั้น)")),
            (self.tr("รหัสเครื่อง"), office.device_id if office is not None else "-"),
            (self.tr("ระบบ"), f"Python {platform.python_version()}, Qt {PySide6.__version__}, "
                              f"{platform.system()} {platform.release()}"),
        ]
        text = "<h3>Korat Desktop</h3><p>" + self.tr(
            "โปรแกรมงานสารบรรณสำหรับสำนักงานที่อินเทอร์เน็ตไม่เสถียร") + "</p><table>" + "".join(
            f"<tr><td><b>{label}</b>&nbsp;&nbsp;</td><td>{value}</td></tr>"
            for label, value in rows) + "</table>"
        self.label = QLabel(text, self)
        self.label.setObjectName("aboutText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        _lay_out(self, self.label, self.tr("ปิด"))
        place_on_first_show(self)
