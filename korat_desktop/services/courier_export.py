"""Export: queued outbox operations into signed, encrypted bundles on removable media.

What goes: operations still ``queued`` (the network has not taken them) for the chosen
agencies, grouped into one bundle per recipient set (a letter to {B} and one to {B, C}
travel apart, each sealed only to those who may read it). A ``letter.receipt`` goes to
the agency that sent the letter. ``number.void`` never travels: only the hub cares.

Rules: ลับที่สุด never goes (refused with the reason); a bundle is always encrypted, so
a recipient set with an agency that has no encryption certificate is refused, naming
it (its ลับ/ลับมาก letters are never written in clear), while the others still go.

Each bundle is sealed to its recipients, to our own agency (so our other devices and
our auditors can open what we sent) and to our relay office if the directory names one
(so it can open and forward it to the hub). It is written under a temporary name on the
stick (hashed as it is written), fsynced, dropped from the page cache, read back from
the medium and compared with what was written by SHA-256, then renamed
(:func:`korat_desktop.files.write_streamed`); only then is it recorded in the courier
log, in one transaction. Opening it again with our own key would decrypt and re-check
the whole container a second time (1.2 of 4.6 s for 50 MB) to prove no more than the
byte comparison does: that the stick holds exactly what was sealed. Temp files a
killed export left on the stick are removed first (only ours, only abandoned ones). The operations stay queued: a bundle can be lost, so
they go again with the next export until the hub or the recipient acknowledges them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from asn1crypto import x509
from pyhanko.sign.signers.pdf_cms import Signer
from sqlalchemy import select
from sqlalchemy.orm import Session

from korat_desktop.courier.bundle import BUNDLE_EXTENSION, write_bundle
from korat_desktop.courier.keys import CourierKeys
from korat_desktop.errors import CourierError, StoreError
from korat_desktop.files import remove_stale_temps, write_streamed
from korat_desktop.protocol.bundle import BundledOperation, BundleManifest, RelayedPage
from korat_desktop.protocol.ops import LetterReceiptOp, LetterSendOp, Secrecy
from korat_desktop.protocol.uuid7 import uuid7
from korat_desktop.services.courier_results import CourierProgress, ExportRefusal, OpError
from korat_desktop.store.blobs import BlobStore
from korat_desktop.store.models import DeliveryReceiptRow, InboxItemRow, RelayCursor
from korat_desktop.sync.outbox import Outbox, OutboxOperation, OutboxState

__all__ = ["BUNDLE_LIMIT", "BundlePlan", "HashingReader", "PlannedBundle", "WrittenBundle",
           "bundle_file_name", "own_acked_cursor", "pending_operations", "plan_export", "recipients_of",
           "sealing_certificates", "write_planned"]

BUNDLE_LIMIT = 3_900_000_000
"""Bytes of letters per bundle: FAT32 holds files up to 4 GiB - 1, so a bigger export
is split into several complete bundles (by operations, never inside one)."""
_OP_OVERHEAD = 8192  # zip headers, manifest lines and the operation's JSON, generously
_OUR_NAMES = re.compile(r"korat_[^/\\]*")
"""Names :func:`bundle_file_name` makes (a temp name may keep only their start): the
stale temp files of ours that an export removes from the stick."""
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\s]+')  # not in FAT/NTFS names; no spaces

Progress = Callable[[CourierProgress], None]


@dataclass(frozen=True)
class PlannedBundle:
    recipients: tuple[str, ...]
    operations: tuple[OutboxOperation, ...]
    bundled: tuple[BundledOperation, ...]
    letter_bytes: int
    part: int
    parts: int


@dataclass(frozen=True)
class BundlePlan:
    bundles: tuple[PlannedBundle, ...]
    refused: tuple[ExportRefusal, ...]


def recipients_of(session: Session, op: OutboxOperation) -> tuple[str, ...] | None:
    """Who an operation is for: a letter's addressees, a receipt's letter sender;
    None for what never travels by courier (``number.void``) or a receipt whose
    letter we do not know."""
    parsed = op.op
    if isinstance(parsed, LetterSendOp):
        return tuple(parsed.payload.to)
    if isinstance(parsed, LetterReceiptOp):
        sender = session.scalar(select(InboxItemRow.sender_code).where(
            InboxItemRow.op_id == parsed.payload.letter_op_id))
        return None if sender is None else (sender,)
    return None


def _registered_by(session: Session, ops: Sequence[OutboxOperation]) -> dict[str, set[str]]:
    """Letter op_id → the agencies whose receipt for it came back (a few queries)."""
    letters = [op.op_id for op in ops if op.kind == "letter.send"]
    got: dict[str, set[str]] = {}
    for start in range(0, len(letters), 500):
        for letter, receiver in session.execute(
                select(DeliveryReceiptRow.letter_op_id, DeliveryReceiptRow.receiver_code)
                .where(DeliveryReceiptRow.letter_op_id.in_(letters[start:start + 500]))):
            got.setdefault(letter, set()).add(receiver)
    return got


def pending_operations(session: Session, actor: str, to_agencies: Sequence[str] | None = None,
                       op_ids: Sequence[str] = ()) -> list[tuple[OutboxOperation, tuple[str, ...]]]:
    """Queued operations that may travel by courier, with their recipients."""
    outbox = Outbox(session, actor)
    if op_ids:
        chosen = []
        for op_id in op_ids:
            op = outbox.get(op_id)
            if op is None:
                raise CourierError("courier.op_not_found", op_id=op_id)
            if op.state is not OutboxState.QUEUED:
                raise CourierError("courier.op_not_pending", op_id=op_id, state=op.state.value)
            chosen.append(op)
    else:
        chosen = outbox.listing((OutboxState.QUEUED,))
    wanted = set(to_agencies or ())
    registered = {} if op_ids else _registered_by(session, chosen)
    found = []
    for op in chosen:
        recipients = recipients_of(session, op)
        if recipients is None:
            if op_ids:
                raise CourierError("courier.op_not_carried", op_id=op.op_id, kind=op.kind)
            continue
        if wanted and not wanted & set(recipients):
            continue
        if op.kind == "letter.send" and set(recipients) <= registered.get(op.op_id, set()):
            continue  # every recipient registered it already (its receipts came back)
        found.append((op, recipients))
    return found


def _bundled(op: OutboxOperation, recipients: tuple[str, ...], agency: str,
             device: str) -> BundledOperation:
    return BundledOperation(op_id=op.op_id, kind=op.kind, body=op.body,
                            content_sha256=op.content_sha256, origin_agency=agency,
                            origin_device=device, recipients=list(recipients),
                            blobs=list(op.blobs))


def _split(ops: list[tuple[OutboxOperation, BundledOperation, int]], limit: int
           ) -> list[list[tuple[OutboxOperation, BundledOperation, int]]]:
    parts: list[list[tuple[OutboxOperation, BundledOperation, int]]] = [[]]
    size = 0
    for item in ops:
        if parts[-1] and size + item[2] > limit:
            parts.append([])
            size = 0
        parts[-1].append(item)
        size += item[2]
    return parts


def plan_export(blobs: BlobStore, agency: str, device: str,
                chosen: list[tuple[OutboxOperation, tuple[str, ...]]],
                limit: int = BUNDLE_LIMIT) -> BundlePlan:
    """Group by recipient set, refuse what must not go, split what is too big."""
    refused: list[ExportRefusal] = []
    groups: dict[tuple[str, ...], list[tuple[OutboxOperation, BundledOperation, int]]] = {}
    for op, recipients in chosen:
        parsed = op.op
        if isinstance(parsed, LetterSendOp) and parsed.payload.secrecy is Secrecy.TOP_SECRET:
            refused.append(ExportRefusal((op.op_id,), recipients,
                                         OpError.of(CourierError("courier.top_secret"))))
            continue
        size = _OP_OVERHEAD + len(op.body) + sum(
            blobs.path(sha).stat().st_size if blobs.exists(sha) else 0 for sha in op.blobs)
        if size > limit:
            refused.append(ExportRefusal((op.op_id,), recipients, OpError.of(
                CourierError("courier.too_large", op_id=op.op_id, size=size, limit=limit))))
            continue
        missing = [sha for sha in op.blobs if not blobs.exists(sha)]
        if missing:
            refused.append(ExportRefusal((op.op_id,), recipients, OpError.of(
                StoreError("store.blob_missing", hash=missing[0][:12]))))
            continue
        key = tuple(sorted(set(recipients)))
        groups.setdefault(key, []).append((op, _bundled(op, recipients, agency, device), size))
    planned = []
    for recipients, ops in sorted(groups.items()):
        ops.sort(key=lambda item: (item[0].urgency_rank, item[0].id))
        parts = _split(ops, limit)
        for number, part in enumerate(parts, 1):
            planned.append(PlannedBundle(recipients, tuple(i[0] for i in part),
                                         tuple(i[1] for i in part), sum(i[2] for i in part),
                                         number, len(parts)))
    return BundlePlan(tuple(planned), tuple(refused))


def bundle_file_name(agency: str, recipients: Sequence[str], created: dt.datetime,
                     bundle_id: str, part: int, parts: int) -> str:
    """``korat_<from>_to_<to>_<yyyymmdd>_<id>[_2of3].korat``: safe on FAT32 and NTFS."""
    def safe(text: str) -> str:
        return _UNSAFE.sub("_", text).strip("._") or "x"

    to = "+".join(safe(r) for r in recipients)
    if len(to) > 60:
        to = f"{safe(recipients[0])}+{len(recipients) - 1}"
    tail = f"_{part}of{parts}" if parts > 1 else ""
    return (f"korat_{safe(agency)}_to_{to}_{created:%Y%m%d}_{bundle_id[-12:]}{tail}"
            f"{BUNDLE_EXTENSION}")


class HashingReader:
    """Reads a bundle file and hashes what was read, so the file's SHA-256 for the
    courier log costs no second pass over a slow stick."""

    def __init__(self, src: BinaryIO) -> None:
        self.src = src
        self.digest = hashlib.sha256()

    def read(self, n: int = -1) -> bytes:
        data = self.src.read(n)
        self.digest.update(data)
        return data

    def hexdigest(self) -> str:
        """The whole file's SHA-256 (reading whatever the opener left unread)."""
        while piece := self.read(1 << 20):
            del piece
        return self.digest.hexdigest()


