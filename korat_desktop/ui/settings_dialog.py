"""Settings, generated from the declared settings and where each value comes from.

Nothing is listed by hand: every ``Setting`` in ``config.SETTINGS`` gets an editor for
its type. A setting locked by machine policy is shown read-only with the policy file
named as the reason, so a clerk knows whom to ask instead of wondering why it will
not change.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from korat_desktop.config import Layer, SettingValue
from korat_desktop.ui import language
from korat_desktop.ui.buttons import primary_button
from korat_desktop.ui.error_text import error_text
from korat_desktop.ui.operations import Operations

__all__ = ["SettingsDialog"]


class SettingsDialog(QDialog):
    language_changed = Signal(str)

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.setWindowTitle(self.tr("การตั้งค่า"))
        self.setAccessibleName(self.windowTitle())
        self.resize(760, 640)
        self.editors: dict[str, QWidget] = {}
        self.values: dict[str, SettingValue] = {}
        self.area = QScrollArea(self)
        self.area.setWidgetResizable(True)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setObjectName("result")
        self.save = primary_button(self.tr("บันทึก"), self)
        self.cancel = QPushButton(self.tr("ยกเลิก"), self)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.save)
        bottom.addWidget(self.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.area, 1)
        layout.addLayout(bottom)
        self.save.clicked.connect(self.apply)
        self.cancel.clicked.connect(self.reject)
        self.save.setEnabled(False)
        operations.settings().then(self.show_settings, self._failed)

    def _source_text(self, value: SettingValue) -> str:
        if value.locked:
            return self.tr("ล็อกโดยนโยบายของเครื่อง ({file}) — เปลี่ยนได้โดยผู้ดูแลระบบเท่านั้น").format(
                file=value.locked_by or "policy.toml")
        return {Layer.DEFAULT: self.tr("ค่าเริ่มต้น"),
                Layer.MACHINE: self.tr("ตั้งโดยผู้ดูแลระบบ (ค่าของเครื่อง)"),
                Layer.USER: self.tr("ตั้งโดยคุณ"),
                Layer.POLICY: self.tr("นโยบายของเครื่อง")}[value.source]

    def show_settings(self, values: list[SettingValue]) -> None:
        lang = language.current()
        page = QWidget(self.area)
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for value in values:
            setting = value.setting
            editor = self._editor(value)
            title = setting.title(lang)
            editor.setAccessibleName(title)
            source = QLabel(self._source_text(value), page)
            source.setObjectName("locked" if value.locked else "muted")
            source.setWordWrap(True)
            if value.locked:
                editor.setAccessibleDescription(source.text())
                editor.setToolTip(source.text())
            cell = QWidget(page)
            cell_layout = QVBoxLayout(cell)
            cell_layout.setContentsMargins(0, 0, 0, 6)
            cell_layout.setSpacing(2)
            cell_layout.addWidget(editor)
            cell_layout.addWidget(source)
            label = QLabel(title, page)
            label.setBuddy(editor)
            form.addRow(label, cell)
            self.editors[setting.key] = editor
            self.values[setting.key] = value
        self.area.setWidget(page)
        self.save.setEnabled(True)

    def _editor(self, value: SettingValue) -> QWidget:
        setting, current, locked = value.setting, value.value, value.locked
        editor: QWidget
        if setting.type is bool:
            box = QCheckBox(self)
            box.setChecked(bool(current))
            box.setEnabled(not locked)
            editor = box
        elif setting.choices:
            combo = QComboBox(self)
            for choice in setting.choices:
                combo.addItem(choice, choice)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.setEnabled(not locked)
            editor = combo
        elif setting.type is int:
            spin = QSpinBox(self)
            spin.setRange(0, 1_000_000)
            spin.setValue(int(current))
            spin.setReadOnly(locked)
            editor = spin
        elif setting.type is float:
            dspin = QDoubleSpinBox(self)
            dspin.setRange(0.0, 100_000.0)
            dspin.setDecimals(1)
            dspin.setValue(float(current))
            dspin.setReadOnly(locked)
            editor = dspin
        else:
            line = QLineEdit(self)
            line.setText(", ".join(current) if isinstance(current, list) else str(current))
            line.setReadOnly(locked)
            if setting.type is list:
                line.setPlaceholderText(self.tr("คั่นหลายค่าด้วยจุลภาค ( , )"))
            editor = line
        editor.setProperty("locked", locked)
        return editor

    def read(self, key: str) -> Any:
        editor = self.editors[key]
        setting = self.values[key].setting
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QSpinBox):
            return editor.value()
        if isinstance(editor, QDoubleSpinBox):
            return editor.value()
        assert isinstance(editor, QLineEdit)
        return setting.parse_text(editor.text()) if setting.type is list else editor.text()

    def changed_values(self) -> dict[str, Any]:
        changed = {}
        for key, value in self.values.items():
            if value.locked:
                continue
            new = self.read(key)
            if new != value.value:
                changed[key] = new
        return changed

    def apply(self) -> None:
        changed = self.changed_values()
        if not changed:
            self.accept()
            return
        self.save.setEnabled(False)
        self.operations.change_settings(changed).then(
            lambda _values: self._saved(changed), self._failed)

    def _saved(self, changed: dict[str, Any]) -> None:
        if "ui.language" in changed:
            self.language_changed.emit(changed["ui.language"])
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.message.setText(error_text(error))
        self.save.setEnabled(bool(self.editors))

    def locked_keys(self) -> list[str]:
        return [key for key, value in self.values.items() if value.locked]

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_Return and event.modifiers() & \
                Qt.KeyboardModifier.ControlModifier:
            self.apply()
            return
        super().keyPressEvent(event)
