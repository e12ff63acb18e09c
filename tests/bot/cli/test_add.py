"""`dossier add URL` through the installed command: a page from a local server becomes a document, with
the reload report as its output; a private address is refused unless the setting allows its host.
"""

from __future__ import annotations

import asyncio
import subprocess
import tomllib

import pytest

from bot.store.store import Store
from tests.bot.pages_server import serve_pages
from tests.bot.reload_helpers import corpus_a, write_corpus
from tests.conftest import DOSSIER, REPO, cli_env


@pytest.fixture(scope="module")
def server():
    with serve_pages() as base:
        yield base


def dossier_add(tmp_path, url, **env):
    variables = cli_env(DOSSIER_CORPUS_DIR=str(tmp_path / "corpus"),
                        DOSSIER_DATABASE_PATH=str(tmp_path / "dossier.sqlite3"), **env)
    return subprocess.run([str(DOSSIER), "add", url], cwd=REPO, env=variables, capture_output=True, timeout=60,
                          text=True)


def audit(tmp_path):
    async def entries():
        store = await Store.open(tmp_path / "dossier.sqlite3")
        try:
            return await store.audit_entries("add")
        finally:
            await store.close()
    return asyncio.run(entries())


def test_dossier_add_stores_the_page_and_prints_the_reload_report(tmp_path, server):
    write_corpus(tmp_path / "corpus", corpus_a())
    url = f"{server}/news/harbour-ferry.html"
    done = dossier_add(tmp_path, url, DOSSIER_FETCH_ALLOWED_HOSTS="127.0.0.1")
    assert done.returncode == 0, done.stderr
    assert f"Stored {url} as 127-0-0-1-harbour-ferry.html" in done.stdout
    assert "+ 127-0-0-1-harbour-ferry.html (Ferry fire forces evacuation of Port Elsby harbour)" in done.stdout
    manifest = tomllib.loads((tmp_path / "corpus" / "sources.toml").read_text(encoding="utf-8"))
    assert manifest["source"] == [{"file": "127-0-0-1-harbour-ferry.html", "url": url}]
    assert "stored as 127-0-0-1-harbour-ferry.html" in audit(tmp_path)[0].result


def test_dossier_add_refuses_a_loopback_address_by_default_and_changes_nothing(tmp_path, server):
    write_corpus(tmp_path / "corpus", corpus_a())
    done = dossier_add(tmp_path, f"{server}/news/harbour-ferry.html")
    assert done.returncode == 1
    assert "127.0.0.1 is a loopback address; such links are not fetched." in done.stderr
    assert sorted(p.name for p in (tmp_path / "corpus").iterdir()) == ["doc0.txt", "doc1.txt", "doc2.txt"]
    assert "loopback" in audit(tmp_path)[0].result
