"""Bulk provisioning: 343 agencies and 15,219 accounts (one Thai province) imported with
``korat-hub import-agencies`` / ``import-users`` on SQLite and (when
KORAT_TEST_POSTGRES_URL is set) PostgreSQL, and sign-in latency before and after.

Everything is the real thing: the ``korat-hub`` console's ``main`` (timed in this
process, so the figure is the import's work; the console's start-up is measured apart
and printed) against a ``korat-hub serve`` subprocess that keeps serving meanwhile;
sign-ins are ``POST /enroll`` over loopback. References measured in the same run:
today's way (``korat-hub add-user`` once per account, timed on a few and scaled to
15,219), and sign-ins on a second hub without the import, taken in turns with those on
the imported one so both see the same machine load (this machine is shared). Default
settings; prints figures, never fails on one (target: each import under 60 s, sign-in
unchanged).

    python bench/bench_provisioning.py [--agencies 343] [--users 15219] [--signins 25]
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
ENV = {**os.environ, "PYTHONPATH": str(REPO)}  # this checkout's code in the subprocesses

from bench.bench_hub_ingest import free_port, postgres_database  # noqa: E402
from bench.thai_corpus import PLACES  # noqa: E402

FIRST = ["สมชาย", "สมศรี", "วิชัย", "มาลี", "ประเสริฐ", "สุดารัตน์", "ธนากร", "กาญจนา", "อนุชา",
         "พรทิพย์", "สุรเชษฐ์", "นิภาพร", "ชัยวัฒน์", "วราภรณ์", "ณัฐพล", "รัตนา", "กิตติ", "อรุณี"]
LAST = ["ใจดี", "มีสุข", "ศรีสวัสดิ์", "แก้วมณี", "บุญมา", "สุขเจริญ", "ทองดี", "พันธ์วงศ์",
        "ศักดิ์สิทธิ์", "รักษาชาติ", "วงศ์ใหญ่", "ชัยมงคล", "เพชรรัตน์", "สีดา", "นาคสวัสดิ์"]
KINDS = ["ที่ว่าการ", "องค์การบริหารส่วนตำบล", "โรงเรียนบ้าน", "โรงพยาบาลส่งเสริมสุขภาพตำบล",
         "เทศบาลตำบล", "สำนักงาน"]


def province(n_agencies: int, n_users: int, seed: int = 2569) -> tuple[bytes, bytes]:
    """Agencies ``นม 0001.1``... with Thai names, every tenth relayed by the first; users
    spread over them, Thai names; both as Excel's "CSV UTF-8" (BOM, CRLF, Thai headers)."""
    rng = random.Random(seed)
    codes = [f"นม {i // 10 + 1:04d}.{i % 10 + 1}" for i in range(n_agencies)]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["รหัสหน่วยงาน", "ชื่อหน่วยงาน", "หน่วยงานส่งต่อ"])
    for i, code in enumerate(codes):
        place = rng.choice(PLACES).removeprefix("อำเภอ")
        w.writerow([code, f"{rng.choice(KINDS)}{place} {i + 1}", codes[0] if i % 10 == 9 else ""])
    agencies = "\ufeff" + out.getvalue()
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["ชื่อผู้ใช้", "ชื่อ-นามสกุล", "รหัสหน่วยงาน", "บทบาท", "อีเมล"])
    for i in range(n_users):
        w.writerow([f"u{i:05d}", f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                    codes[i % n_agencies], "หัวหน้า" if i % 40 == 0 else "เจ้าหน้าที่",
                    f"u{i:05d}@korat.go.th" if i % 3 == 0 else ""])
    return agencies.encode("utf-8"), ("\ufeff" + out.getvalue()).encode("utf-8")


class Hub:
    def __init__(self, data_dir: Path, database_url: str | None) -> None:
        self.data_dir, self.database_url = data_dir, database_url
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def cli(self, *args: str, stdin: str | None = None) -> float:
        """Seconds ``korat-hub ARGS`` took (the whole process)."""
        cmd = [sys.executable, "-m", "korat_desktop.server.cli", *args, "--data-dir",
               str(self.data_dir)]
        if self.database_url:
            cmd += ["--database-url", self.database_url]
        start = time.perf_counter()
        done = subprocess.run(cmd, cwd=REPO, env=ENV, input=stdin, capture_output=True,
                              text=True, check=False)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(args[:2])}: {done.stderr.strip()[-500:]}")
        return elapsed

    @contextmanager
    def serving(self) -> Iterator[Hub]:
        cmd = [sys.executable, "-m", "korat_desktop.server.cli", "serve", "--data-dir",
               str(self.data_dir), "--port", str(self.port), "--log-level", "warning"]
        if self.database_url:
            cmd += ["--database-url", self.database_url]
        self.proc = subprocess.Popen(cmd, cwd=REPO, env=ENV)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if requests.get(f"{self.url}/health", timeout=2).status_code == 200:
                        break
                except requests.ConnectionError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError("korat-hub serve did not come up")
                time.sleep(0.1)
            yield self
        finally:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def signin_ms(self, session: requests.Session, user: str, password: str,
                  setup_code: str | None = None) -> float:
        """One ``POST /enroll`` (a new device), in ms."""
        body = {"username": user, "password": password, "device_name": "bench"}
        if setup_code is not None:
            body["setup_code"] = setup_code
        start = time.perf_counter()
        r = session.post(f"{self.url}/enroll", json=body, timeout=60)
        elapsed = (time.perf_counter() - start) * 1000
        if r.status_code != 201:
            raise RuntimeError(f"sign-in failed: {r.status_code} {r.text}")
        return elapsed

    def admin(self, *args: str) -> float:
        """Seconds ``korat-hub ARGS`` takes in this process: the import's own work, without
        the console's start-up (measured apart)."""
        from korat_desktop.server.cli import main as hub_main

        argv = [*args, "--data-dir", str(self.data_dir)]
        if self.database_url:
            argv += ["--database-url", self.database_url]
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            code = hub_main(argv)
        elapsed = time.perf_counter() - start
        if code != 0:
            raise RuntimeError(f"{' '.join(args[:2])} exited {code}")
        return elapsed


