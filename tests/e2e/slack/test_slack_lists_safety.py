"""The list commands on hostile and huge corpora: inert mentions, polite errors, Slack's limits kept."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.e2e.slack.fake_slack import FakeSlack, check_message
from tests.e2e.slack.harness import ask, has_more, running, shown, slack_settings, write_corpus

HOSTILE = {
    "crisis.txt": (
        "Attack on Herat airport <!channel>\n\n"
        "On August 26, 2021, fighters of the Herat Front <!everyone> attacked the airport in Herat, killing at "
        "least 40 people <@U999> & wounding others.\n\n"
        '"We will return <!here> and the <!subteam^S1> will pay for this," said Karim Rahimov, a commander of '
        "the Herat Front <!channel>, on August 27, 2021.\n\n"
        "Karim Rahimov <@U999> has led the Herat Front since 2019.\n"
    ),
    "report.txt": (
        "Herat toll rises\n\n"
        "Officials said 55 people were killed in the attack on the Herat airport <!everyone> on August 26, 2021.\n"
    ),
}
HOSTILE_MANIFEST = """
[[source]]
file = "crisis.txt"
title = "Attack <!channel> on Herat"
outlet = "Herat <!here> Daily"
published = 2021-08-28
url = "https://news.example/herat?a=1&b=<!everyone>"

[[source]]
file = "report.txt"
outlet = "Wire & Co"
published = 2021-08-29
url = "https://news.example/toll"
"""

FIRST = ["Amira", "Bashir", "Carla", "Dmitri", "Elena", "Farid", "Greta", "Hamid", "Irina", "Jamal"]
LAST = ["Haddad", "Karimi", "Lindqvist", "Moreau", "Nazari", "Okafor", "Petrov", "Quraishi"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
LONG = "the convoy " + "crossed the river and waited for the morning light " * 12


def huge_corpus(count: int) -> dict[str, str]:
    """Articles with a spokesperson each, one man quoted at length in all, a death toll and dates."""
    articles = {}
    for i in range(count):
        name = f"{FIRST[i % 10]} {LAST[i // 10 % 8]}"
        paragraphs = [
            f"Report {i} from the valley",
            f'"{LONG.strip()}," said {name}, a spokesperson of the Valley Council, on {MONTHS[i % 10]} '
            f"{i % 27 + 1}, 2020.",
            f'"{LONG.strip()} {i}," said Omar Zaman.',
            f"At least {100 + i} people were killed in the flood at the bridge, officials said on "
            f"{MONTHS[(i + 3) % 10]} {i % 25 + 2}, 2020.",
            f"The council sent {20 + i} trucks and {3 + i} million dollars to the valley in {2000 + i % 20}.",
        ]
        articles[f"r{i:02d}.txt"] = "\n\n".join(paragraphs) + "\n"
    return articles


def within_limits(reply: dict) -> None:
    assert check_message(reply, None) is None
    assert len(reply["blocks"]) <= 50
    for block in reply["blocks"]:
        texts = [block.get("text", {})] + block.get("elements", [])
        assert all(len(t.get("text", "")) <= 3000 for t in texts if isinstance(t.get("text"), str))
    assert len(reply["text"]) <= 3000


async def test_mentions_and_markup_in_corpus_text_are_inert(fake: FakeSlack, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "hostile", HOSTILE, HOSTILE_MANIFEST)
    async with running(slack_settings(corpus, fake), fake):
        replies = [await ask(fake, "/actors", ""), await ask(fake, "/actors", "name:Rahimov"),
                   await ask(fake, "/figures", "topic:airport"), await ask(fake, "/timeline", "")]
    profile = shown(replies[1])
    assert "“We will return &lt;!here&gt; and the &lt;!subteam^S1&gt; will pay for this,”" in profile
    assert "*Role:* commander of the Herat Front &lt;!channel&gt;" in profile
    assert "Herat &lt;!here&gt; Daily · <https://news.example/herat?a=1&amp;b=%3C!everyone%3E|" in profile
    assert "*40* (Herat &lt;!here&gt; Daily) · *55* (Wire &amp; Co)" in shown(replies[2])
    assert "killing at least 40 people &lt;@U999&gt; &amp; wounding others" in shown(replies[3])
    for reply in replies:
        everything = shown(reply) + "\n" + reply["text"]
        assert re.findall(r"<(?!https://)", everything) == [], everything
        assert "<!" not in json.dumps(reply, ensure_ascii=False)


async def test_unknown_actor_bad_date_and_bad_options_get_their_message_privately(
    fake: FakeSlack, bot
) -> None:
    cases = {
        "actor:Nobody Atall": "No actor called “Nobody Atall” appears in this corpus.",
        "from:2021-13": "'2021-13' has no month 13.",
        "to:last week": "'last week' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD.",
        "colour:red": "/timeline has no option colour:. Its options are: actor:, from:, to:",
        "actor:" + "x" * 300: "The actor: option is too long (at most 200 characters).",
    }
    for text, message in cases.items():
        reply = await ask(fake, "/timeline", text)
        assert (reply["text"], reply["response_type"]) == (message, "ephemeral")
        assert "blocks" not in reply
    reply = await ask(fake, "/actors", "kind:alien")
    assert reply["text"].startswith("Unknown kind “alien”: use one of person, group, state, organisation")
    reply = await ask(fake, "/actors", "ISIS-K name:Taliban")
    assert reply["text"] == "The option name: is given twice (words before any option count as name:)."


async def test_huge_lists_stay_within_slack_limits_and_page(fake: FakeSlack, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "huge", huge_corpus(60), "")
    async with running(slack_settings(corpus, fake), fake):
        replies = {name: await ask(fake, "/" + name.split()[0], " ".join(name.split()[1:]))
                   for name in ("actors", "figures", "timeline", "actors name:Omar Zaman")}
    for reply in replies.values():
        within_limits(reply)
    for name in ("actors", "timeline"):
        assert has_more(replies[name]), name
    group = shown(replies["figures"])
    assert "*people killed* — sources differ: *100* (Report 0 from the valley)" in group
    assert "more quotes did not fit" in group
    assert "more lines did not fit" in shown(replies["actors name:Omar Zaman"])


async def test_blocks_refused_by_slack_are_resent_as_plain_text(fake: FakeSlack, bot) -> None:
    fake.refuse_blocks = "msg_blocks_too_long"
    await fake.send("slash_commands", fake.command("/figures", ""))
    refused, plain = await fake.wait_responses(2)
    assert refused["blocks"] and "blocks" not in plain
    assert plain["text"].startswith("Figures (1–4 of 4)\n• 2,000: about 2,000 fighters (Loopback Times)")
