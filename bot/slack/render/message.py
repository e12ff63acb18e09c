"""A Slack message as Block Kit plus its plain `text` fallback, kept inside Slack's limits."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

# Slack rejects a section (or context element) text over 3,000 characters and a message over 50
# blocks. It documents 40,000 characters for `text` but rejects block messages far below that in
# practice (msg_blocks_too_long), so a whole message stays under 12,000 characters of block text.
MAX_SECTION_CHARS = 3000
MAX_BLOCKS = 50
MAX_MESSAGE_CHARS = 12_000
# The plain-text retry after Slack refuses the blocks: short enough for any client to show whole.
MAX_PLAIN_CHARS = 3000
# A button's `value` may hold at most 2,000 characters.
MAX_VALUE_CHARS = 2000


@dataclass(frozen=True, slots=True)
class SlackMessage:
    """Blocks and their fallback text, ready for chat.postMessage, chat.update or a response_url."""

    text: str
    blocks: tuple[dict[str, Any], ...] = ()

    def payload(self) -> dict[str, Any]:
        """Keyword arguments of a Web API call; links and media never unfurl."""
        return {"text": self.text, "blocks": list(self.blocks), "unfurl_links": False, "unfurl_media": False}

    def plain(self) -> dict[str, Any]:
        """The shorter retry: the fallback text alone, no blocks."""
        return {"text": self.text[:MAX_PLAIN_CHARS], "unfurl_links": False, "unfurl_media": False}


def mrkdwn(text: str) -> dict[str, Any]:
    """A mrkdwn text object; `verbatim` stops Slack from turning names and bare words into links."""
    return {"type": "mrkdwn", "text": text[:MAX_SECTION_CHARS], "verbatim": True}


def section(text: str) -> dict[str, Any]:
    """A section block of already-escaped mrkdwn, capped at Slack's 3,000 characters."""
    return {"type": "section", "text": mrkdwn(text)}


def context(text: str) -> dict[str, Any]:
    """A context line of already-escaped mrkdwn."""
    return {"type": "context", "elements": [mrkdwn(text)]}


def button(text: str, action_id: str, value: dict[str, Any], style: str | None = None) -> dict[str, Any]:
    """A button whose state rides in its value (compact JSON, at most 2,000 characters)."""
    encoded = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if len(encoded) > MAX_VALUE_CHARS:
        raise ValueError("button value over Slack's 2,000 characters")
    element = {"type": "button", "text": {"type": "plain_text", "text": text, "emoji": True},
               "action_id": action_id, "value": encoded}
    if style:
        element["style"] = style
    return element


def block_chars(block: dict[str, Any]) -> int:
    """Characters of text a block carries, as Slack counts towards a message's size."""
    return len(json.dumps(block, ensure_ascii=False))


def fit(blocks: list[dict[str, Any]], tail: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`blocks` cut to what fits beside `tail` (kept whole) in 50 blocks and the message budget."""
    budget = MAX_MESSAGE_CHARS - sum(block_chars(b) for b in tail)
    room = MAX_BLOCKS - len(tail)
    kept: list[dict[str, Any]] = []
    for block in blocks:
        size = block_chars(block)
        if len(kept) >= room or size > budget:
            break
        kept.append(block)
        budget -= size
    return kept + tail
