"""Each signature in a document with its verdict in one word, one sentence, and details.

The verdicts and sentences are the core's (ETSI-style, Thai and English); this panel
only lays them out, most important first: verdict, who, when, level.
"""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from korat_desktop.document_words import signature_level_label
from korat_desktop.domain.thai_dates import to_thai_time
from korat_desktop.signing import ValidationReport, Verdict
from korat_desktop.ui import language
from korat_desktop.ui.entry_text import short_date

__all__ = ["SignaturesPanel"]

_COLORS = {Verdict.VALID: QColor("#1b5e20"), Verdict.INDETERMINATE: QColor("#8d5a00"),
           Verdict.INVALID: QColor("#b3261e")}


class SignaturesPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName(self.tr("ลายมือชื่อในเอกสาร"))
        self.tree.setHeaderLabels([self.tr("ผลตรวจ"), self.tr("รายละเอียด")])
        self.tree.setColumnWidth(0, 150)
        self.tree.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)

    def _verdict_word(self, verdict: Verdict) -> str:
        return {Verdict.VALID: self.tr("ถูกต้อง"),
                Verdict.INDETERMINATE: self.tr("ยังยืนยันไม่ได้"),
                Verdict.INVALID: self.tr("ไม่ถูกต้อง")}[verdict]

    def show_checking(self) -> None:
        self.tree.clear()
        self.summary.setText(self.tr("กำลังตรวจสอบลายมือชื่อ…"))

    def show_message(self, text: str) -> None:
        self.tree.clear()
        self.summary.setText(text)

    def show_report(self, report: ValidationReport) -> None:
        self.tree.clear()
        lang = language.current()
        if not report.signed:
            self.summary.setText(self.tr("เอกสารนี้ยังไม่มีลายมือชื่ออิเล็กทรอนิกส์"))
            return
        if report.all_valid:
            self.summary.setText(self.tr("ลายมือชื่อทั้งหมดถูกต้อง"))
        else:
            self.summary.setText(self.tr("มีลายมือชื่อที่ต้องตรวจสอบ ดูรายละเอียดด้านล่าง"))
        for signature in report.signatures:
            when = signature.timestamp_time or signature.signing_time
            when_text = ""
            if when is not None:
                local = to_thai_time(when)
                when_text = f"{short_date(local.date(), lang)} {local:%H:%M}"
            level = signature_level_label(signature.level.value if signature.level else "", lang)
            item = QTreeWidgetItem([self._verdict_word(signature.verdict),
                                    f"{signature.signer_name}  {when_text}  {level}".strip()])
            item.setForeground(0, QBrush(_COLORS[signature.verdict]))
            words = signature.explanation_th if lang == "th" else signature.explanation_en
            details = [
                (self.tr("คำอธิบาย"), words),
                (self.tr("ผู้ลงนาม"), signature.signer.subject),
                (self.tr("ผู้ออกใบรับรอง"), signature.signer.issuer),
                (self.tr("เลขใบรับรอง"), signature.signer.serial_hex),
                (self.tr("เอกสารไม่ถูกแก้ไข"), self._yes_no(signature.intact)),
                (self.tr("ใบรับรองเชื่อถือได้"), self._yes_no(signature.trusted)),
                (self.tr("การเปลี่ยนแปลงหลังลงนาม"), signature.modification_level or "-"),
            ]
            if signature.detail:
                details.append((self.tr("หมายเหตุ"), signature.detail))
            for name, value in details:
                QTreeWidgetItem(item, [name, value])
            self.tree.addTopLevelItem(item)
            item.setExpanded(signature.verdict is not Verdict.VALID)
        for stamp in report.timestamps:
            item = QTreeWidgetItem([self._verdict_word(stamp.verdict),
                                    self.tr("ตราประทับเวลา {tsa}").format(tsa=stamp.tsa)])
            item.setForeground(0, QBrush(_COLORS[stamp.verdict]))
            self.tree.addTopLevelItem(item)

    def _yes_no(self, value: bool) -> str:
        return self.tr("ใช่") if value else self.tr("ไม่")
