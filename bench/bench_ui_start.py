"""Desktop start-up with 100,000 letters in the store, against a bare PySide6 window.

Measures, for each, in a fresh process (so imports and Qt start-up count); the app
runs its real entry point (``korat_desktop.ui.main.main``: options, config, the
single-instance check, fonts, translations, tray), only watched:
* time from process start to the first paint of the main window,
* for the app, also the time until the first page of the register is on screen,
* peak RSS (ru_maxrss) once that is done.
The reference is a bare QMainWindow started the same way on the same machine in the
same run. The 100,000-letter store is built once through ``registration.send_many``
(the same service the app uses) and cached in a temp dir between runs.

    python bench/bench_ui_start.py [--n 100000] [--runs 3] [--store DIR] [--frozen DIR]
``--frozen DIR`` measures the PyInstaller build in DIR (installers/build-linux) instead of
the source install; both take their marks in installers/launcher.py.
Needs a display or QT_QPA_PLATFORM=offscreen. Prints figures and ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BARE = r"""
import json, resource, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
class Bare(QMainWindow):
    painted = False
    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            t = time.monotonic()
            QTimer.singleShot(0, lambda: finish(t))
def finish(t):
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"paint": t, "rows": t, "rss_kb": rss}), flush=True)
    app.quit()
app = QApplication(sys.argv[:1])
window = Bare()
window.setCentralWidget(QLabel("hello"))
window.resize(1366, 768)
window.show()
app.exec()
"""



def build_store(store: Path, n: int, batch: int = 2000) -> None:
    """``n`` sent letters (send register, this year) through registration.send_many."""
    from korat_desktop.app import open_app
    from korat_desktop.pdf.sample import make_letter_pdf
    from korat_desktop.services.registration import LetterIntake

    marker = store / f"built-{n}"
    if marker.exists():
        return
    if store.exists():
        import shutil

        shutil.rmtree(store)
    print(f"building a store of {n:,} letters in {store} (once; cached) ...", flush=True)
    app = open_app(store, write=True, create=True)
    try:
        app.office.init("นม 0017.1", "สำนักงานจังหวัดนครราชสีมา")
        pdf = make_letter_pdf("ขออนุมัติงบประมาณ", ["เรื่อง ขออนุมัติงบประมาณ"])
        started = time.perf_counter()
        for first in range(0, n, batch):
            items = [(pdf, LetterIntake(subject=f"ขออนุมัติงบประมาณโครงการที่ {i + 1}",
                                        recipient="อำเภอพิมาย"))
                     for i in range(first, min(n, first + batch))]
            app.registration.send_many(items)
        print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)
    finally:
        app.close()
    marker.write_text("ok")


def _figures(marks: dict[str, float], started: float) -> dict[str, float]:
    return {"paint_s": marks["paint"] - started, "rows_s": marks["rows"] - started,
            "page_s": marks.get("page", marks["paint"]) - started,
            "rss_mb": marks["rss_kb"] / 1024, "total": marks.get("total", 0),
            "loaded": marks.get("loaded", 0)}


def run(code: str, *args: str) -> dict[str, float]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    started = time.monotonic()
    out = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True,
                         text=True, timeout=300, cwd=ROOT)
    line = next((x for x in out.stdout.splitlines() if x.startswith("{")), None)
    if line is None:
        raise SystemExit(f"bench child failed:\n{out.stdout}\n{out.stderr[-3000:]}")
    marks = json.loads(line)
    return _figures(marks, started)


def run_desktop(store: Path, frozen: Path | None = None) -> dict[str, float]:
    """The real ``korat-desktop`` entry point, through installers/launcher.py (the frozen
    build's entry point too): with ``KORAT_START_MARKS`` it notes the marks, writes them
    to a file and quits. ``frozen``: the PyInstaller build's folder instead of source."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    cmd = ([str(frozen / "korat-desktop")] if frozen
           else [sys.executable, str(ROOT / "installers" / "launcher.py")])
    with tempfile.TemporaryDirectory() as tmp:
        marks_file = Path(tmp) / "marks.json"
        env["KORAT_START_MARKS"] = str(marks_file)
        started = time.monotonic()
        out = subprocess.run([*cmd, "--data-dir", str(store)], env=env, capture_output=True,
                             text=True, timeout=300, cwd=ROOT)
        if not marks_file.exists():
            raise SystemExit(f"bench child failed:\n{out.stdout}\n{out.stderr[-3000:]}")
        marks = json.loads(marks_file.read_text())
    return _figures(marks, started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--store", type=Path,
                        default=Path(tempfile.gettempdir()) / "korat-bench-ui-store")
    parser.add_argument("--frozen", type=Path, metavar="DIR",
                        help="measure the frozen build in DIR (e.g. dist/korat-desktop)")
    args = parser.parse_args()
    build_store(args.store, args.n)
    # An install (pip, the installers) ships compiled bytecode; a checkout under
    # PYTHONDONTWRITEBYTECODE would recompile every module at each start. Compile it
    # as an install does, so both windows load the same way (PySide6's is compiled).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "korat_desktop")],
                   check=True)
    bare, desk = [], []
    for _ in range(args.runs):  # interleaved, so drift hits both alike
        bare.append(run(BARE))
        desk.append(run_desktop(args.store, args.frozen))

    def med(rows: list[dict[str, float]], key: str) -> float:
        return statistics.median(r[key] for r in rows)

    b_paint, d_paint, d_rows = med(bare, "paint_s"), med(desk, "paint_s"), med(desk, "rows_s")
    b_rss, d_rss = med(bare, "rss_mb"), med(desk, "rss_mb")
    print(f"store: {desk[0]['total']:,.0f} letters; rows held after start: "
          f"{desk[0]['loaded']:,.0f}")
    print(f"bare PySide6 window : first paint {b_paint * 1000:7.0f} ms   peak RSS {b_rss:6.1f} MB")
    print(f"korat-desktop{' (frozen)' if args.frozen else '         '}: first paint {d_paint * 1000:7.0f} ms   peak RSS {d_rss:6.1f} MB")
    print(f"                      register page built {med(desk, 'page_s') * 1000:7.0f} ms")
    print(f"                      first rows  {d_rows * 1000:7.0f} ms")
    print(f"start ratio (first paint)  : {d_paint / b_paint:.2f}x   (target <= 1.5x)")
    print(f"start ratio (rows on screen): {d_rows / b_paint:.2f}x")
    print(f"extra memory               : {d_rss - b_rss:+.1f} MB  (target <= +100 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
