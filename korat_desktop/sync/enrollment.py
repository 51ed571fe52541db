"""Signing a device in to the hub (``korat login``) and out again (``korat logout``).

Enrollment turns a standalone install into a device of its agency: from then on
register numbers come from leased blocks (so two offline devices never issue the
same number), and letters can be sent and received through the hub. The hub's
device token goes to the OS keyring; the database keeps only who and where.

Logging out gives back unused leased numbers first and moves the local counters
past every number issued, so the install, standalone again, never reissues one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from korat_desktop.errors import StoreError, SyncError
from korat_desktop.protocol.enrollment import EnrollmentResponse
from korat_desktop.store.audit import AuditLog
from korat_desktop.store.db import raw_connection
from korat_desktop.store.models import Office, RegisterEntryRow, SyncEnrollment
from korat_desktop.sync.backoff import Backoff, Retrier
from korat_desktop.sync.context import SyncContext, utc_now
from korat_desktop.sync.credentials import DeviceToken
from korat_desktop.sync.outbox import Outbox, OutboxState
from korat_desktop.sync.transport import HubTransport, TransportSettings, check_hub_url

__all__ = ["NEW_PASSWORD_MIN", "DeviceEnrollment", "EnrollmentInfo", "load_enrollment"]

NEW_PASSWORD_MIN = 8
"""Characters a password set with a one-time setup code needs (the hub sets whatever it
is given; the rule lives here, for the command line and the window alike)."""


@dataclass(frozen=True)
class EnrollmentInfo:
    hub_url: str
    hub_device_id: str
    device_name: str
    username: str
    agency_code: str
    agency_name: str
    enrolled_at: dt.datetime
    last_sync_at: dt.datetime | None


def load_enrollment(session: Session) -> EnrollmentInfo | None:
    row = session.get(SyncEnrollment, 1)
    if row is None:
        return None
    return EnrollmentInfo(row.hub_url, row.hub_device_id, row.device_name, row.username,
                          row.agency_code, row.agency_name, row.enrolled_at, row.last_sync_at)


def _office(session: Session) -> Office:
    office = session.get(Office, 1)
    if office is None:
        raise StoreError("store.not_initialized", path="-")
    return office


class DeviceEnrollment:
    def __init__(self, ctx: SyncContext) -> None:
        self.ctx = ctx

    def info(self) -> EnrollmentInfo | None:
        with self.ctx.database.read() as s:
            return load_enrollment(s)

    def token_store(self, hub_url: str) -> DeviceToken:
        with self.ctx.database.read() as s:
            return DeviceToken(hub_url, _office(s).device_id)

    def transport(self) -> tuple[EnrollmentInfo, HubTransport]:
        """An authenticated transport for the enrolled hub, or a clear refusal."""
        info = self.info()
        if info is None:
            raise SyncError("sync.not_enrolled")
        token = self.token_store(info.hub_url).get()
        if not token:
            raise SyncError("sync.token_missing")
        return info, HubTransport(info.hub_url, token, TransportSettings.from_config(self.ctx.config))

    def login(self, hub_url: str, username: str, password: str,
              device_name: str, setup_code: str | None = None) -> EnrollmentInfo:
        """Enroll with the account's password or, for an account IT imported, with
        its one-time setup code (``password`` is then the password being set)."""
        url = check_hub_url(hub_url)
        if setup_code is not None and len(password) < NEW_PASSWORD_MIN:
            raise SyncError("sync.new_password_too_short", min=NEW_PASSWORD_MIN)
        with self.ctx.database.read() as s:
            office = _office(s)
            existing = load_enrollment(s)
        if existing is not None:
            raise SyncError("sync.already_enrolled", hub=existing.hub_url)
        transport = HubTransport(url, None, TransportSettings.from_config(self.ctx.config))
        retrier = Retrier(3, Backoff(0.5, 5.0))
        body = {"username": username, "password": password, "device_name": device_name}
        if setup_code is not None:
            body["setup_code"] = setup_code
        try:
            data = retrier.call(lambda: transport.json("POST", "/enroll", expect=(201,),
                                                       json=body))
            granted = EnrollmentResponse.model_validate(data)
            if granted.agency.code != office.agency_code:
                # Not ours to keep: revoke the token we were just given.
                revoke = HubTransport(url, granted.token,
                                      TransportSettings.from_config(self.ctx.config))
                try:
                    revoke.request("DELETE", "/devices/me", expect=(204,))
                except SyncError:
                    pass
                finally:
                    revoke.close()
                raise SyncError("sync.agency_mismatch", hub_agency=granted.agency.code,
                                local_agency=office.agency_code)
        finally:
            transport.close()
        DeviceToken(url, office.device_id).store(granted.token)
        with self.ctx.database.write() as s:
            s.add(SyncEnrollment(id=1, hub_url=url, hub_device_id=granted.device_id,
                                 device_name=device_name, username=granted.username,
                                 agency_code=granted.agency.code, agency_name=granted.agency.name,
                                 enrolled_at=utc_now()))
            AuditLog(s, self.ctx.actor).append(
                "sync.enroll", "sync_enrollment", 1,
                {"hub_url": url, "hub_device_id": granted.device_id,
                 "username": granted.username, "agency_code": granted.agency.code})
            info = load_enrollment(s)
        assert info is not None
        return info

    def logout(self, force: bool = False,
               release: Callable[[], object] | None = None) -> EnrollmentInfo:
        """Sign out: ``release()`` gives back leased numbers (online), then the hub
        forgets the token. ``force`` signs out locally even when offline or with
        operations still queued (they stay in the outbox for a later sign-in)."""
        info = self.info()
        if info is None:
            raise SyncError("sync.not_enrolled")
        with self.ctx.database.read() as s:
            pending = Outbox(s, self.ctx.actor).count(OutboxState.QUEUED)
        if pending and not force:
            raise SyncError("sync.pending_work", count=pending)
        token_store = self.token_store(info.hub_url)
        try:
            if release is not None:
                release()
            _, transport = self.transport()
            try:
                transport.request("DELETE", "/devices/me", expect=(204, 401))
            finally:
                transport.close()
        except SyncError:
            if not force:
                raise
        token_store.forget()
        with self.ctx.database.write() as s:
            self._counters_past_issued(s)
            s.delete(s.get(SyncEnrollment, 1))
            AuditLog(s, self.ctx.actor).append("sync.logout", "sync_enrollment", 1,
                                               {"hub_url": info.hub_url, "forced": force})
        return info

    @staticmethod
    def _counters_past_issued(s: Session) -> None:
        """Standalone again: local counters continue after every number in the register."""
        conn = raw_connection(s)
        rows = s.execute(select(RegisterEntryRow.register, RegisterEntryRow.year_be,
                                func.max(RegisterEntryRow.number))
                         .group_by(RegisterEntryRow.register, RegisterEntryRow.year_be)).all()
        for register, year, highest in rows:
            conn.execute(
                "INSERT INTO register_counter (register, year_be, next_number) VALUES (?, ?, ?) "
                "ON CONFLICT (register, year_be) DO UPDATE SET next_number = "
                "MAX(next_number, excluded.next_number)", (register, year, int(highest) + 1))
