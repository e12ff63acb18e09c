"""Questions as people type them, made safe to search: capped, stripped of invisible characters."""

from __future__ import annotations

import re
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
        # A word running over the limit is left out whole: half a word is a term no passage holds.
        cut = re.match(r"(?s)(.*\S)\s+\S*$", raw[:max_chars]) if not raw[max_chars].isspace() else None
        raw = cut.group(1) if cut else raw[:max_chars]
        notices.append(f"Your question was cut to its first {max_chars} characters.")
    text = normalize(raw)
    # Lone surrogates (undecodable bytes some platforms pass on) cannot be encoded: they go too.
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in text
                   if unicodedata.category(ch) != "Cs")
    text = " ".join(text.split())
    if not text:
        raise BadQuestion("Please type a question, for example: how many fighters does ISIS-K have?")
    if not any(ch.isalnum() for ch in text):
        raise BadQuestion("That question has no words to search for. Try asking with words, for example: "
                          "who leads the Taliban?")
    return CleanQuestion(text, tuple(notices))
