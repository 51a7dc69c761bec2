"""Interface language: the Russian translation (resources/translations) and Qt's own dialog strings.

The language follows the system locale (Russian → ru) unless the user chose one under
View → Language… (QSettings key `ui/language`: "system", "en" or "ru"). Domain catalogue labels
(SLEDAI descriptors, ACR criteria, visits, AE codes…) are translated through the same translator in
the context "catalog" (see `common.catalog()`), so the domain stays free of Qt and widgets are the
same in every language. Numbers are shown and read with the decimal separator of the language.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from sle_desktop.resources import resource_path

LANGUAGE_KEY = "ui/language"
LANGUAGES = ("en", "ru")
_installed: list[QTranslator] = []
_current = "en"


def system_language() -> str:
    return "ru" if QLocale.system().language() == QLocale.Russian else "en"


def chosen_language() -> str:
    """The stored choice: "system", "en" or "ru"."""
    value = QSettings().value(LANGUAGE_KEY, "system")
    return value if value in ("system", *LANGUAGES) else "system"


def set_chosen_language(value: str) -> None:
    if value not in ("system", *LANGUAGES):
        raise ValueError(f"unknown interface language {value!r}")
    QSettings().setValue(LANGUAGE_KEY, value)


def effective_language() -> str:
    """SLE_DESKTOP_LANG (en/ru: tests, screenshots, training) wins over the stored choice and the system."""
    forced = os.environ.get("SLE_DESKTOP_LANG", "")
    if forced in LANGUAGES:
        return forced
    choice = chosen_language()
    return system_language() if choice == "system" else choice


def current_language() -> str:
    """The language installed by the last `install()`."""
    return _current


def install(language: str | None = None) -> str:
    """Install the translators for `language` (default: the effective choice); returns it.

    Replaces translators installed earlier, so it can be called again to switch language.
    """
    global _current
    app = QCoreApplication.instance()
    lang = language or effective_language()
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    if lang == "ru":
        qt = QTranslator(app)
        if qt.load("qtbase_ru", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
            app.installTranslator(qt)
            _installed.append(qt)
        own = QTranslator(app)
        path = resource_path("translations", "sle_desktop_ru.qm")
        if not own.load(str(path)):
            raise FileNotFoundError(f"the Russian translation {path} could not be loaded; reinstall the application")
        app.installTranslator(own)
        _installed.append(own)
        QLocale.setDefault(QLocale(QLocale.Russian, QLocale.Belarus))
    else:
        QLocale.setDefault(QLocale(QLocale.English, QLocale.UnitedKingdom))
    _current = lang
    app.setProperty("sle_language_installed", True)
    return lang


def decimal_point() -> str:
    """The decimal separator shown to the user ("," in Russian, "." in English)."""
    return "," if _current == "ru" else "."
