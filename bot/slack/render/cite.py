"""Where a list entry comes from: outlet and a link to its paragraph, by the one rule of bot/render/links.py."""

from __future__ import annotations

from bot.render.links import source_link
from bot.render.words import source_name
from bot.slack.render.text import escape_capped, link
from search.models import Document, PassageRef

# Outlet and title are labels beside the content: long ones are cut.
MAX_OUTLET_CHARS = 80
MAX_TITLE_CHARS = 120


def outlet(documents: dict[str, Document], doc_id: str) -> str:
    """What a source is called (bot/render/words.py: outlet, else title, else id), escaped and capped."""
    return escape_capped(source_name(documents, doc_id), MAX_OUTLET_CHARS)


def cite(documents: dict[str, Document], ref: PassageRef, public_base_url: str | None) -> str:
    """`Outlet · <link|Title, ¶n>` in mrkdwn; the title alone, unlinked, when there is no address."""
    doc = documents.get(ref.doc_id)
    if doc is None:
        return escape_capped(f"{ref.doc_id}, ¶{ref.paragraph}", MAX_TITLE_CHARS)
    where = source_link(doc, ref.paragraph, public_base_url)
    shown = link(where.url, where.text, MAX_TITLE_CHARS)
    return f"{outlet(documents, ref.doc_id)} · {shown}" if doc.source.outlet else shown

