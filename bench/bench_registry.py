"""Registration throughput and Thai search latency at scale.

Registers N documents (metadata + small PDFs, receipt-stamped on the receive register)
through the same service the CLI and UI use, then times Thai substring searches
through FTS5-trigram against a plain ``LIKE '%q%'`` scan over the same text in an
ordinary table (the reference, same run, same data).

    python bench/bench_registry.py --n 100000 [--register receive|send] [--batch 100]
    python bench/bench_registry.py --search-only --data-dir DIR   # reuse a populated dir
Prints figures and ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.thai_corpus import ACTIONS, PLACES, TOPICS, subjects
from korat_desktop.app import open_app
from korat_desktop.domain.registers import RegisterKind
from korat_desktop.pdf.sample import make_letter_pdf
from korat_desktop.services.registration import LetterIntake
from korat_desktop.store.search import SearchIndex


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def register_documents(args: argparse.Namespace, data: Path) -> None:
    app = open_app(data, write=True, create=True)
    app.office.init("นม 0017.1", "สำนักงานจังหวัดนครราชสีมา")
    subs = subjects(args.n)
    t0 = time.perf_counter()
    pool = [make_letter_pdf(subs[i], [f"เนื้อความ {subs[i]}", "จึงเรียนมาเพื่อโปรดทราบ"])
            for i in range(min(args.pool, args.n))]
    t_pdf = time.perf_counter() - t0
    rng = random.Random(1)
    register = (app.registration.receive_many if args.register == "receive"
                else app.registration.send_many)
    t0 = last = time.perf_counter()
    for start in range(0, args.n, args.batch):
        batch = []
        for i in range(start, min(args.n, start + args.batch)):
            intake = LetterIntake(
                subject=subs[i], sender=rng.choice(PLACES),
                recipient="ผู้ว่าราชการจังหวัดนครราชสีมา",
                letter_number=f"นม {rng.randint(1, 999):04d}/{rng.randint(1, 9999)}",
                notes=rng.choice(TOPICS))
            batch.append((pool[i % len(pool)], intake))
        result = register(batch)
        assert not result.failures, result.failures
        if time.perf_counter() - last > 30:
            last = time.perf_counter()
            done = start + len(batch)
            print(f"  {done} registered, {done / (last - t0):.0f}/s", file=sys.stderr)
    elapsed = time.perf_counter() - t0
    app.close()
    db = data / "korat.sqlite3"
    db_size = db.stat().st_size + sum(p.stat().st_size for p in data.glob("korat.sqlite3-*"))
    blob_size = sum(p.stat().st_size for p in (data / "blobs").rglob("*") if p.is_file())
    print(f"documents: {args.n} ({args.register} register, batches of {args.batch}, "
          f"{len(pool)} distinct PDFs made in {t_pdf:.1f}s)")
    print(f"registration: {args.n / elapsed:.0f} documents/s ({elapsed:.1f}s)  target >= 200/s")
    print(f"database: {db_size / 1e6:.1f} MB ({db_size / args.n:.0f} B/doc); "
          f"blobs: {blob_size / 1e6:.1f} MB")


def search_benchmark(args: argparse.Namespace, data: Path) -> None:
    # Queries: Thai substrings of the vocabulary (3-8 characters) and numbers.
    qrng = random.Random(7)
    words = ACTIONS + TOPICS + PLACES
    queries = []
    for _ in range(args.queries):
        w = qrng.choice(words)
        n = qrng.randint(3, min(8, len(w)))
        s = qrng.randint(0, len(w) - n)
        queries.append(w[s:s + n])
    queries += ["๑๒๓๔", "เชิญประ", "0017.1/12"]

    app = open_app(data)
    count = app.queries.count(RegisterKind.SEND) + app.queries.count(RegisterKind.RECEIVE)
    index_ms: list[float] = []
    with app.database.read() as session:
        index = SearchIndex(session)
        for q in queries:
            t = time.perf_counter()
            index.search(q, limit=50)
            index_ms.append((time.perf_counter() - t) * 1000)
    full_ms: list[float] = []
    for q in queries:
        t = time.perf_counter()
        app.queries.search(q, limit=50)
        full_ms.append((time.perf_counter() - t) * 1000)
    app.close()

    con = sqlite3.connect(data / "korat.sqlite3")
    con.execute("CREATE TEMP TABLE plain AS SELECT rowid AS id, number, subject, parties, notes,"
                " body FROM search_index")
    like_ms: list[float] = []
    for q in queries[: min(len(queries), 40)]:
        pat = f"%{q}%"
        t = time.perf_counter()
        con.execute("SELECT id FROM plain WHERE number LIKE ?1 OR subject LIKE ?1 OR parties "
                    "LIKE ?1 OR notes LIKE ?1 OR body LIKE ?1 ORDER BY id DESC LIMIT 50",
                    (pat,)).fetchall()
        like_ms.append((time.perf_counter() - t) * 1000)
    con.close()

    p50, p95 = percentile(index_ms, 50), percentile(index_ms, 95)
    f50, f95 = percentile(full_ms, 50), percentile(full_ms, 95)
    l50, l95 = percentile(like_ms, 50), percentile(like_ms, 95)
    print(f"search over {count} documents, {len(queries)} Thai substring queries:")
    print(f"  index query (FTS5 trigram, ranked ids): p50 {p50:.2f} ms, p95 {p95:.2f} ms, "
          f"mean {statistics.mean(index_ms):.2f} ms  target p95 < 30 ms")
    print(f"  full search (ids + register entries, as `korat search`): p50 {f50:.2f} ms, "
          f"p95 {f95:.2f} ms")
    print(f"  reference LIKE scan ({len(like_ms)} queries): p50 {l50:.1f} ms, p95 {l95:.1f} ms")
    print(f"  ratio scan/index: p50 {l50 / p50:.0f}x, p95 {l95 / p95:.0f}x  target >= 50x; "
          f"scan/full search: p50 {l50 / f50:.0f}x, p95 {l95 / f95:.0f}x")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--pool", type=int, default=500, help="distinct letter PDFs")
    ap.add_argument("--register", choices=("receive", "send"), default="receive")
    ap.add_argument("--batch", type=int, default=100, help="letters per transaction")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--data-dir")
    ap.add_argument("--search-only", action="store_true",
                    help="reuse --data-dir from an earlier run; time searches only")
    args = ap.parse_args()
    data = Path(args.data_dir or tempfile.mkdtemp(prefix="korat-bench-"))
    if not args.search_only:
        register_documents(args, data)
    search_benchmark(args, data)


if __name__ == "__main__":
    main()
