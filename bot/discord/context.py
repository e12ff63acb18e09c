"""What commands, buttons and chat need from the running bot, without importing the client that provides it."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import discord

from bot.core.service import Service
from bot.settings import Settings


@runtime_checkable
class BotContext(Protocol):
    """The service and settings of the running bot, its rate limit and its own user (the client is one)."""

    settings: Settings
    service: Service

    @property
    def user(self) -> discord.ClientUser | None:
        """The bot's own account once logged in."""
        ...

    def check_rate(self, user_id: int) -> None:
        """Raise RateLimited when this user has asked too often lately."""
        ...


def context(interaction: discord.Interaction) -> BotContext:
    """The bot an interaction reached: the client that dispatched it."""
    client = interaction.client
    if not isinstance(client, BotContext):
        raise TypeError(f"{type(client).__name__} does not carry Dossier's service and settings")
    return client
