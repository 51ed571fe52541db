"""Upgrades B-B → B-T → B-LT → B-LTA against the live test PKI, and validation."""

from __future__ import annotations

from dataclasses import replace

import pytest

from korat_desktop.errors import SigningError
from korat_desktop.signing import (
    Appearance,
    Reason,
    SignatureLevel,
    SigningSettings,
    Verdict,
    detect_level,
    is_transient,
    sign_pdf,
    upgrade_pdf,
    validate_pdf,
)
from korat_desktop.signing.modules import Pkcs11Module
from tests.signing.helpers import open_session
from tests.support.env import SigningEnv
from tests.support.pdfs import blank_pdf, tamper_incremental
from tests.support.pki import free_port


@pytest.fixture(scope="module")
def signed_bb(modules: list[Pkcs11Module]) -> bytes:
    with open_session(modules, "KORAT-A", "somchai-rsa") as session:
        return sign_pdf(blank_pdf(1), session, Appearance(position="ปลัดอำเภอ"))


@pytest.fixture(scope="module")
def signed_lt(signed_bb: bytes, settings: SigningSettings, signing_env: SigningEnv) -> bytes:
    signing_env.pki.start()
    return upgrade_pdf(signed_bb, settings, SignatureLevel.B_LT).data


def test_upgrade_path_is_incremental(signed_bb: bytes, settings: SigningSettings,
                                     pki_online: SigningEnv) -> None:
    assert detect_level(signed_bb) is SignatureLevel.B_B
    bt = upgrade_pdf(signed_bb, settings, SignatureLevel.B_T)
    assert (bt.level_before, bt.level_after) == (SignatureLevel.B_B, SignatureLevel.B_T)
    lt = upgrade_pdf(bt.data, settings, SignatureLevel.B_LT)
    assert lt.level_after is SignatureLevel.B_LT
    lta = upgrade_pdf(lt.data, settings, SignatureLevel.B_LTA)
    assert lta.level_after is SignatureLevel.B_LTA
    assert lta.data.startswith(lt.data) and lt.data.startswith(bt.data)
    assert bt.data.startswith(signed_bb)
    again = upgrade_pdf(lta.data, settings, SignatureLevel.B_LT)
    assert not again.changed and again.data == lta.data
    report = validate_pdf(lta.data, settings)
    (sig,) = report.signatures
    assert sig.verdict is Verdict.VALID and sig.level is SignatureLevel.B_LTA
    assert sig.timestamp_time is not None and sig.modification_level == "lta_updates"
    assert [t.verdict for t in report.timestamps] == [Verdict.VALID, Verdict.VALID]


def test_tsa_down_is_transient(signed_bb: bytes, settings: SigningSettings) -> None:
    with pytest.raises(SigningError) as e:
        upgrade_pdf(signed_bb, settings, SignatureLevel.B_T, tsa_url=f"http://127.0.0.1:{free_port()}/tsa")
    assert e.value.code == "signing.tsa_unreachable" and is_transient(e.value)
    with pytest.raises(SigningError) as e:
        upgrade_pdf(signed_bb, replace(settings, tsa_url=""), SignatureLevel.B_T)
    assert e.value.code == "signing.tsa_not_configured" and not is_transient(e.value)


def test_ocsp_down_is_transient(signed_bb: bytes, settings: SigningSettings,
                                pki_online: SigningEnv) -> None:
    bt = upgrade_pdf(signed_bb, settings, SignatureLevel.B_T).data
    with pki_online.pki.offline(), pytest.raises(SigningError) as e:
        upgrade_pdf(bt, settings, SignatureLevel.B_LT)
    assert e.value.code == "signing.ocsp_unreachable" and is_transient(e.value)


def test_upgrade_unsigned(settings: SigningSettings) -> None:
    with pytest.raises(SigningError) as e:
        upgrade_pdf(blank_pdf(1), settings)
    assert e.value.code == "signing.pdf_not_signed"
    assert detect_level(blank_pdf(1)) is None


def test_b_lt_validates_with_network_gone(signed_lt: bytes, settings: SigningSettings,
                                         signing_env: SigningEnv) -> None:
    with signing_env.pki.offline():  # online revocation allowed, but nothing answers
        report = validate_pdf(signed_lt, settings)
    (sig,) = report.signatures
    assert sig.verdict is Verdict.VALID, sig
    assert sig.level is SignatureLevel.B_LT and report.all_valid
    assert sig.signer_name == "นายสมชาย ใจดี" and sig.timestamp_time is not None


def test_b_b_verdicts_online_and_offline(signed_bb: bytes, settings: SigningSettings,
                                         offline_settings: SigningSettings,
                                         pki_online: SigningEnv) -> None:
    (online,) = validate_pdf(signed_bb, settings).signatures
    assert online.verdict is Verdict.VALID and online.reason is None
    assert online.signing_time is not None and online.timestamp_time is None
    (offline,) = validate_pdf(signed_bb, offline_settings).signatures
    assert (offline.verdict, offline.reason) == (Verdict.INDETERMINATE,
                                                 Reason.NO_REVOCATION_INFO)
    assert offline.explanation_th and offline.explanation_en


def test_unknown_root(signed_lt: bytes, offline_settings: SigningSettings) -> None:
    (sig,) = validate_pdf(signed_lt, replace(offline_settings, trust_roots=())).signatures
    assert (sig.verdict, sig.reason) == (Verdict.INDETERMINATE, Reason.UNKNOWN_ROOT)


def test_modified_after_signing(signed_lt: bytes, offline_settings: SigningSettings) -> None:
    (sig,) = validate_pdf(tamper_incremental(signed_lt), offline_settings).signatures
    assert (sig.verdict, sig.reason) == (Verdict.INVALID, Reason.MODIFIED_AFTER_SIGNING)
    assert sig.modification_level == "other"
    # flip one byte inside the signed range (same length, so offsets still match)
    at = signed_lt.index(b"/MediaBox")
    forged = signed_lt[:at] + b"/MediaBoy" + signed_lt[at + 9:]
    sigs = validate_pdf(forged, offline_settings).signatures
    assert sigs[0].verdict is Verdict.INVALID and sigs[0].reason is Reason.HASH_FAILURE


def test_unsigned_document_is_not_valid(offline_settings: SigningSettings) -> None:
    report = validate_pdf(blank_pdf(1), offline_settings)
    assert not report.signed and not report.all_valid and report.level is None
