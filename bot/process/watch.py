"""Watch mode: reload when the corpus folder changes, once it has stopped changing (debounce).

Polls file names, sizes and modification times; no extra dependency and no platform-specific API.
"""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path

from bot.core.service import Service
from bot.errors import ReloadBusy, ReloadRefused

log = logging.getLogger("dossier.process.watch")

Snapshot = frozenset[tuple[str, int, int]]


def snapshot(folder: Path) -> Snapshot:
    """(relative path, size, mtime in ns) of every visible file under folder; empty when it is missing."""
    if not folder.is_dir():
        return frozenset()
    found = set()
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        try:
            stat = path.stat()
        except OSError:  # removed while we looked: the next poll sees the folder as it settles
            continue
        if path.is_file():
            found.add((relative.as_posix(), stat.st_size, stat.st_mtime_ns))
    return frozenset(found)


async def watch_corpus(service: Service, interval: float, debounce: float) -> None:
    """Poll the corpus folder every `interval` seconds; reload once a change has been still `debounce`."""
    folder = service.settings.corpus_dir
    baseline = await asyncio.to_thread(snapshot, folder)
    pending: Snapshot | None = None
    changed_at = 0.0
    log.info("watching %s for changes every %.2fs", folder, interval)
    while True:
        await asyncio.sleep(interval)
        current = await asyncio.to_thread(snapshot, folder)
        if current == baseline:
            pending = None
            continue
        if current != pending:
            pending, changed_at = current, time.monotonic()
            continue
        if time.monotonic() - changed_at < debounce:
            continue
        try:
            await service.reload("watch")
        except ReloadBusy:
            continue  # another reload is running: look again at the next poll
        except ReloadRefused as exc:
            log.warning("watch mode: %s", exc.user_message)
        except Exception:  # a failed reload must never end the watch, nor the process it runs in
            log.exception("watch mode: the reload failed; the live corpus is unchanged")
        baseline, pending = current, None  # a refused state is not retried until the folder changes again
