import asyncio

from bot.core.service import Service
from bot.process.watch import snapshot, watch_corpus
from bot.store.store import Store
from tests.bot.reload_helpers import corpus_a, corpus_b, settings_for, write_corpus


async def wait_until(condition, timeout=10.0):
    for _ in range(int(timeout / 0.02)):
        if condition():
            return True
        await asyncio.sleep(0.02)
    return False


def test_snapshot_sees_size_and_time_and_skips_hidden_files(tmp_path):
    folder = write_corpus(tmp_path / "c", {"a.txt": "one", "sub/b.md": "two", ".hidden/x.txt": "no"})
    assert {name for name, _, _ in snapshot(folder)} == {"a.txt", "sub/b.md"}
    assert snapshot(tmp_path / "missing") == frozenset()


async def test_watch_mode_reloads_once_the_folder_is_still_and_not_again_after_a_refusal(tmp_path):
    settings = settings_for(tmp_path, watch_corpus=True)
    write_corpus(settings.corpus_dir, corpus_a())
    store = await Store.open(settings.database_path)
    service = await Service.open(settings, store)
    first = service.corpus.version
    watcher = asyncio.create_task(watch_corpus(service, interval=0.05, debounce=0.3))
    try:
        await asyncio.sleep(0.1)
        write_corpus(settings.corpus_dir, corpus_b())
        await asyncio.sleep(0.15)
        assert service.corpus.version == first  # still inside the debounce
        assert await wait_until(lambda: service.corpus.version != first)
        reloads = [e for e in await store.audit_entries("reload") if e.actor == "watch"]
        assert len(reloads) == 1 and "now serving" in reloads[0].result

        second = service.corpus.version
        (settings.corpus_dir / "broken.txt").write_bytes(b"\x00\x00")
        assert await wait_until(lambda: False, timeout=1.0) is False
        reloads = [e for e in await store.audit_entries("reload") if e.actor == "watch"]
        assert len(reloads) == 2 and "refused" in reloads[0].result
        assert service.corpus.version == second
    finally:
        watcher.cancel()
        await asyncio.gather(watcher, return_exceptions=True)
        await store.close()
