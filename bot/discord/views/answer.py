"""An answer's buttons, whose state lives in their custom id so they keep working after a restart."""

from __future__ import annotations

import re
from typing import Any

import discord

from bot.core.policy import MAX_HITS, AnswerPage
from bot.core.service import Service
from bot.discord.context import context
from bot.discord.errors import tell, user_line
from bot.discord.render.answer import AnswerState, answer_embed, read_state
from bot.discord.render.text import CUSTOM_ID
from bot.errors import BadFilter, BadQuestion
from bot.settings import Settings


def source_filter(service: Service, source: str | None) -> list[str] | None:
    """The documents a `source` option names, by the service's rule (id, title, words of the title)."""
    if not source:
        return None
    try:
        return list(service.find_sources(source))
    except BadFilter:
        raise BadQuestion("I have no article by that name; pick one from the list, or leave `source` empty.") \
            from None


def answer_message(page: AnswerPage, state: AnswerState, asker: int,
                   settings: Settings) -> tuple[discord.Embed, discord.ui.View]:
    """The embed and buttons of one page of an answer, its sources linked on `public_base_url` if set."""
    answer = page.answer
    hits = answer.hits if answer.answered else answer.closest
    embed, shown = answer_embed(answer, hits, state, settings.public_base_url, first=page.offset + 1,
                                page=page.offset // settings.top_k + 1)
    view = discord.ui.View(timeout=None)
    following = page.offset + shown  # the hits that did not fit this embed open the next page
    if answer.answered and (page.more or shown < len(hits)) and following < MAX_HITS:
        view.add_item(MoreResults(asker, following))
    if answer.answered and shown:
        for helpful in (True, False):
            button = Feedback(helpful, hits[0].passage.passage_id)
            if len(button.custom_id) <= CUSTOM_ID:
                view.add_item(button)
    return embed, view


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
            bot = context(interaction)
            page = await bot.service.ask_page(state.question, self.offset, source_filter(bot.service, state.source),
                                              platform="discord", user_id=str(interaction.user.id))
            embed, view = answer_message(page, state, self.asker, bot.settings)
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
            await context(interaction).service.record_feedback(
                state.question if state else "", self.passage_id, self.helpful, platform="discord",
                user_id=str(interaction.user.id))
            await interaction.edit_original_response(content="Thanks, your feedback is noted.")
        except Exception as exc:  # every failure ends in a visible line with an error id
            await tell(interaction, user_line(exc, "feedback"))
