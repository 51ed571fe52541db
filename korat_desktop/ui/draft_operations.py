"""Drafts (ร่าง) for the UI: the core's ``Drafts`` service on the database lane.

Every change is a mutation: its Changes (``drafts=True``, and the send register when a
number is issued) go out on the one ``changes`` signal the views refresh from.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from korat_desktop.ui.jobs import Job

if TYPE_CHECKING:
    from korat_desktop.app import KoratApp
    from korat_desktop.services.drafts import DraftFields, DraftInfo, DraftResult
    from korat_desktop.services.results import RegisterResult
    from korat_desktop.ui.operations import Operations

__all__ = ["DraftOperations"]


class DraftOperations:
    """``operations.drafts``: list, create, update, delete and issue drafts."""

    def __init__(self, operations: Operations) -> None:
        self._ops = operations

    def list(self) -> Job[list[DraftInfo]]:
        """Every draft, most urgent first; result: list[DraftInfo]."""
        return self._ops.database_job("drafts", lambda app: app.drafts.list())

    def pdf(self, draft_id: int) -> Job[bytes]:
        return self._ops.database_job("draft-pdf", lambda app: app.drafts.pdf(draft_id))

    def create(self, path: Path, fields: DraftFields) -> Job[DraftResult]:
        """Keep the PDF at ``path`` as a draft; result: DraftResult."""
        from korat_desktop.ui.operations import read_file

        return self._ops.mutation_job("draft-create", lambda app: app.drafts.create(
            read_file(path), fields, path.name))

    def update(self, draft_id: int, fields: DraftFields,
               path: Path | None = None) -> Job[DraftResult]:
        """Change a draft's fields (and its PDF when ``path`` is given)."""
        from korat_desktop.ui.operations import read_file

        return self._ops.mutation_job("draft-update", lambda app: app.drafts.update(
            draft_id, fields, read_file(path) if path else None,
            path.name if path else None))

    def delete(self, draft_id: int) -> Job[DraftResult]:
        return self._ops.mutation_job("draft-delete", lambda app: app.drafts.delete(draft_id))

    def issue(self, draft_id: int, fields: DraftFields | None = None,
              path: Path | None = None) -> Job[RegisterResult]:
        """Issue the send-register number; result: RegisterResult.

        With ``fields`` (a draft edited on screen) the draft is saved first, on the same
        lane, so the number is issued for exactly what the clerk sees.
        """
        from korat_desktop.ui.operations import read_file

        def run(app: KoratApp) -> RegisterResult:
            drafts = app.drafts
            if fields is not None or path is not None:
                drafts.update(draft_id, fields, read_file(path) if path else None,
                              path.name if path else None)
            return drafts.issue(draft_id)

        return self._ops.mutation_job("draft-issue", run)
