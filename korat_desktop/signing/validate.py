"""Validating every signature in a PDF, offline first.

Revocation data and certificates embedded in the document (DSS) are used first, so a
B-LT letter verifies years later with no network; OCSP/CRL are fetched online only when
``signing.online_revocation`` allows it. Document timestamps are proof of existence:
a signature followed by a trusted document timestamp is judged at that timestamp's
time (the PAdES long-term model), and each timestamp at the time of the next one.

pyHanko's AdES-LTA entry point insists on a timestamp *inside* the CMS, which offline
B-B signatures upgraded with document timestamps never have; so we drive its
per-signature validation ourselves. The result is plain frozen dataclasses with an
ETSI-style verdict and a short Thai and English explanation.

Difference analysis uses :func:`korat_desktop.pdf.stamp_policy.receipt_stamp_diff_policy`
by default: a letter that arrived signed gets our receipt stamp as a Stamp annotation
(an incremental update), and pyHanko's stock policy would call that an unexplained
change and fail the sender's signature. The policy clears exactly that shape of
change, at the ANNOTATIONS level, so anything else added after signing still fails.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from asn1crypto import x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import DiffPolicy, ModificationLevel
from pyhanko.sign.validation import KeyUsageConstraints
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.sign.validation.errors import NoDSSFoundError
from pyhanko.sign.validation.pdf_embedded import (
    EmbeddedPdfSignature,
    async_validate_pdf_signature,
    async_validate_pdf_timestamp,
)
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator import errors as cv_errors

from korat_desktop.errors import SigningError
from korat_desktop.pdf.stamp_policy import receipt_stamp_diff_policy
from korat_desktop.signing.certificates import CertificateInfo, describe_certificate
from korat_desktop.signing.levels import SignatureLevel, signature_levels
from korat_desktop.signing.network import validation_context_kwargs
from korat_desktop.signing.pdf_input import open_reader
from korat_desktop.signing.settings import SigningSettings
from korat_desktop.signing.trust import load_trust_roots
from korat_desktop.signing.verdicts import Reason, Verdict, explain

__all__ = ["SignatureReport", "TimestampReport", "ValidationReport", "validate_pdf"]

log = logging.getLogger(__name__)

SIGNING_USAGE = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"},
                                    match_all_key_usages=False)


@dataclass(frozen=True)
class SignatureReport:
    """One signature: verdict, who, when, and what happened to the document after."""

    field_name: str
    verdict: Verdict
    reason: Reason | None
    explanation_th: str
    explanation_en: str
    signer: CertificateInfo
    signer_name: str
    signing_time: dt.datetime | None  # claimed by the signer's computer
    timestamp_time: dt.datetime | None  # proven by a TSA (signature or document timestamp)
    level: SignatureLevel | None
    intact: bool
    crypto_valid: bool
    trusted: bool
    revoked: bool
    certifying: bool
    modification_level: str | None  # none, lta_updates, form_filling, annotations, other
    coverage: str | None  # entire_file, entire_revision, unclear
    docmdp_ok: bool | None
    trust_anchor: str | None
    detail: str | None = None


@dataclass(frozen=True)
class TimestampReport:
    field_name: str
    verdict: Verdict
    reason: Reason | None
    explanation_th: str
    explanation_en: str
    tsa: str
    time: dt.datetime | None


@dataclass(frozen=True)
class ValidationReport:
    signatures: tuple[SignatureReport, ...]
    timestamps: tuple[TimestampReport, ...]
    level: SignatureLevel | None
    tsa_configured: bool = True
    """A timestamp service is set: a B-B signature will be upgraded, not left waiting."""

    @property
    def signed(self) -> bool:
        return bool(self.signatures)

    @property
    def all_valid(self) -> bool:
        """Every signature VALID and no timestamp INVALID (what ``korat verify`` exits on)."""
        return (self.signed
                and all(s.verdict is Verdict.VALID for s in self.signatures)
                and all(t.verdict is not Verdict.INVALID for t in self.timestamps))


_MOD_NAMES = {
    ModificationLevel.NONE: "none",
    ModificationLevel.LTA_UPDATES: "lta_updates",
    ModificationLevel.FORM_FILLING: "form_filling",
    ModificationLevel.ANNOTATIONS: "annotations",
    ModificationLevel.OTHER: "other",
}
_COVERAGE = {
    SignatureCoverageLevel.ENTIRE_FILE: "entire_file",
    SignatureCoverageLevel.ENTIRE_REVISION: "entire_revision",
    SignatureCoverageLevel.CONTIGUOUS_BLOCK_FROM_START: "unclear",
    SignatureCoverageLevel.UNCLEAR: "unclear",
}


def _integrity_override(status: PdfSignatureStatus) -> Reason | None:
    """Integrity problems outrank whatever the trust evaluation concluded."""
    if not status.intact:
        return Reason.HASH_FAILURE
    if not status.valid:
        return Reason.SIG_CRYPTO_FAILURE
    coverage = status.coverage
    if coverage is not None and coverage < SignatureCoverageLevel.ENTIRE_REVISION:
        return Reason.MODIFIED_AFTER_SIGNING
    if status.docmdp_ok is False or status.modification_level is ModificationLevel.OTHER:
        return Reason.MODIFIED_AFTER_SIGNING
    return None


def _anchor_name(path: Any) -> str | None:
    if path is None:
        return None
    authority = path.trust_anchor.authority
    cert = getattr(authority, "certificate", None)
    if cert is not None:
        return describe_certificate(cert).subject
    return str(authority.name.human_friendly)


def _report(sig: EmbeddedPdfSignature, verdict: Verdict, reason: Reason | None,
            status: PdfSignatureStatus | None, level: SignatureLevel | None,
            timestamp_time: dt.datetime | None, detail: str | None) -> SignatureReport:
    th, en = explain(reason)
    info = describe_certificate(sig.signer_cert)
    name = sig.sig_object.get("/Name")
    path = status.validation_path if status is not None else None
    return SignatureReport(
        field_name=str(sig.field_name),
        verdict=verdict,
        reason=reason,
        explanation_th=th,
        explanation_en=en,
        signer=info,
        signer_name=str(name) if name else info.common_name,
        signing_time=sig.self_reported_timestamp,
        timestamp_time=timestamp_time,
        level=level,
        intact=bool(status.intact) if status else False,
        crypto_valid=bool(status.valid) if status else False,
        trusted=bool(status.trusted) if status else False,
        revoked=bool(status.revoked) if status else False,
        certifying=sig.docmdp_level is not None,
        modification_level=(_MOD_NAMES.get(status.modification_level)
                            if status and status.modification_level else None),
        coverage=_COVERAGE.get(status.coverage) if status and status.coverage else None,
        docmdp_ok=status.docmdp_ok if status else None,
        trust_anchor=_anchor_name(path),
        detail=detail,
    )


def _diagnose(error: Exception | None) -> tuple[Verdict, Reason]:
    """Name why a certificate path was not trusted (pyHanko folds these together)."""
    if isinstance(error, cv_errors.InsufficientRevinfoError):
        return Verdict.INDETERMINATE, Reason.NO_REVOCATION_INFO
    if isinstance(error, cv_errors.RevokedError):
        return Verdict.INDETERMINATE, Reason.REVOKED_NO_POE
    if isinstance(error, cv_errors.ExpiredError):
        return Verdict.INDETERMINATE, Reason.EXPIRED
    if isinstance(error, cv_errors.NotYetValidError):
        return Verdict.INDETERMINATE, Reason.NOT_YET_VALID
    if isinstance(error, cv_errors.PathBuildingError):
        return Verdict.INDETERMINATE, Reason.UNKNOWN_ROOT
    if isinstance(error, cv_errors.DisallowedAlgorithmError):
        return Verdict.INDETERMINATE, Reason.CRYPTO_CONSTRAINTS_FAILURE
    if isinstance(error, cv_errors.InvalidCertificateError):
        return Verdict.INDETERMINATE, Reason.SIG_CONSTRAINTS_FAILURE
    if isinstance(error, cv_errors.PathValidationError):
        return Verdict.INDETERMINATE, Reason.CHAIN_CONSTRAINTS_FAILURE
    return Verdict.INDETERMINATE, Reason.GENERIC


async def _path_error(cert: x509.Certificate, others: list[x509.Certificate],
                      vc: ValidationContext, usage: KeyUsageConstraints | None) -> Exception | None:
    validator = CertificateValidator(cert, intermediate_certs=others, validation_context=vc)
    try:
        await validator.async_validate_path()
        if usage is not None:
            usage.validate(cert)
    except (cv_errors.PathError, cv_errors.ValidationError) as e:
        return e
    return None


def _context(reader: PdfFileReader, settings: SigningSettings, roots: list[x509.Certificate],
             moment: dt.datetime | None, fetch: bool) -> ValidationContext:
    """Trust roots + everything in the DSS, judged at ``moment``; online only if ``fetch``."""
    kwargs = validation_context_kwargs(settings, roots, fetch=fetch, require_revinfo=True)
    if moment is not None:
        # Revocation data gathered after the timestamp still speaks for that moment.
        kwargs.update(moment=moment, retroactive_revinfo=True)
    try:
        return DocumentSecurityStore.read_dss(reader).as_validation_context(kwargs)
    except NoDSSFoundError:
        return ValidationContext(**kwargs)


def _passes(settings: SigningSettings) -> tuple[bool, ...]:
    """Embedded data first; the network only if that was not enough and it is allowed."""
    return (False, True) if settings.online_revocation else (False,)


async def _validate_timestamps(reader: PdfFileReader, settings: SigningSettings,
                               roots: list[x509.Certificate],
                               diff_policy: DiffPolicy) -> list[tuple[int, TimestampReport]]:
    """Latest first, each judged at the time of the next trusted one (or now)."""
    timestamps = sorted(reader.embedded_timestamp_signatures,
                        key=lambda t: t.signed_revision, reverse=True)
    reports: list[tuple[int, TimestampReport]] = []
    later_time: dt.datetime | None = None
    for ts in timestamps:
        tsa = describe_certificate(ts.signer_cert).common_name
        try:
            for fetch in _passes(settings):
                vc = _context(reader, settings, roots, later_time, fetch)
                status = await async_validate_pdf_timestamp(ts, validation_context=vc,
                                                            diff_policy=diff_policy)
                if status.trusted or not (status.intact and status.valid):
                    break
        except Exception as e:
            log.info("timestamp %s unreadable: %s", ts.field_name, e)
            th, en = explain(Reason.FORMAT_FAILURE)
            reports.append((ts.signed_revision, TimestampReport(
                str(ts.field_name), Verdict.INVALID, Reason.FORMAT_FAILURE, th, en, tsa, None)))
            continue
        reason: Reason | None
        if not status.intact:
            verdict, reason = Verdict.INVALID, Reason.HASH_FAILURE
        elif not status.valid:
            verdict, reason = Verdict.INVALID, Reason.SIG_CRYPTO_FAILURE
        elif status.trusted:
            verdict, reason = Verdict.VALID, None
            later_time = status.timestamp
        else:
            verdict, reason = _diagnose(await _path_error(
                ts.signer_cert, list(ts.other_embedded_certs), vc, None))
        th, en = explain(reason)
        reports.append((ts.signed_revision, TimestampReport(
            str(ts.field_name), verdict, reason, th, en, tsa, status.timestamp)))
    return reports


async def _validate_signature(sig: EmbeddedPdfSignature, reader: PdfFileReader,
                              settings: SigningSettings, roots: list[x509.Certificate],
                              poe: dt.datetime | None, level: SignatureLevel | None,
                              diff_policy: DiffPolicy) -> SignatureReport:
    try:
        for fetch in _passes(settings):
            vc = _context(reader, settings, roots, poe, fetch)
            status = await async_validate_pdf_signature(
                sig, signer_validation_context=vc, ts_validation_context=vc,
                key_usage_settings=SIGNING_USAGE, diff_policy=diff_policy)
            if status.trusted or not (status.intact and status.valid):
                break
    except Exception as e:  # a malformed CMS blob or signature dictionary
        log.info("signature %s could not be evaluated: %s", sig.field_name, e)
        return _report(sig, Verdict.INVALID, Reason.FORMAT_FAILURE, None, level, None,
                       str(e)[:200] or type(e).__name__)
    verdict: Verdict
    reason: Reason | None = _integrity_override(status)
    ts_status = status.timestamp_validity
    if reason is not None:
        verdict = Verdict.INVALID
    elif ts_status is not None and not (ts_status.intact and ts_status.valid):
        verdict, reason = Verdict.INVALID, Reason.TIMESTAMP_INVALID
    elif status.trusted:
        verdict = Verdict.VALID
    else:
        verdict, reason = _diagnose(await _path_error(
            sig.signer_cert, list(sig.other_embedded_certs), vc, SIGNING_USAGE))
    proven = ts_status.timestamp if ts_status is not None and ts_status.trusted else poe
    return _report(sig, verdict, reason, status, level, proven, None)


def validate_pdf(data: bytes, settings: SigningSettings, *,
                 diff_policy: DiffPolicy | None = None) -> ValidationReport:
    """Validate every signature and document timestamp in ``data``.

    ``diff_policy`` judges what was added after each signature; the default also
    accepts our receipt stamp annotation (see the module docstring).
    """
    policy = diff_policy if diff_policy is not None else receipt_stamp_diff_policy()
    reader = open_reader(data)
    roots = load_trust_roots(settings)
    try:
        signatures = list(reader.embedded_regular_signatures)
        levels = {info.field_name: info.level for info in signature_levels(reader)}
    except SigningError:
        raise
    except Exception as e:
        raise SigningError("signing.pdf_corrupt", detail=str(e)[:200] or type(e).__name__) from e

    async def run() -> tuple[list[SignatureReport], list[TimestampReport]]:
        stamped = await _validate_timestamps(reader, settings, roots, policy)
        sig_reports = []
        for sig in signatures:
            proofs = [r.time for rev, r in stamped
                      if rev > sig.signed_revision and r.verdict is Verdict.VALID and r.time]
            sig_reports.append(await _validate_signature(
                sig, reader, settings, roots, min(proofs) if proofs else None,
                levels.get(str(sig.field_name)), policy))
        return sig_reports, [r for _rev, r in sorted(stamped, key=lambda x: x[0])]

    sig_reports, ts_reports = asyncio.run(run())
    doc_level = min((r.level for r in sig_reports if r.level is not None),
                    key=lambda lv: lv.rank, default=None)
    return ValidationReport(tuple(sig_reports), tuple(ts_reports), doc_level,
                            tsa_configured=bool(settings.tsa_url))
