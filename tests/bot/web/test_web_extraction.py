"""The actors, figures and timeline pages and their API, over two outlets' reports of one flood."""

import html
import re
from pathlib import Path

import pytest

from tests.bot.web.web_cli import cli_json
from tests.bot.web.web_news_corpus import HOSTILE_EVENT, HOSTILE_OUTLET, HOSTILE_QUOTE, write_news


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    return write_news(tmp_path / "news")


@pytest.mark.parametrize(("path", "argv"), [
    ("/api/actors", ["actors", "--json"]),
    ("/api/actors?kind=person", ["actors", "--kind", "person", "--json"]),
    ("/api/actors?name=Kowalski", ["actors", "--name", "Kowalski", "--json"]),
    ("/api/figures", ["figures", "--json"]),
    ("/api/figures?topic=people", ["figures", "--topic", "people", "--json"]),
    ("/api/timeline", ["timeline", "--json"]),
    ("/api/timeline?from=2024-05-04&to=2024-05", ["timeline", "--from", "2024-05-04", "--to", "2024-05", "--json"]),
    ("/api/timeline?actor=Red+Cross", ["timeline", "--actor", "Red Cross", "--json"]),
])
async def test_api_is_the_same_json_as_the_command_line(client, monkeypatch, capsys, corpus_dir, path, argv):
    response = await client.get(path)
    assert response.status == 200 and response.content_type == "application/json"
    expected = cli_json(monkeypatch, capsys, corpus_dir, argv)
    assert await response.json() == expected
    assert next(iter(expected.values()))  # every case above finds something


@pytest.mark.parametrize(("path", "argv"), [
    ("/api/actors?kind=bogus", ["actors", "--name", "Nobody Atall", "--json"]),
    ("/api/actors?name=Nobody+Atall", ["actors", "--name", "Nobody Atall", "--json"]),
    ("/api/timeline?actor=Nobody+Atall", ["timeline", "--actor", "Nobody Atall", "--json"]),
    ("/api/timeline?from=2024-13", ["timeline", "--from", "2024-13", "--json"]),
])
async def test_api_bad_filters_are_400_with_the_message(client, monkeypatch, capsys, corpus_dir, path, argv):
    response = await client.get(path)
    assert response.status == 400
    body = await response.json()
    assert set(body) == {"error"} and body["error"]
    if "kind" not in path:
        assert body == cli_json(monkeypatch, capsys, corpus_dir, argv)


@pytest.mark.parametrize("path", ["/api/timeline?from=yesterday", "/api/timeline?to=2024-02-30",
                                  "/api/timeline?from=0000", "/api/timeline?from=" + "2" * 11,
                                  "/api/actors?name=" + "x" * 101, "/api/figures?topic=" + "y" * 101,
                                  "/api/timeline?actor=" + "z" * 101, "/api/actors?kind=" + "k" * 30])
async def test_api_refuses_unreadable_or_overlong_filters(client, path):
    response = await client.get(path)
    assert response.status == 400
    assert len((await response.json())["error"]) < 200


@pytest.mark.parametrize(("path", "message"), [
    ("/timeline?from=2024-13", "has no month 13"),
    ("/timeline?to=soon", "is not a date"),
    ("/timeline?actor=Nobody+Atall", "No actor called"),
    ("/actors?kind=bogus", "Unknown kind"),
    ("/actors?name=Nobody+Atall", "No actor called"),
    ("/figures?topic=" + "y" * 101, "at most 100 characters"),
    ("/timeline?from=" + "1" * 11, "at most 10 characters"),
])
async def test_pages_say_politely_what_is_wrong_with_a_filter(client, path, message):
    response = await client.get(path)
    body = await response.text()
    assert response.status == 400 and response.content_type == "text/html"
    assert re.search(r'<p class="nothing" role="alert">[^<]*' + re.escape(html.escape(message, quote=True)), body)
    assert '<form class="filter"' in body


async def test_every_page_shows_the_new_tabs_and_marks_its_own(client):
    for path, label in (("/actors", "Actors"), ("/figures", "Figures"), ("/timeline", "Timeline")):
        body = await (await client.get(path)).text()
        nav = body.split("<nav", 1)[1].split("</nav>", 1)[0]
        assert re.findall(r'<a href="([^"]+)"', nav) == ["/", "/actors", "/figures", "/timeline", "/sources"]
        assert f'<a href="{path}" aria-current="page">{label}</a>' in nav
    assert '<a href="/timeline">Timeline</a>' in await (await client.get("/")).text()


