"""Plain-text rendering for the terminal: quotes with the question's terms marked, the source under each."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from bot.core.models import Answer
from bot.render.links import source_link
from search.models import Document, Hit, LoadReport, Snippet

BOLD, RESET = "\033[1m", "\033[0m"


def mark(snippet: Snippet, color: bool) -> str:
    """Snippet text with highlight spans in bold (ANSI) or between asterisks."""
    start_mark, end_mark = (BOLD, RESET) if color else ("*", "*")
    out, pos = [], 0
    for span in snippet.highlights:
        out += [snippet.text[pos:span.start], start_mark, snippet.text[span.start:span.end], end_mark]
        pos = span.end
    out.append(snippet.text[pos:])
    return "".join(out)


def source_line(doc: Document, paragraph: int, public_base_url: str | None = None) -> str:
    """Title, outlet, date and paragraph of a quote, with its link (bot/render/links.py) where there is one."""
    parts = [doc.source.title]
    if doc.source.outlet:
        parts.append(doc.source.outlet)
    if doc.source.published:
        parts.append(doc.source.published.isoformat())
    parts.append(f"¶{paragraph}")
    line = " — ".join(parts)
    link = source_link(doc, paragraph, public_base_url)
    return f"{line}\n     {link.url}" if link.url else f"{line} [{doc.doc_id}]"


def _hit_block(n: int, hit: Hit, doc: Document, color: bool, public_base_url: str | None) -> str:
    quote = textwrap.fill(f"“{mark(hit.snippet, color)}”", width=100, initial_indent=f"{n}. ",
                          subsequent_indent="   ")
    return f"{quote}\n   — {source_line(doc, hit.passage.paragraph, public_base_url)}"


def render_answer(answer: Answer, color: bool = False, public_base_url: str | None = None) -> str:
    """An answer as the terminal shows it."""
    lines = list(answer.notices)
    if answer.answered:
        lines += [_hit_block(n, h, answer.documents[h.passage.doc_id], color, public_base_url)
                  for n, h in enumerate(answer.hits, 1)]
    else:
        lines.append(answer.message or "Nothing found.")
        lines += [_hit_block(n, h, answer.documents[h.passage.doc_id], color, public_base_url)
                  for n, h in enumerate(answer.closest, 1)]
    return "\n\n".join(lines)


def render_sources(documents: Sequence[Document], report: LoadReport) -> str:
    """The corpus documents, one block each, and any files that were skipped."""
    blocks = []
    for doc in documents:
        meta = " — ".join(x for x in (doc.source.outlet, doc.source.published and doc.source.published.isoformat())
                          if x)
        blocks.append(f"{doc.doc_id}: {doc.source.title}" + (f"\n  {meta}" if meta else "")
                      + (f"\n  {doc.source.url}" if doc.source.url else ""))
    for skipped in report.skipped:
        blocks.append(f"skipped {skipped.path}: {skipped.reason}")
    return "\n".join(blocks)
