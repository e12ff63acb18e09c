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

# The longest a one-shot command spends embedding a new corpus before it answers (about 2,000 news
# paragraphs on two cores): past it the answers use BM25 alone, and the vectors made so far are kept,
# so the next run goes on from there. `dossier run` embeds in the background with no limit.
ONE_SHOT_EMBED_SECONDS = 120.0


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
        report = await service.embed(store, ONE_SHOT_EMBED_SECONDS)
    except StoreError as exc:
        log.warning("passage vectors could not be kept, embedding without the database: %s", exc.user_message)
        report = await service.embed(None, ONE_SHOT_EMBED_SECONDS)
    finally:
        if store is not None:
            await store.close()
    if report is not None and not report.finished:
        log.warning("embedded %d new passages in %.0f s, not all: this run answers with BM25 alone; the next run "
                    "goes on embedding (or `dossier run` embeds them all in the background)", report.embedded,
                    report.seconds)
    return report
