"""How much one device and one agency may have in flight on the hub at once.

Without a bound one device could open a thousand 512 MiB uploads in seconds (a row and
a part file each) and fill the disk. A device and its agency may each have only so
many unfinished uploads open, declaring only so many bytes; the agency's count of bytes
also includes the blobs it finished uploading but has not committed yet (the upload
sweep removes those after the expiry). Past a limit, creating an upload answers
``429 upload.limit_reached`` with ``Retry-After``: a transient answer, so a client with
a big backlog waits until its open uploads finish or expire and goes on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from korat_desktop.protocol.errors import ErrorCode
from korat_desktop.server.db.schema import blob_access, blobs, uploads
from korat_desktop.server.devices import DeviceIdentity
from korat_desktop.server.errors import HubError

__all__ = ["UploadLimits"]


@dataclass(frozen=True)
class UploadLimits:
    open_per_device: int = 64
    open_per_agency: int = 512
    bytes_per_device: int = 8 * 1024 ** 3
    bytes_per_agency: int = 64 * 1024 ** 3
    retry_after_s: int = 60

    def check(self, conn: Connection, device: DeviceIdentity, length: int,
              now: dt.datetime) -> None:
        """Raise 429 when one more upload of ``length`` bytes would pass a limit."""
        u = uploads
        # A finished upload's row is kept until it expires (HEAD answers for it), but
        # it is not open: the agency holds its blob (counted below, while uncommitted).
        finished = select(blob_access.c.sha256).where(
            blob_access.c.sha256 == u.c.sha256,
            blob_access.c.agency_code == u.c.agency_code).exists()
        live = (u.c.expires_at > now) & ~finished
        mine = conn.execute(select(func.count(), func.coalesce(func.sum(u.c.length), 0))
                            .where(u.c.device_id == device.device_id, live)).one()
        self._within("device_uploads", mine[0] + 1, self.open_per_device)
        self._within("device_bytes", mine[1] + length, self.bytes_per_device)
        ours = conn.execute(select(func.count(), func.coalesce(func.sum(u.c.length), 0))
                            .where(u.c.agency_code == device.agency_code, live)).one()
        self._within("agency_uploads", ours[0] + 1, self.open_per_agency)
        uncommitted = conn.execute(
            select(func.coalesce(func.sum(blobs.c.size), 0))
            .join(blob_access, blob_access.c.sha256 == blobs.c.sha256)
            .where(blob_access.c.agency_code == device.agency_code,
                   blob_access.c.readable.is_(False))).scalar_one()
        self._within("agency_bytes", ours[1] + uncommitted + length, self.bytes_per_agency)

    def _within(self, limit: str, wanted: int, allowed: int) -> None:
        if wanted > allowed:
            raise HubError(ErrorCode.UPLOAD_LIMIT, 429,
                           headers={"Retry-After": str(self.retry_after_s)},
                           limit=limit, allowed=allowed, retry_after=self.retry_after_s)
