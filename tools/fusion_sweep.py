"""Sweeps the dense weight of the fusion (search/fusion.py) on development question files.

Usage: python tools/fusion_sweep.py [--corpus DIR QUESTIONS.json ...]...
Default: the bundled corpus with eval/dev-questions.json, eval/more-questions.json and
eval/seeds-paraphrase-questions.json, and the BBC development corpus with eval/bbc-dev-questions.json.
Each question is searched in process (the same index, vectors and fusion `dossier ask` uses) at
every weight and with reciprocal-rank fusion (k = 60); it prints S@1 and S@3 of the gold passage per
corpus and question kind. Vectors come from, and go to, the configured database (DOSSIER_DATABASE_PATH).
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

from bot.cli.vectors import embed_with_cache
from bot.core.service import Service
from bot.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEFAULT_SETS = [
    (ROOT / "seeds", [SHARED / "eval" / "dev-questions.json", ROOT / "eval" / "more-questions.json",
                      ROOT / "eval" / "seeds-paraphrase-questions.json"]),
    (SHARED / "corpora" / "bbc-dev", [ROOT / "eval" / "bbc-dev-questions.json"]),
]
WEIGHTS = (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
RRF_K = 60
DEPTH = 10


def fold(text: str) -> str:
    """As the scorer compares: curly quotes straightened, whitespace folded, lower case."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).lower()


def load_service(corpus: Path) -> Service:
    """A service over a corpus folder with its passage vectors ready."""
    settings = Settings(corpus_dir=corpus)
    service = Service.load(settings, lists=False)
    asyncio.run(embed_with_cache(service, settings))
    return service


def gold_rank(texts: list[str], gold: list[str]) -> int | None:
    """The 1-based rank of the first passage text holding a gold string, within DEPTH."""
    return next((r for r, t in enumerate(texts[:DEPTH], 1) if any(fold(g) in fold(t) for g in gold)), None)


def ranks(service: Service, question: str, gold: list[str]) -> dict[str, int | None]:
    """The gold passage's rank under every fusion compared."""
    index, version = service.corpus.index, service.corpus.version
    query = index.parse(question)
    dense = service.dense.query(version, question)
    cosine = dense.cosine if dense else None
    out: dict[str, int | None] = {}
    for w in WEIGHTS:
        result = index.search(query, DEPTH, cosine=cosine, dense_weight=w)
        out[f"w={w}"] = gold_rank([h.passage.text for h in result.hits + result.closest], gold)
    bm25 = index.search(query, 200)
    bm25_ids = [h.passage.passage_id for h in bm25.hits + bm25.closest]
    fused: dict[int, float] = defaultdict(float)
    position = {p.passage_id: i for i, p in enumerate(index.passages)}
    for r, pid in enumerate(bm25_ids, 1):
        fused[position[pid]] += 1 / (RRF_K + r)
    if cosine is not None:
        for r, i in enumerate(np.argsort(-cosine, kind="stable")[:200], 1):
            fused[int(i)] += 1 / (RRF_K + r)
    order = sorted(fused, key=lambda i: -fused[i])
    out[f"rrf{RRF_K}"] = gold_rank([index.passages[i].text for i in order], gold)
    return out


def main(argv: list[str]) -> int:
    """Print the sweep table."""
    sets = DEFAULT_SETS
    if argv:
        sets, i = [], 0
        while i < len(argv):
            if argv[i] != "--corpus":
                raise SystemExit(__doc__)
            j = i + 2
            while j < len(argv) and argv[j] != "--corpus":
                j += 1
            sets.append((Path(argv[i + 1]), [Path(a) for a in argv[i + 2:j]]))
            i = j
    table: dict[tuple[str, str], dict[str, list[int | None]]] = defaultdict(lambda: defaultdict(list))
    for corpus, files in sets:
        service = load_service(corpus)
        for path in files:
            for q in json.loads(path.read_text(encoding="utf-8"))["questions"]:
                if not q["gold"]:
                    continue
                for method, rank in ranks(service, q["q"], q["gold"]).items():
                    for kind in ("all", q.get("kind", "direct")):
                        table[(corpus.name, kind)][method].append(rank)
    methods = [f"w={w}" for w in WEIGHTS] + [f"rrf{RRF_K}"]
    print("| corpus | questions | n | " + " | ".join(methods) + " |")
    print("| --- | --- | ---: | " + " | ".join("---" for _ in methods) + " |")
    for (name, kind), by_method in sorted(table.items()):
        cells = []
        for m in methods:
            rk = by_method[m]
            s1 = sum(r == 1 for r in rk) / len(rk)
            s3 = sum(bool(r and r <= 3) for r in rk) / len(rk)
            cells.append(f"{s1:.2f} / {s3:.2f}")
        print(f"| {name} | {kind} | {len(by_method[methods[0]])} | " + " | ".join(cells) + " |")
    print("\ncells: S@1 / S@3 of the gold passage; w = dense weight (0: BM25 alone, 1: dense alone).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
