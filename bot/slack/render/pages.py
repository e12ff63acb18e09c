"""A paged list as Block Kit: entries packed into sections, a context line and a "More results" button.

The button's value carries the command, its options and the next position, so any process of Dossier
(even one started after the list was shown) can render the next page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.slack.render.message import MAX_PLAIN_CHARS, MAX_SECTION_CHARS, SlackMessage, button, context, fit, section
from bot.slack.render.text import escape, escape_capped

LIST_MORE_ACTION = "dossier_list_more"
# An entry never fills a whole section: room stays for the line breaks that join entries.
MAX_ENTRY_CHARS = MAX_SECTION_CHARS - 200
# A fallback line names an entry; the blocks carry the detail.
MAX_LINE_CHARS = 300


@dataclass(frozen=True, slots=True)
class Entry:
    """One item of a list: its mrkdwn (escaped, at most MAX_ENTRY_CHARS) and a short plain fallback line."""

    text: str
    line: str


@dataclass(frozen=True, slots=True)
class ListState:
    """Which list a page belongs to: the command, its options as typed, and the first entry shown."""

    command: str
    options: dict[str, str] = field(default_factory=dict)
    offset: int = 0

    def value(self, offset: int) -> dict[str, Any]:
        """The button value that asks for the page starting at `offset`."""
        return {"c": self.command, "f": self.options, "o": offset}


@dataclass(frozen=True, slots=True)
class ListPage:
    """What a list command found, ready to page through."""

    title: str
    entries: Sequence[Entry]
    empty: str
    page_size: int
    joiner: str = "\n"


def render_page(page: ListPage, state: ListState, version: str) -> SlackMessage:
    """The entries from `state.offset`: as many as the page size and Slack's limits allow."""
    if not page.entries:
        text = f"*{page.title}*\n{escape(page.empty)}"
        return SlackMessage(text, (section(text),))
    total = len(page.entries)
    start = min(max(state.offset, 0), total - 1)
    chosen = list(page.entries[start:start + page.page_size])
    sections, counts = _pack([e.text for e in chosen], page.joiner)
    # The tail is reserved at its largest (every chosen entry shown, a button); the real one is no longer.
    widest = _tail(page.title, state, version, start, start + len(chosen), total, button=True)
    body = fit([section(f"*{page.title}*"), *(section(s) for s in sections)], widest)[:-len(widest)]
    end = start + sum(counts[:len(body) - 1])
    tail = _tail(page.title, state, version, start, end, total, button=end < total)
    lines = [e.line for e in chosen[:end - start]]
    return SlackMessage(_fallback(page.title, lines, start, total), tuple(body + tail))


def _tail(title: str, state: ListState, version: str, start: int, end: int, total: int, *, button: bool
          ) -> list[dict[str, Any]]:
    tail = [context(f"{title}: {start + 1}–{end} of {total} · corpus version {escape(version)}")]
    return tail + [_actions(state, end)] if button else tail


def _actions(state: ListState, offset: int) -> dict[str, Any]:
    return {"type": "actions", "elements": [button("More results", LIST_MORE_ACTION, state.value(offset))]}


def _pack(texts: list[str], joiner: str) -> tuple[list[str], list[int]]:
    """Texts joined into sections of at most MAX_SECTION_CHARS, and how many texts each section holds."""
    sections: list[str] = []
    counts: list[int] = []
    for text in texts:
        text = text[:MAX_ENTRY_CHARS]
        if sections and len(sections[-1]) + len(joiner) + len(text) <= MAX_SECTION_CHARS:
            sections[-1] += joiner + text
            counts[-1] += 1
        else:
            sections.append(text)
            counts.append(1)
    return sections, counts


def _fallback(title: str, lines: list[str], start: int, total: int) -> str:
    kept = [f"{title} ({start + 1}–{start + len(lines)} of {total})"]
    used = len(kept[0])
    for line in lines:
        line = "• " + line
        if used + 1 + len(line) > MAX_PLAIN_CHARS:
            break
        kept.append(line)
        used += 1 + len(line)
    return "\n".join(kept)


def cap(text: str, limit: int = MAX_LINE_CHARS) -> str:
    """Corpus text escaped and cut to `limit` characters."""
    return escape_capped(text, limit)
