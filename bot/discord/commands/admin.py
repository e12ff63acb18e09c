"""/reload, /add and /stats: for admins only, checked by the bot itself as well as by Discord's defaults."""

from __future__ import annotations

from collections.abc import Awaitable

import discord
from discord import app_commands

from bot.core.report import ReloadReport
from bot.discord.context import BotContext, context
from bot.discord.render.admin import reload_embed, stats_embed
from bot.discord.render.text import MESSAGE_CHARS, cut_escaped
from bot.errors import ReloadRefused
from bot.settings import Settings


def is_admin(interaction: discord.Interaction, settings: Settings) -> bool:
    """Manage Server in this server, or a configured admin user or role."""
    user = interaction.user
    if user.id in settings.discord_admin_user_ids:
        return True
    if not isinstance(user, discord.Member):
        return False
    roles = set(settings.discord_admin_role_ids)
    return interaction.permissions.manage_guild or any(r.id in roles for r in user.roles)


async def admitted(interaction: discord.Interaction, action: str) -> BotContext:
    """The bot, for an admin; otherwise the service audits the attempt and raises NotAdmin, which the
    error handler words for Discord.
    """
    bot = context(interaction)
    await bot.service.authorize(f"discord:{interaction.user.id}", action, is_admin(interaction, bot.settings))
    return bot


async def send_report(interaction: discord.Interaction, work: Awaitable[ReloadReport]) -> None:
    """Run a reload (or an add, which ends in one) and send its report privately, refused or applied."""
    try:
        report = await work
    except ReloadRefused as exc:
        if exc.report is not None:
            await interaction.followup.send(embed=reload_embed(exc.report), ephemeral=True)
        else:
            await interaction.followup.send(cut_escaped(exc.user_message, MESSAGE_CHARS), ephemeral=True)
        return
    await interaction.followup.send(embed=reload_embed(report), ephemeral=True)


@app_commands.command(name="reload", description="Read the articles folder again (admins)")
@app_commands.describe(force="Apply the new corpus even if some files failed; they are left out")
@app_commands.default_permissions(manage_guild=True)
@app_commands.guild_only()
async def reload(interaction: discord.Interaction, force: bool = False) -> None:
    """Defer privately, check the admin, reload, report what changed."""
    await interaction.response.defer(ephemeral=True, thinking=True)
    bot = await admitted(interaction, "reload")
    # the service audits every attempt
    await send_report(interaction, bot.service.reload(f"discord:{interaction.user.id}", force=force))


@app_commands.command(name="add", description="Add an article by its link, then reload (admins)")
@app_commands.describe(url="The article's address, http:// or https://")
@app_commands.default_permissions(manage_guild=True)
@app_commands.guild_only()
async def add(interaction: discord.Interaction, url: str) -> None:
    """Defer privately, check the admin, fetch the page and reload, report what changed."""
    await interaction.response.defer(ephemeral=True, thinking=True)
    bot = await admitted(interaction, "add")
    # the service audits every attempt; a failed fetch (FetchFailed) reaches the error handler
    await send_report(interaction, bot.service.add(url, f"discord:{interaction.user.id}"))


@app_commands.command(name="stats", description="Questions asked, unanswered questions, feedback (admins)")
@app_commands.default_permissions(manage_guild=True)
@app_commands.guild_only()
async def stats(interaction: discord.Interaction) -> None:
    """Defer privately, check the admin, show usage."""
    await interaction.response.defer(ephemeral=True, thinking=True)
    usage = await (await admitted(interaction, "stats")).service.stats()
    await interaction.followup.send(embed=stats_embed(usage), ephemeral=True)


def install(tree: app_commands.CommandTree) -> None:
    """Add the admin commands to the tree."""
    tree.add_command(reload)
    tree.add_command(add)
    tree.add_command(stats)
