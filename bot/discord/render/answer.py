"""The one formatting layer for answers on Discord: quotes in embeds within every Discord limit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import discord

from bot.core.models import Answer
from bot.discord.render.text import (
    ANSWER_COLOUR,
    ELLIPSIS,
    EMBED_TITLE,
    EMBED_TOTAL,
    FIELD_NAME,
    FIELD_VALUE,
    FIELDS,
    FOOTER,
    NOTHING_COLOUR,
    cut,
    cut_escaped,
    escape,
    link,
)
from bot.render.links import source_link
from search.models import Document, Hit, Snippet

MIN_QUOTE = 120  # below this a quote says too little to be worth showing; the hit moves to the next page
TITLE_CHARS = 80  # the title naming a source beside its quote; the field's name shows more of it
LINK_CHARS = 512  # a longer address is named in plain text: cut, it would lead nowhere
_QUESTION, _SOURCE = "Question: ", "Source: "


@dataclass(frozen=True, slots=True)
class AnswerState:
    """What an answer message shows, kept in its footer so buttons can page after a restart: the question,
    and the `source` option as it was given (a document id from the list, or words of a title).
    """

    question: str
    source: str | None = None


def mark(snippet: Snippet, limit: int) -> str:
    """The snippet escaped, its highlight spans in bold, cut at a boundary to at most `limit` characters."""
    budget = limit
    while budget > 0:
        kept = cut(snippet.text, budget)
        prefix = len(kept.removesuffix(ELLIPSIS).rstrip())
        out, pos = [], 0
        for span in snippet.highlights:
            if span.end > prefix:
                break
            bold = escape(snippet.text[span.start:span.end])
            out += [escape(snippet.text[pos:span.start]), "**", bold, "**"]
            pos = span.end
        out.append(escape(kept[pos:]))
        text = "".join(out)
        if len(text) <= limit:
            return text
        budget -= max(1, (len(text) - limit + 1) // 2)
    return ELLIPSIS


def source_line(doc: Document, paragraph: int, public_base_url: str | None) -> str:
    """Outlet, date and "title, ¶n", linked by the rule of bot/render/links.py (plain text when there is no link)."""
    parts = [escape(cut(doc.source.outlet, 80))] if doc.source.outlet else []
    if doc.source.published:
        parts.append(doc.source.published.isoformat())
    url = source_link(doc, paragraph, public_base_url).url
    label = f"{cut_escaped(doc.source.title or doc.doc_id, TITLE_CHARS)}, ¶{paragraph}"
    parts.append(f"[{label}]({link(url)})" if url and len(link(url)) <= LINK_CHARS else label)
    return " · ".join(parts)


def hit_field(n: int, hit: Hit, doc: Document, public_base_url: str | None,
              limit: int = FIELD_VALUE) -> tuple[str, str] | None:
    """Name and value of one quote's field, the source line always whole; None when it cannot fit."""
    name = f"{n}. " + cut_escaped(doc.title, FIELD_NAME - len(f"{n}. "))
    source = source_line(doc, hit.passage.paragraph, public_base_url)
    room = min(limit, FIELD_VALUE) - len(source) - len("> “”\n")
    if room < MIN_QUOTE:
        return None
    return name, f"> “{mark(hit.snippet, room)}”\n{source}"


def footer(state: AnswerState, page: int, version: str) -> str:
    """Footer lines: the question and source filter the buttons read back, then the page."""
    lines = [_QUESTION + state.question]
    if state.source:
        lines.append(_SOURCE + state.source)
    lines.append(f"Page {page} · corpus {version}")
    return cut("\n".join(lines), FOOTER)


def read_state(embed: discord.Embed) -> AnswerState | None:
    """The question and source filter of an answer message, from its footer."""
    lines = (embed.footer.text or "").split("\n")
    question = next((x.removeprefix(_QUESTION) for x in lines if x.startswith(_QUESTION)), None)
    source = next((x.removeprefix(_SOURCE) for x in lines if x.startswith(_SOURCE)), None)
    return AnswerState(question, source) if question else None


def answer_embed(answer: Answer, hits: Sequence[Hit], state: AnswerState, public_base_url: str | None, *,
                 first: int = 1, page: int = 1) -> tuple[discord.Embed, int]:
    """An answer as an embed of quotes, and how many of `hits` fit (the rest belong to the next page);
    source links follow bot/render/links.py with `public_base_url`, the address of Dossier's web page if set.
    """
    notes = list(answer.notices)
    if not answer.answered:
        notes.append(answer.message or "Nothing found.")
    embed = discord.Embed(title=cut_escaped(f"“{answer.question}”", EMBED_TITLE),
                          description=cut_escaped("\n".join(notes), 1000) or None,
                          colour=ANSWER_COLOUR if answer.answered else NOTHING_COLOUR)
    embed.set_footer(text=footer(state, page, answer.corpus_version))
    shown = 0
    for n, hit in enumerate(hits[:FIELDS], first):
        room = EMBED_TOTAL - len(embed) - FIELD_NAME
        field = hit_field(n, hit, answer.documents[hit.passage.doc_id], public_base_url, room)
        if field is None:
            break
        embed.add_field(name=field[0], value=field[1], inline=False)
        shown += 1
    return embed, shown
