"""A new clerk's whole day in the window, in Thai (issue 14's "done when").

The flow lives in ``clerk_day_flow.py`` and runs in a child pytest: it signs on SoftHSM,
which reads its configuration once per process (see test_signing.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.child_pytest import run_flow_in_child


@pytest.mark.slow
def test_a_clerks_first_day_in_a_child_process(tmp_path: Path) -> None:
    run_flow_in_child("clerk_day_flow.py", tmp_path, passed=1, timeout=900,
                      exit_after_report=True)


def test_the_shortcut_list_names_every_key_of_the_window(qtbot, start_desktop, monkeypatch):
    """Help → แป้นลัด lists each key a menu action or the register's buttons answer to
    (การปฏิบัติ's Ctrl+E was missing: a clerk who looked there never learnt it)."""
    from PySide6.QtWidgets import QAbstractButton, QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda _parent, _title, text, *a, **k: shown.append(text))
    window = start_desktop().window
    window.show_shortcuts()
    [text] = shown
    keys = {a.shortcut().toString() for a in window.actions() if not a.shortcut().isEmpty()}
    keys |= {b.shortcut().toString() for b in window.receive_view.findChildren(QAbstractButton)
             if not b.shortcut().isEmpty()}
    keys -= {f"Ctrl+{n}" for n in range(1, 7)}  # listed as one line: Ctrl+1 … Ctrl+6
    keys -= {"Ctrl+/"}  # the key of this very list
    assert "Ctrl+E" in keys
    missing = sorted(k for k in keys if f"{k}  " not in text and not text.endswith(k))
    assert not missing, missing
