"""The database schema as numbered migrations; `PRAGMA user_version` records how many have run.

Never edit a migration that has shipped: add the next one. Each runs in its own transaction together
with the `user_version` bump, so a crash leaves the schema at a whole step.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: corpus versions with their documents and paragraphs, the query log, feedback, the audit log.
    """
    CREATE TABLE corpus_versions (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        version       TEXT NOT NULL,
        content_hash  TEXT NOT NULL,
        folder        TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        documents     INTEGER NOT NULL,
        passages      INTEGER NOT NULL
    );
    CREATE TABLE documents (
        version_id    INTEGER NOT NULL REFERENCES corpus_versions(id) ON DELETE CASCADE,
        position      INTEGER NOT NULL,
        doc_id        TEXT NOT NULL,
        path          TEXT NOT NULL,
        title         TEXT NOT NULL,
        outlet        TEXT,
        published     TEXT,
        url           TEXT,
        page_date     TEXT,
        author        TEXT,
        content_hash  TEXT NOT NULL,
        PRIMARY KEY (version_id, doc_id)
    );
    CREATE TABLE paragraphs (
        version_id    INTEGER NOT NULL,
        doc_id        TEXT NOT NULL,
        number        INTEGER NOT NULL,
        kind          TEXT NOT NULL,
        text          TEXT NOT NULL,
        PRIMARY KEY (version_id, doc_id, number),
        FOREIGN KEY (version_id, doc_id) REFERENCES documents(version_id, doc_id) ON DELETE CASCADE
    );
    CREATE TABLE query_log (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        asked_at       TEXT NOT NULL,
        question       TEXT NOT NULL,
        platform       TEXT NOT NULL,
        user_id        TEXT,
        answered       INTEGER NOT NULL,
        top_passage_id TEXT,
        latency_ms     REAL NOT NULL,
        corpus_version TEXT NOT NULL
    );
    CREATE TABLE feedback (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        given_at    TEXT NOT NULL,
        question    TEXT NOT NULL,
        passage_id  TEXT NOT NULL,
        helpful     INTEGER NOT NULL,
        platform    TEXT NOT NULL,
        user_id     TEXT NOT NULL
    );
    CREATE TABLE audit_log (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        at        TEXT NOT NULL,
        actor     TEXT NOT NULL,
        action    TEXT NOT NULL,
        allowed   INTEGER NOT NULL,
        result    TEXT NOT NULL
    );
    """,
    # 2: reload requests from `dossier reload` to the running process, answered with the report.
    """
    CREATE TABLE reload_requests (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        requested_at  TEXT NOT NULL,
        requested_by  TEXT NOT NULL,
        force         INTEGER NOT NULL,
        done          INTEGER NOT NULL DEFAULT 0,
        ok            INTEGER,
        result        TEXT
    );
    """,
    # 3: chat threads the bot answered, with the question each started from, for follow-ups after a restart.
    """
    CREATE TABLE answered_threads (
        platform      TEXT NOT NULL,
        thread        TEXT NOT NULL,
        question      TEXT NOT NULL,
        used_at       TEXT NOT NULL,
        PRIMARY KEY (platform, thread)
    );
    CREATE INDEX answered_threads_used_at ON answered_threads (used_at);
    """,
    # 4: the actors, figures and timeline extracted from each stored version, as the command line's JSON.
    """
    CREATE TABLE extractions (
        version_id    INTEGER PRIMARY KEY REFERENCES corpus_versions(id) ON DELETE CASCADE,
        actors        INTEGER NOT NULL,
        figures       INTEGER NOT NULL,
        events        INTEGER NOT NULL,
        payload       TEXT NOT NULL
    );
    """,
    # 5: the trained model's entity spans of each document, by the hash of its readable text and the
    # model's version (search.extract.spans_key), so a reload reads with the model only what changed.
    """
    CREATE TABLE entity_spans (
        key           TEXT PRIMARY KEY,
        spans         TEXT NOT NULL,
        stored_at     TEXT NOT NULL
    );
    """,
    # 6: passage vectors of the dense encoder, by the passage text's sha256 and the model that made them,
    # so a restart or reload embeds only passages whose text is new.
    """
    CREATE TABLE passage_vectors (
        model_id      TEXT NOT NULL,
        text_hash     TEXT NOT NULL,
        vector        BLOB NOT NULL,
        PRIMARY KEY (model_id, text_hash)
    ) WITHOUT ROWID;
    """,
)
