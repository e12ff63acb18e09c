"""Plain-text rendering for the terminal: quotes with the question's terms marked, the source under each."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from typing import Any

from bot.core.models import Answer
from bot.printable import json_printable, one_line, printable
from bot.render.links import source_link
from search.models import Document, Hit, LoadReport, Snippet

BOLD, RESET = "\033[1m", "\033[0m"


def mark(snippet: Snippet, color: bool) -> str:
    """Snippet text with highlight spans in bold (ANSI) or between asterisks; the text's own controls escaped."""
    start_mark, end_mark = (BOLD, RESET) if color else ("*", "*")
    out, pos = [], 0
    for span in snippet.highlights:
        out += [one_line(snippet.text[pos:span.start]), start_mark, one_line(snippet.text[span.start:span.end]),
                end_mark]
        pos = span.end
    out.append(one_line(snippet.text[pos:]))
    return "".join(out)


def json_text(obj: dict[str, Any]) -> str:
    """One JSON object as a line of output, every control character escaped."""
    return json_printable(json.dumps(obj, ensure_ascii=False))


def source_line(doc: Document, paragraph: int, public_base_url: str | None = None) -> str:
    """Title, outlet, date and paragraph of a quote, with its link (bot/render/links.py) where there is one."""
    parts = [one_line(doc.source.title)]
    if doc.source.outlet:
        parts.append(one_line(doc.source.outlet))
    if doc.source.published:
        parts.append(doc.source.published.isoformat())
    parts.append(f"¶{paragraph}")
    line = " — ".join(parts)
    link = source_link(doc, paragraph, public_base_url)
    return f"{line}\n     {one_line(link.url)}" if link.url else f"{line} [{one_line(doc.doc_id)}]"


def _hit_block(n: int, hit: Hit, doc: Document, color: bool, public_base_url: str | None) -> str:
    quote = textwrap.fill(f"“{mark(hit.snippet, color)}”", width=100, initial_indent=f"{n}. ",
                          subsequent_indent="   ")
    return f"{quote}\n   — {source_line(doc, hit.passage.paragraph, public_base_url)}"


def render_answer(answer: Answer, color: bool = False, public_base_url: str | None = None) -> str:
    """An answer as the terminal shows it."""
    lines = [one_line(n) for n in answer.notices]
    if answer.answered:
        lines += [_hit_block(n, h, answer.documents[h.passage.doc_id], color, public_base_url)
                  for n, h in enumerate(answer.hits, 1)]
    else:
        lines.append(one_line(answer.message or "Nothing found."))
        lines += [_hit_block(n, h, answer.documents[h.passage.doc_id], color, public_base_url)
                  for n, h in enumerate(answer.closest, 1)]
    return "\n\n".join(lines)


def render_sources(documents: Sequence[Document], report: LoadReport) -> str:
    """The corpus documents, one block each, and any files that were skipped; every field one line."""
    blocks = []
    for doc in documents:
        meta = " — ".join(x for x in (doc.source.outlet, doc.source.published and doc.source.published.isoformat())
                          if x)
        blocks.append(f"{one_line(doc.doc_id)}: {one_line(doc.source.title)}"
                      + (f"\n  {one_line(meta)}" if meta else "")
                      + (f"\n  {one_line(doc.source.url)}" if doc.source.url else ""))
    for skipped in report.skipped:
        blocks.append(f"skipped {one_line(skipped.path)}: {one_line(skipped.reason)}")
    return printable("\n".join(blocks))
