"""The question commands: /ask, /sources and /help, one decorated function each."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.discord.context import context
from bot.discord.render.admin import HELP, sources_embed
from bot.discord.render.answer import AnswerState
from bot.discord.render.text import CHOICE_NAME, CHOICES, cut
from bot.discord.views.answer import answer_message, source_filter


async def source_choices(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """Documents of the live corpus whose title or id contains what the user typed."""
    typed = current.casefold()
    docs = [d for d in context(interaction).service.sources()
            if typed in d.title.casefold() or typed in d.doc_id.casefold()]
    return [app_commands.Choice(name=cut(d.title, CHOICE_NAME), value=d.doc_id) for d in docs[:CHOICES]]


@app_commands.command(name="ask", description="Answer a question with quotes from the articles")
@app_commands.describe(question="What you want to know", source="Search only this article",
                       private="Show the answer only to you")
@app_commands.autocomplete(source=source_choices)
async def ask(interaction: discord.Interaction, question: app_commands.Range[str, 1, 1000],
              source: str | None = None, private: bool = False) -> None:
    """Defer, check the rate limit, search off the loop, reply with the first page of quotes."""
    await interaction.response.defer(ephemeral=private, thinking=True)
    bot = context(interaction)
    bot.check_rate(interaction.user.id)
    doc_ids = source_filter(bot.service, source)
    page = await bot.service.ask_page(question, 0, doc_ids, platform="discord", user_id=str(interaction.user.id))
    embed, view = answer_message(page, AnswerState(page.answer.question, source), interaction.user.id, bot.settings)
    await interaction.followup.send(embed=embed, view=view, ephemeral=private)


@app_commands.command(name="sources", description="The articles Dossier answers from")
@app_commands.describe(page="Page of the list")
async def sources(interaction: discord.Interaction, page: app_commands.Range[int, 1, 1000] = 1) -> None:
    """Defer, list one page of documents."""
    await interaction.response.defer(thinking=True)
    bot = context(interaction)
    embed = sources_embed(bot.service.sources(), page, bot.settings.public_base_url)
    await interaction.followup.send(embed=embed)


@app_commands.command(name="help", description="What Dossier can do")
async def help_command(interaction: discord.Interaction) -> None:
    """Answer at once: the help text needs no work."""
    await interaction.response.send_message(HELP, ephemeral=True)


def install(tree: app_commands.CommandTree) -> None:
    """Add the question commands to the tree."""
    tree.add_command(ask)
    tree.add_command(sources)
    tree.add_command(help_command)
