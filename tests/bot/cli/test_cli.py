"""The `dossier` command: its JSON contract, batch mode (through the installed script), the source list."""

from __future__ import annotations

import contextlib
import io
import json
import os
from datetime import date
from pathlib import Path

import pytest

from bot.cli.main import main

REPO = Path(__file__).resolve().parents[3]
SEEDS, ALIASES = REPO / "seeds", REPO / "config" / "aliases.toml"

QUESTION = "How many fighters does ISIS-K have?"
LONG = "Where do ISIS-K fighters operate in Afghanistan? " * 2_100

# One question a line, as a batch file would hold them: good, blank and bad lines mixed.
BATCH = [
    (QUESTION.encode(), "answer"),
    (b"", "error"),
    (b"   \t ", "error"),
    (b"what is the", "error"),
    ("🔥🔥 🤔".encode(), "error"),
    (b"?!? ...", "error"),
    ("Tali\u200bban fight\u202eers in Kabul".encode(), "answer"),
    (b"ISIS-K\x00 fighters\x00", "answer"),
    (b"@everyone **bold** <script>alert(1)</script>", "answer"),
    (b"Taliban \xff\xfe fighters", "answer"),
    (b"Taliban leaders in Kandahar\r", "answer"),
    (LONG.encode(), "answer"),
    (b"What is the population of Brazil?", "answer"),
    (b"", "error"),
]

HIT_KEYS = {"doc_id", "paragraph", "score", "text", "snippet", "highlights", "source"}
SOURCE_KEYS = {"title", "outlet", "published", "url"}


CLI_RUNS = {"batch": {"args": ["ask", "--json", "--top", "5", "-"],
                     "stdin": b"\n".join(line for line, _ in BATCH) + b"\n"}}


def run_main(*argv: str) -> tuple[int, str]:
    """`dossier …` in this process, through the same entry point as the console script."""
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stdout(out):
        for name in [n for n in os.environ if n.startswith("DOSSIER_")]:
            mp.delenv(name)
        mp.setenv("DOSSIER_CORPUS_DIR", str(SEEDS))
        mp.setenv("DOSSIER_ALIASES_PATH", str(ALIASES))
        code = main(list(argv))
    return code, out.getvalue()


@pytest.fixture(scope="module")
def answer() -> dict:
    code, out = run_main("ask", "--json", "--top", "5", QUESTION)
    assert code == 0
    return json.loads(out)


@pytest.fixture(scope="module")
def batch(cli_runs) -> list[dict]:
    result = cli_runs["batch"].result()
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return [json.loads(line) for line in result.stdout.decode("utf-8").split("\n")[:-1]]


@pytest.fixture(scope="module")
def sources() -> list[dict]:
    code, out = run_main("sources", "--json")
    assert code == 0
    return json.loads(out)["sources"]


def check_hit(hit: dict, doc_ids: set[str]) -> None:
    assert HIT_KEYS <= hit.keys()
    assert hit["doc_id"] in doc_ids
    assert isinstance(hit["paragraph"], int) and hit["paragraph"] >= 1
    assert isinstance(hit["score"], (int, float)) and hit["score"] > 0
    assert isinstance(hit["text"], str) and hit["text"]
    snippet = hit["snippet"]
    assert snippet.strip("… ") in hit["text"]
    for start, end in hit["highlights"]:
        assert 0 <= start < end <= len(snippet)
        assert snippet[start:end].strip()
    source = hit["source"]
    assert SOURCE_KEYS <= source.keys()
    assert isinstance(source["title"], str) and source["title"]
    assert source["outlet"] is None or isinstance(source["outlet"], str)
    assert source["published"] is None or date.fromisoformat(source["published"])
    assert source["url"] is None or source["url"].startswith(("http://", "https://"))


def test_ask_json_has_the_documented_keys(answer):
    assert {"question", "answered", "hits", "message", "notices", "corpus_version"} <= answer.keys()
    assert answer["question"] == QUESTION
    assert answer["answered"] is True
    assert answer["retrieval"] == "hybrid"  # the dense extra is installed: BM25 and the real model, fused
    assert "error" not in answer


