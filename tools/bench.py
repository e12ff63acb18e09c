"""Dossier's search engine against plain rank-bm25 on synthetic corpora, and start-up at scale.

Usage: python tools/bench.py [--sizes 10000,100000,1000000] [--startup 1000000] [--budget 150]
Prints a Markdown table. Each measurement runs in a fresh subprocess, so peaks do not mix:
- engine: the seed-derived corpus (tools/synthetic.py) is analysed once; then BM25Matrix.build on those
  tokens, the Index over the passages, and every question of eval/*.json asked through Index.search
  (the whole answer path: parsing, scoring, ranking, "nothing found" check, snippets) three times;
  "BM25 only" is the scoring and top-10 alone.
- rank-bm25: the same tokens into BM25Okapi, and get_scores plus a top-10 sort for every question.
  It is skipped at a size where the run measured at the size below projects past --budget seconds.
- start-up: a folder of article files is written, then a new process loads it as `dossier run` does
  (reading, cleaning, analysing, indexing, writing the persisted index beside the database) and
  answers one question; a second new process restarts over the unchanged folder (reading, cleaning,
  opening the persisted index) and answers; it also opens the index files alone and, up to 100,000
  passages, reloads after adding one article and again with nothing changed.
- cold start: `dossier ask` on the bundled seeds as a new process, median of five.
Memory is the process's resident set after building (VmRSS) and its peak (VmHWM).
"""

from __future__ import annotations

import argparse
import gc
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUESTION_FILES = ("eval/dev-questions.json", "eval/more-questions.json")
ROUNDS = 3  # each question is asked this many times by Dossier's engine


def memory() -> dict[str, float]:
    """Resident and peak resident memory of this process, in MB."""
    status = Path("/proc/self/status").read_text()
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return {"rss_mb": int(fields["VmRSS"].split()[0]) / 1024,
            "peak_mb": int(fields["VmHWM"].split()[0]) / 1024}


def questions() -> list[str]:
    """The realistic questions: every evaluation question."""
    out = []
    for name in QUESTION_FILES:
        out += [q["q"] for q in json.loads((ROOT / name).read_text())["questions"]]
    return out


