"""Slack's listeners, one module a kind: slash commands, list commands, events and buttons."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from bot.slack.deps import SlackDeps
from bot.slack.listeners.actions import register_actions
from bot.slack.listeners.commands import register_commands
from bot.slack.listeners.events import register_events
from bot.slack.listeners.lists import register_lists


def register_listeners(app: AsyncApp, deps: SlackDeps) -> None:
    """Attach every command, event and button listener of Dossier to `app`."""
    register_commands(app, deps)
    register_lists(app, deps)
    register_events(app, deps)
    register_actions(app, deps)
