"""The hub's long-lived parts, built once per process from :class:`HubSettings`."""

from __future__ import annotations

from dataclasses import dataclass, field

from asn1crypto import x509

from korat_desktop.server.blobs import BlobStorage, FileBlobStorage
from korat_desktop.server.certificates import read_roots
from korat_desktop.server.db.engine import Database
from korat_desktop.server.db.migrate import upgrade_to_head
from korat_desktop.server.hub_key import HubKey, HubKeyFiles
from korat_desktop.server.settings import HubSettings
from korat_desktop.server.signin_throttle import SigninLimits, SigninThrottle
from korat_desktop.server.upload_limits import UploadLimits
from korat_desktop.server.uploads import TusUploads

__all__ = ["Hub", "open_hub"]


@dataclass
class Hub:
    settings: HubSettings
    db: Database
    storage: BlobStorage
    uploads: TusUploads
    throttle: SigninThrottle
    trust_roots: list[x509.Certificate] = field(default_factory=list)
    key_files: HubKeyFiles | None = None

    @property
    def signing_key(self) -> HubKey | None:
        """The hub's signing key (re-read when ``korat-hub keys init`` replaced it)."""
        return self.key_files.current() if self.key_files is not None else None

    def close(self) -> None:
        self.db.dispose()


def open_hub(settings: HubSettings, *, migrate: bool | None = None) -> Hub:
    """Open the database (migrating it when asked) and the blob and upload stores."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(settings.resolved_database_url, pool_size=settings.pool_size)
    if settings.migrate_on_start if migrate is None else migrate:
        upgrade_to_head(db.write_engine)
    storage = FileBlobStorage(settings.blob_dir)
    uploads = TusUploads(db, storage, settings.upload_dir, settings.max_blob_bytes,
                         settings.upload_expiry_s, settings.takeover_idle_s,
                         limits=UploadLimits(
                             settings.upload_max_open_per_device,
                             settings.upload_max_open_per_agency,
                             settings.upload_max_bytes_per_device,
                             settings.upload_max_bytes_per_agency,
                             settings.upload_limit_retry_after_s))
    throttle = SigninThrottle(SigninLimits(
        user_failures=settings.signin_max_failures,
        address_failures=settings.signin_address_max_failures,
        window_s=settings.signin_window_s, backoff_s=settings.signin_backoff_s,
        max_lock_s=settings.signin_lockout_s))
    return Hub(settings, db, storage, uploads, throttle,
               trust_roots=read_roots(settings.trust_root_files),
               key_files=HubKeyFiles(settings.data_dir))
