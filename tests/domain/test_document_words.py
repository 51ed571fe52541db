"""Version kinds and signature levels in words, never the stored codes."""

from __future__ import annotations

from korat_desktop.config import SETTINGS
from korat_desktop.document_words import LEVEL_NAMES, version_role_label
from korat_desktop.signing.levels import SignatureLevel
from tests.support.thai_words import foreign_words


def test_every_level_and_known_role_has_thai_words() -> None:
    target = next(s for s in SETTINGS if s.key == "signing.target_level")
    for level in SignatureLevel:
        thai, english = LEVEL_NAMES[level.value]
        assert not foreign_words(thai) and level.value.upper() in english
        assert target.choice_title(level.value, "th") == thai
    for role in ("original", "receipt_stamped", "signed", "upgraded"):
        assert not foreign_words(version_role_label(role, "th")), role
    assert version_role_label("receipt_stamped", "th") == "ประทับตรารับแล้ว"
    assert version_role_label("receipt_stamped", "en") == "receipt stamped"


def test_unknown_codes_get_a_neutral_thai_word() -> None:
    assert version_role_label("future_kind", "th") == "ฉบับแก้ไข"
    assert version_role_label("future_kind", "en") == "future kind"


def test_history_lines_are_words_with_their_details() -> None:
    from korat_desktop.document_words import history_text

    assert history_text("document.version", {"seq": "2", "role": "receipt_stamped"}, "th") \
        == "เพิ่มรุ่นที่ 2 (ประทับตรารับแล้ว)"
    signed = history_text("document.sign", {"seq": "3", "signer_cn": "สมชาย ใจดี",
                                            "level": "b-lt"}, "th")
    assert signed.startswith("รุ่นที่ 3: ลงนามโดย สมชาย ใจดี — ") and not foreign_words(signed)
    assert history_text("document.upgrade", {"seq": "4", "level": "b-lta"}, "en") \
        .startswith("version 4: signature confirmed — ")
    assert history_text("some.future_action", {}, "th") == "รายการของระบบ"
    assert history_text("some.future_action", {}, "en") == "some.future_action"
