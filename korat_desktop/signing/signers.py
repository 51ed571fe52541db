"""Who signs: a logged-in token session, or a PKCS#12 file as a fallback.

Both give :mod:`korat_desktop.signing.sign` the same thing: a pyHanko signer plus the
certificate it signs with. A token session is opened once (one PIN entry) and reused
for every document of a batch, then closed, which logs out.

The PIN is taken as an argument or from a prompt callback, handed to the token, and
dropped: it is never stored on an object, logged, or put into an error.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol

import pkcs11
import pkcs11.exceptions
from asn1crypto import x509
from pyhanko.sign.pkcs11 import PKCS11Signer
from pyhanko.sign.signers import SimpleSigner
from pyhanko.sign.signers.pdf_cms import Signer

from korat_desktop.errors import SigningError
from korat_desktop.signing.certificates import CertificateInfo, check_can_sign, issuer_chain
from korat_desktop.signing.pkcs11_errors import (
    find_pkcs11_cause,
    fresh_flags,
    login_failure,
    token_failure,
)
from korat_desktop.signing.tokens import (
    TokenCertificate,
    TokenFlags,
    TokenSlot,
    list_certificates,
    select_certificate,
)

__all__ = ["DocumentSigner", "PinPrompt", "Pkcs12Signer", "TokenSession"]

log = logging.getLogger(__name__)

PinPrompt = Callable[[TokenSlot], "str | None"]
"""Asked for a PIN only when the token needs one typed (not for PIN-pad readers)."""


class DocumentSigner(Protocol):
    """What the signing functions need from a signer."""

    @property
    def pyhanko_signer(self) -> Signer: ...

    @property
    def certificate(self) -> x509.Certificate: ...

    @property
    def info(self) -> CertificateInfo: ...

    def translate_error(self, exc: BaseException) -> SigningError | None: ...

    def close(self) -> None: ...


class TokenSession:
    """A logged-in session on one token with one certificate chosen.

    Use as a context manager, or call :meth:`close`. Not thread-safe: one worker
    thread owns it (PKCS#11 sessions must not be shared across concurrent calls).
    """

    def __init__(self, token: TokenSlot, certificate: TokenCertificate,
                 session: Any, signer: PKCS11Signer) -> None:
        self.token = token
        self.token_certificate = certificate
        self._session = session
        self._signer = signer
        self._cert = certificate.certificate()
        self._info = certificate.info

    @classmethod
    def open(cls, token: TokenSlot, *, cert_label: str | None = None,
             cert_id: str | None = None, pin: str | None = None,
             pin_prompt: PinPrompt | None = None,
             chain_candidates: Iterable[x509.Certificate] = ()) -> TokenSession:
        """Choose the certificate, check it can sign, then log in (once).

        ``chain_candidates`` (e.g. the bundled Thai NRCA and licensed-CA certificates)
        supply intermediates the token does not carry; the chain is embedded.
        """
        flags = TokenFlags(fresh_flags(token) or token.flags.raw)
        if flags.pin_locked:
            raise SigningError("signing.pin_locked", token=token.label)
        chosen = select_certificate(list_certificates(token), token, cert_label, cert_id)
        # Before the PIN: an unusable certificate should not cost a PIN try.
        check_can_sign(chosen.certificate())
        session = cls._login(token, flags, pin, pin_prompt)
        try:
            cert = chosen.certificate()
            # Many cards (and SoftHSM) only do raw CKM_ECDSA: hash here, sign there.
            signer = PKCS11Signer(session, signing_cert=cert, key_id=chosen.cert_id,
                                  other_certs_to_pull=None,
                                  ca_chain=issuer_chain(cert, chain_candidates),
                                  use_raw_mechanism=cert.public_key.algorithm == "ec")
            signer.signing_cert  # noqa: B018 - loads the key handle now, not mid-batch
        except pkcs11.PKCS11Error as e:
            session.close()
            if "private key" in str(e).lower():
                raise SigningError("signing.key_not_found", token=token.label,
                                   certificate=chosen.label) from e
            raise token_failure(token, e) from e
        return cls(token, chosen, session, signer)

    @staticmethod
    def _login(token: TokenSlot, flags: TokenFlags, pin: str | None,
               pin_prompt: PinPrompt | None) -> Any:
        handle = token.handle()
        if flags.protected_authentication_path:
            # PIN pad: the reader collects the PIN; C_Login gets no PIN at all.
            secret: Any = pkcs11.PROTECTED_AUTH
        elif not flags.login_required:
            secret = None
        else:
            secret = pin if pin is not None else (pin_prompt(token) if pin_prompt else None)
            if not secret:
                raise SigningError("signing.pin_required", token=token.label)
        try:
            return handle.open(user_pin=secret)
        except pkcs11.exceptions.UserAlreadyLoggedIn:
            # PKCS#11 login is per application and token: another of our sessions is
            # logged in, and a plain session shares that login.
            return handle.open()
        except pkcs11.PKCS11Error as e:
            raise login_failure(token, e) from e
        finally:
            del secret, pin

    @property
    def pyhanko_signer(self) -> Signer:
        return self._signer

    @property
    def certificate(self) -> x509.Certificate:
        return self._cert

    @property
    def info(self) -> CertificateInfo:
        return self._info

    def translate_error(self, exc: BaseException) -> SigningError | None:
        cause = find_pkcs11_cause(exc)
        if cause is None:
            return None
        return token_failure(self.token, cause)

    def close(self) -> None:
        session, self._session = self._session, None
        if session is None:
            return
        try:
            session.close()
        except pkcs11.PKCS11Error as e:  # removed token: nothing left to log out of
            log.debug("closing token session: %s", type(e).__name__)

    def __enter__(self) -> TokenSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _load_pkcs12(path: Path, password: str | None) -> SimpleSigner:
    from asn1crypto import pkcs12

    try:
        data = path.read_bytes()
    except OSError as e:
        raise SigningError("signing.pkcs12_unreadable", file=str(path),
                           detail=e.strerror or str(e)) from e
    try:
        pkcs12.Pfx.load(data).native  # noqa: B018 - structure check only
    except (ValueError, TypeError) as e:
        raise SigningError("signing.pkcs12_unreadable", file=str(path),
                           detail="not a PKCS#12 file") from e
    try:
        return SimpleSigner.load_pkcs12_data(
            data, other_certs=(), passphrase=password.encode() if password else None)
    except ValueError as e:
        raise SigningError("signing.pkcs12_wrong_password", file=str(path)) from e


class Pkcs12Signer:
    """A key and certificate from a PKCS#12 (.p12/.pfx) file, for offices without tokens."""

    def __init__(self, path: str | Path, password: str | None) -> None:
        self.path = Path(path)
        self._signer = _load_pkcs12(self.path, password)
        cert = self._signer.signing_cert
        assert cert is not None
        self._cert = cert
        self._info = check_can_sign(cert)

    @property
    def pyhanko_signer(self) -> Signer:
        return self._signer

    @property
    def certificate(self) -> x509.Certificate:
        return self._cert

    @property
    def info(self) -> CertificateInfo:
        return self._info

    def translate_error(self, exc: BaseException) -> SigningError | None:
        return None

    def close(self) -> None:
        return None

    def __enter__(self) -> Pkcs12Signer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
