"""Adding an article by link: the page is fetched from a real local server, stored as it was with its
address in sources.toml, and a normal reload reports it; every refusal says why and changes nothing.
"""

from __future__ import annotations

import tomllib

import pytest

from bot.core.fetch import refused_address
from bot.core.service import Service
from bot.errors import FetchFailed
from bot.store.store import Store
from tests.bot.pages_server import serve_pages
from tests.bot.reload_helpers import corpus_a, settings_for, write_corpus
from tests.search.readers.article import PARAGRAPHS, TITLE
from tests.search.readers.pdfs import article_pdf


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    pdf = article_pdf(tmp_path_factory.mktemp("pdf") / "report.pdf", title=TITLE, paragraphs=PARAGRAPHS)
    with serve_pages(pdf.read_bytes()) as base:
        yield base


@pytest.fixture
async def admin(tmp_path):
    settings = settings_for(tmp_path, fetch_allowed_hosts=("127.0.0.1",), fetch_timeout_seconds=1.0,
                            max_file_bytes=200_000, fetch_max_redirects=3)
    write_corpus(settings.corpus_dir, corpus_a())
    store = await Store.open(settings.database_path)
    service = await Service.open(settings, store)
    yield service, store
    await store.close()


def folder_state(service):
    folder = service.settings.corpus_dir
    return sorted((p.name, p.read_bytes()) for p in folder.iterdir())


async def test_a_link_is_stored_as_the_page_it_was_and_reloaded(server, admin):
    service, store = admin
    url = f"{server}/news/harbour-ferry.html"
    report = await service.add(url, "cli:ana")
    assert report.applied and [c.path for c in report.added] == ["127-0-0-1-harbour-ferry.html"]
    folder = service.settings.corpus_dir
    assert (folder / "127-0-0-1-harbour-ferry.html").read_bytes().startswith(b"<!DOCTYPE html>")
    manifest = tomllib.loads((folder / "sources.toml").read_text(encoding="utf-8"))
    assert manifest["source"] == [{"file": "127-0-0-1-harbour-ferry.html", "url": url}]
    doc = service.corpus.document("127-0-0-1-harbour-ferry")
    assert doc is not None and doc.source.url == url  # sources.toml wins over the canonical link
    assert (doc.source.title, doc.source.outlet) == (TITLE, "The Coastal Herald")
    answer = service.ask_sync("Who is the harbour master?")
    assert answer.hits[0].passage.passage_id == "127-0-0-1-harbour-ferry#p2"
    entries = await store.audit_entries("add")
    assert entries[0].actor == "cli:ana" and "stored as 127-0-0-1-harbour-ferry.html" in entries[0].result


async def test_redirects_are_followed_to_a_limit_and_a_pdf_link_is_kept_as_a_pdf(server, admin):
    service, _ = admin
    report = await service.add(f"{server}/hop/2", "cli:ana")
    assert [c.path for c in report.added] == ["127-0-0-1-harbour-ferry.html"]
    with pytest.raises(FetchFailed, match="already in the corpus as 127-0-0-1-harbour-ferry.html"):
        await service.add(f"{server}/news/harbour-ferry.html", "cli:ana")
    with pytest.raises(FetchFailed, match="redirected more than 3 times"):
        await service.add(f"{server}/hop/5", "cli:ana")
    report = await service.add(f"{server}/reports/ferry-report", "cli:ana")
    assert [c.path for c in report.added] == ["127-0-0-1-ferry-report.pdf"]


@pytest.mark.parametrize(("path", "reason"), [
    ("/news/site-index.html", "no article text found in the page"),
    ("/news/missing.html", "answered 404"),
    ("/big", "over the 200,000-byte limit"),
    ("/slow", "did not arrive within 1 seconds"),
    ("/photo.png", "serves image/png, not a web page or a PDF"),
])
async def test_a_failed_fetch_says_why_and_changes_nothing(server, admin, path, reason):
    service, store = admin
    before, version = folder_state(service), service.corpus.version
    with pytest.raises(FetchFailed, match=reason):
        await service.add(server + path, "slack:U1")
    assert folder_state(service) == before and service.corpus.version == version
    assert reason.split()[0] in (await store.audit_entries("add"))[0].result


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/", "http://localhost:9/", "http://10.0.0.8/",
                                 "http://169.254.169.254/latest/meta-data/", "http://[::1]:9/",
                                 "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/", "file:///etc/passwd",
                                 "http://user:secret@example.org/", "not a link"])
async def test_private_addresses_are_refused_by_default(tmp_path, url):
    settings = settings_for(tmp_path, fetch_timeout_seconds=1.0)
    write_corpus(settings.corpus_dir, corpus_a())
    service = Service.load(settings)
    before = folder_state(service)
    with pytest.raises(FetchFailed):
        await service.add(url, "cli:ana")
    assert folder_state(service) == before


async def test_a_redirect_to_a_private_address_is_refused_after_the_allowed_first_hop(server, admin):
    service, _ = admin
    with pytest.raises(FetchFailed, match="localhost resolves to a loopback address"):
        await service.add(f"{server}/elsewhere?to=http://localhost:1/", "cli:ana")


def test_every_kind_of_non_public_address_is_named():
    assert refused_address("127.0.0.1") == "a loopback address"
    assert refused_address("::1") == "a loopback address"
    assert refused_address("169.254.169.254").startswith("a link-local address")
    assert refused_address("fe80::1%eth0").startswith("a link-local address")
    assert refused_address("192.168.1.20") == "a private address"
    assert refused_address("fd00:ec2::254") == "a private address"
    assert refused_address("100.64.0.1") == "not a public address"
    assert refused_address("224.0.0.1") is not None
    assert refused_address("93.184.215.14") is None
