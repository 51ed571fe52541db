"""The frozen app itself (installers/build-linux), run here before any package: what
the size trims took out (installers/trim_icu.py, the spec's excludes, the shared
libjpeg and libxcb) must not take out what the app does.

- Every library in the bundle still resolves every symbol it needs.
- Qt's ICU, trimmed to Thai, English and root, still sorts Thai in dictionary order,
  breaks Thai words with its dictionary and converts TIS-620.
- ``korat`` frozen reads a scanned letter by OCR (OCRmyPDF, Tesseract, pypdfium2,
  Pillow, pikepdf), places the receipt stamp in free space and finds the words; signs
  on a SoftHSM token; ``korat-hub`` frozen serves.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest
import requests

from korat_desktop.pdf.sample import make_letter_pdf
from tests.installers.conftest import Build
from tests.installers.icu_library import Icu
from tests.server.hub_harness import free_port
from tests.support.env import PIN, SigningEnv
from tests.support.intake_corpus import corpus
from tests.support.scans import scan_of

pytestmark = pytest.mark.slow

SUBJECT = "ขอเชิญประชุมคณะกรรมการบริหารงานจังหวัดแบบบูรณาการ"


def _qt_lib(build: Build) -> Path:
    return build.app / "_internal" / "PySide6" / "Qt" / "lib"


def test_every_library_in_the_bundle_resolves_its_symbols(frozen_build: Build):
    internal = frozen_build.app / "_internal"
    libs = sorted(p for p in internal.rglob("*.so*") if p.is_file() and not p.is_symlink())
    assert len(libs) > 50
    env = dict(os.environ, LD_LIBRARY_PATH=":".join(sorted({str(p.parent) for p in libs})))
    problems = []
    for lib in libs:
        out = subprocess.run(["ldd", "-r", str(lib)], capture_output=True, text=True,
                             env=env, timeout=60)
        for line in (out.stdout + out.stderr).splitlines():
            if "not found" in line or ("undefined symbol" in line
                                       and not line.split(":", 1)[1].strip().startswith(
                                           ("Py", "_Py"))):
                problems.append(f"{lib.relative_to(internal)}: {line.strip()}")
    assert problems == []
    # the shared copies are really shared: one libjpeg, no wheel's libxcb
    names = [p.name for p in libs]
    assert sum(n.startswith("libjpeg") for n in names) == 1, names
    assert not [n for n in names if n.startswith(("libxcb-", "libXau-"))]


def test_the_trimmed_icu_keeps_what_a_thai_office_uses(frozen_build: Build):
    lib = _qt_lib(frozen_build)
    data = next(p for p in lib.glob("libicudata.so.*") if not p.is_symlink())
    assert data.stat().st_size < 12 * 2**20  # trimmed (31 MB as PySide6 ships it)
    icu = Icu(lib)
    # Thai dictionary order: a leading vowel sorts after its consonant, tone marks
    # after the letters (code point order would put เก and ไก่ after ข)
    words = ["ข", "ไก่", "กา", "เก", "กุ้ง", "ก่า"]
    ordered, status = icu.sorted("th", words)
    assert status == 0  # th's own rules, not the root fallback
    assert ordered == ["กา", "ก่า", "กุ้ง", "เก", "ไก่", "ข"]
    assert sorted(words) != ordered
    # Thai has no spaces: words are cut with the Thai dictionary
    assert icu.word_breaks("th", "สวัสดีครับท่าน") == [6, 10, 14]
    # converters for Thai and Western single-byte text stay; CJK ones are gone
    assert icu.has_converter("TIS-620") and icu.has_converter("windows-874")
    assert icu.has_converter("ISO-8859-1") and icu.has_converter("UTF-8")
    assert not icu.has_converter("Shift_JIS")
    # locale names for Thai and English; another language falls back to root
    assert icu.language_name("th", "th") == ("ไทย", 0)
    assert icu.language_name("en", "th") == ("อังกฤษ", 0)
    assert icu.language_name("th", "en") == ("Thai", 0)
    assert icu.language_name("th", "fr")[1] == -127  # U_USING_DEFAULT_WARNING


def _korat(build: Build, home: Path, *args: str, stdin: str | None = None,
           timeout: int = 300) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KORAT_", "PYTHON"))}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_DATA_HOME=str(home / ".local/share"), QT_QPA_PLATFORM="offscreen")
    return subprocess.run([str(build.app / "korat"), *args], capture_output=True, text=True,
                          input=stdin, env=env, timeout=timeout)


def test_frozen_korat_reads_a_scan_places_the_stamp_and_finds_its_words(
        frozen_build: Build, tmp_path: Path):
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(scan_of(corpus()[0].pdf))
    home, office = tmp_path / "home", tmp_path / "office"
    data = ("--data-dir", str(office))
    done = _korat(frozen_build, home, *data, "init", "--agency-code", "KRT-01",
                  "--agency-name", "สำนักงานทดสอบ")
    assert done.returncode == 0, done.stderr[-2000:]

    done = _korat(frozen_build, home, *data, "receive", str(scan), "--json")
    assert done.returncode == 0, done.stderr[-2000:]
    letter = json.loads(done.stdout)
    assert letter["subject"].replace(" ", "") == SUBJECT  # read from the scan by OCR
    assert letter["ocr"]["error"] is None
    assert letter["stamp_place"]["source"] == "free_space"  # pdfium + Pillow ink map

    done = _korat(frozen_build, home, *data, "search", "ศาลากลางจังหวัด", "--json")
    assert done.returncode == 0, done.stderr[-2000:]
    assert [e["id"] for e in json.loads(done.stdout)] == [letter["id"]]


def test_frozen_korat_signs_on_a_softhsm_token(frozen_build: Build, tmp_path: Path,
                                               signing_env: SigningEnv):
    """pyHanko, python-pkcs11 and the token middleware from inside the bundle."""
    home, office = tmp_path / "home", tmp_path / "office"
    data = ("--data-dir", str(office))
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(make_letter_pdf("ขอเชิญประชุม", ["เรื่อง ขอเชิญประชุม"]))
    for args in (("init", "--agency-code", "KRT-01", "--agency-name", "สำนักงานทดสอบ"),
                 ("config", "set", "signing.pkcs11_modules", signing_env.module),
                 ("config", "set", "signing.online_revocation", "false"),
                 ("send", str(pdf), "--subject", "ขอเชิญประชุม", "--to", "อำเภอพิมาย")):
        done = _korat(frozen_build, home, *data, *args)
        assert done.returncode == 0, done.stderr[-2000:]
    done = _korat(frozen_build, home, *data, "sign", "1", "--token-label", "KORAT-B",
                  "--pin-stdin", "--json", stdin=PIN + "\n")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "สมหญิง" in done.stdout
    done = _korat(frozen_build, home, *data, "sign", "1", "--token-label", "KORAT-B",
                  "--pin-stdin", "--json", stdin="0000\n")  # a wrong PIN: said, not a crash
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert json.loads(done.stderr)["error"]["code"].startswith("signing.")


def test_frozen_korat_hub_serves(frozen_build: Build, tmp_path: Path):
    """uvicorn with httptools (server/serving.py), FastAPI and the hub's SQLite migrations."""
    hub_dir = tmp_path / "hub"
    hub = [str(frozen_build.app / "korat-hub")]
    done = subprocess.run([*hub, "add-agency", "KRT-01", "สำนักงานทดสอบ", "--data-dir",
                           str(hub_dir)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    port = free_port()
    proc = subprocess.Popen([*hub, "serve", "--data-dir", str(hub_dir), "--port", str(port),
                             "--log-level", "warning"])
    try:
        for _ in range(300):  # the hub answers once its migrations ran; it must not exit
            assert proc.poll() is None, "the frozen hub exited before it served"
            try:
                reply = requests.get(f"http://127.0.0.1:{port}/health", timeout=2)
                break
            except requests.ConnectionError:
                time.sleep(0.2)
        else:
            pytest.fail("the frozen hub did not answer /health")
        assert reply.status_code == 200 and reply.headers["Korat-Protocol"] == "1"
        assert "cms" in reply.json()["encryption"]
    finally:
        proc.kill()
        proc.wait(timeout=10)
