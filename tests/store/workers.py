"""Child-process programs for the concurrency and crash tests (run with python -m)."""

from __future__ import annotations

import sys
from pathlib import Path

from korat_desktop.app import open_app
from korat_desktop.domain.registers import RegisterKind
from korat_desktop.services.registration import LetterIntake


def register_loop(data_dir: str, pdf_path: str, count: int, register: str, tag: str) -> None:
    pdf = Path(pdf_path).read_bytes()
    app = open_app(data_dir, write=True)
    try:
        for i in range(count):
            intake = LetterIntake(subject=f"เรื่อง {tag} {i}", sender="ก", recipient="ข")
            if register == RegisterKind.RECEIVE.value:
                result = app.registration.receive(pdf, intake)
            else:
                result = app.registration.send(pdf, intake)
            e = result.entry
            print(f"OK {e.id} {e.number} {e.pdf_sha256}", flush=True)
    finally:
        app.close()


if __name__ == "__main__":
    register_loop(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5])
