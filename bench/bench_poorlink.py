"""Upload goodput on a poor rural link: Korat's sync engine, with the settings a user
gets, against a naive client and against what the link itself carries.

Every measurement runs inside its own ``shared/tools/poorlink`` (a network namespace
whose loopback is shaped: rate limit, random loss, the link cut for a few seconds
every period), with its own hub (``korat-hub serve``) and client on 127.0.0.1. The
namespaces of one run are started together, so the clients of a profile see the
same link conditions at the same time without sharing its capacity. Two link
profiles run by default:

* ``first``: 256 kbit/s, 3 % loss, cut 10 s of every 60 s; 20 MB in 40 letters.
* ``harsh``: 64 kbit/s, 5 % loss, cut 30 s of every 120 s; 4 MB in 8 letters (the
  same 0.5 MB letters; 20 MB would take well over an hour on this link).

On each link:

1. **korat**: the letters are registered, queued and sent by the sync engine with
   *default settings* (no ``settings.toml``: what an installed client does).
2. **naive**: the same amount of fresh letters, one request per file (the whole file
   in one PATCH), starting again from zero after any failure.
3. **offered capacity** (``reference``): one plain bulk TCP stream, a sender to a
   receiver that counts what arrives, for a whole number of cut periods (at least
   ``--ref-s``, 480 s: eight periods of ``first``, four of ``harsh``; it runs beside
   the clients, so it costs no extra time). Its socket has the options Korat's
   connections get (TCP's retransmission backoff capped where the kernel allows,
   ``TCP_USER_TIMEOUT``), and it reconnects at once if the stream dies. Bytes received per second is what the
   link actually carries for a single TCP stream, after IP/TCP headers, ACKs sharing
   the shaped loopback, lost and retransmitted packets and TCP's recovery after each
   cut: the ceiling for a client that uses one connection at a time.
4. ``--tuned``: Korat again with the settings this bench used to pass (short
   backoff, many retries), printed beside the default run, never instead of it.

Prints, for each client, goodput (letter bytes delivered per second of wall time) as
a fraction of the nominal rate, of the nominal rate times the up fraction, and of
the measured offered capacity; and checks that every Korat letter is on the hub
exactly once with intact bytes. Prints, never asserts.

    python bench/bench_poorlink.py [--profiles first,harsh] [--mb MB] [--files N]
                                   [--skip-naive] [--tuned] [--trace FILE]

``--mb``/``--files`` override every profile's size (for quick runs; the README's
figures come from the default sizes). Needs root (network namespaces), iproute2 and
nftables. ``KORAT_POORLINK`` overrides where poorlink is (default:
../shared/tools/poorlink beside the repository).
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
PROFILES = {  # name: (rate, loss %, cut SECONDS/PERIOD, MB, letters)
    "first": ("256kbit", 3, "10/60", 20.0, 40),
    "harsh": ("64kbit", 5, "30/120", 4.0, 8),
}
CLIENTS = ("korat", "naive", "reference", "tuned")
TUNED = {"sync.connect_timeout_s": 10.0, "sync.read_timeout_s": 60.0,
         "sync.max_backoff_s": 4.0, "sync.retry_attempts": 50}


def poorlink_path() -> Path:
    return Path(os.environ.get("KORAT_POORLINK") or REPO.parent / "shared/tools/poorlink")


def found_poorlink() -> Path:
    """poorlink, or exit saying where it was looked for."""
    tool = poorlink_path()
    if not tool.exists():
        raise SystemExit(f"poorlink not found at {tool} (set KORAT_POORLINK)")
    return tool


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


def run_korat(root: Path, hub_url: str, pdfs: list[bytes], args: argparse.Namespace,
              settings: dict[str, Any]) -> dict[str, Any]:
    from korat_desktop.app import open_app
    from korat_desktop.config import dump_toml
    from korat_desktop.services.registration import LetterIntake

    data = root / "korat-a1"
    data.mkdir()
    if len(pdfs) + 10 > 50:  # more letters than one default lease block holds
        settings = {**settings, "sync.lease_block": len(pdfs) + 10}
    if settings:
        (data / "settings.toml").write_text(dump_toml(settings), encoding="utf-8")
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
        r = result.report
        return {"elapsed": elapsed, "passes": r.passes, "bytes_sent": r.bytes_sent,
                "pending": r.pending, "delivery": check_hub(root / "hub", committed)}
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
    delivered = 0
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
                delivered += len(pdf)
                break
            except requests.RequestException:
                restarts += 1
                time.sleep(1.0)
    return {"elapsed": time.monotonic() - started, "restarts": restarts,
            "delivered": delivered}


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


def run_reference(seconds: float) -> dict[str, Any]:
    """Offered capacity: one bulk TCP stream for ``seconds``; bytes received per second."""
    import threading

    from korat_desktop.sync.transport import SOCKET_OPTIONS

    server = socket.create_server(("127.0.0.1", 0))
    address = server.getsockname()
    received = [0]
    done = threading.Event()

    def drain(conn: socket.socket) -> None:
        conn.settimeout(1.0)
        with conn:
            while not done.is_set():
                try:
                    got = conn.recv(65536)
                except TimeoutError:
                    continue
                except OSError:
                    return
                if not got:
                    return
                received[0] += len(got)

    def accept() -> None:
        server.settimeout(1.0)
        while not done.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            threading.Thread(target=drain, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    block = os.urandom(64 * 1024)
    reconnects = -1
    started = time.monotonic()
    end = started + seconds
    while time.monotonic() < end:
        try:
            with socket.socket() as s:
                for level, name, value in SOCKET_OPTIONS:
                    s.setsockopt(level, name, value)
                if hasattr(socket, "TCP_USER_TIMEOUT"):
                    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_USER_TIMEOUT, 60_000)
                s.settimeout(max(0.1, min(10.0, end - time.monotonic())))
                s.connect(address)
                reconnects += 1
                while time.monotonic() < end:
                    s.settimeout(max(0.1, end - time.monotonic()))
                    s.sendall(block)
        except OSError:
            time.sleep(0.2)
    elapsed = time.monotonic() - started
    done.set()
    server.close()
    return {"elapsed": elapsed, "bytes": received[0], "reconnects": max(0, reconnects)}


def inner(args: argparse.Namespace) -> None:
    """One client on one link (this process runs inside its own poorlink)."""
    if args.trace:  # every chunk and retry of the sync engine, with timestamps
        import logging

        logging.basicConfig(filename=args.trace, level=logging.WARNING,
                            format="%(relativeCreated)9.0f ms %(name)s %(message)s")
        logging.getLogger("korat_desktop.sync").setLevel(logging.DEBUG)
    result: dict[str, Any]
    if args.client == "reference":
        result = run_reference(args.ref_s)
    else:
        root = Path(tempfile.mkdtemp(prefix="korat-poorlink-"))
        os.environ["PYTHON_KEYRING_BACKEND"] = "tests.sync.file_keyring.FileKeyring"
        os.environ["KORAT_TEST_KEYRING"] = str(root / "keyring.json")  # bench only
        os.environ["KORAT_MACHINE_CONFIG_DIR"] = str(root / "machine")
        hub, url = start_hub(root)
        try:
            pdfs = letters(args.files, int(args.mb * 1_000_000), args.client)
            if args.client == "naive":
                result = run_naive(url, pdfs, args)
            else:
                result = run_korat(root, url, pdfs, args,
                                   TUNED if args.client == "tuned" else {})
            result["bytes"] = sum(len(p) for p in pdfs)
        finally:
            hub.terminate()
            hub.wait(timeout=30)
            shutil.rmtree(root, ignore_errors=True)
    Path(args.result).write_text(json.dumps(result), encoding="utf-8")


def reference_seconds(cut: str, at_least: float) -> float:
    """A whole number of cut periods, at least ``at_least`` seconds."""
    if not cut:
        return at_least
    period = float(cut.split("/")[1])
    return period * max(1, -(-at_least // period))


def report(name: str, rate: str, loss: int, cut: str, results: dict[str, dict[str, Any]]
           ) -> None:
    link, up = rate_bits(rate), uptime_fraction(cut)
    ref = results.get("reference")
    offered = ref["bytes"] * 8 / ref["elapsed"] if ref else None
    print(f"\n== {name}: {rate}, loss {loss}%, cut {cut or 'none'} (up {up:.0%} of the time)")
    if ref and offered:
        print(f"offered capacity (one bulk TCP stream, {ref['elapsed']:.0f} s, "
              f"{ref['reconnects']} reconnects): {offered / 1e3:.0f} kbit/s = "
              f"{offered / link:.2f} of nominal, {offered / (link * up):.2f} of nominal x up")
    goodputs = {}
    for client in ("korat", "tuned", "naive"):
        r = results.get(client)
        if r is None:
            continue
        good = r.get("delivered", r["bytes"]) * 8 / r["elapsed"]
        goodputs[client] = good
        label = {"korat": "korat (default settings)", "tuned": "korat (tuned: "
                 + ", ".join(f"{k.split('.')[1]}={v:g}" for k, v in TUNED.items()) + ")",
                 "naive": "naive"}[client]
        vs = f", {good / offered:.2f} of offered" if offered else ""
        print(f"{label}: {r.get('delivered', r['bytes']) / 1e6:.2f} MB in {r['elapsed']:.0f} s = "
              f"{good / 1e3:.0f} kbit/s = {good / link:.2f} of nominal, "
              f"{good / (link * up):.2f} of nominal x up{vs}")
        if client == "naive":
            print(f"  {r['restarts']} restarts from zero; delivered "
                  f"{r['delivered'] / 1e6:.2f} of {r['bytes'] / 1e6:.2f} MB")
        else:
            print(f"  passes {r['passes']}, bytes sent {r['bytes_sent']} (overhead "
                  f"{r['bytes_sent'] / r['bytes'] - 1:+.1%}), pending {r['pending']}; "
                  f"{r['delivery']}")
    if "korat" in goodputs and "naive" in goodputs:
        print(f"korat / naive goodput: {goodputs['korat'] / goodputs['naive']:.2f}x")
    sys.stdout.flush()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--profiles", default="first,harsh",
                   help=f"comma-separated, of {', '.join(PROFILES)}")
    p.add_argument("--mb", type=float, help="megabytes of letters (default: the profile's)")
    p.add_argument("--files", type=int, help="letters (default: the profile's)")
    p.add_argument("--ref-s", type=float, default=480.0,
                   help="offered-capacity stream: at least S seconds (whole cut periods)")
    p.add_argument("--timeout", type=float, default=1800.0,
                   help="each client gives up after S seconds (default 1800)")
    p.add_argument("--skip-naive", action="store_true")
    p.add_argument("--tuned", action="store_true", help="also run Korat with tuned settings")
    p.add_argument("--trace", metavar="FILE",
                   help="log the engine's chunks and retries to FILE.PROFILE")
    p.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--client", choices=CLIENTS, help=argparse.SUPPRESS)
    p.add_argument("--result", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.inner:
        inner(args)
        return
    tool = found_poorlink()
    names = [n.strip() for n in args.profiles.split(",") if n.strip()]
    unknown = [n for n in names if n not in PROFILES]
    if unknown:
        raise SystemExit(f"unknown profile {unknown[0]!r}: use {', '.join(PROFILES)}")
    clients = ["korat", "reference"] + ([] if args.skip_naive else ["naive"]) + \
        (["tuned"] if args.tuned else [])
    out = Path(tempfile.mkdtemp(prefix="korat-poorlink-results-"))
    running = []
    for name in names:
        rate, loss, cut, mb, files = PROFILES[name]
        mb, files = args.mb or mb, args.files or files
        print(f"{name}: {rate}, loss {loss}%, cut {cut}; {files} letters, {mb:.1f} MB; "
              f"clients {', '.join(clients)}, each on its own link", flush=True)
        for client in clients:
            result = out / f"{name}.{client}.json"
            cmd = ["bash", str(tool), "--rate", rate, "--loss", str(loss), "--cut", cut,
                   "--", sys.executable, str(Path(__file__).resolve()), "--inner",
                   "--client", client, "--result", str(result), "--mb", str(mb),
                   "--files", str(files), "--timeout", str(args.timeout),
                   "--ref-s", str(reference_seconds(cut, args.ref_s))]
            if args.trace and client in ("korat", "tuned"):
                cmd += ["--trace", f"{Path(args.trace).absolute()}.{name}.{client}"]
            running.append((name, client, result, subprocess.Popen(cmd, cwd=REPO)))
    failed = 0
    for _, _, _, proc in running:
        failed += proc.wait() != 0
    for name in names:
        rate, loss, cut, _, _ = PROFILES[name]
        results = {client: json.loads(result.read_text(encoding="utf-8"))
                   for n, client, result, _ in running if n == name and result.exists()}
        report(name, rate, loss, cut, results)
    shutil.rmtree(out, ignore_errors=True)
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
