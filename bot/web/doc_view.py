"""The document page (the cleaned article, paragraph by paragraph, with anchors) and the sources list."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from urllib.parse import urlencode

from bot.links import doc_path
from bot.web.html import esc, external_link, marked, page
from search.models import Document, Paragraph, PassageKind, Span

# Marks the question's terms in one paragraph's text; a page without a question marks nothing.
Marker = Callable[[str], Sequence[Span]]


def _meta(doc: Document) -> str:
    source = doc.source
    parts = [esc(x) for x in (source.outlet,) if x]
    if source.published:
        parts.append(f'published <time datetime="{source.published.isoformat()}">'
                     f"{source.published.isoformat()}</time>")
    elif source.page_date:
        parts.append(f"page dated {source.page_date.isoformat()}")
    if source.author:
        parts.append(f"by {esc(source.author)}")
    original = external_link(source.url, "original article")
    if original:
        parts.append(original)
    return '<p class="meta">' + " · ".join(parts) + "</p>" if parts else ""


def _paragraph(par: Paragraph, mark: Marker) -> str:
    anchor = f"p{par.number}"
    number = f'<a class="num" href="#{anchor}" aria-label="paragraph {par.number}">{par.number}</a>'
    text = marked(par.text, mark(par.text))
    if par.kind is PassageKind.HEADING:
        return f'<h2 id="{anchor}" class="para heading">{number}{text}</h2>'
    return f'<p id="{anchor}" class="para {par.kind.value}">{number}{text}</p>'


def document_page(doc: Document, question: str | None, mark: Marker) -> str:
    """The cleaned article with its metadata; with a question, its words are marked in every paragraph."""
    marking = ""
    if question:
        marking = (f'<p class="marking">Words of <q>{esc(question)}</q> are marked. '
                   f'<a href="{esc(doc_path(doc.doc_id))}">Show without marks</a> · '
                   f'<a href="{esc("/?" + urlencode({"q": question}))}">back to the answer</a></p>')
    body = "".join(_paragraph(p, mark) for p in doc.paragraphs)
    return page(doc.source.title, f'<article class="doc"><h1>{esc(doc.source.title)}</h1>{_meta(doc)}'
                f"{marking}<div class=\"paras\">{body}</div></article>", active="")


def sources_page(documents: Sequence[Document]) -> str:
    """Every document of the live corpus with its outlet, date and a link to read it."""
    items = []
    for doc in documents:
        meta = [esc(x) for x in (doc.source.outlet,) if x]
        if doc.source.published:
            meta.append(doc.source.published.isoformat())
        meta.append(f"{len(doc.paragraphs)} paragraphs")
        original = external_link(doc.source.url, "original")
        if original:
            meta.append(original)
        items.append(f'<li><a href="{esc(doc_path(doc.doc_id))}">{esc(doc.source.title)}</a>'
                     f'<span class="meta">{" · ".join(meta)}</span></li>')
    body = f'<h1>Sources</h1><p>{len(documents)} articles.</p><ul class="sources">{"".join(items)}</ul>'
    return page("Sources", body, active="/sources")
