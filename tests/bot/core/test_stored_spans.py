"""The model's entity spans are kept in the database by document: a reload reads only new or changed text."""

import sqlite3
from dataclasses import replace

from bot.core.service import Service
from bot.core.spans import load_spans
from tests.bot.reload_helpers import corpus_b, write_corpus


async def test_a_reload_of_an_unchanged_corpus_reads_nothing_with_the_model(running):
    service, _ = running
    before = service.corpus.extraction
    assert before.read_by_model == 3  # the first start reads every article
    await service.reload("admin", force=True)
    after = service.corpus.extraction
    assert after.read_by_model == 0
    assert replace(after, seconds=0.0, read_by_model=0) == replace(before, seconds=0.0, read_by_model=0)


async def test_a_reload_reads_only_the_changed_and_new_articles_and_forgets_removed_ones(running):
    service, _ = running
    write_corpus(service.settings.corpus_dir, corpus_b())  # doc1 rewritten, doc2 removed, doc3 added
    await service.reload("admin", force=True)
    assert service.corpus.extraction.read_by_model == 2
    assert len(load_spans(service.settings.database_path)) == 3


async def test_a_damaged_stored_entry_is_read_with_the_model_again(running):
    service, _ = running
    with sqlite3.connect(service.settings.database_path) as db:
        db.execute("UPDATE entity_spans SET spans = '[[[1, \"x\"]]]' WHERE rowid = 1")
    await service.reload("admin", force=True)
    assert service.corpus.extraction.read_by_model == 1


async def test_a_restart_on_the_same_database_reads_nothing_with_the_model(running):
    service, store = running
    again = await Service.open(service.settings, store)
    assert again.corpus.extraction.read_by_model == 0
