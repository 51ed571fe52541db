"""Hub memory under the unauthenticated chunked-body attack (issue 13.1).

Starts the real ``korat-hub serve`` on loopback, reads its resident memory (VmRSS) idle,
then has three clients at once offer a ``Transfer-Encoding: chunked`` ``POST /enroll``
of ``--mb`` MiB each, with no token, as fast as loopback takes it. Prints the hub's
peak and after-attack memory as MiB and as a ratio to its own idle figure in the same
run, and how much of each body the hub let in before answering. Before the fix three
400 MiB bodies took the hub from 138 MiB to 3.3 GiB (2.5 GiB still held afterwards).

    .venv/bin/python bench/bench_hub_body_attack.py [--mb 400] [--clients 3]
"""

from __future__ import annotations

import argparse
import contextlib
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
PIECE = 256 * 1024


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def attack(port: int, total: int, result: list[tuple[int, bytes]]) -> None:
    sent = 0
    answer = b""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(b"POST /enroll HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json"
                     b"\r\nTransfer-Encoding: chunked\r\n\r\n")
        chunk = f"{PIECE:x}\r\n".encode() + b"[" * PIECE + b"\r\n"
        sock.settimeout(5)
        try:
            while sent < total:
                sock.sendall(chunk)
                sent += PIECE
            sock.sendall(b"0\r\n\r\n")
        except OSError:
            pass
        with contextlib.suppress(OSError):
            answer = sock.recv(200)
    result.append((sent, answer.split(b"\r\n", 1)[0]))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--mb", type=int, default=400)
    p.add_argument("--clients", type=int, default=3)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        hub = subprocess.Popen([sys.executable, "-m", "korat_desktop.server.cli", "serve",
                                "--data-dir", str(Path(tmp) / "hub"), "--port", str(port),
                                "--log-level", "warning"], cwd=REPO)
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    if requests.get(url + "/health", timeout=5).ok:
                        break
                except requests.RequestException:
                    pass
                if time.monotonic() > deadline:
                    raise SystemExit("hub did not start")
                time.sleep(0.2)
            time.sleep(1.0)
            idle = rss_mib(hub.pid)
            results: list[tuple[int, bytes]] = []
            threads = [threading.Thread(target=attack, args=(port, args.mb << 20, results))
                       for _ in range(args.clients)]
            peak = idle
            for t in threads:
                t.start()
            while any(t.is_alive() for t in threads):
                peak = max(peak, rss_mib(hub.pid))
                time.sleep(0.02)
            time.sleep(2.0)
            after = rss_mib(hub.pid)
            healthy = requests.get(url + "/health", timeout=10).ok
        finally:
            hub.terminate()
            hub.wait(timeout=30)
    print(f"hub RSS idle {idle:.0f} MiB; during {args.clients} x {args.mb} MiB chunked "
          f"POST /enroll: peak {peak:.0f} MiB ({peak / idle:.2f}x idle), after "
          f"{after:.0f} MiB ({after / idle:.2f}x); still answering: {healthy}")
    for sent, status in results:
        print(f"  client offered {sent / 2**20:.1f} MiB before the hub stopped reading: "
              f"{status.decode(errors='replace')}")


if __name__ == "__main__":
    main()
