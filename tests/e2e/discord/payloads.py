"""Discord API objects as the real API sends them, for the fake server."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any

APP_ID = 900_000_000_000_000_001  # the application and its bot user share an id, as on Discord
GUILD_ID = 800_000_000_000_000_001
CHANNEL_ID = 700_000_000_000_000_001
DM_CHANNEL_ID = 700_000_000_000_000_099
ADMIN_ROLE_ID = 600_000_000_000_000_001
OWNER_ID = 500_000_000_000_000_001
ADMIN_ID = 500_000_000_000_000_002  # holds the admin role
MEMBER_ID = 500_000_000_000_000_003
OTHER_ID = 500_000_000_000_000_004
OTHER_BOT_ID = 500_000_000_000_000_005
MANAGE_GUILD = 1 << 5
MEMBER_PERMISSIONS = (1 << 10) | (1 << 11) | (1 << 31)  # view channel, send messages, use app commands

_ids = itertools.count(1_300_000_000_000_000_000)


def snowflake() -> int:
    """A fresh, increasing id."""
    return next(_ids)


def now() -> str:
    """An ISO timestamp as Discord writes them."""
    return datetime.now(UTC).isoformat()


def user(user_id: int, name: str, bot: bool = False) -> dict[str, Any]:
    """A user object."""
    return {"id": str(user_id), "username": name, "global_name": name, "discriminator": "0", "avatar": None,
            "bot": bot, "public_flags": 0}


BOT_USER = user(APP_ID, "Dossier", bot=True)
USERS = {OWNER_ID: "owner", ADMIN_ID: "admin", MEMBER_ID: "member", OTHER_ID: "other"}


def member(user_id: int, permissions: int = MEMBER_PERMISSIONS) -> dict[str, Any]:
    """A guild member as an interaction carries it, with resolved permissions."""
    roles = [str(ADMIN_ROLE_ID)] if user_id == ADMIN_ID else []
    return {"user": user(user_id, USERS.get(user_id, "someone")), "roles": roles, "joined_at": now(),
            "deaf": False, "mute": False, "flags": 0, "permissions": str(permissions), "nick": None}


def text_channel(channel_id: int = CHANNEL_ID, name: str = "general") -> dict[str, Any]:
    """A guild text channel."""
    return {"id": str(channel_id), "type": 0, "guild_id": str(GUILD_ID), "name": name, "position": 0,
            "permission_overwrites": [], "nsfw": False, "parent_id": None, "topic": None,
            "last_message_id": None, "rate_limit_per_user": 0}


def thread(thread_id: int, parent_id: int, owner_id: int, name: str) -> dict[str, Any]:
    """A public thread."""
    return {"id": str(thread_id), "type": 11, "guild_id": str(GUILD_ID), "parent_id": str(parent_id),
            "owner_id": str(owner_id), "name": name, "message_count": 0, "member_count": 1,
            "rate_limit_per_user": 0, "last_message_id": None, "flags": 0,
            "thread_metadata": {"archived": False, "auto_archive_duration": 1440, "archive_timestamp": now(),
                                "locked": False}}


def guild() -> dict[str, Any]:
    """The guild of GUILD_CREATE: one channel, an admin role, the members."""
    roles = [{"id": str(GUILD_ID), "name": "@everyone", "permissions": str(MEMBER_PERMISSIONS), "position": 0,
              "color": 0, "hoist": False, "managed": False, "mentionable": False, "flags": 0},
             {"id": str(ADMIN_ROLE_ID), "name": "dossier-admins", "permissions": str(MEMBER_PERMISSIONS),
              "position": 1, "color": 0, "hoist": False, "managed": False, "mentionable": False, "flags": 0}]
    return {"id": str(GUILD_ID), "name": "Newsroom", "icon": None, "owner_id": str(OWNER_ID), "roles": roles,
            "emojis": [], "stickers": [], "features": [], "member_count": 5, "large": False,
            "unavailable": False,
            "channels": [text_channel()], "threads": [], "members": [member(APP_ID) | {"user": BOT_USER}],
            "voice_states": [], "presences": [], "stage_instances": [], "guild_scheduled_events": [],
            "premium_tier": 0, "preferred_locale": "en-US", "joined_at": now(), "verification_level": 0,
            "default_message_notifications": 0, "explicit_content_filter": 0, "mfa_level": 0, "nsfw_level": 0,
            "system_channel_flags": 0, "afk_timeout": 300, "max_members": 1000}


def message(channel_id: int, author: dict[str, Any], content: str = "", *, guild: bool = True,
            message_id: int | None = None, **extra: Any) -> dict[str, Any]:
    """A message object."""
    data = {"id": str(message_id or snowflake()), "channel_id": str(channel_id), "author": author,
            "content": content, "timestamp": now(), "edited_timestamp": None, "tts": False,
            "mention_everyone": "@everyone" in content, "mentions": [], "mention_roles": [],
            "attachments": [],
            "embeds": [], "components": [], "pinned": False, "type": 0, "flags": 0}
    if guild:
        data["guild_id"] = str(GUILD_ID)
    return data | extra


def application() -> dict[str, Any]:
    """The application object of GET /oauth2/applications/@me."""
    return {"id": str(APP_ID), "name": "Dossier", "icon": None, "description": "", "bot_public": True,
            "bot_require_code_grant": False, "owner": user(OWNER_ID, "owner"), "verify_key": "00" * 32,
            "flags": 0, "team": None, "summary": "", "rpc_origins": [], "bot": BOT_USER,
            "interactions_endpoint_url": None, "redirect_uris": [], "approximate_guild_count": 1}
