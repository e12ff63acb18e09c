"""A persisted index opens to the same answers, and anything it cannot vouch for is built again."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from search.aliases import AliasTable
from search.index import Index
from search.models import Passage, PassageKind
from search.persist import MANIFEST, corpus_key, open_index, open_or_build, save_index
from search.synonyms import Synonyms
from search.text import Analyzer
from tools.synthetic import passages as synthetic_passages

REPO = Path(__file__).resolve().parents[2]
QUESTIONS = ["How many fighters does ISIS-K have?", "When did the Taliban take Kabul?", "Taliban",
             '"over-the-horizon" strikes', "Who is William Wechsler?", "best pizza toppings"]


def make_passages(n: int) -> list[Passage]:
    return [Passage(f"doc{i // 20}", i % 20 + 1, text, PassageKind.CAPTION if i % 11 == 0 else PassageKind.BODY)
            for i, text in enumerate(synthetic_passages(n, seed=3))]


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(AliasTable.from_toml(REPO / "config" / "aliases.toml"))


@pytest.fixture(scope="module")
def synonyms(analyzer) -> Synonyms:
    return Synonyms.from_toml(REPO / "config" / "synonyms.toml", analyzer.terms)


@pytest.fixture(scope="module")
def corpus() -> list[Passage]:
    return make_passages(3000)


def answers(index: Index) -> list[tuple]:
    out = []
    for q in QUESTIONS:
        r = index.search(q, k=5)
        out.append((r.answered, r.coverage, [(h.passage, h.score, h.snippet) for h in r.hits + r.closest]))
    return out


def test_an_opened_index_answers_as_the_built_one(tmp_path, corpus, analyzer, synonyms) -> None:
    built = Index.build(corpus, analyzer, synonyms)
    key = corpus_key(corpus, analyzer)
    save_index(built, tmp_path, key)
    opened = open_index(tmp_path, key, analyzer, synonyms)
    assert opened is not None
    assert isinstance(opened.matrix.data, np.memmap) and isinstance(opened.passages.text, np.memmap)
    assert answers(opened) == answers(built)
    assert opened.passages == tuple(corpus) and list(opened.passages[:3]) == corpus[:3]


def test_another_version_is_not_opened(tmp_path, corpus, analyzer, synonyms) -> None:
    save_index(Index.build(corpus, analyzer, synonyms), tmp_path, corpus_key(corpus, analyzer))
    changed = [*corpus[:-1], Passage(corpus[-1].doc_id, corpus[-1].paragraph, "A new last line.", PassageKind.BODY)]
    assert corpus_key(changed, analyzer) != corpus_key(corpus, analyzer)
    assert open_index(tmp_path, corpus_key(changed, analyzer), analyzer, synonyms) is None
    other_aliases = Analyzer(AliasTable.empty())
    assert corpus_key(corpus, other_aliases) != corpus_key(corpus, analyzer)


@pytest.mark.parametrize("damage", ["truncate", "remove", "manifest", "manifest-size", "empty-manifest"])
def test_a_damaged_folder_is_rebuilt_never_trusted(tmp_path, corpus, analyzer, synonyms, damage) -> None:
    key = corpus_key(corpus, analyzer)
    built = Index.build(corpus, analyzer, synonyms)
    save_index(built, tmp_path, key)
    manifest = json.loads((tmp_path / MANIFEST).read_text())
    data_file = tmp_path / manifest["files"]["matrix.data"]["file"]
    if damage == "truncate":
        data_file.write_bytes(data_file.read_bytes()[:-8])
    elif damage == "remove":
        (tmp_path / manifest["files"]["passages.text"]["file"]).unlink()
    elif damage == "manifest":
        (tmp_path / MANIFEST).write_text("{not json")
    elif damage == "manifest-size":
        manifest["files"]["matrix.indices"]["shape"] = [1]
        (tmp_path / MANIFEST).write_text(json.dumps(manifest))
    else:
        (tmp_path / MANIFEST).write_bytes(b"")
    assert open_index(tmp_path, key, analyzer, synonyms) is None
    rebuilt = open_or_build(corpus, analyzer, synonyms, tmp_path)
    assert isinstance(rebuilt.matrix.data, np.memmap)  # the files just written, mapped
    assert answers(rebuilt) == answers(built)
    assert open_index(tmp_path, key, analyzer, synonyms) is not None


def test_a_new_version_replaces_the_files_of_the_old(tmp_path, corpus, analyzer, synonyms) -> None:
    open_or_build(corpus, analyzer, synonyms, tmp_path)
    smaller = corpus[:1000]
    open_or_build(smaller, analyzer, synonyms, tmp_path)
    names = {p.name for p in tmp_path.iterdir()}
    prefix = corpus_key(smaller, analyzer)[:16]
    assert all(name == MANIFEST or name.startswith(prefix) for name in names)
    assert open_index(tmp_path, corpus_key(corpus, analyzer), analyzer, synonyms) is None


WRITER = """
import sys
from pathlib import Path
sys.path.insert(0, {repo!r})
from search.aliases import AliasTable
from search.persist import open_or_build
from search.text import Analyzer
from tests.search.test_persist import make_passages
analyzer = Analyzer(AliasTable.from_toml(Path({repo!r}) / "config" / "aliases.toml"))
passages = make_passages({n})
print("writing", flush=True)
open_or_build(passages, analyzer, None, Path(sys.argv[1]))
print("written", flush=True)
"""


def kill_while_writing(folder: Path, n: int) -> bool:
    """Start a process that builds and writes the index, SIGKILL it once a file is half written;
    True when it died before the manifest was renamed into place."""
    before = (folder / MANIFEST).read_bytes() if (folder / MANIFEST).exists() else None
    child = subprocess.Popen([sys.executable, "-c", WRITER.format(repo=str(REPO), n=n), str(folder)],
                             stdout=subprocess.PIPE, text=True, cwd=REPO)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "writing"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and child.poll() is None:
            if folder.exists() and any(".tmp-" in name for name in os.listdir(folder)):
                os.kill(child.pid, signal.SIGKILL)
                break
        child.wait(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    after = (folder / MANIFEST).read_bytes() if (folder / MANIFEST).exists() else None
    return child.returncode == -signal.SIGKILL and after == before


@pytest.mark.parametrize("earlier_version", [False, True])
def test_a_process_killed_while_writing_leaves_nothing_trusted(tmp_path, analyzer, earlier_version) -> None:
    n = 8_000
    folder = tmp_path / "index"
    if earlier_version:  # a valid index of another corpus is in the folder while the new one is written
        open_or_build(make_passages(500), analyzer, None, folder)
    for _ in range(5):
        if kill_while_writing(folder, n):
            break
    else:
        pytest.fail("the writer was never caught half-way through")
    passages = make_passages(n)
    key = corpus_key(passages, analyzer)
    assert open_index(folder, key, analyzer) is None
    fresh = Index.build(passages, analyzer)
    started_again = open_or_build(passages, analyzer, None, folder)  # the next start: builds and writes
    assert answers(started_again) == answers(fresh)
    reopened = open_index(folder, key, analyzer)
    assert reopened is not None and answers(reopened) == answers(fresh)
    assert not any(".tmp-" in p.name for p in folder.iterdir())
