"""Rendering of /sources and admin replies: sources, reload reports, usage stats, help, errors."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.discord.render import ANSWER_COLOUR, link
from bot.discord.text import EMBED_DESCRIPTION, FIELD_VALUE, cut, cut_escaped, escape
from bot.links import is_web_url, public_link
from bot.reload import DocumentChange, ReloadReport
from bot.store import UsageStats
from search.models import Document

SOURCES_PAGE = 10  # documents a page of /sources: ten short lines read at a glance

HELP = """**Dossier** answers questions from the team's articles with quotes and their sources.
`/ask question:` the best quotes; `source:` limits to one article, `private:` answers only you.
Mention me with a question in a channel (I answer in a thread: reply there to follow up), or DM me.
`/sources` the articles · `/actors` `/figures` `/timeline` what the articles name, count and date.
Admins: `/reload` reads the articles again, `/stats` shows questions and feedback."""


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


def _names(items: Sequence[DocumentChange]) -> str:
    listed = ", ".join(f"{c.path} ({c.passages} passages)" for c in items)
    return cut_escaped(listed, FIELD_VALUE) if items else "none"


def reload_embed(report: ReloadReport) -> discord.Embed:
    """What a reload changed, for the admin who asked."""
    if report.old_version != report.new_version:
        head = f"Reloaded: corpus {report.old_version} → {report.new_version}, {report.documents} articles"
    else:
        head = f"Nothing changed: corpus {report.new_version}, {report.documents} articles"
    embed = discord.Embed(title="Reload", description=f"{head} ({report.seconds:.2f} s).",
                          colour=ANSWER_COLOUR)
    embed.add_field(name="Added", value=_names(report.added), inline=False)
    embed.add_field(name="Removed", value=_names(report.removed), inline=False)
    embed.add_field(name="Changed", value=_names(report.changed), inline=False)
    failed = "\n".join(f"{f.path}: {f.reason}" for f in report.failed)
    embed.add_field(name="Failed", value=cut_escaped(failed, FIELD_VALUE) if failed else "none", inline=False)
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
    return embed


def error_text(error_id: str) -> str:
    """The line a user sees when something failed on our side."""
    return (f"Sorry, something went wrong on my side. If it keeps happening, "
            f"tell an admin error id `{error_id}`.")
