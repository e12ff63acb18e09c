"""/actors, /figures and /timeline: the service's lists, paged with "More", names offered from the live corpus."""

from __future__ import annotations

import asyncio

import discord
from discord import app_commands

from bot.discord.context import context
from bot.discord.errors import tell
from bot.discord.render.paging import FILTER_CHARS, ListState
from bot.discord.render.text import CHOICE_NAME, CHOICES, cut
from bot.discord.views.lists import list_content, list_message
from bot.errors import DossierError
from search.extract.query import KINDS

# Reading a list takes milliseconds, so it runs before the answer: a bad filter can then be answered
# privately at once, without a public "thinking…" message to delete first. Past this budget the
# command is acknowledged anyway, well inside Discord's three seconds.
ANSWER_BUDGET = 1.5

Name = app_commands.Range[str, 1, CHOICE_NAME]
Filter = app_commands.Range[str, 1, FILTER_CHARS]
Date = app_commands.Range[str, 1, 10]


async def actor_choices(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """Extracted actors whose name or an alias contains what the user typed; names starting with it first."""
    typed = current.casefold().strip()
    picked: list[tuple[bool, str, str]] = []
    for actor in context(interaction).service.actors():
        names = [n for n in (actor.name, *actor.aliases) if typed in n.casefold()]
        if names:
            shown = names[0] if names[0] == actor.name else f"{names[0]} ({actor.name})"
            picked.append((not names[0].casefold().startswith(typed), shown, actor.name))
    picked.sort(key=lambda p: p[0])  # stable: among equals, the most mentioned actor first
    return [app_commands.Choice(name=cut(shown, CHOICE_NAME), value=value[:CHOICE_NAME])
            for _, shown, value in picked[:CHOICES]]


async def send_list(interaction: discord.Interaction, state: ListState) -> None:
    """Read the list off the loop, then answer: the first page, or the service's message privately."""
    work = asyncio.ensure_future(asyncio.to_thread(list_content, context(interaction).service, state))
    done, _ = await asyncio.wait({work}, timeout=ANSWER_BUDGET)
    if not done:
        await interaction.response.defer(thinking=True)
    try:
        content, version = await work
    except DossierError as exc:
        await tell(interaction, exc.user_message)  # privately, even past a public placeholder
        return
    embed, view = list_message(content, version, state, interaction.user.id)
    if done:
        await interaction.response.send_message(embed=embed, view=view)
    else:
        await interaction.followup.send(embed=embed, view=view)


@app_commands.command(name="actors", description="People, groups and states the articles name")
@app_commands.describe(kind="Only actors of this kind", name="One actor's profile: roles, quotes, passages")
@app_commands.choices(kind=[app_commands.Choice(name=k, value=k) for k in KINDS])
@app_commands.autocomplete(name=actor_choices)
async def actors(interaction: discord.Interaction, kind: str | None = None, name: Name | None = None) -> None:
    """The actors, or one actor's profile."""
    await send_list(interaction, ListState.of("actors", kind=kind, name=name))


@app_commands.command(name="figures", description="Numbers the articles give: casualties, fighters, money")
@app_commands.describe(topic="Only figures about this, e.g. airport or fighters")
async def figures(interaction: discord.Interaction, topic: Filter | None = None) -> None:
    """The figures, grouped where articles measure the same thing."""
    await send_list(interaction, ListState.of("figures", topic=topic))


@app_commands.command(name="timeline", description="Dated events from the articles")
@app_commands.describe(actor="Only events of this actor", start="From (YYYY, YYYY-MM or YYYY-MM-DD)",
                       end="To (YYYY, YYYY-MM or YYYY-MM-DD)")
@app_commands.rename(start="from", end="to")
@app_commands.autocomplete(actor=actor_choices)
async def timeline(interaction: discord.Interaction, actor: Name | None = None, start: Date | None = None,
                   end: Date | None = None) -> None:
    """Dated events in date order."""
    await send_list(interaction, ListState.of("timeline", actor=actor, date_from=start, date_to=end))


def install(tree: app_commands.CommandTree) -> None:
    """Add the list commands to the tree."""
    tree.add_command(actors)
    tree.add_command(figures)
    tree.add_command(timeline)
