"""A courier bundle file: an ASiC-E container, signed by the sending office, enveloped
in CMS AuthEnvelopedData to the recipient agencies (and to the sender's own agency, so
its other devices and its auditors can open what it sent).

``write_bundle`` streams: the container goes to a work file on the local disk, then
is sealed into the output file; nothing of a letter is ever held whole in memory.
``open_bundle`` undoes it in the opposite order and checks everything before it returns
anything: the envelope's tag, the container's structure, the signature against the
trust roots, the digests of the objects, and the operations manifest (format, expiry, op ids). Only
then does the caller (the import service) store the letters, through the same
idempotent commit path as network sync.

Where the output goes (a USB stick: temp name, fsync, read back, rename) is the
caller's business; this module writes to and reads from open files.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from asn1crypto import x509
from pydantic import ValidationError
from pyhanko.sign.signers.pdf_cms import Signer

from korat_desktop.courier.asice import AsiceContents, AsiceWriter, open_asice
from korat_desktop.courier.envelope import RecipientKey, open_envelope, seal, sealing_key
from korat_desktop.courier.signature import BundleSigner, sign_detached, verify_detached
from korat_desktop.domain.thai_dates import format_thai_date, format_thai_time, to_thai_time
from korat_desktop.errors import CourierError
from korat_desktop.protocol.bundle import BundleManifest

__all__ = ["BUNDLE_EXTENSION", "BUNDLE_MIME", "OpenedBundle", "letter_entry", "open_bundle",
           "write_bundle"]

BUNDLE_EXTENSION = ".korat"
BUNDLE_MIME = "application/vnd.korat.courier-bundle"
OPERATIONS_NAME = "operations.json"


def letter_entry(sha256: str) -> str:
    return f"letters/{sha256}.pdf"


@dataclass(frozen=True)
class OpenedBundle:
    """A bundle whose every check passed. ``letter(sha)`` streams a letter's PDF (its
    digest checked again as it is read; ``copy_letter`` streams it to a file);
    ``close()`` drops the decrypted work file."""

    manifest: BundleManifest
    signer: BundleSigner
    _contents: AsiceContents
    _work: BinaryIO

    def letter(self, sha256: str) -> bytes:
        return self._contents.read(letter_entry(sha256))

    def copy_letter(self, sha256: str, dst: BinaryIO) -> int:
        """Stream a letter's PDF into ``dst`` (a large letter is never held whole);
        returns its size. On ``CourierError`` what reached ``dst`` must be thrown away."""
        size = 0
        for piece in self._contents.open(letter_entry(sha256)):
            dst.write(piece)
            size += len(piece)
        return size

    # The origin's signed evidence, byte for byte: a relay office forwards these to the
    # hub unchanged (RelayEvidence), so the hub checks the origin's own signature.
    @property
    def manifest_xml(self) -> bytes:
        return self._contents.manifest_xml

    @property
    def signature(self) -> bytes:
        return self._contents.signature

    @property
    def operations_json(self) -> bytes:
        return self._contents.read(OPERATIONS_NAME)

    def close(self) -> None:
        self._work.close()

    def __enter__(self) -> OpenedBundle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _moment_for_people(name: str, moment: dt.datetime) -> dict[str, str]:
    """Thai time and Buddhist-Era date for a message, in both languages."""
    return {f"{name}_th": f"{format_thai_date(moment)} {format_thai_time(moment)}",
            f"{name}_en": f"{format_thai_date(moment, lang='en')} "
                          f"{to_thai_time(moment):%H:%M} (Thai time)"}


def _first_error(error: ValidationError) -> str:
    """Where and what, without echoing the hostile input back."""
    first = error.errors(include_url=False, include_input=False)[0]
    where = ".".join(str(part) for part in first.get("loc", ()))
    return f"{where}: {first.get('msg', '')}"[:200] if where else str(first.get("msg"))[:200]


def write_bundle(manifest: BundleManifest, open_blob: Callable[[str], BinaryIO],
                 signer: Signer, recipients: Sequence[x509.Certificate], out: BinaryIO,
                 *, work_dir: Path | None = None) -> int:
    """Write one bundle to ``out``; returns its size. ``open_blob(sha)`` opens a blob."""
    wanted = manifest.letters()
    sealing = sealing_key(recipients)
    manifest = manifest.model_copy(
        update={"recipient_infos_sha256": sealing.recipients_sha256})
    with tempfile.TemporaryFile(dir=work_dir) as container:
        writer = AsiceWriter(container)
        body = manifest.model_dump_json(by_alias=True).encode("utf-8")
        writer.add(OPERATIONS_NAME, io.BytesIO(body), "application/json", compress=True)
        for sha in wanted:
            with open_blob(sha) as blob:
                obj = writer.add(letter_entry(sha), blob, "application/pdf")
            if obj.sha256 != sha:
                raise CourierError("courier.digest_mismatch", name=letter_entry(sha))
        writer.finish(lambda xml: sign_detached(signer, xml))
        size = container.tell()
        container.seek(0)
        return seal(container, size, out, sealing)


def open_bundle(src: BinaryIO, size: int, key: RecipientKey,
                trust_roots: Sequence[x509.Certificate], *, now: dt.datetime | None = None,
                work_dir: Path | None = None) -> OpenedBundle:
    """Decrypt and check a bundle; raises ``CourierError`` at the first thing wrong."""
    work = tempfile.TemporaryFile(dir=work_dir)  # noqa: SIM115 (lives in OpenedBundle)
    try:
        envelope = open_envelope(src, size, work, key)
        work.seek(0)
        contents = open_asice(work)
        signer = verify_detached(contents.signature, contents.manifest_xml, trust_roots)
        contents.verify_digests()
        try:
            manifest = BundleManifest.model_validate_json(contents.read(OPERATIONS_NAME))
        except ValidationError as e:
            raise CourierError("courier.container_damaged",
                               detail=f"{OPERATIONS_NAME}: {_first_error(e)}") from e
        if manifest.recipient_infos_sha256 != envelope.recipients_sha256:
            raise CourierError("courier.tampered")  # another agency's key wrap changed
        moment = now or dt.datetime.now(dt.UTC)
        if manifest.expires < moment:
            raise CourierError("courier.expired", expires=manifest.expires.isoformat(),
                               **_moment_for_people("expires", manifest.expires))
        letters = {o.name for o in contents.objects if o.name != OPERATIONS_NAME}
        named = {letter_entry(sha) for sha in manifest.letters()}
        if letters != named:
            raise CourierError("courier.container_damaged",
                               detail="letters do not match the operations")
        return OpenedBundle(manifest, signer, contents, work)
    except BaseException:
        work.close()
        raise
