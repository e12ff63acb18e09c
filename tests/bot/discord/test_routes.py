"""Each client sends to its own configured addresses and leaves discord.py's shared defaults alone."""

from __future__ import annotations

from pathlib import Path

import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot.core.service import Service
from bot.discord.client import build_client
from bot.discord.routes import Addresses, RoutedHTTPClient
from bot.settings import Settings

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
PROXY = Addresses.of("http://127.0.0.1:9/api/v10/", "ws://127.0.0.1:9/gateway")


def test_a_rest_address_moves_onto_the_configured_base_once():
    url = Route("GET", "/users/@me").url
    assert PROXY.rest(url) == "http://127.0.0.1:9/api/v10/users/@me"
    assert PROXY.rest(PROXY.rest(url)) == PROXY.rest(url)
    assert PROXY.rest("https://cdn.discordapp.com/avatars/1.png") == "https://cdn.discordapp.com/avatars/1.png"


def test_the_default_gateway_moves_with_its_query_but_a_resume_address_stays():
    opened = str(DiscordWebSocket.DEFAULT_GATEWAY.with_query(v=10, encoding="json"))
    assert yarl.URL(PROXY.websocket(opened)) == yarl.URL("ws://127.0.0.1:9/gateway?v=10&encoding=json")
    resume = "wss://gateway-us-east1-b.discord.gg/?v=10&encoding=json"
    assert PROXY.websocket(resume) == resume


def test_building_a_client_leaves_discord_py_defaults_alone(tmp_path):
    base, gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    settings = Settings(corpus_dir=SEEDS, database_path=tmp_path / "dossier.sqlite3",
                        discord_api_base_url=PROXY.api_base, discord_gateway_url=str(PROXY.gateway))
    client = build_client(settings, Service.load(settings, lists=False))
    assert (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY) == (base, gateway)
    assert isinstance(client.http, RoutedHTTPClient) and client.http.addresses == PROXY
