"""The lists' service calls and their "More" button, whose list, asker and offset live in its custom id."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import discord

from bot.core.service import Service
from bot.discord.context import context
from bot.discord.errors import tell, user_line
from bot.discord.render.lists import Sources, actors_content, figures_content, profile_content, timeline_content
from bot.discord.render.paging import ListContent, ListState, list_embed, read_state

LISTS = ("actors", "figures", "timeline")


def list_content(service: Service, state: ListState) -> tuple[ListContent, str]:
    """Ask the service for a list and render its entries, with the corpus version (CPU work: off the loop).

    Raises the service's UnknownActor and BadFilter, whose messages are meant for the user.
    """
    corpus = service.corpus
    sources = Sources({d.doc_id: d for d in corpus.documents}, service.settings.public_base_url)
    if state.what == "figures":
        return figures_content(service.figures(state.topic), state.topic, sources), corpus.version
    if state.what == "timeline":
        events = service.timeline(state.actor, state.date_from, state.date_to)
        return timeline_content(events, state.actor, sources), corpus.version
    actors = service.actors(state.kind, state.name)
    if state.name and len(actors) == 1:
        return profile_content(actors[0], sources), corpus.version
    title = f"Actors called “{state.name}”" if state.name else "Actors"
    return actors_content(actors, f"{title}, {state.kind}" if state.kind else title), corpus.version


def list_message(content: ListContent, version: str, state: ListState, asker: int,
                 offset: int = 0) -> tuple[discord.Embed, discord.ui.View]:
    """The embed of one page and, while entries remain, the button to the next."""
    offset = offset if offset < len(content.entries) else 0  # the list shrank since (a reload): start over
    embed, shown = list_embed(content, state, offset, version)
    view = discord.ui.View(timeout=None)
    if offset + shown < len(content.entries):
        view.add_item(MoreList(state.what, asker, offset + shown))
    return embed, view


LIST_ID = r"dossier:list:(?P<what>actors|figures|timeline):(?P<asker>\d+):(?P<offset>\d+)"


class MoreList(discord.ui.DynamicItem[discord.ui.Button], template=LIST_ID):
    """Shows the next page of a list in place; only the person who asked can page."""

    def __init__(self, what: str, asker: int, offset: int) -> None:
        super().__init__(discord.ui.Button(label="More", style=discord.ButtonStyle.secondary,
                                           custom_id=f"dossier:list:{what}:{asker}:{offset}"))
        self.what, self.asker, self.offset = what, asker, offset

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> MoreList:
        """Rebuild the button from its custom id."""
        return cls(match["what"], int(match["asker"]), int(match["offset"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        """Acknowledge, read the list again off the event loop, show the next page in the same message."""
        if interaction.user.id != self.asker:
            await tell(interaction, f"Only the person who asked can page through this list. "
                                    f"Use /{self.what} to get your own.")
            return
        await interaction.response.defer()
        try:
            if not interaction.message or not interaction.message.embeds:
                await tell(interaction, "This list is too old to page; please ask again.")
                return
            state = read_state(self.what, interaction.message.embeds[0])
            content, version = await asyncio.to_thread(list_content, context(interaction).service, state)
            embed, view = list_message(content, version, state, self.asker, self.offset)
            await interaction.edit_original_response(embed=embed, view=view)
        except Exception as exc:  # every failure ends in a visible line with an error id
            await tell(interaction, user_line(exc, f"More of /{self.what}"))
