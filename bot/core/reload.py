"""Building, checking and storing the next corpus version, and choosing the version to start on.

The service owns the live reference and the one-step swap; these functions do everything before it.
They take the corpus builders as arguments so they can be run against any folder or stored data.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import replace

from bot.core.models import LiveCorpus, Store
from bot.core.report import ReloadReport, compare
from bot.errors import ConfigInvalid, CorpusUnavailable, ReloadRefused, StoreError
from bot.settings import Settings
from search.corpus import CorpusData

log = logging.getLogger("dossier.core.reload")


def _refuse(report: ReloadReport, reason: str) -> ReloadRefused:
    refused = report.refused(reason)
    return ReloadRefused(f"Reload refused: {reason} The live corpus is unchanged.", refused)


async def prepare_reload(old: LiveCorpus, store: Store | None, requested_by: str, force: bool,
                         build: Callable[[], LiveCorpus]) -> tuple[ReloadReport, LiveCorpus]:
    """Build the next version in a worker thread, validate it and write it in one transaction.

    Raises ReloadRefused (with the report) when the folder cannot be read, would leave zero documents
    (always), has a file that failed (unless `force`), or the database cannot take the new version.
    """
    started = time.perf_counter()
    try:
        new = await asyncio.to_thread(build)
    except OSError as exc:
        empty = ReloadReport(requested_by, False, old.version, "", 0, 0, forced=force)
        raise _refuse(empty, f"the corpus folder cannot be read ({exc}).") from exc
    except ConfigInvalid as exc:
        empty = ReloadReport(requested_by, False, old.version, "", 0, 0, forced=force)
        raise _refuse(empty, f"{exc.user_message}.") from exc
    # Comparing walks every passage of both versions: off the event loop too.
    report = await asyncio.to_thread(compare, old.data, new.data, old.version, new.version, requested_by, force,
                                     (old.extraction, new.extraction))
    if not new.documents:
        raise _refuse(report, "the corpus folder would leave zero documents.")
    if report.failed and not force:
        raise _refuse(report, f"{len(report.failed)} file(s) could not be read (named below); fix them, "
                              "or force the reload to leave them out.")
    if store is not None:
        try:
            if await store.latest_content_hash() != new.data.content_hash:
                log.info("writing corpus version %s to the database", new.version)
                await store.save_version(new)
        except StoreError as exc:
            log.error("corpus version %s not saved: %s", new.version, exc.user_message)
            reason = "the new version could not be saved to the database (see the log)."
            raise _refuse(report, reason) from exc
    return replace(report, applied=True, seconds=round(time.perf_counter() - started, 3)), new


async def startup_corpus(settings: Settings, store: Store, build: Callable[[], LiveCorpus],
                         rebuild: Callable[[CorpusData], LiveCorpus]) -> LiveCorpus:
    """The corpus folder as the first version; when it cannot be loaded, the last good stored version."""
    try:
        corpus = await asyncio.to_thread(build)
        problem = None if corpus.documents else f"no article could be read from {settings.corpus_dir}"
    except OSError as exc:
        problem = str(exc)
    if problem is None:
        try:
            if await store.latest_content_hash() != corpus.data.content_hash:
                await store.save_version(corpus)
        except StoreError as exc:
            log.error("corpus version %s not saved, a restart cannot fall back to it: %s", corpus.version,
                      exc.user_message)
        return corpus
    stored = await store.latest_version()
    if stored is None:
        raise CorpusUnavailable(f"{problem}, and the database {store.path} holds no earlier version "
                                "to start from")
    corpus = await asyncio.to_thread(rebuild, stored.data)
    log.error("!!! THE CORPUS FOLDER CANNOT BE LOADED: %s. Serving the last good version %s from the "
              "database (%d documents, %d passages, stored %s). Fix the folder, then reload. !!!", problem,
              corpus.version, len(corpus.documents), len(corpus.index.passages), stored.created_at)
    return corpus
