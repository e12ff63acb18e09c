import asyncio
import logging

import pytest

from bot.core.build import build_corpus
from bot.core.report import render_report
from bot.core.service import Service
from bot.errors import CorpusUnavailable, ReloadBusy, ReloadRefused
from bot.store.store import Store
from tests.bot.reload_helpers import article, corpus_a, corpus_b, settings_for, write_corpus


async def test_report_names_added_removed_and_changed_documents_with_passages(running):
    service, store = running
    old = service.corpus.version
    write_corpus(service.settings.corpus_dir, corpus_b())
    report = await service.reload("discord:admin")
    assert report.applied and report.old_version == old and report.new_version == service.corpus.version
    assert [(c.doc_id, c.passages) for c in report.added] == [("doc3", 3)]
    assert [(c.doc_id, c.previous_passages) for c in report.removed] == [("doc2", 3)]
    assert [(c.doc_id, c.previous_passages, c.passages) for c in report.changed] == [("doc1", 3, 5)]
    assert report.unchanged == 1 and report.documents == 3 and report.passages == 11
    assert report.new_extraction is not None and report.new_extraction.actors == ()
    text = render_report(report)
    assert "+ doc3.txt" in text and "- doc2.txt" in text and "~ doc1.txt" in text and "3 → 5 passages" in text
    entries = await store.audit_entries("reload")
    assert entries[0].actor == "discord:admin" and entries[0].result == text


async def test_a_broken_file_refuses_the_reload_and_the_old_version_serves(running):
    service, store = running
    old = service.corpus
    write_corpus(service.settings.corpus_dir, {**corpus_b(), "broken.txt": b"\xff\xfe\x00\x01binary"})
    with pytest.raises(ReloadRefused) as refused:
        await service.reload("admin")
    assert service.corpus is old
    report = refused.value.report
    assert not report.applied and [f.path for f in report.failed] == ["broken.txt"]
    assert "broken.txt" in render_report(report) and "binary" in render_report(report)
    assert (await store.latest_version()).version == old.version
    assert await store.integrity_check() == "ok"
    assert "refused" in (await store.audit_entries("reload"))[0].result


async def test_force_applies_a_reload_and_still_names_the_failed_file(running):
    service, _ = running
    write_corpus(service.settings.corpus_dir, {**corpus_b(), "empty.md": ""})
    report = await service.reload("admin", force=True)
    assert report.applied and report.forced
    assert [(f.path, f.reason) for f in report.failed] == [("empty.md", "file is empty")]
    assert service.corpus.version == report.new_version


@pytest.mark.parametrize("files", [{}, {"a.txt": "", "b.txt": b"\x00\x00"}])
async def test_zero_documents_is_refused_even_when_forced(running, files):
    service, _ = running
    old = service.corpus
    write_corpus(service.settings.corpus_dir, files)
    with pytest.raises(ReloadRefused, match="zero documents"):
        await service.reload("admin", force=True)
    assert service.corpus is old


async def test_a_missing_folder_is_refused(running):
    service, _ = running
    old = service.corpus
    write_corpus(service.settings.corpus_dir, {}).rmdir()
    with pytest.raises(ReloadRefused, match="cannot be read"):
        await service.reload("admin")
    assert service.corpus is old


async def test_a_second_reload_while_one_runs_is_told_so(running):
    service, store = running
    write_corpus(service.settings.corpus_dir, corpus_b())
    first = asyncio.create_task(service.reload("first"))
    await asyncio.sleep(0)
    with pytest.raises(ReloadBusy, match="already running"):
        await service.reload("second")
    assert (await first).applied
    results = [e.result for e in await store.audit_entries("reload")]
    assert any("already running" in r for r in results)
    await service.reload("third")  # the flag is cleared afterwards


async def test_queries_during_repeated_reloads_each_see_one_whole_version(running, tmp_path):
    service, _ = running
    expected = {}
    for name, files in (("a", corpus_a()), ("b", corpus_b())):
        corpus = build_corpus(write_corpus(tmp_path / name, files), service.settings.aliases_path,
                              service.settings.synonyms_path, 100_000)
        expected[corpus.version] = {(p.passage_id, p.text) for p in corpus.index.passages}
    answers = []
    done = asyncio.Event()

    async def ask_until_done():
        while not done.is_set():
            # doc1 (the harvest story) differs in text between the versions, so an
            # answer mixing versions, or stamped with the other version, cannot pass the check below.
            answers.append(await service.ask("harvest", top=10))

    askers = [asyncio.create_task(ask_until_done()) for _ in range(3)]
    for n in range(8):
        write_corpus(service.settings.corpus_dir, corpus_b() if n % 2 == 0 else corpus_a())
        await service.reload("test")
        await asyncio.sleep(0.01)
    done.set()
    await asyncio.gather(*askers)
    assert {a.corpus_version for a in answers} == set(expected)
    for answer in answers:
        shown = {(h.passage.passage_id, h.passage.text) for h in answer.hits + answer.closest}
        assert shown and shown <= expected[answer.corpus_version]
        assert any(pid.startswith("doc1#") for pid, _ in shown), shown


