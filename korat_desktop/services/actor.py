"""Who the history names: the person at this PC, not the operating system's account.

A district office's PCs often run under one shared account ("root", "user", "admin"),
so the OS account says nothing about who registered or signed a letter. The person is:
the user this device is signed in to the hub as; else the name asked at first start on
a standalone PC (the ``user.name`` setting, ``korat config set user.name ...``); only
then, for scripts on a PC nobody set up, the OS account. A signature's record also
names the signer's certificate (its ``signer_cn``), which is the person who signed.
Records already written keep what they have: the log is append-only.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from korat_desktop.app import KoratApp

__all__ = ["Person", "current_actor", "current_person", "os_account"]


@dataclass(frozen=True)
class Person:
    """Who the history names now, and where that comes from: ``hub`` (the signed-in
    user), ``setting`` (``user.name``) or ``os`` (nobody said: the window asks)."""

    name: str
    source: str


def os_account() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name at all (a service, a container): say so
        return "unknown"


def current_person(app: KoratApp, session: Session | None = None) -> Person:
    """The person changes made now through ``app`` are recorded as (``session``: the
    transaction already open, so the hot paths read the enrollment without a new one)."""
    from korat_desktop.store.models import SyncEnrollment

    if session is not None:
        row = session.get(SyncEnrollment, 1)
        username = row.username if row is not None else ""
    else:
        with app.database.read() as s:
            row = s.get(SyncEnrollment, 1)
            username = row.username if row is not None else ""
    if username.strip():
        return Person(username.strip(), "hub")
    name = str(app.config["user.name"] or "").strip()
    return Person(name, "setting") if name else Person(os_account(), "os")


def current_actor(app: KoratApp | None = None, session: Session | None = None) -> str:
    """The name to put in an audit record now (see :func:`current_person`)."""
    return current_person(app, session).name if app is not None else os_account()
