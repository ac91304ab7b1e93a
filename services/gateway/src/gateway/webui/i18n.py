"""The interface language: Bahasa Indonesia unless the ``lang`` cookie asks for English."""

from collections.abc import Mapping
from typing import Any

from fastapi import Request

from gateway.webui.catalogue import english, indonesian

LANG_COOKIE = "lang"
DEFAULT_LANGUAGE = "id"
CATALOGUES: Mapping[str, Mapping[str, str]] = {
    "id": indonesian.MESSAGES,
    "en": english.MESSAGES,
}


def language(request: Request) -> str:
    """The caller's language: the cookie when it names a known catalogue, else Indonesian."""
    chosen = request.cookies.get(LANG_COOKIE, DEFAULT_LANGUAGE)
    return chosen if chosen in CATALOGUES else DEFAULT_LANGUAGE


class Translator:
    """Looks texts up by key; a missing English text falls back to Indonesian, then the key."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._messages = CATALOGUES[lang]
        self._fallback = CATALOGUES[DEFAULT_LANGUAGE]

    def __call__(self, key: str, **params: object) -> str:
        """The text for ``key`` with ``{name}`` placeholders filled in."""
        text = self._messages.get(key) or self._fallback.get(key) or key
        return text.format(**params) if params else text

    def pick(self, indonesian: str | None, english: str | None) -> str:
        """Of a bilingual pair sent by a service, the one in the interface language."""
        chosen = english if self.lang == "en" else indonesian
        return chosen or indonesian or english or ""

    def local(self, key: str, fallback: str) -> str:
        """A service's text (Indonesian) unless this language's catalogue translates ``key``."""
        return self._messages.get(key) or fallback

    def say(self, item: Mapping[str, Any]) -> str:
        """A service's bilingual message, whatever its keys (reason, message, detail, id/en)."""
        for id_key, en_key in _PAIRS:
            if item.get(id_key) or item.get(en_key):
                return self.pick(item.get(id_key), item.get(en_key))
        return ""


_PAIRS = (
    ("reason", "reason_en"),
    ("message", "message_en"),
    ("detail", "detail_en"),
    ("id", "en"),
    ("label_id", "label_en"),
)
