"""A machine config the app cannot use (a bad installer answer, a broken file): the
window still opens, on the defaults, and says which machine setting is wrong and where."""

from __future__ import annotations

from pathlib import Path

import pytest

BAD_VALUE = """\
[agency]
code = "นม 0017.1"
name = "สำนักงานจังหวัดนครราชสีมา"
[sync]
hub_url = "not a url"
[signing]
pkcs11_modules = []
"""


def _problems_box(desktop, qtbot):  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: desktop.config_problems_box is not None
                    and desktop.config_problems_box.isVisible(), timeout=30_000)
    box = desktop.config_problems_box
    text = "\n".join((box.text(), box.informativeText(), box.detailedText()))
    box.done(0)  # closed: later tests in this process see no box of ours
    return text


def test_a_bad_machine_value_is_named_and_the_app_runs_on(start_desktop, machine_config: Path,
                                                          qtbot):
    machine_config.write_text(BAD_VALUE, encoding="utf-8")
    desktop = start_desktop()  # ready: the office opened from the machine config's agency
    text = _problems_box(desktop, qtbot)
    assert "sync.hub_url" in text and str(machine_config) in text and "not a url" in text
    assert "ที่อยู่ระบบสารบรรณกลาง" in text or "ระบบกลาง" in text  # the setting's title
    assert "ฝ่ายไอที" in text
    assert desktop.failure_box is None and desktop.office is not None


@pytest.mark.parametrize("broken", ["[agency\ncode = ", "\xff\xfe not toml"])
def test_an_unreadable_machine_file_is_named_and_the_app_still_starts(
        start_desktop, machine_config: Path, qtbot, broken: str):
    machine_config.write_bytes(broken.encode("latin-1"))
    desktop = start_desktop(wait=False)
    text = _problems_box(desktop, qtbot)
    assert str(machine_config) in text
    assert desktop.failure_box is None, desktop.failure_box.text()  # not "เปิดโปรแกรมไม่ได้"
    # no agency from the machine: the first-start question asks for it
    from korat_desktop.ui.agency_dialog import AgencyDialog
    qtbot.waitUntil(lambda: any(d.isVisible() for d in desktop.window.findChildren(AgencyDialog)),
                    timeout=30_000)
