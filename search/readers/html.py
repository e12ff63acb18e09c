"""Saved web pages: the article's main text and the page's own metadata, read with trafilatura.

trafilatura keeps the article and leaves out navigation, cookie banners, share widgets, related links,
comments, scripts and styles; its metadata comes from the page's og: and article: meta, JSON-LD and
headline, with htmldate for the publication date. Each paragraph and subheading of the article stays
a paragraph of its own, so `doc#pN` links point into the page as they do into a text file.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from search.readers.page import PageMeta, ReadPage, join_paragraphs

# Article elements trafilatura keeps, each read as one paragraph; a list is one paragraph an item.
_BLOCKS = frozenset({"p", "head", "quote"})
_LISTS = frozenset({"list"})
# Between a headline and the site name a page title puts one of these: "Headline | Site", "Site - Headline".
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»]\s+")


def read(raw: bytes) -> ReadPage:
    """A web page's article; raises ValueError when the page holds no article text."""
    import trafilatura  # imported when a corpus has a web page, so plain-text corpora never load it

    found = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False, include_tables=False,
                                        include_images=False, favor_precision=True, deduplicate=False)
    body = getattr(found, "body", None) if found is not None else None
    paragraphs = _paragraphs(body) if body is not None else []
    if not paragraphs:
        raise ValueError("no article text found in the page")
    outlet = _clean(getattr(found, "sitename", None)) or publisher(raw)
    title = headline(_clean(getattr(found, "title", None)), outlet)
    if title and not _starts_with_headline(body):
        paragraphs.insert(0, title)  # the cleaning reads the headline first, as in a saved text page
    meta = PageMeta(title=title, outlet=outlet, author=_clean(getattr(found, "author", None)),
                    published=_date(getattr(found, "date", None)), url=_url(getattr(found, "url", None)))
    return ReadPage(join_paragraphs(paragraphs), meta)


def _paragraphs(body: Any) -> list[str]:
    out: list[str] = []
    for element in body:
        if element.tag in _LISTS:
            out.extend(_clean(_text(item)) or "" for item in element if item.tag == "item")
        elif element.tag in _BLOCKS:
            out.append(_clean(_text(element)) or "")
    return [p for p in out if p]


def _starts_with_headline(body: Any) -> bool:
    """The article's own h1 comes first: it is the printed headline, which the cleaning takes as the title
    (the social title in og:title may word it differently; it still names the document).
    """
    first = next(iter(body), None)
    return first is not None and first.tag == "head" and first.get("rend") == "h1"


def _text(element: Any) -> str:
    """An element's words in order, inline markup dropped and a line break read as a space."""
    parts = [element.text or ""]
    for child in element:
        parts.append(" " if child.tag == "lb" else _text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def headline(title: str | None, outlet: str | None) -> str | None:
    """The page's title without the site's name: "Ferry fire | The Herald" → "Ferry fire"."""
    if not title or not outlet:
        return title
    parts = _TITLE_SEPARATORS.split(title)
    site = _fold(outlet)
    kept = [p for p in parts if _fold(p) != site]
    return " - ".join(kept) if kept and len(kept) < len(parts) else title


_LD_JSON = re.compile(rb"<script[^>]+application/ld\+json[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL)
_ARTICLE_TYPES = frozenset({"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle",
                            "OpinionNewsArticle", "BlogPosting", "WebPage"})


def publisher(raw: bytes) -> str | None:
    """The publisher's name an article's JSON-LD states, for pages without og:site_name."""
    for block in _LD_JSON.findall(raw):
        try:
            data = json.loads(block.decode("utf-8", "replace"))
        except ValueError:
            continue
        items = data.get("@graph", [data]) if isinstance(data, dict) else data
        for item in items if isinstance(items, list) else []:
            kinds = item.get("@type") if isinstance(item, dict) else None
            kinds = set(kinds) if isinstance(kinds, list) else {kinds}
            who = item.get("publisher") if isinstance(item, dict) and kinds & _ARTICLE_TYPES else None
            name = _clean(who.get("name")) if isinstance(who, dict) else None
            if name:
                return name
    return None


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip().removeprefix("the ")


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = re.sub(r"\s+", " ", value).strip()
    return text or None


def _date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _url(value: object) -> str | None:
    return value if isinstance(value, str) and re.match(r"https?://\S+$", value) else None
