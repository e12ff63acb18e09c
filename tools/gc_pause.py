"""How long one full cyclic garbage collection takes over a built corpus, before and after gc.freeze().

Usage: python tools/gc_pause.py [PASSAGES]   (default 100,000; a synthetic corpus from tools/synthetic.py)
The figure behind bot/core/build.settle_long_lived: a full collection holds the interpreter lock, so
while it walks a large version's objects no question is answered.
"""

from __future__ import annotations

import gc
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.core.build import index_corpus  # noqa: E402
from search.corpus import load_folder  # noqa: E402
from tools.synthetic import write_folder  # noqa: E402


def full_collection_ms() -> float:
    """The fastest of three full collections, in milliseconds."""
    times = []
    for _ in range(3):
        started = time.perf_counter()
        gc.collect()
        times.append(time.perf_counter() - started)
    return min(times) * 1000


def main() -> None:
    """Build a synthetic version without freezing, time a full collection, freeze, time it again."""
    passages = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        write_folder(folder, passages)
        gc.disable()  # the build below must not freeze or collect before the first measurement
        data = load_folder(folder, 5_000_000)
        gc.unfreeze()
        corpus = index_corpus(data, ROOT / "config" / "aliases.toml", ROOT / "config" / "synonyms.toml",
                              lists=False)
        gc.unfreeze()  # index_corpus froze what it built: measure as if it had not
        gc.enable()
        before = full_collection_ms()
        gc.freeze()
        after = full_collection_ms()
    print(f"{len(corpus.index.passages):,} passages: a full collection takes {before:.0f} ms; "
          f"after gc.freeze() {after:.0f} ms")


if __name__ == "__main__":
    main()
