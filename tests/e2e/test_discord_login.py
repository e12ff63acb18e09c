"""Logging in: REST identity, command sync, gateway handshake."""

from __future__ import annotations

from tests.e2e import payloads as p


async def test_login_syncs_the_commands_to_the_configured_server(bot):
    paths = [(s.method, s.path) for s in bot.fake.sent]
    assert ("GET", "/users/@me") in paths
    assert ("GET", "/oauth2/applications/@me") in paths
    sync = next(s for s in bot.fake.sent if s.method == "PUT")
    assert sync.path == f"/applications/{p.APP_ID}/guilds/{p.GUILD_ID}/commands"
    commands = {c["name"]: c for c in sync.body}
    assert {"ask", "sources", "help", "actors", "figures", "timeline", "reload", "stats"} <= commands.keys()
    assert int(commands["reload"]["default_member_permissions"]) == p.MANAGE_GUILD
    assert commands["ask"]["default_member_permissions"] is None
    assert [g["op"] for g in bot.fake.gateway_ops][:2] in ([1, 2], [2, 1])  # heartbeat and identify
    identify = next(g for g in bot.fake.gateway_ops if g["op"] == 2)
    assert identify["d"]["token"] == "fake-token"
    assert identify["d"]["intents"] & (1 << 15)  # message content, to read questions
    assert bot.client.get_guild(p.GUILD_ID) is not None
