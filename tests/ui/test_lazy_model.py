"""A big register loads page by page, never all at once."""

from __future__ import annotations

import pytest

from korat_desktop.domain.registers import RegisterKind


@pytest.mark.slow
def test_register_model_fetches_pages_on_demand(qtbot, start_desktop, seeded_dir) -> None:
    desktop = start_desktop(seeded_dir(send=5000))
    view = desktop.window.send_view
    model = view.model
    qtbot.waitUntil(lambda: model.total == 5000, timeout=20_000)
    assert model.rowCount() == model.page_size < 5000
    assert model.canFetchMore()
    assert model.entry(0).number == 5000  # newest first

    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 2 * model.page_size, timeout=10_000)
    assert model.entry(model.rowCount() - 1).number == 5000 - 2 * model.page_size + 1

    # the view asks for more itself when scrolled to the end
    desktop.window.go_to(1)
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == 3 * model.page_size, timeout=10_000)
    assert model.rowCount() < model.total


def test_model_reloads_when_its_register_changes(qtbot, start_desktop, seeded_dir,
                                                 letter_files) -> None:
    from korat_desktop.services.registration import LetterIntake

    desktop = start_desktop(seeded_dir(receive=2))
    model = desktop.window.receive_view.model
    assert model.rowCount() == 2
    (path,) = letter_files(1)
    with qtbot.waitSignal(desktop.operations.changes, timeout=20_000) as changed:
        desktop.operations.receive_files([(path, LetterIntake(subject="ใหม่"))])
    assert RegisterKind.RECEIVE in changed.args[0].registers
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=10_000)
    assert model.entry(0).subject == "ใหม่"
