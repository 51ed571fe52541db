"""The only door from the UI to the core: background operations that return plain data.

Every method submits a :class:`~korat_desktop.ui.jobs.Job` on a lane and returns it at
once; the UI thread never waits. Results are the core's frozen dataclasses
(``RegisterEntry``, ``DocumentDetail``, ``BatchResult``, ``SignReport`` ...), never a
session or an ORM object. When a mutation succeeds, its :class:`Changes` are emitted
on :attr:`Operations.changes`, the one signal every view refreshes from.

Lanes: the database lane owns the :class:`KoratApp` (opened on it, used only on it,
closed on it). Token listing and logging in run on the token lane. A signing batch
runs on the database lane with a session the token lane opened: each signature is
stored in its own transaction as soon as it is made, which the core does inside one
call, and while it runs the token lane is told to leave the token alone (polling
pauses), so a PKCS#11 session is never used by two threads at once.
"""

from __future__ import annotations

import contextlib
import io
import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal

from korat_desktop.errors import StoreError, UsageError
from korat_desktop.ui import sync_bridge
from korat_desktop.ui.input_files import read_file
from korat_desktop.ui.jobs import Job, Lane, LanePools, Progress
from korat_desktop.ui.signer_handle import SignerHandle

if TYPE_CHECKING:  # the core's types load after the window paints
    import datetime as dt

    from korat_desktop.app import KoratApp
    from korat_desktop.config import ConfigProblem, SettingValue
    from korat_desktop.demo.session import DemoSession
    from korat_desktop.domain.registers import RegisterEntry, RegisterKind
    from korat_desktop.services.actor import Person
    from korat_desktop.services.diagnostics import SavedDiagnostics
    from korat_desktop.services.intake import DuplicateLetter, IntakeResult
    from korat_desktop.services.printing import Printout
    from korat_desktop.services.queries import SearchFilters
    from korat_desktop.services.registration import BatchResult, LetterIntake
    from korat_desktop.services.results import (
        Changed,
        Changes,
        DocumentDetail,
        OfficeInfo,
        OfficeResult,
        RegisterResult,
        SettingsResult,
        SettingsView,
    )
    from korat_desktop.services.signing_ops import SignReport
    from korat_desktop.services.token_listing import TokenListing
    from korat_desktop.services.updates import UpdateApplied
    from korat_desktop.signing import Appearance, TokenSlot
    from korat_desktop.signing.validate import ValidationReport
    from korat_desktop.updates.client import UpdateCheck
    from korat_desktop.updates.install import PackageInstaller

__all__ = ["DemoToken", "Operations", "SignerHandle", "read_file"]

log = logging.getLogger(__name__)

T = TypeVar("T")
C = TypeVar("C", bound="Changed")  # a mutation's result: it carries its Changes


@dataclass(frozen=True)
class DemoToken:
    """The SoftHSM demo token, or why there is none (``missing``: what to install)."""

    label: str = ""
    certificate: str = ""
    pin: str = ""
    trust_root: str = ""
    tsa_url: str = ""  # the demo's own timestamp service (OCSP on the same port)
    missing: str = ""


