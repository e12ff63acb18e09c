"""`dossier ask` and `dossier chat` get their passage vectors from the database, or embed without it."""

import asyncio

from bot.cli.vectors import embed_with_cache
from bot.core.service import Service
from tests.bot.reload_helpers import corpus_a, settings_for, write_corpus


def test_without_a_usable_database_the_vectors_are_embedded_and_search_is_hybrid(tmp_path, dense_encoder):
    (tmp_path / "blocked").write_text("a file where the database folder should be", encoding="utf-8")
    settings = settings_for(tmp_path, database_path=tmp_path / "blocked" / "dossier.sqlite3")
    write_corpus(settings.corpus_dir, corpus_a())
    service = Service.load(settings)
    service.dense.encoder = dense_encoder
    asyncio.run(embed_with_cache(service, settings))
    assert service.ask_sync("convoy report").retrieval == "hybrid"


def test_vectors_embedded_once_are_read_back_by_the_next_command(tmp_path, dense_encoder):
    settings = settings_for(tmp_path)
    write_corpus(settings.corpus_dir, corpus_a())
    reports = []
    for _ in range(2):
        service = Service.load(settings)
        service.dense.encoder = dense_encoder
        reports.append(asyncio.run(embed_with_cache(service, settings)))
        assert service.ask_sync("convoy report").retrieval == "hybrid"
    texts = len({p.text for p in service.corpus.index.passages})
    assert (reports[0].embedded, reports[0].cached) == (texts, 0)
    assert (reports[1].embedded, reports[1].cached) == (0, texts)


def test_dense_retrieval_off_reports_nothing_and_stays_bm25(tmp_path):
    settings = settings_for(tmp_path, dense_retrieval=False)
    write_corpus(settings.corpus_dir, corpus_a())
    service = Service.load(settings)
    assert asyncio.run(embed_with_cache(service, settings)) is None
    assert service.ask_sync("convoy report").retrieval == "bm25"
