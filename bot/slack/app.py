"""The Slack app factory: slack-bolt's AsyncApp with Dossier's commands, events and buttons."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.response import BoltResponse
from slack_sdk.web.async_client import AsyncWebClient

from bot.core.service import Service
from bot.settings import Settings
from bot.slack.deps import SlackDeps
from bot.slack.listeners import register_listeners

log = logging.getLogger("dossier.slack")


def build_app(settings: Settings, service: Service, deps: SlackDeps | None = None) -> AsyncApp:
    """An AsyncApp talking to `settings.slack_api_base_url` with the bot token; nothing connects yet.

    Bolt checks every HTTP request's signature and timestamp with the signing secret (its
    RequestVerification middleware); Socket Mode envelopes need no signature.
    """
    if settings.slack_bot_token is None:
        raise ValueError("slack_bot_token is not set")
    client = AsyncWebClient(token=settings.slack_bot_token.get_secret_value(),
                            base_url=settings.slack_api_base_url,
                            logger=logging.getLogger("dossier.slack.web"))
    secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    app = AsyncApp(client=client, signing_secret=secret, name="dossier",
                   logger=logging.getLogger("dossier.slack.bolt"))
    deps = deps or SlackDeps(settings, service)
    app.middleware(_once_only(deps))
    register_listeners(app, deps)
    return app


def delivery_key(body: dict[str, Any]) -> str | None:
    """What makes a delivery the same one again: the event id, the command's trigger, the click's time."""
    if body.get("event_id"):
        return f"event:{body['event_id']}"
    if body.get("command") and body.get("trigger_id"):
        return f"command:{body['trigger_id']}"
    if body.get("type") == "block_actions" and body.get("actions"):
        return f"action:{body.get('trigger_id')}:{body['actions'][0].get('action_ts')}"
    return None


def _once_only(deps: SlackDeps) -> Callable[..., Awaitable[BoltResponse | None]]:
    """Middleware: a delivery seen before (a Slack retry, a redelivered envelope) is acked and dropped."""

    async def once_only(body: dict[str, Any], next: Callable[[], Awaitable[None]]) -> BoltResponse | None:
        key = delivery_key(body)
        if key is not None and not deps.seen.first(key):
            log.info("ignored a repeated delivery (%s)", key.split(":", 1)[0])
            return BoltResponse(status=200, body="")
        await next()
        return None

    return once_only