class Operations(QObject):
    """Background operations over one data dir (see the module docstring)."""

    changes = Signal(object)  # korat_desktop.services.results.Changes
    settings_changed = Signal(object)  # list[SettingValue]
    busy_changed = Signal(int)  # jobs still running
    closed = Signal()  # after shutdown(): the store is closed and its lock released

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pools = LanePools()
        self._app: KoratApp | None = None
        self.signing_active = False  # the token poller stays away while a batch signs
        self._sync_stop: threading.Event | None = None
        self._sync_job: Job | None = None
        self._closing = False
        self._pending_changes: list[Changes] = []
        self.update_installer: PackageInstaller | None = None  # None: the platform's own
        from korat_desktop.ui.courier_operations import CourierOperations
        from korat_desktop.ui.draft_operations import DraftOperations
        from korat_desktop.ui.hub_operations import HubOperations
        from korat_desktop.ui.scan_operations import ScanOperations
        from korat_desktop.ui.secret_operations import SecretOperations

        self.hub = HubOperations(self)  # sign-in, directory, inbox, outbox, delivery
        self.drafts = DraftOperations(self)  # ร่าง
        self.courier = CourierOperations(self)  # bundles on removable drives
        self.secrets = SecretOperations(self)  # ลับ/ลับมาก: the office key's padlock
        self.scans = ScanOperations(self)  # OCR of scanned letters, on its own lane

    # -- plumbing ------------------------------------------------------------------------
    def submit(self, name: str, lane: Lane, work: Callable[[Progress], T]) -> Job[T]:
        if self._closing:  # the store is being closed: nothing may start on it now
            work = _refused  # type: ignore[assignment]
        job = self._pools.submit(name, lane, work)
        self.busy_changed.emit(self._pools.running)
        job.finished.connect(self._job_finished)  # a slot: dropped if we are deleted first
        return job

    @property
    def lanes(self) -> LanePools:
        """The lanes themselves, for work that must run even while closing (it only
        reads or ends a wait: ui/scan_operations.py)."""
        return self._pools

    def _job_finished(self) -> None:
        self.busy_changed.emit(self._pools.running)

    def database_job(self, name: str, fn: Callable[[KoratApp], T]) -> Job[T]:
        """``fn(app)`` on the database lane: a query, it changes nothing."""
        def work(_progress: Progress) -> T:
            return fn(self.require_app())

        return self.submit(name, Lane.DATABASE, work)

    def mutation_job(self, name: str, fn: Callable[[KoratApp], C]) -> Job[C]:
        """``fn(app)`` on the database lane; the Changes it returns refresh the views."""
        return self.announcing(self.database_job(name, fn))

    def announcing(self, job: Job[C]) -> Job[C]:
        """Emit the job's Changes on :attr:`changes` once it succeeds (any lane)."""
        job.succeeded.connect(self._announce)
        return job

    def require_app(self) -> KoratApp:
        if self._app is None:
            raise StoreError("store.not_initialized", path="-")
        return self._app

    def _announce(self, result: Changed) -> None:
        if not result.changes.empty:
            self.changes.emit(result.changes)

    @property
    def running(self) -> int:
        return self._pools.running

    @property
    def running_jobs(self) -> frozenset[Job[Any]]:
        """The jobs not finished yet (a long-lived one, like a background reader, too)."""
        return self._pools.jobs

    # -- opening and closing ---------------------------------------------------------------
    def open(self, data_dir: Path | None) -> Job[OfficeInfo | None]:
        """Open the data dir exclusively (the desktop app); result: OfficeInfo or None.

        ``store.already_open`` comes back as the error when another program has it.
        """
        def work(_progress: Progress) -> OfficeInfo | None:
            from korat_desktop.app import open_app

            if self._app is None:
                self._app = open_app(data_dir, exclusive=True, create=True,
                                     purpose="korat-desktop")
            return _office_or_none(self._app)

        return self.submit("open", Lane.DATABASE, work)

    def shutdown(self) -> None:
        """Close the store without blocking the window; :attr:`closed` follows.

        The order is what keeps the store whole: the running sync is told to stop at
        its next safe point (between chunks and items, so the outbox and inbox stay
        resumable), every job already on the network lane finishes, and only then is the
        store closed on its own lane, so the lock and the writer mark go when nothing
        can write any more. Work asked for from now on is refused (``store.closing``).
        """
        if self._closing:
            return
        self._closing = True
        if self._sync_stop is not None:
            self._sync_stop.set()
        # the network lane runs its work in order: this runs once all before it is done
        drained = self._pools.submit("drain-network", Lane.NETWORK, _nothing)
        drained.finished.connect(self._close_store)

    def _close_store(self) -> None:
        def work(_progress: Progress) -> None:
            app, self._app = self._app, None
            if app is not None:
                app.close()

        self._pools.submit("close", Lane.DATABASE, work).finished.connect(self.closed)

    @property
    def closing(self) -> bool:
        return self._closing

    @property
    def syncing(self) -> bool:
        """A sync pass is on the network lane (it may take a moment to stop)."""
        return self._sync_job is not None and not self._sync_job.done

    def start_demo(self, data_dir: Path) -> Job[DemoSession | None]:
        """The full demo (before :meth:`open`): a local hub, this office signed in to it
        with sample letters, and the simulated second office; result: DemoSession, or
        None when the hub could not start (then a standalone demo office is made)."""
        def work(_progress: Progress) -> DemoSession | None:
            from korat_desktop.demo.letters import seed_demo_office
            from korat_desktop.demo.session import DemoSession

            try:
                return DemoSession.start(data_dir)
            except (ImportError, OSError, RuntimeError) as e:  # no hub extras, no port
                log.warning("demo hub: %s", e)
                if not (data_dir / "korat.sqlite3").exists():
                    seed_demo_office(data_dir)
                return None

        return self.submit("start-demo", Lane.DATABASE, work)

    def make_demo_token(self, directory: Path) -> Job[DemoToken]:
        """A SoftHSM demo token with a test certificate (needs the test extras)."""
        def work(_progress: Progress) -> DemoToken:
            return _demo_token(directory)

        return self.submit("demo-token", Lane.TOKEN, work)

    # -- the office ----------------------------------------------------------------------
    def office(self) -> Job[OfficeInfo]:
        """The office this data dir belongs to (``store.not_initialized`` before init)."""
        return self.database_job("office", lambda app: app.office.info())

    def person(self) -> Job[Person]:
        """Who the history names on this PC (the hub user, ``user.name`` or nobody yet)."""
        def run(app: KoratApp) -> Person:
            from korat_desktop.services.actor import current_person

            return current_person(app)

        return self.database_job("person", run)

    def init_office(self, code: str, name: str) -> Job[OfficeResult]:
        return self.mutation_job("init-office", lambda app: app.office.init(code, name))

    # -- registers and documents -----------------------------------------------------------
    def register_count(self, register: RegisterKind, year_be: int | None) -> Job[int]:
        return self.database_job("count", lambda app: app.queries.count(register, year_be))

    def register_page(self, register: RegisterKind, year_be: int | None, offset: int,
                      limit: int) -> Job[list[RegisterEntry]]:
        return self.database_job("page", lambda app: app.queries.entries(
            register, year_be, offset=offset, limit=limit, urgent_first=True))

    def register_years(self, register: RegisterKind) -> Job[list[int]]:
        return self.database_job("years", lambda app: app.queries.years(register))

    def search(self, text: str, offset: int, limit: int,
               filters: SearchFilters | None = None) -> Job[list[RegisterEntry]]:
        return self.database_job("search", lambda app: app.queries.search(
            text, limit=limit, offset=offset, filters=filters))

    def detail(self, entry_id: int) -> Job[DocumentDetail]:
        return self.database_job("detail", lambda app: app.queries.show(entry_id))

    def pdf(self, entry_id: int, version: int | None = None) -> Job[bytes]:
        return self.database_job("pdf", lambda app: app.queries.pdf(entry_id, version))

    def preview_pdf(self, entry_id: int) -> Job[bytes]:
        """The entry's latest PDF as it looks printed: stamps and signature boxes drawn
        into the pages (:mod:`korat_desktop.pdf.preview`); for the screen only."""
        def run(app: KoratApp) -> bytes:
            from korat_desktop.pdf.preview import preview_copy

            return preview_copy(app.queries.pdf(entry_id))

        return self.database_job("preview", run)

    def read_pdf_file(self, path: Path) -> Job[bytes]:
        """A PDF file's bytes for a preview before it is registered (file I/O off the UI),
        its stamps drawn in as the letter view shows them (:meth:`preview_pdf`)."""
        def run(_progress: Progress) -> bytes:
            from korat_desktop.pdf.preview import preview_copy

            return preview_copy(read_file(path))

        return self.submit("read-file", Lane.DATABASE, run)

    def export_pdf(self, entry_id: int, target: str | Path) -> Job[Path]:
        """Write the entry's latest PDF to ``target`` (:func:`korat_desktop.files.write_file`)."""
        def run(app: KoratApp) -> Path:
            from korat_desktop.files import write_file

            path = Path(target)
            write_file(path, app.queries.pdf(entry_id))
            return path

        return self.database_job("export", run)

    def intake_file(self, path: Path) -> Job[IntakeResult]:
        """The fields a PDF's text proposes and the registered letters it repeats (smart
        intake); nothing is stored. ``pdf.*`` when the file cannot be a letter. A scan's
        first page is read by OCR on the OCR lane (ui/scan_operations.py)."""
        return self.scans.intake_file(path)

    def intake_duplicates(self, sha256: str, letter_number: str,
                          letter_date: dt.date | None) -> Job[tuple[DuplicateLetter, ...]]:
        """Registered letters with these bytes, or this ที่ on this ลงวันที่."""
        return self.database_job("duplicates", lambda app: app.intake.duplicates(
            sha256, letter_number, letter_date))

    def receive_files(self, items: Sequence[tuple[Path, LetterIntake]]) -> Job[BatchResult]:
        """Register incoming letters (one transaction)."""
        def run(app: KoratApp) -> BatchResult:
            loaded = [(read_file(path), intake) for path, intake in items]
            if len(loaded) == 1:
                from korat_desktop.services.registration import BatchResult

                one = app.registration.receive(*loaded[0])
                return BatchResult((one.entry,), (), one.changes)
            return app.registration.receive_many(loaded)

        return self.mutation_job("receive", run)

    def send_file(self, path: Path, intake: LetterIntake,
                  circular: bool) -> Job[RegisterResult]:
        """Register an outgoing letter and issue its number."""
        return self.mutation_job("send", lambda app: app.registration.send(
            read_file(path), intake, circular))

    def printout_letter(self, entry_id: int) -> Job[Printout]:
        """The letter's PDF to print, as the preview shows it (a secret letter's
        printing is audited: services/printing.py)."""
        return self.database_job("print-letter", lambda app: app.printing.letter(entry_id))

    def printout_register(self, register: RegisterKind, first: dt.date,
                          last: dt.date) -> Job[Printout]:
        return self.database_job("print-register", lambda app: app.printing.register(
            register, first, last))

    def printout_slip(self, entry_ids: Sequence[int]) -> Job[Printout]:
        ids = list(entry_ids)
        return self.database_job("print-slip", lambda app: app.printing.delivery_slip(ids))

    def verify(self, entry_id: int) -> Job[ValidationReport]:
        def run(app: KoratApp) -> ValidationReport:
            _quiet_signing_libraries()
            return app.signing.verify(entry_id)

        return self.database_job("verify", run)

    # -- settings --------------------------------------------------------------------------
    def settings(self) -> Job[list[SettingValue]]:
        """Every setting as the files say now (re-read: IT or ``korat config set`` may
        have changed them since the app opened)."""
        def run(app: KoratApp) -> list[SettingValue]:
            app.config.reload()
            return app.config.describe()

        return self.database_job("settings", run)

    def settings_view(self) -> Job[SettingsView]:
        """What the settings window shows: the settings and the office."""
        def run(app: KoratApp) -> SettingsView:
            from korat_desktop.services.results import SettingsView

            app.config.reload()
            return SettingsView(tuple(app.config.describe()), _office_or_none(app),
                                app.config.paths)

        return self.database_job("settings-view", run)

    def annotate(self, entry_id: int, action: str, remarks: str) -> Job[RegisterResult]:
        """การปฏิบัติ and หมายเหตุ of an entry (audited by the core)."""
        return self.mutation_job("annotate", lambda app: app.registration.annotate(
            entry_id, action=action, remarks=remarks))

    def config_problems(self) -> Job[tuple[ConfigProblem, ...]]:
        """Machine settings left out at start (bad value, unreadable file): IT must hear."""
        return self.database_job("config-problems", lambda app: app.config.problem_views())

    def change_settings(self, values: Mapping[str, Any]) -> Job[SettingsResult]:
        """Write user settings; ``settings_changed`` carries the new values to the app."""
        def run(app: KoratApp) -> SettingsResult:
            from korat_desktop.services.results import SettingsResult

            for key, value in values.items():
                app.config.set_user(key, value)
            return SettingsResult(tuple(app.config.describe()))

        job = self.mutation_job("change-settings", run)
        job.succeeded.connect(lambda result: self.settings_changed.emit(list(result.settings)))
        return job

    # -- help ------------------------------------------------------------------------------
    def save_diagnostics(self, folder: Path) -> Job[SavedDiagnostics]:
        """The zip ``korat diagnostics`` makes, saved into ``folder`` under a Buddhist-Era
        dated name; progress ``(done, total)`` per part. Nothing in the store changes."""
        def work(progress: Progress) -> SavedDiagnostics:
            from korat_desktop.services.diagnostics import save_diagnostics

            app = self.require_app()
            return save_diagnostics(app.config, app, folder,
                                    lambda done, total: progress(done, total))

        return self.submit("diagnostics", Lane.DATABASE, work)

    # -- updates of the app (korat updates) -------------------------------------------------
    def check_update(self, from_dir: Path | None = None) -> Job[UpdateCheck]:
        """TUF check against the hub (or a USB copy of the repository), off the UI thread."""
        def work(_progress: Progress) -> UpdateCheck:
            from korat_desktop.services.updates import UpdateOperations

            app = self.require_app()
            ops = UpdateOperations(app.config, self.update_installer)
            return ops.check(ops.source(from_dir, app=app))

        return self.submit("update-check", Lane.NETWORK, work)

    def apply_update(self, from_dir: Path | None = None) -> Job[UpdateApplied]:
        """Fetch, verify and install the newest package (the clerk said yes, or policy is
        silent); progress ``(bytes, total)`` while the package comes."""
        def work(progress: Progress) -> UpdateApplied:
            from korat_desktop.services.updates import UpdateOperations

            app = self.require_app()
            ops = UpdateOperations(app.config, self.update_installer)
            source = ops.source(from_dir, on_bytes=lambda done, total: progress(done, total),
                                app=app)
            return ops.apply(source, assume_yes=True)

        return self.submit("update-apply", Lane.NETWORK, work)

    # -- tokens and signing ------------------------------------------------------------------
    def tokens(self) -> Job[list[TokenListing]]:
        """Every token present, with its certificates (as ``korat tokens`` lists them)."""
        def work(_progress: Progress) -> list[TokenListing]:
            if self.signing_active:
                raise UsageError("usage.bad_argument", name="token", detail="busy")
            return self.require_app().signing.tokens()

        return self.submit("tokens", Lane.TOKEN, work)

    def open_signer(self, token: TokenSlot, cert_label: str | None,
                    pin: str | None) -> Job[SignerHandle]:
        """Log in to ``token`` (one PIN for a batch); result: SignerHandle.

        The PIN goes to the token and is dropped: it is held in a one-slot list that
        the worker empties, so no closure, job or log keeps it.
        """
        secret = [pin]

        def work(_progress: Progress) -> SignerHandle:
            from korat_desktop.signing.signers import TokenSession

            typed = secret.pop() if secret else None
            try:
                session = TokenSession.open(token, cert_label=cert_label, pin=typed,
                                            chain_candidates=self.require_app().signing.chain())
            finally:
                del typed
            return SignerHandle(session)

        return self.submit("open-signer", Lane.TOKEN, work)

    def sign(self, entry_ids: Sequence[int], signer: SignerHandle,
             appearance: Appearance | None) -> Job[SignReport]:
        """Sign each entry's latest version on ``signer``."""
        ids = list(entry_ids)

        def work(progress: Progress) -> SignReport:
            session = signer._session
            if session is None:
                raise UsageError("usage.bad_argument", name="signer", detail="closed")
            app = self.require_app()
            _quiet_signing_libraries()
            self.signing_active = True
            done = [0]

            def step(_result: Any) -> None:
                done[0] += 1
                progress(done[0], len(ids))

            try:
                return app.signing.sign(ids, session, appearance, progress=step)
            finally:
                self.signing_active = False

        return self.announcing(self.submit("sign", Lane.DATABASE, work))

    def close_signer(self, signer: SignerHandle) -> Job[None]:
        def work(_progress: Progress) -> None:
            session, signer._session = signer._session, None
            if session is not None:
                session.close()

        return self.submit("close-signer", Lane.TOKEN, work)

    # -- sync (through app.sync when the app has it) --------------------------------------
    def sync_status(self) -> Job[sync_bridge.SyncStatus]:
        return self.database_job("sync-status", sync_bridge.read_status)

    def sync_now(self) -> Job[sync_bridge.SyncStatus]:
        """One sync pass on the network lane; its changes refresh the views."""
        stop = threading.Event()
        self._sync_stop = stop

        def work(progress: Progress) -> sync_bridge.SyncStatus:
            status, changes = sync_bridge.sync_now(self._app, progress, stop)
            if not changes.empty:
                self._pending_changes.append(changes)
            return status

        job = self.submit("sync-now", Lane.NETWORK, work)
        job.finished.connect(self._flush_changes)
        self._sync_job = job
        return job

    def _flush_changes(self) -> None:
        while self._pending_changes:
            self.changes.emit(self._pending_changes.pop(0))

    def set_sync_paused(self, paused: bool) -> Job[sync_bridge.SyncStatus]:
        if paused and self._sync_stop is not None:
            self._sync_stop.set()  # a running sync stops at its next safe point
        return self.database_job("sync-pause", lambda app: sync_bridge.set_paused(app, paused))


