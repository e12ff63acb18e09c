"""A small corpus with hostile text, written to tmp_path, and the web app over it on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.core.service import Service
from bot.settings import Settings
from bot.web import build_app
from tests.bot.web.web_corpus import PUBLIC, write_corpus


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture
def settings(corpus_dir: Path, tmp_path: Path) -> Settings:
    return Settings(corpus_dir=corpus_dir, database_path=tmp_path / "dossier.sqlite3", public_base_url=PUBLIC)


@pytest.fixture
def service(settings: Settings) -> Service:
    return Service.load(settings)


@pytest.fixture
async def client(settings: Settings, service: Service):
    async with TestClient(TestServer(build_app(settings, service), host="127.0.0.1")) as test_client:
        yield test_client
