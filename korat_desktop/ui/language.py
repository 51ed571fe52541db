"""The interface language: Thai by default, English through a Qt translation file.

UI strings are written in Thai in the source (``self.tr("...")``), so Thai needs no
translator for them; ``resources/translations/korat_en.qm`` turns them into English.
Qt's own words (Yes/No/Cancel buttons, the copy/paste menu, the file dialog) are
English in Qt and no Thai qtbase ships with it, so ``qtbase_th.qm`` (ours) gives
them Thai in Thai mode.
Words that come from the core (register names, urgency, setting titles, error
messages) carry both languages already and are picked with :func:`current`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from korat_desktop.resources import resource_path

__all__ = ["LANGS", "current", "install", "translation_file"]

LANGS = ("th", "en")
_state = {"lang": "th"}
_installed: list[QTranslator] = []


def translation_file(lang: str, catalog: str = "korat") -> str:
    return str(resource_path("translations", f"{catalog}_{lang}.qm"))


def install(lang: str) -> str:
    """Make ``lang`` the language of new widgets; returns the language in force."""
    app = QCoreApplication.instance()
    lang = lang if lang in LANGS else "th"
    if app is not None:
        for old in _installed:
            app.removeTranslator(old)
        _installed.clear()
        # Thai: our strings are Thai already, Qt's need qtbase_th; English: the reverse
        catalog = "qtbase" if lang == "th" else "korat"
        translator = QTranslator(app)
        if translator.load(translation_file(lang, catalog)):
            app.installTranslator(translator)
            _installed.append(translator)
        from korat_desktop.ui.file_dialog_thai import thai_file_dialogs

        thai_file_dialogs(app)  # the file dialog's own columns (it checks the language)
    QLocale.setDefault(QLocale(QLocale.Language.Thai if lang == "th"
                               else QLocale.Language.English))
    _state["lang"] = lang
    return lang


def current() -> str:
    """``"th"`` or ``"en"``: the language for words the core supplies in both."""
    return _state["lang"]
