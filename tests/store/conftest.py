from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from korat_desktop.app import KoratApp, open_app


@pytest.fixture
def app(tmp_path: Path) -> Iterator[KoratApp]:
    app = open_app(tmp_path / "data", write=True, create=True)
    app.office.init("นม 0017.1", "สำนักงานจังหวัดนครราชสีมา")
    yield app
    app.close()
