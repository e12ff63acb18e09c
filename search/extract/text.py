"""Shared helpers of extraction: readable text of a paragraph, its sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass

from search.lexicon.tokens import normalize
from search.models import PassageRef
from search.text import split_sentences

# Photo credits name photographers and agencies, never the story's actors: "Photo: AFP / Aamir Qureshi",
# "(Photo by Aamir QURESHI / AFP)", "Image: Facebook", "WAKIL KOHSAR/AFP via Getty Images".
_CREDIT_TAIL = re.compile(
    r"\(?\b(?:photo|photograph|image|picture|credit|file photo|photos)s?\s*(?::|by\b|credit\b).*$"
    r"|\b[A-Z][A-Z.'’\- ]{2,}(?:\s*/\s*[A-Za-z][\w.\- ]*)+\s*$"
    r"|\bvia getty images\b.*$",
    re.IGNORECASE | re.DOTALL,
)

@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a paragraph with its offset in the readable paragraph text."""

    doc_id: str
    paragraph: int
    start: int
    text: str
    first_in_paragraph: bool

    @property
    def passage_id(self) -> str:
        """The passage id of the paragraph the sentence stands in."""
        return str(PassageRef(self.doc_id, self.paragraph))


def readable(text: str, caption: bool) -> str:
    """A paragraph normalised, with a caption's photo credit cut off.

    Editorial brackets stay ("[The] Taliban fear …"): a quotation shows the article's words as written,
    and names are read through the brackets (search/extract/names.py).
    """
    text = normalize(text)
    if caption:
        text = _CREDIT_TAIL.sub("", text).rstrip(" ,.(")
    return text


def sentences(doc_id: str, paragraph: int, text: str) -> list[Sentence]:
    """The sentences of a readable paragraph."""
    return [Sentence(doc_id, paragraph, s, text[s:e], i == 0)
            for i, (s, e) in enumerate(split_sentences(text))]


def shorten(text: str, limit: int = 220) -> str:
    """Text cut at a word boundary to at most `limit` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:–-") + "…"
