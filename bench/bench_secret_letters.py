"""What keeping ลับ/ลับมาก letters sealed costs: registration, and opening one.

One office (real SQLite store, a file keyring with its RSA-3072 key), letters of a few
sizes registered in the receive register in batches: ordinary letters (the reference)
against the same PDFs as ลับมาก (sealed to our agency at registration: every version
an AES-256-GCM envelope, the fields in a second one). Then opening a sealed letter for
viewing (``app.secrets.open_letter``: the fields and the latest version decrypted,
audited) against reading an ordinary one's PDF (``app.queries.pdf``). Default settings;
ratios are taken inside one run. Never pass/fail.

Run: PYTHONPATH=. python bench/bench_secret_letters.py [--n 20]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from korat_desktop.app import open_app
from korat_desktop.domain.letters import Secrecy
from korat_desktop.domain.registers import RegisterKind
from korat_desktop.services.registration import LetterIntake
from tests.sync.file_keyring import keyring_env, use_file_keyring
from tests.sync.harness import sized_pdf


def _best(fn: object, rounds: int = 3) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=20, help="letters per batch")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for key, value in keyring_env(root / "keyring.json").items():
            os.environ[key] = value
        use_file_keyring(root / "keyring.json")
        data = root / "office"
        app = open_app(data, write=True, create=True)
        try:
            app.office.init("นม 0017.1", "สำนักงานจังหวัดนครราชสีมา")
            app.keys.office_keys.new()
            print(f"{'size':>8}  {'plain ms/letter':>16}  {'sealed ms/letter':>17}  ratio")
            for size in (20_000, 200_000, 2_000_000):
                pdf = sized_pdf(size)

                def batch(secrecy: Secrecy, pdf: bytes = pdf) -> None:
                    app.registration.receive_many(
                        [(pdf, LetterIntake(subject=f"หนังสือ {i}", secrecy=secrecy))
                         for i in range(args.n)])

                plain = _best(lambda: batch(Secrecy.NONE)) / args.n * 1000
                sealed = _best(lambda: batch(Secrecy.SECRET)) / args.n * 1000
                print(f"{size:>8}  {plain:>16.1f}  {sealed:>17.1f}  {sealed / plain:.2f}x")
            entries = app.queries.entries(RegisterKind.RECEIVE)
            plain_id = next(e.id for e in entries if not e.sealed)
            sealed_id = next(e.id for e in entries if e.sealed)
            app.secrets.unlock()
            read = _best(lambda: app.queries.pdf(plain_id), 5) * 1000
            opened = _best(lambda: app.secrets.open_letter(sealed_id, "view"), 5) * 1000
            print(f"open for viewing (2 MB): plain read {read:.1f} ms, sealed open "
                  f"{opened:.1f} ms ({opened / read:.1f}x; includes the audit write)")
        finally:
            app.close()


if __name__ == "__main__":
    main()
