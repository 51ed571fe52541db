"""A hub set up for couriers in tests: trust roots, a hub key issued by the test CA, and
real bundles written by :func:`korat_desktop.courier.bundle.write_bundle` whose relay
evidence is taken out with :func:`korat_desktop.courier.asice.read_asice`."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from asn1crypto import x509 as asn1_x509
from pyhanko.sign.signers import SimpleSigner

from korat_desktop.courier.asice import read_asice
from korat_desktop.courier.bundle import write_bundle
from korat_desktop.courier.envelope import open_envelope
from korat_desktop.protocol.bundle import BundledOperation, BundleManifest
from korat_desktop.protocol.ops import OPERATION_ADAPTER, content_sha256
from korat_desktop.protocol.uuid7 import uuid7
from korat_desktop.server.hub_key import init_hub_key
from korat_desktop.server.settings import HubSettings
from tests.courier.pki import Identity, make_ca, make_identity, recipient_key

__all__ = ["CourierPki", "Evidence", "bundled", "courier_settings", "make_courier_pki",
           "relay_evidence", "signer_of"]


@dataclass(frozen=True)
class CourierPki:
    """The province CA with the hub's and the offices' identities, plus a stranger CA."""

    folder: Path
    ca: Identity
    hub: Identity
    sign_a: Identity  # a clerk of agency A (listed in the tests that want it)
    sign_a2: Identity  # another of A's CA-issued certificates, never listed
    enc_a: Identity
    enc_c: Identity  # the relay office's encryption certificate (bundles sealed to it)
    stranger: Identity  # a signer from a CA the hub does not trust

    @property
    def ca_file(self) -> Path:
        return self.folder / "ca.crt"


def make_courier_pki(folder: Path) -> CourierPki:
    ca, other = make_ca(), make_ca("Not the province CA")
    ca.write(folder, "ca")
    other.write(folder, "other-ca")
    pki = CourierPki(folder, ca, make_identity(ca, "Korat hub", encryption=False),
                     make_identity(ca, "สมชาย ใจดี", encryption=False),
                     make_identity(ca, "สมหญิง รักดี", encryption=False),
                     make_identity(ca, "A encryption", encryption=True),
                     make_identity(ca, "C encryption", encryption=True),
                     make_identity(other, "Mallory", encryption=False))
    for name in ("hub", "sign_a", "sign_a2", "enc_a", "enc_c", "stranger"):
        getattr(pki, name).write(folder, name)
    return pki


def courier_settings(settings: HubSettings, pki: CourierPki, *, hub_key: bool = True
                     ) -> HubSettings:
    """``settings`` trusting the test CA, with the hub key issued by it installed."""
    if hub_key:
        init_hub_key(settings.data_dir, cert_pem=pki.hub.cert_pem + pki.ca.cert_pem,
                     key_pem=pki.hub.key_pem)
    return settings.with_changes(trust_roots=(str(pki.ca_file),))


def signer_of(pki: CourierPki, identity: Identity) -> SimpleSigner:
    name = next(n for n in ("sign_a", "sign_a2", "stranger") if getattr(pki, n) is identity)
    ca = "other-ca" if name == "stranger" else "ca"
    return SimpleSigner.load(str(pki.folder / f"{name}.key"), str(pki.folder / f"{name}.crt"),
                             ca_chain_files=(str(pki.folder / f"{ca}.crt"),))


def bundled(op: dict[str, Any], *, origin_agency: str, origin_device: str,
            op_id: str | None = None) -> BundledOperation:
    """An outbox operation as a bundle carries it (canonical body and its digest)."""
    parsed = OPERATION_ADAPTER.validate_python(op)
    return BundledOperation(op_id=op_id or uuid7(), kind=parsed.kind,
                            body=parsed.model_dump_json(), content_sha256=content_sha256(parsed),
                            origin_agency=origin_agency, origin_device=origin_device,
                            recipients=list(op.get("payload", {}).get("to", [])),
                            blobs=list(parsed.blobs))


@dataclass(frozen=True)
class Evidence:
    bundle_id: str
    manifest_xml: bytes
    signature: bytes
    operations: bytes

    def body(self, **override: bytes | str) -> dict[str, str]:
        parts = {"manifest_xml": self.manifest_xml, "signature": self.signature,
                 "operations": self.operations}
        out = {k: base64.b64encode(v).decode() for k, v in parts.items()}
        out.update({k: v if isinstance(v, str) else base64.b64encode(v).decode()
                    for k, v in override.items()})
        return out

    def manifest(self) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads(self.operations)
        return loaded


def relay_evidence(pki: CourierPki, signer: Identity, sender: str, sender_device: str,
                   ops: list[BundledOperation], blobs: dict[str, bytes], recipients: list[str],
                   *, expired: bool = False) -> Evidence:
    """Write a real bundle (sealed to the relay office C), open it as C would, and take
    out what C forwards: the signed manifest, its signature and operations.json."""
    now = dt.datetime.now(dt.UTC) - (dt.timedelta(days=60) if expired else dt.timedelta(0))
    manifest = BundleManifest(bundle_id=uuid7(), sender_agency=sender,
                              sender_device=sender_device, recipients=recipients,
                              created=now, expires=now + dt.timedelta(days=30),
                              operations=ops)
    sealed = io.BytesIO()
    write_bundle(manifest, lambda sha: io.BytesIO(blobs[sha]), signer_of(pki, signer),
                 [asn1_x509.Certificate.load(pki.enc_c.cert_der)], sealed)
    with tempfile.TemporaryFile() as work:
        size = sealed.tell()
        sealed.seek(0)
        open_envelope(sealed, size, work, recipient_key(pki.enc_c))
        work.seek(0)
        contents = read_asice(work)
        return Evidence(manifest.bundle_id, contents.manifest_xml, contents.signature,
                        contents.read("operations.json"))
