"""Passage vectors for the one-shot commands (`dossier ask`, `dossier chat`): read from the database
where an earlier run kept them, the rest embedded and kept there for the next run.
"""

from __future__ import annotations

import logging

from bot.core.dense import EmbedReport
from bot.core.service import Service
from bot.errors import StoreError
from bot.settings import Settings
from bot.store.store import Store

log = logging.getLogger("dossier.cli.vectors")


async def embed_with_cache(service: Service, settings: Settings) -> EmbedReport | None:
    """Make the service's search hybrid; without a usable database the vectors are embedded and not kept.

    The report says how many vectors were read and how many embedded; None when dense retrieval is off
    or not installed.
    """
    try:
        store: Store | None = await Store.open(settings.database_path)
    except StoreError as exc:
        log.warning("passage vectors are not kept: %s", exc.user_message)
        store = None
    try:
        return await service.embed(store)
    except StoreError as exc:
        log.warning("passage vectors could not be kept, embedding without the database: %s", exc.user_message)
        return await service.embed(None)
    finally:
        if store is not None:
            await store.close()
