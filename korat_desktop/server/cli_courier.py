"""``korat-hub`` commands for couriers: agency certificates, the hub key, the signed
directory and relay designation.

* ``agency-certs add CODE FILE --use sign|encrypt``: FILE is a PEM or DER certificate,
  or a signed directory / an office's handout (``.korat-dir``) whose signer chains to
  the hub's roots: then the certificates it lists for CODE are taken (``--use`` picks
  one kind). Each passes the same checks as ``POST /agencies/me/certificates``.
* ``agency-certs list [CODE]``, ``agency-certs remove CODE SHA256``.
* ``keys init [--cert CERT.pem --key KEY.pem]``, ``keys show``.
* ``directory export -o FILE.korat-dir``: the bytes ``GET /directory/signed`` answers.
* ``relay set D --for X [Y ...]``, ``relay clear X``, ``relay list``.
"""

from __future__ import annotations

import argparse
import base64
import sys
from pathlib import Path
from typing import Any

from asn1crypto import cms, x509
from sqlalchemy import select

from korat_desktop.errors import UsageError
from korat_desktop.files import write_file
from korat_desktop.protocol.directory import CertificateUse
from korat_desktop.server.certificates import check_for_use, load_certificate, parse_der
from korat_desktop.server.db.schema import agencies
from korat_desktop.server.directory import (
    list_certificates,
    publish_certificate,
    read_directory,
    read_signed_directory,
    signed_directory,
    withdraw_certificate,
)
from korat_desktop.server.errors import HubAdminError
from korat_desktop.server.hub import Hub
from korat_desktop.server.hub_key import init_hub_key
from korat_desktop.server.relay_outward import clear_relay, list_relays, set_relay

__all__ = ["COMMANDS", "add_parsers", "run"]

COMMANDS = ("agency-certs", "keys", "directory", "relay")
_USES = [u.value for u in CertificateUse]


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    certs = sub.add_parser("agency-certs", help="certificates the directory lists per agency"
                           " (ใบรับรองของหน่วยงาน)").add_subparsers(dest="action", required=True)
    p = certs.add_parser("add", parents=[common], help="list a certificate for an agency")
    p.add_argument("code", metavar="CODE")
    p.add_argument("file", metavar="FILE", help="PEM/DER certificate or a .korat-dir file")
    p.add_argument("--use", choices=_USES, help="sign or encrypt (required for a certificate)")
    p = certs.add_parser("list", parents=[common], help="list agency certificates")
    p.add_argument("code", metavar="CODE", nargs="?")
    p = certs.add_parser("remove", parents=[common], help="withdraw a certificate")
    p.add_argument("code", metavar="CODE")
    p.add_argument("sha256", metavar="SHA256")

    keys = sub.add_parser("keys", help="the hub's signing key (กุญแจลงนามของระบบกลาง)"
                          ).add_subparsers(dest="action", required=True)
    p = keys.add_parser("init", parents=[common],
                        help="install the hub certificate from the province CA, or make a "
                             "self-signed one")
    p.add_argument("--cert", metavar="CERT.pem", help="the hub certificate (and its chain)")
    p.add_argument("--key", metavar="KEY.pem", help="its private key (unencrypted PEM)")
    p.add_argument("--common-name", default="Korat e-Office hub",
                   help="subject of a self-signed certificate")
    p.add_argument("--replace", action="store_true", help="replace an existing key")
    keys.add_parser("show", parents=[common], help="show the hub certificate")

    directory = sub.add_parser("directory", help="the signed agency directory for couriers"
                               ).add_subparsers(dest="action", required=True)
    p = directory.add_parser("export", parents=[common],
                             help="write the signed directory (.korat-dir)")
    p.add_argument("-o", "--output", required=True, metavar="FILE.korat-dir")

    relay = sub.add_parser("relay", help="which agency relays for offline ones"
                           " (หน่วยงานส่งต่อ)").add_subparsers(dest="action", required=True)
    p = relay.add_parser("set", parents=[common], help="make D the relay of X, Y...")
    p.add_argument("relay", metavar="D")
    p.add_argument("--for", dest="offline", nargs="+", required=True, metavar="X")
    p = relay.add_parser("clear", parents=[common], help="X has no relay any more")
    p.add_argument("offline", metavar="X")
    relay.add_parser("list", parents=[common], help="list relays")


def run(args: argparse.Namespace, hub: Hub) -> tuple[Any, str]:
    """One courier admin command; (JSON value, human text)."""
    handler = _HANDLERS[(args.command, args.action)]
    return handler(args, hub)


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as e:
        raise UsageError("usage.file_not_found", path=path) from e


def _is_signed_data(data: bytes) -> bool:
    try:
        return bool(cms.ContentInfo.load(data)["content_type"].native == "signed_data")
    except (ValueError, TypeError, KeyError):
        return False


def _certs_to_add(args: argparse.Namespace, hub: Hub) -> list[tuple[x509.Certificate,
                                                                     CertificateUse]]:
    data = _read(args.file)
    wanted = CertificateUse(args.use) if args.use else None
    if not _is_signed_data(data):
        if wanted is None:
            raise UsageError("usage.bad_argument", name="--use", detail="sign or encrypt")
        return [(load_certificate(data), wanted)]
    directory = read_signed_directory(data, hub.trust_roots)
    found = [(parse_der(base64.b64decode(c.der_b64)), c.use)
             for a in directory.agencies if a.code == args.code for c in a.certificates
             if wanted is None or c.use is wanted]
    if not found:
        raise HubAdminError("hub.no_certificates_in_file", path=args.file, agency=args.code)
    return found


