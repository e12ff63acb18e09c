"""/actors, /figures and /timeline: text options mapped onto the service's lists, paged by a button."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond

from bot.errors import DossierError
from bot.slack.deps import SlackDeps, reporting_errors
from bot.slack.listeners.options import COMMAND_OPTIONS, MAX_OPTION_CHARS, list_options
from bot.slack.render.actors import actors_page
from bot.slack.render.figures import figures_page
from bot.slack.render.pages import LIST_MORE_ACTION, ListPage, ListState, render_page
from bot.slack.render.timeline import timeline_page
from bot.slack.send import ephemeral_text, respond_message

LIST_COMMANDS = ("actors", "figures", "timeline")


class StaleListButton(DossierError):
    """A "More results" button whose value this version of Dossier cannot read."""


def register_lists(app: AsyncApp, deps: SlackDeps) -> None:
    """Attach the three list commands (with the configured prefix) and their paging button."""
    prefix = f"/{deps.settings.slack_command_prefix}"
    for name in LIST_COMMANDS:
        app.command(prefix + name)(_command(deps, name))

    @app.action(LIST_MORE_ACTION)
    async def more(ack: AsyncAck, action: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        await reporting_errors(lambda text: ephemeral_text(respond, text),
                               _next_page(deps, action, respond))


def _command(deps: SlackDeps, name: str) -> Any:
    async def handler(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        await reporting_errors(lambda text: ephemeral_text(respond, text),
                               _first_page(deps, name, command.get("text", ""), respond))

    handler.__name__ = f"{name}_command"
    return handler


async def _first_page(deps: SlackDeps, name: str, text: str, respond: AsyncRespond) -> None:
    await _send_page(deps, ListState(name, list_options(name, text)), respond)


async def _next_page(deps: SlackDeps, action: dict[str, Any], respond: AsyncRespond) -> None:
    await _send_page(deps, _read_state(action), respond)


async def _send_page(deps: SlackDeps, state: ListState, respond: AsyncRespond) -> None:
    version = deps.service.corpus.version
    page = await find(deps, state.command, state.options)
    await respond_message(respond, render_page(page, state, version))


async def find(deps: SlackDeps, command: str, options: dict[str, str]) -> ListPage:
    """Call the service off the event loop and turn what it found into a page to render."""
    service, base = deps.service, deps.settings.public_base_url
    documents = {d.doc_id: d for d in service.corpus.documents}
    if command == "actors":
        actors = await asyncio.to_thread(service.actors, options.get("kind"), options.get("name"))
        return actors_page(actors, options, documents, base)
    if command == "figures":
        report = await asyncio.to_thread(service.figures, options.get("topic"))
        return figures_page(report, options, documents, base)
    events = await asyncio.to_thread(service.timeline, options.get("actor"), options.get("from"),
                                     options.get("to"))
    return timeline_page(events, options, documents, base)


def _read_state(action: dict[str, Any]) -> ListState:
    """The list a button pages through; StaleListButton when its value is not one this version wrote."""
    try:
        value = json.loads(action.get("value") or "")
    except json.JSONDecodeError:
        value = None
    if not isinstance(value, dict) or value.get("c") not in LIST_COMMANDS:
        raise StaleListButton("That button no longer works; please run the command again.")
    command, options, offset = value["c"], value.get("f"), value.get("o")
    allowed = COMMAND_OPTIONS[command]
    if not isinstance(options, dict) or not isinstance(offset, int) or offset < 0 or not all(
            k in allowed and isinstance(v, str) and len(v) <= MAX_OPTION_CHARS for k, v in options.items()):
        raise StaleListButton("That button no longer works; please run the command again.")
    return ListState(command, options, offset)