def interleaved(n: int, a: Callable[[int], float], b: Callable[[int], float]) -> tuple[float, float]:
    """Medians of a and b measured in turns, so both see the same machine load."""
    ta, tb = [], []
    for i in range(n):
        ta.append(a(i))
        tb.append(b(i))
    return statistics.median(ta), statistics.median(tb)


def run_backend(name: str, database_url: str | None, ref_url: str | None, agencies: bytes,
                users: bytes, n_users: int, signins: int, tmp: Path) -> None:
    hub = Hub(tmp / f"hub-{name}", database_url)
    ref = Hub(tmp / f"ref-{name}", ref_url)  # the same hub without the import: the reference
    (tmp / "agencies.csv").write_bytes(agencies)
    (tmp / "users.csv").write_bytes(users)
    for h in (hub, ref):
        h.cli("add-agency", "นม 9999.1", "สำนักงานทดสอบ")
        h.cli("add-user", "bench.ref", "--agency", "นม 9999.1", stdin="bench-password\n")
    one_by_one = [hub.cli("add-user", f"ref{i}", "--agency", "นม 9999.1", stdin="pw-12345678\n")
                  for i in range(3)]
    per_user = statistics.median(one_by_one)
    startup = statistics.median(hub.cli("list-agencies") for _ in range(3))
    codes_file = tmp / f"codes-{name}.csv"
    with hub.serving(), ref.serving(), requests.Session() as s, requests.Session() as r:
        for h, session in ((hub, s), (ref, r)):  # warm up
            h.signin_ms(session, "bench.ref", "bench-password")

        def password(h: Hub, session: requests.Session) -> Callable[[int], float]:
            return lambda _i: h.signin_ms(session, "bench.ref", "bench-password")

        before, before_ref = interleaved(signins, password(hub, s), password(ref, r))
        dry = hub.admin("import-agencies", str(tmp / "agencies.csv"), "--dry-run")
        t_agencies = hub.admin("import-agencies", str(tmp / "agencies.csv"))
        t_dry = hub.admin("import-users", str(tmp / "users.csv"), "--dry-run")
        t_users = hub.admin("import-users", str(tmp / "users.csv"), "--codes-out",
                            str(codes_file))
        after, after_ref = interleaved(signins, password(hub, s), password(ref, r))
        rows = list(csv.DictReader(io.StringIO(codes_file.read_text("utf-8-sig"))))
        picked = rows[::max(1, len(rows) // signins)][:signins]
        first, first_ref = interleaved(
            len(picked), lambda i: hub.signin_ms(s, picked[i]["username"], "new-password-2569",
                                                 picked[i]["setup_code"]),
            password(ref, r))
    n_agencies = agencies.count(b"\n") - 1
    print(f"\n== {name}: {len(rows)} setup codes issued")
    print(f"import-agencies {n_agencies} agencies: {t_agencies:.2f} s (dry run {dry:.2f} s); "
          f"target < 60 s")
    print(f"import-users {n_users} users: {t_users:.2f} s (dry run {t_dry:.2f} s); "
          "target < 60 s")
    print(f"(in this process; the `korat-hub` console's start-up adds {startup:.1f} s here: a "
          "bare `korat-hub list-agencies`)")
    print(f"reference, korat-hub add-user once per account (a process each): {per_user:.2f} s "
          f"-> {per_user * n_users / 3600:.1f} h for {n_users}; bulk import = "
          f"{(t_users + startup) / (per_user * n_users):.5f}x of that")
    print(f"sign-in (POST /enroll, medians of {signins}, in turns with a hub without the "
          f"import): before {before:.0f} ms vs {before_ref:.0f} ms = {before / before_ref:.2f}x; "
          f"after {after:.0f} ms vs {after_ref:.0f} ms = {after / after_ref:.2f}x; "
          f"after/before on the same hub {after / before:.2f}x")
    print(f"first sign-in with a setup code (spends it, sets the password): {first:.0f} ms vs "
          f"{first_ref:.0f} ms for a password sign-in = {first / first_ref:.2f}x")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--agencies", type=int, default=343)
    p.add_argument("--users", type=int, default=15_219)
    p.add_argument("--signins", type=int, default=25)
    a = p.parse_args()
    agencies, users = province(a.agencies, a.users)
    pg = os.environ.get("KORAT_TEST_POSTGRES_URL")
    print(f"{a.agencies} agencies, {a.users} users; backends: SQLite"
          + (" and PostgreSQL" if pg else " (PostgreSQL: set KORAT_TEST_POSTGRES_URL)"))
    with tempfile.TemporaryDirectory(prefix="korat-bench-prov-") as tmp:
        run_backend("SQLite", None, None, agencies, users, a.users, a.signins, Path(tmp))
        if pg:
            with postgres_database(pg) as url, postgres_database(pg) as ref_url:
                run_backend("PostgreSQL", url, ref_url, agencies, users, a.users, a.signins,
                            Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