async def test_actors_page_lists_and_filters_by_kind(client):
    body = await (await client.get("/actors")).text()
    assert '<a href="/actors?name=Anna+Kowalski">Anna Kowalski</a>' in body
    assert "person · 4 mentions in 2 articles · Mayor" in body and "also Kowalski" in body
    assert '<a href="/actors?name=Red+Cross">Red Cross</a>' in body
    people = await (await client.get("/actors", params={"kind": "person"})).text()
    assert "Anna Kowalski" in people and "Red Cross" not in people
    assert '<a href="/actors?kind=person" aria-current="true">person</a>' in people


async def test_actor_profile_has_aliases_roles_and_quotes_linked_to_their_paragraphs(client):
    body = await (await client.get("/actors", params={"name": "kowalski"})).text()
    assert "<h1>Anna Kowalski</h1>" in body and "Also called: Kowalski" in body
    assert 'Mayor — <a class="passage-link" href="/docs/valley#p1">Valley Post, ¶1</a>' in body
    quote = body.split("We have never seen water like this")[1].split("</li>")[0]
    assert 'href="/docs/valley#p2">Valley Post, ¶2</a>' in quote


async def test_figures_page_shows_the_disagreement_with_each_outlet_and_paragraph(client):
    body = await (await client.get("/figures")).text()
    group = body.split('<section class="group differ">')[1].split("</section>")[0]
    assert "Sources differ: 2 reports." in group
    assert '<strong class="value">42</strong> At least 42 people — <a class="passage-link" ' \
           'href="/docs/valley#p3">Valley Post, ¶3</a>' in group
    assert f'<strong class="value">57</strong> At least 57 people — <a class="passage-link" ' \
           f'href="/docs/wire#p1">{html.escape(HOSTILE_OUTLET)}, ¶1</a>' in group
    assert "<blockquote>“At least 42 people died in the floods" in body
    on_topic = await (await client.get("/figures", params={"topic": "metres"})).text()
    assert "two metres overnight" in on_topic and "Sources differ" not in on_topic


async def test_timeline_is_in_date_order_with_precision_and_an_honest_unknown_year(client):
    body = await (await client.get("/timeline")).text()
    dates = re.findall(r'<time datetime="([^"]+)">', body)
    assert dates == ["2024-05-03", "2024-05-04", "2024-05-05", "--10-12"]
    assert '<time datetime="--10-12">12 October, year unknown</time><span class="precision">year unknown</span>' \
        in body
    assert '<time datetime="2024-05-03">3 May 2024</time><span class="precision">day</span>' in body
    assert 'href="/docs/valley#p4">Valley Post, ¶4</a>' in body
    assert 'With <a href="/actors?name=Red+Cross">Red Cross</a>' in body
    narrowed = await (await client.get("/timeline", params={"from": "2024-05-04", "to": "2024-05-04"})).text()
    assert re.findall(r'<time datetime="([^"]+)">', narrowed) == ["2024-05-04"]
    assert 'value="2024-05-04"' in narrowed


async def test_hostile_corpus_text_stays_text_on_every_new_page(client):
    pages = [await (await client.get(p)).text() for p in
             ("/actors?name=Anna+Kowalski", "/figures", "/timeline", "/actors")]
    for body in pages:
        assert "<script>" not in body and "<img" not in body and "<b>" not in body
    assert html.escape(HOSTILE_QUOTE, quote=True) in pages[0]
    assert html.escape(HOSTILE_OUTLET, quote=True) in pages[0] + pages[1]
    assert html.escape(HOSTILE_EVENT, quote=True) in pages[2]


@pytest.mark.parametrize("value", ['"><script>alert(1)</script>', "<img src=x onerror=alert(1)>", "\u202e\x00é"])
async def test_hostile_filters_are_escaped(client, value):
    for path, name in (("/actors", "name"), ("/figures", "topic"), ("/timeline", "actor"), ("/timeline", "from")):
        response = await client.get(path, params={name: value})
        body = await response.text()
        assert "<script>" not in body and "<img" not in body
        assert response.status in (200, 400)
