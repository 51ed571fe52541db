"""``korat keys ...``: this office's keys and what the directory says of other agencies'.

* ``korat keys [list]``: signing certificates on the configured tokens, our encryption
  keys (current, retired, pending), the hub's certificate, and each cached agency's
  certificates (how many signers, its encryption certificates and whether one is
  inside its dates, i.e. whether secret letters can be sealed to it, its relay).
* ``korat keys new [--csr FILE] [--force]``: a fresh encryption key (private part in
  the OS keyring only), self-signed, or with a CSR for the province CA that
  ``korat keys import-cert CERT`` completes.
* ``korat keys publish``: our encryption certificate and signing certificate(s) to the
  hub's directory (needs ``korat login``).
* ``korat keys export -o FILE.korat-dir``: our handout for offices that never connect,
  signed with our signing identity (PIN from ``--pin-stdin`` or a prompt); with
  ``--hub``, the hub's signed directory instead, fetched now for a courier to carry.
* ``korat keys import FILE.korat-dir``: a hub-signed directory, or another office's
  handout.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from korat_desktop.cli.context import CliContext, Output
from korat_desktop.cli.signing import signer_identity_options
from korat_desktop.errors import UsageError

if TYPE_CHECKING:
    from asn1crypto import x509

    from korat_desktop.app import KoratApp
    from korat_desktop.services.keys import AgencyKeysView, EncryptionKeyView, KeysOverview

__all__ = ["register"]


def _app(ctx: CliContext, *, write: bool = False) -> KoratApp:
    from korat_desktop.cli.registers import open_for

    return open_for(ctx, write=write)


def _file(path: str) -> Path:
    p = Path(path)
    if not p.is_file():
        raise UsageError("usage.file_not_found", path=path)
    return p


def _day(moment: Any, th: bool) -> str:
    from korat_desktop.domain.thai_dates import format_thai_date

    return format_thai_date(moment, "abbr", lang="th" if th else "en") if moment else "-"


def _key_line(k: EncryptionKeyView, th: bool) -> str:
    states = {"current": ("ใช้อยู่", "current"), "retired": ("เลิกใช้ (ยังเปิดของเก่าได้)",
                                                              "retired (still opens old bundles)"),
              "pending": ("รอใบรับรองจาก CA", "waiting for the CA's certificate")}
    state = states[k.state][0 if th else 1]
    if k.certificate is None:
        return f"  [{state}] key {k.key_id[:16]}"
    c = k.certificate
    until = ("ถึง " if th else "until ") + _day(c.not_after, th)
    flags = [] if k.in_keyring else [("ไม่มีกุญแจใน keyring" if th else "private key NOT in keyring")]
    if k.published:
        flags.append("เผยแพร่แล้ว" if th else "published")
    extra = f" ({', '.join(flags)})" if flags else ""
    return f"  [{state}] {c.common_name}  sha256 {c.sha256[:16]}  {until}{extra}"


def _list_text(o: KeysOverview, th: bool) -> str:
    lines = [f"{o.agency_name} ({o.agency_code})"]
    lines.append("ใบรับรองสำหรับลงนาม (บนบัตร/โทเคน):" if th else
                 "Signing certificates (on tokens):")
    for c in o.signing:
        listed = ("  อยู่ในทะเบียนหน่วยงาน" if th else "  listed") if c.listed else ""
        lines.append(f"  {c.token}/{c.label}  {c.common_name}  sha256 {c.certificate.sha256[:16]}"
                     f"{listed}")
    for token, code in o.token_errors:
        lines.append(f"  {token}: [{code}]")
    if not o.signing and not o.token_errors:
        lines.append("  -")
    lines.append("กุญแจเข้ารหัสของหน่วยงาน:" if th else "Encryption keys of this office:")
    lines += [_key_line(k, th) for k in o.encryption] or [
        "  - (korat keys new)"]
    hub = o.hub_certificate
    lines.append(("ใบรับรองระบบกลาง: " if th else "Hub certificate: ")
                 + (f"{hub.common_name}  sha256 {hub.sha256[:16]}" if hub else "-"))
    if o.directory_source is None:
        lines.append("ยังไม่มีทะเบียนหน่วยงาน" if th else "No directory cached")
        return "\n".join(lines)
    source = {"hub": ("ระบบกลาง", "the hub"), "file": ("ไฟล์ที่ลงนามโดยระบบกลาง",
                                                       "a hub-signed file")}
    words = source.get(o.directory_source, (o.directory_source, o.directory_source))
    lines.append(("ทะเบียนหน่วยงานจาก " if th else "Directory from ") + words[0 if th else 1]
                 + f" ({_day(o.directory_loaded_at, th)})")
    for a in o.agencies:
        enc = _encryption_words(a, th)
        relay = (f"  {'ส่งต่อโดย' if th else 'relay'} {a.relay}") if a.relay else ""
        lines.append(f"  {a.code}  {a.name}  {'ผู้ลงนาม' if th else 'signers'} {a.sign}  "
                     f"{enc}{relay}")
    return "\n".join(lines)


def _encryption_words(a: AgencyKeysView, th: bool) -> str:
    """Whether secret letters and bundles can be sealed to the agency, and until when."""
    if not a.encrypt:
        return "เข้ารหัสไม่ได้" if th else "encrypt: no"
    if not a.sealable:
        return ("เข้ารหัสไม่ได้ (ใบรับรองหมดอายุหรือยังไม่เริ่มใช้)" if th else
                "encrypt: no (certificate expired or not yet valid)")
    until = max(c.not_after for c in a.encryption_certificates)
    return (f"เข้ารหัสได้ ถึง {_day(until, th)}" if th else
            f"encrypt: yes, until {_day(until, th)}")


def _list(ctx: CliContext) -> Output:
    app = _app(ctx)
    overview = app.keys.overview(tokens=not ctx.args.no_tokens)
    return Output(overview, _list_text(overview, ctx.lang == "th"))


def _new(ctx: CliContext) -> Output:
    a = ctx.args
    app = _app(ctx, write=True)
    result = app.keys.new_key(csr_file=Path(a.csr) if a.csr else None, force=a.force)
    th = ctx.lang == "th"
    text = _key_line(result.key, th).strip()
    if result.csr_file is not None:
        text += ("\nเขียนคำขอใบรับรองไว้ที่ " if th else "\nCertificate request written to ") + \
            f"{result.csr_file}" + ("  (ส่งให้ CA แล้วนำเข้าด้วย korat keys import-cert)" if th
                                    else "  (send it to the CA, then korat keys import-cert)")
    return Output(result, text)


def _import_cert(ctx: CliContext) -> Output:
    app = _app(ctx, write=True)
    key = app.keys.import_certificate(_file(ctx.args.cert))
    return Output(key, _key_line(key, ctx.lang == "th").strip())


def _token_signing(ctx: CliContext, app: KoratApp) -> list[x509.Certificate]:
    a = ctx.args
    views, _ = app.keys.token_certificates()
    chosen = [v for v in views
              if (not a.token_label or v.token == a.token_label)
              and (not a.cert_label or v.label == a.cert_label)
              and (not a.cert_id or v.cert_id.lower() == a.cert_id.lower())]
    if not chosen:
        return []
    wanted = {v.certificate.sha256 for v in chosen}
    from korat_desktop.services.token_listing import token_listings

    return [c.certificate() for t in token_listings(app.config) for c in t.certificates
            if c.certificate().sha256.hex() in wanted]


def _publish(ctx: CliContext) -> Output:
    from korat_desktop.errors import CourierError
    from korat_desktop.services.keys import certificate_from_file

    a = ctx.args
    app = _app(ctx, write=True)
    signing = [certificate_from_file(_file(p)) for p in a.sign_cert or []]
    if not signing:
        signing = _token_signing(ctx, app)
    if not signing and (a.pkcs12 or app.config["signing.pkcs12_file"]):
        from korat_desktop.cli.signing_commands import open_signer

        signer = open_signer(ctx)
        try:
            signing = [signer.certificate]
        finally:
            signer.close()
    if not signing:
        raise CourierError("courier.no_signing_certificate")
    result = app.keys.publish(signing)
    th = ctx.lang == "th"
    lines = [("เผยแพร่ใบรับรองแล้ว:" if th else "Published:")]
    lines += [f"  {use}  sha256 {sha[:16]}" for use, sha in result.published]
    lines += [("  ไม่ได้เผยแพร่ " if th else "  not published ")
              + f"{r.use}  sha256 {r.sha256[:16]}: {r.error.message(ctx.lang)} [{r.error.code}]"
              for r in result.refused]
    data = {"published": [{"use": u, "sha256": h} for u, h in result.published],
            "refused": [{"use": r.use, "sha256": r.sha256, "code": r.error.code,
                         "message": r.error.message(ctx.lang)} for r in result.refused],
            "directory_refreshed": result.directory_refreshed}
    return Output(data, "\n".join(lines), 1 if result.refused else 0)


def _export(ctx: CliContext) -> Output:
    from korat_desktop.cli.signing_commands import open_signer
    from korat_desktop.errors import CourierError

    dest = Path(ctx.args.output)
    if dest.suffix != ".korat-dir":
        raise UsageError("usage.bad_argument", name="-o", detail=f"{dest} (FILE.korat-dir)")
    if ctx.args.hub:
        return _fetch_hub(ctx, dest)
    app = _app(ctx, write=True)
    if app.keys.office_keys.current() is None:  # before the PIN, not after
        raise CourierError("courier.no_office_key")
    signer = open_signer(ctx)
    try:
        result = app.keys.export_handout(dest, signer)
    finally:
        signer.close()
    th = ctx.lang == "th"
    return Output(result, (f"เขียนใบรับรองของหน่วยงาน {result.agency_code} "
                           f"({len(result.certificates)} ใบ) ไว้ที่ {dest} ลงนามโดย {result.signer}"
                           if th else
                           f"Wrote the certificates of {result.agency_code} "
                           f"({len(result.certificates)}) to {dest}, signed by {result.signer}"))


def _fetch_hub(ctx: CliContext, dest: Path) -> Output:
    app = _app(ctx, write=True)
    result = app.keys.fetch_hub_directory(dest)
    done, th = result.imported, ctx.lang == "th"
    return Output(result, (f"เขียนทะเบียนหน่วยงานที่ระบบกลางลงนาม ({len(done.agencies)} หน่วยงาน)"
                           f" ไว้ที่ {dest}" if th else
                           f"Wrote the hub-signed directory ({len(done.agencies)} agencies)"
                           f" to {dest}"))


def _import(ctx: CliContext) -> Output:
    app = _app(ctx, write=True)
    result = app.keys.import_directory(_file(ctx.args.file))
    done = result.imported
    th = ctx.lang == "th"
    if done.kind == "hub":
        text = (f"นำเข้าทะเบียนหน่วยงานจากระบบกลาง {len(done.agencies)} หน่วยงาน "
                f"(ออกเมื่อ {_day(done.issued_at, th)}) ลงนามโดย {done.signer}" if th else
                f"Imported the hub's directory: {len(done.agencies)} agencies "
                f"(issued {_day(done.issued_at, th)}), signed by {done.signer}")
    else:
        text = (f"นำเข้าใบรับรองของหน่วยงาน {done.agencies[0]} "
                f"(ใหม่ {done.certificates_added} ใบ) ลงนามโดย {done.signer}" if th else
                f"Imported the certificates of {done.agencies[0]} "
                f"({done.certificates_added} new), signed by {done.signer}")
    return Output(result, text)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("keys", parents=[common],
                       help="this office's keys and the agencies' certificates / กุญแจของหน่วยงาน")
    p.add_argument("--no-tokens", action="store_true", default=False,
                   help="do not look for signing tokens / ไม่ค้นหาบัตร")
    p.set_defaults(handler=_list)
    ks = p.add_subparsers(dest="keys_command", metavar="ACTION")
    ks.required = False

    s = ks.add_parser("list", parents=[common],
                      help="signing and encryption certificates, cached agencies / แสดงใบรับรอง")
    s.add_argument("--no-tokens", action="store_true", default=argparse.SUPPRESS,
                   help="do not look for signing tokens / ไม่ค้นหาบัตร")
    s.set_defaults(handler=_list)

    s = ks.add_parser("new", parents=[common],
                      help="make this office's encryption key / สร้างกุญแจเข้ารหัสของหน่วยงาน")
    s.add_argument("--csr", metavar="FILE",
                   help="write a certificate request for the CA / เขียนคำขอใบรับรองถึง CA")
    s.add_argument("--force", action="store_true",
                   help="replace the current key (it is kept, retired) / สร้างใหม่แทนกุญแจเดิม")
    s.set_defaults(handler=_new)

    s = ks.add_parser("import-cert", parents=[common],
                      help="install the CA's certificate for our key / นำเข้าใบรับรองจาก CA")
    s.add_argument("cert", metavar="CERT.pem")
    s.set_defaults(handler=_import_cert)

    s = ks.add_parser("publish", parents=[common],
                      help="publish our certificates to the hub / เผยแพร่ใบรับรองไปยังระบบกลาง")
    s.add_argument("--sign-cert", action="append", metavar="PEM",
                   help="publish this signing certificate (default: the tokens') / ใบรับรองลงนาม")
    signer_identity_options(s)
    s.set_defaults(handler=_publish)

    s = ks.add_parser("export", parents=[common],
                      help="write our signed certificate file / ส่งออกไฟล์ใบรับรองของหน่วยงาน")
    s.add_argument("-o", "--output", metavar="FILE.korat-dir", required=True)
    s.add_argument("--hub", action="store_true",
                   help="the hub's signed directory instead (fetched now, for a courier)"
                        " / ทะเบียนหน่วยงานที่ระบบกลางลงนาม")
    signer_identity_options(s)
    s.set_defaults(handler=_export)

    s = ks.add_parser("import", parents=[common],
                      help="import a signed directory or an office's certificate file"
                           " / นำเข้าทะเบียนหน่วยงานหรือใบรับรองของหน่วยงานอื่น")
    s.add_argument("file", metavar="FILE.korat-dir")
    s.set_defaults(handler=_import)
