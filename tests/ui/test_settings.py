"""Settings come from the declared settings; policy-locked ones are read-only with why."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit

from korat_desktop.config import SETTINGS


def test_policy_locked_setting_is_read_only_and_says_why(qtbot, start_desktop,
                                                         machine_dir: Path) -> None:
    (machine_dir / "policy.toml").write_text(
        '[sync]\nhub_url = "https://eoffice.example.go.th"\n'
        '[display]\nthai_digits = true\n', encoding="utf-8")
    desktop = start_desktop()
    dialog = desktop.window.open_settings()
    qtbot.waitUntil(lambda: len(dialog.editors) == len(SETTINGS), timeout=10_000)

    hub = dialog.editors["sync.hub_url"]
    assert isinstance(hub, QLineEdit)
    assert hub.isReadOnly()
    assert hub.text() == "https://eoffice.example.go.th"
    assert "policy.toml" in hub.toolTip()
    assert "ผู้ดูแลระบบ" in hub.accessibleDescription()
    digits = dialog.editors["display.thai_digits"]
    assert isinstance(digits, QCheckBox) and not digits.isEnabled()
    assert sorted(dialog.locked_keys()) == ["display.thai_digits", "sync.hub_url"]

    # an unlocked one can be changed and is saved to the user settings
    retention = dialog.editors["retention.default_years"]
    assert not retention.isReadOnly()  # type: ignore[attr-defined]
    retention.setValue(12)  # type: ignore[attr-defined]
    hub.setText("https://elsewhere.example")  # ignored: locked
    assert dialog.changed_values() == {"retention.default_years": 12}
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.apply()
    job = desktop.operations.settings()
    qtbot.waitUntil(lambda: job.done, timeout=5_000)
    values = {v.setting.key: v for v in job.result}
    assert values["retention.default_years"].value == 12
    assert values["sync.hub_url"].value == "https://eoffice.example.go.th"


def test_every_declared_setting_has_a_titled_editor(qtbot, start_desktop) -> None:
    desktop = start_desktop()
    dialog = desktop.window.open_settings()
    qtbot.waitUntil(lambda: len(dialog.editors) == len(SETTINGS), timeout=10_000)
    for setting in SETTINGS:
        editor = dialog.editors[setting.key]
        assert editor.accessibleName() == setting.title("th")
        if setting.choices:
            assert isinstance(editor, QComboBox)
    dialog.close()
