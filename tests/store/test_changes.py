"""Every mutating service call says what it changed (house rule 3), without Qt.

The desktop's views refresh from the one ``changes`` signal and each decides from
the :class:`Changes` whether it must; a mutation that forgot a kind of data would
leave a view stale. One table: the call, and the kinds it must report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from pathlib import Path

import pytest

from korat_desktop.app import KoratApp, open_app
from korat_desktop.domain.registers import RegisterKind
from korat_desktop.pdf.sample import make_letter_pdf
from korat_desktop.services.drafts import DraftFields, Drafts
from korat_desktop.services.registration import LetterIntake
from korat_desktop.services.results import Changed, Changes, RegisterResult
from tests.server.hub_harness import AGENCY_A, AGENCY_B, ThreadedHub
from tests.sync.conftest import hub, keyring_file, make_device
from tests.sync.harness import Device

__all__ = ["hub", "keyring_file", "make_device"]  # fixtures of the sync tests, used here

PDF = make_letter_pdf("หนังสือทดสอบ", ["เรื่องทดสอบ"])
SEND = frozenset({RegisterKind.SEND})
RECEIVE = frozenset({RegisterKind.RECEIVE})


def _receive(app: KoratApp) -> Changed:
    return app.registration.receive(PDF, LetterIntake(subject="รับ", sender="ก"))


def _send(app: KoratApp) -> RegisterResult:
    return app.registration.send(PDF, LetterIntake(subject="ส่ง", recipient="ข"))


def _void(app: KoratApp) -> Changed:
    return app.registration.void_entry(_send(app).entry.id, "ผิด")


def _draft(app: KoratApp) -> Changed:
    return Drafts(app).create(PDF, DraftFields(subject="ร่าง"))


def _issue(app: KoratApp) -> Changed:
    drafts = Drafts(app)
    return drafts.issue(drafts.create(PDF, DraftFields(subject="ร่าง", recipient="ค")).draft.id)


def _delete_draft(app: KoratApp) -> Changed:
    drafts = Drafts(app)
    return drafts.delete(drafts.create(PDF, DraftFields(subject="ร่าง")).draft.id)


CASES: list[tuple[str, Callable[[KoratApp], Changed], dict[str, object]]] = [
    ("receive", _receive, {"registers": RECEIVE}),
    ("send", _send, {"registers": SEND}),
    ("void_entry", _void, {"registers": SEND}),
    ("draft create", _draft, {"drafts": True}),
    ("draft issue", _issue, {"drafts": True, "registers": SEND}),
    ("draft delete", _delete_draft, {"drafts": True}),
]


@pytest.mark.parametrize(("call", "expected"), [(c[1], c[2]) for c in CASES],
                         ids=[c[0] for c in CASES])
def test_each_mutation_reports_what_it_changed(
        app: KoratApp, call: Callable[[KoratApp], Changed], expected: dict[str, object]) -> None:
    changes = call(app).changes
    _assert_kinds(changes, expected)


def test_signing_reports_the_signature_and_the_document(app: KoratApp, tmp_path: Path) -> None:
    from korat_desktop.signing.signers import Pkcs12Signer
    from tests.sync.harness import make_p12

    entry = _send(app)
    signer = Pkcs12Signer(make_p12(tmp_path / "s.p12", "pw"), "pw")
    try:
        report = app.signing.sign([entry.entry.id], signer)
    finally:
        signer.close()
    assert report.all_signed
    _assert_kinds(report.changes, {"registers": SEND, "signatures": True,
                                   "entries": frozenset({entry.entry.id}),
                                   "documents": frozenset({entry.entry.document_id})})


def test_office_init_reports_the_office_once(tmp_path: Path) -> None:
    app = open_app(tmp_path / "data", write=True, create=True)
    try:
        _assert_kinds(app.office.init("นม 0017.1", "สำนักงาน").changes, {"office": True})
        assert app.office.init("นม 0017.1", "สำนักงาน").changes.empty  # nothing new
    finally:
        app.close()


def test_hub_mutations_report_outbox_and_inbox(
        hub: ThreadedHub, make_device: Callable[..., Device]) -> None:
    """Queue on one office, sync, register it on the other: each step names its kinds."""
    sender, receiver = make_device("a1", AGENCY_A), make_device("b1", AGENCY_B)
    sender.login(hub.url, "clerk-a")
    receiver.login(hub.url, "clerk-b")
    with sender.app() as app:
        entry = app.sync.send(PDF, LetterIntake(subject="ถึง ข"), [AGENCY_B]).entry
        queued = app.sync.queue(entry.id, allow_unsigned=True)
        _assert_kinds(queued.changes, {"registers": SEND, "outbox": True,
                                       "entries": frozenset({entry.id})})
        pushed = app.sync.sync(once=True, upgrade=False)
        assert pushed.changes.outbox
    with receiver.app() as app:
        pulled = app.sync.sync(once=True, upgrade=False)
        assert pulled.changes.inbox
        item = app.sync.inbox()[0]
        registered = app.sync.register_inbox(item.id)
        _assert_kinds(registered.changes, {"registers": RECEIVE, "inbox": True, "outbox": True})
        assert app.sync.sync(once=True, upgrade=False).changes.outbox  # the receipt goes out
    with sender.app() as app:
        assert app.sync.sync(once=True, upgrade=False).changes.receipts


def test_changes_merge_every_kind() -> None:
    every = Changes(frozenset(RegisterKind), frozenset({1}), frozenset({2}), *(
        [True] * (len(fields(Changes)) - 3)))
    assert not every.empty and Changes().empty
    assert Changes() | every == every
    for f in fields(Changes):  # one kind alone is not empty, and survives a merge
        one = Changes(**{f.name: getattr(every, f.name)})
        assert not one.empty and getattr(one | Changes(), f.name) == getattr(every, f.name)


def _assert_kinds(changes: Changes, expected: dict[str, object]) -> None:
    """The expected kinds are set as given; every boolean kind not named is False."""
    for f in fields(Changes):
        value = getattr(changes, f.name)
        if f.name in expected:
            assert value == expected[f.name], f.name
        elif isinstance(value, bool):
            assert value is False, f.name
