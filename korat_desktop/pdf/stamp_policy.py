"""Teach pyHanko's difference analysis that our receipt stamp is an annotation.

pyHanko's stock policy only explains form filling and signing, so any annotation added
after a signature is reported as an unexplained change (ModificationLevel.OTHER) even
though PDF allows annotations after approval signatures and under DocMDP level 3. This
rule clears exactly one shape of change, at ModificationLevel.ANNOTATIONS: page 1 gains
new /Stamp annotations, nothing else on the page changes, and every object the new
annotations use is new in that revision. The signing layer passes
``receipt_stamp_diff_policy()`` to ``validate_pdf_signature(diff_policy=...)``.

pyHanko compares the signed revision with *each* later revision, not with the one
before. Once someone signs the stamped letter again (or a document timestamp is added
when upgrading), the comparison sees the receipt stamp and the new signature widget
appear together on page 1. Two adjustments keep that case explained: the stamp rule
clears the Stamp annotations even when fresh widgets arrive beside them (the widgets
are left to the form rule), and the signature-field creation rule, whose page walk
refuses any new annotation that is not a new field's widget, is told that receipt
stamps are known too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pyhanko.pdf_utils import generic
from pyhanko.sign.diff_analysis import (
    DEFAULT_DIFF_POLICY,
    FormUpdatingRule,
    ModificationLevel,
    ReferenceUpdate,
    SigFieldCreationRule,
    StandardDiffPolicy,
    WhitelistRule,
)
from pyhanko.sign.diff_analysis.commons import qualify
from pyhanko.sign.diff_analysis.form_rules_api import FieldComparisonContext, FormUpdate

__all__ = ["ReceiptStampRule", "SigFieldCreationBesideStampRule",
           "receipt_stamp_diff_policy"]

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
        stamps = 0
        for annot_ref in new_annots[len(old_annots):]:
            if not old.is_ref_unassignable(annot_ref):
                return  # reuses an old object number: not a fresh annotation
            annot = new(annot_ref)
            if annot.get("/Subtype") != "/Stamp" or "/AP" not in annot:
                # A fresh non-stamp annotation (a new signature's widget): not ours to
                # clear; it stays unexplained unless the form rule approves it.
                continue
            stamps += 1
            cleared.append(annot_ref)
            cleared.extend(dep for dep in new.collect_dependencies(annot, since_revision=new.revision)
                           if dep != ref)
        if not stamps:
            return
        if "/Annots" in new_page:
            raw = new_page.raw_get("/Annots")
            if hasattr(raw, "reference") and raw.reference in changed:
                cleared.append(raw.reference)
        if ref in changed:
            cleared.append(ref)
        for item in cleared:
            yield ReferenceUpdate(item)


def _fresh_stamps(old: Any, new: Any) -> set[Any]:
    """Fresh Stamp annotations (with appearance) that page 1 gained since ``old``."""
    page_ref = _first_page_ref(new)
    if page_ref is None or _first_page_ref(old) != page_ref:
        return set()
    old_annots = _annot_refs(old(page_ref.reference)) or []
    new_annots = _annot_refs(new(page_ref.reference)) or []
    found = set()
    for ref in set(new_annots) - set(old_annots):
        annot = new(ref)
        if (old.is_ref_unassignable(ref) and annot.get("/Subtype") == "/Stamp"
                and "/AP" in annot):
            found.add(ref)
    return found


def _new_widgets(context: FieldComparisonContext) -> dict[Any, str]:
    """Widget annotation ref → field name for every new signature field (as pyHanko)."""
    widgets: dict[Any, str] = {}
    for fq_name, spec in context.field_specs.items():
        if spec.field_type != "/Sig" or spec.old_field_ref or spec.new_field_ref is None:
            continue
        field: Any = spec.new_field_ref.get_object()
        if "/Kids" not in field:
            widgets[spec.new_field_ref] = fq_name
            continue
        for kid in field["/Kids"]:
            if isinstance(kid, generic.IndirectObject) and "/T" not in kid.get_object():
                widgets[kid.reference] = fq_name
    return widgets


class SigFieldCreationBesideStampRule(SigFieldCreationRule):
    """pyHanko's :class:`SigFieldCreationRule`, with receipt stamps known to its page walk.

    The stock rule checks new signature fields, then walks every page and refuses any
    added annotation that is not one of their widgets. We run it without that walk and
    walk the pages ourselves (with pyHanko's own walker) knowing the receipt stamps;
    the stamps' objects are still cleared only by :class:`ReceiptStampRule`.
    """

    def apply(self, context: FieldComparisonContext) -> Iterable[tuple[ModificationLevel,
                                                                        FormUpdate]]:
        if not self.approve_widget_bindings:
            yield from super().apply(context)
            return
        from pyhanko.sign.diff_analysis.rules.form_field_rules import _walk_page_tree_annots

        stock = SigFieldCreationRule(
            approve_widget_bindings=False,
            allow_new_visible_after_certify=self.allow_new_visible_after_certify)
        yield from stock.apply(context)
        widgets = _new_widgets(context)
        if not widgets:
            return
        known: dict[Any, str | None] = {ref: None for ref in
                                        _fresh_stamps(context.old, context.new)}
        known.update(widgets)
        yield from qualify(ModificationLevel.LTA_UPDATES, _walk_page_tree_annots(
            context.old.root["/Pages"], context.new.root["/Pages"], known, context.old,
            valid_when_locked=True, refs_seen=set()))


def _form_rule() -> FormUpdatingRule:
    stock = DEFAULT_DIFF_POLICY.form_rule
    assert stock is not None
    rules = [SigFieldCreationBesideStampRule(
        approve_widget_bindings=rule.approve_widget_bindings,
        allow_new_visible_after_certify=rule.allow_new_visible_after_certify)
        if type(rule) is SigFieldCreationRule else rule for rule in stock.field_rules]
    return FormUpdatingRule(field_rules=rules,
                            ignored_acroform_keys=stock.ignored_acroform_keys)


def receipt_stamp_diff_policy() -> StandardDiffPolicy:
    """pyHanko's default policy plus :class:`ReceiptStampRule` at ANNOTATIONS level, and
    :class:`SigFieldCreationBesideStampRule` for signatures added after the stamp."""
    return StandardDiffPolicy(
        global_rules=[*DEFAULT_DIFF_POLICY.global_rules,
                      ReceiptStampRule().as_qualified(ModificationLevel.ANNOTATIONS)],
        form_rule=_form_rule(),
    )
