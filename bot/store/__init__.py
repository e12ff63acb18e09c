"""The SQLite store: corpus versions, logs, reload requests and the single-instance lock."""

from bot.store.lock import InstanceLock
from bot.store.store import KEEP_VERSIONS, Store

__all__ = ["KEEP_VERSIONS", "InstanceLock", "Store"]
