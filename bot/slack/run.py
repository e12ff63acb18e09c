"""Running the Slack adapter: Socket Mode (no public URL) or the HTTP endpoint, until cancelled."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable

from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_sdk.errors import SlackApiError

from bot.core.service import Service
from bot.errors import CredentialsRefused
from bot.settings import Settings
from bot.slack.app import build_app
from bot.slack.http import serve_http

log = logging.getLogger("dossier.slack")

# The answers of the Slack API that mean a token is wrong, not that Slack is out of reach.
REFUSED_TOKEN = frozenset({"invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired",
                           "not_allowed_token_type"})


async def _check_token(call: Awaitable[object], setting: str, what: str) -> None:
    """Make one Web API call with a token; when Slack refuses the token, a start-up error naming the setting."""
    try:
        await call
    except SlackApiError as exc:
        code = exc.response.get("error") if exc.response is not None else None
        if code not in REFUSED_TOKEN:
            raise
        raise CredentialsRefused(f"Slack refused the {what} ({setting}): {code}; copy it again from the app's page "
                           "at api.slack.com/apps.") from None


async def run_slack(settings: Settings, service: Service) -> None:
    """Connect to Slack and answer until the task is cancelled; then disconnect cleanly."""
    app = build_app(settings, service)
    # Who the bot token belongs to: a wrong one stops start-up here instead of failing every answer.
    await _check_token(app.client.auth_test(), "slack_bot_token", "bot token")
    if settings.slack_mode == "http":
        runner = await serve_http(app, settings.slack_http_host, settings.slack_http_port)
        log.info("Slack HTTP endpoint listening on %s:%d", settings.slack_http_host, settings.slack_http_port)
        service.platforms.connected("slack")
        try:
            await asyncio.Event().wait()
        finally:
            await runner.cleanup()
        return
    if settings.slack_app_token is None:
        raise ValueError("slack_app_token is not set")
    # One Socket Mode address asked for here: the Socket Mode client retries a refused token for ever.
    await _check_token(app.client.apps_connections_open(app_token=settings.slack_app_token.get_secret_value()),
                       "slack_app_token", "app-level token")
    handler = AsyncSocketModeHandler(app, settings.slack_app_token.get_secret_value())
    await handler.connect_async()
    log.info("Slack Socket Mode connected")
    service.platforms.connected("slack")
    try:
        await asyncio.Event().wait()
    finally:
        await handler.close_async()
