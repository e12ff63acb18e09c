import sqlite3

import pytest

from bot.core.build import build_corpus
from bot.core.service import Service
from bot.errors import BadQuestion, StoreError
from bot.store.migrations import MIGRATIONS
from bot.store.store import KEEP_VERSIONS, Store
from tests.bot.reload_helpers import corpus_a, corpus_b, settings_for, write_corpus


async def open_service(tmp_path, files=None, **changes):
    settings = settings_for(tmp_path, **changes)
    write_corpus(settings.corpus_dir, files or corpus_a())
    store = await Store.open(settings.database_path)
    return await Service.open(settings, store), store


async def test_new_database_is_migrated_and_in_wal_mode(tmp_path):
    store = await Store.open(tmp_path / "sub" / "d.sqlite3")
    try:
        async with store.db.execute("PRAGMA user_version") as cur:
            assert (await cur.fetchone())[0] == len(MIGRATIONS)
        async with store.db.execute("PRAGMA journal_mode") as cur:
            assert (await cur.fetchone())[0] == "wal"
    finally:
        await store.close()
    reopened = await Store.open(tmp_path / "sub" / "d.sqlite3")
    await reopened.close()


async def test_database_from_a_newer_dossier_is_refused(tmp_path):
    path = tmp_path / "d.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    with pytest.raises(StoreError, match="newer Dossier"):
        await Store.open(path)


async def test_a_stored_version_reads_back_whole_and_keeps_its_version(tmp_path):
    settings = settings_for(tmp_path)
    write_corpus(settings.corpus_dir, corpus_b())
    corpus = build_corpus(settings.corpus_dir, settings.aliases_path, settings.synonyms_path, 10_000)
    store = await Store.open(settings.database_path)
    try:
        await store.save_version(corpus)
        stored = await store.latest_version()
    finally:
        await store.close()
    assert stored.version == corpus.version
    assert stored.data.documents == corpus.data.documents
    assert stored.data.passages == corpus.data.passages
    assert stored.data.content_hash == corpus.data.content_hash


async def test_injection_in_a_question_is_logged_verbatim(tmp_path):
    service, store = await open_service(tmp_path)
    question = "convoy'); DROP TABLE query_log; -- \"Kabul\" `x` @everyone"
    try:
        await service.ask(question, platform="discord", user_id="u1")
        rows = await store.queries()
    finally:
        await store.close()
    assert rows[0]["question"] == question
    assert rows[0]["platform"] == "discord" and rows[0]["user_id"] == "u1"
    assert rows[0]["corpus_version"] == service.corpus.version


async def test_logged_question_is_capped_and_records_answer_and_top_passage(tmp_path):
    service, store = await open_service(tmp_path, max_question_chars=40)
    try:
        answer = await service.ask("convoy committee " + "x" * 200)
        rows = await store.queries()
    finally:
        await store.close()
    assert len(rows[0]["question"]) == 40
    assert rows[0]["answered"] == int(answer.answered)
    if answer.answered:
        assert rows[0]["top_passage_id"] == answer.hits[0].passage.passage_id
    assert rows[0]["latency_ms"] > 0


async def test_answer_survives_a_query_log_table_dropped_by_another_connection(tmp_path, caplog):
    service, store = await open_service(tmp_path)
    try:
        with sqlite3.connect(store.path) as other:
            other.execute("DROP TABLE query_log")
        answer = await service.ask("convoy committee")
    finally:
        await store.close()
    assert answer.hits
    assert "query log not written" in caplog.text


async def test_answer_survives_a_closed_database(tmp_path, caplog):
    service, store = await open_service(tmp_path)
    await store.close()
    answer = await service.ask("convoy committee")
    assert answer.hits
    assert "query log not written" in caplog.text


async def test_bad_question_is_logged_unanswered_and_still_raised(tmp_path):
    service, store = await open_service(tmp_path)
    try:
        with pytest.raises(BadQuestion):
            await service.ask("what is the")
        stats = await service.stats()
    finally:
        await store.close()
    assert stats.questions == 1 and stats.unanswered == 1
    assert stats.recent_unanswered == ("what is the",)


async def test_stats_count_questions_and_feedback(tmp_path):
    service, store = await open_service(tmp_path)
    try:
        answer = await service.ask("convoy committee")
        await service.ask("zebra saxophone quantum")
        passage = answer.hits[0].passage.passage_id
        await service.record_feedback("convoy committee", passage, True, platform="slack", user_id="u")
        await service.record_feedback("convoy committee", passage, False, platform="slack", user_id="v")
        await service.record_feedback("q", passage, True, platform="slack", user_id="w")
        stats = await service.stats()
    finally:
        await store.close()
    assert (stats.questions, stats.unanswered, stats.helpful, stats.unhelpful) == (2, 1, 2, 1)
    assert stats.recent_unanswered == ("zebra saxophone quantum",)


async def test_feedback_without_a_database_is_a_domain_error(tmp_path):
    settings = settings_for(tmp_path)
    write_corpus(settings.corpus_dir, corpus_a())
    service = Service.load(settings)
    with pytest.raises(StoreError):
        await service.record_feedback("q", "doc0#p1", True, platform="cli", user_id="me")


