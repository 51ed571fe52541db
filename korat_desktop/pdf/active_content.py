"""Active content in a PDF: what another reader may run or open by itself.

A letter is kept byte for byte (it may be signed), and our own viewer runs nothing,
but a clerk exports letters and opens them in other readers. JavaScript (an
/OpenAction, additional actions /AA, the /JavaScript name tree), /Launch actions and
embedded files (the /EmbeddedFiles name tree, file attachment annotations) are found
here so the letter view and ``korat show`` can say so first.

The walk is bounded (a node budget over the catalog, the page tree, each page's
annotations and action chains) and never raises: a part too broken to read is
skipped, because a damaged corner must not make the rest of the letter unreadable.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ACTIVE_KINDS", "find_active_content", "parse_kinds", "active_content_warning"]

ACTIVE_KINDS = ("javascript", "launch", "embedded_files")
_BUDGET = 20_000  # dictionaries visited at most; a real letter needs a few dozen
_MAX_ANNOTS = 500  # per page
_ACTION_KINDS = {"/JavaScript": "javascript", "/Launch": "launch"}


def _deref(value: Any) -> Any:
    return value.get_object() if hasattr(value, "get_object") else value


def _get(node: Any, key: str) -> Any:
    if not hasattr(node, "keys"):
        return None
    try:
        return _deref(node.get(key))
    except Exception:
        return None


def _items(value: Any) -> list[Any]:
    value = _deref(value)
    if isinstance(value, list):
        return [_deref(v) for v in value]
    return [value] if value is not None else []


class _Walk:
    def __init__(self) -> None:
        self.found: set[str] = set()
        self.budget = _BUDGET

    def spend(self) -> bool:
        self.budget -= 1
        return self.budget >= 0

    def action(self, value: Any) -> None:
        """An action dictionary and its /Next chain (dict or array)."""
        pending = _items(value)
        while pending and self.spend():
            act = pending.pop()
            kind = _ACTION_KINDS.get(str(_get(act, "/S")))
            if kind is not None:
                self.found.add(kind)
            if _get(act, "/JS") is not None:  # e.g. a /Rendition action with a script
                self.found.add("javascript")
            pending.extend(_items(_get(act, "/Next")))

    def additional(self, value: Any) -> None:
        """An /AA dictionary: trigger name -> action."""
        if hasattr(value, "keys"):
            for key in list(value.keys())[:64]:
                self.action(_get(value, key))

    def name_tree(self, value: Any) -> bool:
        """Whether a name tree has at least one entry."""
        pending = _items(value)
        while pending and self.spend():
            node = pending.pop()
            if _items(_get(node, "/Names")):
                return True
            pending.extend(_items(_get(node, "/Kids")))
        return False

    def pages(self, root: Any) -> None:
        pending = _items(_get(root, "/Pages"))
        while pending and self.spend():
            node = pending.pop()
            kids = _get(node, "/Kids")
            if kids is not None:
                pending.extend(_items(kids))
                continue
            self.guarded(self.additional, _get(node, "/AA"))
            for annot in _items(_get(node, "/Annots"))[:_MAX_ANNOTS]:
                if not self.spend():
                    return
                self.guarded(self.annotation, annot)

    def annotation(self, annot: Any) -> None:
        if str(_get(annot, "/Subtype")) == "/FileAttachment":
            self.found.add("embedded_files")
        self.action(_get(annot, "/A"))
        self.additional(_get(annot, "/AA"))
        parent = _get(annot, "/Parent")  # a form field's own triggers
        if parent is not None:
            self.additional(_get(parent, "/AA"))

    @staticmethod
    def guarded(step: Any, value: Any) -> None:
        try:
            step(value)
        except Exception:  # a broken corner: skip it, keep looking elsewhere
            return


def find_active_content(root: Any) -> tuple[str, ...]:
    """The ``ACTIVE_KINDS`` present under the catalog ``root`` (pyHanko or pypdf objects)."""
    walk = _Walk()
    names = _get(root, "/Names")
    try:
        if walk.name_tree(_get(names, "/JavaScript")):
            walk.found.add("javascript")
        if walk.name_tree(_get(names, "/EmbeddedFiles")):
            walk.found.add("embedded_files")
    except Exception:
        pass
    walk.guarded(walk.action, _get(root, "/OpenAction"))
    walk.guarded(walk.additional, _get(root, "/AA"))
    walk.guarded(walk.pages, root)
    return tuple(k for k in ACTIVE_KINDS if k in walk.found)


def parse_kinds(stored: str) -> tuple[str, ...]:
    """The kinds of a stored ``document.active_content`` value ("" for none)."""
    return tuple(k for k in ACTIVE_KINDS if k in stored.split(","))


def active_content_warning(kinds: tuple[str, ...], lang: str) -> str:
    """The clerk's warning for ``kinds`` in ``lang``; "" when there is nothing to say."""
    from korat_desktop.messages import render

    if not kinds:
        return ""
    names = ", ".join(render(f"pdf.active.{k}", lang, {}) for k in kinds)
    return render("pdf.active_content", lang, {"kinds": names})
