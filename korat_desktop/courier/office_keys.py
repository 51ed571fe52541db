"""This office's encryption keys: made here, private part in the OS keyring only.

Courier bundles (and secret letters) are sealed to an agency's encryption certificate;
the matching private key must never leave the office. ``korat keys new`` makes an
RSA-3072 key and either a self-signed certificate (CN = agency name, OU = agency code,
keyEncipherment + dataEncipherment, five years) or a CSR for the province CA, whose
certificate ``korat keys import-cert`` installs later. The private key goes to the OS
keyring (Windows Credential Manager, Secret Service) and nowhere else: not the
database, not a file in the data folder. The store keeps the public side
(:class:`~korat_desktop.store.models.OfficeKeyRow`).

A replaced key is *retired*, never deleted: bundles sealed to it may still be on a
stick somewhere, so :meth:`OfficeKeys.recipient_key` opens envelopes sealed to any of
our certificates, current or retired.

Windows Credential Manager holds at most 2,560 bytes per entry (UTF-16), less than an
RSA-3072 key; the key is therefore kept as a few keyring entries of at most
:data:`_PART_CHARS` characters, with a first entry saying how many.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import keyring
import keyring.errors
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from sqlalchemy import select
from sqlalchemy.orm import Session

from korat_desktop.courier.envelope import RecipientKey, RecipientKeys, SoftwareRecipientKey
from korat_desktop.errors import CourierError, StoreError
from korat_desktop.store.audit import AuditLog
from korat_desktop.store.db import Database
from korat_desktop.store.models import Office, OfficeKeyRow

__all__ = ["KEY_BITS", "KEYRING_SERVICE", "VALIDITY", "NewKey", "OfficeKey", "OfficeKeys",
           "load_certificate"]

KEY_BITS = 3072
VALIDITY = dt.timedelta(days=5 * 365 + 1)
KEYRING_SERVICE = "korat-desktop"
_PART_CHARS = 1000


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def load_certificate(data: bytes) -> asn1_x509.Certificate:
    """One certificate from PEM or DER bytes, or ``courier.certificate_unreadable``."""
    try:
        der = pem.unarmor(data)[2] if pem.detect(data) else data
        cert = asn1_x509.Certificate.load(der)
        cert.native  # noqa: B018  (parse now: garbage fails here)
    except (ValueError, TypeError, KeyError) as e:
        raise CourierError("courier.certificate_unreadable") from e
    return cert


def _key_id(public: rsa.RSAPublicKey) -> str:
    """Names the key (keyring entry, store row) by its public half."""
    spki = public.public_bytes(serialization.Encoding.DER,
                               serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(spki).hexdigest()


@dataclass(frozen=True)
class OfficeKey:
    """One of our encryption keys, as people see it (no private part)."""

    key_id: str
    certificate: asn1_x509.Certificate | None
    created_at: dt.datetime
    retired_at: dt.datetime | None

    @property
    def state(self) -> str:
        """``current`` | ``retired`` | ``pending`` (a CSR waits for the CA)."""
        if self.certificate is None:
            return "pending"
        return "retired" if self.retired_at is not None else "current"

    @property
    def sha256(self) -> str | None:
        return self.certificate.sha256.hex() if self.certificate is not None else None


@dataclass(frozen=True)
class NewKey:
    key: OfficeKey
    csr_pem: bytes | None  # set when a CSR was asked for (the key waits for its certificate)


def _row_key(row: OfficeKeyRow) -> OfficeKey:
    cert = asn1_x509.Certificate.load(row.cert_der) if row.cert_der else None
    return OfficeKey(row.key_id, cert, row.created_at, row.retired_at)


class _KeyringVault:
    """Private keys in the OS keyring, split into parts Windows can hold."""

    def __init__(self, device_id: str) -> None:
        self.device_id = device_id

    def _account(self, key_id: str, part: int | None = None) -> str:
        base = f"{self.device_id}/office-key/{key_id}"
        return base if part is None else f"{base}#{part}"

    @staticmethod
    def _fail(e: Exception) -> CourierError:
        return CourierError("courier.keyring", detail=str(e)[:200])

    def store(self, key_id: str, key: rsa.RSAPrivateKey) -> None:
        der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
        text = base64.b64encode(der).decode("ascii")
        parts = [text[i:i + _PART_CHARS] for i in range(0, len(text), _PART_CHARS)]
        try:
            for n, part in enumerate(parts):
                keyring.set_password(KEYRING_SERVICE, self._account(key_id, n), part)
            keyring.set_password(KEYRING_SERVICE, self._account(key_id), f"parts:{len(parts)}")
        except keyring.errors.KeyringError as e:
            self.forget(key_id, len(parts))
            raise self._fail(e) from e

    def load(self, key_id: str) -> rsa.RSAPrivateKey:
        try:
            head = keyring.get_password(KEYRING_SERVICE, self._account(key_id))
            if head is None or not head.startswith("parts:"):
                raise CourierError("courier.office_key_missing", key=key_id[:16])
            count = int(head.removeprefix("parts:"))
            parts = [keyring.get_password(KEYRING_SERVICE, self._account(key_id, n))
                     for n in range(count)]
        except keyring.errors.KeyringError as e:
            raise self._fail(e) from e
        if any(p is None for p in parts):
            raise CourierError("courier.office_key_missing", key=key_id[:16])
        try:
            key = serialization.load_der_private_key(
                base64.b64decode("".join(p for p in parts if p)), None)
        except ValueError as e:
            raise CourierError("courier.office_key_missing", key=key_id[:16]) from e
        if not isinstance(key, rsa.RSAPrivateKey):
            raise CourierError("courier.key_unsupported", detail=type(key).__name__)
        return key

    def present(self, key_id: str) -> bool:
        try:
            return keyring.get_password(KEYRING_SERVICE, self._account(key_id)) is not None
        except keyring.errors.KeyringError:
            return False

    def forget(self, key_id: str, parts: int | None = None) -> None:
        """Best effort: only for a key nothing was ever sealed to (an unused CSR)."""
        try:
            if parts is None:
                head = keyring.get_password(KEYRING_SERVICE, self._account(key_id)) or ""
                parts = int(head.removeprefix("parts:") or 0) if head.startswith("parts:") else 0
            for account in [self._account(key_id), *(self._account(key_id, n)
                                                     for n in range(parts))]:
                with contextlib.suppress(keyring.errors.PasswordDeleteError):
                    keyring.delete_password(KEYRING_SERVICE, account)
        except keyring.errors.KeyringError:
            pass


@dataclass(frozen=True)
class _KeyringKey:
    """A certificate of ours whose private key is read from the keyring only when an
    envelope sealed to it is opened (retired keys cost nothing until needed)."""

    certificate: asn1_x509.Certificate
    load: Callable[[], rsa.RSAPrivateKey]

    def unwrap(self, encrypted_key: bytes) -> bytes:
        return SoftwareRecipientKey(self.certificate, self.load()).unwrap(encrypted_key)


def _subject(code: str, name: str) -> x509.Name:
    # X.520 bounds a common name at 64 *characters*; cryptography counts UTF-8 bytes,
    # which a Thai agency name (3 bytes a character) passes long before.
    def attr(oid: x509.ObjectIdentifier, value: str) -> x509.NameAttribute:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            return x509.NameAttribute(oid, value[:64], _validate=False)

    return x509.Name([attr(NameOID.COMMON_NAME, name or code),
                      attr(NameOID.ORGANIZATION_NAME, name or code),
                      attr(NameOID.ORGANIZATIONAL_UNIT_NAME, code)])


_USAGE = x509.KeyUsage(digital_signature=False, content_commitment=False,
                       key_encipherment=True, data_encipherment=True, key_agreement=False,
                       key_cert_sign=False, crl_sign=False, encipher_only=False,
                       decipher_only=False)


def _self_signed(key: rsa.RSAPrivateKey, code: str, name: str) -> bytes:
    subject = _subject(code, name)
    now = _now()
    public = key.public_key()
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
            .public_key(public).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + VALIDITY)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(_USAGE, critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
            .sign(key, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.DER)


def _csr(key: rsa.RSAPrivateKey, code: str, name: str) -> bytes:
    csr = (x509.CertificateSigningRequestBuilder().subject_name(_subject(code, name))
           .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
           .add_extension(_USAGE, critical=True)
           .sign(key, hashes.SHA256()))
    return csr.public_bytes(serialization.Encoding.PEM)


def _cert_key_id(cert: asn1_x509.Certificate) -> str:
    public = serialization.load_der_public_key(cert.public_key.dump())
    if not isinstance(public, rsa.RSAPublicKey):
        raise CourierError("courier.key_unsupported", detail=cert.public_key.algorithm)
    return _key_id(public)


class OfficeKeys:
    """This office's encryption keys over the store (public parts) and the keyring."""

    def __init__(self, database: Database, actor: str) -> None:
        self.database = database
        self.actor = actor

    def _office(self, s: Session) -> Office:
        office = s.get(Office, 1)
        if office is None:
            raise StoreError("store.not_initialized", path="-")
        return office

    def _vault(self) -> _KeyringVault:
        with self.database.read() as s:
            return _KeyringVault(self._office(s).device_id)

    # -- reading ----------------------------------------------------------------------------
    def all_keys(self) -> list[OfficeKey]:
        """Every key, newest first."""
        with self.database.read() as s:
            rows = s.scalars(select(OfficeKeyRow).order_by(OfficeKeyRow.created_at.desc(),
                                                           OfficeKeyRow.id.desc())).all()
            return [_row_key(r) for r in rows]

    def current(self) -> OfficeKey | None:
        return next((k for k in self.all_keys() if k.state == "current"), None)

    def in_keyring(self, key: OfficeKey) -> bool:
        return self._vault().present(key.key_id)

    def recipient_key(self) -> RecipientKey:
        """Opens envelopes sealed to any certificate of ours (current first)."""
        keys = [k for k in self.all_keys() if k.certificate is not None]
        keys.sort(key=lambda k: k.state != "current")
        if not keys:
            raise CourierError("courier.no_office_key")
        vault = self._vault()
        return RecipientKeys(tuple(
            _KeyringKey(k.certificate, lambda kid=k.key_id: vault.load(kid))  # type: ignore[misc]
            for k in keys if k.certificate is not None))

    def loaded_recipient_key(self) -> RecipientKeys:
        """Like :meth:`recipient_key`, with every private key read from the keyring now
        (a secret-letter session keeps them in memory): a retired key no longer in the
        keyring is left out, the current one must be there (``courier.office_key_missing``)."""
        keys = [k for k in self.all_keys() if k.certificate is not None]
        keys.sort(key=lambda k: k.state != "current")
        if not keys:
            raise CourierError("courier.no_office_key")
        vault = self._vault()
        loaded: list[RecipientKey] = []
        for k in keys:
            assert k.certificate is not None
            try:
                loaded.append(SoftwareRecipientKey(k.certificate, vault.load(k.key_id)))
            except CourierError:
                if k.state == "current":
                    raise
        if not loaded:
            raise CourierError("courier.office_key_missing", key=keys[0].key_id[:16])
        return RecipientKeys(tuple(loaded))

    # -- changing ---------------------------------------------------------------------------
    def new(self, *, csr: bool = False, force: bool = False) -> NewKey:
        """A fresh key: self-signed and current at once, or (``csr``) waiting for the CA's
        certificate while the current key stays in use."""
        keys = self.all_keys()
        pending = [k for k in keys if k.state == "pending"]
        if not csr and not force and any(k.state == "current" for k in keys):
            raise CourierError("courier.office_key_exists")
        if pending and not force:
            raise CourierError("courier.office_key_pending")
        with self.database.read() as s:
            office = self._office(s)
            code, name, device = office.agency_code, office.agency_name, office.device_id
        vault = _KeyringVault(device)
        private = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
        key_id = _key_id(private.public_key())
        request = _csr(private, code, name) if csr else None
        cert_der = None if csr else _self_signed(private, code, name)
        vault.store(key_id, private)  # keyring first: a row never names a key that is not there
        del private
        try:
            made = self._record_new(key_id, cert_der, pending, csr)
        except BaseException:
            vault.forget(key_id)  # nothing was sealed to it: leave no orphan in the keyring
            raise
        for old in pending:
            vault.forget(old.key_id)
        return NewKey(made, request)

    def _record_new(self, key_id: str, cert_der: bytes | None, pending: list[OfficeKey],
                    csr: bool) -> OfficeKey:
        now = _now()
        with self.database.write() as s:
            for old in pending:
                row = s.scalar(select(OfficeKeyRow).where(OfficeKeyRow.key_id == old.key_id,
                                                          OfficeKeyRow.cert_der.is_(None)))
                if row is not None:
                    s.delete(row)
            if cert_der is not None:
                self._retire_others(s, now)
            row = OfficeKeyRow(key_id=key_id, cert_der=cert_der,
                               cert_sha256=hashlib.sha256(cert_der).hexdigest() if cert_der
                               else None, created_at=now)
            s.add(row)
            s.flush()
            AuditLog(s, self.actor).append("keys.new", "office_key", key_id,
                                           {"csr": csr, "certificate": row.cert_sha256})
            return _row_key(row)

    @staticmethod
    def _retire_others(s: Session, now: dt.datetime) -> None:
        for row in s.scalars(select(OfficeKeyRow).where(OfficeKeyRow.retired_at.is_(None),
                                                        OfficeKeyRow.cert_der.is_not(None))):
            row.retired_at = now

    def import_certificate(self, data: bytes) -> OfficeKey:
        """Install the CA's certificate for one of our keys; it becomes current and the
        previous current key is retired."""
        cert = load_certificate(data)
        usage = cert.key_usage_value.native if cert.key_usage_value is not None else None
        if usage is not None and "key_encipherment" not in usage:
            raise CourierError("courier.certificate_not_for_encryption")
        key_id = _cert_key_id(cert)
        der = cert.dump()
        sha = hashlib.sha256(der).hexdigest()
        now = _now()
        with self.database.write() as s:
            if cert["tbs_certificate"]["validity"]["not_after"].native < now:
                raise CourierError("courier.certificate_expired",
                                   agency=self._office(s).agency_code)
            rows = s.scalars(select(OfficeKeyRow).where(OfficeKeyRow.key_id == key_id)).all()
            if not rows:
                raise CourierError("courier.certificate_not_ours")
            same = next((r for r in rows if r.cert_sha256 == sha), None)
            if same is not None:
                return _row_key(same)
            if not _KeyringVault(self._office(s).device_id).present(key_id):
                raise CourierError("courier.office_key_missing", key=key_id[:16])
            self._retire_others(s, now)
            pending = next((r for r in rows if r.cert_der is None), None)
            row = pending or OfficeKeyRow(key_id=key_id, created_at=now)
            row.cert_der, row.cert_sha256, row.retired_at = der, sha, None
            if pending is None:
                s.add(row)
            s.flush()
            AuditLog(s, self.actor).append("keys.import_cert", "office_key", key_id,
                                           {"certificate": sha})
            return _row_key(row)
