"""Version kinds and signature levels in words, never the stored codes."""

from __future__ import annotations

from korat_desktop.document_words import signature_level_label, version_role_label
from korat_desktop.signing.levels import SignatureLevel
from tests.support.thai_words import foreign_words


def test_every_level_and_known_role_has_thai_words() -> None:
    for level in SignatureLevel:
        for spelling in (level.value, level.value.upper(), level.value.replace("-", "_")):
            thai = signature_level_label(spelling, "th")
            assert thai and not foreign_words(thai), spelling
        assert level.value.upper() in signature_level_label(level.value, "en")
    for role in ("original", "receipt_stamped", "signed", "upgraded"):
        assert not foreign_words(version_role_label(role, "th")), role
    assert version_role_label("receipt_stamped", "th") == "ประทับตรารับแล้ว"
    assert version_role_label("receipt_stamped", "en") == "receipt stamped"


def test_unknown_codes_get_a_neutral_thai_word() -> None:
    assert version_role_label("future_kind", "th") == "ฉบับแก้ไข"
    assert version_role_label("future_kind", "en") == "future kind"
    assert not foreign_words(signature_level_label("b-xyz", "th"))
    assert signature_level_label(None, "th") == signature_level_label("", "en") == ""


def test_history_lines_are_words_with_their_details() -> None:
    from korat_desktop.document_words import history_text

    assert history_text("document.version", {"seq": "2", "role": "receipt_stamped"}, "th") \
        == "เพิ่มรุ่นที่ 2 (ประทับตรารับแล้ว)"
    assert history_text("document.sign", {"signer_cn": "สมชาย ใจดี", "level": "b-lt"}, "th") \
        == "ลงนามโดย สมชาย ใจดี ระดับ ตรวจสอบได้ระยะยาว"
    assert history_text("document.upgrade", {"level": "b-lta"}, "en") \
        == "signature upgraded to long-term archive (B-LTA)"
    assert history_text("some.future_action", {}, "th") == "รายการของระบบ"
    assert history_text("some.future_action", {}, "en") == "some.future_action"
