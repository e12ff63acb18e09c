"""Where a list entry comes from: outlet and a link to its paragraph, by the one rule of bot/links.py."""

from __future__ import annotations

from bot.links import source_link
from bot.slack.render.text import escape_capped, link
from search.models import Document

# Outlet and title are labels beside the content: long ones are cut.
MAX_OUTLET_CHARS = 80
MAX_TITLE_CHARS = 120


def outlet(documents: dict[str, Document], doc_id: str) -> str:
    """The outlet of a document (else its title, else its id), escaped."""
    doc = documents.get(doc_id)
    name = (doc.source.outlet or doc.source.title or doc_id) if doc else doc_id
    return escape_capped(name, MAX_OUTLET_CHARS)


def cite(documents: dict[str, Document], doc_id: str, paragraph: int, public_base_url: str | None) -> str:
    """`Outlet · <link|Title, ¶n>` in mrkdwn; the title alone, unlinked, when there is no address."""
    doc = documents.get(doc_id)
    if doc is None:
        return escape_capped(f"{doc_id}, ¶{paragraph}", MAX_TITLE_CHARS)
    where = source_link(doc, paragraph, public_base_url)
    shown = link(where.url, where.text, MAX_TITLE_CHARS)
    return f"{outlet(documents, doc_id)} · {shown}" if doc.source.outlet else shown


def split_passage_id(passage_id: str) -> tuple[str, int]:
    """`doc_id#pN` as (doc_id, N); N is 0 when the id carries no paragraph."""
    doc_id, _, tail = passage_id.rpartition("#p")
    if not doc_id or not tail.isdigit():
        return passage_id, 0
    return doc_id, int(tail)
