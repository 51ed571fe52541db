"""Couriers for the CLI and the window: export to a stick, import from one, the log.

``app.courier`` is the one entry point (``korat courier export|import|log`` and the
window's "ส่งทางพนักงานนำสาร" call the same methods). Results are frozen dataclasses
(:mod:`.courier_results`); nothing here touches Qt. The work itself is in
:mod:`.courier_export` and :mod:`.courier_import`; this module holds the rules that
tie them to the store: what is pending, what counts as acknowledged, what the log
shows.

Keys come from a :class:`~korat_desktop.courier.keys.CourierKeys`: by default the
office's own (:func:`office_keys`), or whatever the caller passes.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from korat_desktop.courier.keys import CourierKeys
from korat_desktop.errors import CourierError, FileError, KoratError
from korat_desktop.files import file_error
from korat_desktop.protocol.bundle import RelayedPage
from korat_desktop.protocol.changes import ChangePage
from korat_desktop.services.courier_export import (
    BUNDLE_LIMIT,
    PlannedBundle,
    WrittenBundle,
    own_acked_cursor,
    pending_operations,
    plan_export,
    write_planned,
)
from korat_desktop.services.courier_import import check_bundle, store_bundle, store_letters
from korat_desktop.services.courier_results import (
    CourierBundleView,
    CourierOpView,
    CourierProgress,
    ExportRefusal,
    ExportResult,
    ImportItem,
    ImportResult,
    OpError,
)
from korat_desktop.services.office import current_actor
from korat_desktop.services.results import Changes
from korat_desktop.store.audit import AuditLog
from korat_desktop.store.models import (
    CourierBundleOp,
    CourierBundleRow,
    DeliveryReceiptRow,
    InboxItemRow,
    Office,
    OutboxOpRow,
    RelayOpRow,
    SentLetter,
)
from korat_desktop.sync.context import utc_now
from korat_desktop.sync.enrollment import load_enrollment
from korat_desktop.sync.outbox import OutboxOperation, OutboxState

if TYPE_CHECKING:
    from korat_desktop.app import KoratApp
    from korat_desktop.signing.signers import DocumentSigner

__all__ = ["CourierService", "office_keys"]

Progress = Callable[[CourierProgress], None]
_IN_BATCH = 500  # ids per IN (...) query: well under SQLite's variable limit


def office_keys(app: KoratApp) -> CourierKeys:
    """This office's keys: the cached directory, the office key in the OS keyring and
    the configured trust roots (:class:`~korat_desktop.courier.directory_keys.DirectoryKeys`)."""
    keys: CourierKeys = app.courier_keys
    return keys


class CourierService:
    @property
    def actor(self) -> str:
        """The person at this PC now (signing in to the hub changes it)."""
        return current_actor(self.app)

    def __init__(self, app: KoratApp, keys: CourierKeys | None = None,
                 *, limit: int = BUNDLE_LIMIT) -> None:
        self.app = app
        self._keys = keys
        self.limit = limit

    @property
    def keys(self) -> CourierKeys:
        if self._keys is None:
            self._keys = office_keys(self.app)
        return self._keys

    def _office(self, s: Session) -> Office:
        office = s.get(Office, 1)
        if office is None:
            raise CourierError("courier.no_office")
        return office

    # -- export -----------------------------------------------------------------------------
    def pending(self, to_agencies: Sequence[str] | None = None) -> list[OutboxOperation]:
        """Queued operations a courier could carry (for those agencies)."""
        with self.app.database.read() as s:
            return [op for op, _ in pending_operations(s, self.actor, to_agencies)]

    def export(self, dest: Path, *, to_agencies: Sequence[str] = (), all_pending: bool = False,
               for_agency: str | None = None, op_ids: Sequence[str] = (),
               signer: DocumentSigner, progress: Progress | None = None) -> ExportResult:
        """Write one bundle per recipient set into ``dest`` (a folder, or a file name)."""
        if for_agency is not None:
            return self._export_for_agency(dest, for_agency, signer, progress)
        if not (to_agencies or all_pending or op_ids):
            raise CourierError("courier.nothing_chosen")
        report = progress or (lambda p: None)
        report(CourierProgress("plan"))
        keys = self.keys
        with self.app.database.read() as s:
            office = self._office(s)
            if office.agency_code != keys.agency_code:
                raise CourierError("courier.wrong_agency", agency=keys.agency_code,
                                   office=office.agency_code)
            chosen = pending_operations(s, self.actor, None if all_pending else to_agencies,
                                        op_ids)
            device = office.device_id
            cursor = own_acked_cursor(s, office.agency_code)
        plan = plan_export(self.app.blobs, office.agency_code, device, chosen, self.limit)
        if not plan.bundles and not plan.refused:
            raise CourierError("courier.nothing_pending")
        if plan.bundles:
            _check_signer(keys, office.agency_code, signer)
        refused = list(plan.refused)
        written: list[WrittenBundle] = []
        taken: set[Path] = set()
        days = int(self.app.config["courier.bundle_days"])
        for n, planned in enumerate(plan.bundles):
            try:
                bundle = write_planned(planned, dest, keys=keys, blobs=self.app.blobs,
                                       pyhanko_signer=signer.pyhanko_signer, device=device,
                                       days=days, acked_cursor=cursor, taken=taken,
                                       progress=report)
            except CourierError as e:
                if e.code not in ("courier.no_certificate", "courier.certificate_expired"):
                    raise
                refused.append(_refusal(planned, e))
                continue
            except FileError as e:
                if not written:
                    raise  # nothing went: the error itself is the answer
                # the stick filled up (or went away) after some bundles: those stay
                # written and logged; this one and the rest did not go, and say why
                refused += [_refusal(p, e) for p in plan.bundles[n:]]
                break
            report(CourierProgress("record", bundle.path.name))
            with self.app.database.write() as s:
                self._record_out(s, bundle)
            written.append(bundle)
        views = tuple(self._views([w.manifest.bundle_id for w in written]))
        return ExportResult(
            files=tuple(w.path for w in written), bundles=views,
            operations=sum(len(w.planned.operations) for w in written),
            bytes=sum(w.size for w in written),
            changes=Changes(outbox=bool(written), couriers=bool(written)),
            refused=tuple(refused))

    def _export_for_agency(self, dest: Path, agency: str, signer: DocumentSigner,
                           progress: Progress | None) -> ExportResult:
        """Relay outward: what the hub holds for offline ``agency`` (we are its designated
        relay), as the hub signed it, with its letters, in one bundle for it. Everything
        after the cursor it last acknowledged goes, so a lost bundle is carried again."""
        report = progress or (lambda p: None)
        keys = self.keys
        with self.app.database.read() as s:
            office = self._office(s)
        _check_signer(keys, office.agency_code, signer)
        report(CourierProgress("fetch", agency))
        carried = self.app.sync.relay_outward(agency, progress=lambda p: report(
            CourierProgress("fetch", agency, p.done, p.total)))
        if not carried.pages:
            raise CourierError("courier.nothing_pending")
        size = sum(self.app.blobs.path(sha).stat().st_size for sha in carried.blobs)
        planned = PlannedBundle((agency,), (), (), size, 1, 1)
        bundle = write_planned(planned, dest, keys=keys, blobs=self.app.blobs,
                               pyhanko_signer=signer.pyhanko_signer, device=office.device_id,
                               days=int(self.app.config["courier.bundle_days"]),
                               acked_cursor=None, taken=set(), progress=report,
                               relayed=carried.pages)
        report(CourierProgress("record", bundle.path.name))
        with self.app.database.write() as s:
            self._record_out(s, bundle, pages=_page_ops(carried.pages))
        return ExportResult(
            files=(bundle.path,), bundles=tuple(self._views([bundle.manifest.bundle_id])),
            operations=carried.changes, bytes=bundle.size, changes=Changes(couriers=True))

    def _record_out(self, s: Session, bundle: WrittenBundle,
                    pages: dict[str, str] | None = None) -> None:
        m = bundle.manifest
        s.add(CourierBundleRow(
            bundle_id=m.bundle_id, direction="out", file_name=bundle.path.name,
            file_sha256=bundle.sha256, size=bundle.size, sender_agency=m.sender_agency,
            recipients=json.dumps(m.recipients, ensure_ascii=False), signer=bundle.signer,
            created_at=m.created, expires_at=m.expires, recorded_at=utc_now(),
            part=bundle.planned.part, parts=bundle.planned.parts))
        s.flush()
        for op in bundle.planned.operations:
            s.add(CourierBundleOp(bundle_id=m.bundle_id, op_id=op.op_id, role="carried",
                                  kind=op.kind))
        for op_id, kind in (pages or {}).items():
            s.add(CourierBundleOp(bundle_id=m.bundle_id, op_id=op_id, role="page", kind=kind))
        AuditLog(s, self.actor).append(
            "courier.exported", "courier_bundle", m.bundle_id,
            {"to": m.recipients, "file": bundle.path.name, "file_sha256": bundle.sha256,
             "operations": [o.op_id for o in bundle.planned.operations]})

    # -- import -----------------------------------------------------------------------------
    def import_files(self, paths: Sequence[Path], progress: Progress | None = None, *,
                     now: dt.datetime | None = None) -> ImportResult:
        """Import each file on its own: one bad file fails alone, with its reason.
        ``now``: the moment expiry is judged at (default: the clock)."""
        report = progress or (lambda p: None)
        items = [self._import_one(Path(p), report, now) for p in paths]
        applied = any(i.applied for i in items)
        stored = any(i.ok and (i.applied or i.relayed) for i in items)
        return ImportResult(tuple(items), Changes(
            inbox=applied, receipts=applied, outbox=applied,
            couriers=stored or any(i.ok for i in items)))

    def _import_one(self, path: Path, report: Progress, now: dt.datetime | None
                    ) -> ImportItem:
        try:
            keys = self.keys
            with self.app.database.read() as s:
                own = self._office(s).agency_code
                enrolled = load_enrollment(s) is not None
            report(CourierProgress("open", path.name))
            checked, opened = check_bundle(path, keys, enrolled=enrolled, now=now)
            with opened:
                letters = store_letters(checked, opened, self.app.blobs, report)
            report(CourierProgress("apply", path.name))
            with self.app.blob_write() as s:
                counts = store_bundle(s, self.actor, own, checked, letters, self.app.blobs)
        except KoratError as e:
            return ImportItem(path, False, error=OpError.of(e))
        except OSError as e:  # the stick pulled out while it was read
            return ImportItem(path, False, error=OpError.of(file_error(e, path)))
        return ImportItem(path, True, counts.bundle_id, counts.applied, counts.relayed,
                          counts.already)

    # -- the log ----------------------------------------------------------------------------
    def log(self, limit: int = 200) -> list[CourierBundleView]:
        """Bundles out and in, newest first, with their operations."""
        with self.app.database.read() as s:
            ids = list(s.scalars(select(CourierBundleRow.bundle_id)
                                 .order_by(CourierBundleRow.id.desc()).limit(limit)))
        return self._views(ids)

    def carried(self) -> dict[str, tuple[str, ...]]:
        """op_id → the bundles (file names) it went out on, for the outbox view."""
        out: dict[str, list[str]] = {}
        with self.app.database.read() as s:
            for op_id, name in s.execute(
                    select(CourierBundleOp.op_id, CourierBundleRow.file_name)
                    .join(CourierBundleRow,
                          CourierBundleRow.bundle_id == CourierBundleOp.bundle_id)
                    .where(CourierBundleRow.direction == "out")
                    .order_by(CourierBundleRow.id)):
                out.setdefault(op_id, []).append(name)
        return {k: tuple(v) for k, v in out.items()}

    def _views(self, bundle_ids: Sequence[str]) -> list[CourierBundleView]:
        views = []
        with self.app.database.read() as s:
            for bundle_id in bundle_ids:
                row = s.scalars(select(CourierBundleRow).where(
                    CourierBundleRow.bundle_id == bundle_id)).one()
                ops = s.scalars(select(CourierBundleOp).where(
                    CourierBundleOp.bundle_id == bundle_id)).all()
                recipients = tuple(json.loads(row.recipients))
                views.append(CourierBundleView(
                    row.bundle_id, row.direction, row.file_name, row.size, row.sender_agency,
                    recipients, row.signer, row.created_at, row.expires_at, row.recorded_at,
                    row.part, row.parts,
                    _op_views(s, ops)))
        return views


def _refusal(planned: PlannedBundle, error: KoratError) -> ExportRefusal:
    return ExportRefusal(tuple(o.op_id for o in planned.operations), planned.recipients,
                         OpError.of(error))


def _check_signer(keys: CourierKeys, agency: str, signer: DocumentSigner) -> None:
    """Refuse early what the recipients would refuse: our directory lists signers for
    our agency and this certificate is not one of them. An office that only handed its
    certificates out (never saw its own listing) lets the recipients judge."""
    listed = {c.sha256 for c in keys.signing_certificates(agency)}
    if listed and signer.certificate.sha256 not in listed:
        raise CourierError("courier.own_signer_not_listed", agency=agency,
                           signer=signer.info.common_name)


def _page_ops(pages: Sequence[RelayedPage]) -> dict[str, str]:
    """The operations in relayed pages (op_id: kind), for the courier log."""
    found: dict[str, str] = {}
    for relayed in pages:
        page = ChangePage.model_validate_json(base64.b64decode(relayed.page))
        found.update((c.op_id, c.op.kind) for c in page.changes)
    return found


def _in(s: Session, column: InstrumentedAttribute[str], ids: Sequence[str],
        *columns: InstrumentedAttribute[Any]) -> list[tuple[Any, ...]]:
    """Rows of ``columns`` whose ``column`` is one of ``ids``, a few queries in all."""
    rows: list[tuple[Any, ...]] = []
    for start in range(0, len(ids), _IN_BATCH):
        rows += [tuple(r) for r in s.execute(select(column, *columns).where(
            column.in_(ids[start:start + _IN_BATCH])))]
    return rows


def _op_views(s: Session, ops: Sequence[CourierBundleOp]) -> tuple[CourierOpView, ...]:
    """Each operation of a bundle with its subject and whether it was acknowledged
    (a handful of queries for the bundle, not several per operation)."""
    ids = [o.op_id for o in ops]
    outbox = dict(_in(s, OutboxOpRow.op_id, ids, OutboxOpRow.state))
    sent = {r[0]: (r[1], r[2]) for r in _in(s, SentLetter.op_id, ids, SentLetter.subject,
                                            SentLetter.recipients)}
    receipts: dict[str, set[str]] = {}
    for letter, receiver in _in(s, DeliveryReceiptRow.letter_op_id, ids,
                                DeliveryReceiptRow.receiver_code):
        receipts.setdefault(letter, set()).add(receiver)
    inbox: dict[str, str] = {}
    for op_id, subject in _in(s, InboxItemRow.op_id, ids, InboxItemRow.subject):
        inbox.setdefault(op_id, subject)
    relay = dict(_in(s, RelayOpRow.op_id, ids, RelayOpRow.state))
    views = []
    for op in ops:
        subject, acknowledged = "", False
        if op.role == "carried":
            acknowledged = outbox.get(op.op_id) == OutboxState.COMMITTED.value
            if op.op_id in sent:
                subject, recipients = sent[op.op_id]
                acknowledged = acknowledged or set(json.loads(recipients)) <= receipts.get(
                    op.op_id, set())
        elif op.role == "applied":
            subject, acknowledged = inbox.get(op.op_id, ""), True
        else:
            acknowledged = relay.get(op.op_id) in ("committed", "replayed")
        views.append(CourierOpView(op.op_id, op.kind, op.role, subject, acknowledged))
    return tuple(views)
