"""The sync layer: outbox and inbox engine, resumable uploads, backoff, connectivity.

No Qt and no services here: :class:`~korat_desktop.sync.engine.SyncEngine` runs on a
:class:`~korat_desktop.sync.context.SyncContext` (database, blobs, settings), so the
CLI, the UI's worker and the tests drive the very same engine. The operations the UI
calls live in :mod:`korat_desktop.services.sync_ops`.
"""
