"""Every renderer takes its source link from bot/render/links.py: terminal text and the JSON `source.link`."""

from tests.bot.web.web_cli import cli_json, cli_output
from tests.bot.web.web_corpus import ANSWER_PARAGRAPH, PUBLIC, QUESTION


def test_terminal_answer_links_to_the_public_paragraph(monkeypatch, capsys, corpus_dir):
    out = cli_output(monkeypatch, capsys, corpus_dir, ["ask", QUESTION, "--top", "1"], PUBLIC)
    assert f"{PUBLIC}/docs/reservoir#p{ANSWER_PARAGRAPH}" in out
    assert "news.example.org" not in out


def test_terminal_answer_falls_back_to_the_canonical_url(monkeypatch, capsys, corpus_dir):
    out = cli_output(monkeypatch, capsys, corpus_dir, ["ask", QUESTION, "--top", "1"])
    assert 'https://news.example.org/reservoir?a=1&b="2"' in out
    assert "/docs/" not in out


def test_terminal_answer_names_a_source_without_any_address(monkeypatch, capsys, corpus_dir):
    argv = ["ask", "fighters crossed the Torkham border", "--top", "1"]
    out = cli_output(monkeypatch, capsys, corpus_dir, argv)
    assert "¶1 [hostile]" in out
    assert "javascript:" not in out


def test_json_hit_has_public_link_beside_canonical_url(monkeypatch, capsys, corpus_dir):
    answer = cli_json(monkeypatch, capsys, corpus_dir, ["ask", QUESTION, "--json"], PUBLIC)
    source = answer["hits"][0]["source"]
    assert source["link"] == f"{PUBLIC}/docs/reservoir#p{ANSWER_PARAGRAPH}"
    assert source["url"] == 'https://news.example.org/reservoir?a=1&b="2"'


def test_json_link_is_null_without_public_address(monkeypatch, capsys, corpus_dir):
    answer = cli_json(monkeypatch, capsys, corpus_dir, ["ask", QUESTION, "--json"])
    assert answer["hits"][0]["source"]["link"] is None
    sources = cli_json(monkeypatch, capsys, corpus_dir, ["sources", "--json"])["sources"]
    assert [s["link"] for s in sources] == [None, None]


def test_sources_json_links_each_document_page(monkeypatch, capsys, corpus_dir):
    sources = cli_json(monkeypatch, capsys, corpus_dir, ["sources", "--json"], PUBLIC)["sources"]
    assert {s["doc_id"]: s["link"] for s in sources} == {"hostile": f"{PUBLIC}/docs/hostile",
                                                         "reservoir": f"{PUBLIC}/docs/reservoir"}
