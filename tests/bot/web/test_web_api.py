"""The JSON API answers exactly what the command line prints; /healthz tells when a corpus is live."""

from aiohttp.test_utils import TestClient, TestServer

from bot.core.build import build_corpus
from bot.core.service import Service
from bot.web import build_app
from tests.bot.web.web_cli import cli_json
from tests.bot.web.web_corpus import PUBLIC, QUESTION


async def test_api_ask_is_the_same_json_as_dossier_ask(client, monkeypatch, capsys, corpus_dir):
    response = await client.get("/api/ask", params={"q": QUESTION})
    assert response.status == 200 and response.content_type == "application/json"
    expected = cli_json(monkeypatch, capsys, corpus_dir, ["ask", QUESTION, "--json"], PUBLIC)
    assert await response.json() == expected
    assert expected["hits"][0]["source"]["link"] == f"{PUBLIC}/docs/reservoir#p12"


async def test_api_ask_reports_nothing_found_with_closest(client):
    answer = await (await client.get("/api/ask", params={"q": "penguin zebra reservoir"})).json()
    assert answer["answered"] is False and answer["hits"]
    assert "closest" in answer["message"] and answer["message"].startswith("Nothing found")


async def test_api_ask_honours_top_and_refuses_a_bad_one(client):
    answer = await (await client.get("/api/ask", params={"q": "river pipes workers", "top": "2"})).json()
    assert len(answer["hits"]) == 2
    for top in ("0", "51", "abc", "-1", "99999999999"):
        response = await client.get("/api/ask", params={"q": "river", "top": top})
        assert response.status == 400
        assert (await response.json())["error"] == "top takes a number from 1 to 50"


async def test_api_ask_without_a_question_is_a_400_with_the_explanation(client):
    for params in ({}, {"q": ""}, {"q": "?!"}):
        response = await client.get("/api/ask", params=params)
        assert response.status == 400
        answer = await response.json()
        assert answer["answered"] is False and answer["error"]


async def test_api_sources_is_the_same_json_as_dossier_sources(client, monkeypatch, capsys, corpus_dir):
    response = await client.get("/api/sources")
    expected = cli_json(monkeypatch, capsys, corpus_dir, ["sources", "--json"], PUBLIC)
    assert await response.json() == expected
    assert [s["doc_id"] for s in expected["sources"]] == ["hostile", "reservoir"]


async def test_api_unknown_path_is_a_json_404(client):
    response = await client.get("/api/nothing")
    assert response.status == 404
    assert await response.json() == {"error": "Not Found"}


async def test_healthz_is_ready_with_a_loaded_corpus(client, service):
    response = await client.get("/healthz")
    assert response.status == 200
    assert await response.json() == {"status": "ready", "corpus_version": service.corpus.version,
                                     "documents": 2, "passages": 20, "platforms": {}}


async def test_healthz_is_not_ready_without_documents(settings, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "blank.txt").write_text("   \n", encoding="utf-8")
    service = Service(settings, build_corpus(empty, None, None, settings.max_file_bytes))
    async with TestClient(TestServer(build_app(settings, service), host="127.0.0.1")) as client:
        response = await client.get("/healthz")
        assert response.status == 503
        assert (await response.json())["status"] == "not ready"
