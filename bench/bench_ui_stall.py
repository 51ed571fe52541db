"""Does the UI thread stall while a sync of 50 letters runs? (target: never > 100 ms)

A real local hub (``korat-hub serve`` in its own process, as in the demo), an office
signed in to it with 50 letters queued to another agency, and the real desktop app
(window, registers, status bar) on that office. A QTimer ticks every 10 ms on the UI
thread and records how late each tick is: lateness is time the UI thread could not
answer (a click, a repaint). It is measured idle first (the reference), then during
"sync now" until the outbox is empty and the views have refreshed.

    QT_QPA_PLATFORM=offscreen python bench/bench_ui_stall.py [--letters 50] [--kb 150]
Prints the longest stall, p99 and p50 for both phases; asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _letter(kb: int, i: int) -> bytes:
    from pypdf import PdfReader, PdfWriter

    from korat_desktop.pdf.sample import make_letter_pdf

    base = make_letter_pdf(f"หนังสือทดสอบการซิงก์ฉบับที่ {i}", ["เนื้อความของหนังสือ"])
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(base)))
    pad = max(0, kb * 1024 - len(base))
    if pad:
        writer.add_attachment("enclosure.bin", os.urandom(pad))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def prepare_office(root: Path, letters: int, kb: int) -> tuple[object, Path]:
    """Hub up, office signed in, ``letters`` letters queued; returns (hub, data dir)."""
    from korat_desktop.app import open_app
    from korat_desktop.demo.hub import LocalHub
    from korat_desktop.demo.keyring_file import use_demo_keyring
    from korat_desktop.demo.letters import DEMO_AGENCY, PEER_AGENCY
    from korat_desktop.demo.peer import FAST_SYNC_SETTINGS, enroll
    from korat_desktop.services.registration import LetterIntake

    use_demo_keyring(root / "keyring.json")
    hub = LocalHub(root / "hub").start()
    data = root / "office"
    app = open_app(data, write=True, create=True)
    try:
        app.office.init(*DEMO_AGENCY)
        for key, value in {**FAST_SYNC_SETTINGS, "sync.lease_block": 100}.items():
            app.config.set_user(key, value)
        enroll(app, hub.url, "somchai")
        for i in range(letters):
            entry = app.sync.send(_letter(kb, i), LetterIntake(subject=f"ฉบับที่ {i}"),
                                  [PEER_AGENCY[0]]).entry
            app.sync.queue(entry.id, allow_unsigned=True)
    finally:
        app.close()
    return hub, data


class StallMeter:
    """Lateness of a 10 ms QTimer on the UI thread."""

    def __init__(self, interval_ms: int = 10) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.interval = interval_ms / 1000
        self.late: list[float] = []
        self.at: list[float] = []  # when each tick came, from start()
        self._last = 0.0
        self._start = 0.0
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.late, self.at = [], []
        self._last = self._start = time.perf_counter()
        self.timer.start()

    def stop(self) -> list[float]:
        self.timer.stop()
        return self.late

    def _tick(self) -> None:
        now = time.perf_counter()
        self.late.append(max(0.0, now - self._last - self.interval))
        self.at.append(now - self._start)
        self._last = now

    def worst(self, n: int = 5) -> str:
        ranked = sorted(zip(self.late, self.at, strict=True), reverse=True)[:n]
        return ", ".join(f"{late * 1000:.0f} ms at {at:.1f} s" for late, at in ranked)


def _figures(name: str, late: list[float]) -> str:
    if not late:
        return f"{name}: no ticks"
    ordered = sorted(late)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return (f"{name}: ticks {len(late)}, longest stall {max(late) * 1000:.1f} ms, "
            f"p99 {p99 * 1000:.1f} ms, p50 {statistics.median(late) * 1000:.1f} ms, "
            f"over 100 ms: {sum(1 for x in late if x > 0.1)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=50)
    parser.add_argument("--kb", type=int, default=150, help="size of each letter's PDF")
    args = parser.parse_args()

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from korat_desktop.ui import language
    from korat_desktop.ui.desktop import KoratDesktop
    from korat_desktop.ui.fonts import load_thai_font
    from korat_desktop.ui.start_options import StartOptions
    from korat_desktop.ui.style import STYLE_SHEET

    with tempfile.TemporaryDirectory(prefix="korat-stall-") as tmp:
        t0 = time.monotonic()
        hub, data = prepare_office(Path(tmp), args.letters, args.kb)
        print(f"prepared {args.letters} letters of ~{args.kb} KB queued in "
              f"{time.monotonic() - t0:.1f} s", flush=True)
        qapp = QApplication(sys.argv[:1])
        qapp.setQuitOnLastWindowClosed(False)
        load_thai_font(qapp)
        qapp.setStyleSheet(STYLE_SHEET)
        language.install("th")
        desktop = KoratDesktop(StartOptions(data_dir=data), tray=False)

        def wait_until(check, timeout: float = 600.0) -> None:  # type: ignore[no-untyped-def]
            deadline = time.monotonic() + timeout
            while not check():
                if time.monotonic() > deadline:
                    raise SystemExit("bench: timed out")
                loop = QEventLoop()
                QTimer.singleShot(20, loop.quit)
                loop.exec()

        ready: list[object] = []
        desktop.ready.connect(ready.append)
        desktop.start()
        wait_until(lambda: bool(ready))
        desktop.sync.configure(0, False)  # no automatic sync: we start it ourselves
        window = desktop.window
        assert window is not None
        wait_until(lambda: window.send_view.model.total == args.letters)

        meter = StallMeter()
        meter.start()
        idle_end = time.monotonic() + 2.0
        wait_until(lambda: time.monotonic() > idle_end)
        idle = meter.stop()

        pending: list[object] = []
        window.go_to(4)  # รอส่ง: its table and progress bar update during the sync
        meter.start()
        t1 = time.monotonic()
        desktop.sync.sync_now()
        wait_until(lambda: not desktop.sync.syncing)
        desktop.operations.hub.outbox().then(pending.append)
        wait_until(lambda: bool(pending))
        settle = time.monotonic() + 1.0  # the views refresh after the sync
        wait_until(lambda: time.monotonic() > settle)
        during = meter.stop()
        seconds = time.monotonic() - t1
        lines = pending[0] or []
        sent = sum(1 for line in lines if getattr(line.op, "state", "") == "committed")
        print(f"sync of {args.letters} letters: {sent} committed in {seconds:.1f} s")
        print(_figures("idle (reference)", idle))
        print(_figures("during sync", during))
        print(f"worst stalls during sync: {meter.worst()}")
        desktop.quit()
        wait_until(lambda: desktop.done)  # the store closes once the lanes are idle
        hub.stop()  # type: ignore[attr-defined]
    return 0


if __name__ == "__main__":
    sys.exit(main())
