"""The REST and gateway addresses one client talks to: Discord's, or those of a proxy or a test server.

discord.py builds every REST address on its default base (`Route.BASE`) and opens the gateway at
`DiscordWebSocket.DEFAULT_GATEWAY`. Rather than change those shared defaults, this client's own HTTP
client and webhook adapter move each address onto the configured base as the request leaves: the HTTP
client carries REST calls and the gateway connection, the webhook adapter interaction replies.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import aiohttp
import yarl
from discord.gateway import DiscordWebSocket
from discord.http import HTTPClient, Route
from discord.webhook.async_ import AsyncWebhookAdapter


@dataclass(frozen=True, slots=True)
class Addresses:
    """Where this client's REST calls and gateway connection go."""

    api_base: str  # e.g. https://discord.com/api/v10, without a trailing slash
    gateway: yarl.URL

    @classmethod
    def of(cls, api_base_url: str, gateway_url: str) -> Addresses:
        """The addresses from the settings' `discord_api_base_url` and `discord_gateway_url`."""
        return cls(api_base_url.rstrip("/"), yarl.URL(gateway_url))

    def rest(self, url: str) -> str:
        """A REST address built on discord.py's default base, moved onto this one (others unchanged)."""
        if url.startswith(self.api_base) or not url.startswith(Route.BASE):
            return url
        return self.api_base + url.removeprefix(Route.BASE)

    def websocket(self, url: str) -> str:
        """The default gateway moved onto this one, its query kept; a resume address is left as Discord gave it."""
        parsed = yarl.URL(url)
        if parsed.with_query(None) != DiscordWebSocket.DEFAULT_GATEWAY:
            return url
        return str(self.gateway.with_query(parsed.query))


class RoutedHTTPClient(HTTPClient):
    """discord.py's HTTP client, sending this client's REST calls and gateway connection to `addresses`."""

    def __init__(self, loop: asyncio.AbstractEventLoop, addresses: Addresses) -> None:
        super().__init__(loop)
        self.addresses = addresses

    async def request(self, route: Route, **kwargs: Any) -> Any:
        """The REST call, at this client's address."""
        route.url = self.addresses.rest(route.url)
        return await super().request(route, **kwargs)

    async def ws_connect(self, url: str, *, compress: int = 0) -> aiohttp.ClientWebSocketResponse:
        """The gateway connection, at this client's address."""
        return await super().ws_connect(self.addresses.websocket(url), compress=compress)


class RoutedWebhookAdapter(AsyncWebhookAdapter):
    """discord.py's webhook adapter (interaction responses and follow-ups), sending them to `addresses`."""

    def __init__(self, addresses: Addresses) -> None:
        super().__init__()
        self.addresses = addresses

    async def request(self, route: Route, session: aiohttp.ClientSession, **kwargs: Any) -> Any:
        """The webhook call, at this client's address."""
        route.url = self.addresses.rest(route.url)
        return await super().request(route, session, **kwargs)