def test_ask_json_says_bm25_answered_when_dense_retrieval_is_off(monkeypatch):
    out = io.StringIO()
    monkeypatch.setenv("DOSSIER_DENSE_RETRIEVAL", "false")
    monkeypatch.setenv("DOSSIER_CORPUS_DIR", str(SEEDS))
    with contextlib.redirect_stdout(out):
        assert main(["ask", "--json", QUESTION]) == 0
    assert json.loads(out.getvalue())["retrieval"] == "bm25"


def test_ask_json_hits_have_the_documented_shape(answer, sources):
    doc_ids = {s["doc_id"] for s in sources}
    assert len(answer["hits"]) == 5
    for hit in answer["hits"]:
        check_hit(hit, doc_ids)


def test_ask_json_hits_are_best_first(answer):
    scores = [h["score"] for h in answer["hits"]]
    assert scores == sorted(scores, reverse=True)


def test_ask_json_hit_source_matches_the_source_list(answer, sources):
    by_id = {s["doc_id"]: s for s in sources}
    for hit in answer["hits"]:
        listed = by_id[hit["doc_id"]]
        assert {k: hit["source"][k] for k in SOURCE_KEYS} == {k: listed[k] for k in SOURCE_KEYS}


def test_batch_writes_exactly_one_json_line_per_input_line(batch):
    assert len(batch) == len(BATCH)


@pytest.mark.parametrize("i", range(len(BATCH)))
def test_batch_line_is_an_answer_or_an_error_object(batch, sources, i):
    obj, (_, expect) = batch[i], BATCH[i]
    assert {"question", "answered", "hits"} <= obj.keys()
    if expect == "error":
        assert obj["answered"] is False and obj["hits"] == []
        assert isinstance(obj["error"], str) and obj["error"]
    else:
        assert "error" not in obj
        doc_ids = {s["doc_id"] for s in sources}
        for hit in obj["hits"]:
            check_hit(hit, doc_ids)


def test_nothing_found_json_offers_the_closest_passages_as_such(batch):
    brazil = batch[12]
    assert brazil["answered"] is False
    assert brazil["message"].startswith("Nothing found") and "closest" in brazil["message"]
    assert brazil["hits"], "the closest passages are listed, under the nothing-found message"


def test_batch_answers_stay_in_input_order(batch):
    assert batch[0]["question"] == QUESTION and batch[0]["answered"] and len(batch[0]["hits"]) == 5
    assert batch[3]["question"] == "what is the"
    assert batch[12]["question"] == "What is the population of Brazil?" and not batch[12]["answered"]


def test_batch_cleans_hidden_characters_and_undecodable_bytes(batch):
    assert batch[6]["question"] == "Taliban fighters in Kabul"
    assert batch[7]["question"] == "ISIS-K fighters"
    assert batch[9]["question"] == "Taliban \ufffd\ufffd fighters"
    assert batch[10]["question"] == "Taliban leaders in Kandahar"


def test_batch_long_line_is_cut_with_a_notice(batch):
    assert len(batch[11]["question"]) <= 500
    assert any("cut" in n for n in batch[11]["notices"])


def test_sources_json_lists_the_five_seed_documents(sources, seeds_dir):
    assert len(sources) == 5
    assert sorted(s["path"] for s in sources) == sorted(p.name for p in seeds_dir.glob("*.txt"))
    assert len({s["doc_id"] for s in sources}) == 5
    for source in sources:
        assert SOURCE_KEYS | {"doc_id"} <= source.keys()
        assert source["title"]


def test_sources_json_carries_manifest_and_page_metadata(sources):
    dawn = next(s for s in sources if s["path"].startswith("002_"))
    assert (dawn["outlet"], dawn["published"]) == ("Dawn", "2023-04-25")
    saudi = next(s for s in sources if s["path"].startswith("000_"))
    assert saudi["title"] == "Once Enemies, US And Taliban Find Common Ground Against ISIS"
