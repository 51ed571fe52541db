"""``korat tokens | sign-file | verify | upgrade-file``, and the PIN staying secret."""

from __future__ import annotations

import io
import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from korat_desktop.cli.main import main
from korat_desktop.messages import catalogue
from korat_desktop.signing import find_modules
from korat_desktop.signing.messages import MESSAGES
from tests.signing.helpers import open_session
from tests.support.env import PIN, SigningEnv
from tests.support.pdfs import blank_pdf


@pytest.fixture()
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    machine = tmp_path / "machine"
    machine.mkdir()
    monkeypatch.setenv("KORAT_MACHINE_CONFIG_DIR", str(machine))  # never read /etc
    return tmp_path


def _run(args: list[str], capsys: pytest.CaptureFixture[str],
         stdin: str | None = None, monkeypatch: pytest.MonkeyPatch | None = None,
         ) -> tuple[int, str, str]:
    if stdin is not None and monkeypatch is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_tokens_sign_upgrade_verify(cli_env: Path, pki_online: SigningEnv,
                                        capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch,
                                        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    env = pki_online
    common = ["--data-dir", str(cli_env / "data")]
    code, out, _ = _run(["tokens", *common, "--json", "--pkcs11-module", env.module], capsys)
    tokens = {t["label"]: t for t in json.loads(out)}
    assert code == 0 and tokens["KORAT-LOCKED"]["pin_locked"]
    # listed in a stable order (by label), whatever order the token returns them in
    assert [c["common_name"] for c in tokens["KORAT-A"]["certificates"]] == [
        "นายสมชาย ใจดี (ECDSA)", "นายสมชาย ใจดี"]

    src, signed = cli_env / "in.pdf", cli_env / "signed.pdf"
    src.write_bytes(blank_pdf(2))
    code, out, err = _run(
        ["sign-file", *common, str(src), "-o", str(signed), "--pkcs11-module", env.module,
         "--token-label", "KORAT-A", "--cert-label", "somchai-rsa", "--pin-stdin",
         "--page", "1", "--box", "300,60,560,140", "--reason", "อนุมัติ",
         "--position", "ผู้อำนวยการ", "--certify"],
        capsys, stdin=PIN + "\n", monkeypatch=monkeypatch)
    assert code == 0, err
    assert "นายสมชาย ใจดี" in out

    root = str(env.trust_root_pem)
    code, out, _ = _run(["verify", *common, str(signed), "--trust-root", root], capsys)
    assert code == 0 and "VALID" in out
    code, out, _ = _run(["verify", *common, str(signed)], capsys)  # no trust root
    assert code == 1 and "UNKNOWN_ROOT" in out

    upgraded = cli_env / "lt.pdf"
    code, out, err = _run(["upgrade-file", *common, str(signed), "-o", str(upgraded),
                           "--tsa-url", env.pki.tsa_url, "--trust-root", root,
                           "--level", "b-lt", "--json"], capsys)
    assert code == 0, err
    assert json.loads(out)["level_after"] == "b-lt"
    with env.pki.offline():
        code, out, _ = _run(["verify", *common, str(upgraded), "--trust-root", root,
                             "--json"], capsys)
    report = json.loads(out)
    assert code == 0 and report["signatures"][0]["verdict"] == "VALID"
    assert report["signatures"][0]["certifying"] is True

    # the PIN is in no output, no log record, no file
    everything = out + err + caplog.text + "".join(
        p.read_bytes().decode("latin-1") for p in cli_env.rglob("*") if p.is_file())
    assert PIN not in everything


def test_cli_errors_are_coded(cli_env: Path, signing_env: SigningEnv,
                              capsys: pytest.CaptureFixture[str],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    src = cli_env / "in.pdf"
    src.write_bytes(blank_pdf(1))
    code, _, err = _run(
        ["sign-file", "--data-dir", str(cli_env), str(src), "-o", str(cli_env / "o.pdf"),
         "--pkcs11-module", signing_env.module, "--token-label", "KORAT-PIN",
         "--pin-stdin", "--json"], capsys, stdin="111111\n", monkeypatch=monkeypatch)
    error = json.loads(err)["error"]
    assert code == 1 and error["code"].startswith("signing.wrong_pin")
    assert "111111" not in err
    # a right PIN resets the token's failure counter for the other tests
    open_session(find_modules([signing_env.module]), "KORAT-PIN", "pin-ec").close()


def test_every_code_has_thai_and_english() -> None:
    for code, (th, en) in MESSAGES.items():
        assert code.startswith("signing.") and th and en
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in th), code
        assert catalogue()[code] == (th, en)


def test_signing_imports_without_qt() -> None:
    code = ("import sys; sys.modules['PySide6'] = None; "
            "import korat_desktop.signing, korat_desktop.cli.signing; "
            "assert not any(m.startswith('PySide6') and sys.modules[m] for m in sys.modules)")
    subprocess.run([sys.executable, "-c", code], check=True,
                   cwd=Path(__file__).resolve().parents[2])
