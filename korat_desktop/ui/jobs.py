"""Background jobs on lanes: how work leaves the UI thread and how its result comes back.

A *lane* is a pool with exactly one thread that never expires. Work on one lane runs
in order on that thread, so the database lane's thread is the only one that ever
touches the SQLite connections, and the token lane's thread the only one that talks
to PKCS#11 while nobody signs. Network work has its own lane so a slow hub never holds
up a register page.

A :class:`Job` lives on the UI thread. The worker hands its outcome to the job through
a queued signal, so every public signal (``progress``, ``succeeded``, ``failed``,
``finished``) is emitted on the UI thread, where widgets may be touched.
"""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

__all__ = ["Job", "Lane", "LanePools", "Progress", "Work"]

T = TypeVar("T")

log = logging.getLogger(__name__)


class Lane(enum.Enum):
    DATABASE = "database"
    TOKEN = "token"
    NETWORK = "network"
    OCR = "ocr"  # seconds per page: never in the way of the store, tokens or sync


class Progress:
    """Handed to work functions: ``progress(done, total, text)``, callable from any thread."""

    def __init__(self, job: Job) -> None:
        self._job = job

    def __call__(self, done: int, total: int, text: str = "") -> None:
        self._job._report.emit(done, total, text)


Work = Callable[[Progress], T]  # Work[T]: what a lane runs; its result is the job's


class Job(QObject, Generic[T]):
    """One operation in flight, whose result is a ``T``. Use :meth:`then`, or the signals.

    ``succeeded`` carries the ``T`` (Qt signals cannot say so; :meth:`then` does).
    """

    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception; KoratError for everything the core raises
    finished = Signal()

    _report = Signal(int, int, str)
    _outcome = Signal(bool, object)

    def __init__(self, name: str, lane: Lane) -> None:
        super().__init__()
        self.name = name
        self.lane = lane
        self.done = False
        self.result: T | None = None
        self.error: BaseException | None = None
        self.worker_thread_id: int | None = None
        self._report.connect(self.progress)
        self._outcome.connect(self._deliver)

    def then(self, on_success: Callable[[T], object] | None = None,
             on_failure: Callable[[BaseException], object] | None = None, *,
             owner: QObject | None = None) -> Job[T]:
        """Call back on the UI thread, unless the widget that asked is gone by then.

        A clerk may close a letter's window while its signatures are still being
        checked; the answer must then be dropped, not delivered to deleted widgets.
        The owner is ``owner`` or else the QObject the callback belongs to (a bound
        method's object, or the ``self`` a lambda closes over).
        """
        if on_success is not None:
            self.succeeded.connect(_guarded(on_success, owner))
        if on_failure is not None:
            self.failed.connect(_guarded(on_failure, owner))
        return self

    @Slot(bool, object)
    def _deliver(self, ok: bool, value: object) -> None:
        self.done = True
        if ok:
            self.result = value  # type: ignore[assignment]  # what the work returned: a T
            self.succeeded.emit(value)
        else:
            assert isinstance(value, BaseException)
            self.error = value
            self.failed.emit(value)
        self.finished.emit()


def _owner_of(callback: Callable[..., object]) -> QObject | None:
    bound = getattr(callback, "__self__", None)
    if isinstance(bound, QObject):
        return bound
    for cell in getattr(callback, "__closure__", None) or ():
        try:
            value = cell.cell_contents
        except ValueError:  # an empty cell
            continue
        if isinstance(value, QObject):
            return value
    return None


def _guarded(callback: Callable[[Any], object],
             owner: QObject | None) -> Callable[[Any], object]:
    owner = owner if owner is not None else _owner_of(callback)
    if owner is None:
        return callback
    # shiboken knows whether the C++ object behind the owner still exists
    from shiboken6 import isValid

    def call(value: Any) -> None:
        if isValid(owner):
            callback(value)
        else:
            log.debug("result dropped: its window was closed")

    return call


class _Task(QRunnable, Generic[T]):
    def __init__(self, job: Job[T], work: Work[T]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._job = job
        self._work: Work[T] | Work[None] = work

    def run(self) -> None:
        job = self._job
        job.worker_thread_id = threading.get_ident()
        try:
            result = self._work(Progress(job))
        except BaseException as e:  # handed to the UI thread, which shows it
            if not _expected(e):
                log.exception("job %s failed", job.name)
            job._outcome.emit(False, e)
        else:
            job._outcome.emit(True, result)
        finally:
            self._work = _done  # drop the closure (and anything secret it held) now


class _Plain(QRunnable):
    def __init__(self, fn: Callable[[], None]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn: Callable[[], None] | None = fn

    def run(self) -> None:
        fn, self._fn = self._fn, None
        if fn is not None:
            fn()


def _done(_progress: Progress) -> None:
    return None


def _expected(e: BaseException) -> bool:
    from korat_desktop.errors import KoratError

    return isinstance(e, KoratError)


class LanePools:
    """One single-thread pool per lane; keeps jobs alive until they have finished."""

    def __init__(self) -> None:
        self._pools: dict[Lane, QThreadPool] = {}
        for lane in Lane:
            pool = QThreadPool()
            pool.setMaxThreadCount(1)
            pool.setExpiryTimeout(-1)  # the same thread for the life of the app
            self._pools[lane] = pool
        self._running: set[Job[Any]] = set()

    def submit(self, name: str, lane: Lane, work: Work[T]) -> Job[T]:
        job: Job[T] = Job(name, lane)
        self._running.add(job)
        job.finished.connect(lambda: self._running.discard(job))
        self._pools[lane].start(_Task(job, work))
        return job

    def run_plain(self, lane: Lane, fn: Callable[[], None]) -> None:
        """Run ``fn`` on ``lane`` with no Job: for work queued from another lane's
        thread, which has no event loop to deliver a Job's signals (ui/scan_operations.py
        waits on a Future instead). ``fn`` must not raise."""
        self._pools[lane].start(_Plain(fn))

    @property
    def running(self) -> int:
        return len(self._running)

    @property
    def jobs(self) -> frozenset[Job[Any]]:
        """The jobs not finished yet."""
        return frozenset(self._running)

    def wait(self, timeout_ms: int = 30_000) -> bool:
        return all(pool.waitForDone(timeout_ms) for pool in self._pools.values())
