"""A demo signing token for newcomers: SoftHSM2 tokens, the test CA, and its TSA/OCSP.

Run through ``scripts/make-demo-token DIR``. It builds exactly what the signing tests
use (:func:`korat_desktop.demo.signing_env.build_signing_env`) under DIR, so the demo and the tests
cannot drift apart, and remembers the loopback port: the certificates name their
OCSP/CRL URLs on it, and the test PKI is rebuilt deterministically from the keys
kept in DIR, so ``--serve`` can bring the same TSA/OCSP back after a reboot.

Nothing here is secure: keys and the PIN are test material, printed on purpose.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from korat_desktop.demo.pki import TestPki

__all__ = ["main", "serve_in_thread"]

TOKEN = "KORAT-A"
CERT = "somchai-rsa"
STATE = "demo-token.json"


def _create(root: Path) -> dict[str, str | int | list[str]]:
    from korat_desktop.demo.signing_env import DEMO_TOKENS, PIN, build_signing_env

    env = build_signing_env(root, serve=False, tokens=DEMO_TOKENS)
    state: dict[str, str | int | list[str]] = {
        "tokens": sorted(DEMO_TOKENS),
        "softhsm2_conf": str(env.hsm.conf), "module": env.module, "token": TOKEN,
        "certificate": CERT, "pin": PIN, "port": env.pki.port,
        "tsa_url": env.pki.tsa_url, "trust_root": str(env.trust_root_pem),
        "key_dir": str(env.pki.key_dir)}
    (root / STATE).write_text(json.dumps(state, indent=2), encoding="utf-8")
    return state


def _load_pki(root: Path) -> TestPki:
    """The demo's PKI as made before: the same keys, on the port its certificates name."""
    from certomancer.registry import CertomancerConfig

    from korat_desktop.demo.pki import ARCH, PKI_CONFIG, TestPki

    state = json.loads((root / STATE).read_text(encoding="utf-8"))
    port = int(state["port"])
    cfg = CertomancerConfig.from_file(str(PKI_CONFIG), key_search_dir=state["key_dir"],
                                      external_url_prefix=f"http://127.0.0.1:{port}")
    return TestPki(Path(state["key_dir"]), port, cfg.get_pki_arch(ARCH))


def serve_in_thread(root: Path) -> TestPki:
    """Start the demo TSA/OCSP/CRL in this process (the desktop's demo: it stops with
    the app). OSError when the port is taken, e.g. by ``make-demo-token`` running."""
    pki = _load_pki(root)
    pki.start()
    return pki


def _serve(root: Path) -> None:
    """Serve the demo TSA/OCSP/CRL on the remembered port until interrupted."""
    pki = _load_pki(root)
    pki.start()
    print(f"demo TSA/OCSP listening on {pki.url} (Ctrl-C to stop)", flush=True)
    try:
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        pki.stop()


def _current_state(root: Path) -> dict[str, str | int | list[str]] | None:
    """The demo token made before, or None; one from an older version that also made
    the test suite's tokens (PIN pad, locked, pulled out) is thrown away and rebuilt."""
    from korat_desktop.demo.signing_env import DEMO_TOKENS

    path = root / STATE
    if not path.exists():
        return None
    state: dict[str, str | int | list[str]] = json.loads(path.read_text(encoding="utf-8"))
    if state.get("tokens") == sorted(DEMO_TOKENS):
        return state
    _stop_background(root)
    shutil.rmtree(root)  # test material only: keys, a SoftHSM store, a PKI
    return None


def _stop_background(root: Path) -> None:
    with contextlib.suppress(ValueError, OSError):
        os.kill(int((root / "pki.pid").read_text()), signal.SIGTERM)


def _start_background(root: Path) -> int:
    pid_file = root / "pki.pid"
    if pid_file.exists():
        try:
            old = int(pid_file.read_text())
            os.kill(old, 0)
            return old  # already running
        except (ValueError, OSError):
            pass
    log = open(root / "pki.log", "ab")  # noqa: SIM115 - handed to the child
    proc = subprocess.Popen([sys.executable, "-m", "korat_desktop.demo.token", "--serve",
                             str(root)], stdout=log, stderr=log, stdin=subprocess.DEVNULL,
                            start_new_session=True)
    pid_file.write_text(str(proc.pid))
    time.sleep(1.0)
    if proc.poll() is not None:
        raise SystemExit(f"the demo TSA/OCSP did not start; see {root / 'pki.log'}")
    return proc.pid


def _configure(data_dir: Path, state: dict[str, str | int | list[str]]) -> None:
    from korat_desktop.config import load_config

    config = load_config(data_dir)
    config.set_user("signing.tsa_url", str(state["tsa_url"]))
    config.set_user("signing.trust_roots", [str(state["trust_root"])])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="make-demo-token",
        description="Create a SoftHSM2 demo token with a test certificate, and run the "
                    "test CA's TSA/OCSP on loopback.")
    parser.add_argument("dir", metavar="DIR", type=Path, help="where the token and CA live")
    parser.add_argument("--data-dir", type=Path, metavar="KORAT_DATA",
                        help="also point this korat data dir at the demo TSA and CA")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--serve", action="store_true",
                      help="only serve TSA/OCSP for an existing DIR, in the foreground")
    mode.add_argument("--no-serve", action="store_true", help="do not start TSA/OCSP")
    args = parser.parse_args(argv)
    root: Path = args.dir.expanduser().absolute()
    if args.serve:
        _serve(root)
        return 0
    state = _current_state(root)
    if state is None:
        if root.exists() and any(root.iterdir()):
            parser.error(f"{root} exists and is not a demo token directory")
        root.mkdir(parents=True, exist_ok=True)
        state = _create(root)
    if args.data_dir is not None:
        _configure(args.data_dir, state)
    lines = [f"export SOFTHSM2_CONF={state['softhsm2_conf']}",
             f"# token label: {state['token']}   certificate: {state['certificate']}   "
             f"PIN: {state['pin']}",
             f"# TSA: {state['tsa_url']}   trust root: {state['trust_root']}"]
    if not args.no_serve:
        pid = _start_background(root)
        lines.append(f"# demo TSA/OCSP running (pid {pid}); stop it with: kill {pid}")
    if args.data_dir is None:
        lines += ["# point korat at the demo TSA and CA:",
                  f"korat config set signing.tsa_url {state['tsa_url']}",
                  f"korat config set signing.trust_roots {state['trust_root']}"]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
