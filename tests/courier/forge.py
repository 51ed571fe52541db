"""Forged bundles for the hostile-input tests: a sender who holds the signing key and
keeps one sealing key, so a container changed after the fact can be re-signed and
re-sealed with the same recipient infos (their hash is inside the signed operations)
and every check after the one under test passes."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from asn1crypto import x509 as asn1_x509
from pyhanko.sign.signers.pdf_cms import Signer

from korat_desktop.courier.asice import MANIFEST_NAME, SIGNATURE_NAME, AsiceWriter
from korat_desktop.courier.bundle import OPERATIONS_NAME, letter_entry
from korat_desktop.courier.envelope import SealingKey, seal, sealing_key
from korat_desktop.courier.signature import sign_detached
from korat_desktop.protocol.bundle import BundledOperation, BundleManifest
from korat_desktop.protocol.uuid7 import uuid7

__all__ = ["AGENCY_A", "AGENCY_B", "Entry", "Forger", "pdfs"]

AGENCY_A, AGENCY_B = "นม 0017.1", "นม 0023.4"
Entry = tuple[zipfile.ZipInfo, bytes]


def pdfs(count: int, size: int = 20_000) -> dict[str, bytes]:
    """Letters by SHA-256 (PDF-shaped bytes: the format layer never parses them)."""
    out = [b"%PDF-1.7\n" + os.urandom(size + n) + b"\n%%EOF\n" for n in range(count)]
    return {hashlib.sha256(p).hexdigest(): p for p in out}


@dataclass(frozen=True)
class Forger:
    signer: Signer
    recipients: Sequence[asn1_x509.Certificate]
    sealing: SealingKey
    blobs: dict[str, bytes]

    @classmethod
    def make(cls, signer: Signer, recipients: Sequence[asn1_x509.Certificate],
             blobs: dict[str, bytes]) -> Forger:
        return cls(signer, recipients, sealing_key(recipients), blobs)

    def manifest(self, *, blobs: Sequence[str] | None = None,
                 **changes: object) -> BundleManifest:
        now = dt.datetime.now(dt.UTC)
        ops = [BundledOperation(op_id=uuid7(), kind="letter.send",
                                body=json.dumps({"kind": "letter.send", "n": i}),
                                content_sha256=hashlib.sha256(str(i).encode()).hexdigest(),
                                origin_agency=AGENCY_A, origin_device=uuid7(),
                                recipients=[AGENCY_B], blobs=[sha])
               for i, sha in enumerate(self.blobs if blobs is None else blobs)]
        values: dict[str, object] = dict(
            bundle_id=uuid7(), sender_agency=AGENCY_A, sender_device=uuid7(),
            recipients=[AGENCY_B], created=now, expires=now + dt.timedelta(days=30),
            operations=ops, recipient_infos_sha256=self.sealing.recipients_sha256)
        values.update(changes)
        return BundleManifest(**values)  # type: ignore[arg-type]

    def container(self, manifest: BundleManifest | None = None,
                  letters: Sequence[str] | None = None) -> bytes:
        """A correct ASiC-E of ``letters`` (default: those the operations name)."""
        manifest = manifest or self.manifest()
        if letters is None:
            letters = sorted({sha for op in manifest.operations for sha in op.blobs})
        out = io.BytesIO()
        writer = AsiceWriter(out)
        writer.add(OPERATIONS_NAME, io.BytesIO(manifest.model_dump_json(
            by_alias=True).encode()), "application/json", compress=True)
        for sha in letters:
            writer.add(letter_entry(sha), io.BytesIO(self.blobs[sha]), "application/pdf")
        writer.finish(self.sign)
        return out.getvalue()

    def sign(self, manifest_xml: bytes) -> bytes:
        return sign_detached(self.signer, manifest_xml)

    def rezip(self, container: bytes, edit: Callable[[list[Entry]], list[Entry]],
              *, resign: bool = True) -> bytes:
        """The container entry by entry through ``edit``; with ``resign`` the signature
        is made again over whatever manifest the edit left."""
        with zipfile.ZipFile(io.BytesIO(container)) as z:
            entries = [(i, z.read(i.filename)) for i in z.infolist()]
        entries = edit(entries)
        if resign:
            manifest = next((c for i, c in entries if i.filename == MANIFEST_NAME), b"")
            entries = [(i, self.sign(manifest) if i.filename == SIGNATURE_NAME else c)
                       for i, c in entries]
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as z:
            for info, content in entries:
                z.writestr(info, content)
        return out.getvalue()

    def seal(self, container: bytes, sealing: SealingKey | None = None) -> bytes:
        out = io.BytesIO()
        seal(io.BytesIO(container), len(container), out, sealing or self.sealing)
        return out.getvalue()
