"""``korat keys`` with the clerk's card (SoftHSM): its signing certificates are listed
without a PIN, the office's handout is signed on the card (PIN once, from stdin, never
written anywhere), and another office accepts it because the card's certificate chains
to the roots; publishing picks the card's signing certificates by default."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.keys_checks import agencies, listing, opens_at
from tests.server.hub_harness import AGENCY_A, AGENCY_B
from tests.support.env import PIN, SigningEnv
from tests.sync.conftest import keyring_file
from tests.sync.harness import Device

__all__ = ["keyring_file"]

pytestmark = pytest.mark.filterwarnings("ignore:Attribute's length must be:UserWarning")


def _office(root: Path, code: str, keyring: Path, env: SigningEnv) -> Device:
    device = Device(root, code, keyring)
    device.configure(**{"signing.pkcs11_modules": [env.module],
                        "signing.trust_roots": [str(env.trust_root_pem)]})
    assert device.korat("keys", "new").code == 0
    return device


def test_handout_signed_on_the_card(signing_env: SigningEnv, tmp_path: Path,
                                    keyring_file: Path) -> None:
    a = _office(tmp_path / "a", AGENCY_A, keyring_file, signing_env)
    b = _office(tmp_path / "b", AGENCY_B, keyring_file, signing_env)
    assert listing(a)["signing"] == []  # --no-tokens
    seen = a.korat("keys", "list", "--json")
    assert seen.code == 0, seen.err
    signing = seen.json["signing"]
    assert isinstance(signing, list)
    on_a = {(c["token"], c["label"]) for c in signing}
    assert {("KORAT-A", "somchai-rsa"), ("KORAT-A", "somchai-ec")} <= on_a
    assert all(c["can_sign"] and not c["listed"] for c in signing)
    text = a.korat("keys", "--lang", "en")
    assert text.code == 0 and "KORAT-A/somchai-ec" in text.out

    handout = tmp_path / "a.korat-dir"
    run = a.korat("keys", "export", "-o", str(handout), "--token-label", "KORAT-A",
                  "--cert-label", "somchai-ec", "--pin-stdin", "--json", stdin=PIN + "\n")
    assert run.code == 0, run.err
    assert {use for use, _ in run.json["certificates"]} == {"encrypt", "sign"}
    wrong = a.korat("keys", "export", "-o", str(tmp_path / "wrong.korat-dir"), "--token-label",
                    "KORAT-A", "--cert-label", "somchai-ec", "--pin-stdin",
                    stdin="000000\n")
    assert wrong.code == 1 and "signing." in wrong.err
    assert not (tmp_path / "wrong.korat-dir").exists()

    imported = b.korat("keys", "import", str(handout), "--json")
    assert imported.code == 0, imported.err
    assert agencies(b)[AGENCY_A]["sign"] == 1 and agencies(b)[AGENCY_A]["encrypt"] is True
    assert opens_at(b, a, b"%PDF-1.7 to A") == b"%PDF-1.7 to A"
    for path in a.root.rglob("*"):  # the PIN went to the card only
        if path.is_file():
            assert PIN.encode() not in path.read_bytes(), path
