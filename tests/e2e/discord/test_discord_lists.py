"""/actors, /figures and /timeline over the real protocol: lists, profiles, disagreements, paging, limits."""

from __future__ import annotations

import calendar
import re
import time

from bot.core.service import Service
from bot.discord.render.text import escape
from tests.e2e.discord import payloads as p
from tests.e2e.discord.conftest import start_bot

LINK = re.compile(r"\]\(https://news\.example/[^)\s]+\)")


def more_button(message: dict) -> str | None:
    ids = [b["custom_id"] for row in message.get("components", []) for b in row["components"]]
    return next((i for i in ids if i.startswith("dossier:list:")), None)


async def answer(bot, command: str, **options) -> dict:
    """The bot's direct answer (callback type 4) to a slash command."""
    token = await bot.slash(command, **options)
    reply = await bot.callback(token)
    assert reply.status == 200 and reply.body["type"] == 4
    return reply.body["data"] | {"token": token}


async def every_page(bot, command: str, **options) -> list[dict]:
    """The embeds of a list, paging with "More" until it runs out."""
    first = await answer(bot, command, **options)
    embeds, message = [first["embeds"][0]], bot.fake.interactions[first["token"]].messages["@original"]
    while (more := more_button(message)) is not None:
        click = await bot.click(more, message)
        assert (await bot.callback(click)).body["type"] == 6  # deferred update of the same message
        await bot.reply_to(click)
        message = bot.fake.interactions[click].messages["@original"]
        embeds.append(message["embeds"][0])
        assert len(embeds) < 40
    return embeds


async def test_actors_lists_names_kinds_mentions_and_articles(bot):
    reply = await answer(bot, "actors")
    embed = reply["embeds"][0]
    assert embed["title"] == escape(f"Actors ({len(bot.service.actors())})")
    assert "**Taliban** · group · " in embed["description"]
    assert re.search(r"\*\*ISIS-K\*\* · group · \d+ mentions in 5 articles", embed["description"])
    assert embed["footer"]["text"].startswith("Entries 1–15 of ")
    assert reply["allowed_mentions"] == {"parse": []} and not reply.get("flags")
    assert more_button(reply) == f"dossier:list:actors:{p.MEMBER_ID}:15"


async def test_actor_profile_shows_aliases_and_linked_passages(bot):
    embed = (await answer(bot, "actors", name="ISIS-K"))["embeds"][0]
    assert embed["title"] == "ISIS-K"
    assert "**group**" in embed["description"] and "Also called: Islamic State Khorasan" in embed["description"]
    assert "Named in *" in embed["description"] and LINK.search(embed["description"])


async def test_a_persons_profile_shows_role_and_quotes_with_their_links(bot):
    embeds = await every_page(bot, "actors", name="Suhail Shaheen")
    text = "\n\n".join(e["description"] for e in embeds)
    assert "Role: Taliban spokesman — [" in embeds[0]["description"]
    quotes = re.findall(r"> “.+”\n— \[[^\]]+, ¶\d+\]\(https://news\.example/[^)]+\)", text)
    assert len(quotes) == len(bot.service.actors(name="Suhail Shaheen")[0].quotes) >= 1


async def test_figures_on_the_airport_show_every_differing_toll_with_its_outlet(bot):
    embeds = await every_page(bot, "figures", topic="airport")
    text = "\n\n".join(e["description"] for e in embeds)
    heading = next(line for line in text.split("\n") if line.startswith("__**Kabul: Afghans killed**__"))
    assert "sources differ" in heading
    for value, outlet in (("60", "Saudi Press"), ("170", "Asia Times"), ("169", "Newsweek")):
        assert f"{value} ({outlet})" in heading
    assert re.search(r"\*\*169\*\* · At least 169 Afghans — \[Newsweek, ¶\d+\]\(https://news\.example/", text)
    assert "> “At least 169 Afghans were killed in the attacks" in text
    assert embeds[0]["title"] == "Figures on “airport”"


def iso_date(day: str, month: str, year: str) -> tuple[str, str]:
    """A date as the timeline words it ("26 August 2021", "August 2021", "2021"), as ISO text and precision."""
    if not month:
        return year, "year"
    number = f"{list(calendar.month_name).index(month):02d}"
    return (f"{year}-{number}-{int(day):02d}", "day") if day else (f"{year}-{number}", "month")


async def test_timeline_of_an_actor_from_a_month_is_sorted_with_links(bot):
    embed = (await answer(bot, "timeline", actor="ISIS-K", **{"from": "2021-08"}))["embeds"][0]
    dates = [iso_date(*m) for m in re.findall(r"^\*\*(?:(\d{1,2}) )?(?:([A-Z][a-z]+) )?(\d{4})\*\*",
                                                 embed["description"], re.M)]
    assert dates and [d for d, _ in dates] == sorted(d for d, _ in dates)
    assert all(d >= "2021-08" for d, _ in dates) and ("2021-08-26", "day") in dates
    assert len(LINK.findall(embed["description"])) >= len(dates)
    assert "Actor: ISIS-K" in embed["footer"]["text"] and "From: 2021-08" in embed["footer"]["text"]