async def test_a_full_disk_during_the_write_leaves_the_old_version_and_an_intact_file(running):
    service, store = running
    old = service.corpus
    async with store.db.execute("PRAGMA page_count") as cur:
        pages = (await cur.fetchone())[0]
    await store.db.execute(f"PRAGMA max_page_count = {pages}")
    big = {f"doc{n}.txt": article(n, "gamma", paragraphs=40) for n in range(8)}
    write_corpus(service.settings.corpus_dir, big)
    with pytest.raises(ReloadRefused, match="could not be saved"):
        await service.reload("admin")
    assert service.corpus is old
    assert (await service.ask("convoy committee")).corpus_version == old.version
    await store.db.execute("PRAGMA max_page_count = 1073741823")
    assert await store.integrity_check() == "ok"
    assert (await store.latest_version()).version == old.version
    report = await service.reload("admin")
    assert report.applied and (await store.latest_version()).version == report.new_version


async def test_the_wal_stays_small_after_many_reloads(running):
    service, store = running
    wal = store.path.with_name(store.path.name + "-wal")
    for n in range(30):
        files = {f"doc{i}.txt": article(i, f"round{n}", paragraphs=10) for i in range(4)}
        write_corpus(service.settings.corpus_dir, files)
        await service.reload("test")
    assert not wal.exists() or wal.stat().st_size < 256 * 1024
    assert store.path.stat().st_size < 2 * 1024 * 1024
    assert await store.integrity_check() == "ok"


async def test_start_falls_back_to_the_last_good_version_loudly(tmp_path, caplog):
    settings = settings_for(tmp_path)
    write_corpus(settings.corpus_dir, corpus_b())
    store = await Store.open(settings.database_path)
    first = await Service.open(settings, store)
    await store.close()
    for broken in ({}, {"only.txt": b"\x00binary"}, None):
        folder = write_corpus(settings.corpus_dir, broken or {})
        if broken is None:
            folder.rmdir()
        store = await Store.open(settings.database_path)
        with caplog.at_level(logging.ERROR):
            service = await Service.open(settings, store)
        await store.close()
        assert service.corpus.version == first.corpus.version
        assert service.corpus.index.passages == first.corpus.index.passages
        assert "CORPUS FOLDER CANNOT BE LOADED" in caplog.text and first.corpus.version in caplog.text
        assert (await service.ask("convoy committee")).hits


async def test_start_with_no_folder_and_an_empty_database_says_so(tmp_path):
    settings = settings_for(tmp_path)
    store = await Store.open(settings.database_path)
    try:
        with pytest.raises(CorpusUnavailable, match="no earlier version"):
            await Service.open(settings, store)
    finally:
        await store.close()


@pytest.mark.parametrize("broken", ["[[actor]\nname = 'x'\n", "[[actor]]\naliases = ['no name']\n",
                                    b"\xff\xfe not utf-8", "[[actor]]\nname = 'X'\naliases = 5\n"])
async def test_a_broken_alias_file_refuses_the_reload_naming_the_file(tmp_path, broken):
    aliases = tmp_path / "aliases.toml"
    aliases.write_text("[[actor]]\nname = 'Convoy Committee'\nkind = 'organisation'\n", encoding="utf-8")
    settings = settings_for(tmp_path, aliases_path=aliases)
    write_corpus(settings.corpus_dir, corpus_a())
    store = await Store.open(settings.database_path)
    try:
        service = await Service.open(settings, store)
        old = service.corpus
        write_corpus(settings.corpus_dir, corpus_b())
        if isinstance(broken, bytes):
            aliases.write_bytes(broken)
        else:
            aliases.write_text(broken, encoding="utf-8")
        with pytest.raises(ReloadRefused, match="aliases.toml cannot be read") as refused:
            await service.reload("admin", force=True)
        assert service.corpus is old and "unchanged" in refused.value.user_message
        assert "refused" in (await store.audit_entries("reload"))[0].result
        assert service.ask_sync("convoy committee").hits
    finally:
        await store.close()


def test_a_broken_alias_file_at_start_is_a_clear_message(tmp_path):
    from bot.errors import ConfigInvalid

    aliases = tmp_path / "aliases.toml"
    aliases.write_text("this is = = not toml", encoding="utf-8")
    settings = settings_for(tmp_path, aliases_path=aliases)
    write_corpus(settings.corpus_dir, corpus_a())
    with pytest.raises(ConfigInvalid, match=r"aliases.toml cannot be read \(TOMLDecodeError"):
        Service.load(settings)
