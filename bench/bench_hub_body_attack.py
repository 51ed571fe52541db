"""Hub memory under an unauthenticated chunked-body attack.

Starts ``korat-hub serve`` (a real subprocess on loopback, SQLite), reads its resident
memory from /proc (the serving process and its children) while idle, then has a few
clients each send a ``POST /enroll`` with no token, ``Transfer-Encoding: chunked`` and
a huge body (400 MiB by default), all at once. Prints the hub's peak RSS during the
attack and its RSS afterwards against idle (MiB and ratio), what each attacker managed
to send and what it was answered. Before the body bound, three such requests took the
hub from 138 MiB to 3.3 GiB. Never fails on a number.

    python bench/bench_hub_body_attack.py [--clients 3] [--mib 400]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.bench_hub_ingest import free_port  # noqa: E402

_FRAME_BYTES = 1024 * 1024
_FRAME = b"%x\r\n" % _FRAME_BYTES + b"{" * _FRAME_BYTES + b"\r\n"
_PAGE = os.sysconf("SC_PAGE_SIZE")


@contextmanager
def running_hub() -> Iterator[tuple[int, int]]:
    """(pid, port) of a fresh ``korat-hub serve``."""
    data_dir = Path(tempfile.mkdtemp(prefix="korat-bench-"))
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "korat_desktop.server.cli", "serve", "--data-dir",
         str(data_dir), "--port", str(port), "--log-level", "warning"],
        cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"http://127.0.0.1:{port}/health", timeout=1).ok:
                    break
            except requests.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield proc.pid, port
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        shutil.rmtree(data_dir, ignore_errors=True)


def rss_mib(root: int) -> float:
    """Resident memory of ``root`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rpartition(")")[2].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * _PAGE
        except OSError:
            continue
    return total / (1024 * 1024)


@dataclass
class Attack:
    sent: int = 0
    answer: str = "(none)"


def attack(port: int, mib: int, result: Attack, start: threading.Barrier) -> None:
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        start.wait()
        sock.sendall(b"POST /enroll HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n")
        try:
            for _ in range(mib * 1024 * 1024 // _FRAME_BYTES):
                sock.sendall(_FRAME)
                result.sent += _FRAME_BYTES
            sock.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # the hub closed the connection: the expected end
        try:
            sock.settimeout(10)
            result.answer = sock.recv(200).split(b"\r\n", 1)[0].decode("latin-1") or "(closed)"
        except OSError as e:
            result.answer = f"({type(e).__name__})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=3)
    parser.add_argument("--mib", type=int, default=400, help="body size per request")
    args = parser.parse_args()
    with running_hub() as (pid, port):
        time.sleep(1)
        idle = rss_mib(pid)
        results = [Attack() for _ in range(args.clients)]
        start = threading.Barrier(args.clients)
        threads = [threading.Thread(target=attack, args=(port, args.mib, r, start))
                   for r in results]
        for t in threads:
            t.start()
        peak = idle
        while any(t.is_alive() for t in threads):
            peak = max(peak, rss_mib(pid))
            time.sleep(0.05)
        for t in threads:
            t.join()
        time.sleep(1)
        after = rss_mib(pid)
        alive = requests.get(f"http://127.0.0.1:{port}/health", timeout=10).ok
    print(f"{args.clients} concurrent chunked POST /enroll of {args.mib} MiB, no token")
    for i, r in enumerate(results):
        print(f"  attacker {i}: sent {r.sent / (1024 * 1024):.0f} MiB, answer: {r.answer}")
    print(f"hub RSS idle   {idle:8.1f} MiB")
    print(f"hub RSS peak   {peak:8.1f} MiB  ({peak / idle:.2f} x idle, +{peak - idle:.1f} MiB)")
    print(f"hub RSS after  {after:8.1f} MiB  ({after / idle:.2f} x idle, +{after - idle:.1f} MiB)")
    print(f"hub answers /health afterwards: {alive}")


if __name__ == "__main__":
    main()
