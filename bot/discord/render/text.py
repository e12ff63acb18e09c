"""Discord's message limits and colours, markdown escaping, and cutting text at natural boundaries."""

from __future__ import annotations

import re
from urllib.parse import quote

import discord

# Discord's documented limits; a message over any of them is refused with 400 Invalid Form Body.
MESSAGE_CHARS = 2000
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
FIELD_NAME = 256
FIELD_VALUE = 1024
FIELDS = 25
FOOTER = 2048
EMBED_TOTAL = 6000  # title + description + field names and values + footer + author, together
CUSTOM_ID = 100
THREAD_NAME = 100
CHOICES = 25  # autocomplete choices
CHOICE_NAME = 100

ANSWER_COLOUR = discord.Colour(0x2B6CB0)
NOTHING_COLOUR = discord.Colour(0x718096)

ELLIPSIS = "…"
# Characters Discord's markdown reads anywhere in a line: emphasis, code, spoilers, links, mentions, escapes.
_INLINE = re.compile(r"([\\*_~`|\[\]()<>@])")
# Characters that start a heading, list or quote only at the start of a line.
_LINE_START = re.compile(r"^(\s*)([#>\-+])", re.MULTILINE)
_NUMBERED = re.compile(r"^(\s*\d+)\.", re.MULTILINE)
_SENTENCE_END = re.compile(r"[.!?…][\"”’)\]]*\s+")


def escape(text: str) -> str:
    """Corpus or user text made inert: no formatting, masked links, mentions or emoji it did not show."""
    text = _INLINE.sub(r"\\\1", text)
    text = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return _NUMBERED.sub(r"\1\\.", text)


def link(url: str) -> str:
    """A URL safe inside a markdown link: no spaces or parentheses to end it early."""
    return quote(url, safe=":/?#[]@!$&'*+,;=%~.-_")


def cut(text: str, limit: int) -> str:
    """`text` if it fits, else cut at the last paragraph, then sentence, then word boundary, with '…'."""
    if len(text) <= limit:
        return text
    room = max(0, limit - 2)  # space for " …"
    head = text[:room]
    floor = room // 2  # a boundary in the first half would throw away too much
    para = head.rfind("\n\n")
    if para >= floor:
        return head[:para].rstrip() + "\n" + ELLIPSIS
    ends = [m.start() + len(m.group().rstrip()) for m in _SENTENCE_END.finditer(head)]
    if ends and ends[-1] >= floor:
        return head[:ends[-1]] + " " + ELLIPSIS
    space = head.rfind(" ")
    if space >= floor:
        return head[:space].rstrip() + " " + ELLIPSIS
    return text[:max(0, limit - 1)] + ELLIPSIS


def cut_escaped(raw: str, limit: int) -> str:
    """Escaped `raw` within `limit` characters, cut on the raw text so no escape is split."""
    budget = limit
    while True:
        escaped = escape(cut(raw, budget))
        if len(escaped) <= limit or budget <= 1:
            return escaped if len(escaped) <= limit else ELLIPSIS
        budget -= max(1, (len(escaped) - limit + 1) // 2)
