"""A built index on disk: written once, opened by memory mapping, rebuilt whenever it cannot be trusted.

The folder holds one `.npy` file per array (the BM25 columns, the passages' texts and flags, the
vocabulary) and `manifest.json`, which names the version they belong to (`key`), every file's size,
dtype and shape. Each file is written under a temporary name, flushed to disk and renamed into place;
the manifest is written the same way, last: until it is renamed, the folder describes the version it
described before. Array files carry the first characters of their key in their names, so writing a new
version never touches the files of the one the manifest still names.

`open_index` trusts nothing it cannot check: a missing or unreadable manifest, another key or format,
a missing file, a size, dtype or shape other than the manifest's, or arrays whose lengths do not fit
together all give None, and the caller builds the index again.

The key is a hash of the passages themselves (ids, kinds and texts) and of everything that turns them
into the arrays: the analyzer's aliases, the BM25 parameters and the source of the modules involved,
so a new cleaning rule, alias or tokenizer change never meets an index built before it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

import numpy as np

from search import bm25
from search.bm25 import BM25Matrix
from search.index import Index
from search.models import Passage
from search.passages import KINDS, PassageStore
from search.synonyms import Synonyms
from search.text import Analyzer

log = logging.getLogger("dossier.search.persist")

FORMAT = 1  # the layout of the files; a new layout is a new number, and older folders are rebuilt
MANIFEST = "manifest.json"
# The modules whose code decides what the arrays hold.
_SOURCES = ("bm25.py", "passages.py", "persist.py", "text.py", "aliases.py", "intent.py", "lexicon/tokens.py",
            "lexicon/words.py", "lexicon/numbers.py", "lexicon/dates.py")
_MATRIX = ("idf", "indptr", "indices", "data", "doc_len", "column_max")
_STORE = ("text", "offsets", "doc_of", "paragraph", "kind", "quantity", "date")


def corpus_key(passages: Iterable[Passage], analyzer: Analyzer) -> str:
    """The version an index of these passages, analysed this way, belongs to."""
    h = hashlib.blake2b(digest_size=20)
    h.update(f"format {FORMAT}; k1 {bm25.K1}; b {bm25.B}; epsilon {bm25.EPSILON}\n".encode())
    h.update(repr(analyzer.aliases.entries).encode())
    here = Path(__file__).resolve().parent
    for name in _SOURCES:
        path = here / name
        h.update(path.read_bytes() if path.is_file() else b"")
    for p in passages:
        h.update(f"\x00{p.doc_id}\x00{p.paragraph}\x00{p.kind.value}\x00".encode())
        h.update(p.text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _words(items: Iterable[str]) -> tuple[np.ndarray, np.ndarray]:
    """Strings as one UTF-8 buffer and offsets (strings may hold any character)."""
    chunks = [s.encode("utf-8", "surrogatepass") for s in items]
    offsets = np.zeros(len(chunks) + 1, dtype=np.int64)
    np.cumsum([len(c) for c in chunks], out=offsets[1:])
    return np.frombuffer(b"".join(chunks), dtype=np.uint8), offsets


def _unwords(buffer: np.ndarray, offsets: np.ndarray) -> list[str]:
    raw = bytes(buffer)
    return [raw[offsets[i]:offsets[i + 1]].decode("utf-8", "surrogatepass") for i in range(offsets.size - 1)]


def _arrays(index: Index) -> dict[str, np.ndarray]:
    m, store = index.matrix, index.passages
    terms = sorted(m.vocabulary, key=m.vocabulary.__getitem__)
    vocab, vocab_offsets = _words(terms)
    docs, doc_offsets = _words(store.doc_ids)
    out = {f"matrix.{name}": getattr(m, name) for name in _MATRIX}
    out |= {f"passages.{name}": getattr(store, name) for name in _STORE}
    out |= {"vocabulary.text": vocab, "vocabulary.offsets": vocab_offsets, "docs.text": docs,
            "docs.offsets": doc_offsets}
    return out


def save_index(index: Index, folder: Path, key: str) -> None:
    """Write an index for version `key` into folder, atomically: a crash leaves the previous state."""
    folder.mkdir(parents=True, exist_ok=True)
    prefix = key[:16]
    files = {}
    for name, array in _arrays(index).items():
        file = f"{prefix}-{name}.npy"
        _write_atomic(folder / file, _npy_writer(np.ascontiguousarray(array)))
        files[name] = {"file": file, "bytes": (folder / file).stat().st_size, "dtype": array.dtype.str,
                       "shape": list(array.shape)}
    manifest = {"format": FORMAT, "key": key, "passages": len(index.passages), "files": files}
    _write_atomic(folder / MANIFEST, lambda f: f.write(json.dumps(manifest, indent=1).encode()))
    _sync_folder(folder)
    keep = {MANIFEST, *(entry["file"] for entry in files.values())}
    for path in folder.iterdir():  # older versions and what an interrupted write left behind
        if path.name not in keep and (path.suffix == ".npy" or ".tmp-" in path.name):
            path.unlink(missing_ok=True)


def _npy_writer(array: np.ndarray) -> Callable[[BinaryIO], None]:
    def write(f: BinaryIO) -> None:
        np.save(f, array, allow_pickle=False)
    return write


def _write_atomic(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write through a temporary file in the same folder, flushed to disk, then renamed over `path`."""
    temp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    try:
        with open(temp, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """Make the renames themselves durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def open_index(folder: Path, key: str, analyzer: Analyzer, synonyms: Synonyms | None = None) -> Index | None:
    """The index of version `key` from folder, memory-mapped; None when it is missing or not to be trusted."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT or manifest.get("key") != key:
            return None
        files = manifest["files"]
        if set(files) != set(_arrays_names()):
            return None
        arrays = {name: _load(folder, entry) for name, entry in files.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if any(a is None for a in arrays.values()):
        return None
    return _assemble({k: v for k, v in arrays.items() if v is not None}, int(manifest.get("passages", -1)),
                     analyzer, synonyms)


def _arrays_names() -> list[str]:
    return ([f"matrix.{n}" for n in _MATRIX] + [f"passages.{n}" for n in _STORE]
            + ["vocabulary.text", "vocabulary.offsets", "docs.text", "docs.offsets"])


def _load(folder: Path, entry: dict) -> np.ndarray | None:
    """One array, mapped; None when its file differs in any way from what the manifest says."""
    path = folder / entry["file"]
    if "/" in entry["file"] or not path.is_file() or path.stat().st_size != entry["bytes"]:
        return None
    array = np.load(path, mmap_mode="r", allow_pickle=False)
    if array.dtype.str != entry["dtype"] or list(array.shape) != entry["shape"]:
        return None
    return array


def _assemble(a: dict[str, np.ndarray], n: int, analyzer: Analyzer, synonyms: Synonyms | None) -> Index | None:
    """The index from its arrays, after checking that their lengths fit together."""
    terms, docs = a["vocabulary.offsets"].size - 1, a["docs.offsets"].size - 1
    postings = a["matrix.indices"].size
    fits = (n >= 0 and a["passages.offsets"].size == n + 1 and a["matrix.doc_len"].size == n
            and all(a[f"passages.{k}"].size == n for k in ("doc_of", "paragraph", "kind", "quantity", "date"))
            and a["matrix.indptr"].size == terms + 1 and a["matrix.idf"].size == terms
            and a["matrix.column_max"].size == terms and a["matrix.data"].size == postings
            and (n == 0 or int(a["passages.offsets"][-1]) == a["passages.text"].size)
            and (terms == 0 or int(a["matrix.indptr"][-1]) == postings)
            and (docs == 0 or int(a["docs.offsets"][-1]) == a["docs.text"].size)
            and (n == 0 or int(np.max(a["passages.doc_of"])) < docs)
            and (n == 0 or int(np.max(a["passages.kind"])) < len(KINDS)))
    if not fits:
        return None
    vocabulary = {t: i for i, t in enumerate(_unwords(a["vocabulary.text"], a["vocabulary.offsets"]))}
    if len(vocabulary) != terms:
        return None
    matrix = BM25Matrix(vocabulary, *(a[f"matrix.{k}"] for k in _MATRIX))
    doc_ids = tuple(_unwords(a["docs.text"], a["docs.offsets"]))
    store = PassageStore(a["passages.text"], a["passages.offsets"], doc_ids,
                         *(a[f"passages.{k}"] for k in ("doc_of", "paragraph", "kind", "quantity", "date")))
    return Index.over(store, analyzer, matrix, synonyms)


def open_or_build(passages: tuple[Passage, ...] | list[Passage], analyzer: Analyzer, synonyms: Synonyms | None,
                  folder: Path | None) -> Index:
    """The index of these passages: opened from folder when a trusted copy is there, else built (and
    written there for the next start). Without a folder it is simply built.
    """
    if folder is None:
        return Index.build(passages, analyzer, synonyms)
    key = corpus_key(passages, analyzer)
    index = open_index(folder, key, analyzer, synonyms)
    if index is not None:
        return index
    built = Index.build(passages, analyzer, synonyms)
    try:
        save_index(built, folder, key)
    except OSError as exc:  # a read-only or full disk costs the next start a rebuild, not this one
        log.warning("the index could not be written to %s (%s); the next start builds it again", folder, exc)
        return built
    # The written files, mapped, in place of the arrays just built: the memory they held goes back,
    # and pages are read from the files only as questions need them.
    return open_index(folder, key, analyzer, synonyms) or built
