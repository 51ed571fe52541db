"""The default certificate, the same in ``korat sign`` and the sign dialog: the one used
last, else the only one that can sign now; never an expired, not-yet-valid or
non-signing one (real SoftHSM tokens, real store, the CLI in-process)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from korat_desktop.cli.main import main
from korat_desktop.config import load_config
from korat_desktop.pdf.sample import make_letter_pdf
from korat_desktop.services.signer_choice import default_certificate
from korat_desktop.services.token_listing import token_listings
from tests.support.env import PIN, SigningEnv
from tests.support.korat_run import KoratRun


@pytest.fixture()
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def korat(*args: str, stdin: str = "") -> KoratRun:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(list(args))
        out, err = capsys.readouterr()
        return KoratRun(code, out, err)
    return korat


@pytest.fixture()
def office(tmp_path: Path, run, signing_env: SigningEnv) -> Path:  # type: ignore[no-untyped-def]
    data = tmp_path / "office"
    dd = ["--data-dir", str(data)]
    assert run("init", *dd, "--agency-code", "นม 0017.1",
               "--agency-name", "สำนักงานจังหวัดนครราชสีมา").code == 0
    assert run("config", "set", "signing.pkcs11_modules", signing_env.module, *dd).code == 0
    assert run("config", "set", "signing.online_revocation", "false", *dd).code == 0
    for i in range(3):
        pdf = tmp_path / f"l{i}.pdf"
        pdf.write_bytes(make_letter_pdf(f"เรื่องที่ {i}", ["เนื้อความ"]))
        assert run("send", str(pdf), "--subject", f"เรื่องที่ {i}", "--to", "อำเภอพิมาย",
                   *dd).code == 0
    return data


def test_listing_marks_why_a_certificate_cannot_sign(office: Path) -> None:
    listings = {t.token.label: t for t in token_listings(load_config(office))}
    b = listings["KORAT-B"]
    problems = {c.label: b.problem(i) for i, c in enumerate(b.certificates)}
    assert problems == {"expired-ec": "signing.cert_expired",
                        "future-ec": "signing.cert_not_yet_valid",
                        "nousage-ec": "signing.cert_no_signing_usage", "somying-rsa": None}
    assert [c.label for c in b.usable()] == ["somying-rsa"]
    assert listings["KORAT-LOCKED"].usable() == []
    # several tokens hold good certificates and none was used: no default at all
    assert all(t.default_label is None for t in listings.values())
    assert default_certificate(list(listings.values())) is None


def test_cli_sign_defaults_like_the_dialog(office: Path, run) -> None:  # type: ignore[no-untyped-def]
    dd = ["--data-dir", str(office)]
    # nothing chosen, nothing used before, several tokens: refused, nothing signed
    r = run("sign", "1", "--pin-stdin", "--json", *dd, stdin=PIN + "\n")
    assert r.code == 1 and json.loads(r.err)["error"]["code"] == "signing.token_ambiguous"
    # a token named: its only certificate that can sign now, not the expired one beside it
    r = run("sign", "1", "--token-label", "KORAT-B", "--pin-stdin", "--json", *dd,
            stdin=PIN + "\n")
    assert r.code == 0, r.err
    signed = json.loads(r.out)
    assert "สมหญิง" in json.dumps(signed, ensure_ascii=False)
    config = load_config(office)
    somying = next(c for t in token_listings(config) for c in t.certificates
                   if c.label == "somying-rsa")
    assert config["signing.last_certificate"] == somying.info.sha256
    # now the default everywhere: the listing marks it, and `korat sign` alone uses it
    listings = token_listings(config)
    assert [(t.token.label, t.default_label) for t in listings if t.default_label] == [
        ("KORAT-B", "somying-rsa")]
    r = run("sign", "2", "--pin-stdin", "--json", *dd, stdin=PIN + "\n")
    assert r.code == 0, r.err
    assert "สมหญิง" in r.out
    # `korat tokens` says the same: which one is the default, and why others cannot sign
    r = run("tokens", *dd)
    assert r.code == 0
    lines = r.out.splitlines()
    assert any("somying-rsa" in line and "(default for korat sign)" in line for line in lines)
    assert any("expired-ec" in line and "signing.cert_expired" in line for line in lines)
    # the text lines name the letter by its register number and version, not "entry 3"
    r = run("sign", "3", "--pin-stdin", *dd, stdin=PIN + "\n")
    assert r.code == 0, r.err
    assert "เลขส่ง 3/" in r.out and "(id 3) รุ่นที่ 2: ลงนามแล้ว รอประทับเวลา [b-b]" in r.out
    assert "entry 3" not in r.out
