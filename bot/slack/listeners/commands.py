"""Slash commands /ask, /sources, /reload, /add, /stats, behind a prefix (the list commands are in lists.py)."""

from __future__ import annotations

import html
import re
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.core.report import ReloadReport
from bot.errors import ReloadRefused
from bot.slack.deps import SlackDeps, reporting_errors
from bot.slack.listeners.options import parse_options
from bot.slack.memory import PLATFORM
from bot.slack.render import render_answer, render_reload, render_sources, render_stats
from bot.slack.send import ephemeral_text, post_or_respond, respond_message


def register_commands(app: AsyncApp, deps: SlackDeps) -> None:
    """Attach every slash command, each named with the configured prefix."""
    prefix = f"/{deps.settings.slack_command_prefix}"

    @app.command(prefix + "ask")
    async def ask(ack: AsyncAck, command: dict[str, Any], client: AsyncWebClient,
                  respond: AsyncRespond) -> None:
        await ack()
        await reporting_errors(_tell(respond), _ask(deps, command, client, respond))

    @app.command(prefix + "sources")
    async def sources(ack: AsyncAck, respond: AsyncRespond) -> None:
        await ack()
        message = render_sources(deps.service.sources(), deps.service.corpus.version)
        await reporting_errors(_tell(respond), respond_message(respond, message))

    @app.command(prefix + "reload")
    async def reload(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        await reporting_errors(_tell(respond), _reload(deps, command, respond))

    @app.command(prefix + "add")
    async def add(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        await reporting_errors(_tell(respond), _add(deps, command, respond))

    @app.command(prefix + "stats")
    async def stats(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        await reporting_errors(_tell(respond), _stats(deps, command, respond))


def _tell(respond: AsyncRespond) -> Callable[[str], Awaitable[None]]:
    """How a command tells its user about an error: privately, through the response_url."""
    return lambda text: ephemeral_text(respond, text)


async def _ask(deps: SlackDeps, command: dict[str, Any], client: AsyncWebClient,
               respond: AsyncRespond) -> None:
    user, channel = command["user_id"], command["channel_id"]
    parsed = parse_options("ask", command.get("text", ""))
    wanted = parsed.options.get("source")
    scope = list(deps.service.find_sources(wanted)) if wanted else None
    deps.check_rate(user)
    page = await deps.service.ask_page(parsed.text, 0, scope, platform=PLATFORM, user_id=user)
    reply = render_answer(page, deps.settings.public_base_url, scope=scope)
    ts = await post_or_respond(client, respond, channel, reply)
    if ts:
        await deps.threads.remember(channel, ts, page.answer.question)


async def _reload(deps: SlackDeps, command: dict[str, Any], respond: AsyncRespond) -> None:
    user = command["user_id"]
    actor = f"{PLATFORM}:{user}"
    await deps.service.authorize(actor, "reload", deps.is_admin(user))
    force = command.get("text", "").strip().casefold() == "force"
    await _reply_report(respond, deps.service.reload(actor, force=force))  # the service audits every attempt


async def _reply_report(respond: AsyncRespond, reloading: Awaitable[ReloadReport]) -> None:
    """The reload's report, or the report of why it was refused, privately."""
    try:
        report = await reloading
    except ReloadRefused as exc:
        if exc.report is None:
            await ephemeral_text(respond, exc.user_message)
        else:
            await respond_message(respond, render_reload(exc.report))
        return
    await respond_message(respond, render_reload(report))


# Slack sends a link in a command's text as <https://…> or <https://…|label>, with &, < and > escaped.
_SLACK_LINK = re.compile(r"<([^|>]+)(?:\|[^>]*)?>")


def link_in(text: str) -> str:
    """The address a command's text holds, as the admin typed it."""
    text = text.strip()
    found = _SLACK_LINK.fullmatch(text)
    return html.unescape(found.group(1) if found else text)


async def _add(deps: SlackDeps, command: dict[str, Any], respond: AsyncRespond) -> None:
    user = command["user_id"]
    actor = f"{PLATFORM}:{user}"
    await deps.service.authorize(actor, "add", deps.is_admin(user))
    # the service audits every attempt; a failed fetch (FetchFailed) is told by reporting_errors
    await _reply_report(respond, deps.service.add(link_in(command.get("text", "")), actor))


async def _stats(deps: SlackDeps, command: dict[str, Any], respond: AsyncRespond) -> None:
    user = command["user_id"]
    actor = f"{PLATFORM}:{user}"
    await deps.service.authorize(actor, "stats", deps.is_admin(user))
    await deps.service.audit(actor, "stats", True, "shown")
    await respond_message(respond, render_stats(await deps.service.stats()))
