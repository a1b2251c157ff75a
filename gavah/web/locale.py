"""Interface languages: English source strings, Persian from gettext catalogs in
gavah/web/i18n. The language is the signed-in user's choice, else the language cookie,
else the browser's Accept-Language."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel.support import NullTranslations, Translations
from starlette.requests import Request

from gavah.web.security import LANG_COOKIE

CATALOGS = Path(__file__).parent / "i18n"
DOMAIN = "messages"
LANGUAGES = {"en": ("English", "ltr"), "fa": ("فارسی", "rtl")}
DEFAULT = "en"


@cache
def translations(lang: str) -> NullTranslations:
    if lang == DEFAULT:
        return NullTranslations()
    return Translations.load(str(CATALOGS), [lang], DOMAIN)


def direction(lang: str) -> str:
    return LANGUAGES.get(lang, LANGUAGES[DEFAULT])[1]


def from_request(request: Request, preference: str | None) -> str:
    if preference in LANGUAGES:
        return str(preference)
    cookie = request.cookies.get(LANG_COOKIE)
    if cookie in LANGUAGES:
        return str(cookie)
    for part in request.headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return DEFAULT
