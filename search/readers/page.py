"""What a reader returns: the article's text and the metadata its file states."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class PageMeta:
    """Metadata a file states about itself; None where it says nothing. `sources.toml` overrides it."""

    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: date | None = None
    url: str | None = None
    page_date: date | None = None


@dataclass(frozen=True, slots=True)
class ReadPage:
    """An article's text, one paragraph a block separated by blank lines, and its file's metadata."""

    text: str
    meta: PageMeta = PageMeta()


def join_paragraphs(paragraphs: list[str]) -> str:
    """Paragraphs as one text in the shape the cleaning reads: a blank line between paragraphs."""
    return "\n\n".join(p for p in paragraphs if p)
