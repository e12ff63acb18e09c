"""The SQLite store (aiosqlite): corpus versions, the query log, feedback, the audit log, reload requests,
answered chat threads, passage vectors.

One connection in autocommit mode; every write that must be whole runs between BEGIN IMMEDIATE and
COMMIT. Coroutines share the connection, so one asyncio lock lets one of them use it at a time: no
statement can land inside another coroutine's transaction, nor read its uncommitted rows.
Parameterised SQL only: no value is ever formatted into a statement.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiosqlite

from bot.core.models import LiveCorpus, StoredVersion, UsageStats
from bot.errors import StoreError
from bot.render.json import extraction_json
from bot.store import rows as corpus_rows
from bot.store.files import private_file, private_folder, private_side_files, real_path
from bot.store.migrations import MIGRATIONS

log = logging.getLogger("dossier.store.store")

# Corpus versions kept: the live one and a few before it, enough to restart on the last good one
# while keeping the file from growing with every reload.
KEEP_VERSIONS = 3
# How long a write waits for another connection's lock before it gives up (milliseconds).
BUSY_TIMEOUT_MS = 5000
# After a checkpoint SQLite truncates the WAL file to at most this many bytes.
JOURNAL_SIZE_LIMIT = 4 * 1024 * 1024
# Unanswered questions shown by `stats`.
RECENT_UNANSWERED = 10
# Answered chat threads kept for follow-ups; the least recently used are forgotten past this many.
KEEP_THREADS = 50_000
# Passage text hashes looked up in one statement (SQLite caps the parameters of one statement).
VECTOR_READ_CHUNK = 500


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One admin action: who, what, whether it was allowed, and what came of it."""

    entry_id: int
    at: str
    actor: str
    action: str
    allowed: bool
    result: str


@dataclass(frozen=True, slots=True)
class ReloadRequest:
    """A reload asked for by `dossier reload`, waiting for the running process to answer it."""

    request_id: int
    requested_by: str
    force: bool


