"""An offline office applies the hub's pages its relay carried: hub signature checked
first (and nothing stored when any check fails), then the same ChangeApplier as a
network pull, without moving the network cursor; twice is the same as once."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from collections.abc import Callable

import pytest
from pyhanko.sign.signers import SimpleSigner
from sqlalchemy import func, select

from korat_desktop.courier.relayed_pages import (
    acked_cursor,
    apply_relayed_pages,
    verify_relayed_pages,
)
from korat_desktop.courier.signature import sign_detached
from korat_desktop.errors import CourierError
from korat_desktop.protocol.bundle import RelayedPage
from korat_desktop.protocol.changes import Change, ChangeKind, ChangePage
from korat_desktop.protocol.ops import (
    LetterReceiptOp,
    LetterReceiptPayload,
    LetterSendOp,
    LetterSendPayload,
    RegisterEntry,
)
from korat_desktop.protocol.relay import RelayChangePage
from korat_desktop.protocol.uuid7 import uuid7
from korat_desktop.store.models import (
    AuditRecord,
    DeliveryReceiptRow,
    InboxItemRow,
    SyncEnrollment,
)
from korat_desktop.sync.inbox import InboxState
from korat_desktop.sync.outbox import Outbox, OutboxState
from tests.courier.fixed_keys import FixedKeys, asn1
from tests.courier.pki import Identity, make_ca, make_identity
from tests.server.hub_harness import AGENCY_A, AGENCY_B
from tests.sync.conftest import keyring_file, make_device
from tests.sync.harness import Device, letter_pdf

__all__ = ["keyring_file", "make_device"]

NOW = dt.datetime(2026, 3, 2, 3, 4, 5, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("hub-pki")
    ca, other_ca = make_ca(), make_ca("Another Root")
    hub = make_identity(ca, "Korat hub", encryption=False)
    clerk = make_identity(ca, "สมชาย ใจดี", encryption=False)
    stranger = make_identity(other_ca, "Korat hub", encryption=False)
    ca.write(folder, "ca")
    other_ca.write(folder, "other")

    def signer(identity: Identity, name: str, chain: str) -> SimpleSigner:
        cert, key = identity.write(folder, name)
        loaded = SimpleSigner.load(str(key), str(cert), ca_chain_files=(str(folder / chain),))
        assert loaded is not None
        return loaded

    return {"ca": ca, "hub": hub, "hub_signer": signer(hub, "hub", "ca.crt"),
            "clerk_signer": signer(clerk, "clerk", "ca.crt"),
            "stranger_signer": signer(stranger, "stranger", "other.crt")}


def _keys(pki: dict[str, object]) -> FixedKeys:
    return FixedKeys(AGENCY_A, [asn1(pki["ca"])], hub=asn1(pki["hub"]))  # type: ignore[arg-type]


def _sign(page: ChangePage, signer: object, agency: str = AGENCY_A) -> RelayedPage:
    data = RelayChangePage(agency=agency, changes=page.changes, next_cursor=page.next_cursor,
                           has_more=page.has_more).model_dump_json().encode("utf-8")
    signature = sign_detached(signer, data)  # type: ignore[arg-type]
    return RelayedPage(agency=agency, page=base64.b64encode(data).decode(),
                       signature=base64.b64encode(signature).decode())


def _change(seq: int, kind: ChangeKind, agency: str, op: object,
            op_id: str | None = None) -> Change:
    return Change(cursor=f"c{seq}", kind=kind, op_id=op_id or uuid7(), agency=agency,
                  committed_at=NOW, op=op)  # type: ignore[arg-type]


def _letter(to: list[str], sha: str, subject: str) -> LetterSendOp:
    return LetterSendOp(kind="letter.send", blobs=[sha], payload=LetterSendPayload(
        to=to, number="ที่ นม 0023.4/77", subject=subject, date=dt.date(2026, 3, 1)))


def _office_a(make_device: Callable[..., Device]) -> tuple[Device, str, str]:
    """Office A with one letter in its outbox (not sent: no link) and, in its blob store,
    the PDF of a letter B sent it (as a bundle brings it)."""
    a = make_device("a", AGENCY_A)
    pdf = letter_pdf("หนังสือจาก ข ถึง ก")
    with a.app() as app:
        sha = app.blobs.put(pdf)
        with app.database.write() as s:
            queued = Outbox(s, "test").queue(
                _letter([AGENCY_B], hashlib.sha256(b"ours").hexdigest(), "หนังสือของ ก"),
                urgency_rank=0)
    return a, queued.op_id, sha


def _pages(own_op_id: str, sha: str) -> list[ChangePage]:
    receipt = LetterReceiptOp(kind="letter.receipt", payload=LetterReceiptPayload(
        letter_op_id=own_op_id, receive=RegisterEntry(year=2569, number=41),
        received_date=dt.date(2026, 3, 2), received_time="10:05"))
    first = ChangePage(changes=[
        _change(1, ChangeKind.OWN, AGENCY_A, _letter([AGENCY_B], hashlib.sha256(b"ours")
                                                     .hexdigest(), "หนังสือของ ก"), own_op_id),
        _change(2, ChangeKind.INBOX, AGENCY_B, _letter([AGENCY_A], sha, "หนังสือจาก ข ถึง ก"))],
        next_cursor="c2", has_more=True)
    second = ChangePage(changes=[_change(3, ChangeKind.DELIVERY_RECEIPT, AGENCY_B, receipt)],
                        next_cursor="c3", has_more=False)
    return [first, second]


def _counts(device: Device) -> tuple[int, int, int]:
    with device.app() as app, app.database.read() as s:
        return (s.scalar(select(func.count()).select_from(InboxItemRow)) or 0,
                s.scalar(select(func.count()).select_from(DeliveryReceiptRow)) or 0,
                s.scalar(select(func.count()).select_from(AuditRecord)) or 0)


def test_pages_apply_once_and_leave_the_network_cursor(
        make_device: Callable[..., Device], pki: dict[str, object]) -> None:
    a, own_op_id, sha = _office_a(make_device)
    relayed = [_sign(p, pki["hub_signer"]) for p in _pages(own_op_id, sha)]
    keys = _keys(pki)
    with a.app() as app:
        with app.database.write() as s:
            s.add(SyncEnrollment(id=1, hub_url="https://hub.example", username="clerk-a",
                                 agency_code=AGENCY_A, agency_name="ก", hub_device_id="d1", device_name="a",
                                 enrolled_at=NOW, changes_cursor="network-7"))
        for _ in range(2):  # the same bundle imported twice: once
            pages = verify_relayed_pages(keys, relayed)
            with app.database.write() as s:
                applied = apply_relayed_pages(s, "test", AGENCY_A, app.blobs, pages)
        with app.database.read() as s:
            assert acked_cursor(s, AGENCY_A) == "c3"
            assert s.get(SyncEnrollment, 1).changes_cursor == "network-7"  # type: ignore[union-attr]
            op = Outbox(s, "test").get(own_op_id)
            assert op is not None and op.state is OutboxState.COMMITTED
            item = s.scalars(select(InboxItemRow)).one()
            assert (item.state, item.sender_code) == (InboxState.READY.value, AGENCY_B)
            receipt = s.scalars(select(DeliveryReceiptRow)).one()
            assert (receipt.letter_op_id, receipt.receive_number) == (own_op_id, 41)
    assert (applied.pages, applied.changes, applied.new_inbox, applied.new_receipts) == (
        2, 3, 0, 0)  # the second time: nothing new
    assert _counts(a)[:2] == (1, 1)
    assert a.korat("audit", "verify").code == 0


def test_the_first_import_counts_what_it_brought(
        make_device: Callable[..., Device], pki: dict[str, object]) -> None:
    a, own_op_id, sha = _office_a(make_device)
    pages = verify_relayed_pages(_keys(pki), [_sign(p, pki["hub_signer"])
                                              for p in _pages(own_op_id, sha)])
    with a.app() as app, app.database.write() as s:
        applied = apply_relayed_pages(s, "test", AGENCY_A, app.blobs, pages)
    assert (applied.new_inbox, applied.new_receipts, applied.confirmed_own, applied.ready,
            applied.acked) == (1, 1, 1, 1, "c3")


def test_an_inbox_letter_without_its_pdf_waits_for_it(
        make_device: Callable[..., Device], pki: dict[str, object]) -> None:
    a, own_op_id, _ = _office_a(make_device)
    missing = hashlib.sha256(b"not carried").hexdigest()
    pages = verify_relayed_pages(_keys(pki), [_sign(p, pki["hub_signer"])
                                              for p in _pages(own_op_id, missing)])
    with a.app() as app, app.database.write() as s:
        applied = apply_relayed_pages(s, "test", AGENCY_A, app.blobs, pages)
        assert s.scalars(select(InboxItemRow.state)).one() == InboxState.ARRIVED.value
    assert applied.ready == 0


def _flip(page: RelayedPage) -> RelayedPage:
    data = bytearray(base64.b64decode(page.page))
    data[data.index(b"c2")] = ord("d")  # one changed byte in the signed bytes
    return page.model_copy(update={"page": base64.b64encode(bytes(data)).decode()})


@pytest.mark.parametrize("damage", ["flipped", "not_the_hub", "untrusted", "foreign_label",
                                    "foreign_signed_agency",
                                    "foreign_content", "no_hub_certificate", "bad_base64"])
def test_a_bad_page_refuses_them_all_and_stores_nothing(
        make_device: Callable[..., Device], pki: dict[str, object], damage: str) -> None:
    a, own_op_id, sha = _office_a(make_device)
    keys = _keys(pki)
    good = [_sign(p, pki["hub_signer"]) for p in _pages(own_op_id, sha)]
    first, second = good
    expected = {"flipped": "courier.signature_invalid",
                "not_the_hub": "courier.relayed_page_signer",
                "untrusted": "courier.signer_untrusted",
                "foreign_label": "courier.relayed_page_foreign",
                "foreign_signed_agency": "courier.relayed_page_foreign",
                "foreign_content": "courier.relayed_page_foreign",
                "no_hub_certificate": "courier.no_hub_certificate",
                "bad_base64": "courier.relayed_page_invalid"}[damage]
    if damage == "flipped":
        second = _flip(first)
    elif damage == "not_the_hub":
        second = _sign(_pages(own_op_id, sha)[1], pki["clerk_signer"])
    elif damage == "untrusted":
        second = _sign(_pages(own_op_id, sha)[1], pki["stranger_signer"])
    elif damage == "foreign_label":
        second = second.model_copy(update={"agency": AGENCY_B})
    elif damage == "foreign_signed_agency":  # B's receipts-only page, labelled as ours
        second = _sign(_pages(own_op_id, sha)[1], pki["hub_signer"], agency=AGENCY_B)
        second = second.model_copy(update={"agency": AGENCY_A})
    elif damage == "foreign_content":  # B's own page, relabelled as ours
        b_page = ChangePage(changes=[_change(9, ChangeKind.OWN, AGENCY_B,
                                             _letter([AGENCY_A], sha, "ของ ข"))],
                            next_cursor="c9", has_more=False)
        second = _sign(b_page, pki["hub_signer"])
    elif damage == "no_hub_certificate":
        keys.hub = None
    elif damage == "bad_base64":
        second = second.model_copy(update={"signature": "!!!!" + second.signature})
    before = _counts(a)
    with pytest.raises(CourierError) as caught:
        verify_relayed_pages(keys, [first, second])
    assert caught.value.code == expected
    assert caught.value.message("th") != caught.value.code  # it has words
    assert _counts(a) == before
