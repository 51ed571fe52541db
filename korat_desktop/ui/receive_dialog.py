"""Registering incoming letters (ลงรับหนังสือ): one PDF or a whole drop of them.

Each file gets its own fields; all of them are registered in one transaction through
``registration.receive_many``, so a batch gets consecutive receive numbers. Afterwards
the preview shows the stored, stamped PDF (the receipt stamp top right) and each new
receive number can be copied.

Smart intake: as soon as a file is added its text is read off the UI thread
(``operations.intake_file``) and the fields it proposes fill the form, each marked
"จากเอกสาร" until the clerk changes it; a field the clerk typed first is never
overwritten. A letter already registered (the same file, or the same ที่ and ลงวันที่)
shows a warning banner, and is registered again only once the clerk ticks
"ลงรับซ้ำโดยตั้งใจ": registering twice by mistake gives one letter two receive numbers.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from korat_desktop.domain.intake import CONFIDENT, IntakeField
from korat_desktop.domain.registers import RegisterEntry
from korat_desktop.services.intake import DuplicateLetter, IntakeResult
from korat_desktop.services.registration import BatchResult, LetterIntake
from korat_desktop.ui import language
from korat_desktop.ui.buttons import primary_button
from korat_desktop.ui.error_text import error_text
from korat_desktop.ui.letter_form import LetterForm
from korat_desktop.ui.operations import Operations
from korat_desktop.ui.pdf_drop import pdf_paths
from korat_desktop.ui.pdf_pane import PdfPane
from korat_desktop.ui.receipt_stamp_view import ReceiptStampView

__all__ = ["ReceiveDialog"]

_PATH = Qt.ItemDataRole.UserRole
_INTAKE = Qt.ItemDataRole.UserRole + 1
_ENTRY = Qt.ItemDataRole.UserRole + 2


@dataclass
class _Proposed:
    """What smart intake said about one file, and what the clerk has done since."""

    reading: bool = True
    result: IntakeResult | None = None
    error: str = ""
    hints: dict[str, tuple[str, bool]] = field(default_factory=dict)
    edited: set[str] = field(default_factory=set)
    duplicates: tuple[DuplicateLetter, ...] = ()
    allow_duplicate: bool = False
    stamp_at: tuple[float, float] | None = None  # where the clerk moved the receipt stamp

    @property
    def blocked(self) -> bool:
        """Already registered and not yet confirmed as meant."""
        return bool(self.duplicates) and not self.allow_duplicate


class ReceiveDialog(QDialog):
    registered = Signal(object)  # BatchResult

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.setWindowTitle(self.tr("ลงรับหนังสือ"))
        self.setAccessibleName(self.windowTitle())
        self.setAcceptDrops(True)
        self.resize(1240, 720)
        self._saved = False
        self._loading_form = False

        self.files = QListWidget(self)
        self.files.setAccessibleName(self.tr("ไฟล์ที่จะลงรับ"))
        self.add_files = QPushButton(self.tr("เพิ่มไฟล์…"), self)
        self.add_files.setToolTip(self.tr("เลือกไฟล์ PDF (Ctrl+O) หรือลากไฟล์มาวางที่นี่"))
        self.remove_file = QPushButton(self.tr("นำออก"), self)
        self.remove_file.setAccessibleName(self.tr("นำไฟล์ที่เลือกออก"))
        self.form = LetterForm(incoming=True, parent=self)
        self.intake_status = QLabel(self)
        self.intake_status.setObjectName("muted")
        self.intake_status.setWordWrap(True)
        self.intake_status.setAccessibleName(self.tr("ข้อมูลที่อ่านจากเอกสาร"))
        self.duplicate_banner = QLabel(self)
        self.duplicate_banner.setObjectName("duplicateWarning")
        self.duplicate_banner.setWordWrap(True)
        self.duplicate_banner.setAccessibleName(self.tr("คำเตือนหนังสือซ้ำ"))
        self.allow_duplicate = QCheckBox(self.tr("ลงรับซ้ำโดยตั้งใจ"), self)
        self.allow_duplicate.setToolTip(self.tr(
            "หนังสือนี้ลงทะเบียนไว้แล้ว ติ๊กเมื่อต้องการลงรับอีกครั้งจริง ๆ"))
        self._proposals: dict[Path, _Proposed] = {}
        self.preview = PdfPane(self)
        self.stamp_view = ReceiptStampView(self)
        self.stamp_note = QLabel(self)
        self.stamp_note.setObjectName("muted")
        self.stamp_note.setWordWrap(True)
        stamp_page = QWidget(self)
        stamp_layout = QVBoxLayout(stamp_page)
        stamp_layout.setContentsMargins(0, 0, 0, 0)
        stamp_layout.addWidget(self.stamp_view, 1)
        stamp_layout.addWidget(self.stamp_note)
        self.preview_tabs = QTabWidget(self)
        self.preview_tabs.addTab(stamp_page, self.tr("ตรารับ (หน้า 1)"))
        self.preview_tabs.addTab(self.preview, self.tr("ทั้งฉบับ"))
        self.hint = QLabel(self.tr("ลากไฟล์ PDF มาวางที่นี่ หรือกด “เพิ่มไฟล์…”"), self)
        self.hint.setObjectName("dropHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.outcome = QLabel(self)
        self.outcome.setObjectName("result")
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.setAccessibleName(self.tr("ผลการลงรับ"))
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.copy = QPushButton(self.tr("คัดลอกเลขรับ"), self)
        self.copy.setToolTip(self.tr("คัดลอกเลขรับของไฟล์ที่เลือก (Ctrl+Shift+C)"))
        self.copy.hide()
        self.save = primary_button("", self)
        self.close_button = QPushButton(self.tr("ปิด"), self)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("ไฟล์"), left))
        left_layout.addWidget(self.files, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_files)
        buttons.addWidget(self.remove_file)
        left_layout.addLayout(buttons)
        middle = QWidget(self)
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(8, 0, 8, 0)
        middle_layout.addWidget(self.duplicate_banner)
        middle_layout.addWidget(self.allow_duplicate)
        middle_layout.addWidget(self.intake_status)
        middle_layout.addWidget(self.form)
        middle_layout.addWidget(self.hint, 1)
        middle_layout.addStretch(0)
        split = QSplitter(self)
        split.addWidget(left)
        split.addWidget(middle)
        split.addWidget(self.preview_tabs)
        split.setSizes([240, 460, 540])
        bottom = QHBoxLayout()
        bottom.addWidget(self.outcome, 1)
        bottom.addWidget(self.progress)
        bottom.addWidget(self.copy)
        bottom.addWidget(self.save)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)

        self.add_files.clicked.connect(self.pick_files)
        self.remove_file.clicked.connect(self._remove_current)
        self.files.currentItemChanged.connect(self._current_changed)
        self.form.changed.connect(self._form_changed)
        self.form.field_edited.connect(self._field_edited)
        self.allow_duplicate.toggled.connect(self._allow_toggled)
        self.stamp_view.moved.connect(self._stamp_moved)
        self.save.clicked.connect(self.register_all)
        self.copy.clicked.connect(self.copy_number)
        self.close_button.clicked.connect(self.close)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Open), self, self.pick_files)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.save.click)
        QShortcut(QKeySequence("Ctrl+Shift+C"), self, self.copy_number)
        self._refresh()

    # -- files -------------------------------------------------------------------------
    def add_paths(self, paths: list[Path]) -> None:
        if self._saved:
            return
        known = {self.files.item(i).data(_PATH) for i in range(self.files.count())}
        for path in paths:
            if path in known:
                continue
            item = QListWidgetItem(path.name, self.files)
            item.setData(_PATH, path)
            # the file name until the letter's own เรื่อง is read (and if it has none)
            item.setData(_INTAKE, LetterIntake(subject=path.stem.replace("_", " ")))
            item.setToolTip(str(path))
            self._proposals[path] = _Proposed()
            self.operations.intake_file(path).then(
                partial(self._proposed, path), partial(self._not_proposed, path), owner=self)
        if self.files.currentRow() < 0 and self.files.count():
            self.files.setCurrentRow(0)
        self._refresh()

    def pick_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("เลือกไฟล์หนังสือ"), "", self.tr("ไฟล์ PDF (*.pdf)"))
        self.add_paths([Path(n) for n in names])

    def paths(self) -> list[Path]:
        return [self.files.item(i).data(_PATH) for i in range(self.files.count())]

    def _remove_current(self) -> None:
        row = self.files.currentRow()
        if row >= 0 and not self._saved:
            item = self.files.takeItem(row)
            self._proposals.pop(item.data(_PATH), None)
            self._refresh()

    # -- smart intake ----------------------------------------------------------------------
    def _item_for(self, path: Path) -> QListWidgetItem | None:
        for row in range(self.files.count()):
            if self.files.item(row).data(_PATH) == path:
                return self.files.item(row)
        return None

    def proposal_state(self, path: Path) -> _Proposed | None:
        return self._proposals.get(path)

    def _proposed(self, path: Path, result: IntakeResult) -> None:
        state = self._proposals.get(path)
        item = self._item_for(path)
        if state is None or item is None or self._saved:
            return  # removed, or registered, while it was read
        state.reading = False
        state.result = result
        wanted = frozenset(f for f in IntakeField if f.value not in state.edited)
        filled, used = result.fill(item.data(_INTAKE), wanted)
        item.setData(_INTAKE, filled)
        by_field = {p.field: p for p in result.proposals.proposed()}
        for used_field in used:
            proposal = by_field[used_field]
            where = self.tr("อ่านจากบรรทัด {line}: “{text}”").format(
                line=proposal.span.line, text=proposal.span.text.replace("\n", " / "))
            state.hints[used_field.value] = (where, proposal.confidence >= CONFIDENT)
        self._set_duplicates(path, result.duplicates)
        if self.files.currentItem() is item:
            self._load_form(item)
            self._propose_stamp(item)
        self._refresh()

    def _not_proposed(self, path: Path, error: BaseException) -> None:
        state = self._proposals.get(path)
        if state is None:
            return
        state.reading = False
        state.error = error_text(error)
        self._refresh()

    def _field_edited(self, name: str) -> None:
        item = self.files.currentItem()
        state = self._proposals.get(item.data(_PATH)) if item is not None else None
        if state is None or self._loading_form:
            return
        state.edited.add(name)
        state.hints.pop(name, None)
        if name == "sender" and state.stamp_at is None:
            self._propose_stamp(item)  # this sender may have a usual place
        if name in ("letter_number", "letter_date") and state.result is not None:
            intake = self.form.intake()
            self.operations.intake_duplicates(
                state.result.sha256, intake.letter_number, intake.letter_date).then(
                    partial(self._set_duplicates, item.data(_PATH)), owner=self)

    def _set_duplicates(self, path: Path, found: tuple[DuplicateLetter, ...]) -> None:
        state = self._proposals.get(path)
        item = self._item_for(path)
        if state is None or item is None or self._saved:
            return
        state.duplicates = tuple(found)
        item.setText(f"⚠ {path.name}" if found else path.name)
        self._refresh()

    def _allow_toggled(self, checked: bool) -> None:
        item = self.files.currentItem()
        state = self._proposals.get(item.data(_PATH)) if item is not None else None
        if state is not None:
            state.allow_duplicate = checked
        self._refresh()

    def _show_intake(self) -> None:
        """The banner, the status line and the hints of the current file."""
        item = self.files.currentItem()
        state = self._proposals.get(item.data(_PATH)) if item is not None else None
        lang = language.current()
        if state is None or self._saved:
            self.intake_status.hide()
            self.duplicate_banner.hide()
            self.allow_duplicate.hide()
            return
        if state.reading:
            status = self.tr("กำลังอ่านข้อมูลจากเอกสาร…")
        elif state.error:
            status = state.error
        elif state.result is not None and state.result.proposals.text_chars == 0:
            status = self.tr("ไม่พบข้อความในเอกสาร (อาจเป็นภาพสแกน) กรุณากรอกเอง")
        elif state.hints:
            status = self.tr("กรอกจากเอกสารแล้ว {count} ช่อง (มีป้าย “จากเอกสาร”) "
                             "โปรดตรวจก่อนลงรับ").format(count=len(state.hints))
        else:
            status = self.tr("อ่านเอกสารแล้ว ไม่พบข้อมูลที่กรอกให้ได้")
        self.intake_status.setText(status)
        self.intake_status.show()
        self.form.show_proposed(state.hints)
        if state.duplicates:
            lines = [d.message(lang) for d in state.duplicates]
            self.duplicate_banner.setText(
                "⚠ " + "\n".join(lines) + "\n" + self.tr(
                    "ลงรับอีกครั้งจะได้เลขรับใหม่อีกเลขหนึ่ง ติ๊ก “ลงรับซ้ำโดยตั้งใจ” "
                    "เมื่อต้องการเช่นนั้นจริง ๆ"))
            self.duplicate_banner.show()
            self.allow_duplicate.blockSignals(True)
            self.allow_duplicate.setChecked(state.allow_duplicate)
            self.allow_duplicate.blockSignals(False)
            self.allow_duplicate.show()
        else:
            self.duplicate_banner.hide()
            self.allow_duplicate.hide()

    def _load_form(self, item: QListWidgetItem) -> None:
        self._loading_form = True
        self.form.set_intake(item.data(_INTAKE))
        self._loading_form = False

    def _current_changed(self, current: QListWidgetItem | None,
                         _previous: QListWidgetItem | None) -> None:
        if current is None:
            self.preview.clear()
            return
        self._load_form(current)
        self._show_intake()
        entry = current.data(_ENTRY)
        if isinstance(entry, RegisterEntry):
            self.operations.preview_pdf(entry.id).then(self.preview.load, self._show_error)
        else:
            self.operations.read_pdf_file(current.data(_PATH)).then(
                self.preview.load, self._show_error)
            self._propose_stamp(current)
        self.copy.setEnabled(isinstance(entry, RegisterEntry))

    def _form_changed(self) -> None:
        item = self.files.currentItem()
        if item is not None and not self._loading_form and not self._saved:
            item.setData(_INTAKE, self.form.intake())
        self._refresh()

    def _refresh(self) -> None:
        count = self.files.count()
        has_files = count > 0
        self.form.setVisible(has_files)
        self.hint.setVisible(not has_files)
        self.remove_file.setEnabled(has_files and not self._saved)
        self.add_files.setEnabled(not self._saved)
        if self._saved:
            self.save.setText(self.tr("ลงรับแล้ว"))
            self.save.setEnabled(False)
            return
        self.save.setText(self.tr("ลงทะเบียนรับ {count} ฉบับ").format(count=count)
                          if count > 1 else self.tr("ลงทะเบียนรับ"))
        self._show_intake()
        self.save.setEnabled(has_files and self.form.date_ok() and not self._blocked_rows())

    def _blocked_rows(self) -> list[int]:
        """Files already registered whose repeat the clerk has not confirmed."""
        return [row for row in range(self.files.count())
                if (state := self._proposals.get(self.files.item(row).data(_PATH)))
                and state.blocked]

    # -- the receipt stamp's place -----------------------------------------------------------
    def _propose_stamp(self, item: QListWidgetItem) -> None:
        """Show page 1 with where the stamp would go (the clerk's place once moved)."""
        path = item.data(_PATH)
        sender = item.data(_INTAKE).sender

        def show(pdf: bytes) -> None:
            self.operations.propose_stamp(pdf, sender).then(
                partial(self._show_stamp, path, pdf), self._stamp_failed, owner=self)

        self.operations.read_pdf_file(path).then(show, self._stamp_failed, owner=self)

    def _show_stamp(self, path: Path, pdf: bytes, proposal: object) -> None:
        item = self.files.currentItem()
        state = self._proposals.get(path)
        if self._saved or item is None or item.data(_PATH) != path or state is None:
            return  # another file is shown by now
        from korat_desktop.services.stamp_places import StampProposal

        assert isinstance(proposal, StampProposal)
        self.stamp_view.show_letter(pdf, proposal, state.stamp_at)
        self._stamp_note(proposal.place.source if state.stamp_at is None else "clerk")

    def _stamp_failed(self, error: BaseException) -> None:
        self.stamp_view.clear()
        self.stamp_note.setText(error_text(error))

    def _stamp_note(self, source: str) -> None:
        notes = {
            "free_space": self.tr("ตรารับวางบนที่ว่างใกล้มุมขวาบน ลากกรอบเพื่อย้ายได้"),
            "remembered": self.tr("ตรารับวางที่ตำแหน่งเดิมของผู้ส่งนี้ ลากกรอบเพื่อย้ายได้"),
            "clerk": self.tr("ตรารับวางตามที่ย้าย (จำไว้ใช้กับหนังสือฉบับต่อไปจากผู้ส่งนี้)"),
            "fixed": self.tr("ไม่มีที่ว่างพอ ตรารับจะวางที่มุมขวาบนตามเดิม (อาจทับข้อความ) "
                             "ลากกรอบเพื่อย้ายได้"),
        }
        self.stamp_note.setText(notes.get(source, ""))

    def _stamp_moved(self) -> None:
        item = self.files.currentItem()
        state = self._proposals.get(item.data(_PATH)) if item is not None else None
        if state is not None and not self._saved and self.stamp_view.place_mm is not None:
            state.stamp_at = self.stamp_view.place_mm
            self._stamp_note("clerk")

    # -- registering -----------------------------------------------------------------------
    def register_all(self) -> None:
        items = []
        for i in range(self.files.count()):
            path, intake = self.files.item(i).data(_PATH), self.files.item(i).data(_INTAKE)
            state = self._proposals.get(path)
            if state is not None and state.stamp_at is not None:
                intake = dataclasses.replace(intake, stamp_at=state.stamp_at)
            items.append((path, intake))
        if not items:
            return
        blocked = self._blocked_rows()
        if blocked:
            self.files.setCurrentRow(blocked[0])
            self.outcome.setText(self.tr("มีหนังสือที่ลงทะเบียนไว้แล้ว โปรดตรวจคำเตือน"))
            return
        missing = [i for i, (_p, intake) in enumerate(items) if not intake.subject.strip()]
        if missing:
            self.files.setCurrentRow(missing[0])
            self.outcome.setText(self.tr("กรุณากรอกเรื่องของหนังสือทุกฉบับ"))
            self.form.subject.setFocus()
            return
        self.save.setEnabled(False)
        self.progress.show()
        self.outcome.setText(self.tr("กำลังลงรับ…"))
        self.operations.receive_files(items).then(self._registered, self._failed)

    def _failed(self, error: BaseException) -> None:
        self.progress.hide()
        self.outcome.setText(error_text(error))
        self._refresh()

    def _show_error(self, error: BaseException) -> None:
        self.outcome.setText(error_text(error))

    def _registered(self, result: BatchResult) -> None:
        self.progress.hide()
        lang = language.current()
        failed = {f.index: f for f in result.failures}
        entries = iter(result.entries)
        numbers = []
        for row in range(self.files.count()):
            item = self.files.item(row)
            if row in failed:
                item.setText(f"✗ {item.data(_PATH).name}")
                item.setToolTip(failed[row].message(lang))
                continue
            entry = next(entries)
            item.setData(_ENTRY, entry)
            number = f"{entry.number}/{entry.year_be}"
            numbers.append(number)
            item.setText(self.tr("เลขรับ {number} · {name}").format(
                number=number, name=item.data(_PATH).name))
        self._saved = True
        self.form.set_read_only(True)
        self.form.show_proposed({})
        text = self.tr("ลงรับแล้ว เลขรับ {numbers}").format(numbers=", ".join(numbers))
        if failed:
            text += "\n" + self.tr("ลงรับไม่ได้ {count} ไฟล์: {reason}").format(
                count=len(failed), reason=next(iter(failed.values())).message(lang))
        if any(p is not None and p.fell_back for p in result.stamp_places):
            text += "\n" + self.tr("ไม่มีที่ว่างพอ ตรารับจึงวางที่มุมขวาบนตามเดิม")
        self.outcome.setText(text)
        self.stamp_view.clear()
        self.stamp_note.clear()
        self.preview_tabs.setCurrentWidget(self.preview)
        self.copy.show()
        self._refresh()
        first = next((r for r in range(self.files.count())
                      if isinstance(self.files.item(r).data(_ENTRY), RegisterEntry)), None)
        if first is not None:
            self.files.setCurrentRow(-1)
            self.files.setCurrentRow(first)
        self.copy.setFocus()
        self.registered.emit(result)

    def entry_for(self, row: int) -> RegisterEntry | None:
        item = self.files.item(row)
        entry = item.data(_ENTRY) if item is not None else None
        return entry if isinstance(entry, RegisterEntry) else None

    def copy_number(self) -> None:
        entry = self.entry_for(self.files.currentRow())
        if entry is not None:
            QGuiApplication.clipboard().setText(f"{entry.number}/{entry.year_be}")

    # -- drag and drop ---------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if not self._saved and pdf_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = pdf_paths(event.mimeData())
        if paths and not self._saved:
            self.add_paths(paths)
            event.acceptProposedAction()
