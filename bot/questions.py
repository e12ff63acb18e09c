"""Questions as people type them, made safe to search: capped, stripped of invisible characters."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from bot.errors import BadQuestion
from search.text import normalize


@dataclass(frozen=True, slots=True)
class CleanQuestion:
    """A question ready for the index, and what was done to it on the way."""

    text: str
    notices: tuple[str, ...]


def clean_question(raw: str, max_chars: int) -> CleanQuestion:
    """Cap length before any other work, drop control, zero-width and bidi characters, collapse space."""
    notices = []
    if len(raw) > max_chars:
        raw = raw[:max_chars]
        notices.append(f"Your question was cut to its first {max_chars} characters.")
    text = normalize(raw)
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in text)
    text = " ".join(text.split())
    if not text:
        raise BadQuestion("Please type a question, for example: how many fighters does ISIS-K have?")
    if not any(ch.isalnum() for ch in text):
        raise BadQuestion("That question has no words to search for. Try asking with words, for example: "
                          "who leads the Taliban?")
    return CleanQuestion(text, tuple(notices))
