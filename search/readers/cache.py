"""Reader results kept by the file's content hash, in memory for the life of the process.

The library keeps no files of its own, so the results live as long as the process does: a long-running
Dossier re-reads only changed HTML and PDF files on reload; a one-shot command reads every file once.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable

from search.readers.page import ReadPage

# Results kept at most; the oldest used goes first. A corpus larger than this re-reads the rest.
MAX_ENTRIES = 20_000


class ReadCache:
    """Suffix and content hash → the page read, or the reason the file could not be read."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self._entries: OrderedDict[tuple[str, str], ReadPage | str] = OrderedDict()
        self._max = max_entries
        self._lock = threading.Lock()
        self.reads = 0  # files actually read, for telling a kept result from a fresh one

    def read(self, suffix: str, raw: bytes, reader: Callable[[bytes], ReadPage]) -> ReadPage:
        """The kept result for these bytes, else `reader(raw)` kept; a kept failure raises again."""
        key = (suffix, hashlib.sha256(raw).hexdigest())
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
        if found is None:
            self.reads += 1
            try:
                found = reader(raw)
            except ValueError as exc:
                found = str(exc)
            with self._lock:
                self._entries[key] = found
                while len(self._entries) > self._max:
                    self._entries.popitem(last=False)
        if isinstance(found, str):
            raise ValueError(found)
        return found
