"""Upgrading signed PDFs: B-B → B-T → B-LT (→ B-LTA), each step an incremental update.

Offices sign offline (B-B). When the machine is online the store calls
:func:`upgrade_pdf`; a TSA or OCSP/CRL service that cannot be reached raises a
transient :class:`SigningError` (see :func:`korat_desktop.signing.network.is_transient`)
and the document simply stays at its level until the next attempt.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from io import BytesIO

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.signers.pdf_signer import PdfTimeStamper
from pyhanko.sign.validation.dss import DocumentSecurityStore, collect_validation_info
from pyhanko_certvalidator import errors as cv_errors

from korat_desktop.errors import SigningError
from korat_desktop.signing.levels import SignatureLevel, detect_level
from korat_desktop.signing.network import make_timestamper, tsa_failure, validation_context
from korat_desktop.signing.pdf_input import open_for_update, open_reader
from korat_desktop.signing.settings import SigningSettings
from korat_desktop.signing.trust import load_trust_roots

__all__ = ["UpgradeResult", "add_document_timestamp", "add_validation_data", "upgrade_pdf"]


@dataclass(frozen=True)
class UpgradeResult:
    data: bytes
    level_before: SignatureLevel
    level_after: SignatureLevel

    @property
    def changed(self) -> bool:
        return self.level_after != self.level_before


def add_document_timestamp(data: bytes, settings: SigningSettings, *,
                           tsa_url: str | None = None) -> bytes:
    """Append an RFC 3161 document timestamp (gives earlier signatures B-T)."""
    timestamper = make_timestamper(settings, tsa_url)
    writer = open_for_update(data)
    out = BytesIO()
    try:
        PdfTimeStamper(timestamper).timestamp_pdf(writer, "sha256", output=out)
    except SigningError:
        raise
    except Exception as e:
        raise tsa_failure(timestamper.url, e) from e
    return out.getvalue()


def _revinfo_failure(e: Exception) -> SigningError:
    if isinstance(e, cv_errors.RevokedError):
        return SigningError("signing.cert_revoked", detail=str(e))
    if isinstance(e, cv_errors.InsufficientRevinfoError | cv_errors.OCSPFetchError
                  | cv_errors.CRLFetchError | cv_errors.CertificateFetchError):
        return SigningError("signing.ocsp_unreachable", detail=str(e)[:200])
    if isinstance(e, cv_errors.PathBuildingError):
        return SigningError("signing.chain_untrusted", detail=str(e)[:200])
    return SigningError("signing.upgrade_failed", detail=str(e)[:200] or type(e).__name__)


def add_validation_data(data: bytes, settings: SigningSettings) -> bytes:
    """Fetch OCSP/CRL for every signature and timestamp and put them in the DSS."""
    reader = open_reader(data)
    roots = load_trust_roots(settings)
    vc = validation_context(settings, roots, fetch=True, require_revinfo=True)
    signatures = list(reader.embedded_signatures)
    if not signatures:
        raise SigningError("signing.pdf_not_signed")
    writer = IncrementalPdfFileWriter.from_reader(reader)

    async def collect() -> None:
        for sig in signatures:
            paths = await collect_validation_info(sig, vc)
            DocumentSecurityStore.supply_dss_in_writer(
                writer, sig.pkcs7_content.hex().encode("ascii"),
                validation_context=vc, paths=paths)

    try:
        asyncio.run(collect())
    except (cv_errors.PathValidationError, cv_errors.PathError) as e:
        raise _revinfo_failure(e) from e
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def upgrade_pdf(data: bytes, settings: SigningSettings,
                target: SignatureLevel = SignatureLevel.B_LT, *,
                tsa_url: str | None = None) -> UpgradeResult:
    """Bring every signature in ``data`` up to ``target`` (no-op if already there)."""
    before = detect_level(data)
    if before is None:
        raise SigningError("signing.pdf_not_signed")
    level = before
    if level < SignatureLevel.B_T <= target:
        data = add_document_timestamp(data, settings, tsa_url=tsa_url)
        level = SignatureLevel.B_T
    if level < SignatureLevel.B_LT <= target:
        data = add_validation_data(data, settings)
        level = SignatureLevel.B_LT
    if level < SignatureLevel.B_LTA <= target:
        data = add_document_timestamp(data, settings, tsa_url=tsa_url)
        data = add_validation_data(data, settings)  # for the archive timestamp itself
    after = detect_level(data)
    assert after is not None
    return UpgradeResult(data, before, after)
