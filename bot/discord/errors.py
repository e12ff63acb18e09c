"""One error handler for the Discord adapter: users get a polite line and an error id, the log the rest."""

from __future__ import annotations

import logging

import discord
from discord import app_commands

from bot.discord.render.admin import NOT_ADMIN, error_text
from bot.errors import DossierError, NotAdmin, error_id

log = logging.getLogger("dossier.discord.errors")


def user_line(exc: BaseException, where: str) -> str:
    """The message for a failure: a domain error's own words, else a logged traceback and an error id."""
    if isinstance(exc, app_commands.CommandInvokeError):
        exc = exc.original
    if isinstance(exc, NotAdmin):
        return NOT_ADMIN
    if isinstance(exc, DossierError):
        return exc.user_message
    if isinstance(exc, app_commands.CheckFailure):
        return "You cannot use that command here."
    eid = error_id()
    log.error("error %s in %s", eid, where, exc_info=exc)
    return error_text(eid)


async def public_placeholder(interaction: discord.Interaction) -> bool:
    """Whether the interaction is acknowledged by a public "thinking…" message that nothing has replaced.

    Discord turns the first follow-up to such a message into an edit of it, public like it, so a
    private line must first delete it. Only Discord knows whether it was public and is still loading.
    """
    if interaction.response.type is not discord.InteractionResponseType.deferred_channel_message:
        return False
    try:
        original = await interaction.original_response()
    except discord.NotFound:  # already deleted
        return False
    return original.flags.loading and not original.flags.ephemeral


async def tell(interaction: discord.Interaction, text: str) -> None:
    """Reply privately to an interaction, whether or not it was already acknowledged."""
    try:
        if not interaction.response.is_done():
            await interaction.response.send_message(text, ephemeral=True)
            return
        if await public_placeholder(interaction):
            await interaction.delete_original_response()
        await interaction.followup.send(text, ephemeral=True)
    except discord.HTTPException:
        log.warning("could not deliver an error message for interaction %s", interaction.id, exc_info=True)


async def on_app_command_error(interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
    """The command tree's error handler."""
    name = interaction.command.name if interaction.command else "command"
    await tell(interaction, user_line(error, f"/{name}"))