# -- work done on the lanes ------------------------------------------------------------------
def _nothing(_progress: Progress) -> None:
    return None


def _refused(_progress: Progress) -> None:
    raise StoreError("store.closing")


def _office_or_none(app: KoratApp) -> OfficeInfo | None:
    try:
        return app.office.info()
    except StoreError as e:
        if e.code == "store.not_initialized":
            return None
        raise


def _quiet_signing_libraries() -> None:
    # pyHanko logs every failed validation path with a traceback; the verdicts say it better.
    for name in ("pyhanko", "pyhanko_certvalidator"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _demo_token(directory: Path) -> DemoToken:
    import json
    import os
    import shutil

    if shutil.which("softhsm2-util") is None:
        return DemoToken(missing="softhsm2")
    try:  # the demo extra (certomancer) may not be installed
        from korat_desktop.demo import token as demo_token
    except ImportError:
        return DemoToken(missing="demo-extra")
    state_file = directory / demo_token.STATE
    if not state_file.exists() and directory.exists():
        shutil.rmtree(directory)  # a half-made token from an interrupted first start
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            demo_token.main([str(directory), "--no-serve"])
    except (ImportError, OSError, SystemExit) as e:
        log.warning("demo token: %s", e)
        return DemoToken(missing="demo-extra")
    state = json.loads(state_file.read_text(encoding="utf-8"))
    os.environ["SOFTHSM2_CONF"] = str(state["softhsm2_conf"])
    try:  # the demo's TSA and OCSP, so a signature goes B-B → B-LT at the next sync
        _DEMO_SERVICES.append(demo_token.serve_in_thread(directory))
    except OSError as e:  # the port is taken: make-demo-token --serve may serve it already
        log.warning("demo TSA/OCSP: %s", e)
    return DemoToken(label=str(state["token"]), certificate=str(state["certificate"]),
                     pin=str(state["pin"]), trust_root=str(state["trust_root"]),
                     tsa_url=str(state["tsa_url"]))


_DEMO_SERVICES: list[Any] = []  # the demo's TSA/OCSP server, alive as long as the app