async def test_audit_entries_keep_who_what_and_result(tmp_path):
    service, store = await open_service(tmp_path)
    try:
        await service.audit("slack:U1", "reload", False, "denied: not an admin")
        entries = await store.audit_entries()
    finally:
        await store.close()
    assert (entries[0].actor, entries[0].action, entries[0].allowed, entries[0].result) == \
        ("slack:U1", "reload", False, "denied: not an admin")


async def test_only_the_newest_versions_are_kept(tmp_path):
    service, store = await open_service(tmp_path)
    try:
        for n in range(KEEP_VERSIONS + 3):
            extra = f"Extra\n\nExtra text {n}.\n"
            write_corpus(service.settings.corpus_dir, {**corpus_a(), "extra.txt": extra})
            await service.reload("test")
        async with store.db.execute("SELECT COUNT(*) FROM corpus_versions") as cur:
            assert (await cur.fetchone())[0] == KEEP_VERSIONS
        async with store.db.execute("SELECT COUNT(DISTINCT version_id) FROM paragraphs") as cur:
            assert (await cur.fetchone())[0] == KEEP_VERSIONS
        assert (await store.latest_version()).version == service.corpus.version
    finally:
        await store.close()


async def test_each_stored_version_keeps_its_extraction_and_loses_it_with_the_version(tmp_path):
    people = {"a.txt": "Talks\n\nAmina Rahimi said the convoy left Kabul on March 3, 2021, with 40 trucks.\n"}
    service, store = await open_service(tmp_path, files=people)
    try:
        first = service.corpus.version
        stored = await store.version_extraction(first)
        assert [a["name"] for a in stored["actors"] if a["kind"] == "person"] == ["Amina Rahimi"]
        assert "quotes" in stored["actors"][0]  # whole profiles, not the list view
        assert [e["date"] for e in stored["events"]] == ["2021-03-03"]
        assert [f["value"] for f in stored["figures"]] == [40]
        async with store.db.execute("SELECT actors, figures, events FROM extractions") as cur:
            assert await cur.fetchall() == [(len(stored["actors"]), 1, 1)]

        write_corpus(service.settings.corpus_dir, {"b.txt": people["a.txt"].replace("Amina", "Zahra")})
        second = (await service.reload("admin")).new_version
        assert [a["name"] for a in (await store.version_extraction(second))["actors"]
                if a["kind"] == "person"] == ["Zahra Rahimi"]
        assert (await store.version_extraction(first))["actors"]  # the older version keeps its own
        for n in range(KEEP_VERSIONS + 1):
            write_corpus(service.settings.corpus_dir, {"c.txt": f"Note\n\nThe convoy report number {n}.\n"})
            await service.reload("admin")
        assert await store.version_extraction(first) is None  # pruned with its version
        async with store.db.execute("SELECT COUNT(*) FROM extractions") as cur:
            assert (await cur.fetchone())[0] == KEEP_VERSIONS
    finally:
        await store.close()


async def test_a_database_of_an_older_schema_is_migrated_and_keeps_its_rows(tmp_path):
    path = tmp_path / "d.sqlite3"
    with sqlite3.connect(path) as db:
        for n, migration in enumerate(MIGRATIONS[:-1], 1):
            db.executescript(migration)
            db.execute(f"PRAGMA user_version = {n}")
        db.execute("INSERT INTO audit_log (at, actor, action, allowed, result) VALUES ('t', 'old', 'reload', 1, 'ok')")
    store = await Store.open(path)
    try:
        async with store.db.execute("PRAGMA user_version") as cur:
            assert (await cur.fetchone())[0] == len(MIGRATIONS)
        assert [e.actor for e in await store.audit_entries()] == ["old"]
        async with store.db.execute("SELECT COUNT(*) FROM extractions") as cur:
            assert (await cur.fetchone())[0] == 0
    finally:
        await store.close()


async def test_passage_vectors_are_kept_by_model_and_text_hash_and_never_overwritten(tmp_path):
    store = await Store.open(tmp_path / "d.sqlite3")
    try:
        assert await store.passage_vectors("m", ["a"]) == {}
        await store.put_passage_vectors("m", [("a", b"\x01\x02\x03\x04"), ("b", b"\x05\x06\x07\x08")])
        await store.put_passage_vectors("m", [("a", b"\xff\xff\xff\xff")])  # the same text: kept as it was
        await store.put_passage_vectors("other", [("a", b"\x00\x00\x00\x00")])
        assert await store.passage_vectors("m", ["a", "b", "c", "a"]) == {"a": b"\x01\x02\x03\x04",
                                                                         "b": b"\x05\x06\x07\x08"}
        assert await store.passage_vectors("other", ["a", "b"]) == {"a": b"\x00\x00\x00\x00"}
        many = [(f"h{n}", n.to_bytes(4, "little")) for n in range(1_234)]  # more than one statement's worth
        await store.put_passage_vectors("m", many)
        assert len(await store.passage_vectors("m", [h for h, _ in many])) == 1_234
    finally:
        await store.close()
