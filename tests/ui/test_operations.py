"""House rule: the UI thread never does database work and never waits for it."""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer

from korat_desktop.domain.registers import RegisterKind
from korat_desktop.ui.jobs import Lane


def test_database_work_runs_on_one_worker_thread(qtbot, start_desktop, seeded_dir) -> None:
    desktop = start_desktop(seeded_dir(receive=3))
    ops = desktop.operations
    jobs = [ops.register_count(RegisterKind.RECEIVE, None),
            ops.register_page(RegisterKind.RECEIVE, None, 0, 10), ops.detail(1), ops.pdf(1),
            ops.search("ประชุม", 0, 10), ops.settings()]
    qtbot.waitUntil(lambda: all(j.done for j in jobs), timeout=10_000)
    assert all(j.error is None for j in jobs), [j.error for j in jobs]
    threads = {j.worker_thread_id for j in jobs}
    assert len(threads) == 1  # one worker owns every database access
    assert threading.get_ident() not in threads
    assert all(j.lane is Lane.DATABASE for j in jobs)


def test_ui_thread_keeps_running_while_the_database_lane_is_busy(qtbot, start_desktop) -> None:
    desktop = start_desktop()
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    running = threading.Event()
    gate = threading.Event()

    def blocked(_p: object) -> bool:
        running.set()
        return gate.wait(30)

    slow = desktop.operations.submit("slow", Lane.DATABASE, blocked)
    # submit() came back while the job is still held on the worker: it did not run here.
    assert running.wait(10) and not slow.done
    # The event loop keeps turning (timer ticks delivered) while the worker is blocked.
    qtbot.waitUntil(lambda: len(ticks) >= 20, timeout=10_000)
    assert not slow.done
    gate.set()
    qtbot.waitUntil(lambda: slow.done, timeout=10_000)
    timer.stop()
    assert slow.error is None


def test_errors_come_back_as_plain_words(qtbot, start_desktop) -> None:
    from korat_desktop.ui.error_text import error_text

    desktop = start_desktop()
    job = desktop.operations.detail(999_999)
    with qtbot.waitSignal(job.failed, timeout=5_000) as failed:
        pass
    error = failed.args[0]
    assert error.code == "store.entry_not_found"
    assert "999999" in error_text(error)


def test_an_answer_for_a_closed_window_is_dropped(qtbot, start_desktop) -> None:
    """A letter's window closed while its data loads: the answer must not reach it."""
    from PySide6.QtWidgets import QLabel
    from shiboken6 import delete

    desktop = start_desktop()
    ops = desktop.operations
    gate = threading.Event()
    label = QLabel()
    seen: list[object] = []
    job = ops.submit("slow", Lane.DATABASE, lambda _p: gate.wait(5) and "answer")
    job.then(lambda value: label.setText(str(value)))  # closes over a widget
    job.then(seen.append)  # no widget: always delivered
    delete(label)  # the window went away (C++ side deleted) before the answer
    gate.set()
    qtbot.waitUntil(lambda: job.done, timeout=5_000)
    assert seen == ["answer"]  # delivered where it can be; no RuntimeError from the label
