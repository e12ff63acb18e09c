"""Answer quality on a question file, through the real command line (`dossier ask --json -`).

Usage: python tools/evaluate.py [QUESTIONS.json ...] [--verbose]
For each file: S@1 (gold passage first), S@3, snippet@1 (the first hit's snippet holds the gold
text), MRR@10 and how many no-answer questions got "nothing found". A hit counts when its passage
text contains a gold string, compared case-insensitively with curly quotes and whitespace folded.
It also prints the confidence of every answerable and every no-answer question, the data behind
the "nothing found" threshold. Exits 1 below 0.90 S@1, 1.0 S@3, 0.85 snippet@1 or any no-answer miss.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fold(text: str) -> str:
    """Curly quotes straightened, whitespace runs folded, lower case."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).lower()


def run(questions: list[dict]) -> list[dict]:
    """One answer object per question from the installed command line."""
    exe = shutil.which("dossier") or str(Path(sys.executable).parent / "dossier")
    proc = subprocess.run([exe, "ask", "--json", "-"], input="\n".join(q["q"] for q in questions) + "\n",
                          capture_output=True, text=True, timeout=300, check=True)
    return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]


def score(path: Path, verbose: bool) -> bool:
    """Print the figures for one question file; True when they meet the bar."""
    questions = json.loads(path.read_text(encoding="utf-8"))["questions"]
    answers = run(questions)
    n = s1 = s3 = snip = 0
    rr = 0.0
    none_ok = none_n = 0
    conf_gold: list[float] = []
    conf_none: list[float] = []
    for q, a in zip(questions, answers, strict=True):
        hits = a.get("hits") or []
        if not q["gold"]:
            none_n += 1
            none_ok += a.get("answered") is False
            conf_none.append(a.get("confidence", 0.0))
            if a.get("answered") is not False or verbose:
                print(f"  none {q['id']} answered={a.get('answered')} conf={a.get('confidence')} | {q['q']}")
            continue
        n += 1
        conf_gold.append(a.get("confidence", 0.0))
        rank = next((r for r, h in enumerate(hits[:10], 1) if any(fold(g) in fold(h["text"]) for g in q["gold"])),
                    None)
        s1 += rank == 1
        s3 += bool(rank and rank <= 3)
        rr += 1 / rank if rank else 0
        snip += bool(hits) and any(fold(g) in fold(hits[0]["snippet"]) for g in q["gold"])
        if rank != 1 or verbose:
            print(f"  {'hit ' if rank == 1 else 'miss'} {q['id']} rank={rank} conf={a.get('confidence')} | {q['q']}")
    S1, S3, SN, MRR = s1 / n, s3 / n, snip / n, rr / n
    print(f"{path.name}: S@1={S1:.3f} S@3={S3:.3f} snippet@1={SN:.3f} MRR@10={MRR:.3f} "
          f"no-answer={none_ok}/{none_n} (n={n})")
    if conf_gold:
        print(f"  confidence, answerable: min {min(conf_gold):.2f}, "
              f"lowest five {sorted(conf_gold)[:5]}")
    if conf_none:
        print(f"  confidence, no-answer: max {max(conf_none):.2f}, highest five {sorted(conf_none)[-5:]}")
    return S1 >= 0.90 and S3 >= 1.0 and SN >= 0.85 and none_ok == none_n


def main() -> int:
    """Score every question file named on the command line (default: eval/dev-questions.json)."""
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    files = [Path(a) for a in args] or [ROOT / "eval" / "dev-questions.json"]
    ok = all([score(f, "--verbose" in sys.argv) for f in files])
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
