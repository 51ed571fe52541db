"""``korat-hub``: run the reference hub and administer it.

Exit status: 0 done, 1 failed (the reason on stderr), 2 bad usage. Every command takes
``--data-dir`` (or ``KORAT_HUB_DATA_DIR``), ``--database-url`` (or
``KORAT_HUB_DATABASE_URL``; SQLite in the data dir when absent) and ``--json``.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from korat_desktop.errors import KoratError, UsageError
from korat_desktop.server import cli_courier, cli_fleet, cli_provisioning, cli_updates
from korat_desktop.server.accounts import add_agency, add_user, list_agencies
from korat_desktop.server.devices import list_devices, revoke
from korat_desktop.server.errors import HubAdminError
from korat_desktop.server.hub import Hub, open_hub
from korat_desktop.server.settings import HubSettings
from korat_desktop.server.signin_throttle import address_key, user_key

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=os.environ.get("KORAT_HUB_DATA_DIR"),
                        help="where the hub keeps its database, blobs and uploads")
    common.add_argument("--database-url", default=os.environ.get("KORAT_HUB_DATABASE_URL"),
                        help="e.g. postgresql+psycopg://user@host/db (default: SQLite)")
    common.add_argument("--json", action="store_true", help="machine-readable output")
    common.add_argument("--trust-root", dest="trust_roots", action="append", metavar="PEM",
                        default=_env_roots(),
                        help="a root CA (PEM) bundle signers must chain to; repeatable "
                             "(or KORAT_HUB_TRUST_ROOTS; plus <data-dir>/trust-roots/*.pem)")
    parser = argparse.ArgumentParser(prog="korat-hub", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", parents=[common], help="run the hub")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=None, help="default 8080, 8443 with TLS")
    serve.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    serve.add_argument("--tls-cert", help="PEM certificate chain")
    serve.add_argument("--tls-key", help="PEM private key")
    serve.add_argument("--log-level", default="info")
    serve.add_argument("--trust-proxy", metavar="IPS", default=None,
                       help="addresses of a reverse proxy whose X-Forwarded-For is believed "
                            "(sign-in throttling keys on the client address)")

    p = sub.add_parser("add-agency", parents=[common], help="add an agency")
    p.add_argument("code", metavar="CODE")
    p.add_argument("name", metavar="NAME")
    p = sub.add_parser("add-user", parents=[common],
                       help="add a staff account (password read from stdin)")
    p.add_argument("username", metavar="USER")
    p.add_argument("--agency", required=True, metavar="CODE")
    p = sub.add_parser("revoke-device", parents=[common], help="revoke a device token")
    p.add_argument("device_id", metavar="ID")
    p = sub.add_parser("unlock", parents=[common],
                       help="clear a sign-in lock: of a user, or of a client address")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("username", metavar="USER", nargs="?")
    who.add_argument("--address", metavar="IP", help="the client address instead of a user")
    sub.add_parser("list-devices", parents=[common], help="list enrolled devices")
    sub.add_parser("list-agencies", parents=[common], help="list agencies")
    cli_courier.add_parsers(sub, common)
    cli_provisioning.add_parsers(sub, common)
    cli_fleet.add_parsers(sub, common)
    cli_updates.add_parsers(sub, common)
    return parser


def _env_roots() -> list[str]:
    value = os.environ.get("KORAT_HUB_TRUST_ROOTS", "")
    return [p for p in value.split(os.pathsep) if p]


def _settings(args: argparse.Namespace) -> HubSettings:
    if not args.data_dir:
        raise UsageError("usage.bad_argument", name="--data-dir", detail="required")
    return HubSettings(data_dir=Path(args.data_dir).expanduser().absolute(),
                       database_url=args.database_url or None,
                       trust_roots=tuple(str(Path(p).expanduser().absolute())
                                         for p in args.trust_roots or ()))


def _read_password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Again: "):
            raise UsageError("usage.bad_argument", name="password", detail="did not match")
        return first
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise UsageError("usage.bad_argument", name="password", detail="empty on stdin")
    return line


def _admin(args: argparse.Namespace, hub: Hub) -> tuple[Any, str]:
    """Run one admin command; returns (JSON value, human text)."""
    if args.command in cli_courier.COMMANDS:
        return cli_courier.run(args, hub)
    if args.command in cli_provisioning.COMMANDS:
        return cli_provisioning.run(args, hub)
    if args.command in cli_fleet.COMMANDS:
        return cli_fleet.run(args, hub, _read_password)
    if args.command in cli_updates.COMMANDS:
        return cli_updates.run(args, hub)
    if args.command == "add-agency":
        with hub.db.writing() as conn:
            agency = add_agency(conn, args.code, args.name)
        return agency.model_dump(include={"code", "name"}), f"added agency {agency.code} ({agency.name})"
    if args.command == "add-user":
        password = _read_password()
        with hub.db.writing() as conn:
            add_user(conn, args.username, args.agency, password)
        return {"username": args.username, "agency": args.agency}, f"added user {args.username}"
    if args.command == "revoke-device":
        with hub.db.writing() as conn:
            if not revoke(conn, args.device_id):
                raise HubAdminError("hub.no_such_device", device_id=args.device_id)
        return {"device_id": args.device_id, "revoked": True}, f"revoked {args.device_id}"
    if args.command == "unlock":
        return _unlock(args, hub)
    if args.command == "list-devices":
        with hub.db.reading() as conn:
            rows = list_devices(conn)
        text = "\n".join(
            f"{r['device_id']}  {r['agency']}  {r['username']}  {r['name']}"
            + (f"  revoked {r['revoked_at']}" if r["revoked_at"] else "") for r in rows)
        return rows, text or "no devices"
    with hub.db.reading() as conn:
        agencies = list_agencies(conn)
    return ([a.model_dump(include={"code", "name", "relay"}) for a in agencies],
            "\n".join(f"{a.code}\t{a.name}" for a in agencies) or "no agencies")


def _unlock(args: argparse.Namespace, hub: Hub) -> tuple[Any, str]:
    """Forget the failed sign-ins of a user or an address (so its lock, if any)."""
    key = address_key(args.address) if args.address else user_key(args.username)
    with hub.db.writing() as conn:
        cleared = hub.throttle.unlock(conn, key)
    value = {"address": args.address} if args.address else {"username": args.username}
    value["cleared"] = cleared
    who = args.address or args.username
    return value, (f"cleared failed sign-ins of {who}" if cleared
                   else f"{who} had no failed sign-ins")


def _serve(args: argparse.Namespace, settings: HubSettings) -> int:
    import uvicorn

    from korat_desktop.server.asgi import SETTINGS_ENV
    from korat_desktop.server.serving import uvicorn_options

    if bool(args.tls_cert) != bool(args.tls_key):
        raise UsageError("usage.bad_argument", name="--tls-cert/--tls-key",
                         detail="give both or neither")
    for path in (args.tls_cert, args.tls_key):
        if path and not Path(path).is_file():
            raise UsageError("usage.file_not_found", path=path)
    if args.workers < 1:
        raise UsageError("usage.bad_argument", name="--workers", detail="at least 1")
    open_hub(settings, migrate=True).close()  # migrate once, before any worker starts
    os.environ[SETTINGS_ENV] = settings.with_changes(migrate_on_start=False).to_json()
    port = args.port or (8443 if args.tls_cert else 8080)
    if args.json:
        scheme = "https" if args.tls_cert else "http"
        print(json.dumps({"url": f"{scheme}://{args.host}:{port}", "pid": os.getpid()}),
              flush=True)
    uvicorn.run("korat_desktop.server.asgi:app_from_env", factory=True, host=args.host,
                port=port, workers=args.workers, ssl_certfile=args.tls_cert,
                ssl_keyfile=args.tls_key, log_level=args.log_level,
                proxy_headers=bool(args.trust_proxy), forwarded_allow_ips=args.trust_proxy,
                timeout_graceful_shutdown=5, **uvicorn_options(settings))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = _settings(args)
        if args.command == "serve":
            return _serve(args, settings)
        hub = open_hub(settings, migrate=True)
        try:
            value, text = _admin(args, hub)
        finally:
            hub.close()
    except UsageError as e:
        print(f"korat-hub: {e}", file=sys.stderr)
        return 2
    except cli_provisioning.ImportRefused as e:  # the report first, then why it failed
        print(json.dumps(e.value, ensure_ascii=False) if args.json else e.text)
        print(f"korat-hub: {e}", file=sys.stderr)
        return 1
    except KoratError as e:
        print(f"korat-hub: {e}", file=sys.stderr)
        return 1
    except Exception as e:
        print(f"korat-hub: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    print(json.dumps(value, ensure_ascii=False) if args.json else text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
