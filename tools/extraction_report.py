"""Precision and recall of actor, figure and timeline extraction against references read by hand, and
the time extraction takes.

python tools/extraction_report.py                       # both references and the timing below
python tools/extraction_report.py --corpus DIR --gold FILE   # one corpus against one reference

Without --corpus it scores the bundled five (seeds/ against tests/gold/extraction.json) and the 15
BBC development articles that tests/gold/bbc-dev-extraction.json lists (read from --bbc-dev), then
times a cold extraction of every article of --bbc-dev (the model loaded first, nothing cached) and a
second one with the model's spans cached, as a reload of an unchanged corpus runs.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search.aliases import AliasTable  # noqa: E402
from search.corpus import load_folder  # noqa: E402
from search.extract import Gazetteer, SpanCache, extract  # noqa: E402
from search.extract.nlp import entities  # noqa: E402
from search.extract.scoring import score, table  # noqa: E402

BBC_DEV = ROOT.parent / "shared" / "corpora" / "bbc-dev"
BBC_GOLD = ROOT / "tests" / "gold" / "bbc-dev-extraction.json"
SEEDS_GOLD = ROOT / "tests" / "gold" / "extraction.json"
# The extraction time the 200 development articles must stay within, cold, on a 2-core machine.
TARGET_SECONDS = 15.0


def _report(corpus: Path, gold: Path, aliases: AliasTable, gazetteer: Gazetteer, title: str) -> None:
    data = load_folder(corpus)
    started = time.perf_counter()
    extraction = extract(data.documents, aliases, gazetteer)
    seconds = time.perf_counter() - started
    print(f"## {title}\n")
    print(table(score(extraction, json.loads(gold.read_text(encoding="utf-8")))))
    print(f"\nextraction took {seconds:.2f} s for {len(data.documents)} documents\n")


def _selected(folder: Path, gold: Path, into: Path) -> Path:
    """The articles a reference lists, copied from the development folder into a folder of their own."""
    for name in json.loads(gold.read_text(encoding="utf-8"))["articles"]:
        shutil.copy(folder / name, into / name)
    return into


def _timing(folder: Path, aliases: AliasTable, gazetteer: Gazetteer, load: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted(folder.glob("*.txt")):
            shutil.copy(path, Path(tmp) / path.name)
        data = load_folder(Path(tmp))
    cache: SpanCache = {}
    started = time.perf_counter()
    extract(data.documents, aliases, gazetteer, cache)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    extract(data.documents, aliases, gazetteer, cache)
    cached = time.perf_counter() - started
    verdict = "met" if cold <= TARGET_SECONDS else "MISSED"
    print(f"## timing: {len(data.documents)} articles ({len(data.passages)} passages) of {folder}\n")
    print(f"model load          {load:6.2f} s (once per process)")
    print(f"cold extraction     {cold:6.2f} s (target {TARGET_SECONDS:.0f} s: {verdict})")
    print(f"spans cached        {cached:6.2f} s (a reload of an unchanged corpus)")


def main() -> int:
    """Score and time, then print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="score only this folder (with --gold)")
    parser.add_argument("--gold", type=Path, default=SEEDS_GOLD)
    parser.add_argument("--bbc-dev", type=Path, default=BBC_DEV)
    parser.add_argument("--aliases", type=Path, default=ROOT / "config" / "aliases.toml")
    parser.add_argument("--states", type=Path, default=ROOT / "config" / "states.toml")
    args = parser.parse_args()
    aliases, gazetteer = AliasTable.from_toml(args.aliases), Gazetteer.from_toml(args.states)
    started = time.perf_counter()
    entities(["The model loads once per process."])
    load = time.perf_counter() - started
    if args.corpus is not None:
        _report(args.corpus, args.gold, aliases, gazetteer, str(args.corpus))
        return 0
    _report(ROOT / "seeds", SEEDS_GOLD, aliases, gazetteer, "the bundled five (tests/gold/extraction.json)")
    if not args.bbc_dev.is_dir():
        print(f"{args.bbc_dev} is not a folder: the BBC development articles are not scored or timed")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        _report(_selected(args.bbc_dev, BBC_GOLD, Path(tmp)), BBC_GOLD, aliases, gazetteer,
                "15 BBC development articles (tests/gold/bbc-dev-extraction.json)")
    _timing(args.bbc_dev, aliases, gazetteer, load)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
