"""Mentions answered in a thread; replies in a thread the bot answered (and DMs) are questions too."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.deps import SlackDeps, reporting_errors
from bot.slack.memory import PLATFORM
from bot.slack.render import render_answer
from bot.slack.send import post

_MENTION = re.compile(r"<@([A-Z0-9]+)(?:\|[^>]*)?>")


def register_events(app: AsyncApp, deps: SlackDeps) -> None:
    """Attach the app_mention and message listeners."""

    @app.event("app_mention")
    async def mention(ack: AsyncAck, event: dict[str, Any], client: AsyncWebClient,
                      context: AsyncBoltContext) -> None:
        await ack()
        if _from_a_bot(event) or not deps.seen.first(_message_key(event)):
            return
        text = _without_mention(event.get("text", ""), context.bot_user_id)
        await _answer_in_thread(deps, client, event, text)

    @app.event("message")
    async def message(ack: AsyncAck, event: dict[str, Any], client: AsyncWebClient,
                      context: AsyncBoltContext) -> None:
        await ack()
        if _from_a_bot(event) or event.get("subtype") or f"<@{context.bot_user_id}>" in event.get("text", ""):
            return  # edits, joins and bots are not questions; a mention is answered as app_mention
        in_thread = event.get("thread_ts") not in (None, event.get("ts"))
        known = in_thread and (await deps.threads.question(event["channel"], event["thread_ts"])) is not None
        direct = event.get("channel_type") == "im" and not in_thread
        if (known or direct) and deps.seen.first(_message_key(event)):
            await _answer_in_thread(deps, client, event, event.get("text", ""))


async def _answer_in_thread(deps: SlackDeps, client: AsyncWebClient, event: dict[str, Any],
                            text: str) -> None:
    channel, user = event["channel"], event.get("user", "")
    thread = event.get("thread_ts") or event["ts"]

    async def tell(words: str) -> None:
        await client.chat_postEphemeral(channel=channel, user=user, text=words, thread_ts=thread)

    await reporting_errors(tell, _answer(deps, client, channel, user, thread, text))


async def _answer(deps: SlackDeps, client: AsyncWebClient, channel: str, user: str, thread: str,
                  text: str) -> None:
    deps.check_rate(user)
    earlier = await deps.threads.question(channel, thread)
    question = follow_up(text, earlier, deps.settings.max_question_chars) if earlier else text
    page = await deps.service.ask_page(question, platform=PLATFORM, user_id=user)
    shown = " ".join(text.split()) if earlier else None
    await post(client, channel, render_answer(page, deps.settings.public_base_url, shown_question=shown), thread)
    await deps.threads.remember(channel, thread, page.answer.question)


def follow_up(reply: str, earlier: str, max_chars: int) -> str:
    """A follow-up searched with the thread's first question as context: the reply first, then as much
    of the earlier question as fits in the question limit.
    """
    reply = " ".join(reply.split())
    room = max_chars - len(reply) - 1
    return f"{reply} {earlier[:room]}" if room > 0 else reply


def _from_a_bot(event: dict[str, Any]) -> bool:
    return bool(event.get("bot_id")) or event.get("subtype") == "bot_message"


def _message_key(event: dict[str, Any]) -> str:
    """One key per message, shared by its app_mention and message events and by Slack's retries."""
    return f"message:{event.get('channel')}:{event.get('ts')}"


def _without_mention(text: str, bot_user_id: str | None) -> str:
    return _MENTION.sub(lambda m: " " if m.group(1) == bot_user_id else m.group(0), text)
