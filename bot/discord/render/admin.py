"""Rendering of /sources and admin replies: sources, reload reports, usage stats, help, refusals, errors."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.core.models import UsageStats
from bot.core.report import ReloadReport, report_head, report_sections
from bot.discord.render.text import (
    ANSWER_COLOUR,
    EMBED_DESCRIPTION,
    EMBED_TOTAL,
    FIELD_NAME,
    FIELD_VALUE,
    FIELDS,
    cut,
    cut_escaped,
    escape,
    link,
)
from bot.render.links import is_web_url, public_link
from search.models import Document

SOURCES_PAGE = 10  # documents a page of /sources: ten short lines read at a glance
NOT_ADMIN = "Only admins can do that: people with Manage Server, or the admins named in Dossier's settings."

HELP = """**Dossier** answers questions from the team's articles with quotes and their sources.
`/ask question:` the best quotes; `source:` limits to one article, `private:` answers only you.
Mention me with a question in a channel (I answer in a thread: reply there to follow up), or DM me.
`/sources` the articles · `/actors` `/figures` `/timeline` what the articles name, count and date.
Admins: `/reload` reads the articles again, `/add url:` adds an article by its link, `/stats` shows
questions and feedback."""


def sources_embed(documents: Sequence[Document], page: int, public_base_url: str | None) -> discord.Embed:
    """One page of the corpus documents: title (linked to Dossier's page of it, else its canonical
    URL), outlet and date.
    """
    pages = max(1, -(-len(documents) // SOURCES_PAGE))
    page = min(max(1, page), pages)
    lines = []
    for doc in documents[(page - 1) * SOURCES_PAGE:page * SOURCES_PAGE]:
        title = cut_escaped(doc.title, 200)
        url = public_link(public_base_url, doc.doc_id) or (doc.source.url if is_web_url(doc.source.url) else None)
        head = f"[{title}]({link(url)})" if url else f"{title} (`{cut(doc.doc_id, 60)}`)"
        meta = " · ".join(x for x in (doc.source.outlet and escape(cut(doc.source.outlet, 80)),
                                      doc.source.published and doc.source.published.isoformat()) if x)
        lines.append(f"• **{head}**" + (f"\n  {meta}" if meta else ""))
    embed = discord.Embed(title=f"Sources ({len(documents)} articles)", colour=ANSWER_COLOUR,
                          description=cut("\n".join(lines), EMBED_DESCRIPTION) or "No articles are loaded.")
    embed.set_footer(text=f"Page {page} of {pages}" + (" · /sources page:" + str(page + 1) if page < pages
                                                        else ""))
    return embed


def reload_embed(report: ReloadReport) -> discord.Embed:
    """What a reload changed or why it was refused, for the admin who asked: every section of the report."""
    summary = f"{report_head(report)} ({report.seconds:.2f} s)." if report.applied else report_head(report)
    embed = discord.Embed(title="Reload" if report.applied else "Reload refused",
                          description=cut_escaped(summary, EMBED_DESCRIPTION // 4), colour=ANSWER_COLOUR)
    if report.applied and not (report.added or report.removed or report.changed):
        embed.add_field(name="Articles", value=f"No article changed ({report.unchanged} unchanged).", inline=False)
    sections = report_sections(report)[:FIELDS - 1]
    for n, section in enumerate(sections):
        # Each section gets an even share of what the embed has left, so the last is never squeezed out.
        share = (EMBED_TOTAL - len(embed) - FIELD_NAME * (len(sections) - n)) // (len(sections) - n)
        value = cut_escaped("\n".join(section.lines), max(1, min(FIELD_VALUE, share)))
        embed.add_field(name=section.title, value=value, inline=False)
    return embed


def stats_embed(stats: UsageStats) -> discord.Embed:
    """Usage counts and the latest unanswered questions."""
    embed = discord.Embed(title="Usage", colour=ANSWER_COLOUR)
    embed.add_field(name="Questions", value=str(stats.questions))
    embed.add_field(name="Unanswered", value=str(stats.unanswered))
    embed.add_field(name="Feedback", value=f"👍 {stats.helpful} · 👎 {stats.unhelpful}")
    if stats.recent_unanswered:
        recent = "\n".join(f"• {cut_escaped(q, 200)}" for q in stats.recent_unanswered)
        embed.add_field(name="Recent unanswered", value=cut(recent, FIELD_VALUE), inline=False)
    if stats.platforms:
        lines = "\n".join(cut_escaped(p.describe(), 300) for p in stats.platforms)
        embed.add_field(name="Platforms", value=cut(lines, FIELD_VALUE), inline=False)
    return embed


def error_text(error_id: str) -> str:
    """The line a user sees when something failed on our side."""
    return (f"Sorry, something went wrong on my side. If it keeps happening, "
            f"tell an admin error id `{error_id}`.")