async def test_paging_a_long_list_shows_every_actor_once_for_the_asker_only(bot):
    first = await answer(bot, "actors")
    message = bot.fake.interactions[first["token"]].messages["@original"]
    stranger = await bot.click(more_button(first), message, user_id=p.OTHER_ID)
    refusal = (await bot.callback(stranger)).body
    assert refusal["data"]["flags"] & 64 and "Only the person who asked" in refusal["data"]["content"]

    embeds = await every_page(bot, "actors")
    names = [n for e in embeds for n in re.findall(r"^\*\*(.+?)\*\* · ", e["description"], re.M)]
    assert len(embeds) > 2 and names == [escape(a.name) for a in bot.service.actors()]
    assert embeds[1]["footer"]["text"].startswith("Entries 16–30 of")
    assert bot.fake.refused() == []


async def test_the_whole_timeline_pages_to_dates_whose_year_is_unknown(bot):
    embeds = await every_page(bot, "timeline")
    text = "\n".join(e["description"] for e in embeds)
    assert ", year unknown" in text and text.count("\n**") + 1 >= len(bot.service.timeline())
    assert bot.fake.refused() == []


async def test_actor_autocomplete_offers_names_and_aliases_of_extracted_actors(bot):
    choices = (await bot.callback(await bot.autocomplete("timeline", "actor", "isis"))).body["data"]["choices"]
    assert choices[0] == {"name": "ISIS-K", "value": "ISIS-K"}
    alias = (await bot.callback(await bot.autocomplete("actors", "name", "khorasan"))).body["data"]["choices"]
    assert {"name": "Islamic State Khorasan (ISIS-K)", "value": "ISIS-K"} in alias
    people = (await bot.callback(await bot.autocomplete("actors", "name", "shaheen"))).body["data"]["choices"]
    assert [c["value"] for c in people] == ["Suhail Shaheen"]


async def test_an_unknown_actor_or_bad_date_is_answered_politely_and_privately(bot):
    unknown = await answer(bot, "timeline", actor="Nobody Atall")
    assert unknown["flags"] & 64 and unknown["content"] == "No actor called “Nobody Atall” appears in this corpus."
    bad = await answer(bot, "timeline", **{"from": "August"})
    assert bad["flags"] & 64 and "is not a date" in bad["content"]
    profile = await answer(bot, "actors", name="@everyone")
    assert profile["flags"] & 64 and "No actor called" in profile["content"]


async def test_huge_and_hostile_articles_keep_every_page_within_limits_and_links(settings, corpus):
    manifest = corpus / "sources.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + '\n[[source]]\nfile = "huge.txt"\n'
                        'outlet = "**Loud** @everyone [x](https://evil.example)"\nurl = "https://news.example/huge"\n',
                        encoding="utf-8")
    quote = "We will keep fighting *ISIS-K* @everyone " * 40
    para = (f'Taliban spokesman Zabihullah Mujahid said: "{quote}" At least 30 fighters were killed in '
            f"Kunduz on August 3, 2021, and 45 fighters on August 9, 2021. ")
    (corpus / "huge.txt").write_text("Huge report\n\n" + "\n\n".join([para * 3] * 30), encoding="utf-8")
    async for bot in start_bot(settings, Service.load(settings)):
        for command, options in (("actors", {"name": "Zabihullah Mujahid"}), ("figures", {"topic": "fighters"}),
                                 ("timeline", {"actor": "Taliban"})):
            embeds = await every_page(bot, command, **options)
            text = "\n".join(e["description"] for e in embeds)
            assert "https://news.example/huge" in text and not re.search(r"(?<!\\)\]\(https://evil", text)
            assert not re.search(r"(?<!\\)@everyone", text)
            for entry in text.split("\n\n"):  # every quote keeps its source link whole
                if "> “" in entry:
                    assert re.search(r"\]\(https://news\.example/[^)\s]+\)", entry), entry
        assert bot.fake.refused() == []


class SlowService(Service):
    """A service whose lists take longer than the bot waits before acknowledging."""

    def figures(self, topic=None):
        time.sleep(2.0)
        return super().figures(topic)

    def timeline(self, actor=None, date_from=None, date_to=None):
        time.sleep(2.0)
        return super().timeline(actor, date_from, date_to)


async def test_a_slow_list_is_acknowledged_in_time_and_its_error_stays_private(settings):
    async for bot in start_bot(settings, SlowService.load(settings)):
        slow = await bot.slash("figures", topic="airport")
        assert (await bot.callback(slow)).body["type"] == 5
        assert "Kabul: U.S. service members killed" in (await bot.reply_to(slow)).message()["embeds"][0]["description"]
        bad = await bot.slash("timeline", actor="Nobody Atall")
        assert (await bot.callback(bad)).body["type"] == 5
        await bot.reply_to(bad)
        assert "No actor called" in bot.private_notice(bad)  # the public placeholder is gone
        assert any(s.method == "DELETE" and bad in s.path for s in bot.fake.sent)
        assert bot.fake.refused() == []
