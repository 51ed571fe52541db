"""Hub ingest: committed operations per second with concurrent clients on loopback.

Starts ``korat-hub serve`` (a real subprocess, SQLite; and PostgreSQL when
KORAT_TEST_POSTGRES_URL is set), enrolls one device per client, uploads one PDF per
client, then has every client commit ``letter.send`` operations back to back for a
fixed time. Prints commits/s and latency percentiles per configuration; never fails
on a number (target on a 2-core machine: >= 300 commits/s).

    python bench/bench_hub_ingest.py [--clients 20] [--seconds 10] [--workers 1,2]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from korat_desktop.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, uuid7  # noqa: E402
from korat_desktop.protocol.tus import BLOB_EXISTS_HEADER, TUS_VERSION, encode_metadata  # noqa: E402

SENDER, RECEIVER = "นม 0017.1", "นม 0023.4"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def postgres_database(url: str) -> Iterator[str]:
    import psycopg
    from sqlalchemy.engine import make_url

    name = "korat_bench_" + uuid.uuid4().hex[:8]
    admin = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def hub_cli(data_dir: Path, db_url: str | None, *args: str, stdin: str | None = None) -> None:
    cmd = [sys.executable, "-m", "korat_desktop.server.cli", *args, "--data-dir", str(data_dir)]
    if db_url:
        cmd += ["--database-url", db_url]
    subprocess.run(cmd, input=stdin, text=True, check=True, cwd=REPO, capture_output=True)


@contextmanager
def running_hub(db_url: str | None, workers: int, clients: int) -> Iterator[str]:
    data_dir = Path(tempfile.mkdtemp(prefix="korat-bench-"))
    try:
        hub_cli(data_dir, db_url, "add-agency", SENDER, "สำนักงานจังหวัด")
        hub_cli(data_dir, db_url, "add-agency", RECEIVER, "สำนักงานสาธารณสุข")
        hub_cli(data_dir, db_url, "add-user", "bench", "--agency", SENDER, stdin="pw\n")
        port = free_port()
        cmd = [sys.executable, "-m", "korat_desktop.server.cli", "serve", "--data-dir",
               str(data_dir), "--port", str(port), "--workers", str(workers),
               "--log-level", "warning"]
        if db_url:
            cmd += ["--database-url", db_url]
        proc = subprocess.Popen(cmd, cwd=REPO)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if requests.get(url + "/health", timeout=1).ok:
                        break
                except requests.ConnectionError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.1)
            yield url
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


class Client:
    def __init__(self, url: str, index: int) -> None:
        self.url = url
        self.session = requests.Session()
        self.session.headers[PROTOCOL_HEADER] = PROTOCOL_VERSION
        r = self.session.post(url + "/enroll", json={
            "username": "bench", "password": "pw", "device_name": f"bench-{index}"}, timeout=30)
        r.raise_for_status()
        self.session.headers["Authorization"] = "Bearer " + r.json()["token"]
        pdf = b"%PDF-1.7\n" + os.urandom(20_000)
        import hashlib

        self.sha = hashlib.sha256(pdf).hexdigest()
        r = self.session.post(url + "/uploads", timeout=30, headers={
            "Tus-Resumable": TUS_VERSION, "Upload-Length": str(len(pdf)),
            "Upload-Metadata": encode_metadata({"sha256": self.sha})})
        if r.status_code == 201 and r.headers.get(BLOB_EXISTS_HEADER) != "1":
            self.session.patch(url + r.headers["Location"], data=pdf, timeout=30, headers={
                "Tus-Resumable": TUS_VERSION, "Upload-Offset": "0",
                "Content-Type": "application/offset+octet-stream"}).raise_for_status()
        self.latencies: list[float] = []
        self.errors = 0

    def run(self, stop_at: float, start: threading.Barrier) -> None:
        start.wait()
        n = 0
        while time.monotonic() < stop_at:
            n += 1
            op = {"kind": "letter.send", "blobs": [self.sha], "payload": {
                "to": [RECEIVER], "number": f"ที่ นม 0017.1/{n}", "subject": "ขอเชิญประชุม",
                "date": "2025-03-01", "urgency": "urgent"}}
            t0 = time.perf_counter()
            r = self.session.post(f"{self.url}/ops/{uuid7()}/commit", json=op, timeout=60)
            if r.status_code == 201:
                self.latencies.append(time.perf_counter() - t0)
            else:
                self.errors += 1


def measure(url: str, clients: int, seconds: float) -> dict[str, float]:
    pool = [Client(url, i) for i in range(clients)]
    barrier = threading.Barrier(clients + 1)
    stop_at = time.monotonic() + seconds + 0.05
    threads = [threading.Thread(target=c.run, args=(stop_at, barrier)) for c in pool]
    for t in threads:
        t.start()
    barrier.wait()
    t0 = time.monotonic()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - t0
    lat = sorted(x for c in pool for x in c.latencies)
    return {
        "commits": len(lat),
        "errors": sum(c.errors for c in pool),
        "rate": len(lat) / elapsed,
        "p50_ms": 1000 * statistics.median(lat) if lat else 0.0,
        "p95_ms": 1000 * lat[int(0.95 * (len(lat) - 1))] if lat else 0.0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", default="1,2", help="uvicorn worker counts to try")
    args = parser.parse_args()
    backends: list[tuple[str, str | None]] = [("sqlite", None)]
    pg = os.environ.get("KORAT_TEST_POSTGRES_URL")
    if pg:
        backends.append(("postgresql", pg))
    print(f"hub ingest: {args.clients} concurrent clients, {args.seconds:.0f} s each, "
          f"{os.cpu_count()} CPUs, target >= 300 commits/s")
    print(f"{'backend':<11} {'workers':>7} {'commits':>8} {'errors':>6} {'commits/s':>10} "
          f"{'p50 ms':>7} {'p95 ms':>7}")
    for name, base_url in backends:
        for workers in (int(w) for w in args.workers.split(",")):
            if base_url:
                with postgres_database(base_url) as db_url, \
                        running_hub(db_url, workers, args.clients) as url:
                    result = measure(url, args.clients, args.seconds)
            else:
                with running_hub(None, workers, args.clients) as url:
                    result = measure(url, args.clients, args.seconds)
            print(f"{name:<11} {workers:>7} {result['commits']:>8.0f} {result['errors']:>6.0f} "
                  f"{result['rate']:>10.1f} {result['p50_ms']:>7.1f} {result['p95_ms']:>7.1f}",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
