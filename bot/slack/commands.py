"""Slash commands /ask, /sources, /reload, /stats, behind a prefix (the list commands are in lists.py)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.errors import DossierError, ReloadRefused
from bot.slack.deps import SlackDeps, reporting_errors
from bot.slack.options import parse_options
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
    doc_ids = _source_filter(deps, parsed.options.get("source"))
    deps.check_rate(user)
    answer, more = await deps.search(parsed.text, user, doc_ids=doc_ids)
    message = render_answer(answer, deps.settings.public_base_url, more=more, scope=doc_ids)
    ts = await post_or_respond(client, respond, channel, message)
    if ts:
        await deps.threads.remember(channel, ts, answer.question)


def _source_filter(deps: SlackDeps, wanted: str | None) -> list[str] | None:
    """Documents named by `source:` (an id, or words of the title); an error when none matches."""
    if not wanted:
        return None
    folded = wanted.casefold()
    docs = deps.service.sources()
    exact = [d.doc_id for d in docs if d.doc_id.casefold() == folded]
    found = exact or [d.doc_id for d in docs if folded in d.title.casefold()]
    if not found:
        raise DossierError("No document matches that source:. /sources lists them.")
    return found


async def _reload(deps: SlackDeps, command: dict[str, Any], respond: AsyncRespond) -> None:
    user = command["user_id"]
    actor = f"slack:{user}"
    if not deps.is_admin(user):
        await deps.service.audit(actor, "reload", False, "not an admin")
        await ephemeral_text(respond, "Only Dossier admins can reload the corpus.")
        return
    force = command.get("text", "").strip().casefold() == "force"
    try:
        report = await deps.service.reload(actor, force=force)  # the service audits every attempt
    except ReloadRefused as exc:
        if exc.report is None:
            await ephemeral_text(respond, exc.user_message)
        else:
            await respond_message(respond, render_reload(exc.report))
        return
    await respond_message(respond, render_reload(report))


async def _stats(deps: SlackDeps, command: dict[str, Any], respond: AsyncRespond) -> None:
    user = command["user_id"]
    if not deps.is_admin(user):
        await deps.service.audit(f"slack:{user}", "stats", False, "not an admin")
        await ephemeral_text(respond, "Only Dossier admins can see usage statistics.")
        return
    await deps.service.audit(f"slack:{user}", "stats", True, "shown")
    await respond_message(respond, render_stats(await deps.service.stats()))
