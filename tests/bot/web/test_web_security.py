"""Read-only, escaped, opaque ids: hostile corpus text and requests never become markup or file reads."""

import html

import pytest

from bot.web.app import SECURITY_HEADERS
from tests.bot.web.web_corpus import CANONICAL_LINK, EVIL_IMG, EVIL_SCRIPT
from tests.bot.web.web_http import raw_get

TRAVERSALS = [
    "/docs/..%2f..%2fetc%2fpasswd",
    "/docs/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/docs/..%5c..%5cwindows%5cwin.ini",
    "/docs/../../etc/passwd",
    "/docs/reservoir/../../../etc/passwd",
    "/docs/reservoir%00",
    "/docs/%00",
    "/docs/reservoir.txt",
    "/docs/sources.toml",
    "/docs/" + "a" * 3000,
    "/docs/%252e%252e%252fetc%252fpasswd",
    "/docs/%E2%80%AEreservoir",
]


@pytest.mark.parametrize("path", TRAVERSALS)
async def test_document_ids_that_are_not_in_the_corpus_are_404(client, path):
    status, body = await raw_get(client.port, path)
    assert status == 404
    assert "root:" not in body and "[[source]]" not in body


async def test_hostile_article_text_is_shown_as_text(client):
    body = await (await client.get("/docs/hostile")).text()
    assert "<script>" not in body and "<img" not in body and "<b>" not in body
    assert "&lt;script&gt;alert(&#x27;corpus&#x27;)&lt;/script&gt;" in body
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in body
    assert "&lt;b&gt;bold tags&lt;/b&gt; and an ampersand &amp; semicolon;" in body


async def test_hostile_text_in_answers_and_sources_is_escaped(client):
    for path, params in (("/", {"q": "fighters crossed Torkham"}), ("/sources", {})):
        body = await (await client.get(path, params=params)).text()
        assert "<script>" not in body and "<img" not in body
        assert "&lt;script&gt;" in body


async def test_only_http_canonical_urls_become_links(client):
    for path in ("/docs/hostile", "/sources", "/?q=fighters+crossed+Torkham"):
        body = await (await client.get(path)).text()
        assert "javascript:" not in body
    body = await (await client.get("/docs/reservoir")).text()
    assert CANONICAL_LINK in body


@pytest.mark.parametrize("question", [EVIL_SCRIPT, EVIL_IMG, '"><script>alert(1)</script>', "</q><b>x"])
async def test_questions_are_escaped_everywhere_they_are_shown(client, question):
    for path in ("/", "/docs/reservoir"):
        body = await (await client.get(path, params={"q": question})).text()
        assert "<script>" not in body and "<img" not in body and "<b>" not in body
        assert html.escape(question, quote=True) in body


async def test_question_is_escaped_inside_the_input_value(client):
    body = await (await client.get("/", params={"q": '"><script>alert(1)</script>'})).text()
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in body


@pytest.mark.parametrize("path", ["/", "/?q=reservoir", "/docs/reservoir", "/docs/nope", "/sources",
                                  "/api/ask?q=reservoir", "/api/sources", "/healthz", "/static/dossier.css",
                                  "/missing"])
async def test_every_response_carries_the_security_headers(client, path):
    response = await client.get(path)
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value
    assert "script-src" not in response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
@pytest.mark.parametrize("path", ["/", "/docs/reservoir", "/api/ask?q=x", "/healthz", "/missing"])
async def test_only_get_and_head_are_allowed(client, method, path):
    response = await client.request(method, path, data=b"x=1")
    assert response.status == 405
    assert response.headers["Allow"] == "GET,HEAD"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


async def test_head_is_answered_like_get_without_a_body(client):
    response = await client.head("/docs/reservoir")
    assert response.status == 200
    assert await response.read() == b""
