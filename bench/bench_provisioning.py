"""Bulk provisioning: 343 agencies and 15,219 accounts (one Thai province) imported with
``korat-hub import-agencies`` / ``import-users`` on SQLite and (when
KORAT_TEST_POSTGRES_URL is set) PostgreSQL, and sign-in latency before and after.

Everything is the real thing: the ``korat-hub`` console in a subprocess (timed whole,
Python start-up included, as IT runs it) against a ``korat-hub serve`` subprocess that
keeps serving meanwhile; sign-ins are ``POST /enroll`` over loopback. References
measured in the same run: today's way (``korat-hub add-user`` once per account, timed on
a few accounts and scaled to 15,219) and the sign-in latency of the same hub before the
import. Default settings; prints figures, never fails on one (target: each import
under 60 s, sign-in unchanged).

    python bench/bench_provisioning.py [--agencies 343] [--users 15219] [--signins 15]
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
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

    def signin_ms(self, user: str, password: str, n: int,
                  setup_codes: list[str] | None = None) -> float:
        """Median ``POST /enroll`` latency (ms) over n sign-ins (a new device each)."""
        times = []
        with requests.Session() as s:
            for i in range(n):
                body = {"username": user, "password": password, "device_name": f"bench-{i}"}
                if setup_codes is not None:
                    body["username"], body["setup_code"] = setup_codes[i].split(" ", 1)
                start = time.perf_counter()
                r = s.post(f"{self.url}/enroll", json=body, timeout=30)
                times.append((time.perf_counter() - start) * 1000)
                if r.status_code != 201:
                    raise RuntimeError(f"sign-in failed: {r.status_code} {r.text}")
        return statistics.median(times)


def run_backend(name: str, database_url: str | None, agencies: bytes, users: bytes,
                n_users: int, signins: int, tmp: Path) -> None:
    hub = Hub(tmp / f"hub-{name}", database_url)
    (tmp / "agencies.csv").write_bytes(agencies)
    (tmp / "users.csv").write_bytes(users)
    hub.cli("add-agency", "นม 9999.1", "สำนักงานทดสอบ")
    hub.cli("add-user", "bench.ref", "--agency", "นม 9999.1", stdin="bench-password\n")
    one_by_one = [hub.cli("add-user", f"ref{i}", "--agency", "นม 9999.1", stdin="pw-12345678\n")
                  for i in range(3)]
    per_user = statistics.median(one_by_one)
    startup = statistics.median(hub.cli("list-agencies") for _ in range(3))
    with hub.serving():
        hub.signin_ms("bench.ref", "bench-password", 2)  # warm up
        before = hub.signin_ms("bench.ref", "bench-password", signins)
        dry = hub.cli("import-agencies", str(tmp / "agencies.csv"), "--dry-run")
        t_agencies = hub.cli("import-agencies", str(tmp / "agencies.csv"))
        t_dry = hub.cli("import-users", str(tmp / "users.csv"), "--dry-run")
        codes_file = tmp / f"codes-{name}.csv"
        t_users = hub.cli("import-users", str(tmp / "users.csv"), "--codes-out", str(codes_file))
        after = hub.signin_ms("bench.ref", "bench-password", signins)
        rows = list(csv.DictReader(io.StringIO(codes_file.read_text("utf-8-sig"))))
        step = max(1, len(rows) // signins)
        codes = [f"{r['username']} {r['setup_code']}" for r in rows[::step][:signins]]
        first = hub.signin_ms("", "new-password-2569", len(codes), setup_codes=codes)
    print(f"\n== {name}: {len(rows)} setup codes issued")
    n_agencies = agencies.count(b"\n") - 1
    print(f"import-agencies {n_agencies} agencies: {t_agencies:.1f} s "
          f"(dry run {dry:.1f} s); target < 60 s")
    print(f"import-users {n_users} users: {t_users:.1f} s (dry run {t_dry:.1f} s); target < 60 s")
    print(f"(each includes the console's start-up: a bare `korat-hub list-agencies` "
          f"takes {startup:.1f} s here)")
    print(f"reference, korat-hub add-user once per account: {per_user:.2f} s each -> "
          f"{per_user * n_users / 3600:.1f} h for {n_users}; bulk = "
          f"{t_users / (per_user * n_users):.4f}x of that")
    print(f"sign-in (POST /enroll, median of {signins}): before {before:.0f} ms, after "
          f"{after:.0f} ms = {after / before:.2f}x; first sign-in with a setup code "
          f"(sets the password) {first:.0f} ms = {first / before:.2f}x")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--agencies", type=int, default=343)
    p.add_argument("--users", type=int, default=15_219)
    p.add_argument("--signins", type=int, default=15)
    a = p.parse_args()
    agencies, users = province(a.agencies, a.users)
    pg = os.environ.get("KORAT_TEST_POSTGRES_URL")
    print(f"{a.agencies} agencies, {a.users} users; backends: SQLite"
          + (" and PostgreSQL" if pg else " (PostgreSQL: set KORAT_TEST_POSTGRES_URL)"))
    with tempfile.TemporaryDirectory(prefix="korat-bench-prov-") as tmp:
        run_backend("SQLite", None, agencies, users, a.users, a.signins, Path(tmp))
        if pg:
            with postgres_database(pg) as url:
                run_backend("PostgreSQL", url, agencies, users, a.users, a.signins, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
