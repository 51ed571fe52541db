"""Each signature in a document with its verdict in one word, one sentence, and details.

The verdicts and sentences are the core's (ETSI-style, Thai and English); this panel
only lays them out, most important first: verdict, who, when, what the level means.
No PAdES names or raw certificate names: "B-B" and "CN=…, O=…" are said in words (the
raw text stays in the tooltip for IT), and a signature that is not yet confirmed says
what it waits for and when it will be confirmed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from korat_desktop.domain.signature_words import level_words, modification_words, waiting_words
from korat_desktop.domain.thai_dates import to_thai_time
from korat_desktop.signing import ValidationReport, Verdict
from korat_desktop.signing.certificates import CertificateInfo
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
        # the names column fits its longest name; the values wrap in what is left, and a
        # value still too long for its row is elided with the whole text as its tooltip
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)

    def _verdict_word(self, verdict: Verdict) -> str:
        return {Verdict.VALID: self.tr("ถูกต้อง"),
                Verdict.INDETERMINATE: self.tr("รอยืนยัน"),
                Verdict.INVALID: self.tr("ไม่ถูกต้อง")}[verdict]

    def show_checking(self) -> None:
        self.tree.clear()
        self.summary.setText(self.tr("กำลังตรวจสอบลายมือชื่อ…"))

    def show_message(self, text: str) -> None:
        self.tree.clear()
        self.summary.setText(text)

    def _item(self, parent: QTreeWidget | QTreeWidgetItem, texts: list[str],
              tips: list[str] | None = None) -> QTreeWidgetItem:
        item = QTreeWidgetItem(texts)
        for column, text in enumerate(tips or texts):
            item.setToolTip(column, text)
        if isinstance(parent, QTreeWidget):
            parent.addTopLevelItem(item)
        else:
            parent.addChild(item)
        return item

    def show_report(self, report: ValidationReport) -> None:
        self.tree.clear()
        lang = language.current()
        if not report.signed:
            self.summary.setText(self.tr("เอกสารนี้ยังไม่มีลายมือชื่ออิเล็กทรอนิกส์"))
            return
        if report.all_valid:
            self.summary.setText(self.tr("ลายมือชื่อทั้งหมดถูกต้อง"))
        elif all(s.verdict is not Verdict.INVALID for s in report.signatures):
            self.summary.setText(self.tr("ลายมือชื่อทำไว้ถูกต้อง บางรายการยังรอยืนยัน ดูรายละเอียดด้านล่าง"))
        else:
            self.summary.setText(self.tr("มีลายมือชื่อที่ต้องตรวจสอบ ดูรายละเอียดด้านล่าง"))
        for signature in report.signatures:
            when = signature.timestamp_time or signature.signing_time
            parts = [signature.signer_name]
            if when is not None:
                local = to_thai_time(when)
                parts.append(f"{short_date(local.date(), lang)} {local:%H:%M}")
            level = signature.level.value if signature.level else None
            parts.append(level_words(level, lang))
            item = self._item(self.tree, [self._verdict_word(signature.verdict),
                                          " · ".join(parts)])
            item.setForeground(0, QBrush(_COLORS[signature.verdict]))
            words = signature.explanation_th if lang == "th" else signature.explanation_en
            details = [(self.tr("คำอธิบาย"), words, words)]
            if signature.verdict is Verdict.INDETERMINATE:
                waiting = waiting_words(signature.reason.value if signature.reason else None,
                                        level, report.tsa_configured, lang)
                if waiting:
                    details.append((self.tr("จะยืนยันได้เมื่อใด"), waiting, waiting))
            details += [
                (self.tr("ผู้ลงนาม"), self._person(signature.signer), signature.signer.subject),
                (self.tr("ผู้ออกใบรับรอง"), signature.signer.issuer_name
                 or signature.signer.issuer, signature.signer.issuer),
                (self.tr("เลขใบรับรอง"), signature.signer.serial_hex,
                 signature.signer.serial_hex),
                (self.tr("เอกสารไม่ถูกแก้ไข"), self._yes_no(signature.intact), ""),
                (self.tr("ใบรับรองเชื่อถือได้"), self._yes_no(signature.trusted), ""),
                (self.tr("การเปลี่ยนแปลงหลังลงนาม"),
                 modification_words(signature.modification_level, lang), ""),
            ]
            if signature.detail:
                details.append((self.tr("หมายเหตุ"), signature.detail, signature.detail))
            for name, value, tip in details:
                self._item(item, [name, value], [name, tip or value])
            item.setExpanded(signature.verdict is not Verdict.VALID)
        for stamp in report.timestamps:
            item = self._item(self.tree, [self._verdict_word(stamp.verdict),
                                          self.tr("ตราประทับเวลา {tsa}").format(tsa=stamp.tsa)])
            item.setForeground(0, QBrush(_COLORS[stamp.verdict]))

    def _person(self, signer: CertificateInfo) -> str:
        """"นายสมชาย ใจดี — สำนักงานจังหวัดนครราชสีมา", not "CN=…, O=…, C=TH"."""
        if signer.organization:
            return f"{signer.common_name} — {signer.organization}"
        return signer.common_name

    def _yes_no(self, value: bool) -> str:
        return self.tr("ใช่") if value else self.tr("ไม่")
