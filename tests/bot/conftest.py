"""The fixture the store and reload tests share: a service over a small corpus and a real store."""

import pytest

from bot.core.service import Service
from bot.store.store import Store
from tests.bot.reload_helpers import corpus_a, settings_for, write_corpus


@pytest.fixture
async def running(tmp_path):
    """A service on corpus A with its store, both in tmp_path."""
    settings = settings_for(tmp_path)
    write_corpus(settings.corpus_dir, corpus_a())
    store = await Store.open(settings.database_path)
    service = await Service.open(settings, store)
    yield service, store
    await store.close()
