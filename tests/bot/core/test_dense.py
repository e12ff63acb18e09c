"""Passage vectors kept by text hash, embedded off the answer path; answers say which retrieval answered."""

import asyncio

from bot.core.dense import fill_vectors
from bot.core.service import Service
from bot.render.json import answer_json
from bot.store.store import Store
from search.dense import text_hash
from tests.bot.reload_helpers import corpus_a, corpus_b, settings_for, write_corpus
from tests.conftest import ALIASES, SEEDS


def _texts(service):
    return {p.text for p in service.corpus.index.passages}


async def test_a_second_load_embeds_nothing_and_a_changed_corpus_only_its_new_text(tmp_path, dense_encoder):
    settings = settings_for(tmp_path)
    write_corpus(settings.corpus_dir, corpus_a())
    store = await Store.open(settings.database_path)
    try:
        first = Service.load(settings)
        first.dense.encoder = dense_encoder
        report = await first.embed(store)
        assert report.embedded == len(_texts(first)) and report.cached == 0
        again = await Service.load(settings).embed(store)
        assert again.embedded == 0 and again.cached == len(_texts(first))
        write_corpus(settings.corpus_dir, corpus_b())
        changed = Service.load(settings)
        report = await changed.embed(store)
        assert report.embedded == len(_texts(changed) - _texts(first)) > 0
        assert report.cached == len(_texts(changed) & _texts(first)) > 0
    finally:
        await store.close()


async def test_vectors_from_the_database_are_the_vectors_the_model_gives(tmp_path, dense_encoder):
    settings = settings_for(tmp_path)
    write_corpus(settings.corpus_dir, corpus_a())
    store = await Store.open(settings.database_path)
    try:
        service = Service.load(settings)
        made, _ = await fill_vectors("v", service.corpus.index.passages, dense_encoder, store)
        read, report = await fill_vectors("v", service.corpus.index.passages, dense_encoder, store)
        assert report.embedded == 0
        assert (made.vectors.matrix == read.vectors.matrix).all()
    finally:
        await store.close()


def test_answers_use_bm25_until_the_vectors_are_ready_then_hybrid(tmp_path, dense_encoder, seed_vectors):
    settings = settings_for(tmp_path, corpus_dir=SEEDS, aliases_path=ALIASES)
    service = Service.load(settings, lists=False)
    question = "Which countries have kept their diplomatic missions in Kabul running?"
    before = service.ask_sync(question)
    assert before.retrieval == "bm25" and answer_json(before)["retrieval"] == "bm25"

    async def warmed() -> None:  # the session's vectors of the same text, so nothing is embedded here
        store = await Store.open(settings.database_path)
        try:
            await store.put_passage_vectors(dense_encoder.model_id, [
                (text_hash(p.text), row.tobytes())
                for p, row in zip(service.corpus.index.passages, seed_vectors.matrix, strict=True)])
            service.dense.encoder = dense_encoder
            report = await service.embed(store)
            assert report.embedded == 0
        finally:
            await store.close()

    asyncio.run(warmed())
    after = service.ask_sync(question)
    assert after.retrieval == "hybrid" and answer_json(after)["retrieval"] == "hybrid"
    best = (after.hits + after.closest)[0].passage.text
    assert "Russia, China, Iran and Pakistan have opted to keep theirs open" in best


def test_dense_retrieval_switched_off_answers_with_bm25(tmp_path):
    settings = settings_for(tmp_path, dense_retrieval=False)
    write_corpus(settings.corpus_dir, corpus_a())
    service = Service.load(settings)
    assert asyncio.run(service.embed(None)) is None
    assert service.ask_sync("convoy report").retrieval == "bm25"


async def test_a_new_version_is_answered_with_bm25_at_once_and_hybrid_once_embedded(tmp_path, dense_encoder):
    settings = settings_for(tmp_path)
    write_corpus(settings.corpus_dir, corpus_a())
    store = await Store.open(settings.database_path)
    service = Service.load(settings)
    service.dense.encoder = dense_encoder
    task = asyncio.create_task(service.keep_embedding(store))
    try:
        await _until_hybrid(service)
        write_corpus(settings.corpus_dir, corpus_b())
        service.swap(Service.load(settings).corpus)
        assert service.ask_sync("bridge report").retrieval == "bm25"  # the new text is not embedded yet
        await _until_hybrid(service)
        assert task.done() is False
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await store.close()


async def _until_hybrid(service, seconds=120.0):
    for _ in range(int(seconds / 0.05)):
        if service.ask_sync("convoy report").retrieval == "hybrid":
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the vectors never became ready")


async def test_a_spent_time_budget_keeps_what_was_embedded_and_answers_with_bm25(tmp_path, dense_encoder):
    settings = settings_for(tmp_path)
    write_corpus(settings.corpus_dir, corpus_a())
    store = await Store.open(settings.database_path)
    try:
        service = Service.load(settings)
        service.dense.encoder = dense_encoder
        spent = await service.embed(store, budget_seconds=0.0)
        assert not spent.finished and spent.embedded == 0
        assert service.ask_sync("Who leads the convoy committee?").retrieval == "bm25"
        report = await service.embed(store, budget_seconds=600.0)
        assert report.finished and report.embedded == len(_texts(service))
        assert service.ask_sync("Who leads the convoy committee?").retrieval == "hybrid"
    finally:
        await store.close()