def now() -> str:
    """The current UTC time as ISO 8601 text, as every table stores it."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class Store:
    """An open database; create with `await Store.open(path)` and close with `await store.close()`."""

    def __init__(self, db: aiosqlite.Connection, path: Path) -> None:
        self._db = db
        self.path = path
        self._lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path) -> Store:
        """Open (creating folder and file when missing), switch to WAL and bring the schema up to date."""
        try:
            private_folder(path.parent)
            private_file(path)  # SQLite gives the WAL and shared-memory files the database's mode
            db = await aiosqlite.connect(path, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"The database {path} cannot be opened: {exc}") from exc
        store = cls(db, path)
        try:
            for pragma in ("journal_mode = WAL", "synchronous = NORMAL", "foreign_keys = ON",
                           f"busy_timeout = {BUSY_TIMEOUT_MS}", f"journal_size_limit = {JOURNAL_SIZE_LIMIT}"):
                await db.execute(f"PRAGMA {pragma}")
            await store._migrate()
            private_side_files(real_path(path))
        except StoreError:
            await db.close()
            raise
        except sqlite3.Error as exc:
            await db.close()
            raise StoreError(f"The database {path} cannot be used: {exc}") from exc
        return store

    @property
    def db(self) -> aiosqlite.Connection:
        """The connection, for maintenance pragmas and for tests that inspect the file."""
        return self._db

    async def close(self) -> None:
        """Checkpoint the WAL into the database file and close the connection."""
        try:
            await self.checkpoint()
        finally:
            await self._db.close()

    async def _migrate(self) -> None:
        async with self._db.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        current = row[0] if row else 0
        if current > len(MIGRATIONS):
            raise StoreError(f"The database {self.path} was written by a newer Dossier "
                             f"(schema {current}, this one knows {len(MIGRATIONS)}).")
        for number in range(current + 1, len(MIGRATIONS) + 1):
            script = f"BEGIN IMMEDIATE;\n{MIGRATIONS[number - 1]}\nPRAGMA user_version = {number};\nCOMMIT;"
            try:
                await self._db.executescript(script)
            except sqlite3.Error:
                await self._rollback()
                raise
            log.info("database %s: schema migrated to %d", self.path, number)

    async def _rollback(self) -> None:
        if self._db.in_transaction:
            await self._db.execute("ROLLBACK")

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on any error; SQLite errors become StoreError."""
        async with self._lock:
            try:
                await self._db.execute("BEGIN IMMEDIATE")
                try:
                    yield self._db
                    await self._db.execute("COMMIT")
                except BaseException:
                    await self._rollback()
                    raise
            except (sqlite3.Error, ValueError) as exc:  # ValueError: aiosqlite's "no active connection"
                raise StoreError(f"The database could not be written: {exc}") from exc

    async def _write(self, sql: str, params: tuple[Any, ...]) -> int:
        async with self.transaction() as db:
            cursor = await db.execute(sql, params)
            return cursor.lastrowid or 0

    async def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        try:
            async with self._lock, self._db.execute(sql, params) as cursor:
                return list(await cursor.fetchall())
        except (sqlite3.Error, ValueError) as exc:
            raise StoreError(f"The database could not be read: {exc}") from exc

    # Passage vectors (float32 rows, by passage text hash and model)

    async def passage_vectors(self, model_id: str, hashes: Sequence[str]) -> dict[str, bytes]:
        """The stored vectors of the given passage text hashes, as raw float32 bytes, by hash."""
        found: dict[str, bytes] = {}
        wanted = list(dict.fromkeys(hashes))
        for start in range(0, len(wanted), VECTOR_READ_CHUNK):
            chunk = wanted[start:start + VECTOR_READ_CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = await self._read(f"SELECT text_hash, vector FROM passage_vectors WHERE model_id = ? "
                                    f"AND text_hash IN ({marks})", (model_id, *chunk))
            found.update((row[0], bytes(row[1])) for row in rows)
        return found

    async def put_passage_vectors(self, model_id: str, vectors: Sequence[tuple[str, bytes]]) -> None:
        """Keep passage vectors (text hash, raw float32 bytes); a vector already kept is left as it is."""
        async with self.transaction() as db:
            await db.executemany("INSERT OR IGNORE INTO passage_vectors (model_id, text_hash, vector) "
                                 "VALUES (?, ?, ?)", [(model_id, h, v) for h, v in vectors])

    # Corpus versions

    async def save_version(self, corpus: LiveCorpus) -> None:
        """Write a version whole in one transaction, with its extraction results as the command line's JSON
        (made off the event loop); drop the oldest beyond KEEP_VERSIONS, checkpoint.
        """
        documents = {d.doc_id: d for d in corpus.documents}
        extraction = await asyncio.to_thread(extraction_json, corpus.extraction, documents)
        async with self.transaction() as db:
            row_id = await corpus_rows.insert_version(db, corpus.data, corpus.version, corpus.report.folder, now())
            await corpus_rows.insert_extraction(db, row_id, extraction)
            await corpus_rows.prune_versions(db, KEEP_VERSIONS)
        await self.checkpoint()

    async def latest_version(self) -> StoredVersion | None:
        """The newest stored version with its documents and passages, or None."""
        try:
            async with self._lock:
                return await corpus_rows.latest_version(self._db)
        except (sqlite3.Error, ValueError) as exc:
            raise StoreError(f"The stored corpus could not be read: {exc}") from exc

    async def version_extraction(self, version: str) -> dict[str, Any] | None:
        """The actors, figures and events stored with a version (the command line's JSON), or None."""
        try:
            async with self._lock:
                return await corpus_rows.version_extraction(self._db, version)
        except (sqlite3.Error, ValueError) as exc:
            raise StoreError(f"The stored extraction could not be read: {exc}") from exc

    async def latest_content_hash(self) -> str | None:
        """The content hash of the newest stored version, or None."""
        rows = await self._read("SELECT content_hash FROM corpus_versions ORDER BY id DESC LIMIT 1")
        return rows[0][0] if rows else None

    async def checkpoint(self) -> None:
        """Copy the WAL into the database and truncate it, so the WAL stays small across reloads."""
        try:
            async with self._lock:
                await self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except (sqlite3.Error, ValueError) as exc:
            log.warning("database checkpoint failed: %s", exc)

    async def integrity_check(self) -> str:
        """SQLite's own check of the whole file: "ok" when it is intact."""
        rows = await self._read("PRAGMA integrity_check")
        return "\n".join(str(r[0]) for r in rows)

    # Usage

    async def log_query(self, question: str, platform: str, user_id: str | None, answered: bool,
                        top_passage_id: str | None, latency_ms: float, corpus_version: str) -> None:
        """Add one question to the query log; raises StoreError when it cannot be written."""
        await self._write("INSERT INTO query_log (asked_at, question, platform, user_id, answered, "
                          "top_passage_id, latency_ms, corpus_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                          (now(), question, platform, user_id, int(answered), top_passage_id, latency_ms,
                           corpus_version))

    async def queries(self, limit: int = 100) -> list[dict[str, Any]]:
        """The newest entries of the query log, newest first."""
        keys = ("id", "asked_at", "question", "platform", "user_id", "answered", "top_passage_id",
                "latency_ms", "corpus_version")
        rows = await self._read(f"SELECT {', '.join(keys)} FROM query_log ORDER BY id DESC LIMIT ?", (limit,))
        return [dict(zip(keys, row, strict=True)) for row in rows]

    async def record_feedback(self, question: str, passage_id: str, helpful: bool, platform: str,
                              user_id: str) -> None:
        """Keep one reader's verdict on a quoted passage."""
        await self._write("INSERT INTO feedback (given_at, question, passage_id, helpful, platform, user_id) "
                          "VALUES (?, ?, ?, ?, ?, ?)",
                          (now(), question, passage_id, int(helpful), platform, user_id))

    async def stats(self) -> UsageStats:
        """Counts over the query log and feedback, and the latest unanswered questions."""
        (questions, unanswered), = await self._read(
            "SELECT COUNT(*), COALESCE(SUM(answered = 0), 0) FROM query_log")
        (helpful, unhelpful), = await self._read(
            "SELECT COALESCE(SUM(helpful = 1), 0), COALESCE(SUM(helpful = 0), 0) FROM feedback")
        recent = await self._read("SELECT question FROM query_log WHERE answered = 0 "
                                  "ORDER BY id DESC LIMIT ?", (RECENT_UNANSWERED,))
        return UsageStats(questions, unanswered, helpful, unhelpful, tuple(r[0] for r in recent))

    # Audit

    async def audit(self, actor: str, action: str, allowed: bool, result: str) -> int:
        """Add one admin action to the audit log; returns its id."""
        return await self._write("INSERT INTO audit_log (at, actor, action, allowed, result) "
                                 "VALUES (?, ?, ?, ?, ?)", (now(), actor, action, int(allowed), result))

    async def audit_entries(self, action: str | None = None, limit: int = 50) -> list[AuditEntry]:
        """The newest audit entries, newest first, optionally of one action only."""
        rows = await self._read("SELECT id, at, actor, action, allowed, result FROM audit_log "
                                "WHERE ? IS NULL OR action = ? ORDER BY id DESC LIMIT ?",
                                (action, action, limit))
        return [AuditEntry(r[0], r[1], r[2], r[3], bool(r[4]), r[5]) for r in rows]

    # Reload requests between `dossier reload` and the running process

    async def request_reload(self, requested_by: str, force: bool) -> int:
        """Record a reload request for the running process; returns its id."""
        return await self._write("INSERT INTO reload_requests (requested_at, requested_by, force) "
                                 "VALUES (?, ?, ?)", (now(), requested_by, int(force)))

    async def pending_reload_requests(self) -> list[ReloadRequest]:
        """Requests not answered yet, oldest first."""
        rows = await self._read("SELECT id, requested_by, force FROM reload_requests WHERE done = 0 "
                                "ORDER BY id")
        return [ReloadRequest(r[0], r[1], bool(r[2])) for r in rows]

    async def answer_reload_requests(self, request_ids: list[int], ok: bool, result: str) -> None:
        """Mark requests as answered with the reload's outcome."""
        async with self.transaction() as db:
            await db.executemany("UPDATE reload_requests SET done = 1, ok = ?, result = ? WHERE id = ?",
                                 [(int(ok), result, rid) for rid in request_ids])

    async def reload_answer(self, request_id: int) -> tuple[bool, str] | None:
        """(ok, report text) once the running process has answered the request, else None."""
        rows = await self._read("SELECT ok, result FROM reload_requests WHERE id = ? AND done = 1",
                                (request_id,))
        return (bool(rows[0][0]), rows[0][1]) if rows else None

    # Chat threads the bot answered

    async def remember_thread(self, platform: str, thread: str, question: str) -> None:
        """Keep the question a thread started from (the first one stays); forget the least used threads."""
        async with self.transaction() as db:
            await db.execute("INSERT INTO answered_threads (platform, thread, question, used_at) VALUES (?, ?, ?, ?) "
                             "ON CONFLICT (platform, thread) DO UPDATE SET used_at = excluded.used_at",
                             (platform, thread, question, now()))
            await db.execute("DELETE FROM answered_threads WHERE used_at < (SELECT used_at FROM answered_threads "
                             "ORDER BY used_at DESC LIMIT 1 OFFSET ?)", (KEEP_THREADS,))

    async def thread_question(self, platform: str, thread: str) -> str | None:
        """The question an answered thread started from, or None when the bot did not answer it."""
        rows = await self._read("SELECT question FROM answered_threads WHERE platform = ? AND thread = ?",
                                (platform, thread))
        return rows[0][0] if rows else None
