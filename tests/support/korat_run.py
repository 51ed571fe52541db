"""What a ``korat`` command run in a test gives back: exit code, stdout, stderr."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

__all__ = ["KoratRun"]


@dataclass
class KoratRun:
    code: int
    out: str
    err: str

    @property
    def json(self) -> Any:
        return json.loads(self.out)
