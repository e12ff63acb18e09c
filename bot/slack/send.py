"""Sending messages: chat.postMessage with a plain-text retry when Slack refuses the blocks."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.render import SlackMessage, escape_capped

log = logging.getLogger("dossier.slack")

# Slack's answers to a message it will not take as blocks; the same words as plain text go through.
RETRY_AS_PLAIN = frozenset({"msg_too_long", "msg_blocks_too_long", "invalid_blocks"})
# Where the bot may not post (not invited, a DM with someone else): answer through the response_url.
NOT_HERE = frozenset({"not_in_channel", "channel_not_found"})


async def post(client: AsyncWebClient, channel: str, message: SlackMessage, thread_ts: str | None = None
               ) -> str | None:
    """Post a message (in a thread when given); returns its ts."""
    extra: dict[str, Any] = {"thread_ts": thread_ts} if thread_ts else {}
    try:
        response = await client.chat_postMessage(channel=channel, **message.payload(), **extra)
    except SlackApiError as exc:
        if exc.response.get("error") not in RETRY_AS_PLAIN:
            raise
        log.warning("Slack refused the blocks (%s); sending plain text", exc.response.get("error"))
        response = await client.chat_postMessage(channel=channel, **message.plain(), **extra)
    return response.get("ts")


async def post_or_respond(client: AsyncWebClient, respond: AsyncRespond, channel: str, message: SlackMessage,
                          thread_ts: str | None = None) -> str | None:
    """Post in the channel; where the bot is not a member, answer through the response_url instead."""
    try:
        return await post(client, channel, message, thread_ts)
    except SlackApiError as exc:
        if exc.response.get("error") not in NOT_HERE:
            raise
    await respond_message(respond, message, response_type="in_channel")
    return None


async def respond_message(respond: AsyncRespond, message: SlackMessage, *, response_type: str = "ephemeral"
                          ) -> None:
    """Answer through the response_url, retrying as plain text when Slack refuses the blocks."""
    result = await respond(**message.payload(), response_type=response_type, replace_original=False)
    if result.status_code != 200 and result.body.strip() in RETRY_AS_PLAIN:
        log.warning("Slack refused the blocks (%s); sending plain text", result.body.strip())
        await respond(**message.plain(), response_type=response_type, replace_original=False)


async def ephemeral_text(respond: AsyncRespond, text: str) -> None:
    """A short private line to the user, through the response_url."""
    await respond(text=escape_capped(text, 2000), response_type="ephemeral", replace_original=False)
