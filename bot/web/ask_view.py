"""The ask page: a question box and the answer rendered like a chat reply, quote by quote."""

from __future__ import annotations

from bot.links import doc_path
from bot.service import Answer, LiveCorpus
from bot.web.html import esc, external_link, marked, page
from search.models import Document, Hit


def _form(question: str, max_chars: int) -> str:
    return (
        '<form class="ask" action="/" method="get" role="search">'
        '<label for="q">Ask the articles a question</label>'
        f'<div class="row"><input id="q" name="q" type="search" value="{esc(question)}" '
        f'maxlength="{max_chars}" autocomplete="off" placeholder="who, how many, when…" required>'
        '<button type="submit">Ask</button></div></form>'
    )


def _source(hit: Hit, doc: Document, question: str) -> str:
    paragraph = hit.passage.paragraph
    parts = [f'<a class="source-link" href="{esc(doc_path(doc.doc_id, paragraph, question))}">'
             f'{esc(doc.source.title)}</a>']
    if doc.source.outlet:
        parts.append(esc(doc.source.outlet))
    if doc.source.published:
        parts.append(f'<time datetime="{doc.source.published.isoformat()}">{doc.source.published.isoformat()}'
                     "</time>")
    parts.append(f"¶{paragraph}")
    original = external_link(doc.source.url, "original")
    if original:
        parts.append(original)
    return '<p class="source">' + " · ".join(parts) + "</p>"


def _hits(hits: tuple[Hit, ...], answer: Answer, css: str) -> str:
    items = []
    for hit in hits:
        doc = answer.documents[hit.passage.doc_id]
        caption = ' <span class="kind">photo caption</span>' if hit.passage.kind.value == "caption" else ""
        items.append(f'<li class="hit"><blockquote>“{marked(hit.snippet.text, hit.snippet.highlights)}”'
                     f"{caption}</blockquote>{_source(hit, doc, answer.question)}</li>")
    return f'<ol class="{css}">' + "".join(items) + "</ol>"


def render_answer(answer: Answer) -> str:
    """The answer block: notices, then the quotes, or "nothing found" and the closest passages as such."""
    parts = [f'<p class="asked">You asked: <q>{esc(answer.question)}</q></p>']
    parts += [f'<p class="notice">{esc(n)}</p>' for n in answer.notices]
    if answer.answered:
        parts.append(_hits(answer.hits, answer, "hits"))
    else:
        parts.append(f'<p class="nothing">{esc(answer.message or "Nothing found.")}</p>')
        if answer.closest:
            parts.append('<h2 class="closest-title">Closest passages (not an answer)</h2>')
            parts.append(_hits(answer.closest, answer, "hits closest"))
    return '<section class="answer" aria-live="polite">' + "".join(parts) + "</section>"


def ask_page(question: str, body: str, max_chars: int) -> str:
    """The ask page around an answer block (or a message) already rendered as HTML."""
    return page(question or "Ask", _form(question, max_chars) + body, active="/")


def welcome(corpus: LiveCorpus) -> str:
    """What an empty ask page shows: the size of the corpus and what to ask."""
    return (f'<section class="welcome"><p>{len(corpus.documents)} articles, {len(corpus.index.passages)} '
            'passages. Every answer quotes the articles and links to the paragraph it comes from. '
            'Ask about people, groups, places, numbers or dates.</p>'
            '<p>See all <a href="/sources">sources</a>.</p></section>')
