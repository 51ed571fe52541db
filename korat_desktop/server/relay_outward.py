"""Relay designation and what a relay may read for the offline agencies it serves.

IT designates a connected agency D as the relay of offline agencies X, Y (``korat-hub
relay set D --for X Y``). D may then read X's change feed as pages signed by the hub
key and download the blobs X may read, to carry them to X by courier. The pages come
from the very function behind X's own ``GET /changes`` (:func:`read_changes`), so a
page D carries is the page X would have pulled, with X's code added inside the signed
bytes (:class:`RelayChangePage`); X checks the hub's signature over the
exact JSON bytes and applies it as if it had. Nobody else may read X's feed: every
other caller gets 403 ``relay.not_designated``, also for an agency that does not exist
(so the answer does not tell which codes are real).
"""

from __future__ import annotations

import base64
from collections.abc import Sequence

from sqlalchemy import Connection, select, update

from korat_desktop.errors import UsageError
from korat_desktop.protocol.errors import ErrorCode
from korat_desktop.protocol.relay import RelayChangePage, SignedPage
from korat_desktop.server.db.engine import Database
from korat_desktop.server.db.schema import agencies
from korat_desktop.server.errors import HubError
from korat_desktop.server.feed import read_changes
from korat_desktop.server.hub_key import HubKey

__all__ = ["clear_relay", "list_relays", "require_relay", "set_relay", "signed_page"]


def _known(conn: Connection, codes: Sequence[str]) -> set[str]:
    return set(conn.execute(select(agencies.c.code).where(
        agencies.c.code.in_(list(codes)))).scalars())


def set_relay(conn: Connection, relay: str, offline: Sequence[str]) -> list[dict[str, str]]:
    """Make ``relay`` the relay of each agency in ``offline`` (replacing another)."""
    if not offline:
        raise UsageError("usage.bad_argument", name="--for", detail="name at least one agency")
    unknown = sorted(set([relay, *offline]) - _known(conn, [relay, *offline]))
    if unknown:
        raise UsageError("usage.bad_argument", name="CODE",
                         detail=f"no agency {', '.join(unknown)}")
    if relay in offline:
        raise UsageError("usage.bad_argument", name="--for",
                         detail=f"{relay} cannot relay for itself")
    conn.execute(update(agencies).where(agencies.c.code.in_(list(offline)))
                 .values(relay_agency=relay))
    return [{"agency": code, "relay": relay} for code in offline]


def clear_relay(conn: Connection, offline: str) -> bool:
    """X has no relay any more; False when it had none."""
    if not _known(conn, [offline]):
        raise UsageError("usage.bad_argument", name="CODE", detail=f"no agency {offline}")
    result = conn.execute(update(agencies).where(agencies.c.code == offline,
                                                 agencies.c.relay_agency.is_not(None))
                          .values(relay_agency=None))
    return result.rowcount == 1


def list_relays(conn: Connection) -> list[dict[str, str]]:
    rows = conn.execute(select(agencies.c.code, agencies.c.relay_agency)
                        .where(agencies.c.relay_agency.is_not(None))
                        .order_by(agencies.c.relay_agency, agencies.c.code))
    return [{"agency": r.code, "relay": r.relay_agency} for r in rows]


def require_relay(conn: Connection, caller_agency: str, offline: str) -> None:
    """403 unless the caller's agency is the designated relay of ``offline``."""
    relay = conn.execute(select(agencies.c.relay_agency)
                         .where(agencies.c.code == offline)).scalar()
    if relay is None or relay != caller_agency:
        raise HubError(ErrorCode.RELAY_NOT_DESIGNATED, 403, agency=offline)


def signed_page(db: Database, key: HubKey, offline: str, since: str | None,
                limit: int) -> SignedPage:
    """One page of ``offline``'s feed with its agency, as JSON bytes and the hub key's
    detached CMS signature over exactly those bytes."""
    feed = read_changes(db, offline, since, limit)
    page = RelayChangePage(agency=offline, changes=feed.changes, next_cursor=feed.next_cursor,
                           has_more=feed.has_more).model_dump_json().encode("utf-8")
    return SignedPage(agency=offline, page=base64.b64encode(page).decode("ascii"),
                      signature=base64.b64encode(key.sign(page, detached=True)).decode())
