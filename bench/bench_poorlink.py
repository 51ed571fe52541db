"""Upload goodput on a poor rural link: Korat's sync engine against a naive client.

Runs itself inside ``shared/tools/poorlink`` (a network namespace whose loopback is
shaped: rate limit, random loss, the link cut for a few seconds every period), with
the hub (``korat-hub serve``) and the clients on 127.0.0.1 inside it. Then:

1. Korat: ``--files`` letters of ``--mb`` MB in all are registered, queued and sent by
   the sync engine (tus chunks with checksums, resume with HEAD, backoff).
2. Naive: the same amount of fresh letters, one request per file (the whole file in
   one PATCH), starting again from zero after any failure.

Prints goodput (letter bytes delivered per second of wall time) as a fraction of the
nominal link rate and of the rate available while the link is up, for both clients,
and checks that every Korat letter is on the hub exactly once with intact bytes.
Prints, never asserts.

    python bench/bench_poorlink.py [--mb 20] [--files 40] [--rate 256kbit] [--loss 3]
                                   [--cut 10/60] [--skip-naive] [--trace FILE]

Needs root (network namespaces), iproute2 and nftables. ``KORAT_POORLINK`` overrides
where poorlink is (default: ../shared/tools/poorlink beside the repository).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SENDER, RECEIVER, NAIVE = "นม 0017.1", "นม 0023.4", "ชย 0017.2"


def poorlink_path() -> Path:
    return Path(os.environ.get("KORAT_POORLINK") or REPO.parent / "shared/tools/poorlink")


def rate_bits(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)\s*([kmg]?)bit", text.strip().lower())
    if not m:
        raise SystemExit(f"rate {text!r}: use tc syntax like 256kbit")
    return float(m.group(1)) * {"": 1, "k": 1e3, "m": 1e6, "g": 1e9}[m.group(2)]


def uptime_fraction(cut: str) -> float:
    if not cut:
        return 1.0
    down, period = (float(x) for x in cut.split("/"))
    return (period - down) / period


# -- inside the namespace -----------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_hub(root: Path) -> tuple[subprocess.Popen[bytes], str]:
    hub_dir = root / "hub"
    cli = [sys.executable, "-m", "korat_desktop.server.cli"]
    for code, name in ((SENDER, "จังหวัดนครราชสีมา"), (RECEIVER, "สาธารณสุขจังหวัด"),
                       (NAIVE, "อำเภอชัยภูมิ")):
        subprocess.run([*cli, "add-agency", code, name, "--data-dir", str(hub_dir)],
                       check=True, capture_output=True, cwd=REPO)
    for user, code in (("clerk-a", SENDER), ("clerk-b", RECEIVER), ("clerk-n", NAIVE)):
        subprocess.run([*cli, "add-user", user, "--agency", code, "--data-dir", str(hub_dir)],
                       input=b"pw\n", check=True, capture_output=True, cwd=REPO)
    port = free_port()
    proc = subprocess.Popen([*cli, "serve", "--data-dir", str(hub_dir), "--port", str(port),
                             "--log-level", "warning"], cwd=REPO)
    url = f"http://127.0.0.1:{port}"
    import requests

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if requests.get(url + "/health", timeout=(5, 10)).ok:
                return proc, url
        except requests.RequestException:
            time.sleep(0.5)
    raise SystemExit("hub did not come up")


def letters(n: int, total_bytes: int, tag: str) -> list[bytes]:
    """``n`` valid PDFs of ``total_bytes / n`` bytes each (random, incompressible)."""
    from pypdf import PdfReader, PdfWriter

    from korat_desktop.pdf.sample import make_letter_pdf

    out = []
    size = total_bytes // n
    for i in range(n):
        base = make_letter_pdf(f"{tag} ฉบับที่ {i + 1}", ["เนื้อความ"])
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(base)))
        writer.add_attachment("scan.bin", os.urandom(max(0, size - len(base) - 400)))
        buf = io.BytesIO()
        writer.write(buf)
        out.append(buf.getvalue())
    return out


def run_korat(root: Path, hub_url: str, pdfs: list[bytes], args: argparse.Namespace
              ) -> dict[str, Any]:
    from korat_desktop.app import open_app
    from korat_desktop.config import dump_toml
    from korat_desktop.services.registration import LetterIntake

    data = root / "korat-a1"
    data.mkdir()
    (data / "settings.toml").write_text(dump_toml({
        "sync.connect_timeout_s": 10.0, "sync.read_timeout_s": 60.0,
        "sync.max_backoff_s": 4.0, "sync.retry_attempts": 50,
        "sync.lease_block": max(50, len(pdfs) + 10)}), encoding="utf-8")
    app = open_app(data, write=True, create=True)
    try:
        app.office.init(SENDER, "จังหวัดนครราชสีมา")
        app.sync.login(hub_url, "clerk-a", "pw", "bench-a1")
        for i, pdf in enumerate(pdfs):
            entry = app.sync.send(pdf, LetterIntake(subject=f"หนังสือทดสอบ {i + 1}"),
                                  [RECEIVER]).entry
            app.sync.queue(entry.id, allow_unsigned=True)
        started = time.monotonic()
        result = app.sync.sync(once=False, timeout_s=args.timeout, upgrade=False)
        elapsed = time.monotonic() - started
        committed = [(o.op_id, o.state.value, json.loads(o.body)["blobs"][0])
                     for o in app.sync.outbox() if o.kind == "letter.send"]
        return {"elapsed": elapsed, "report": result.report, "committed": committed}
    finally:
        app.close()


def run_naive(hub_url: str, pdfs: list[bytes], args: argparse.Namespace) -> dict[str, Any]:
    """One POST + one PATCH of the whole file per letter; any failure starts over."""
    import requests

    from korat_desktop.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, uuid7
    from korat_desktop.protocol.tus import (
        BLOB_EXISTS_HEADER,
        TUS_VERSION,
        encode_checksum,
        encode_metadata,
    )

    s = requests.Session()
    s.headers[PROTOCOL_HEADER] = PROTOCOL_VERSION
    r = s.post(hub_url + "/enroll", json={"username": "clerk-n", "password": "pw",
                                          "device_name": "naive"}, timeout=(30, 60))
    s.headers["Authorization"] = "Bearer " + r.json()["token"]
    timeout = (10.0, 60.0)
    tus = {"Tus-Resumable": TUS_VERSION}
    started = time.monotonic()
    restarts = 0
    deadline = started + args.timeout
    for pdf in pdfs:
        sha = hashlib.sha256(pdf).hexdigest()
        op_id = uuid7()
        while time.monotonic() < deadline:
            try:
                r = s.post(hub_url + "/uploads", timeout=timeout, headers={
                    **tus, "Upload-Length": str(len(pdf)),
                    "Upload-Metadata": encode_metadata({"sha256": sha})})
                if r.status_code == 201 and r.headers.get(BLOB_EXISTS_HEADER) != "1":
                    r = s.patch(hub_url + r.headers["Location"], data=pdf, timeout=timeout,
                                headers={**tus, "Upload-Offset": "0",
                                         "Content-Type": "application/offset+octet-stream",
                                         "Upload-Checksum": encode_checksum(
                                             hashlib.sha256(pdf).digest())})
                    if r.status_code != 204:
                        raise requests.ConnectionError(f"PATCH {r.status_code}")
                elif r.status_code not in (200, 201):
                    raise requests.ConnectionError(f"POST {r.status_code}")
                r = s.post(f"{hub_url}/ops/{op_id}/commit", timeout=timeout, json={
                    "kind": "letter.send", "blobs": [sha], "payload": {
                        "to": [RECEIVER], "number": "ที่ ชย 0017.2/1", "subject": "naive",
                        "date": "2026-11-21"}})
                if r.status_code not in (200, 201):
                    raise requests.ConnectionError(f"commit {r.status_code}")
                break
            except requests.RequestException:
                restarts += 1
                time.sleep(1.0)
    return {"elapsed": time.monotonic() - started, "restarts": restarts}


def check_hub(hub_dir: Path, committed: list[tuple[str, str, str]]) -> str:
    """Every letter on the hub exactly once, routed once to B, bytes intact."""
    with sqlite3.connect(f"file:{hub_dir / 'hub.sqlite3'}?mode=ro", uri=True) as conn:
        ops = dict(conn.execute("SELECT op_id, body FROM ops WHERE agency_code = ? AND "
                                "kind = 'letter.send'", (SENDER,)).fetchall())
        inbox = conn.execute("SELECT op_id, COUNT(*) FROM changes WHERE agency_code = ? AND "
                             "kind = 'inbox' GROUP BY op_id", (RECEIVER,)).fetchall()
    problems = []
    local = {op_id for op_id, state, _ in committed if state == "committed"}
    if len(local) != len(committed):
        problems.append(f"{len(committed) - len(local)} letters not committed")
    if set(ops) != local:
        problems.append(f"hub has {len(ops)} letters, client committed {len(local)}")
    if any(n != 1 for _, n in inbox) or {o for o, _ in inbox} != set(ops):
        problems.append("routing to B is not exactly once")
    for _, _, sha in committed:
        path = hub_dir / "blobs" / sha[:2] / sha[2:4] / sha
        if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != sha:
            problems.append(f"blob {sha[:12]} missing or damaged")
    return "OK: every letter exactly once, all bytes intact" if not problems else \
        "PROBLEMS: " + "; ".join(problems)


def inner(args: argparse.Namespace) -> None:
    if args.trace:  # every chunk and retry of the sync engine, with timestamps
        import logging

        logging.basicConfig(filename=args.trace, level=logging.WARNING,
                            format="%(relativeCreated)9.0f ms %(name)s %(message)s")
        logging.getLogger("korat_desktop.sync").setLevel(logging.DEBUG)
    root = Path(tempfile.mkdtemp(prefix="korat-poorlink-"))
    os.environ["PYTHON_KEYRING_BACKEND"] = "tests.sync.file_keyring.FileKeyring"
    os.environ["KORAT_TEST_KEYRING"] = str(root / "keyring.json")  # bench only: plain file
    os.environ["KORAT_MACHINE_CONFIG_DIR"] = str(root / "machine")
    total = int(args.mb * 1_000_000)
    hub, url = start_hub(root)
    link = rate_bits(args.rate)
    up = uptime_fraction(args.cut)
    try:
        print(f"link: {args.rate}, loss {args.loss}%, cut {args.cut or 'none'} "
              f"(up {up:.0%} of the time); {args.files} letters, {total / 1e6:.1f} MB",
              flush=True)
        pdfs = letters(args.files, total, "korat")
        sent = sum(len(p) for p in pdfs)
        k = run_korat(root, url, pdfs, args)
        goodput = sent * 8 / k["elapsed"]
        r = k["report"]
        print(f"korat: {sent / 1e6:.2f} MB in {k['elapsed']:.0f} s = {goodput / 1e3:.0f} kbit/s "
              f"= {goodput / link:.2f} of link rate, {goodput / (link * up):.2f} of the rate "
              f"while up; passes {r.passes}, bytes sent {r.bytes_sent} "
              f"(overhead {r.bytes_sent / sent - 1:+.1%}), pending {r.pending}", flush=True)
        print(f"korat delivery: {check_hub(root / 'hub', k['committed'])}", flush=True)
        if not args.skip_naive:
            naive_pdfs = letters(args.files, total, "naive")
            n = run_naive(url, naive_pdfs, args)
            naive_sent = sum(len(p) for p in naive_pdfs)
            ngood = naive_sent * 8 / n["elapsed"]
            print(f"naive: {naive_sent / 1e6:.2f} MB in {n['elapsed']:.0f} s = "
                  f"{ngood / 1e3:.0f} kbit/s = {ngood / link:.2f} of link rate, "
                  f"{ngood / (link * up):.2f} of the rate while up; {n['restarts']} restarts "
                  f"from zero", flush=True)
            print(f"korat / naive goodput: {goodput / ngood:.2f}x", flush=True)
    finally:
        hub.terminate()
        hub.wait(timeout=30)
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--mb", type=float, default=20.0, help="megabytes of letters (default 20)")
    p.add_argument("--files", type=int, default=40)
    p.add_argument("--rate", default="256kbit")
    p.add_argument("--loss", default="3")
    p.add_argument("--cut", default="10/60", help="SECONDS/PERIOD, '' for none")
    p.add_argument("--timeout", type=float, default=3600.0, help="give up after S seconds")
    p.add_argument("--skip-naive", action="store_true")
    p.add_argument("--trace", metavar="FILE", help="log the engine's chunks and retries here")
    p.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.inner:
        inner(args)
        return
    tool = poorlink_path()
    if not tool.exists():
        raise SystemExit(f"poorlink not found at {tool} (set KORAT_POORLINK)")
    cmd = ["bash", str(tool), "--rate", args.rate, "--loss", str(args.loss)]
    if args.cut:
        cmd += ["--cut", args.cut]
    cmd += ["--", sys.executable, str(Path(__file__).resolve()), "--inner", "--mb",
            str(args.mb), "--files", str(args.files), "--rate", args.rate, "--loss",
            str(args.loss), "--cut", args.cut, "--timeout", str(args.timeout)]
    if args.skip_naive:
        cmd.append("--skip-naive")
    if args.trace:
        cmd += ["--trace", str(Path(args.trace).absolute())]
    raise SystemExit(subprocess.run(cmd, cwd=REPO, check=False).returncode)


if __name__ == "__main__":
    main()
