"""The ask page, the document page and the sources page, read through a real server on 127.0.0.1."""

import re

from tests.bot.web.web_corpus import ANSWER_PARAGRAPH, CANONICAL_LINK, QUESTION


async def test_empty_ask_page_shows_the_box_the_corpus_and_the_sources_link(client):
    response = await client.get("/")
    body = await response.text()
    assert response.status == 200
    assert response.content_type == "text/html"
    assert '<input id="q" name="q" type="search"' in body
    assert "2 articles, 20 passages" in body
    assert '<a href="/sources">Sources</a>' in body


async def test_answer_quotes_with_marks_outlet_date_paragraph_and_link(client):
    body = await (await client.get("/", params={"q": QUESTION})).text()
    first = body.split('<li class="hit">')[1]
    assert "<mark>Qargha reservoir</mark>" in first
    assert "40 metres <mark>deep</mark>" in first
    assert "Kabul Daily" in first and '<time datetime="2024-03-05">' in first
    assert f"¶{ANSWER_PARAGRAPH}" in first
    link = re.search(r'class="source-link" href="([^"]+)"', first).group(1)
    assert link == f"/docs/reservoir?q=How+deep+is+the+Qargha+reservoir%3F#p{ANSWER_PARAGRAPH}"
    assert CANONICAL_LINK in first
    assert "Nothing found" not in body


async def test_nothing_found_is_said_and_closest_passages_are_labelled(client):
    body = await (await client.get("/", params={"q": "penguin zebra reservoir"})).text()
    assert '<p class="nothing">Nothing found: no passage answers that question with confidence.' in body
    assert "Closest passages (not an answer)" in body
    assert '<ol class="hits closest">' in body
    assert '<ol class="hits">' not in body


async def test_unsearchable_question_gets_its_explanation(client):
    body = await (await client.get("/", params={"q": "???"})).text()
    assert "That question has no words to search for." in body
    assert '<li class="hit">' not in body


async def test_long_question_is_cut_and_says_so(client):
    body = await (await client.get("/", params={"q": "reservoir " * 600})).text()
    assert "Your question was cut to its first 500 characters." in body


async def test_document_page_numbers_paragraphs_with_anchors_and_shows_metadata(client):
    response = await client.get("/docs/reservoir")
    body = await response.text()
    assert response.status == 200
    ids = re.findall(r'<p id="(p\d+)" class="para body">', body)
    assert ids == [f"p{n}" for n in range(1, 18)]
    assert "<h1>Kabul Water Works Plans A Season Of Repairs</h1>" in body
    assert 'Kabul Daily · published <time datetime="2024-03-05">2024-03-05</time>' in body
    assert 'rel="noopener noreferrer" target="_blank">original article</a>' in body
    assert "<mark>" not in body


async def test_document_page_marks_the_question_terms_when_the_link_carries_it(client):
    body = await (await client.get("/docs/reservoir", params={"q": QUESTION})).text()
    target = re.search(rf'<p id="p{ANSWER_PARAGRAPH}" [^>]*>(.*?)</p>', body).group(1)
    assert "<mark>Qargha reservoir</mark>" in target and "<mark>deep</mark>" in target
    assert "Words of <q>How deep is the Qargha reservoir?</q> are marked." in body
    assert '<a href="/docs/reservoir">Show without marks</a>' in body
    other = re.search(r'<p id="p1" [^>]*>(.*?)</p>', body).group(1)
    assert "<mark>" not in other


async def test_document_page_ignores_a_question_with_nothing_to_mark(client):
    body = await (await client.get("/docs/reservoir", params={"q": "!!!"})).text()
    assert "<mark>" not in body and "are marked" not in body


async def test_sources_page_lists_every_document_with_its_page(client):
    body = await (await client.get("/sources")).text()
    assert '<a href="/docs/reservoir">Kabul Water Works Plans A Season Of Repairs</a>' in body
    assert '<a href="/docs/hostile">' in body
    assert "2 articles." in body
    assert 'aria-current="page">Sources</a>' in body


async def test_stylesheet_is_served_as_css(client):
    response = await client.get("/static/dossier.css")
    assert response.status == 200 and response.content_type == "text/css"
    assert ".para:target" in await response.text()


async def test_unknown_page_is_a_404_page(client):
    response = await client.get("/nowhere")
    assert response.status == 404
    assert "Not Found" in await response.text()
