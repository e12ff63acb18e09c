"""Buttons whose state lives in their custom id, so they keep working after a restart."""

from __future__ import annotations

import asyncio
import re
from typing import TYPE_CHECKING, Any

import discord

from bot.discord.failures import tell, user_line
from bot.discord.render import AnswerState, answer_embed, read_state
from bot.discord.text import CUSTOM_ID
from bot.service import Answer

if TYPE_CHECKING:
    from bot.discord.client import DossierClient

PAGE_SIZE = 3  # quotes a page: what reads comfortably on a phone
MAX_HITS = 30  # paging stops here: further passages are rarely worth a reader's time


def answer_message(answer: Answer, state: AnswerState, asker: int, public_base_url: str | None,
                   offset: int = 0, page_size: int = PAGE_SIZE) -> tuple[discord.Embed, discord.ui.View]:
    """The embed and buttons of one page of an answer, its sources linked on `public_base_url` if set."""
    hits = answer.hits if answer.answered else answer.closest
    embed, shown = answer_embed(answer, hits[offset:offset + page_size], state, public_base_url,
                                first=offset + 1, page=offset // page_size + 1)
    view = discord.ui.View(timeout=None)
    if answer.answered and len(hits) > offset + shown and offset + shown < MAX_HITS:
        view.add_item(MoreResults(asker, offset + shown))
    if answer.answered and shown:
        passage_id = hits[offset].passage.passage_id
        for helpful in (True, False):
            button = Feedback(helpful, passage_id)
            if len(button.custom_id) <= CUSTOM_ID:
                view.add_item(button)
    return embed, view


def _client(interaction: discord.Interaction) -> DossierClient:
    return interaction.client  # type: ignore[return-value]


MORE_ID = r"dossier:more:(?P<asker>\d+):(?P<offset>\d+)"
FEEDBACK_ID = r"dossier:fb:(?P<vote>[01]):(?P<passage>.+)"


class MoreResults(discord.ui.DynamicItem[discord.ui.Button], template=MORE_ID):
    """Shows the next page of quotes in place; only the person who asked can page."""

    def __init__(self, asker: int, offset: int) -> None:
        super().__init__(discord.ui.Button(label="More results", style=discord.ButtonStyle.secondary,
                                           custom_id=f"dossier:more:{asker}:{offset}"))
        self.asker, self.offset = asker, offset

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> MoreResults:
        """Rebuild the button from its custom id."""
        return cls(int(match["asker"]), int(match["offset"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        """Acknowledge, search again off the event loop, show the next page in the same message."""
        if interaction.user.id != self.asker:
            await tell(interaction, "Only the person who asked can page through these results. "
                                    "Ask with /ask to get your own.")
            return
        await interaction.response.defer()
        try:
            state = read_state(interaction.message.embeds[0]) if interaction.message else None
            if state is None:
                await tell(interaction, "This answer is too old to page; please ask again.")
                return
            client = _client(interaction)
            answer = await asyncio.to_thread(client.service.ask_sync, state.question, min(
                MAX_HITS, self.offset + 1 + PAGE_SIZE), [state.doc_id] if state.doc_id else None)
            embed, view = answer_message(answer, state, self.asker, client.settings.public_base_url, self.offset)
            await interaction.edit_original_response(embed=embed, view=view)
        except Exception as exc:  # every failure ends in a visible line with an error id
            await tell(interaction, user_line(exc, "More results"))


class Feedback(discord.ui.DynamicItem[discord.ui.Button], template=FEEDBACK_ID):
    """👍 / 👎 on the first quote of an answer, stored through the service."""

    def __init__(self, helpful: bool, passage_id: str) -> None:
        super().__init__(discord.ui.Button(emoji="👍" if helpful else "👎",
                                           style=discord.ButtonStyle.secondary,
                                           custom_id=f"dossier:fb:{int(helpful)}:{passage_id}"))
        self.helpful, self.passage_id = helpful, passage_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> Feedback:
        """Rebuild the button from its custom id."""
        return cls(match["vote"] == "1", match["passage"])

    async def callback(self, interaction: discord.Interaction) -> None:
        """Acknowledge privately, store the verdict, thank the reader."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            state = read_state(interaction.message.embeds[0]) if interaction.message else None
            await _client(interaction).service.record_feedback(
                state.question if state else "", self.passage_id, self.helpful, platform="discord",
                user_id=str(interaction.user.id))
            await interaction.edit_original_response(content="Thanks, your feedback is noted.")
        except Exception as exc:  # every failure ends in a visible line with an error id
            await tell(interaction, user_line(exc, "feedback"))