def _certs_add(args: argparse.Namespace, hub: Hub) -> tuple[Any, str]:
    items = _certs_to_add(args, hub)
    for cert, use in items:  # every one checked before any is listed
        check_for_use(cert, use, hub.trust_roots)
    with hub.db.writing() as conn:
        if not conn.execute(select(agencies.c.code).where(agencies.c.code == args.code)).first():
            raise UsageError("usage.bad_argument", name="CODE", detail=f"no agency {args.code}")
        added = [publish_certificate(conn, args.code, cert, use, "admin")
                 for cert, use in items]
    value = [{"agency": args.code, "created": created, **entry.model_dump(mode="json")}
             for entry, created in added]
    text = "\n".join(f"{'added' if created else 'already listed'} {entry.use.value} "
                     f"{entry.sha256} for {args.code}" for entry, created in added)
    return value, text


def _certs_list(args: argparse.Namespace, hub: Hub) -> tuple[Any, str]:
    with hub.db.reading() as conn:
        rows = list_certificates(conn, args.code)
    value = [{**{k: v for k, v in r.as_json().items() if k != "der_b64"},
              "subject": _subject(r.certificate.der_b64)} for r in rows]
    text = "\n".join(f"{v['agency']}\t{v['use']}\t{v['sha256']}\t{v['subject']}"
                     for v in value)
    return value, text or "no certificates"


def _subject(der_b64: str) -> str:
    return str(x509.Certificate.load(base64.b64decode(der_b64)).subject.human_friendly)


def _certs_remove(args: argparse.Namespace, hub: Hub) -> tuple[Any, str]:
    with hub.db.writing() as conn:
        withdraw_certificate(conn, args.code, args.sha256.lower())
    return ({"agency": args.code, "sha256": args.sha256, "removed": True},
            f"removed {args.sha256} from {args.code}")


def _keys_init(args: argparse.Namespace, hub: Hub) -> tuple[Any, str]:
    if bool(args.cert) != bool(args.key):
        raise UsageError("usage.bad_argument", name="--cert/--key", detail="give both or neither")
    key = init_hub_key(hub.settings.data_dir,
                       cert_pem=_read(args.cert) if args.cert else None,
                       key_pem=_read(args.key) if args.key else None,
                       common_name=args.common_name, replace=args.replace)
    value = key.describe()
    if key.self_signed:
        print("korat-hub: warning: the hub certificate is self-signed; offices will not "
              "trust the signed directory or relayed pages unless IT adds it to their "
              "trust roots / คำเตือน: ใบรับรองของระบบกลางลงนามเอง สำนักงานจะไม่เชื่อถือ"
              "จนกว่าจะเพิ่มเป็นใบรับรองหลักที่เชื่อถือ", file=sys.stderr)
    return value, f"hub key {value['sha256']} ({value['subject']})"


def _keys_show(args: argparse.Namespace, hub: Hub) -> tuple[Any, str]:
    key = hub.signing_key
    if key is None:
        raise HubAdminError("directory.no_hub_key")
    value = key.describe()
    text = "\n".join(f"{k}: {v}" for k, v in value.items())
    return value, text


def _directory_export(args: argparse.Namespace, hub: Hub) -> tuple[Any, str]:
    key = hub.signing_key
    if key is None:
        raise HubAdminError("directory.no_hub_key")
    with hub.db.reading() as conn:
        directory = read_directory(conn, key)
    data = signed_directory(directory, key)
    path = write_file(Path(args.output), data, mode=0o644)
    return ({"path": str(path), "bytes": len(data), "agencies": len(directory.agencies)},
            f"wrote {path} ({len(directory.agencies)} agencies, {len(data)} bytes)")


def _relay_set(args: argparse.Namespace, hub: Hub) -> tuple[Any, str]:
    with hub.db.writing() as conn:
        rows = set_relay(conn, args.relay, args.offline)
    return rows, "\n".join(f"{r['relay']} relays for {r['agency']}" for r in rows)


def _relay_clear(args: argparse.Namespace, hub: Hub) -> tuple[Any, str]:
    with hub.db.writing() as conn:
        cleared = clear_relay(conn, args.offline)
    return ({"agency": args.offline, "cleared": cleared},
            f"{args.offline} has no relay" + ("" if cleared else " (had none)"))


def _relay_list(args: argparse.Namespace, hub: Hub) -> tuple[Any, str]:
    with hub.db.reading() as conn:
        rows = list_relays(conn)
    return rows, "\n".join(f"{r['relay']}\t-> {r['agency']}" for r in rows) or "no relays"


_HANDLERS = {
    ("agency-certs", "add"): _certs_add, ("agency-certs", "list"): _certs_list,
    ("agency-certs", "remove"): _certs_remove,
    ("keys", "init"): _keys_init, ("keys", "show"): _keys_show,
    ("directory", "export"): _directory_export,
    ("relay", "set"): _relay_set, ("relay", "clear"): _relay_clear,
    ("relay", "list"): _relay_list,
}
