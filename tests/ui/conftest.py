"""The desktop app against the real core, in a temp data dir, offscreen.

Each test gets a machine config that names the agency and the PC's user (so no
first-run questions) and lists no PKCS#11 module: the token poller then finds nothing
and never loads SoftHSM into the pytest process, where the signing tests' own SoftHSM setup must stay alone.
The signing flow is tested in a child process (see test_signing.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from korat_desktop.pdf.sample import make_letter_pdf

MACHINE_CONFIG = """\
[agency]
code = "นม 0017.1"
name = "สำนักงานจังหวัดนครราชสีมา"
[signing]
pkcs11_modules = []
[user]
name = "นางสาวทดสอบ ระบบ"
"""


@pytest.fixture
def machine_config(machine_dir: Path) -> Path:
    path = machine_dir / "config.toml"
    path.write_text(MACHINE_CONFIG, encoding="utf-8")
    return path


@pytest.fixture
def letter_files(tmp_path: Path) -> Callable[[int], list[Path]]:
    def make(count: int) -> list[Path]:
        folder = tmp_path / "letters"
        folder.mkdir(exist_ok=True)
        paths = []
        for i in range(count):
            path = folder / f"letter_{i + 1}.pdf"
            path.write_bytes(make_letter_pdf(f"หนังสือทดสอบ {i + 1}", ["ขอเชิญประชุม"]))
            paths.append(path)
        return paths
    return make


@pytest.fixture
def start_desktop(qtbot, qapp, machine_config: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Start the app on a data dir (default: a fresh one) and wait until it is ready."""
    from korat_desktop.ui import language
    from korat_desktop.ui.fonts import load_thai_font

    qapp.setQuitOnLastWindowClosed(False)  # closing a test's window must not end the next test
    load_thai_font(qapp)
    from korat_desktop.ui.desktop import KoratDesktop
    from korat_desktop.ui.start_options import StartOptions

    started: list[KoratDesktop] = []

    def start(data_dir: Path | None = None, lang: str = "th",
              wait: bool = True) -> KoratDesktop:
        language.install(lang)
        desktop = KoratDesktop(StartOptions(data_dir=data_dir or tmp_path / "data"),
                               tray=False)
        started.append(desktop)
        if wait:
            with qtbot.waitSignal(desktop.ready, timeout=30_000):
                desktop.start()
            assert desktop.window is not None
            qtbot.waitUntil(lambda: not desktop.window.receive_view.model._fetching,
                            timeout=10_000)
        else:
            desktop.start()
        return desktop

    yield start
    for desktop in started:
        desktop.quit()  # the store closes once the lanes are idle: wait for it
        qtbot.waitUntil(lambda d=desktop: d.done, timeout=60_000)
        if desktop.window is not None:
            desktop.window.close()
    language.install("th")


@pytest.fixture
def seeded_dir(tmp_path: Path, machine_config: Path) -> Callable[..., Path]:
    """A data dir with letters registered through the core (before the app opens it)."""
    def seed(receive: int = 0, send: int = 0, batch: int = 1000) -> Path:
        from korat_desktop.app import open_app
        from korat_desktop.services.registration import LetterIntake

        data = tmp_path / "data"
        app = open_app(data, write=True, create=True)
        try:
            app.office.init("นม 0017.1", "สำนักงานจังหวัดนครราชสีมา")
            pdf = make_letter_pdf("ขอเชิญประชุมคณะกรรมการ", ["เรื่อง ขอเชิญประชุม"])
            for register, count in (("receive", receive), ("send", send)):
                done = 0
                while done < count:
                    n = min(batch, count - done)
                    items = [(pdf, LetterIntake(subject=f"เรื่องที่ {done + i + 1} ขอเชิญประชุม",
                                                sender="อำเภอปากช่อง", recipient="อำเภอพิมาย"))
                             for i in range(n)]
                    if register == "receive":
                        app.registration.receive_many(items)
                    else:
                        app.registration.send_many(items)
                    done += n
        finally:
            app.close()
        return data
    return seed


@pytest.fixture(autouse=True)
def _no_modal_hang(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A test must never wait on a file dialog."""
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([], ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    yield
