"""/actors, /figures and /timeline: the core's lists, paginated, with names to pick from the live corpus.

The lists come from the extraction part of the service; until a service offers them, each command says
plainly that it is not available yet.
"""

from __future__ import annotations

import asyncio
import dataclasses
import inspect
from collections.abc import Sequence
from typing import Any

import discord
from discord import app_commands

from bot.discord.commands import dossier, source_choices
from bot.discord.render_admin import records_text
from bot.discord.text import CHOICE_NAME, CHOICES, cut

NOT_YET = "The {what} list is not available yet in this version of Dossier; /ask finds them in the articles."


async def actor_choices(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """Actor names of the live corpus (the extracted actors, else the alias table) that contain the text."""
    service = dossier(interaction).service
    if hasattr(service, "actors"):
        names = [getattr(a, "name", str(a)) for a in await _call(service.actors)]
    else:
        names = [e.name for e in service.corpus.index.analyzer.aliases.entries]
    typed = current.casefold()
    picked = [n for n in dict.fromkeys(names) if typed in n.casefold()][:CHOICES]
    return [app_commands.Choice(name=cut(n, CHOICE_NAME), value=cut(n, CHOICE_NAME)) for n in picked]


async def _call(method: Any, **options: Any) -> Sequence[Any]:
    """A service list method, run off the event loop when it is synchronous."""
    if inspect.iscoroutinefunction(method):
        return await method(**options)
    return await asyncio.to_thread(method, **options)


def _line(record: Any) -> str:
    """One record as a line: its filled-in fields joined."""
    if dataclasses.is_dataclass(record):
        values = (getattr(record, f.name) for f in dataclasses.fields(record))
        return " · ".join(str(v) for v in values if v not in (None, "", (), []))
    return str(record)


async def _list(interaction: discord.Interaction, what: str, page: int, **options: Any) -> None:
    await interaction.response.defer(thinking=True)
    method = getattr(dossier(interaction).service, what, None)
    if method is None:
        await interaction.followup.send(NOT_YET.format(what=what.rstrip("s") if what != "timeline" else what))
        return
    records = await _call(method, **{k: v for k, v in options.items() if v is not None})
    await interaction.followup.send(records_text(what.capitalize(), [_line(r) for r in records], page))


@app_commands.command(name="actors", description="People, groups and states the articles name")
@app_commands.describe(kind="person, group, state or organisation", name="Only this actor", page="Page")
@app_commands.autocomplete(name=actor_choices)
async def actors(interaction: discord.Interaction, kind: str | None = None, name: str | None = None,
                 page: app_commands.Range[int, 1, 1000] = 1) -> None:
    """The actors list."""
    await _list(interaction, "actors", page, kind=kind, name=name)


@app_commands.command(name="figures", description="Numbers the articles give: casualties, fighters, money")
@app_commands.describe(topic="Only figures about this", source="Only this article", page="Page")
@app_commands.autocomplete(source=source_choices)
async def figures(interaction: discord.Interaction, topic: str | None = None, source: str | None = None,
                  page: app_commands.Range[int, 1, 1000] = 1) -> None:
    """The figures list."""
    await _list(interaction, "figures", page, topic=topic, doc_id=source)


@app_commands.command(name="timeline", description="Dated events from the articles")
@app_commands.describe(actor="Only events of this actor", start="From (YYYY-MM-DD)", end="To (YYYY-MM-DD)",
                       page="Page")
@app_commands.rename(start="from", end="to")
@app_commands.autocomplete(actor=actor_choices)
async def timeline(interaction: discord.Interaction, actor: str | None = None, start: str | None = None,
                   end: str | None = None, page: app_commands.Range[int, 1, 1000] = 1) -> None:
    """The timeline."""
    await _list(interaction, "timeline", page, actor=actor, start=start, end=end)


def install(tree: app_commands.CommandTree) -> None:
    """Add the list commands to the tree."""
    for command in (actors, figures, timeline):
        tree.add_command(command)
