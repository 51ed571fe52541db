"""The main window's pages, built when first needed.

The window paints first with its frame and a "loading" line in place of each page;
a page is built when it is first shown, or in idle time once the registers are on
screen. On an old office PC the window then appears at once instead of after every
table has been made (bench/bench_ui_start.py measures it).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

__all__ = ["Page", "PageStack"]


class Page:
    RECEIVE, SEND, INBOX, DRAFTS, OUTBOX, COURIER, SEARCH = range(7)
    COUNT = 7


class PageStack(QStackedWidget):
    """One slot per :class:`Page`; ``build(page)`` makes the real widget for a slot."""

    def __init__(self, build: Callable[[int], QWidget], loading_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build = build
        self._built: dict[int, QWidget] = {}
        for _page in range(Page.COUNT):
            self.addWidget(self._placeholder(loading_text))

    def page(self, page: int) -> QWidget:
        """The page's widget, built now if it was not yet."""
        widget = self._built.get(page)
        if widget is None:
            widget = self._build(page)
            self._built[page] = widget
            placeholder = self.widget(page)
            self.insertWidget(page, widget)
            if placeholder is not None:
                self.removeWidget(placeholder)
                placeholder.deleteLater()
        return widget

    def built(self, page: int) -> QWidget | None:
        """The page's widget if it has been built, without building it."""
        return self._built.get(page)

    def build_next(self) -> bool:
        """Build one page not built yet; False when every page is there."""
        for page in range(Page.COUNT):
            if page not in self._built:
                self.page(page)
                return True
        return False

    def _placeholder(self, text: str) -> QWidget:
        placeholder = QWidget(self)
        layout = QVBoxLayout(placeholder)
        layout.setContentsMargins(16, 12, 16, 8)
        loading = QLabel(text, placeholder)
        loading.setObjectName("muted")
        layout.addWidget(loading)
        layout.addStretch(1)
        return placeholder
