"""The trained model's entity spans kept in the database, so a reload reads with the model only new text.

Build runs in a worker thread, so the spans are read and written here with the standard library's
sqlite3 on a connection of their own, in the table migration 5 (bot/store/migrations.py) creates. Until
the store has migrated the database (a one-shot command, a database not yet created), there is no table
and nothing is kept: extraction then reads every document with the model, as it would without a cache.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Collection
from datetime import UTC, datetime
from pathlib import Path

from search.extract import Entity
from search.extract.nlp import from_rows, to_rows

log = logging.getLogger("dossier.core.spans")

# How long a write waits for the store's connection to finish its own (milliseconds).
BUSY_TIMEOUT_MS = 5000


def _connect(path: Path) -> sqlite3.Connection | None:
    if not path.is_file():
        return None
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    found = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'entity_spans'").fetchone()
    if found is None:
        db.close()
        return None
    return db


def load_spans(path: Path) -> dict[str, list[tuple[Entity, ...]]]:
    """Every document's stored spans by key; empty when the database keeps none or cannot be read."""
    try:
        db = _connect(path)
        if db is None:
            return {}
        try:
            rows = db.execute("SELECT key, spans FROM entity_spans").fetchall()
        finally:
            db.close()
    except sqlite3.Error as exc:
        log.warning("stored entity spans not read from %s: %s", path, exc)
        return {}
    out: dict[str, list[tuple[Entity, ...]]] = {}
    for key, payload in rows:
        try:
            out[key] = from_rows(json.loads(payload))
        except ValueError:
            continue  # a damaged entry is read with the model again
    return out


def save_spans(path: Path, spans: dict[str, list[tuple[Entity, ...]]], keep: Collection[str]) -> int:
    """Store the spans of the keys in `keep` that the database lacks and forget every other key;
    returns how many entries were written.
    """
    try:
        db = _connect(path)
        if db is None:
            return 0
        try:
            stored = {k for (k,) in db.execute("SELECT key FROM entity_spans")}
            new = [(k, json.dumps(to_rows(spans[k]), separators=(",", ":")), _now())
                   for k in sorted(set(keep) - stored) if k in spans]
            with db:
                db.executemany("INSERT OR REPLACE INTO entity_spans (key, spans, stored_at) VALUES (?, ?, ?)", new)
                db.executemany("DELETE FROM entity_spans WHERE key = ?", [(k,) for k in sorted(stored - set(keep))])
        finally:
            db.close()
    except sqlite3.Error as exc:
        log.warning("entity spans not stored in %s: %s", path, exc)
        return 0
    return len(new)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")
