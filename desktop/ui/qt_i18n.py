"""Language for Qt: the default ``QLocale`` and a translator answering Qt's own strings.

Qt ships no ``qtbase_vi``; :class:`CatalogTranslator` answers the strings Qt draws itself
(dialog buttons, the context menu of line edits) from our catalog (``ui.qt.*``), the bridge
Frescobaldi uses. Everything else calls :func:`tr` (``desktop.i18n.t``) directly.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from desktop import i18n

#: Qt source text (with its mnemonic) -> our catalog key.
QT_STRINGS = {
    "OK": "ui.qt.ok",
    "&OK": "ui.qt.ok",
    "Cancel": "ui.qt.cancel",
    "&Cancel": "ui.qt.cancel",
    "Yes": "ui.qt.yes",
    "&Yes": "ui.qt.yes",
    "No": "ui.qt.no",
    "&No": "ui.qt.no",
    "Close": "ui.qt.close",
    "&Close": "ui.qt.close",
    "Apply": "ui.qt.apply",
    "Save": "ui.qt.save",
    "&Save": "ui.qt.save",
    "Discard": "ui.qt.discard",
    "Open": "ui.qt.open",
    "&Open": "ui.qt.open",
    "Show Details...": "ui.qt.show_details",
    "Hide Details...": "ui.qt.hide_details",
    "&Undo": "ui.qt.undo",
    "&Redo": "ui.qt.redo",
    "Cu&t": "ui.qt.cut",
    "&Copy": "ui.qt.copy",
    "&Paste": "ui.qt.paste",
    "Delete": "ui.qt.delete",
    "Select All": "ui.qt.select_all",
}


def tr(key: str, **params: Any) -> str:
    """A UI string of the current language."""
    return i18n.t(key, **params)


class CatalogTranslator(QTranslator):
    """Answers Qt's built-in strings from the catalog in the current language."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        # None (a null QString) means "not translated here": an empty string would be taken
        # as the translation and blank every other Qt string (page size names: QPageSize(A4)
        # became invalid, and the print dialog's labels empty).
        key = QT_STRINGS.get(source)
        if key is None or i18n.get_language() == "en":
            return None
        return i18n.t(key)

    def isEmpty(self) -> bool:
        return False


def apply_language(lang: str, translator: CatalogTranslator | None = None) -> None:
    """Switch the catalog language and Qt's default locale (dates, numbers)."""
    i18n.set_language(lang)
    if lang == "vi":
        QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    app = QCoreApplication.instance()
    if app is not None and translator is not None:
        app.removeTranslator(translator)
        app.installTranslator(translator)
