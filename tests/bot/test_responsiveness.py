"""The event loop stays responsive while a 100,000-passage corpus is rebuilt beside a stream of questions."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from bot.service import Service, build_corpus
from bot.settings import Settings
from tools.synthetic import write_folder

REPO = Path(__file__).resolve().parents[2]
PASSAGES = 100_000
# Generous: a chat adapter must answer an interaction within seconds; a quarter second of lag is
# unnoticeable, while a rebuild that blocked the loop would stall it for the whole build.
MAX_LAG_SECONDS = 0.25
TICK = 0.01


async def test_questions_are_answered_and_the_loop_keeps_ticking_during_a_rebuild(tmp_path: Path) -> None:
    folder = tmp_path / "large"
    write_folder(folder, PASSAGES)
    settings = Settings(corpus_dir=REPO / "seeds", aliases_path=REPO / "config" / "aliases.toml",
                        synonyms_path=REPO / "config" / "synonyms.toml", database_path=tmp_path / "d.sqlite3")
    service = Service.load(settings)
    seed_version = service.corpus.version
    stop = asyncio.Event()
    lags: list[float] = []
    versions: list[str] = []

    async def watch_the_loop() -> None:
        while not stop.is_set():
            started = time.perf_counter()
            await asyncio.sleep(TICK)
            lags.append(time.perf_counter() - started - TICK)

    async def ask_questions() -> None:
        while not stop.is_set():
            answer = await service.ask("How many fighters does ISIS-K have?")
            versions.append(answer.corpus_version)

    watcher = asyncio.create_task(watch_the_loop())
    asker = asyncio.create_task(ask_questions())
    corpus = await asyncio.to_thread(build_corpus, folder, settings.aliases_path, settings.synonyms_path,
                                     settings.max_file_bytes)
    service.swap(corpus)
    after = await service.ask("How many fighters does ISIS-K have?")
    stop.set()
    await asyncio.gather(watcher, asker)

    assert len(corpus.index.passages) == PASSAGES
    assert after.corpus_version == corpus.version != seed_version
    assert after.answered and after.hits
    assert versions.count(seed_version) >= 20, "questions were not answered while the rebuild ran"
    assert len(lags) > 100
    assert max(lags) < MAX_LAG_SECONDS, f"the loop stalled for {max(lags) * 1000:.0f} ms"
