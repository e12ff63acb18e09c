"""The question commands: /ask, /sources and /help, one decorated function each."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.discord.render import AnswerState
from bot.discord.render_admin import HELP, sources_embed
from bot.discord.text import CHOICE_NAME, CHOICES, cut
from bot.discord.views import PAGE_SIZE, answer_message
from bot.errors import BadQuestion

if TYPE_CHECKING:
    from bot.discord.client import DossierClient


def dossier(interaction: discord.Interaction) -> DossierClient:
    """The client, which carries the service and settings."""
    return interaction.client  # type: ignore[return-value]


async def source_choices(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """Documents of the live corpus whose title or id contains what the user typed."""
    typed = current.casefold()
    docs = [d for d in dossier(interaction).service.sources()
            if typed in d.title.casefold() or typed in d.doc_id.casefold()]
    return [app_commands.Choice(name=cut(d.title, CHOICE_NAME), value=d.doc_id) for d in docs[:CHOICES]]


def resolve_source(interaction: discord.Interaction, source: str | None) -> str | None:
    """The document id a `source` option names (its id, or a title typed in full)."""
    if not source:
        return None
    docs = dossier(interaction).service.sources()
    found = next((d for d in docs if d.doc_id == source), None) or \
        next((d for d in docs if d.title.casefold() == source.casefold()), None)
    if found is None:
        raise BadQuestion("I have no article by that name; pick one from the list, or leave `source` empty.")
    return found.doc_id


@app_commands.command(name="ask", description="Answer a question with quotes from the articles")
@app_commands.describe(question="What you want to know", source="Search only this article",
                       private="Show the answer only to you")
@app_commands.autocomplete(source=source_choices)
async def ask(interaction: discord.Interaction, question: app_commands.Range[str, 1, 1000],
              source: str | None = None, private: bool = False) -> None:
    """Defer, check the rate limit, search off the loop, reply with the first page of quotes."""
    await interaction.response.defer(ephemeral=private, thinking=True)
    client = dossier(interaction)
    client.check_rate(interaction.user.id)
    doc_id = resolve_source(interaction, source)
    answer = await client.service.ask(question, PAGE_SIZE + 1, [doc_id] if doc_id else None,
                                      platform="discord", user_id=str(interaction.user.id))
    embed, view = answer_message(answer, AnswerState(answer.question, doc_id), interaction.user.id,
                                 client.settings.public_base_url)
    await interaction.followup.send(embed=embed, view=view, ephemeral=private)


@app_commands.command(name="sources", description="The articles Dossier answers from")
@app_commands.describe(page="Page of the list")
async def sources(interaction: discord.Interaction, page: app_commands.Range[int, 1, 1000] = 1) -> None:
    """Defer, list one page of documents."""
    await interaction.response.defer(thinking=True)
    client = dossier(interaction)
    embed = sources_embed(client.service.sources(), page, client.settings.public_base_url)
    await interaction.followup.send(embed=embed)


@app_commands.command(name="help", description="What Dossier can do")
async def help_command(interaction: discord.Interaction) -> None:
    """Answer at once: the help text needs no work."""
    await interaction.response.send_message(HELP, ephemeral=True)


def install(tree: app_commands.CommandTree) -> None:
    """Add the question commands to the tree."""
    for command in (ask, sources, help_command):
        tree.add_command(command)
