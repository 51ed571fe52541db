"""``korat courier ...``: courier bundles on removable media (issue 9).

``korat courier export`` writes what waits in the outbox for the chosen agencies into
signed, encrypted bundles (``-o`` a folder on the stick, or a file name), signed with
the configured token certificate or ``--pkcs12`` (PIN with ``--pin-stdin`` or a no-echo
prompt, as ``korat sign``). ``korat courier import FILE...`` checks each bundle whole
and stores it, each file on its own. ``korat courier log`` lists bundles out and in.
Exit codes: 0 all done, 1 something refused or failed (the reason per item), 2 usage.

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
from korat_desktop.cli.signing import signer_identity_options
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


def _progress(ctx: CliContext) -> Any:
    def show(p: Any) -> None:
        if p.phase in ("write", "verify", "open", "apply"):
            ctx.progress(f"{p.phase} {p.file}".rstrip())

    return show


def _issue(error: Any, lang: str) -> str:
    return f"{error.message(lang)} [{error.code}]"


def _export(ctx: CliContext) -> Output:
    from korat_desktop.cli.registers import open_for
    from korat_desktop.cli.signing_commands import open_signer

    a = ctx.args
    app = open_for(ctx, write=True)
    dest = Path(a.output or ".")
    if not (a.to_agency or a.all_pending or a.op_ids or a.for_agency):
        raise UsageError("usage.bad_argument", name="--to-agency",
                         detail="give --to-agency CODE, --all-pending or operation ids")
    signer = open_signer(ctx)
    try:
        result = app.courier.export(dest, to_agencies=a.to_agency or (),
                                    all_pending=a.all_pending, for_agency=a.for_agency,
                                    op_ids=a.op_ids, signer=signer, progress=_progress(ctx))
    finally:
        signer.close()
    th = ctx.lang == "th"
    lines = []
    for path, bundle in zip(result.files, result.bundles, strict=True):
        part = f" ({bundle.part}/{bundle.parts})" if bundle.parts > 1 else ""
        lines.append(f"{path}  → {', '.join(bundle.recipients)}  "
                     + (f"{len(bundle.operations)} รายการ" if th
                        else f"{len(bundle.operations)} operation(s)")
                     + f", {bundle.size:,} B{part}")
    for r in result.refused:
        lines.append(("ไม่ได้ส่ง " if th else "not exported ") + f"{', '.join(r.op_ids)} → "
                     f"{', '.join(r.recipients)}: {_issue(r.error, ctx.lang)}")
    data = {"files": [str(p) for p in result.files],
            "bundles": [{"bundle_id": b.bundle_id, "file": str(p), "recipients": b.recipients,
                         "operations": [o.op_id for o in b.operations], "bytes": b.size,
                         "part": b.part, "parts": b.parts}
                        for p, b in zip(result.files, result.bundles, strict=True)],
            "operations": result.operations, "bytes": result.bytes,
            "refused": [{"op_ids": r.op_ids, "recipients": r.recipients,
                         "code": r.error.code, "message": r.error.message(ctx.lang)}
                        for r in result.refused]}
    return Output(data, "\n".join(lines), 1 if result.refused else 0)


def _import(ctx: CliContext) -> Output:
    from korat_desktop.cli.registers import open_for

    app = open_for(ctx, write=True)
    result = app.courier.import_files([Path(f) for f in ctx.args.files],
                                      progress=_progress(ctx))
    th = ctx.lang == "th"
    lines = []
    for item in result.items:
        if item.ok:
            lines.append(f"{item.path}: " + (
                f"นำเข้า {item.applied} รายการ ส่งต่อ {item.relayed} มีอยู่แล้ว {item.already}"
                if th else f"applied {item.applied}, relayed {item.relayed}, "
                           f"already here {item.already}"))
        else:
            assert item.error is not None
            lines.append(f"{item.path}: {_issue(item.error, ctx.lang)}")
    data = [{"file": str(i.path), "ok": i.ok, "bundle_id": i.bundle_id, "applied": i.applied,
             "relayed": i.relayed, "already": i.already,
             "error": None if i.error is None else
             {"code": i.error.code, "params": i.error.params,
              "message": i.error.message(ctx.lang)}} for i in result.items]
    return Output(data, "\n".join(lines), 0 if all(i.ok for i in result.items) else 1)


def _log(ctx: CliContext) -> Output:
    from korat_desktop.cli.registers import open_for

    app = open_for(ctx)
    views = app.courier.log(ctx.args.limit)
    th = ctx.lang == "th"
    lines = []
    for v in views:
        arrow = ("ออก" if th else "out") if v.direction == "out" else ("เข้า" if th else "in")
        acked = sum(o.acknowledged for o in v.operations)
        lines.append(f"{v.recorded_at:%Y-%m-%d %H:%M}  {arrow:<4} {v.file_name}  "
                     f"{v.sender_agency} → {', '.join(v.recipients)}  "
                     + (f"{len(v.operations)} รายการ ยืนยันแล้ว {acked}" if th
                        else f"{len(v.operations)} op(s), {acked} acknowledged"))
        lines += [f"    {o.op_id}  {o.kind:<15} {o.role:<8} "
                  f"{'✓' if o.acknowledged else '…'} {o.subject}".rstrip()
                  for o in v.operations]
    return Output(views, "\n".join(lines) or ("ยังไม่มีชุดเอกสาร" if th else "no bundles yet"))


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

    e = cs.add_parser("export", parents=[common],
                      help="write what waits for agencies into bundles / ส่งออกชุดเอกสาร")
    e.add_argument("op_ids", nargs="*", metavar="OP_ID", help="only these outbox operations")
    e.add_argument("--to-agency", action="append", metavar="CODE",
                   help="operations for this agency (repeatable) / ถึงหน่วยงาน")
    e.add_argument("--all-pending", action="store_true", help="everything waiting to go")
    e.add_argument("--for-agency", metavar="CODE",
                   help="as relay: what waits at the hub for this offline agency")
    e.add_argument("-o", "--output", metavar="PATH",
                   help="a folder (the stick) or a file name (default: this folder)")
    signer_identity_options(e)
    e.set_defaults(handler=_export)

    i = cs.add_parser("import", parents=[common],
                      help="check and store bundles / นำเข้าชุดเอกสาร")
    i.add_argument("files", nargs="+", metavar="FILE.korat")
    i.set_defaults(handler=_import)

    lg = cs.add_parser("log", parents=[common],
                       help="bundles out and in / ทะเบียนชุดเอกสารพนักงานนำสาร")
    lg.add_argument("--limit", type=int, default=200, metavar="N")
    lg.set_defaults(handler=_log)
