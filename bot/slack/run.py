"""Running the Slack adapter: Socket Mode (no public URL) or the HTTP endpoint, until cancelled."""

from __future__ import annotations

import asyncio
import logging

from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

from bot.core.service import Service
from bot.settings import Settings
from bot.slack.app import build_app
from bot.slack.http import serve_http

log = logging.getLogger("dossier.slack")


async def run_slack(settings: Settings, service: Service) -> None:
    """Connect to Slack and answer until the task is cancelled; then disconnect cleanly."""
    app = build_app(settings, service)
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
    handler = AsyncSocketModeHandler(app, settings.slack_app_token.get_secret_value())
    await handler.connect_async()
    log.info("Slack Socket Mode connected")
    service.platforms.connected("slack")
    try:
        await asyncio.Event().wait()
    finally:
        await handler.close_async()
