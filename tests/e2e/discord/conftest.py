"""The real discord.py client, built by the project's factory, connected to the fake Discord."""

from __future__ import annotations

import asyncio
import re
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.core.service import Service
from bot.discord.client import DossierClient, build_client
from bot.settings import Settings
from bot.store.store import Store
from tests.e2e.discord import payloads as p
from tests.e2e.discord.fake_discord import FakeDiscord, Sent

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


class Harness:
    """The fake server and the bot connected to it, with helpers that act like Discord users."""

    def __init__(self, fake: FakeDiscord, client: DossierClient, service: Service) -> None:
        self.fake, self.client, self.service = fake, client, service

    async def slash(self, name: str, /, user_id: int = p.MEMBER_ID, permissions: int = p.MEMBER_PERMISSIONS,
                    **options: Any) -> str:
        """Dispatch a slash command; returns its interaction token."""
        kinds = {str: 3, int: 4, bool: 5}
        data = {"id": str(p.snowflake()), "name": name, "type": 1,
                "options": [{"name": k, "type": kinds[type(v)], "value": v} for k, v in options.items()]}
        return await self._interaction(2, data, user_id, permissions)

    async def autocomplete(self, name: str, option: str, typed: str) -> str:
        """Dispatch an autocomplete request for one option."""
        data = {"id": str(p.snowflake()), "name": name, "type": 1,
                "options": [{"name": option, "type": 3, "value": typed, "focused": True}]}
        return await self._interaction(4, data, p.MEMBER_ID, p.MEMBER_PERMISSIONS)

    async def click(self, custom_id: str, message: dict[str, Any], user_id: int = p.MEMBER_ID) -> str:
        """Dispatch a button press on a message the bot sent."""
        data = {"custom_id": custom_id, "component_type": 2}
        return await self._interaction(3, data, user_id, p.MEMBER_PERMISSIONS, message=message)

    async def _interaction(self, kind: int, data: dict[str, Any], user_id: int, permissions: int,
                           **extra: Any) -> str:
        interaction_id = p.snowflake()
        token = f"token-{interaction_id}"
        await self.fake.dispatch("INTERACTION_CREATE", {
            "id": str(interaction_id), "application_id": str(p.APP_ID), "type": kind, "data": data,
            "guild_id": str(p.GUILD_ID), "channel_id": str(p.CHANNEL_ID), "channel": p.text_channel(),
            "member": p.member(user_id, permissions), "token": token, "version": 1,
            "app_permissions": str(p.MEMBER_PERMISSIONS), "locale": "en-US", "guild_locale": "en-US",
            "attachment_size_limit": 8_388_608, "entitlements": [], "authorizing_integration_owners": {},
            "context": 0} | extra)
        return token

    async def say(self, content: str, *, channel_id: int = p.CHANNEL_ID, author_id: int = p.MEMBER_ID,
                  mention_bot: bool = False, dm: bool = False, bot: bool = False) -> dict[str, Any]:
        """Dispatch MESSAGE_CREATE as a user typing in a channel, thread or DM."""
        author = p.user(author_id, p.USERS.get(author_id, "someone"), bot=bot)
        extra: dict[str, Any] = {"mentions": [p.BOT_USER]} if mention_bot else {}
        if not dm:
            extra["member"] = {k: v for k, v in p.member(author_id).items() if k != "user"}
        data = p.message(p.DM_CHANNEL_ID if dm else channel_id, author, content, guild=not dm, **extra)
        await self.fake.dispatch("MESSAGE_CREATE", data)
        return data

    async def reply_to(self, token: str, timeout: float = 5.0) -> Sent:
        """The bot's message for an interaction: its edit of the original, or its first follow-up."""
        return await self.fake.wait_for(lambda s: token in s.path and not s.path.endswith("/callback")
                                        and s.method in ("PATCH", "POST"), timeout)

    async def callback(self, token: str, timeout: float = 5.0) -> Sent:
        """The bot's interaction callback (its acknowledgement or direct answer)."""
        return await self.fake.wait_for(lambda s: s.path.endswith(f"{token}/callback"), timeout)

    def private_notice(self, token: str) -> str:
        """The text of the one message an interaction left, checked to be seen only by the user."""
        left = self.fake.interactions[token].messages
        assert "@original" not in left or left["@original"]["flags"] & 64, "a public message is left"
        [notice] = left.values()
        assert notice["flags"] & 64 and not notice["embeds"]
        return notice["content"]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A copy of the bundled corpus the test may change."""
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    manifest = folder / "sources.toml"
    manifest.write_text(re.sub(r'^file = "(.+?)"$', r'file = "\1"\nurl = "https://news.example/\1?ref=(dossier)"',
                               manifest.read_text(encoding="utf-8"), flags=re.MULTILINE), encoding="utf-8")
    return folder


@pytest.fixture
def settings(corpus: Path, tmp_path: Path) -> Settings:
    """Settings pointing the bot at the fake (filled in by `bot`)."""
    return Settings(corpus_dir=corpus, database_path=tmp_path / "dossier.sqlite3",
                    discord_token="fake-token", discord_guild_ids=[p.GUILD_ID],
                    discord_admin_role_ids=[p.ADMIN_ROLE_ID], rate_limit_questions=100)


async def start_bot(settings: Settings, service: Service) -> AsyncIterator[Harness]:
    """Start the fake, connect the real client to it, stop both afterwards."""
    fake = FakeDiscord()
    await fake.start()
    settings = settings.model_copy(update={"discord_api_base_url": fake.api_url,
                                           "discord_gateway_url": fake.gateway_url})
    client = build_client(settings, service, guild_ready_timeout=0.05)
    task = asyncio.create_task(client.start(settings.discord_token.get_secret_value()))
    try:
        await asyncio.wait_for(client.wait_until_ready(), 10)
        yield Harness(fake, client, service)
    finally:
        await client.close()
        await asyncio.wait_for(task, 5)
        await fake.stop()


async def start_stored_bot(settings: Settings) -> AsyncIterator[Harness]:
    """`start_bot` over a real store, opened and closed with it."""
    store = await Store.open(settings.database_path)
    try:
        async for harness in start_bot(settings, await Service.open(settings, store)):
            yield harness
    finally:
        await store.close()


@pytest.fixture
async def bot(settings: Settings) -> AsyncIterator[Harness]:
    """The bot on the bundled corpus, over a real store, connected to the fake Discord."""
    async for harness in start_stored_bot(settings):
        yield harness
