"""Paged lists on Discord: entries packed whole into embeds, the filters kept in the footer for paging."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import discord

from bot.discord.render.text import ANSWER_COLOUR, EMBED_TITLE, FOOTER, NOTHING_COLOUR, cut, cut_escaped

PAGE_CHARS = 3000  # description a page: a screenful on a phone, well under the 4,096 limit
INTRO_CHARS = 1000  # the line above the entries (a profile's aliases can be many)
ENTRY_CHARS = 1000  # an entry is built to at most this, so it always fits a page whole with its links
FILTER_CHARS = 200  # a filter value as the commands accept it; kept whole so a page can be fetched again

# Footer labels of the filters a list was asked with, in the order they are shown.
_FILTERS = (("kind", "Kind: "), ("name", "Name: "), ("topic", "Topic: "), ("actor", "Actor: "),
            ("date_from", "From: "), ("date_to", "To: "))


@dataclass(frozen=True, slots=True)
class ListState:
    """Which list a message shows and the filters it was asked with; read back from the footer to page."""

    what: str
    kind: str | None = None
    name: str | None = None
    topic: str | None = None
    actor: str | None = None
    date_from: str | None = None
    date_to: str | None = None

    @classmethod
    def of(cls, what: str, **filters: str | None) -> ListState:
        """A state with the filters made single-line and blank ones dropped."""
        clean = {k: " ".join(v.split())[:FILTER_CHARS] or None if v else None for k, v in filters.items()}
        return cls(what, **clean)


@dataclass(frozen=True, slots=True)
class ListContent:
    """A list ready to page: title, a line above the entries, and the entries (markdown, escaped)."""

    title: str
    intro: str
    entries: tuple[str, ...]
    per_page: int
    separator: str = "\n\n"
    empty: str = "Nothing found."
    headings: frozenset[int] = frozenset()  # entries that introduce the ones after them: never last on a page


def footer(state: ListState, first: int, last: int, total: int, version: str) -> str:
    """The footer: where in the list this page is, then the filters the More button reads back."""
    lines = [f"Entries {first}–{last} of {total} · corpus {version}" if total else f"corpus {version}"]
    lines += [label + value for key, label in _FILTERS if (value := getattr(state, key))]
    return cut("\n".join(lines), FOOTER)


def read_state(what: str, embed: discord.Embed) -> ListState:
    """The filters of a list message, from its footer."""
    lines = (embed.footer.text or "").split("\n")
    found = {key: next((x.removeprefix(label) for x in lines if x.startswith(label)), None)
             for key, label in _FILTERS}
    return ListState(what, **found)


def pack(content: ListContent, offset: int) -> Sequence[str]:
    """The entries from `offset` that fit one page: at most `per_page`, and at least one."""
    room = PAGE_CHARS - len(content.intro)
    shown: list[str] = []
    for entry in content.entries[offset:offset + content.per_page]:
        room -= len(entry) + len(content.separator)
        if shown and room < 0:
            break
        shown.append(entry)
    if len(shown) > 1 and offset + len(shown) < len(content.entries) and \
            offset + len(shown) - 1 in content.headings:
        shown.pop()
    return shown


def list_embed(content: ListContent, state: ListState, offset: int, version: str) -> tuple[discord.Embed, int]:
    """One page of a list as an embed, and how many entries it shows."""
    shown = pack(content, offset)
    body = content.separator.join(shown) if shown else content.empty
    description = f"{content.intro}\n\n{body}" if content.intro else body
    embed = discord.Embed(title=cut_escaped(content.title, EMBED_TITLE), description=description,
                          colour=ANSWER_COLOUR if shown else NOTHING_COLOUR)
    total = len(content.entries)
    embed.set_footer(text=footer(state, offset + 1, offset + len(shown), total, version))
    return embed, len(shown)
