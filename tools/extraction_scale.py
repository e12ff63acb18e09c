"""Time and peak memory of extraction over synthetic one-paragraph articles, for each size asked.

python tools/extraction_scale.py 1000 4000 5000
Prints one JSON object a line: {"documents": N, "seconds": S, "peak_mb": M}. The model is loaded
before the clock starts (its load is paid once per process); every size is extracted with an empty span
cache, so the model reads every sentence it has not read in this process. The articles are
tools/synthetic.py's passages, one an article, as issue-sized corpora of short news items.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search.aliases import AliasTable  # noqa: E402
from search.extract import Gazetteer, extract  # noqa: E402
from search.extract.nlp import entities  # noqa: E402
from search.models import Document, Paragraph, PassageKind, SourceInfo  # noqa: E402
from tools.synthetic import made_up_word, passages  # noqa: E402


def documents(count: int) -> list[Document]:
    """`count` one-paragraph articles."""
    out = []
    for n, text in enumerate(passages(count)):
        source = SourceInfo(title=f"Dispatch {made_up_word(n).capitalize()}", outlet=None,
                            published=date(2021, 8, 28), url=None)
        out.append(Document(f"a{n:06d}", f"a{n:06d}.txt", source,
                            (Paragraph(1, text, PassageKind.BODY),), f"{n:064x}"))
    return out


def _peak_mb() -> float:
    """The process's peak resident memory since it started its program: /proc's VmHWM, which, unlike
    getrusage's ru_maxrss, does not carry over the memory of the process it was forked from.
    """
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    """Extract each size and print its time and the process's peak memory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="+")
    args = parser.parse_args()
    aliases = AliasTable.from_toml(ROOT / "config" / "aliases.toml")
    gazetteer = Gazetteer.from_toml(ROOT / "config" / "states.toml")
    entities(["The model loads before the clock starts."])
    for size in args.sizes:
        docs = documents(size)
        started = time.perf_counter()
        extract(docs, aliases, gazetteer, {})
        seconds = time.perf_counter() - started
        peak_mb = _peak_mb()
        print(json.dumps({"documents": size, "seconds": round(seconds, 2), "peak_mb": round(peak_mb)}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
