"""Teach pyHanko's difference analysis that our receipt stamp is an annotation.

pyHanko's stock policy only explains form filling and signing, so any annotation added
after a signature is reported as an unexplained change (ModificationLevel.OTHER) even
though PDF allows annotations after approval signatures and under DocMDP level 3. This
rule clears exactly one shape of change, at ModificationLevel.ANNOTATIONS: page 1 gains
new /Stamp annotations, nothing else on the page changes, and every object the new
annotations use is new in that revision. The signing layer passes
``receipt_stamp_diff_policy()`` to ``validate_pdf_signature(diff_policy=...)``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pyhanko.sign.diff_analysis import (
    DEFAULT_DIFF_POLICY,
    ModificationLevel,
    ReferenceUpdate,
    StandardDiffPolicy,
    WhitelistRule,
)

__all__ = ["ReceiptStampRule", "receipt_stamp_diff_policy"]

_MAX_DEPTH = 64


def _first_page_ref(resolver: Any) -> Any:
    node = resolver.root.raw_get("/Pages")
    for _ in range(_MAX_DEPTH):
        obj = node.get_object()
        if obj.get("/Type") == "/Page":
            return node
        kids = obj.get("/Kids")
        if not kids:
            return None
        node = kids.raw_get(0)
    return None


def _annot_refs(page: Any) -> list[Any] | None:
    if "/Annots" not in page:
        return []
    value = page["/Annots"]
    refs = []
    for i in range(len(value)):
        item = value.raw_get(i)
        if not hasattr(item, "reference"):
            return None  # direct annotation dictionaries: not our shape
        refs.append(item.reference)
    return refs


class ReceiptStampRule(WhitelistRule):
    """Clears new Stamp annotations on page 1 (see module docstring)."""

    def apply(self, old: Any, new: Any) -> Iterable[ReferenceUpdate]:
        page_ref = _first_page_ref(new)
        if page_ref is None or _first_page_ref(old) != page_ref:
            return
        ref = page_ref.reference
        old_page, new_page = old(ref), new(ref)
        changed = new.explicit_refs_in_revision()
        if set(old_page) - {"/Annots"} != set(new_page) - {"/Annots"}:
            return
        for key in new_page:
            if key != "/Annots" and old_page.raw_get(key) != new_page.raw_get(key):
                return
        old_annots, new_annots = _annot_refs(old_page), _annot_refs(new_page)
        if old_annots is None or new_annots is None:
            return
        if new_annots[: len(old_annots)] != old_annots or len(new_annots) == len(old_annots):
            return
        cleared = []
        for annot_ref in new_annots[len(old_annots):]:
            if not old.is_ref_unassignable(annot_ref):
                return  # reuses an old object number: not a fresh annotation
            annot = new(annot_ref)
            if annot.get("/Subtype") != "/Stamp" or "/AP" not in annot:
                return
            cleared.append(annot_ref)
            cleared.extend(dep for dep in new.collect_dependencies(annot, since_revision=new.revision)
                           if dep != ref)
        if "/Annots" in new_page:
            raw = new_page.raw_get("/Annots")
            if hasattr(raw, "reference") and raw.reference in changed:
                cleared.append(raw.reference)
        if ref in changed:
            cleared.append(ref)
        for item in cleared:
            yield ReferenceUpdate(item)


def receipt_stamp_diff_policy() -> StandardDiffPolicy:
    """pyHanko's default policy plus :class:`ReceiptStampRule` at ANNOTATIONS level."""
    return StandardDiffPolicy(
        global_rules=[*DEFAULT_DIFF_POLICY.global_rules,
                      ReceiptStampRule().as_qualified(ModificationLevel.ANNOTATIONS)],
        form_rule=DEFAULT_DIFF_POLICY.form_rule,
    )
