"""``korat courier ...``: courier bundles on removable media (issue 9, being built).

``korat courier show FILE`` is the auditor's and IT's view of a bundle: without a key,
who it is sealed for; with the recipient's key (``--key``/``--cert``), every check the
import runs (envelope tag, container, digests, signature against the trust roots,
expiry) and what it carries. It never stores anything.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from korat_desktop.cli.context import CliContext, Output
from korat_desktop.errors import UsageError

__all__ = ["register"]


def _file(path: str) -> Path:
    p = Path(path)
    if not p.is_file():
        raise UsageError("usage.file_not_found", path=path)
    return p


def _show(ctx: CliContext) -> Output:
    from korat_desktop.courier.envelope import SoftwareRecipientKey, recipients_of
    from korat_desktop.signing.settings import SigningSettings
    from korat_desktop.signing.trust import load_certificates, load_trust_roots

    a = ctx.args
    path = _file(a.file)
    size = path.stat().st_size
    with path.open("rb") as f:
        envelope = recipients_of(f, size)
    data: dict[str, Any] = {
        "file": str(path), "bytes": size,
        "sealed_for": [{"issuer": issuer, "serial": str(serial)}
                       for issuer, serial in envelope.recipients]}
    th = ctx.lang == "th"
    lines = [f"{path.name}: {size:,} " + ("ไบต์ เข้ารหัสถึง" if th else "bytes, sealed for")
             + f" {len(envelope.recipients)} " + ("หน่วยงาน" if th else "recipient(s)")]
    lines += [f"  {issuer} #{serial:x}" for issuer, serial in envelope.recipients]
    if not a.key:
        return Output(data, "\n".join(lines))
    if not a.cert:
        raise UsageError("usage.bad_argument", name="--cert", detail="needed with --key")
    from korat_desktop.courier.bundle import open_bundle

    key = SoftwareRecipientKey.from_pem(_file(a.cert).read_bytes(), _file(a.key).read_bytes())
    roots = load_trust_roots(SigningSettings.from_config(ctx.config))
    for extra in a.trust_root or []:
        roots.extend(load_certificates(_file(extra)))
    with path.open("rb") as f, open_bundle(f, size, key, roots) as opened:
        m = opened.manifest
        data.update({
            "verified": True, "bundle_id": m.bundle_id, "sender_agency": m.sender_agency,
            "signer": opened.signer.common_name, "signer_sha256": opened.signer.sha256,
            "created": m.created.isoformat(), "expires": m.expires.isoformat(),
            "recipients": m.recipients,
            "operations": [{"op_id": o.op_id, "kind": o.kind, "origin_agency": o.origin_agency,
                            "recipients": o.recipients, "letters": len(o.blobs)}
                           for o in m.operations]})
    lines.append(("ตรวจสอบผ่านทุกข้อ: ลงนามโดย " if th else "every check passed: signed by ")
                 + f"{opened.signer.common_name} ({m.sender_agency}), "
                 + (f"{len(m.operations)} รายการ" if th else f"{len(m.operations)} operation(s)"))
    lines += [f"  {o.op_id}  {o.kind}  {o.origin_agency} → {', '.join(o.recipients)}"
              for o in m.operations]
    return Output(data, "\n".join(lines))


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("courier", parents=[common],
                       help="courier bundles on removable media / ชุดเอกสารพนักงานนำสาร")
    cs = p.add_subparsers(dest="courier_command", metavar="ACTION")
    cs.required = True
    s = cs.add_parser("show", parents=[common],
                      help="what a bundle is sealed for; with --key, check and list it")
    s.add_argument("file", metavar="FILE.korat")
    s.add_argument("--key", metavar="KEY.pem", help="the recipient's decryption key")
    s.add_argument("--cert", metavar="CERT.pem", help="the recipient's certificate")
    s.add_argument("--trust-root", action="append", metavar="PEM",
                   help="trust this root too (besides the configured ones)")
    s.set_defaults(handler=_show)
