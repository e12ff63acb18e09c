"""An Answer as Block Kit: each hit a quoted snippet with its source, a context line and buttons."""

from __future__ import annotations

import json
from typing import Any

from bot.core.models import Answer
from bot.core.policy import AnswerPage
from bot.render.links import source_link
from bot.slack.render.message import (
    MAX_PLAIN_CHARS,
    MAX_SECTION_CHARS,
    MAX_VALUE_CHARS,
    SlackMessage,
    button,
    context,
    fit,
    section,
)
from bot.slack.render.text import bold_snippet, escape, escape_capped, link_escaped, web_address
from search.models import Document, Hit

MORE_ACTION = "dossier_more"
HELPFUL_ACTION = "dossier_helpful"
UNHELPFUL_ACTION = "dossier_unhelpful"
# A title is a label beside the quote, not the content: long ones are cut.
MAX_TITLE_CHARS = 150
# The shown question in a heading; the full question travels in the button values.
MAX_HEADING_CHARS = 300
# Room left for the snippet in a section after the source line (title, outlet, date, link).
SOURCE_LINE_ROOM = 1200
# A longer address is not linked (the source is named in text): cut, it would lead nowhere, and whole
# it would crowd the quote out of SOURCE_LINE_ROOM.
MAX_LINK_CHARS = 600


def render_answer(page: AnswerPage, public_base_url: str | None, *, shown_question: str | None = None,
                  scope: list[str] | None = None) -> SlackMessage:
    """A page of an answer, its hits numbered from `page.offset` on; `page.more` adds the "More results"
    button, whose value keeps the question, the next position and the documents searched (`scope`).
    Sources are linked by the rule of bot/render/links.py: the paragraph on `public_base_url` when set,
    else the canonical URL.
    """
    answer, offset = page.answer, page.offset
    heading = escape_capped(shown_question or answer.question, MAX_HEADING_CHARS)
    hits = answer.hits if answer.answered else answer.closest
    top: list[dict[str, Any]] = []
    if answer.answered:
        first, last = offset + 1, offset + len(hits)
        top.append(section(f"*{heading}*" + (f" (results {first}–{last})" if offset else "")))
    else:
        top.append(section(f"*{heading}*\n{escape(answer.message or 'Nothing found.')}"))
    top += [section(_hit_text(offset + n, h, answer.documents.get(h.passage.doc_id), public_base_url))
            for n, h in enumerate(hits, 1)]
    tail = [context(_context_line(answer))]
    buttons = _buttons(answer, offset + len(hits), page.more, scope)
    if buttons:
        tail.append({"type": "actions", "elements": buttons})
    return SlackMessage(_fallback(heading, answer, hits, public_base_url), tuple(fit(top, tail)))


def _hit_text(number: int, hit: Hit, doc: Document | None, public_base_url: str | None) -> str:
    snippet = bold_snippet(hit.snippet, MAX_SECTION_CHARS - SOURCE_LINE_ROOM)
    quote = "\n".join(f">{line}" for line in snippet.splitlines() or [""])
    return f"*{number}.*\n{quote}\n{_source_line(hit, doc, public_base_url)}"


def _source_line(hit: Hit, doc: Document | None, public_base_url: str | None) -> str:
    """`<link|Title, ¶n> · outlet · date`, the link by bot/render/links.py; the label alone when there is none."""
    paragraph = hit.passage.paragraph
    if doc is None:
        return escape_capped(f"{hit.passage.doc_id}, ¶{paragraph}", MAX_TITLE_CHARS)
    src = doc.source
    parts = [link_escaped(_address(doc, paragraph, public_base_url), _label(doc, paragraph))]
    if src.outlet:
        parts.append(escape_capped(src.outlet, 80))
    if src.published:
        parts.append(src.published.isoformat())
    if hit.passage.kind.value == "caption":
        parts.append("photo caption")
    return " · ".join(parts)


def _label(doc: Document, paragraph: int) -> str:
    """The label `Title, ¶n`, escaped, a long title cut so the paragraph number always shows."""
    return f"{escape_capped(doc.source.title or doc.doc_id, MAX_TITLE_CHARS)}, ¶{paragraph}"


def _address(doc: Document, paragraph: int, public_base_url: str | None) -> str | None:
    """The link of a quote by the rule of bot/render/links.py, ready for mrkdwn; None when none fits whole."""
    address = web_address(source_link(doc, paragraph, public_base_url).url)
    return address if address and len(address) <= MAX_LINK_CHARS else None


def _context_line(answer: Answer) -> str:
    notes = [escape_capped(n, 300) for n in answer.notices]
    if answer.answered:
        notes.append(f"confidence {answer.confidence:.0%}")
    else:
        notes.append("closest passages, not an answer" if answer.closest else "nothing close either")
    notes.append(f"corpus version {escape(answer.corpus_version)}")
    return " · ".join(notes)


def _buttons(answer: Answer, next_offset: int, more: bool, scope: list[str] | None) -> list[dict[str, Any]]:
    if not answer.answered or not answer.hits:
        return []
    best = str(answer.hits[0].passage.ref)
    elements = []
    if more:
        paging = {"o": next_offset, **({"d": scope} if scope else {})}
        elements.append(button("More results", MORE_ACTION, state(answer.question, **paging)))
    elements.append(button("👍", HELPFUL_ACTION, state(answer.question, p=best)))
    elements.append(button("👎", UNHELPFUL_ACTION, state(answer.question, p=best)))
    return elements


def state(question: str, **extra: Any) -> dict[str, Any]:
    """A button's value: the question (cut to fit Slack's 2,000 characters) and the other fields."""
    value = {"q": question, **extra}
    while len(json.dumps(value, ensure_ascii=False, separators=(",", ":"))) > MAX_VALUE_CHARS:
        value["q"] = value["q"][: len(value["q"]) * 3 // 4]
    return value


def _fallback(heading: str, answer: Answer, hits: tuple[Hit, ...], public_base_url: str | None) -> str:
    lines = [heading if answer.answered else f"{heading}: {escape(answer.message or 'Nothing found.')}"]
    for n, hit in enumerate(hits, 1):
        doc, paragraph = answer.documents.get(hit.passage.doc_id), hit.passage.paragraph
        if doc is None:
            source = escape_capped(f"{hit.passage.doc_id}, ¶{paragraph}", MAX_TITLE_CHARS)
        else:
            address = _address(doc, paragraph, public_base_url)
            source = _label(doc, paragraph) + (f" {address}" if address else "")
        lines.append(f"{n}. “{escape_capped(hit.snippet.text, 600)}” ({source})")
    kept, used = [], 0
    for line in lines:
        if used + len(line) + 1 > MAX_PLAIN_CHARS:
            break
        kept.append(line)
        used += len(line) + 1
    return "\n".join(kept)
