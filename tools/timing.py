"""Start-up and answer times on the bundled corpus.

Usage: python tools/timing.py
Prints: the wall time of `dossier ask` as a new process (cold start: interpreter, imports, reading,
cleaning, indexing, one answer), the in-process load time, and per-question latency (p50, p99, max)
over the development questions asked 20 times each.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.core.service import Service  # noqa: E402
from bot.settings import Settings  # noqa: E402


def main() -> int:
    """Measure and print."""
    exe = shutil.which("dossier") or str(Path(sys.executable).parent / "dossier")
    colds = []
    for _ in range(5):
        started = time.perf_counter()
        subprocess.run([exe, "ask", "how many fighters does ISIS-K have?"], capture_output=True, check=True)
        colds.append(time.perf_counter() - started)
    started = time.perf_counter()
    service = Service.load(Settings())
    load = time.perf_counter() - started
    questions = [q["q"] for q in json.loads((ROOT / "eval/dev-questions.json").read_text())["questions"]]
    times = []
    for _ in range(20):
        for q in questions:
            t0 = time.perf_counter()
            service.ask_sync(q)
            times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    print(f"cold start to first answer (new process, median of 5): {statistics.median(colds):.2f} s")
    print(f"load, clean and index in process: {load * 1000:.0f} ms "
          f"({len(service.corpus.documents)} documents, {len(service.corpus.index.passages)} passages)")
    print(f"of which actor, figure and timeline extraction: {service.corpus.extraction.seconds * 1000:.0f} ms")
    print(f"question latency over {len(times)} asks: p50 {times[len(times) // 2]:.2f} ms, "
          f"p99 {times[int(len(times) * 0.99)]:.2f} ms, max {times[-1]:.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
