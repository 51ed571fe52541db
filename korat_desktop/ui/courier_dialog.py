"""ส่งทางพนักงานนำสาร: letters, or everything waiting for some agencies, onto a stick;
for a relay office also what waits at the hub for an agency it carries mail for.

The order is what keeps a clerk from typing a PIN for nothing: pick what goes and
where (a removable drive, or another folder), then the folder is tried with a small
write (a read-only or vanished stick is said at once), then the signer is opened (the
clerk's card or the office's certificate file), then the service writes, verifies and
renames each bundle while the bar moves. The answer names the files written, how many
letters went and how big they are, or says plainly what went wrong (stick full,
removed, read-only) in the core's own words.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from korat_desktop.ui import language
from korat_desktop.ui.buttons import primary_button
from korat_desktop.ui.drive_watch import DriveWatcher
from korat_desktop.ui.drives import Drive, drive_at, format_size, removable_drives
from korat_desktop.ui.error_text import error_text
from korat_desktop.ui.operations import Operations, SignerHandle
from korat_desktop.ui.signer_picker import SignerPicker
from korat_desktop.ui.token_watch import TokenWatcher

if TYPE_CHECKING:
    from korat_desktop.protocol.directory import Agency
    from korat_desktop.services.courier_results import ExportResult
    from korat_desktop.services.results import OfficeInfo
    from korat_desktop.services.sync_rows import OutboxLine

__all__ = ["CourierExportDialog"]


class CourierExportDialog(QDialog):
    exported = Signal(object)  # ExportResult

    def __init__(self, operations: Operations, tokens: TokenWatcher,
                 drives: DriveWatcher | None = None, parent: QWidget | None = None, *,
                 op_ids: Sequence[str] = (), entry_ids: Sequence[int] = ()) -> None:
        super().__init__(parent)
        self.operations = operations
        self._chosen_ops = set(op_ids)
        self._chosen_entries = set(entry_ids)
        self._other: Drive | None = None  # a folder picked by hand
        self._signer: SignerHandle | None = None
        self._busy = False
        self.report: ExportResult | None = None
        self.setWindowTitle(self.tr("ส่งทางพนักงานนำสาร"))
        self.setAccessibleName(self.windowTitle())
        self.resize(760, 640)

        self.by_letters = QRadioButton(self.tr("หนังสือที่เลือก"), self)
        self.by_agencies = QRadioButton(self.tr("ทุกฉบับที่รอส่งถึงหน่วยงานที่เลือก"), self)
        self.for_relay = QRadioButton(self.tr("ที่รอที่ระบบกลางถึงหน่วยงานที่เรานำส่งให้"), self)
        self.for_relay.setToolTip(self.tr(
            "หน่วยงานที่ไม่มีอินเทอร์เน็ตซึ่งระบบกลางกำหนดให้หน่วยงานนี้นำเอกสารไปส่ง"))
        self.for_relay.hide()  # shown when the directory names us as someone's relay
        self.by_letters.setChecked(True)
        self._what = QButtonGroup(self)  # apart from the signer picker's radio buttons
        self._what.addButton(self.by_letters)
        self._what.addButton(self.by_agencies)
        self._what.addButton(self.for_relay)
        self.relayed = QComboBox(self)
        self.relayed.setAccessibleName(self.tr("หน่วยงานที่เรานำส่งให้"))
        self.relayed.hide()
        self._own_code: str | None = None
        self._directory: list[Agency] = []
        self.letters = QListWidget(self)
        self.letters.setAccessibleName(self.tr("หนังสือที่รอส่ง"))
        self.agencies = QListWidget(self)
        self.agencies.setAccessibleName(self.tr("หน่วยงานผู้รับ"))
        self.agencies.hide()
        self.drive = QComboBox(self)
        self.drive.setAccessibleName(self.tr("ไดรฟ์ปลายทาง"))
        self.other_folder = QPushButton(self.tr("โฟลเดอร์อื่น…"), self)
        self.other_folder.setToolTip(self.tr("เขียนลงโฟลเดอร์ที่เลือกเอง"))
        self.space = QLabel(self)
        self.space.setObjectName("muted")
        form = QFormLayout()
        drive_row = QHBoxLayout()
        drive_row.addWidget(self.drive, 1)
        drive_row.addWidget(self.other_folder)
        form.addRow(self.tr("ปลายทาง"), drive_row)
        form.addRow("", self.space)
        self.signer_picker = SignerPicker(operations, tokens, form, self, office_file=True)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("ความคืบหน้าการเขียนชุดเอกสาร"))
        self.progress.hide()
        self.message = QLabel(self)
        self.message.setObjectName("result")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setAccessibleName(self.tr("ผลการส่งทางพนักงานนำสาร"))
        self.files = QListWidget(self)
        self.files.setAccessibleName(self.tr("ไฟล์ที่เขียน"))
        self.files.hide()
        self.export_button = primary_button(self.tr("ลงนามและเขียนลงไดรฟ์"), self)
        self.close_button = QPushButton(self.tr("ปิด"), self)

        what = QHBoxLayout()
        what.addWidget(self.by_letters)
        what.addWidget(self.by_agencies)
        what.addWidget(self.for_relay)
        what.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress, 1)
        bottom.addStretch(0)
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("ส่งอะไร"), self))
        layout.addLayout(what)
        layout.addWidget(self.letters, 1)
        layout.addWidget(self.agencies, 1)
        layout.addWidget(self.relayed)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.files)
        layout.addLayout(bottom)

        self.by_agencies.toggled.connect(self._mode_changed)
        self.for_relay.toggled.connect(self._mode_changed)
        self.letters.itemChanged.connect(lambda _i: self._refresh())
        self.agencies.itemChanged.connect(lambda _i: self._refresh())
        self.drive.currentIndexChanged.connect(lambda _i: self._drive_chosen())
        self.other_folder.clicked.connect(self.pick_folder)
        self.signer_picker.changed.connect(self._refresh)
        self.export_button.clicked.connect(self.start_export)
        self.close_button.clicked.connect(self.close)
        if drives is not None:
            drives.drives_changed.connect(self.show_drives)
            self.show_drives(drives.drives)
        else:
            self.show_drives(removable_drives())
        operations.courier.pending().then(self._show_pending,
                                          lambda e: self.message.setText(error_text(e)))
        operations.hub.agencies().then(self._show_agencies)
        operations.office().then(self._show_office)
        self._refresh()

    # -- what goes -----------------------------------------------------------------------
    def _show_pending(self, lines: list[OutboxLine]) -> None:
        self.letters.blockSignals(True)
        self.letters.clear()
        for line in lines:
            op = line.op
            item = QListWidgetItem(self._line_text(line), self.letters)
            item.setData(Qt.ItemDataRole.UserRole, op.op_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            chosen = op.op_id in self._chosen_ops or op.entry_id in self._chosen_entries
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
        if not lines:
            QListWidgetItem(self.tr("ไม่มีหนังสือที่รอส่ง"), self.letters).setFlags(
                Qt.ItemFlag.NoItemFlags)
        self.letters.blockSignals(False)
        self._refresh()

    def _line_text(self, line: OutboxLine) -> str:
        to = ", ".join(line.recipients)
        if line.op.kind == "letter.send":
            text = self.tr("หนังสือ {number} เรื่อง {subject}").format(
                number=line.letter_number, subject=line.subject)
        elif line.op.kind == "letter.receipt":
            text = self.tr("ใบตอบรับหนังสือ")
        else:
            text = line.op.kind
        return self.tr("{what} — ถึง {to}").format(what=text, to=to) if to else text

    def _show_office(self, office: OfficeInfo) -> None:
        self._own_code = office.agency_code
        self._show_relayed()

    def _show_relayed(self) -> None:
        """The agencies the directory says we carry mail for (relay outward)."""
        self.relayed.clear()
        for agency in self._directory:
            if self._own_code is not None and agency.relay == self._own_code:
                self.relayed.addItem(f"{agency.name} ({agency.code})", agency.code)
        self.for_relay.setVisible(self.relayed.count() > 0)
        self._mode_changed()

    def _show_agencies(self, agencies: list[Agency]) -> None:
        self._directory = list(agencies)
        self._show_relayed()
        self.agencies.blockSignals(True)
        self.agencies.clear()
        for agency in agencies:
            item = QListWidgetItem(f"{agency.name} ({agency.code})", self.agencies)
            item.setData(Qt.ItemDataRole.UserRole, agency.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.agencies.blockSignals(False)
        self._refresh()

    def _mode_changed(self, *_args: object) -> None:
        self.agencies.setVisible(self.by_agencies.isChecked())
        self.relayed.setVisible(self.for_relay.isChecked())
        self.letters.setVisible(self.by_letters.isChecked())
        self._refresh()

    @staticmethod
    def _checked(widget: QListWidget) -> list[str]:
        return [str(widget.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(widget.count())
                if widget.item(i).checkState() == Qt.CheckState.Checked]

    def op_ids(self) -> list[str]:
        return self._checked(self.letters) if self.by_letters.isChecked() else []

    def agency_codes(self) -> list[str]:
        return self._checked(self.agencies) if self.by_agencies.isChecked() else []

    def for_agency(self) -> str | None:
        """The agency whose mail at the hub we carry (relay outward), in that mode."""
        code = self.relayed.currentData() if self.for_relay.isChecked() else None
        return str(code) if code else None

    # -- where to ------------------------------------------------------------------------
    def show_drives(self, drives: list[Drive]) -> None:
        chosen = self.destination()
        self.drive.blockSignals(True)
        self.drive.clear()
        for drive in drives:
            self.drive.addItem(self.tr("{name} — ว่าง {free}").format(
                name=drive.name, free=format_size(drive.free)), drive)
        if self._other is not None:
            self.drive.addItem(str(self._other.root), self._other)
        if not self.drive.count():
            self.drive.addItem(self.tr("ไม่พบไดรฟ์แบบถอดได้ เสียบแฟลชไดรฟ์ หรือเลือกโฟลเดอร์อื่น"),
                               None)
        for index in range(self.drive.count()):
            data = self.drive.itemData(index)
            if chosen is not None and data is not None and data.key == chosen.key:
                self.drive.setCurrentIndex(index)
        self.drive.blockSignals(False)
        self._drive_chosen()

    def pick_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("เลือกโฟลเดอร์ปลายทาง"))
        if name:
            self.set_folder(Path(name))

    def set_folder(self, folder: Path) -> None:
        """Write into ``folder`` (another folder than a listed drive)."""
        self._other = drive_at(folder)
        self.drive.addItem(str(folder), self._other)
        self.drive.setCurrentIndex(self.drive.count() - 1)

    def destination(self) -> Drive | None:
        data = self.drive.currentData() if self.drive.count() else None
        return data if isinstance(data, Drive) else None

    def _drive_chosen(self) -> None:
        drive = self.destination()
        self.space.setText(self.tr("ว่าง {free} จาก {total}").format(
            free=format_size(drive.free), total=format_size(drive.total))
            if drive is not None and drive.total else "")
        self._refresh()

    # -- writing -------------------------------------------------------------------------
    def _refresh(self) -> None:
        what = bool(self.op_ids() or self.agency_codes() or self.for_agency())
        self.export_button.setEnabled(what and self.destination() is not None
                                      and self.signer_picker.ready() and not self._busy)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)
        if text:
            self.message.setText(text)
        self._refresh()

    def start_export(self) -> None:
        drive = self.destination()
        if drive is None or self._busy or not self.export_button.isEnabled():
            return
        self.files.hide()
        self._set_busy(True, self.tr("กำลังตรวจไดรฟ์ปลายทาง…"))
        self.operations.courier.check_destination(drive.root).then(
            lambda _folder: self._log_in(), self._failed)

    def _log_in(self) -> None:
        self.message.setText(self.tr("กดรหัสที่เครื่องอ่านบัตร…") if self.signer_picker.pin_pad
                             else self.tr("กำลังเข้าสู่บัตร…"))
        self.signer_picker.log_in().then(self._logged_in, self._failed)

    def _logged_in(self, signer: SignerHandle) -> None:
        drive = self.destination()
        if drive is None:  # the list changed under us: the stick went away
            self.operations.close_signer(signer)
            self._failed_text(self.tr("ไดรฟ์ปลายทางถูกถอดออกไปแล้ว"))
            return
        self._signer = signer
        self.message.setText(self.tr("กำลังเขียนชุดเอกสาร ลงนามโดย {name}…").format(
            name=signer.info.common_name))
        job = self.operations.courier.export(drive.root, signer, op_ids=self.op_ids(),
                                             to_agencies=self.agency_codes(),
                                             for_agency=self.for_agency())
        job.progress.connect(self._progressed)
        job.then(self._exported, self._failed)

    def _progressed(self, done: int, total: int, phase: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        words = {"plan": self.tr("กำลังเตรียม…"),
                 "fetch": self.tr("กำลังรับจากระบบกลาง…"), "write": self.tr("กำลังเขียน…"),
                 "verify": self.tr("กำลังอ่านตรวจสอบ…"), "record": self.tr("กำลังบันทึก…")}
        if phase in words:
            self.message.setText(words[phase])

    def _finish_session(self) -> None:
        if self._signer is not None:
            self.operations.close_signer(self._signer)
            self._signer = None

    def _failed(self, error: BaseException) -> None:
        self._failed_text(error_text(error))

    def _failed_text(self, text: str) -> None:
        self._finish_session()
        self._set_busy(False)
        self.message.setText(text)

    def _exported(self, result: ExportResult) -> None:
        self._finish_session()
        self.report = result
        self._set_busy(False)
        lang = language.current()
        folder = result.files[0].parent if result.files else ""
        text = self.tr("เขียนแล้ว {files} ไฟล์ หนังสือ {letters} รายการ ขนาด {size} ที่ {folder}"
                       ).format(files=len(result.files), letters=result.operations,
                                size=format_size(result.bytes), folder=folder)
        if not result.files:
            text = self.tr("ไม่มีสิ่งใดต้องเขียน")
        for refusal in result.refused:
            text += "\n" + self.tr("ไม่ได้ส่ง {count} รายการ: {why}").format(
                count=len(refusal.op_ids), why=refusal.error.message(lang))
        self.message.setText(text)
        self.files.clear()
        for path in result.files:
            self.files.addItem(path.name)
        self.files.setVisible(bool(result.files))
        self.exported.emit(result)

    def closeEvent(self, event: object) -> None:
        self.signer_picker.release()
        super().closeEvent(event)  # type: ignore[arg-type]
