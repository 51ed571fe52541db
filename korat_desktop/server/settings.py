"""The hub's settings: one frozen value built by the CLI (or a test) and passed down.

Everything has a default that works for a single office on one machine: SQLite in the
data dir, blobs beside it. A PostgreSQL URL switches the database only; blobs and
partial uploads always live under ``data_dir``.

``trust_roots`` are the PEM files of the CA roots that a courier bundle's signer (and
an agency's ``sign`` certificate) must chain to: ``--trust-root FILE`` (repeatable)
or ``KORAT_HUB_TRUST_ROOTS`` (paths joined with the OS path separator), plus every
``*.pem``/``*.crt`` in ``<data_dir>/trust-roots/``, so that ``serve`` and the admin
commands agree without repeating the option.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

__all__ = ["HubSettings"]


@dataclass(frozen=True)
class HubSettings:
    data_dir: Path
    database_url: str | None = None
    migrate_on_start: bool = True
    # tus uploads
    max_blob_bytes: int = 512 * 1024 * 1024
    upload_expiry_s: float = 3 * 24 * 3600.0  # sliding: each PATCH extends it
    upload_sweep_interval_s: float = 600.0
    takeover_idle_s: float = 2.0  # a new PATCH stops one that received nothing this long
    # per-device and per-agency upload limits (see korat_desktop.server.upload_limits):
    # unfinished uploads open at once, and the bytes they declare (per agency, plus
    # the finished blobs it has not committed yet)
    upload_max_open_per_device: int = 64
    upload_max_open_per_agency: int = 512
    upload_max_bytes_per_device: int = 8 * 1024 ** 3
    upload_max_bytes_per_agency: int = 64 * 1024 ** 3
    upload_limit_retry_after_s: int = 60
    # sign-in throttling: past the limit each failure doubles the wait, from
    # signin_backoff_s up to signin_lockout_s; failures are forgotten after a quiet
    # signin_window_s. The per-address limit is much higher (a whole office may share
    # one NAT address).
    signin_max_failures: int = 5
    signin_address_max_failures: int = 100
    signin_window_s: float = 15 * 60.0
    signin_backoff_s: float = 30.0
    signin_lockout_s: float = 15 * 60.0
    # database
    pool_size: int = 10
    # connections (see korat_desktop.server.serving)
    peer_timeout_s: float = 30.0  # a request stalled on the client this long is dropped
    keep_alive_s: float = 5.0  # an idle kept-alive connection is closed after this
    # courier: PEM files of the roots bundle signers must chain to (see module doc)
    trust_roots: tuple[str, ...] = ()

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'hub.sqlite3'}"

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"

    @property
    def updates_dir(self) -> Path:
        """The TUF update repository and its timestamp key (``korat-hub updates``)."""
        return self.data_dir / "updates"

    @property
    def upload_dir(self) -> Path:
        return self.data_dir / "uploads"

    @property
    def trust_root_dir(self) -> Path:
        return self.data_dir / "trust-roots"

    @property
    def trust_root_files(self) -> list[Path]:
        """The given files, then the data dir's ``trust-roots/`` folder (sorted)."""
        folder = sorted(p for p in self.trust_root_dir.glob("*")
                        if p.suffix.lower() in (".pem", ".crt") and p.is_file()) \
            if self.trust_root_dir.is_dir() else []
        return [Path(p) for p in self.trust_roots] + folder

    def with_changes(self, **changes: Any) -> HubSettings:
        return replace(self, **changes)

    def to_json(self) -> str:
        """Serialise for worker processes (uvicorn ``--workers`` re-imports the app)."""
        data = asdict(self)
        data["data_dir"] = str(self.data_dir)
        return json.dumps(data)

    @classmethod
    def from_json(cls, text: str) -> HubSettings:
        data = json.loads(text)
        data["data_dir"] = Path(data["data_dir"])
        data["trust_roots"] = tuple(data.get("trust_roots", ()))
        return cls(**data)
