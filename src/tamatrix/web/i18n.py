"""Translations of the user interface: gettext catalogues read from .po files with Babel.

The .po files under ``locale/`` are the source; they are compiled in memory on first use, so
no .mo file is kept in the repository. The language of a request lives in a context variable
that the Jinja templates and the Python code read through ``gettext``.
"""

from __future__ import annotations

import gettext as stdlib_gettext
import io
from contextvars import ContextVar, Token
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LANGUAGES = ("en", "fr", "es")
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español"}
LOCALE_DIR = Path(__file__).parent / "locale"

_language: ContextVar[str] = ContextVar("language", default="en")


@cache
def translations(language: str) -> stdlib_gettext.NullTranslations:
    """The catalogue of a language, compiled from its .po file (none for English)."""
    path = LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"
    if not path.is_file():
        return stdlib_gettext.NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return stdlib_gettext.GNUTranslations(buffer)


def gettext(message: str) -> str:
    """The message in the language of the current request."""
    return translations(_language.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural message for ``n`` in the language of the current request."""
    return translations(_language.get()).ngettext(singular, plural, n)


_ = gettext


def current_language() -> str:
    """The language of the current request."""
    return _language.get()


def set_language(language: str) -> Token[str]:
    """Make ``language`` the current one; returns the token that restores the previous one."""
    return _language.set(language if language in LANGUAGES else "en")


def reset_language(token: Token[str]) -> None:
    """Restore the language that was current before ``set_language``."""
    _language.reset(token)


def choose_language(asked: str | None, accept_language: str | None) -> str:
    """The language asked for with ?lang=, else the best of Accept-Language, else English."""
    if asked in LANGUAGES:
        return str(asked)
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate((accept_language or "").split(",")):
        tag, _sep, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and quality > 0:
            ranked.append((-quality, index, primary))
    return sorted(ranked)[0][2] if ranked else "en"
