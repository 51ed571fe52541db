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


def test_filters_narrow_the_search_and_work_without_words(qtbot, start_desktop,
                                                          seeded_dir) -> None:
    """Item 16: register, registered days (BE), จาก/ถึง, urgency, secrecy; the Thai
    substring search stays as it is."""
    from korat_desktop.domain.registers import RegisterKind
    from korat_desktop.domain.thai_dates import be_year, thai_now

    desktop = start_desktop(seeded_dir(receive=3, send=2))
    view = desktop.window.search_view

    def search() -> list[str]:
        with qtbot.waitSignal(view.model.searched, timeout=10_000):
            view._search_now()
        return [view.model.entry(r).register.value for r in range(view.model.rowCount())]

    view.field.setText("ขอเชิญประชุม")
    assert sorted(search()) == ["receive"] * 3 + ["send"] * 2
    view.register.setCurrentIndex(view.register.findData(RegisterKind.SEND))
    assert search() == ["send", "send"]
    view.field.clear()  # no words: the filter alone lists the send register, newest first
    assert search() == ["send", "send"]
    view.register.setCurrentIndex(0)
    view.party.setText("พิมาย")  # the seeded letters go to อำเภอพิมาย
    assert len(search()) == 5
    today = thai_now().date()
    view.date_from.setText(f"{today.day}/{today.month}/{be_year(today) + 1}")
    assert search() == [] and "ไม่พบ" in view.status.text()
    view.date_from.setText("32/13/2569")  # not a date: said, nothing searched
    view._search_now()
    assert "2569" in view.status.text() and view.model.rowCount() == 0
    view.date_from.clear()
    view.party.clear()
    from korat_desktop.domain.letters import Urgency

    view.urgency.setCurrentIndex(view.urgency.findData(Urgency.MOST_URGENT))
    assert search() == []  # the seeded letters are all normal
