"""Signing layer: tokens, PAdES signing, upgrades to B-T/B-LT/B-LTA, validation.

Built on pyHanko; no Qt. Functions take and return PDF bytes so the store can keep
every version; errors are :class:`korat_desktop.errors.SigningError` with stable codes
(texts in :mod:`korat_desktop.signing.messages`).

Typical use::

    modules = find_modules(configured_module_paths(config))
    token = find_token(modules, label="...")
    with TokenSession.open(token, pin_prompt=ask) as session, \\
            BatchSigner(session, Appearance(position="...")) as batch:
        signed = [batch.sign(pdf) for pdf in pdfs]
    result = upgrade_pdf(signed[0], SigningSettings.from_config(config))
    report = validate_pdf(result.data, SigningSettings.from_config(config))
"""

from korat_desktop.signing.certificates import CertificateInfo, check_can_sign
from korat_desktop.signing.levels import SignatureLevel, detect_level
from korat_desktop.signing.modules import Pkcs11Module, configured_module_paths, find_modules
from korat_desktop.signing.network import TRANSIENT_CODES, is_transient
from korat_desktop.signing.settings import SigningSettings
from korat_desktop.signing.sign import (
    BatchSigner,
    Certification,
    ReservedField,
    empty_signature_fields,
    sign_pdf,
)
from korat_desktop.signing.signers import DocumentSigner, Pkcs12Signer, TokenSession
from korat_desktop.signing.stamp import Appearance
from korat_desktop.signing.tokens import (
    TokenCertificate,
    TokenSlot,
    find_token,
    list_certificates,
    list_tokens,
)
from korat_desktop.signing.upgrade import UpgradeResult, upgrade_pdf
from korat_desktop.signing.validate import (
    SignatureReport,
    TimestampReport,
    ValidationReport,
    validate_pdf,
)
from korat_desktop.signing.verdicts import Reason, Verdict

__all__ = [
    "TRANSIENT_CODES",
    "Appearance",
    "BatchSigner",
    "CertificateInfo",
    "Certification",
    "DocumentSigner",
    "Pkcs11Module",
    "Pkcs12Signer",
    "Reason",
    "ReservedField",
    "SignatureLevel",
    "SignatureReport",
    "SigningSettings",
    "TimestampReport",
    "TokenCertificate",
    "TokenSession",
    "TokenSlot",
    "UpgradeResult",
    "ValidationReport",
    "Verdict",
    "check_can_sign",
    "configured_module_paths",
    "detect_level",
    "empty_signature_fields",
    "find_modules",
    "find_token",
    "is_transient",
    "list_certificates",
    "list_tokens",
    "sign_pdf",
    "upgrade_pdf",
    "validate_pdf",
]
