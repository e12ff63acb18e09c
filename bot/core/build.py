"""Building a corpus version: read, clean, index and extract a folder, or index documents already read."""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from bot.core.models import LiveCorpus
from bot.core.spans import load_spans, save_spans
from bot.errors import ConfigInvalid
from bot.settings import PROJECT_ROOT, Settings
from search.aliases import AliasTable
from search.corpus import CorpusData, load_folder
from search.extract import Extraction, Gazetteer, extract, span_keys
from search.persist import open_or_build
from search.synonyms import Synonyms
from search.text import Analyzer

log = logging.getLogger("dossier.core.build")


DEFAULT_STATES = PROJECT_ROOT / "config" / "states.toml"

# Above this many passages a build skips the actor/figure/timeline extraction: it reads every
# sentence and would dominate the start-up and reload of a very large corpus (see `make bench`).
EXTRACT_MAX_PASSAGES = 20_000


def build_corpus(folder: Path, aliases_path: Path | None, synonyms_path: Path | None,
                 max_file_bytes: int, states_path: Path | None = None, *, lists: bool = True,
                 follow_links: bool = False, spans_db: Path | None = None,
                 index_dir: Path | None = None) -> LiveCorpus:
    """Read, clean, index and extract a corpus folder into a new immutable version (CPU-bound)."""
    started = time.perf_counter()
    return index_corpus(load_folder(folder, max_file_bytes, follow_links), aliases_path, synonyms_path, started,
                        states_path=states_path, lists=lists, spans_db=spans_db, index_dir=index_dir)


def index_corpus(data: CorpusData, aliases_path: Path | None, synonyms_path: Path | None,
                 started: float | None = None, *, states_path: Path | None = None,
                 lists: bool = True, spans_db: Path | None = None, index_dir: Path | None = None) -> LiveCorpus:
    """Index and extract documents already read (from a folder or the database) into a new version.

    `lists=False` leaves out the actors, figures and timeline, for a one-shot command that only searches.
    `spans_db`: the database keeping the model's entity spans of each document (bot/core/spans.py), so
    only new or changed documents are read with the model.
    `index_dir`: the folder of the persisted index (search/persist.py), opened when it holds this
    version and written when it does not; None builds the index in memory only.
    """
    started = time.perf_counter() if started is None else started
    aliases = _config(aliases_path, AliasTable.from_toml, AliasTable.empty)
    gazetteer = _config(states_path or DEFAULT_STATES, Gazetteer.from_toml, Gazetteer)
    analyzer = Analyzer(aliases.with_states(gazetteer.states))
    synonyms = _config(synonyms_path, lambda path: Synonyms.from_toml(path, analyzer.terms), Synonyms.empty)
    index = open_or_build(data.passages, analyzer, synonyms, index_dir)
    if not lists:
        extraction = Extraction()
    elif len(data.passages) <= EXTRACT_MAX_PASSAGES:
        cache = load_spans(spans_db) if spans_db else {}
        extraction = extract(data.documents, aliases, gazetteer, cache)
        if spans_db:
            save_spans(spans_db, cache, span_keys(data.documents))
        log.info("extraction: %d documents, %d read with the model, %.2f s", len(data.documents),
                 extraction.read_by_model, extraction.seconds)
    else:
        log.warning("%d passages: actors, figures and timeline are not extracted above %d",
                    len(data.passages), EXTRACT_MAX_PASSAGES)
        extraction = Extraction()
    corpus = LiveCorpus(data.content_hash[:12], data, index, datetime.now(UTC), time.perf_counter() - started,
                        extraction)
    settle_long_lived()
    return corpus


def settle_long_lived() -> None:
    """Move everything alive now (the version just built among it) out of the cyclic collector's sight.

    A corpus version is hundreds of thousands of long-lived objects; each full collection walks them all
    while holding the interpreter lock, so a question waits. Measured by tools/gc_pause.py on a
    100,000-passage version: a full collection takes 200–320 ms, and 0 ms after freezing. Reference
    counting still frees an old version once a reload has swapped it out.
    """
    gc.freeze()


T = TypeVar("T")


def _config(path: Path | None, read: Callable[[Path], T], missing: Callable[[], T]) -> T:
    """A configuration file read by `read`, `missing()` when there is none; ConfigInvalid when it is
    there but broken (bad TOML, not UTF-8, an entry of the wrong shape), naming the file and why.
    """
    if path is None or not path.is_file():
        return missing()
    try:
        return read(path)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        raise ConfigInvalid(f"the configuration file {path} cannot be read ({reason[:200]})") from exc


def index_folder(settings: Settings) -> Path:
    """Where the persisted index lives: beside the database, so a restart finds it there."""
    return settings.database_path.parent / "index"


def build_from_settings(settings: Settings) -> LiveCorpus:
    """The configured corpus folder as a new version."""
    return build_corpus(settings.corpus_dir, settings.aliases_path, settings.synonyms_path,
                        settings.max_file_bytes, settings.states_path, follow_links=settings.corpus_follow_links,
                        spans_db=settings.database_path, index_dir=index_folder(settings))


def rebuild_from_settings(settings: Settings, data: CorpusData) -> LiveCorpus:
    """A stored version, indexed again with the configured aliases and synonyms."""
    return index_corpus(data, settings.aliases_path, settings.synonyms_path, states_path=settings.states_path,
                        spans_db=settings.database_path, index_dir=index_folder(settings))
