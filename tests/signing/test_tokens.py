"""Tokens on real PKCS#11 (SoftHSM2): discovery, selection, PIN states, removal."""

from __future__ import annotations

import pytest

from korat_desktop.errors import SigningError
from korat_desktop.signing import (
    TokenSession,
    find_modules,
    find_token,
    list_certificates,
    list_tokens,
)
from korat_desktop.signing.modules import Pkcs11Module
from tests.signing.helpers import open_session
from tests.support.env import PIN, SigningEnv
from tests.support.softhsm import CKF_USER_PIN_FINAL_TRY


def test_lists_several_tokens_with_their_certificates(modules: list[Pkcs11Module]) -> None:
    tokens = {t.label: t for t in list_tokens(modules)}
    assert {"KORAT-A", "KORAT-B", "KORAT-PIN", "KORAT-LOCKED"} <= set(tokens)
    a = tokens["KORAT-A"]
    assert a.manufacturer == "SoftHSM project" and a.serial and not a.pin_pad
    certs = {c.label: c for c in list_certificates(a)}
    # the CA chain stored on the card is not offered for signing
    assert set(certs) == {"somchai-rsa", "somchai-ec"}
    rsa = certs["somchai-rsa"]
    assert rsa.info.common_name == "นายสมชาย ใจดี"
    assert "O=สำนักงานจังหวัดนครราชสีมา" in rsa.info.subject
    assert rsa.info.issuer.startswith("CN=Korat Test Issuing CA")
    assert set(rsa.info.key_usage) == {"digital_signature", "non_repudiation"}
    assert rsa.info.key_algorithm == "rsa" and certs["somchai-ec"].info.key_algorithm == "ec"
    assert rsa.id_hex and rsa.info.not_before < rsa.info.not_after


def test_missing_configured_modules_are_skipped(signing_env: SigningEnv) -> None:
    found = find_modules(["/nonexistent/libnothing.so", signing_env.module])
    assert [m.path for m in found] == [signing_env.module]
    with pytest.raises(SigningError) as e:
        find_modules(["/nonexistent/libnothing.so"])
    assert e.value.code == "signing.no_modules"
    with pytest.raises(SigningError) as e:
        find_modules([], explicit="/nonexistent/libnothing.so")
    assert e.value.code == "signing.module_not_found"


def test_select_token_and_certificate(modules: list[Pkcs11Module]) -> None:
    with pytest.raises(SigningError) as e:
        find_token(modules, label="NO-SUCH-CARD")
    assert e.value.code == "signing.token_not_found"
    with pytest.raises(SigningError) as e:
        find_token(modules)  # several tokens present
    assert e.value.code == "signing.token_ambiguous"
    token = find_token(modules, label="KORAT-A")
    assert find_token(modules, serial=token.serial).label == "KORAT-A"
    with pytest.raises(SigningError) as e:
        TokenSession.open(token, pin=PIN)  # two signing certificates: which one?
    assert e.value.code == "signing.certificate_ambiguous"
    ec = next(c for c in list_certificates(token) if c.label == "somchai-ec")
    with TokenSession.open(token, cert_id=ec.id_hex, pin=PIN) as session:
        assert session.info.common_name == "นายสมชาย ใจดี (ECDSA)"


@pytest.mark.parametrize(("cert", "code"), [
    ("expired-ec", "signing.cert_expired"),
    ("future-ec", "signing.cert_not_yet_valid"),
    ("nousage-ec", "signing.cert_no_signing_usage"),
])
def test_unusable_certificates_refused_before_pin(modules: list[Pkcs11Module], cert: str,
                                                   code: str) -> None:
    prompted = []
    with pytest.raises(SigningError) as e:
        TokenSession.open(find_token(modules, label="KORAT-B"), cert_label=cert,
                          pin_prompt=lambda t: prompted.append(t) or PIN)
    assert e.value.code == code
    assert prompted == []  # no PIN try spent on a certificate that cannot sign
    assert e.value.message("th") and e.value.message("en")


def test_pin_required_without_pin_or_prompt(modules: list[Pkcs11Module]) -> None:
    with pytest.raises(SigningError) as e:
        open_session(modules, "KORAT-A", "somchai-rsa", pin=None)
    assert e.value.code == "signing.pin_required"


def test_wrong_pin_reports_tries_left(signing_env: SigningEnv,
                                      modules: list[Pkcs11Module]) -> None:
    codes = []
    for _ in range(2):
        with pytest.raises(SigningError) as e:
            open_session(modules, "KORAT-PIN", "pin-ec", pin="000000")
        codes.append(e.value.code)
    # SoftHSM raises CKF_USER_PIN_COUNT_LOW after a failed login
    assert codes == ["signing.wrong_pin_count_low"] * 2
    open_session(modules, "KORAT-PIN", "pin-ec").close()  # right PIN still works
    serial = signing_env.serials["KORAT-PIN"]
    signing_env.hsm.set_token_flags(serial, add=CKF_USER_PIN_FINAL_TRY)
    try:
        with pytest.raises(SigningError) as e:
            open_session(modules, "KORAT-PIN", "pin-ec", pin="000000")
        assert e.value.code == "signing.wrong_pin_final_try"
        assert e.value.params["tries_left"] == 1
        assert "1" in e.value.message("th")
    finally:
        signing_env.hsm.set_token_flags(serial, remove=CKF_USER_PIN_FINAL_TRY)
        open_session(modules, "KORAT-PIN", "pin-ec").close()


def test_locked_pin(modules: list[Pkcs11Module]) -> None:
    token = find_token(modules, label="KORAT-LOCKED")
    assert token.flags.pin_locked
    with pytest.raises(SigningError) as e:
        TokenSession.open(token, pin=PIN)
    assert e.value.code == "signing.pin_locked"


def test_token_removed_mid_session(signing_env: SigningEnv, modules: list[Pkcs11Module],
                                   pdf: bytes) -> None:
    from korat_desktop.signing import sign_pdf

    with open_session(modules, "KORAT-GONE", "gone-ec") as session:
        sign_pdf(pdf, session)
        signing_env.hsm.remove_token(signing_env.serials["KORAT-GONE"])  # card pulled out
        with pytest.raises(SigningError) as e:
            sign_pdf(pdf, session)
        assert e.value.code == "signing.token_removed"
    with pytest.raises(SigningError) as e:
        find_token(modules, label="KORAT-GONE")
    assert e.value.code == "signing.token_not_found"