class _ProgressWriter:
    """Passes writes to the stick through, reporting the bytes every few megabytes (the
    window's progress bar while a slow USB stick fills)."""

    _STEP = 4 << 20

    def __init__(self, out: BinaryIO, report: Callable[[int], None]) -> None:
        self.out = out
        self.report = report
        self.done = 0
        self._next = self._STEP
        self._digest = hashlib.sha256()

    def write(self, data: bytes) -> int:
        written = self.out.write(data)
        self._digest.update(data)
        self.done += len(data)
        if self.done >= self._next:
            self._next = self.done + self._STEP
            self.report(self.done)
        return written

    def hexdigest(self) -> str:
        """SHA-256 of everything written so far (what the read-back must find)."""
        return self._digest.hexdigest()


@dataclass(frozen=True)
class WrittenBundle:
    path: Path
    manifest: BundleManifest
    planned: PlannedBundle
    size: int
    sha256: str
    signer: str


def sealing_certificates(keys: CourierKeys, recipients: Sequence[str]
                         ) -> list[x509.Certificate]:
    """The recipients' encryption certificates (raises naming one without), ours and
    our relay's (when the directory names one and it has a certificate)."""
    own = keys.agency_code
    certs = keys.encryption_certificates(list(recipients))
    certs.update(keys.encryption_certificates([own]))
    relay = keys.relay_of(own)
    if relay and relay not in certs:
        with contextlib.suppress(CourierError):  # no certificate: only the relay loses
            certs.update(keys.encryption_certificates([relay]))
    return list(certs.values())


