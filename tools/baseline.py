"""The plain baseline: rank-bm25 over blank-line paragraphs of the raw files, lowercase word tokens.

Usage: python tools/baseline.py [QUESTIONS.json ...]
Prints S@1 and S@3 of that baseline on each question file (answerable questions only), the yardstick
Dossier's cleaning, analyzer and ranking are measured against.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from rank_bm25 import BM25Okapi

ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Curly quotes straightened, whitespace runs folded, lower case."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).lower()


def main() -> int:
    """Score the baseline on each question file."""
    paragraphs = [p for f in sorted((ROOT / "seeds").glob("*.txt"))
                  for p in re.split(r"\n\s*\n", f.read_text(encoding="utf-8")) if p.strip()]
    bm25 = BM25Okapi([WORD.findall(p.lower()) for p in paragraphs])
    for name in sys.argv[1:] or [str(ROOT / "eval" / "dev-questions.json")]:
        questions = [q for q in json.loads(Path(name).read_text(encoding="utf-8"))["questions"] if q["gold"]]
        s1 = s3 = 0
        for q in questions:
            scores = bm25.get_scores(WORD.findall(q["q"].lower()))
            top = sorted(range(len(paragraphs)), key=lambda i: -scores[i])[:3]
            found = [any(fold(g) in fold(paragraphs[i]) for g in q["gold"]) for i in top]
            s1 += found[0]
            s3 += any(found)
        print(f"{Path(name).name}: baseline S@1={s1 / len(questions):.3f} S@3={s3 / len(questions):.3f} "
              f"(n={len(questions)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
