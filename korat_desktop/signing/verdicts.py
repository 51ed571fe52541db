"""Verdicts shaped like ETSI EN 319 102-1 / EU DSS, with short Thai and English words.

pyHanko reports AdES sub-indications; people need one word and one sentence. The
reasons keep the ETSI names where they exist (HASH_FAILURE, REVOKED, ...) and use the
names DSS users know for the two everyday cases: UNKNOWN_ROOT (no chain to a trusted
root) and NO_REVOCATION_INFO (offline, and no OCSP/CRL embedded yet).
"""

from __future__ import annotations

import enum

from pyhanko.sign.ades.report import AdESFailure, AdESIndeterminate, AdESPassed, AdESSubIndic

__all__ = ["Reason", "Verdict", "explain", "from_ades"]


class Verdict(enum.Enum):
    VALID = "VALID"
    INDETERMINATE = "INDETERMINATE"
    INVALID = "INVALID"


class Reason(enum.Enum):
    HASH_FAILURE = "HASH_FAILURE"
    SIG_CRYPTO_FAILURE = "SIG_CRYPTO_FAILURE"
    FORMAT_FAILURE = "FORMAT_FAILURE"
    REVOKED = "REVOKED"
    NOT_YET_VALID = "NOT_YET_VALID"
    MODIFIED_AFTER_SIGNING = "MODIFIED_AFTER_SIGNING"
    UNKNOWN_ROOT = "UNKNOWN_ROOT"
    NO_REVOCATION_INFO = "NO_REVOCATION_INFO"
    EXPIRED = "EXPIRED"
    REVOKED_NO_POE = "REVOKED_NO_POE"
    SIG_CONSTRAINTS_FAILURE = "SIG_CONSTRAINTS_FAILURE"
    CHAIN_CONSTRAINTS_FAILURE = "CHAIN_CONSTRAINTS_FAILURE"
    CRYPTO_CONSTRAINTS_FAILURE = "CRYPTO_CONSTRAINTS_FAILURE"
    TIMESTAMP_INVALID = "TIMESTAMP_INVALID"
    GENERIC = "GENERIC"


_TEXTS: dict[Reason | None, tuple[str, str]] = {
    None: ("ลายมือชื่อถูกต้อง เอกสารไม่ถูกแก้ไขหลังลงนาม และใบรับรองเชื่อถือได้",
           "The signature is valid, the document is unchanged since signing, and the "
           "certificate is trusted"),
    Reason.HASH_FAILURE: ("เนื้อหาเอกสารถูกแก้ไขหลังลงนาม",
                          "The document content was altered after signing"),
    Reason.SIG_CRYPTO_FAILURE: ("ค่าลายมือชื่อไม่ถูกต้องตามกุญแจของผู้ลงนาม",
                                "The signature value does not verify with the signer's key"),
    Reason.FORMAT_FAILURE: ("รูปแบบลายมือชื่อเสียหายหรือไม่ถูกต้อง",
                            "The signature is malformed"),
    Reason.REVOKED: ("ใบรับรองของผู้ลงนามถูกเพิกถอนก่อนเวลาลงนาม",
                     "The signer's certificate was revoked before the signing time"),
    Reason.NOT_YET_VALID: ("ลงนามก่อนใบรับรองจะมีผล",
                           "The signature predates the certificate's validity"),
    Reason.MODIFIED_AFTER_SIGNING: ("เอกสารถูกแก้ไขหลังลงนามในลักษณะที่ไม่อนุญาต",
                                    "The document was changed after signing in a way that "
                                    "is not allowed"),
    Reason.UNKNOWN_ROOT: ("ไม่สามารถเชื่อมโยงใบรับรองไปยังใบรับรองหลักที่เชื่อถือได้",
                          "The certificate does not chain to a trusted root"),
    Reason.NO_REVOCATION_INFO: ("ยังตรวจสอบสถานะการเพิกถอนใบรับรองไม่ได้ (ไม่มีข้อมูล OCSP/CRL)",
                                "Revocation status could not be checked (no OCSP/CRL data)"),
    Reason.EXPIRED: ("ใบรับรองหมดอายุและไม่มีหลักฐานเวลาว่าลงนามก่อนหมดอายุ",
                     "The certificate has expired and nothing proves the signature "
                     "was made before"),
    Reason.REVOKED_NO_POE: ("ใบรับรองถูกเพิกถอน และไม่มีหลักฐานเวลาว่าลงนามก่อนถูกเพิกถอน",
                            "The certificate is revoked and nothing proves the signature "
                            "was made before"),
    Reason.SIG_CONSTRAINTS_FAILURE: ("ใบรับรองไม่ได้ออกให้ใช้ลงลายมือชื่อ",
                                     "The certificate is not issued for signing"),
    Reason.CHAIN_CONSTRAINTS_FAILURE: ("สายใบรับรองไม่เป็นไปตามข้อกำหนด",
                                       "The certificate chain violates its constraints"),
    Reason.CRYPTO_CONSTRAINTS_FAILURE: ("ใช้อัลกอริทึมที่ไม่ปลอดภัยแล้ว",
                                        "The signature uses an algorithm no longer "
                                        "considered secure"),
    Reason.TIMESTAMP_INVALID: ("ตราประทับเวลาไม่ถูกต้อง", "The timestamp is not valid"),
    Reason.GENERIC: ("ตรวจสอบลายมือชื่อได้ไม่ครบถ้วน", "The signature could not be fully checked"),
}


