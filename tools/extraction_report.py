"""Print precision and recall of actor, figure and timeline extraction against a reference file.

python tools/extraction_report.py [--corpus seeds] [--gold tests/gold/extraction.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search.aliases import AliasTable  # noqa: E402
from search.corpus import load_folder  # noqa: E402
from search.extract import Gazetteer, extract  # noqa: E402
from search.extract.scoring import score, table  # noqa: E402


def main() -> int:
    """Extract from the corpus, score against the reference, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "seeds")
    parser.add_argument("--gold", type=Path, default=ROOT / "tests" / "gold" / "extraction.json")
    parser.add_argument("--aliases", type=Path, default=ROOT / "config" / "aliases.toml")
    parser.add_argument("--states", type=Path, default=ROOT / "config" / "states.toml")
    args = parser.parse_args()
    data = load_folder(args.corpus)
    started = time.perf_counter()
    extraction = extract(data.documents, AliasTable.from_toml(args.aliases), Gazetteer.from_toml(args.states))
    seconds = time.perf_counter() - started
    print(table(score(extraction, json.loads(args.gold.read_text(encoding="utf-8")))))
    print(f"\nextraction took {seconds:.2f} s for {len(data.documents)} documents")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
