"""Corpus versions as database rows: documents and paragraphs written and read back whole, and the
extraction results of each version.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import aiosqlite

from bot.core.models import StoredVersion
from search.corpus import CorpusData, passages_of
from search.models import Document, LoadReport, Paragraph, PassageKind, SourceInfo


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


async def insert_version(db: aiosqlite.Connection, data: CorpusData, version: str, folder: str,
                         created_at: str) -> int:
    """Write one version's rows inside the caller's transaction; returns the new version's row id."""
    cursor = await db.execute(
        "INSERT INTO corpus_versions (version, content_hash, folder, created_at, documents, passages) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (version, data.content_hash, folder, created_at, len(data.documents), len(data.passages)))
    row_id = cursor.lastrowid
    assert row_id is not None
    # The rows are generators: aiosqlite's worker thread draws them, so a corpus of a million
    # paragraphs is never turned into parameter lists on the event loop.
    await db.executemany(
        "INSERT INTO documents (version_id, position, doc_id, path, title, outlet, published, url, "
        "page_date, author, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((row_id, n, d.doc_id, d.path, d.source.title, d.source.outlet, _iso(d.source.published),
          d.source.url, _iso(d.source.page_date), d.source.author, d.content_hash)
         for n, d in enumerate(data.documents)))
    await db.executemany(
        "INSERT INTO paragraphs (version_id, doc_id, number, kind, text) VALUES (?, ?, ?, ?, ?)",
        ((row_id, d.doc_id, p.number, p.kind.value, p.text) for d in data.documents for p in d.paragraphs))
    return row_id


async def insert_extraction(db: aiosqlite.Connection, version_id: int, extraction: dict[str, Any]) -> None:
    """Write a version's extraction results (`records.extraction_json`) inside the caller's transaction."""
    await db.execute(
        "INSERT INTO extractions (version_id, actors, figures, events, payload) VALUES (?, ?, ?, ?, ?)",
        (version_id, len(extraction["actors"]), len(extraction["figures"]), len(extraction["events"]),
         json.dumps(extraction, ensure_ascii=False, separators=(",", ":"))))


async def prune_versions(db: aiosqlite.Connection, keep: int) -> None:
    """Delete all but the newest `keep` versions (their documents and paragraphs go with them)."""
    await db.execute("DELETE FROM corpus_versions WHERE id NOT IN "
                     "(SELECT id FROM corpus_versions ORDER BY id DESC LIMIT ?)", (keep,))


async def latest_version(db: aiosqlite.Connection) -> StoredVersion | None:
    """The newest stored version, read back into documents and passages, or None when there is none."""
    async with db.execute("SELECT id, version, created_at, folder FROM corpus_versions "
                          "ORDER BY id DESC LIMIT 1") as cursor:
        row = await cursor.fetchone()
    if row is None:
        return None
    row_id, version, created_at, folder = row
    paragraphs: dict[str, list[Paragraph]] = {}
    async with db.execute("SELECT doc_id, number, kind, text FROM paragraphs WHERE version_id = ? "
                          "ORDER BY doc_id, number", (row_id,)) as cursor:
        async for doc_id, number, kind, text in cursor:
            paragraphs.setdefault(doc_id, []).append(Paragraph(number, text, PassageKind(kind)))
    documents = []
    sql = ("SELECT doc_id, path, title, outlet, published, url, page_date, author, content_hash "
           "FROM documents WHERE version_id = ? ORDER BY position")
    async with db.execute(sql, (row_id,)) as cursor:
        async for doc_id, path, title, outlet, published, url, page_date, author, digest in cursor:
            source = SourceInfo(title, outlet, _date(published), url, _date(page_date), author)
            documents.append(Document(doc_id, path, source, tuple(paragraphs.get(doc_id, ())), digest))
    passages = tuple(p for d in documents for p in passages_of(d))
    report = LoadReport(f"database version {version}", tuple(d.path for d in documents))
    return StoredVersion(row_id, version, created_at, folder, CorpusData(tuple(documents), passages, report))


async def version_extraction(db: aiosqlite.Connection, version: str) -> dict[str, Any] | None:
    """The stored extraction results of the newest stored version named `version`, or None."""
    async with db.execute("SELECT e.payload FROM extractions e JOIN corpus_versions v ON v.id = e.version_id "
                          "WHERE v.version = ? ORDER BY v.id DESC LIMIT 1", (version,)) as cursor:
        row = await cursor.fetchone()
    return json.loads(row[0]) if row else None
