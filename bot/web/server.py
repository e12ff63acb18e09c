"""Starting and stopping the web page: `start_web` for any runner, `serve_web` for `dossier run`."""

from __future__ import annotations

import asyncio
from typing import TextIO

from aiohttp import web

from bot.core.service import Service
from bot.settings import Settings
from bot.web.app import build_app
from bot.web.protocol import QuietAppRunner

# Addresses that mean "every interface": the page is reached through the loopback address locally.
_ANY_HOST = {"0.0.0.0": "127.0.0.1", "::": "[::1]", "": "127.0.0.1"}


async def start_web(settings: Settings, service: Service) -> web.AppRunner:
    """Serve the web page on web_host:web_port; the caller ends it with `await runner.cleanup()`."""
    runner = QuietAppRunner(build_app(settings, service), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, settings.web_host, settings.web_port)
    try:
        await site.start()
    except OSError:
        await runner.cleanup()
        raise
    return runner


def local_address(runner: web.AppRunner) -> str:
    """The address the started page answers at on this machine, e.g. http://127.0.0.1:8080/."""
    host, port = runner.addresses[0][:2]
    host = _ANY_HOST.get(host, f"[{host}]" if ":" in host else host)
    return f"http://{host}:{port}/"


async def serve_web(settings: Settings, service: Service, out: TextIO) -> None:
    """Serve the page until cancelled, printing its address (and the public one when set)."""
    runner = await start_web(settings, service)
    try:
        print(f"Dossier web page: {local_address(runner)}", file=out, flush=True)
        if settings.public_base_url:
            print(f"Public address: {settings.public_base_url}/", file=out, flush=True)
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()