def explain(reason: Reason | None) -> tuple[str, str]:
    """(Thai, English) sentence for a verdict reason (``None`` = valid)."""
    return _TEXTS[reason]


_FAILED = {
    AdESFailure.HASH_FAILURE: Reason.HASH_FAILURE,
    AdESFailure.SIG_CRYPTO_FAILURE: Reason.SIG_CRYPTO_FAILURE,
    AdESFailure.FORMAT_FAILURE: Reason.FORMAT_FAILURE,
    AdESFailure.REVOKED: Reason.REVOKED,
    AdESFailure.NOT_YET_VALID: Reason.NOT_YET_VALID,
}
_INDETERMINATE = {
    AdESIndeterminate.NO_CERTIFICATE_CHAIN_FOUND: Reason.UNKNOWN_ROOT,
    AdESIndeterminate.TRY_LATER: Reason.NO_REVOCATION_INFO,
    AdESIndeterminate.REVOCATION_OUT_OF_BOUNDS_NO_POE: Reason.NO_REVOCATION_INFO,
    AdESIndeterminate.EXPIRED: Reason.EXPIRED,
    AdESIndeterminate.OUT_OF_BOUNDS_NO_POE: Reason.EXPIRED,
    AdESIndeterminate.OUT_OF_BOUNDS_NOT_REVOKED: Reason.EXPIRED,
    AdESIndeterminate.NOT_YET_VALID: Reason.NOT_YET_VALID,
    AdESIndeterminate.REVOKED_NO_POE: Reason.REVOKED_NO_POE,
    AdESIndeterminate.REVOKED_CA_NO_POE: Reason.REVOKED_NO_POE,
    AdESIndeterminate.SIG_CONSTRAINTS_FAILURE: Reason.SIG_CONSTRAINTS_FAILURE,
    AdESIndeterminate.CHAIN_CONSTRAINTS_FAILURE: Reason.CHAIN_CONSTRAINTS_FAILURE,
    AdESIndeterminate.CERTIFICATE_CHAIN_GENERAL_FAILURE: Reason.CHAIN_CONSTRAINTS_FAILURE,
    AdESIndeterminate.CRYPTO_CONSTRAINTS_FAILURE: Reason.CRYPTO_CONSTRAINTS_FAILURE,
    AdESIndeterminate.CRYPTO_CONSTRAINTS_FAILURE_NO_POE: Reason.CRYPTO_CONSTRAINTS_FAILURE,
    AdESIndeterminate.TIMESTAMP_ORDER_FAILURE: Reason.TIMESTAMP_INVALID,
}


def from_ades(indication: AdESSubIndic) -> tuple[Verdict, Reason | None]:
    if isinstance(indication, AdESPassed):
        return Verdict.VALID, None
    if isinstance(indication, AdESFailure):
        return Verdict.INVALID, _FAILED.get(indication, Reason.GENERIC)
    if isinstance(indication, AdESIndeterminate):
        return Verdict.INDETERMINATE, _INDETERMINATE.get(indication, Reason.GENERIC)
    return Verdict.INDETERMINATE, Reason.GENERIC
