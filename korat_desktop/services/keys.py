"""Keys of an office, for the CLI (``korat keys``) and the window: what this office
signs and decrypts with, what the hub's directory tells us of other agencies' keys,
and the handout file an office that never connects exchanges instead.

Every result is a frozen dataclass; certificates leave as text and hashes only.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from asn1crypto import x509
from sqlalchemy import func, select

from korat_desktop.courier.directory_import import (
    DirectoryImport,
    check_directory,
    import_directory,
)
from korat_desktop.courier.office_keys import OfficeKey, OfficeKeys, load_certificate
from korat_desktop.courier.signed_directory import sign_directory
from korat_desktop.errors import CourierError, KoratError, SigningError, StoreError, SyncError
from korat_desktop.files import file_error, write_file
from korat_desktop.protocol.directory import (
    Agency,
    AgencyCertificate,
    AgencyDirectory,
    CertificatePublish,
    CertificateUse,
)
from korat_desktop.services.office import current_actor
from korat_desktop.services.results import Changes
from korat_desktop.store.audit import AuditLog
from korat_desktop.store.models import (
    DirectoryAgency,
    DirectoryCertificate,
    DirectorySource,
    Office,
)
from korat_desktop.sync.backoff import Backoff, Retrier
from korat_desktop.sync.directory import merge_handout, refresh_directory
from korat_desktop.sync.enrollment import DeviceEnrollment

if TYPE_CHECKING:
    from korat_desktop.app import KoratApp
    from korat_desktop.signing.signers import DocumentSigner

__all__ = ["AgencyKeysView", "CertificateView", "DirectoryImportResult", "EncryptionKeyView",
           "HandoutResult", "KeysOverview", "KeysService", "NewKeyResult", "PublishRefusal", "PublishResult",
           "SigningCertificateView", "certificate_from_file", "certificate_view"]

_DIRECTORY_CHANGED = Changes(office=True)


@dataclass(frozen=True)
class CertificateView:
    common_name: str
    subject: str
    issuer: str
    serial: str
    sha256: str
    not_before: dt.datetime
    not_after: dt.datetime


def certificate_view(cert: x509.Certificate) -> CertificateView:
    validity = cert["tbs_certificate"]["validity"]
    return CertificateView(str(cert.subject.native.get("common_name", "")),
                           str(cert.subject.human_friendly), str(cert.issuer.human_friendly),
                           f"{cert.serial_number:x}", cert.sha256.hex(),
                           validity["not_before"].native, validity["not_after"].native)


@dataclass(frozen=True)
class EncryptionKeyView:
    key_id: str
    state: str  # current | retired | pending
    certificate: CertificateView | None
    created_at: dt.datetime
    retired_at: dt.datetime | None
    in_keyring: bool
    published: bool  # the cached directory lists this certificate for our agency


@dataclass(frozen=True)
class SigningCertificateView:
    """A signing certificate on one of the configured tokens."""

    token: str
    token_serial: str
    label: str
    cert_id: str
    common_name: str
    certificate: CertificateView
    can_sign: bool
    listed: bool  # the cached directory lists it as a signer of our agency


@dataclass(frozen=True)
class AgencyKeysView:
    code: str
    name: str
    sign: int
    encrypt: bool  # the directory lists an encryption certificate for it
    relay: str | None
    encryption_certificates: tuple[CertificateView, ...] = ()  # cached, newest first
    sealable: bool = False  # one of them is inside its dates now: secret letters can go


@dataclass(frozen=True)
class KeysOverview:
    agency_code: str
    agency_name: str
    signing: tuple[SigningCertificateView, ...]
    token_errors: tuple[tuple[str, str], ...]  # (token label, error code)
    encryption: tuple[EncryptionKeyView, ...]
    hub_certificate: CertificateView | None
    directory_source: str | None  # hub | file | None (no directory cached)
    directory_issued_at: dt.datetime | None
    directory_loaded_at: dt.datetime | None
    agencies: tuple[AgencyKeysView, ...]


@dataclass(frozen=True)
class NewKeyResult:
    key: EncryptionKeyView
    csr_file: Path | None
    changes: Changes = _DIRECTORY_CHANGED


@dataclass(frozen=True)
class PublishRefusal:
    """A certificate the hub would not list, with its reason (the others still went)."""

    use: str
    sha256: str
    error: KoratError


@dataclass(frozen=True)
class PublishResult:
    published: tuple[tuple[str, str], ...]  # (use, sha256)
    refused: tuple[PublishRefusal, ...]
    directory_refreshed: bool
    changes: Changes = _DIRECTORY_CHANGED


@dataclass(frozen=True)
class HandoutResult:
    file: Path
    agency_code: str
    certificates: tuple[tuple[str, str], ...]  # (use, sha256)
    signer: str


@dataclass(frozen=True)
class DirectoryImportResult:
    file: Path
    imported: DirectoryImport
    changes: Changes = _DIRECTORY_CHANGED


def _b64(cert: x509.Certificate) -> str:
    return base64.b64encode(cert.dump()).decode("ascii")


class KeysService:
    def __init__(self, app: KoratApp) -> None:
        self.app = app
        self.office_keys = OfficeKeys(app.database, current_actor(app))

    # -- reading ----------------------------------------------------------------------------
    def _office(self) -> tuple[str, str]:
        with self.app.database.read() as s:
            office = s.get(Office, 1)
            if office is None:
                raise StoreError("store.not_initialized", path=str(self.app.data_dir))
            return office.agency_code, office.agency_name

    def _listed(self, code: str) -> set[str]:
        with self.app.database.read() as s:
            return set(s.scalars(select(DirectoryCertificate.sha256).where(
                DirectoryCertificate.agency_code == code)))

    def _key_view(self, key: OfficeKey, listed: set[str]) -> EncryptionKeyView:
        return EncryptionKeyView(
            key.key_id, key.state,
            certificate_view(key.certificate) if key.certificate is not None else None,
            key.created_at, key.retired_at, self.office_keys.in_keyring(key),
            key.sha256 in listed if key.sha256 else False)

    def encryption_keys(self) -> list[EncryptionKeyView]:
        code, _ = self._office()
        listed = self._listed(code)
        return [self._key_view(k, listed) for k in self.office_keys.all_keys()]

    def token_certificates(self, *, signing_only: bool = True
                           ) -> tuple[list[SigningCertificateView], list[tuple[str, str]]]:
        """The certificates on the configured tokens (public objects: no PIN), and the
        tokens whose certificates could not be read."""
        from korat_desktop.services.token_listing import token_listings

        code, _ = self._office()
        listed = self._listed(code)
        views, errors = [], []
        try:
            listings = token_listings(self.app.config)
        except SigningError as e:
            return [], [("-", e.code)]
        for listing in listings:
            if listing.error_code:
                errors.append((listing.token.label, listing.error_code))
            for c in listing.certificates:
                if signing_only and not c.can_sign_by_usage:
                    continue
                cert = c.certificate()
                views.append(SigningCertificateView(
                    listing.token.label, listing.token.serial, c.label, c.id_hex,
                    c.info.common_name, certificate_view(cert), c.can_sign_by_usage,
                    cert.sha256.hex() in listed))
        return views, errors

    def overview(self, *, tokens: bool = True) -> KeysOverview:
        code, name = self._office()
        signing, errors = self.token_certificates() if tokens else ([], [])
        with self.app.database.read() as s:
            source = s.get(DirectorySource, 1)
            counts: dict[tuple[str, str], int] = {
                (a, u): n for a, u, n in s.execute(
                    select(DirectoryCertificate.agency_code, DirectoryCertificate.use,
                           func.count()).group_by(DirectoryCertificate.agency_code,
                                                  DirectoryCertificate.use))}
            encrypting: dict[str, list[CertificateView]] = {}
            for code_, der in s.execute(
                    select(DirectoryCertificate.agency_code, DirectoryCertificate.der)
                    .where(DirectoryCertificate.use == CertificateUse.ENCRYPT.value)
                    .order_by(DirectoryCertificate.added_at.desc())):
                encrypting.setdefault(code_, []).append(
                    certificate_view(x509.Certificate.load(bytes(der))))
            now = dt.datetime.now(dt.UTC)
            agencies = tuple(
                AgencyKeysView(a.code, a.name, counts.get((a.code, "sign"), 0),
                               counts.get((a.code, "encrypt"), 0) > 0, a.relay,
                               tuple(encrypting.get(a.code, ())),
                               any(c.not_before <= now <= c.not_after
                                   for c in encrypting.get(a.code, ())))
                for a in s.scalars(select(DirectoryAgency).order_by(DirectoryAgency.code)))
            hub = (certificate_view(x509.Certificate.load(bytes(source.hub_certificate)))
                   if source is not None and source.hub_certificate else None)
            kind = source.source if source is not None else None
            issued = source.issued_at if source is not None else None
            loaded = source.loaded_at if source is not None else None
        return KeysOverview(code, name, tuple(signing), tuple(errors),
                            tuple(self.encryption_keys()), hub, kind, issued, loaded, agencies)

    # -- our encryption key -----------------------------------------------------------------
    def new_key(self, *, csr_file: Path | None = None, force: bool = False) -> NewKeyResult:
        made = self.office_keys.new(csr=csr_file is not None, force=force)
        if csr_file is not None and made.csr_pem is not None:
            write_file(csr_file, made.csr_pem)
        code, _ = self._office()
        return NewKeyResult(self._key_view(made.key, self._listed(code)), csr_file)

    def import_certificate(self, path: Path) -> EncryptionKeyView:
        key = self.office_keys.import_certificate(_read(path))
        code, _ = self._office()
        return self._key_view(key, self._listed(code))

    # -- the directory ----------------------------------------------------------------------
    def publish(self, signing: Sequence[x509.Certificate]) -> PublishResult:
        """``POST /agencies/me/certificates`` for our current encryption certificate and
        ``signing`` (the office's signing certificates), then refresh the directory."""
        current = self.office_keys.current()
        if current is None or current.certificate is None:
            raise CourierError("courier.no_office_key")
        items = [(CertificateUse.ENCRYPT, current.certificate),
                 *((CertificateUse.SIGN, c) for c in signing)]
        sync = self.app.sync
        _, transport = DeviceEnrollment(sync.ctx).transport()
        retrier = Retrier(3, Backoff(0.5, 5.0))
        published, refused = [], []
        try:
            for use, cert in items:
                body = CertificatePublish(use=use, der_b64=_b64(cert)).model_dump(mode="json")
                try:
                    retrier.call(lambda body=body: transport.request(  # type: ignore[misc]
                        "POST", "/agencies/me/certificates", expect=(200, 201), json=body))
                except SyncError as e:
                    if e.params.get("status") != 422:  # the hub's verdict on this one only
                        raise
                    refused.append(PublishRefusal(use.value, cert.sha256.hex(), e))
                    continue
                published.append((use.value, cert.sha256.hex()))
            refreshed = refresh_directory(sync.ctx, transport, retrier)
        finally:
            transport.close()
        return PublishResult(tuple(published), tuple(refused), refreshed)

    def handout(self, signer: DocumentSigner) -> AgencyDirectory:
        """Our agency's public certificates, as the directory would list them."""
        code, name = self._office()
        now = dt.datetime.now(dt.UTC)
        certs: dict[str, AgencyCertificate] = {}

        def add(use: CertificateUse, cert: x509.Certificate, added: dt.datetime) -> None:
            certs.setdefault(cert.sha256.hex(), AgencyCertificate(
                use=use, der_b64=_b64(cert), sha256=cert.sha256.hex(), added_at=added))

        current = self.office_keys.current()
        if current is None or current.certificate is None:
            raise CourierError("courier.no_office_key")
        add(CertificateUse.ENCRYPT, current.certificate, current.created_at)
        add(CertificateUse.SIGN, signer.certificate, now)
        with self.app.database.read() as s:
            for row in s.scalars(select(DirectoryCertificate).where(
                    DirectoryCertificate.agency_code == code,
                    DirectoryCertificate.use == CertificateUse.SIGN.value)):
                add(CertificateUse.SIGN, x509.Certificate.load(bytes(row.der)), row.added_at)
        return AgencyDirectory(agencies=[Agency(code=code, name=name,
                                                certificates=list(certs.values()))],
                               issued_at=now)

    def export_handout(self, dest: Path, signer: DocumentSigner) -> HandoutResult:
        """Our handout (``.korat-dir``) signed with ``signer`` (the office's identity).
        What we hand out we also list ourselves: an office that never connects has no
        other source for its own signer, and its bundles are checked against it too."""
        directory = self.handout(signer)
        data = sign_directory(signer.pyhanko_signer, directory)
        write_file(dest, data)
        agency = directory.agencies[0]
        with self.app.database.write() as s:
            added = merge_handout(s, agency)
            AuditLog(s, current_actor(self.app, s)).append(
                "keys.handout", "directory_agency", agency.code,
                {"file": dest.name, "added": added, "signer": signer.certificate.sha256.hex()})
        return HandoutResult(dest, agency.code,
                             tuple((c.use.value, c.sha256) for c in agency.certificates),
                             str(signer.certificate.subject.human_friendly))

    def fetch_hub_directory(self, dest: Path) -> DirectoryImportResult:
        """The hub's signed directory (``GET /directory/signed``) to ``dest``, for a
        courier to carry to an office that never connects; checked as that office will
        check it before it is written (our own cache comes from ``GET /agencies``)."""
        _, transport = DeviceEnrollment(self.app.sync.ctx).transport()
        try:
            data = Retrier(3, Backoff(0.5, 5.0)).call(
                lambda: transport.request("GET", "/directory/signed")).content
        finally:
            transport.close()
        kind, checked = check_directory(self.app.database, data,
                                        self.app.courier_keys.trust_roots())
        if kind != "hub":
            raise CourierError("courier.directory_malformed", detail="not the hub's directory")
        write_file(dest, data)
        return DirectoryImportResult(dest, DirectoryImport.of(kind, checked))

    def import_directory(self, path: Path) -> DirectoryImportResult:
        """A hub-signed directory or another office's handout (``.korat-dir``)."""
        done: DirectoryImport = import_directory(
            self.app.database, _read(path), self.app.courier_keys.trust_roots(),
            current_actor(self.app))
        return DirectoryImportResult(path, done)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as e:
        raise file_error(e, path) from e


def certificate_from_file(path: Path) -> x509.Certificate:
    return load_certificate(_read(path))
