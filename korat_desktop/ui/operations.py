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
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from korat_desktop.errors import StoreError, UsageError
from korat_desktop.ui import sync_bridge
from korat_desktop.ui.jobs import Job, Lane, LanePools, Progress

if TYPE_CHECKING:  # the core's types load after the window paints
    from korat_desktop.app import KoratApp
    from korat_desktop.domain.registers import RegisterKind
    from korat_desktop.services.registration import LetterIntake
    from korat_desktop.services.results import Changes
    from korat_desktop.signing import Appearance, TokenCertificate, TokenSlot
    from korat_desktop.signing.certificates import CertificateInfo
    from korat_desktop.signing.signers import TokenSession

__all__ = ["DemoToken", "Operations", "SignerHandle", "TokenListing", "read_file"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TokenListing:
    """A token present now, with its certificates (public objects: no PIN needed)."""

    token: TokenSlot
    certificates: tuple[TokenCertificate, ...]
    error_code: str | None = None  # the token is there but its certificates could not be read


class SignerHandle:
    """A logged-in token session, held by the UI only as a ticket to pass back.

    The UI reads :attr:`info` (who signs) and never touches the session itself.
    """

    def __init__(self, session: TokenSession) -> None:
        self._session: TokenSession | None = session
        self.info: CertificateInfo = session.info

    @property
    def open(self) -> bool:
        return self._session is not None


@dataclass(frozen=True)
class DemoToken:
    """The SoftHSM demo token, or why there is none (``missing``: what to install)."""

    label: str = ""
    certificate: str = ""
    pin: str = ""
    trust_root: str = ""
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
        from korat_desktop.ui.draft_operations import DraftOperations
        from korat_desktop.ui.hub_operations import HubOperations

        self.hub = HubOperations(self)  # sign-in, directory, inbox, outbox, delivery
        self.drafts = DraftOperations(self)  # ร่าง

    # -- plumbing ------------------------------------------------------------------------
    def submit(self, name: str, lane: Lane, work: Callable[[Progress], Any]) -> Job:
        if self._closing:  # the store is being closed: nothing may start on it now
            work = _refused
        job = self._pools.submit(name, lane, work)
        self.busy_changed.emit(self._pools.running)
        job.finished.connect(self._job_finished)  # a slot: dropped if we are deleted first
        return job

    def _job_finished(self) -> None:
        self.busy_changed.emit(self._pools.running)

    def _db(self, name: str, fn: Callable[[KoratApp], Any], *,
            mutation: bool = False) -> Job:
        def work(_progress: Progress) -> Any:
            return fn(self.require_app())

        job = self.submit(name, Lane.DATABASE, work)
        if mutation:
            job.succeeded.connect(self._announce)
        return job

    def database_job(self, name: str, fn: Callable[[KoratApp], Any], *,
                     mutation: bool = False) -> Job:
        """``fn(app)`` on the database lane; a mutation's Changes refresh the views."""
        return self._db(name, fn, mutation=mutation)

    def require_app(self) -> KoratApp:
        if self._app is None:
            raise StoreError("store.not_initialized", path="-")
        return self._app

    def _announce(self, result: Any) -> None:
        from korat_desktop.services.results import Changes

        changes = getattr(result, "changes", None)
        if changes is None and isinstance(result, tuple):
            changes = next((c for c in result if isinstance(c, Changes)), None)
        if isinstance(changes, Changes) and not changes.empty:
            self.changes.emit(changes)

    @property
    def running(self) -> int:
        return self._pools.running

    # -- opening and closing ---------------------------------------------------------------
    def open(self, data_dir: Path | None) -> Job:
        """Open the data dir exclusively (the desktop app); result: OfficeInfo or None.

        ``store.already_open`` comes back as the error when another program has it.
        """
        def work(_progress: Progress) -> Any:
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

    def start_demo(self, data_dir: Path) -> Job:
        """The full demo (before :meth:`open`): a local hub, this office signed in to it
        with sample letters, and the simulated second office; result: DemoSession, or
        None when the hub could not start (then a standalone demo office is made)."""
        def work(_progress: Progress) -> Any:
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

    def make_demo_token(self, directory: Path) -> Job:
        """A SoftHSM demo token with a test certificate (needs the test extras)."""
        def work(_progress: Progress) -> DemoToken:
            return _demo_token(directory)

        return self.submit("demo-token", Lane.TOKEN, work)

    # -- the office ----------------------------------------------------------------------
    def office(self) -> Job:
        return self._db("office", _office_or_none)

    def init_office(self, code: str, name: str) -> Job:
        return self._db("init-office", lambda app: app.office.init(code, name), mutation=True)

    # -- registers and documents -----------------------------------------------------------
    def register_count(self, register: RegisterKind, year_be: int | None) -> Job:
        return self._db("count", lambda app: app.queries.count(register, year_be))

    def register_page(self, register: RegisterKind, year_be: int | None, offset: int,
                      limit: int) -> Job:
        return self._db("page", lambda app: app.queries.entries(
            register, year_be, offset=offset, limit=limit, urgent_first=True))

    def register_years(self, register: RegisterKind) -> Job:
        return self._db("years", lambda app: app.queries.years(register))

    def search(self, text: str, offset: int, limit: int) -> Job:
        return self._db("search", lambda app: app.queries.search(text, limit=limit,
                                                                  offset=offset))

    def detail(self, entry_id: int) -> Job:
        return self._db("detail", lambda app: app.queries.show(entry_id))

    def pdf(self, entry_id: int, version: int | None = None) -> Job:
        return self._db("pdf", lambda app: app.queries.pdf(entry_id, version))

    def read_pdf_file(self, path: Path) -> Job:
        """A PDF file's bytes for a preview before it is registered (file I/O off the UI)."""
        return self.submit("read-file", Lane.DATABASE, lambda _p: read_file(path))

    def export_pdf(self, entry_id: int, target: str | Path) -> Job:
        """Write the entry's latest PDF to ``target`` (:func:`korat_desktop.files.write_file`)."""
        def run(app: KoratApp) -> Path:
            from korat_desktop.files import write_file

            path = Path(target)
            write_file(path, app.queries.pdf(entry_id))
            return path

        return self._db("export", run)

    def receive_files(self, items: Sequence[tuple[Path, LetterIntake]]) -> Job:
        """Register incoming letters (one transaction); result: BatchResult."""
        def run(app: KoratApp) -> Any:
            loaded = [(read_file(path), intake) for path, intake in items]
            if len(loaded) == 1:
                from korat_desktop.services.registration import BatchResult

                one = app.registration.receive(*loaded[0])
                return BatchResult((one.entry,), (), one.changes)
            return app.registration.receive_many(loaded)

        return self._db("receive", run, mutation=True)

    def send_file(self, path: Path, intake: LetterIntake, circular: bool) -> Job:
        """Register an outgoing letter and issue its number; result: RegisterResult."""
        return self._db("send", lambda app: app.registration.send(
            read_file(path), intake, circular), mutation=True)

    def verify(self, entry_id: int) -> Job:
        def run(app: KoratApp) -> Any:
            _quiet_signing_libraries()
            return app.signing.verify(entry_id)

        return self._db("verify", run)

    # -- settings --------------------------------------------------------------------------
    def settings(self) -> Job:
        return self._db("settings", lambda app: app.config.describe())

    def change_settings(self, values: Mapping[str, Any]) -> Job:
        def run(app: KoratApp) -> Any:
            for key, value in values.items():
                app.config.set_user(key, value)
            return app.config.describe()

        job = self._db("change-settings", run)
        job.succeeded.connect(self.settings_changed)
        return job

    # -- tokens and signing ------------------------------------------------------------------
    def tokens(self) -> Job:
        """Every token present, with its certificates; result: list[TokenListing]."""
        def work(_progress: Progress) -> list[TokenListing]:
            if self.signing_active:
                raise UsageError("usage.bad_argument", name="token", detail="busy")
            return _list_tokens(self.require_app())

        return self.submit("tokens", Lane.TOKEN, work)

    def open_signer(self, token: TokenSlot, cert_label: str | None,
                    pin: str | None) -> Job:
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
                                            chain_candidates=_chain(self.require_app()))
            finally:
                del typed
            return SignerHandle(session)

        return self.submit("open-signer", Lane.TOKEN, work)

    def sign(self, entry_ids: Sequence[int], signer: SignerHandle,
             appearance: Appearance | None) -> Job:
        """Sign each entry's latest version on ``signer``; result: SignReport."""
        ids = list(entry_ids)

        def work(progress: Progress) -> Any:
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

        job = self.submit("sign", Lane.DATABASE, work)
        job.succeeded.connect(self._announce)
        return job

    def close_signer(self, signer: SignerHandle) -> Job:
        def work(_progress: Progress) -> None:
            session, signer._session = signer._session, None
            if session is not None:
                session.close()

        return self.submit("close-signer", Lane.TOKEN, work)

    # -- sync (through app.sync when the app has it) --------------------------------------
    def sync_status(self) -> Job:
        return self._db("sync-status", sync_bridge.read_status)

    def sync_now(self) -> Job:
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

    def set_sync_paused(self, paused: bool) -> Job:
        if paused and self._sync_stop is not None:
            self._sync_stop.set()  # a running sync stops at its next safe point
        return self._db("sync-pause", lambda app: sync_bridge.set_paused(app, paused))


