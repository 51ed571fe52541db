"""Settings, generated from the declared settings and where each value comes from.

Nothing is listed by hand: every ``Setting`` in ``config.SETTINGS`` gets an editor for
its type, on the clerk's page or, when declared ``advanced``, on the IT page. Each
says where its value comes from (the default, the machine config, the user's own
setting, machine policy); a setting locked by policy is read-only with the policy
file named as the reason, so a clerk knows whom to ask. The agency code and name are
the office's own (set at first start), shown read-only.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
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
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from korat_desktop.config import Layer, Paths, SettingValue
from korat_desktop.ui import language
from korat_desktop.ui.buttons import primary_button
from korat_desktop.ui.error_text import error_text
from korat_desktop.ui.operations import Operations
from korat_desktop.ui.wheel_guard import guard_wheel

if TYPE_CHECKING:
    from korat_desktop.services.results import OfficeInfo, SettingsView

__all__ = ["SettingsDialog"]


_OFFICE_KEYS = {"agency.code": "agency_code", "agency.name": "agency_name"}


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
        self.sources: dict[str, QLabel] = {}
        self.paths: Paths | None = None
        self.fixed: set[str] = set()
        """Keys shown but not editable here (the office's code and name)."""
        self.pages = QTabWidget(self)
        self.pages.setAccessibleName(self.tr("หน้าการตั้งค่า"))
        self.general = self._page(self.tr("ทั่วไป"))
        self.advanced = self._page(self.tr("ขั้นสูง (สำหรับฝ่ายไอที)"))
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
        layout.addWidget(self.pages, 1)
        layout.addLayout(bottom)
        self.save.clicked.connect(self.apply)
        self.cancel.clicked.connect(self.reject)
        self.save.setEnabled(False)
        app = QApplication.instance()
        if app is not None:
            guard_wheel(app)
        operations.settings_view().then(self._show_view, self._failed)

    def _page(self, title: str) -> QFormLayout:
        area = QScrollArea(self.pages)
        area.setWidgetResizable(True)
        page = QWidget(area)
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        area.setWidget(page)
        self.pages.addTab(area, title)
        return form

    def source_text(self, value: SettingValue) -> str:
        """Where the value in force comes from: the default only when it is the default."""
        if value.locked:
            return self.tr("ล็อกโดยนโยบายของเครื่อง ({file}) — เปลี่ยนได้โดยผู้ดูแลระบบเท่านั้น").format(
                file=value.locked_by or "policy.toml")
        paths = self.paths
        if paths is None:
            return self.tr("ค่าเริ่มต้น") if value.source is Layer.DEFAULT else ""
        return {Layer.DEFAULT: self.tr("ค่าเริ่มต้น"),
                Layer.MACHINE: self.tr("ค่าของเครื่อง ตั้งโดยฝ่ายไอที ({file})").format(
                    file=paths.machine_config_file),
                Layer.USER: self.tr("ค่าของผู้ใช้ ตั้งโดยคุณ ({file})").format(
                    file=paths.user_config_file),
                Layer.POLICY: self.tr("นโยบายของเครื่อง ({file})").format(
                    file=value.locked_by or paths.policy_file)}[value.source]

    def _show_view(self, view: SettingsView) -> None:
        self.paths = view.paths
        self.show_settings(list(view.settings), view.office)

    def show_settings(self, values: list[SettingValue], office: OfficeInfo | None = None) -> None:
        lang = language.current()
        for value in values:
            setting = value.setting
            source_text = self.source_text(value)
            if office is not None and setting.key in _OFFICE_KEYS:
                # the office's own code and name, as its stamps and numbers use them
                value = replace(value, value=getattr(office, _OFFICE_KEYS[setting.key]))
                source_text = self.tr("ข้อมูลของหน่วยงานนี้ ตั้งไว้เมื่อเริ่มใช้ครั้งแรก "
                                      "(ใช้ในตรารับและเลขที่หนังสือ)")
                self.fixed.add(setting.key)
            form = self.advanced if setting.advanced else self.general
            page = form.parentWidget()
            editor = self._editor(value, lang, setting.key in self.fixed)
            title = setting.title(lang)
            editor.setAccessibleName(title)
            source = QLabel(source_text, page)
            source.setObjectName("locked" if value.locked else "muted")
            source.setWordWrap(True)
            editor.setAccessibleDescription(source_text)
            editor.setToolTip(source_text)
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
            self.sources[setting.key] = source
        self.save.setEnabled(True)

    def page_of(self, key: str) -> str:
        """The title of the page ``key`` is on."""
        editor = self.editors[key]
        for index in range(self.pages.count()):
            page = self.pages.widget(index)
            if page is not None and page.isAncestorOf(editor):
                return self.pages.tabText(index)
        return ""

    def _editor(self, value: SettingValue, lang: str, fixed: bool) -> QWidget:
        setting, current = value.setting, value.value
        locked = value.locked or fixed
        editor: QWidget
        if setting.type is bool:
            box = QCheckBox(self)
            box.setChecked(bool(current))
            box.setEnabled(not locked)
            editor = box
        elif setting.choices:
            combo = QComboBox(self)
            for choice in setting.choices:
                combo.addItem(setting.choice_title(choice, lang), choice)
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
        if isinstance(editor, QAbstractSpinBox | QComboBox):
            editor.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # no value change by a passing wheel
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
            if value.locked or key in self.fixed:
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
