"""The การส่ง tab of a letter: whom it goes to, where it is, and who registered it.

For a letter we sent through the hub it lists each recipient agency with either its
delivery receipt (their receive number, date and time: the regulation's "receipt
confirmed") or that it is still on its way; a letter not queued yet has a button to
send it. A letter that never went through the hub says so in a line.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from korat_desktop.domain.thai_dates import clock_text, format_thai_date
from korat_desktop.services.sync_rows import Delivery
from korat_desktop.ui import language

__all__ = ["DeliveryPanel"]


class DeliveryPanel(QWidget):
    queue_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("สถานะการส่ง"))
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.receipts = QTreeWidget(self)
        self.receipts.setAccessibleName(self.tr("ใบตอบรับจากผู้รับ"))
        self.receipts.setHeaderLabels([self.tr("ผู้รับ"), self.tr("สถานะ"), self.tr("เลขรับ"),
                                       self.tr("วันที่รับ")])
        self.receipts.setRootIsDecorated(False)
        self.receipts.setColumnWidth(0, 270)
        self.receipts.setColumnWidth(1, 90)
        self.receipts.setColumnWidth(2, 80)
        self.queue = QPushButton(self.tr("ส่งทางระบบกลาง"), self)
        self.queue.setAccessibleName(self.tr("ส่งหนังสือนี้ทางระบบกลาง"))
        self.queue.hide()
        self.queue.clicked.connect(self.queue_requested)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.receipts, 1)
        layout.addWidget(self.queue, 0, Qt.AlignmentFlag.AlignLeft)
        self.show_message(self.tr("กำลังอ่านสถานะการส่ง…"))

    def show_message(self, text: str) -> None:
        self.summary.setText(text)
        self.receipts.hide()
        self.queue.hide()

    def show_delivery(self, delivery: Delivery, signed: bool) -> None:
        lang = language.current()
        self.receipts.clear()
        by_agency = {r.agency_code: r for r in delivery.receipts}
        for code, name in delivery.recipients:
            receipt = by_agency.pop(code, None)
            if receipt is None:
                self.receipts.addTopLevelItem(QTreeWidgetItem(
                    [f"{name} ({code})", self._pending_word(delivery), "", ""]))
            else:
                self.receipts.addTopLevelItem(QTreeWidgetItem([
                    f"{receipt.agency_name} ({code})", self.tr("ลงรับแล้ว"),
                    f"{receipt.receive_number}/{receipt.receive_year}",
                    f"{format_thai_date(receipt.received_date, 'abbr', lang=lang)} "
                    f"{clock_text(receipt.received_time, lang)}"]))
        for receipt in by_agency.values():  # a copy the sender did not address directly
            self.receipts.addTopLevelItem(QTreeWidgetItem([
                f"{receipt.agency_name} ({receipt.agency_code})", self.tr("ลงรับแล้ว"),
                f"{receipt.receive_number}/{receipt.receive_year}",
                f"{format_thai_date(receipt.received_date, 'abbr', lang=lang)} "
                f"{clock_text(receipt.received_time, lang)}"]))
        self.receipts.setVisible(self.receipts.topLevelItemCount() > 0)
        self.summary.setText(self._summary(delivery, signed))
        self.queue.setVisible(delivery.can_queue)
        self.queue.setEnabled(signed)
        self.queue.setToolTip("" if signed else self.tr("ลงนามก่อนจึงส่งได้"))

    def _pending_word(self, delivery: Delivery) -> str:
        if delivery.state == "committed":
            return self.tr("ส่งถึงแล้ว รอลงรับ")
        if delivery.state in ("failed", "refused"):
            return self.tr("ส่งไม่สำเร็จ")
        if delivery.state == "queued":
            return self.tr("รอส่ง")
        return self.tr("ยังไม่ได้ส่ง")

    def _summary(self, delivery: Delivery, signed: bool) -> str:
        if not delivery.recipients and not delivery.receipts:
            if not delivery.connected:
                return self.tr("ยังไม่ได้เชื่อมต่อกับระบบสารบรรณกลาง "
                               "สถานะการส่งและการตอบรับจะแสดงที่นี่เมื่อเชื่อมต่อแล้ว")
            return self.tr("หนังสือนี้ไม่ได้ส่งทางระบบกลาง")
        done = len(delivery.receipts)
        total = max(len(delivery.recipients), done)
        if delivery.state is None:
            text = (self.tr("ยังไม่ได้ส่ง กด “ส่งทางระบบกลาง” เพื่อเข้าคิวส่ง") if signed
                    else self.tr("ยังไม่ได้ส่ง ลงนามก่อนแล้วจึงส่งทางระบบกลาง"))
        elif delivery.state in ("failed", "refused") and delivery.error is not None:
            text = self.tr("ส่งไม่สำเร็จ: {reason}").format(
                reason=delivery.error.message(language.current()))
        elif delivery.state == "queued":
            text = self.tr("อยู่ในคิวส่ง จะส่งเมื่อซิงก์ครั้งถัดไป")
        else:
            text = self.tr("ส่งถึงระบบกลางแล้ว")
        return text + "\n" + self.tr("ผู้รับลงรับแล้ว {done} จาก {total}").format(
            done=done, total=total)
