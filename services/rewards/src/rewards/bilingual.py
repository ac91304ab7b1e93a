"""Bilingual texts and refusals: users read Bahasa Indonesia first, with English alongside."""

from dataclasses import dataclass

EVENT_TEXT_LIMIT = 1000  # reason_id / reason_en in reward events allow 1,000 characters


@dataclass(frozen=True)
class Text:
    """One user-facing sentence in Bahasa Indonesia (``id``) and English (``en``)."""

    code: str
    id: str
    en: str

    def clipped(self, limit: int = EVENT_TEXT_LIMIT) -> "Text":
        """The same text cut to ``limit`` characters, so it always fits an event field."""
        return Text(self.code, _clip(self.id, limit), _clip(self.en, limit))


def joined(code: str, texts: tuple[Text, ...] | list[Text], separator: str = " ") -> Text:
    """Several sentences as one text (e.g. the reasons of an award), in both languages."""
    return Text(
        code,
        separator.join(text.id for text in texts),
        separator.join(text.en for text in texts),
    )


class Refusal(ValueError):
    """A request the rules refuse; ``text`` says why in both languages."""

    def __init__(self, text: Text) -> None:
        super().__init__(f"{text.id} / {text.en}")
        self.text = text


def _clip(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"
