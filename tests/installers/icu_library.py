"""ICU through ctypes, from a bundle's own libraries (the trimmed data included).

The frozen app's Qt uses these libraries; calling ICU the same way shows what the
trimmed data (installers/trim_icu.py) still does: Thai collation and word breaking,
Thai and Western converters, locale names. Functions carry ICU's version suffix
(``ucol_open_73``), as in the library's exports.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["Icu"]

_WORD = 1  # UBRK_WORD


class Icu:
    def __init__(self, libdir: Path) -> None:
        data = sorted(p for p in libdir.glob("libicudata.so.*") if not p.is_symlink())[0]
        found = re.search(r"\.so\.(\d+)", data.name)
        assert found, data
        self.version = found[1]
        ctypes.CDLL(str(data), mode=ctypes.RTLD_GLOBAL)
        self._uc = ctypes.CDLL(str(libdir / f"libicuuc.so.{self.version}"),
                               mode=ctypes.RTLD_GLOBAL)
        self._i18n = ctypes.CDLL(str(libdir / f"libicui18n.so.{self.version}"))

    def _fn(self, lib: ctypes.CDLL, name: str, restype: Any = ctypes.c_int32) -> Callable[..., Any]:
        fn = getattr(lib, f"{name}_{self.version}")
        fn.restype = restype
        return fn  # type: ignore[no-any-return]

    @staticmethod
    def _utf16(text: str) -> tuple[ctypes.Array[ctypes.c_char], int]:
        raw = text.encode("utf-16-le")
        return ctypes.create_string_buffer(raw, len(raw) + 2), len(raw) // 2

    def sorted(self, locale: str, words: list[str]) -> tuple[list[str], int]:
        """``words`` in the order of ``locale``'s collator, and ICU's status (0: the
        locale's own rules, -127: fell back to root)."""
        status = ctypes.c_int(0)
        collator = self._fn(self._i18n, "ucol_open", ctypes.c_void_p)(
            locale.encode(), ctypes.byref(status))
        assert status.value <= 0 and collator, f"ucol_open({locale}): {status.value}"
        sort_key = self._fn(self._i18n, "ucol_getSortKey")

        def key(word: str) -> bytes:
            text, length = self._utf16(word)
            out = ctypes.create_string_buffer(1024)
            size = sort_key(ctypes.c_void_p(collator), text, length, out, 1024)
            return out.raw[:size]

        try:
            return sorted(words, key=key), status.value
        finally:
            self._fn(self._i18n, "ucol_close", None)(ctypes.c_void_p(collator))

    def word_breaks(self, locale: str, text: str) -> list[int]:
        """Word boundaries (UTF-16 offsets after the start) of ``text``."""
        status = ctypes.c_int(0)
        buffer, length = self._utf16(text)
        breaker = self._fn(self._uc, "ubrk_open", ctypes.c_void_p)(
            _WORD, locale.encode(), buffer, length, ctypes.byref(status))
        assert status.value <= 0 and breaker, f"ubrk_open: {status.value}"
        following = self._fn(self._uc, "ubrk_next")
        cuts = []
        while (at := following(ctypes.c_void_p(breaker))) != -1:
            cuts.append(at)
        self._fn(self._uc, "ubrk_close", None)(ctypes.c_void_p(breaker))
        return cuts

    def has_converter(self, name: str) -> bool:
        status = ctypes.c_int(0)
        converter = self._fn(self._uc, "ucnv_open", ctypes.c_void_p)(
            name.encode(), ctypes.byref(status))
        if converter:
            self._fn(self._uc, "ucnv_close", None)(ctypes.c_void_p(converter))
        return status.value <= 0 and bool(converter)

    def language_name(self, code: str, in_locale: str) -> tuple[str, int]:
        """The name of language ``code`` in ``in_locale``, and ICU's status."""
        status = ctypes.c_int(0)
        out = ctypes.create_string_buffer(512)
        length = self._fn(self._uc, "uloc_getDisplayLanguage")(
            code.encode(), in_locale.encode(), out, 256, ctypes.byref(status))
        return out.raw[:length * 2].decode("utf-16-le"), status.value
