"""Setting up this installation's agency (``korat init``)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from korat_desktop.errors import StoreError, UsageError
from korat_desktop.services.actor import current_actor
from korat_desktop.services.results import Changes, OfficeInfo, OfficeResult
from korat_desktop.store.audit import AuditLog
from korat_desktop.store.models import Office

if TYPE_CHECKING:
    from korat_desktop.app import KoratApp

__all__ = ["OfficeSetup", "current_actor", "require_office"]


def _info(row: Office) -> OfficeInfo:
    return OfficeInfo(row.agency_code, row.agency_name, row.device_id, row.created_at)


def require_office(session: object) -> Office:
    from sqlalchemy.orm import Session

    assert isinstance(session, Session)
    office = session.get(Office, 1)
    if office is None:
        raise StoreError("store.not_initialized", path="-")
    return office


class OfficeSetup:
    def __init__(self, app: KoratApp) -> None:
        self.app = app

    def init(self, agency_code: str, agency_name: str) -> OfficeResult:
        code = agency_code.strip()
        name = agency_name.strip()
        if not code:
            raise UsageError("usage.bad_argument", name="--agency-code", detail="empty")
        if not name:
            raise UsageError("usage.bad_argument", name="--agency-name", detail="empty")
        with self.app.database.write() as s:
            existing = s.get(Office, 1)
            if existing is not None:
                if existing.agency_code == code and existing.agency_name == name:
                    return OfficeResult(_info(existing), Changes())
                raise StoreError("store.already_initialized", code=existing.agency_code)
            row = Office(id=1, agency_code=code, agency_name=name,
                         device_id=str(uuid.uuid4()), created_at=dt.datetime.now(dt.UTC))
            s.add(row)
            AuditLog(s, current_actor(self.app, s)).append("office.init", "office", 1,
                                                {"agency_code": code, "agency_name": name})
            return OfficeResult(_info(row), Changes(office=True))

    def info(self) -> OfficeInfo:
        with self.app.database.read() as s:
            return _info(require_office(s))
