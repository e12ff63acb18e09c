"""/actors, /figures and /timeline over the bundled articles: Block Kit lists with quotes, links and paging."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEEDS
from tests.e2e.slack.fake_slack import FakeSlack, check_message
from tests.e2e.slack.harness import LIST_MORE, ask, has_more, running, shown, slack_settings

BASE = "https://dossier.example"


@pytest.fixture
async def seeds_bot(fake: FakeSlack, tmp_path: Path):
    settings = slack_settings(SEEDS, fake, public_base_url=BASE, database_path=tmp_path / "db.sqlite3")
    async with running(settings, fake) as service:
        yield service


async def click_more(fake: FakeSlack, reply: dict[str, Any]) -> dict[str, Any]:
    before = len(fake.responses)
    await fake.send("interactive", fake.click_response(reply, LIST_MORE))
    return (await fake.wait_responses(before + 1))[before]


async def test_actors_lists_name_kind_mentions_and_documents(fake: FakeSlack, seeds_bot) -> None:
    reply = await ask(fake, "/actors", "")
    text = shown(reply)
    assert reply["response_type"] == "ephemeral" and check_message(reply, None) is None
    assert "*Taliban* — group · " in text and "in 5 documents" in text
    assert "*ISIS-K* — group" in text and "Islamic State Khorasan" in text
    assert "Actors: 1–25 of " in text and has_more(reply)
    assert "Taliban" in reply["text"]  # the plain fallback names the entries too


async def test_actors_kind_option_keeps_only_that_kind(fake: FakeSlack, seeds_bot) -> None:
    text = shown(await ask(fake, "/actors", "kind:person"))
    kinds = re.findall(r"^• \*[^*]+\* — (\w+) · ", text, re.MULTILINE)
    assert kinds and set(kinds) == {"person"}
    assert "*Joe Biden* — person" in text and "*Taliban*" not in text


async def test_actors_name_shows_the_profile_with_aliases_and_linked_passages(fake: FakeSlack, seeds_bot) -> None:
    text = shown(await ask(fake, "/actors", "name:ISIS-K"))
    assert "*ISIS-K* — group · " in text
    assert "*Also called:* Islamic State Khorasan" in text
    assert f"<{BASE}/docs/000_ba03e6fc634dcc76#p3|Once Enemies, US And Taliban Find Common Ground Against ISIS, ¶3>" \
        in text
    assert "more passages" in text


async def test_a_person_profile_has_role_and_quote_linked_to_its_paragraph(fake: FakeSlack, seeds_bot) -> None:
    text = shown(await ask(fake, "/actors", "Deborah Lyons"))  # words alone mean name:
    assert "*Deborah Lyons* — person" in text
    assert "*Role:* United Nations Secretary General's Special Representative to Afghanistan" in text
    quote = re.search(r"> “once limited to a few provinces and Kabul[^”]*”\n(.+)", text)
    assert quote is not None
    assert f"<{BASE}/docs/004_04fe92d11e718b67#p16|" in quote.group(1) and "We're Live Bangla" in quote.group(1)


async def test_figures_on_the_airport_show_every_death_toll_with_its_outlet(fake: FakeSlack, seeds_bot) -> None:
    reply = await ask(fake, "/figures", "topic:airport")
    text = shown(reply)
    differ = "sources differ: *60* (Saudi Press) · *170* (Asia Times) · *169* (Newsweek)"
    assert f"*Kabul: Afghans killed* — {differ}" in text
    assert "*Kabul: U.S. service members killed* — sources agree" in text
    for value, outlet, passage, words in [("60", "Saudi Press", "000_ba03e6fc634dcc76#p3", "at least 60 Afghans"),
                                          ("170", "Asia Times", "001_b2957a9caff7a1c7#p3", "killed 170"),
                                          ("169", "Newsweek", "003_887a03a712df1525#p2", "At least 169 Afghans")]:
        line = re.search(rf"^• \*{value}\* .* — {outlet} · <{re.escape(BASE)}/docs/{passage}\|[^>]+>\n> (.+)$",
                         text, re.MULTILINE)
        assert line is not None, value
        assert words in line.group(1)
    differ = "sources differ: 60 (Saudi Press) · 170 (Asia Times) · 169 (Newsweek)"
    assert f"Kabul: Afghans killed, {differ}" in reply["text"]


def _dates(text: str) -> list[tuple[int, ...]]:
    """The rendered event dates as (year, month, day) with 0 for what the precision leaves out."""
    out = []
    for shown_date in re.findall(r"^• \*([^*]+)\* — ", text, re.MULTILINE):
        for fmt, parts in (("%d %B %Y", 3), ("%B %Y", 2), ("%Y", 1)):
            try:
                d = datetime.strptime(shown_date, fmt)
            except ValueError:
                continue
            out.append((d.year, d.month if parts > 1 else 0, d.day if parts > 2 else 0))
            break
        else:
            raise AssertionError(f"unreadable date {shown_date!r}")
    return out


async def test_timeline_of_an_actor_from_a_month_is_in_date_order(fake: FakeSlack, seeds_bot) -> None:
    text = shown(await ask(fake, "/timeline", "actor:ISIS-K from:2021-08"))
    dates = _dates(text)
    assert len(dates) >= 3 and dates == sorted(dates)
    assert all(d >= (2021, 8, 0) for d in dates)
    assert re.search(rf"\*26 August 2021\* — ISIS-K's Kabul airport suicide bomb attack.*\n.*Asia Times · "
                     rf"<{re.escape(BASE)}/docs/001_b2957a9caff7a1c7#p3\|", text)
    assert "*Timeline: ISIS-K from 2021-08*" in text


async def test_more_results_pages_to_the_end_where_unknown_years_are_said_so(fake: FakeSlack, seeds_bot) -> None:
    page = await ask(fake, "/timeline", "")
    total = int(re.search(r"Timeline: 1–10 of (\d+)", shown(page)).group(1))
    assert total > 10 and has_more(page)  # the seed corpus's timeline takes more than one page
    for start in range(11, total + 1, 10):
        page = await click_more(fake, page)
        assert f"Timeline: {start}–{min(start + 9, total)} of {total}" in shown(page)
        assert page["response_type"] == "ephemeral"
    text = shown(page)
    assert not has_more(page)
    assert "*2 March, year unknown* — " in text and "*May, year unknown* — " in text


async def test_paging_keeps_the_options_in_the_button(fake: FakeSlack, seeds_bot) -> None:
    first = await ask(fake, "/actors", "kind:person")
    second = await click_more(fake, first)
    kinds = re.findall(r"^• \*[^*]+\* — (\w+) · ", shown(second), re.MULTILINE)
    assert kinds and set(kinds) == {"person"}
    assert "Actors (person): 26–" in shown(second)


async def test_a_forged_list_button_gets_a_polite_line(fake: FakeSlack, seeds_bot) -> None:
    first = await ask(fake, "/actors", "")
    click = fake.click_response(first, LIST_MORE)
    click["actions"][0]["value"] = json.dumps({"c": "actors", "f": {"colour": "red"}, "o": 25})
    await fake.send("interactive", click)
    [_, reply] = await fake.wait_responses(2)
    assert reply["text"] == "That button no longer works; please run the command again."
