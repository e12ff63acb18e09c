"""The one rule for source links, used by every renderer (terminal, web, chat platforms).

A quote links to its paragraph on Dossier's own web page, `{public_base_url}/docs/{doc_id}#p{n}`, when
a public address is set; otherwise to the article's canonical URL; otherwise it is named in plain text
as "document, ¶n", so a reader can still find it.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

from search.models import Document

# Only these schemes ever become clickable: a manifest could hold javascript: or data: addresses.
WEB_SCHEMES = ("http", "https")


@dataclass(frozen=True, slots=True)
class SourceLink:
    """Where one quote's source can be read: an address to open, or None, and a text naming it."""

    url: str | None
    text: str


def is_web_url(url: str | None) -> bool:
    """True for an absolute http(s) address with a host; anything else is shown, never linked."""
    if not url:
        return False
    parsed = urlsplit(url)
    return parsed.scheme.lower() in WEB_SCHEMES and bool(parsed.netloc)


def paragraph_anchor(paragraph: int) -> str:
    """The id of a paragraph on its document's page, the fragment every source link ends in."""
    return f"p{paragraph}"


def doc_path(doc_id: str, paragraph: int | None = None, question: str | None = None) -> str:
    """The web page's path of a document, with the question to mark and the paragraph anchor if given."""
    path = f"/docs/{quote(doc_id, safe='')}"
    if question:
        path += "?" + urlencode({"q": question})
    return path + (f"#{paragraph_anchor(paragraph)}" if paragraph is not None else "")


def public_link(public_base_url: str | None, doc_id: str, paragraph: int | None = None) -> str | None:
    """The public address of a document or one of its paragraphs, or None when no public address is set."""
    return public_base_url.rstrip("/") + doc_path(doc_id, paragraph) if public_base_url else None


def source_link(doc: Document, paragraph: int, public_base_url: str | None) -> SourceLink:
    """The link of a quote from paragraph `paragraph` of `doc`: public page, canonical URL, or text."""
    text = f"{doc.source.title}, ¶{paragraph}"
    link = public_link(public_base_url, doc.doc_id, paragraph)
    if link is None and is_web_url(doc.source.url):
        link = doc.source.url
    return SourceLink(link, text)
