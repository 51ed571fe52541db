"""Searching both registers from the search view."""

from __future__ import annotations

from korat_desktop.ui.main_window import Page


def test_search_finds_thai_substring_and_opens_the_letter(qtbot, start_desktop,
                                                           seeded_dir) -> None:
    desktop = start_desktop(seeded_dir(receive=3, send=2))
    window = desktop.window
    window.go_to(Page.SEARCH)
    view = window.search_view
    assert view.field.hasFocus() or view.isVisible()
    view.field.insert("เรื่องที่ 2")
    with qtbot.waitSignal(view.model.searched, timeout=10_000):
        view._search_now()
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=10_000)
    subjects = {view.model.entry(r).subject for r in range(view.model.rowCount())}
    assert any("เรื่องที่ 2" in s for s in subjects)
    assert view.status.text()

    document = window.open_entry(view.model.entry(0).id)
    qtbot.waitUntil(lambda: document.detail is not None, timeout=10_000)
    qtbot.waitUntil(lambda: document.pdf.page_count() == 1, timeout=10_000)
    assert document.history.topLevelItemCount() >= 3  # create, versions, register entry
    document.close()


def test_search_with_no_hits_says_so(qtbot, start_desktop, seeded_dir) -> None:
    desktop = start_desktop(seeded_dir(receive=1))
    view = desktop.window.search_view
    view.field.setText("ไม่มีคำนี้แน่นอน")
    with qtbot.waitSignal(view.model.searched, timeout=10_000):
        view._search_now()
    assert view.model.rowCount() == 0
    assert "ไม่พบ" in view.status.text()