# -- work done on the lanes ------------------------------------------------------------------
def _nothing(_progress: Progress) -> None:
    return None


def _refused(_progress: Progress) -> None:
    raise StoreError("store.closing")


def _office_or_none(app: KoratApp) -> Any:
    try:
        return app.office.info()
    except StoreError as e:
        if e.code == "store.not_initialized":
            return None
        raise


def read_file(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError as e:
        raise UsageError("usage.file_not_found", path=str(path)) from e
    except OSError as e:
        raise UsageError("usage.bad_argument", name=str(path), detail=e.strerror or "") from e


def _quiet_signing_libraries() -> None:
    # pyHanko logs every failed validation path with a traceback; the verdicts say it better.
    for name in ("pyhanko", "pyhanko_certvalidator"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _chain(app: KoratApp) -> list[Any]:
    """Intermediate certificates the token may lack, to embed with the signature."""
    from korat_desktop.errors import SigningError
    from korat_desktop.signing import SigningSettings
    from korat_desktop.signing.trust import load_trust_roots

    try:
        return load_trust_roots(SigningSettings.from_config(app.config))
    except SigningError:
        return []


def _list_tokens(app: KoratApp) -> list[TokenListing]:
    from korat_desktop.errors import SigningError
    from korat_desktop.signing import configured_module_paths, find_modules, list_tokens
    from korat_desktop.signing.tokens import list_certificates

    listings = []
    for token in list_tokens(find_modules(configured_module_paths(app.config))):
        try:
            certs = tuple(list_certificates(token))
            listings.append(TokenListing(token, certs))
        except SigningError as e:
            listings.append(TokenListing(token, (), e.code))
    return listings


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
    return DemoToken(label=str(state["token"]), certificate=str(state["certificate"]),
                     pin=str(state["pin"]), trust_root=str(state["trust_root"]))