def percentiles(ms: list[float]) -> dict[str, float]:
    """p50 and p99 of a list of milliseconds."""
    ms = sorted(ms)
    return {"p50_ms": ms[len(ms) // 2], "p99_ms": ms[min(len(ms) - 1, int(len(ms) * 0.99))]}


def _analysed(size: int) -> tuple[list, object, list[list[str]], float]:
    from search.aliases import AliasTable
    from search.models import Passage, PassageKind
    from search.text import Analyzer
    from tools.synthetic import PASSAGES_PER_FILE, passages

    texts = passages(size)
    corpus = [Passage(f"article_{i // PASSAGES_PER_FILE:06d}", i % PASSAGES_PER_FILE + 1, t, PassageKind.BODY)
              for i, t in enumerate(texts)]
    analyzer = Analyzer(AliasTable.from_toml(ROOT / "config" / "aliases.toml"))
    started = time.perf_counter()
    tokens = [analyzer.terms(p.text) for p in corpus]
    return corpus, analyzer, tokens, time.perf_counter() - started


def run_engine(size: int) -> dict[str, object]:
    """Dossier's engine: build and answer, in this process."""
    import numpy as np

    from search.bm25 import BM25Matrix, top_k
    from search.index import Index
    from search.synonyms import Synonyms

    corpus, analyzer, tokens, analyse_s = _analysed(size)
    started = time.perf_counter()
    matrix = BM25Matrix.build(tokens)
    bm25_s = time.perf_counter() - started
    del tokens
    synonyms = Synonyms.from_toml(ROOT / "config" / "synonyms.toml", analyzer.terms)
    started = time.perf_counter()
    index = Index(corpus, analyzer, matrix, synonyms)
    index_s = time.perf_counter() - started + bm25_s
    del corpus  # the index keeps the passages in its own compact store
    gc.collect()
    gc.freeze()  # as build_corpus does for a running bot
    mem = memory()
    asked = questions()
    for q in asked:  # warm the analyzer's memo for question words, as a running bot has
        index.search(q)
    full, scoring = [], []
    for _ in range(ROUNDS):
        for q in asked:
            t0 = time.perf_counter()
            index.search(q)
            full.append((time.perf_counter() - t0) * 1000)
            terms = analyzer.terms(q)
            t0 = time.perf_counter()
            top_k(matrix.scores(terms), 10)
            scoring.append((time.perf_counter() - t0) * 1000)
    return {"size": size, "analyse_s": analyse_s, "bm25_build_s": bm25_s, "index_build_s": index_s,
            "nnz": int(matrix.indices.size), "terms": len(matrix.vocabulary),
            "matrix_mb": matrix.nbytes / 2**20,
            **mem, **percentiles(full), "scoring": percentiles(scoring), "questions": len(asked),
            "numpy": np.__version__}


def run_rank_bm25(size: int) -> dict[str, object]:
    """Plain rank-bm25 on the same tokens, in this process."""
    import numpy as np
    from rank_bm25 import BM25Okapi

    _, analyzer, tokens, analyse_s = _analysed(size)
    started = time.perf_counter()
    bm25 = BM25Okapi(tokens)
    build_s = time.perf_counter() - started
    del tokens
    mem = memory()
    asked = questions()
    ms = []
    for q in asked:
        terms = analyzer.terms(q)
        t0 = time.perf_counter()
        scores = bm25.get_scores(terms)
        np.argsort(-scores, kind="stable")[:10]
        ms.append((time.perf_counter() - t0) * 1000)
    return {"size": size, "analyse_s": analyse_s, "bm25_build_s": build_s, **mem, **percentiles(ms)}


def _settings(folder: str) -> object:
    from bot.settings import Settings

    return Settings(corpus_dir=Path(folder) / "corpus", database_path=Path(folder) / "db" / "bench.sqlite3")


def _first_answer(settings: object, corpus: object) -> tuple[float, bool]:
    from bot.core.service import Service

    t0 = time.perf_counter()
    answer = Service(settings, corpus).ask_sync("How many fighters does ISIS-K have?")  # type: ignore[arg-type]
    return (time.perf_counter() - t0) * 1000, answer.answered


def run_startup(folder: str) -> dict[str, object]:
    """The first start, as `dossier run` does it, over a folder of article files, then one answer."""
    from bot.core.build import build_from_settings

    settings = _settings(folder)
    started = time.perf_counter()
    cpu = time.process_time()
    corpus = build_from_settings(settings)  # type: ignore[arg-type]
    load_s, cpu_s = time.perf_counter() - started, time.process_time() - cpu
    first_ms, answered = _first_answer(settings, corpus)
    return {"load_s": load_s, "load_cpu_s": cpu_s, "first_answer_ms": first_ms,
            "passages": len(corpus.index.passages), "answered": answered, **memory()}


def run_restart(folder: str) -> dict[str, object]:
    """A restart over the unchanged folder: the persisted index is opened; then, up to 100,000
    passages, a reload after one article is added and a reload with nothing changed.
    """
    from bot.core.build import build_from_settings, index_folder
    from search.aliases import AliasTable
    from search.persist import MANIFEST, open_index
    from search.text import Analyzer
    from tools.synthetic import write_article

    settings = _settings(folder)
    index_dir = index_folder(settings)  # type: ignore[arg-type]
    key = json.loads((index_dir / MANIFEST).read_text())["key"]
    t0 = time.perf_counter()
    alone = open_index(index_dir, key, Analyzer(AliasTable.from_toml(ROOT / "config" / "aliases.toml")))
    assert alone is not None, "the persisted index was not opened"
    alone.search("How many fighters does ISIS-K have?")
    open_ms = (time.perf_counter() - t0) * 1000
    del alone
    started = time.perf_counter()
    corpus = build_from_settings(settings)  # type: ignore[arg-type]
    first_ms, answered = _first_answer(settings, corpus)
    out: dict[str, object] = {"restart_s": time.perf_counter() - started, "first_answer_ms": first_ms,
                              "open_ms": open_ms, "answered": answered, "passages": len(corpus.index.passages),
                              **memory()}
    if len(corpus.index.passages) <= 100_000:
        write_article(Path(folder) / "corpus", 10**6)
        t0 = time.perf_counter()
        build_from_settings(settings)  # type: ignore[arg-type]
        out["reload_added_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        build_from_settings(settings)  # type: ignore[arg-type]
        out["reload_unchanged_s"] = time.perf_counter() - t0
    return out


def worker(kind: str, arg: str) -> dict[str, object]:
    """Run one measurement in a new process and return what it printed."""
    cmd = [sys.executable, __file__, "--worker", kind, "--arg", arg]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def cold_start() -> float:
    """Seconds from starting `dossier ask` on the seeds to its answer; median of five."""
    exe = shutil.which("dossier") or str(Path(sys.executable).parent / "dossier")
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run([exe, "ask", "how many fighters does ISIS-K have?"], capture_output=True, check=True,
                       cwd=ROOT)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def cpu_model() -> str:
    """The CPU model line of /proc/cpuinfo and the number of CPUs."""
    lines = Path("/proc/cpuinfo").read_text().splitlines()
    models = [ln.split(":", 1)[1].strip() for ln in lines if ln.startswith("model name")]
    return f"{len(models)} × {models[0] if models else 'unknown CPU'}"


def main() -> int:
    """Measure every size, then start-up, and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--startup", default="100000,1000000",
                        help="passages in the start-up and restart tests, comma-separated (0: skip)")
    parser.add_argument("--budget", type=float, default=150.0, help="seconds allowed for one rank-bm25 run")
    parser.add_argument("--worker", choices=("engine", "rank_bm25", "startup", "restart"), help=argparse.SUPPRESS)
    parser.add_argument("--arg", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        run = {"engine": lambda: run_engine(int(args.arg)), "rank_bm25": lambda: run_rank_bm25(int(args.arg)),
               "startup": lambda: run_startup(args.arg), "restart": lambda: run_restart(args.arg)}[args.worker]
        print(json.dumps(run()))
        return 0
    started = time.perf_counter()
    rows, previous = [], None
    for size in (int(s) for s in args.sizes.split(",")):
        engine = worker("engine", str(size))
        reference, note = None, ""
        if previous is not None:
            scale = size / previous["size"]
            projected = (previous["bm25_build_s"] + previous["analyse_s"]) * scale \
                + previous["p50_ms"] * scale * len(questions()) / 1000
            if projected > args.budget:
                note = (f"rank-bm25 skipped: projected {projected:.0f} s from the run below, over the "
                        f"{args.budget:.0f} s budget")
        if not note:
            reference = worker("rank_bm25", str(size))
            previous = reference
        rows.append((engine, reference, note))
        print(f"measured {size:,} passages", file=sys.stderr)
    starts = []
    for size in (int(s) for s in str(args.startup).split(",") if int(s) > 0):
        from tools.synthetic import write_folder

        folder = Path(tempfile.mkdtemp(prefix="dossier-bench-"))
        try:
            write_folder(folder / "corpus", size)
            starts.append((worker("startup", str(folder)), worker("restart", str(folder))))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        print(f"started over {size:,} passages", file=sys.stderr)
    print_table(rows, starts, cold_start(), time.perf_counter() - started)
    return 0


def print_table(rows: list, starts: list[tuple[dict, dict]], cold: float, total: float) -> None:
    """The Markdown table of every measurement."""
    print(f"Machine: {cpu_model()}, Python {sys.version.split()[0]}; `make bench` took {total:.0f} s.\n")
    print("| passages | engine | build (s) | resident / peak (MB) | p50 (ms) | p99 (ms) "
          "| rank-bm25 ÷ Dossier (p50) |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    notes = []
    for engine, reference, note in rows:
        n = f"{engine['size']:,}"
        scoring = engine["scoring"]
        print(f"| {n} | Dossier Index.search | {engine['index_build_s']:.1f} | {engine['rss_mb']:.0f} / "
              f"{engine['peak_mb']:.0f} | {engine['p50_ms']:.2f} | {engine['p99_ms']:.2f} | "
              + (f"{reference['p50_ms'] / engine['p50_ms']:.0f}×" if reference else "–") + " |")
        ratio = f"{reference['p50_ms'] / scoring['p50_ms']:.0f}×" if reference else "–"
        print(f"| {n} | Dossier BM25 only | {engine['bm25_build_s']:.1f} | | {scoring['p50_ms']:.2f} | "
              f"{scoring['p99_ms']:.2f} | {ratio} |")
        if reference:
            print(f"| {n} | rank-bm25 get_scores | {reference['bm25_build_s']:.1f} | "
                  f"{reference['rss_mb']:.0f} / {reference['peak_mb']:.0f} | {reference['p50_ms']:.2f} | "
                  f"{reference['p99_ms']:.2f} | 1× |")
        else:
            notes.append(f"{n}: {note}.")
        notes.append(f"{n}: analysing the text took {engine['analyse_s']:.1f} s (shared by both engines, "
                     f"not in build); {engine['nnz']:,} postings, {engine['terms']:,} terms, BM25 arrays "
                     f"{engine['matrix_mb']:.0f} MB; {engine['questions']} questions.")
    print()
    for note in notes:
        print(f"- {note}")
    for startup, restart in starts:
        print(f"- First start over {startup['passages']:,} passages in article files (read, clean, analyse, "
              f"index, write the index files; extraction skipped above EXTRACT_MAX_PASSAGES): "
              f"{startup['load_s']:.1f} s ({startup['load_cpu_s']:.0f} s CPU), resident {startup['rss_mb']:.0f} MB, "
              f"peak {startup['peak_mb']:.0f} MB; first answer {startup['first_answer_ms']:.0f} ms.")
        print(f"- Restart over the unchanged {restart['passages']:,} passages (read, clean, open the index files) "
              f"to the first answer: {restart['restart_s']:.1f} s, resident {restart['rss_mb']:.0f} MB, peak "
              f"{restart['peak_mb']:.0f} MB; opening the index files alone and answering: "
              f"{restart['open_ms']:.0f} ms.")
        if "reload_added_s" in restart:
            print(f"- Reload over {restart['passages']:,} passages after adding one article: "
                  f"{restart['reload_added_s']:.1f} s; with nothing changed: {restart['reload_unchanged_s']:.1f} s "
                  "(both read and clean every file; only the second opens the index files).")
    print(f"- Cold start on the seeds (`dossier ask` as a new process, median of 5): {cold:.2f} s.")


if __name__ == "__main__":
    raise SystemExit(main())
