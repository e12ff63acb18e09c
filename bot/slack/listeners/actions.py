"""Buttons: "More results" pages on in the thread; 👍 / 👎 record feedback. State rides in the value."""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.errors import DossierError
from bot.slack.deps import SlackDeps, reporting_errors
from bot.slack.memory import PLATFORM
from bot.slack.render import HELPFUL_ACTION, MORE_ACTION, UNHELPFUL_ACTION, render_answer
from bot.slack.send import ephemeral_text, post_or_respond

log = logging.getLogger("dossier.slack")


class StaleButton(DossierError):
    """A button whose value this version of Dossier cannot read."""


def register_actions(app: AsyncApp, deps: SlackDeps) -> None:
    """Attach the button handlers."""

    @app.action(MORE_ACTION)
    async def more(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient,
                   respond: AsyncRespond) -> None:
        await ack()
        await reporting_errors(lambda text: ephemeral_text(respond, text),
                               _more(deps, body, action, client, respond))

    @app.action(HELPFUL_ACTION)
    async def helpful(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any],
                      respond: AsyncRespond) -> None:
        await ack()
        await reporting_errors(lambda text: ephemeral_text(respond, text),
                               _feedback(deps, body, action, respond, helpful=True))

    @app.action(UNHELPFUL_ACTION)
    async def unhelpful(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any],
                        respond: AsyncRespond) -> None:
        await ack()
        await reporting_errors(lambda text: ephemeral_text(respond, text),
                               _feedback(deps, body, action, respond, helpful=False))


def read_state(action: dict[str, Any], *fields: str) -> dict[str, Any]:
    """The JSON value of a button, with the fields it must carry; StaleButton when it is unreadable."""
    try:
        value = json.loads(action.get("value") or "")
    except json.JSONDecodeError:
        value = None
    if not isinstance(value, dict) or not all(isinstance(value.get(f), str | int) for f in ("q", *fields)):
        raise StaleButton("That button no longer works; please ask the question again.")
    return value


async def _more(deps: SlackDeps, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient,
                respond: AsyncRespond) -> None:
    value = read_state(action, "o")
    user = body["user"]["id"]
    deps.check_rate(user)
    scope = [d for d in value.get("d", []) if isinstance(d, str)] or None
    offset = max(0, int(value["o"]))
    page = await deps.service.ask_page(value["q"], offset, scope, platform=PLATFORM, user_id=user)
    message = body.get("message") or {}
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id") or ""
    thread = message.get("thread_ts") or message.get("ts")
    reply = render_answer(page, deps.settings.public_base_url, scope=scope)
    await post_or_respond(client, respond, channel, reply, thread)
    if message.get("ts"):
        await _drop_more_button(client, channel, message)


async def _drop_more_button(client: AsyncWebClient, channel: str, message: dict[str, Any]) -> None:
    """The page it asked for is posted: the original loses its "More results" button."""
    blocks = []
    for block in message.get("blocks", []):
        if block.get("type") == "actions":
            kept = [e for e in block.get("elements", []) if e.get("action_id") != MORE_ACTION]
            block = {**block, "elements": kept}
        blocks.append(block)
    try:
        await client.chat_update(channel=channel, ts=message["ts"], text=message.get("text", ""),
                                 blocks=blocks)
    except SlackApiError as exc:
        log.info("could not update the paged message: %s", exc.response.get("error"))


async def _feedback(deps: SlackDeps, body: dict[str, Any], action: dict[str, Any], respond: AsyncRespond, *,
                    helpful: bool) -> None:
    value = read_state(action, "p")
    await deps.service.record_feedback(value["q"], str(value["p"]), helpful, platform=PLATFORM,
                                       user_id=body["user"]["id"])
    await ephemeral_text(respond, "Thanks, noted: this helps Dossier's maintainers improve the answers.")