def write_planned(planned: PlannedBundle, dest: Path, *, keys: CourierKeys,
                  blobs: BlobStore, pyhanko_signer: Signer,
                  device: str, days: int, acked_cursor: str | None,
                  taken: set[Path], progress: Progress | None = None,
                  work_dir: Path | None = None,
                  relayed: Sequence[RelayedPage] = ()) -> WrittenBundle:
    """Write one planned bundle under ``dest`` (a folder, or a file name); ``relayed``:
    the hub's signed pages we carry for an offline recipient (relay outward)."""
    certs = sealing_certificates(keys, planned.recipients)
    now = dt.datetime.now(dt.UTC)
    manifest = BundleManifest(
        bundle_id=uuid7(), sender_agency=keys.agency_code, sender_device=device,
        recipients=list(planned.recipients), created=now,
        expires=now + dt.timedelta(days=max(1, days)), operations=list(planned.bundled),
        relayed=list(relayed), acked_cursor=acked_cursor)
    path = _target(dest, manifest, planned, taken)
    taken.add(path)
    report = progress or (lambda p: None)
    report(CourierProgress("write", path.name, 0, planned.letter_bytes))
    counted: _ProgressWriter | None = None

    def verify(tmp: Path) -> None:
        # The file is fsynced and out of the page cache: read it back from the medium
        # and compare with what was sealed, byte for byte by SHA-256 (a stick that wrote
        # garbage, or less, is caught here). The contents were checked as they were
        # built: every letter against its digest going into the container.
        report(CourierProgress("verify", path.name))
        assert counted is not None
        size, digest = _read_back(tmp)
        if size != counted.done or digest != counted.hexdigest():
            raise CourierError("courier.verify_failed", path=str(path))

    remove_stale_temps(path.parent, _OUR_NAMES)
    with write_streamed(path, verify=verify) as out:
        counted = _ProgressWriter(out, lambda done: report(CourierProgress(
            "write", path.name, done, planned.letter_bytes)))
        write_bundle(manifest, lambda sha: blobs.path(sha).open("rb"),
                     pyhanko_signer, certs, counted,  # type: ignore[arg-type]
                     work_dir=work_dir)
    report(CourierProgress("written", path.name, planned.letter_bytes, planned.letter_bytes))
    signer = pyhanko_signer.signing_cert
    name = "" if signer is None else str(signer.subject.native.get("common_name", ""))
    return WrittenBundle(path, manifest, planned, counted.done, counted.hexdigest(), name)


def _read_back(path: Path) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as f:
        while piece := f.read(1 << 20):
            digest.update(piece)
            size += len(piece)
    return size, digest.hexdigest()


def _target(dest: Path, manifest: BundleManifest, planned: PlannedBundle,
            taken: set[Path]) -> Path:
    name = bundle_file_name(manifest.sender_agency, planned.recipients, manifest.created,
                            manifest.bundle_id, planned.part, planned.parts)
    if dest.is_dir():
        return dest / name
    if not taken:
        return dest
    stem = dest.name.removesuffix(BUNDLE_EXTENSION)
    return dest.with_name(f"{stem}-{len(taken) + 1}{BUNDLE_EXTENSION}")


def own_acked_cursor(session: Session, agency: str) -> str | None:
    row = session.get(RelayCursor, agency)
    return None if row is None else row.acked
