"""The Discord client: built from settings and the service, with the commands, buttons and chat wired in."""

from __future__ import annotations

import logging

import aiohttp
import discord
from discord import app_commands
from discord.webhook.async_ import async_context

from bot.core.ratelimit import RateLimited, RateLimiter
from bot.core.service import Service
from bot.discord import chat
from bot.discord.commands import admin, ask, lists
from bot.discord.errors import on_app_command_error
from bot.discord.routes import Addresses, RoutedHTTPClient, RoutedWebhookAdapter
from bot.discord.views.answer import Feedback, MoreResults
from bot.discord.views.lists import MoreList
from bot.errors import CredentialsRefused, DossierError
from bot.settings import Settings

log = logging.getLogger("dossier.discord.client")


class DossierClient(discord.Client):
    """A discord.py client that answers slash commands, button presses and messages through the service;
    it is the `BotContext` (bot/discord/context.py) every handler reads.
    """

    def __init__(self, settings: Settings, service: Service, *, guild_ready_timeout: float = 2.0) -> None:
        intents = discord.Intents.default()
        intents.message_content = True  # free-text questions: privileged, enable it in the developer portal
        super().__init__(intents=intents, allowed_mentions=discord.AllowedMentions.none(),
                         guild_ready_timeout=guild_ready_timeout)
        addresses = Addresses.of(settings.discord_api_base_url, settings.discord_gateway_url)
        # This client's own HTTP client, at the configured addresses; its state sends through the same one.
        self.http = RoutedHTTPClient(self.loop, addresses)
        self._connection.http = self.http
        self.webhooks = RoutedWebhookAdapter(addresses)
        self.settings = settings
        self.service = service
        self.limiter = RateLimiter(settings.rate_limit_questions, settings.rate_limit_seconds)
        self.tree = app_commands.CommandTree(self)
        self.tree.error(on_app_command_error)

    def check_rate(self, user_id: int) -> None:
        """Raise RateLimited when this user has asked too often lately."""
        wait = self.limiter.check(str(user_id))
        if wait:
            raise RateLimited.waiting(wait)

    async def setup_hook(self) -> None:
        """Register commands and persistent buttons, then sync commands to the configured servers."""
        for module in (ask, lists, admin):
            module.install(self.tree)
        self.add_dynamic_items(MoreResults, Feedback, MoreList)
        if self.settings.discord_guild_ids:
            for guild_id in self.settings.discord_guild_ids:
                guild = discord.Object(id=guild_id)
                self.tree.copy_global_to(guild=guild)
                synced = await self.tree.sync(guild=guild)
                log.info("synced %d commands to server %s", len(synced), guild_id)
        else:
            synced = await self.tree.sync()
            log.info("synced %d commands globally (they may take up to an hour to appear)", len(synced))

    async def connect(self, *, reconnect: bool = True) -> None:
        """Listen to the gateway. discord.py takes the webhook adapter of interaction replies from a context
        variable; set here, in this client's own task, it holds for every event the connection dispatches.
        """
        async_context.set(self.webhooks)
        await super().connect(reconnect=reconnect)

    async def on_ready(self) -> None:
        """Log who we are once connected."""
        log.info("connected to Discord as %s in %d servers", self.user, len(self.guilds))
        self.service.platforms.connected("discord")

    async def on_message(self, message: discord.Message) -> None:
        """Free-text questions: mentions, DMs and thread follow-ups."""
        await chat.on_message(self, message)


def build_client(settings: Settings, service: Service, *, guild_ready_timeout: float = 2.0) -> DossierClient:
    """A client pointed at the configured REST and gateway addresses (Discord's unless a proxy is set)."""
    return DossierClient(settings, service, guild_ready_timeout=guild_ready_timeout)


async def run_discord(settings: Settings, service: Service) -> None:
    """Connect and answer until the process is stopped; needs `discord_token`."""
    if settings.discord_token is None:
        raise ValueError("discord_token is not set")
    client = build_client(settings, service)
    try:
        async with client:
            await client.start(settings.discord_token.get_secret_value())
    except discord.LoginFailure as exc:
        raise CredentialsRefused("Discord refused the bot token (discord_token); copy it again from the "
                           "developer portal.") from exc
    except discord.PrivilegedIntentsRequired as exc:
        raise CredentialsRefused("Turn on the Message Content intent for the bot in the Discord developer "
                           "portal.") from exc
    except (aiohttp.ClientError, OSError) as exc:
        raise DossierError(f"Cannot reach Discord at {settings.discord_api_base_url}: {exc}") from exc
