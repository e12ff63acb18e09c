"""Logging in: REST identity, command sync, gateway handshake."""

from __future__ import annotations

import pytest
from pydantic import SecretStr

from bot.core.service import Service
from bot.discord.client import run_discord
from bot.errors import DossierError
from tests.e2e.discord import payloads as p
from tests.e2e.discord.fake_discord import FakeDiscord


async def test_login_syncs_the_commands_to_the_configured_server(bot):
    paths = [(s.method, s.path) for s in bot.fake.sent]
    assert ("GET", "/users/@me") in paths
    assert ("GET", "/oauth2/applications/@me") in paths
    sync = next(s for s in bot.fake.sent if s.method == "PUT")
    assert sync.path == f"/applications/{p.APP_ID}/guilds/{p.GUILD_ID}/commands"
    commands = {c["name"]: c for c in sync.body}
    assert {"ask", "sources", "help", "actors", "figures", "timeline", "reload", "add", "stats"} <= commands.keys()
    assert int(commands["add"]["default_member_permissions"]) == p.MANAGE_GUILD
    assert int(commands["reload"]["default_member_permissions"]) == p.MANAGE_GUILD
    assert commands["ask"]["default_member_permissions"] is None
    assert [g["op"] for g in bot.fake.gateway_ops][:2] in ([1, 2], [2, 1])  # heartbeat and identify
    identify = next(g for g in bot.fake.gateway_ops if g["op"] == 2)
    assert identify["d"]["token"] == "fake-token"
    assert identify["d"]["intents"] & (1 << 15)  # message content, to read questions
    assert bot.client.get_guild(p.GUILD_ID) is not None


async def test_the_bot_resumes_when_discord_drops_the_connection(bot):
    await bot.fake.drop_connection()
    await bot.fake.wait_gateway(6)  # RESUME with the session of READY
    resume = next(g for g in bot.fake.gateway_ops if g["op"] == 6)
    assert resume["d"]["session_id"] == "session-1" and resume["d"]["seq"] >= 2
    assert bot.fake.connections == 2
    token = await bot.slash("help")
    answer = await bot.callback(token)
    assert answer.status == 200 and answer.body["data"]["flags"] & 64


async def test_a_wrong_token_stops_the_adapter_with_a_clear_message(settings):
    fake = FakeDiscord()
    await fake.start()
    try:
        wrong = settings.model_copy(update={"discord_token": SecretStr("not-the-token"),
                                            "discord_api_base_url": fake.api_url,
                                            "discord_gateway_url": fake.gateway_url})
        with pytest.raises(DossierError, match="refused the bot token"):
            await run_discord(wrong, Service.load(wrong))
        assert "not-the-token" not in repr(wrong) and "not-the-token" not in str(wrong.public_dict())
    finally:
        await fake.stop()
