"""The one Slack formatting layer: service records in, Block Kit and fallback text out."""

from bot.slack.render.answer import HELPFUL_ACTION, MORE_ACTION, UNHELPFUL_ACTION, render_answer
from bot.slack.render.message import SlackMessage
from bot.slack.render.reports import not_admin_text, render_reload, render_sources, render_stats
from bot.slack.render.text import escape, escape_capped

__all__ = ["HELPFUL_ACTION", "MORE_ACTION", "UNHELPFUL_ACTION", "SlackMessage", "escape", "escape_capped",
           "not_admin_text", "render_answer", "render_reload", "render_sources", "render_stats"]
