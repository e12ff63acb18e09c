"""The corpus and admin commands as Block Kit: sources, reload reports, usage statistics, refusals."""

from __future__ import annotations

from collections.abc import Iterable

from bot.core.models import UsageStats
from bot.core.report import ReloadReport, report_head, report_sections
from bot.slack.render.message import MAX_SECTION_CHARS, SlackMessage, context, fit, section
from bot.slack.render.text import escape, escape_capped, link
from search.models import Document

MAX_TITLE_CHARS = 150
# What a member who is not an admin is told, by admin command; the shared wording for any other.
NOT_ADMIN = {"reload": "Only Dossier admins can reload the corpus.",
             "add": "Only Dossier admins can add articles.",
             "stats": "Only Dossier admins can see usage statistics."}


def render_sources(documents: Iterable[Document], version: str) -> SlackMessage:
    """The corpus documents, one line each: linked title, outlet, date, paragraphs."""
    docs = list(documents)
    lines = []
    for doc in docs:
        src = doc.source
        parts = [f"*{link(src.url, src.title or doc.doc_id, MAX_TITLE_CHARS)}*"]
        parts += [escape_capped(src.outlet, 80)] if src.outlet else []
        parts += [src.published.isoformat()] if src.published else []
        parts.append(f"{len(doc.paragraphs)} paragraphs")
        lines.append(" · ".join(parts))
    tail = [context(f"{len(docs)} documents · corpus version {escape(version)}")]
    blocks = fit([section(chunk) for chunk in _chunks(lines)], tail)
    shown = sum(b["text"]["text"].count("\n") + 1 for b in blocks if b["type"] == "section")
    if shown < len(docs):
        blocks[-1] = context(f"{shown} of {len(docs)} documents shown · corpus version {escape(version)}")
    return SlackMessage(f"{len(docs)} documents in the corpus", tuple(blocks))


# A reload report's sections share what a message may hold: each gets at most this many characters.
REPORT_SECTION_CHARS = 1500


def render_reload(report: ReloadReport) -> SlackMessage:
    """What a reload changed or why it was refused: the head line, then every section of the report."""
    head = report_head(report) + (f" ({report.seconds:.1f} s)" if report.applied else "")
    blocks = [section(escape_capped(head, MAX_SECTION_CHARS))]
    if report.applied and not (report.added or report.removed or report.changed):
        blocks.append(section(f"No document changed ({report.unchanged} unchanged)."))
    for part in report_sections(report):
        body = escape_capped("\n".join(part.lines), REPORT_SECTION_CHARS)
        blocks.append(section(f"*{escape(part.title)}*\n{body}"))
    text = "\n".join(b["text"]["text"] for b in blocks)
    return SlackMessage(text[:MAX_SECTION_CHARS], tuple(fit(blocks, [])))


def render_stats(stats: UsageStats) -> SlackMessage:
    """Questions asked, unanswered, feedback, and the latest unanswered questions."""
    text = (f"*Questions:* {stats.questions} · *unanswered:* {stats.unanswered} · "
            f"*👍* {stats.helpful} · *👎* {stats.unhelpful}")
    if stats.recent_unanswered:
        recent = "\n".join(f"• {escape_capped(q, 300)}" for q in stats.recent_unanswered)
        text += f"\n*Latest unanswered:*\n{recent}"
    if stats.platforms:
        text += "\n*Platforms:*\n" + "\n".join(f"• {escape_capped(p.describe(), 300)}" for p in stats.platforms)
    return SlackMessage(text[:MAX_SECTION_CHARS], (section(text),))


def _chunks(lines: list[str]) -> list[str]:
    """Lines joined into texts of at most one section each."""
    chunks: list[str] = []
    current = ""
    for line in lines:
        if current and len(current) + 1 + len(line) > MAX_SECTION_CHARS:
            chunks.append(current)
            current = ""
        current = f"{current}\n{line}" if current else line[:MAX_SECTION_CHARS]
    return chunks + ([current] if current else [])


def not_admin_text(action: str) -> str:
    """The refusal of an admin command to someone who is not an admin."""
    return NOT_ADMIN.get(action, f"Only Dossier admins can use /{action}.")
