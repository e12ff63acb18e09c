"""Paging, feedback, admin commands and /sources."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.slack.fake_slack import FakeSlack
from tests.e2e.slack.harness import running, slack_settings, write_corpus

MANY = {
    f"a{i}.txt": f"Report {i}\n\nThe convoy reached Herat on day {i} with supplies for the camp.\n"
    for i in range(9)
} | {f"b{i}.txt": f"Note {i}\n\nThe council discussed the {i}th budget for schools.\n" for i in range(30)}


async def test_more_results_pages_on_in_the_thread_and_drops_the_used_button(
    fake: FakeSlack, tmp_path: Path
) -> None:
    corpus = write_corpus(tmp_path / "many", MANY, "")
    async with running(slack_settings(corpus, fake), fake):
        await fake.send("slash_commands", fake.command("/ask", "when did the convoy reach Herat?"))
        [first] = await fake.wait_for(1)
        assert "*1.*" in json.dumps(first.args["blocks"]) and "*3.*" not in json.dumps(first.args["blocks"])
        await fake.send("interactive", fake.click(first, "dossier_more"))
        [_, second] = await fake.wait_for(2)
        assert second.args["thread_ts"] == first.result["ts"]
        assert "results 3–4" in second.args["blocks"][0]["text"]["text"]
        [update] = await fake.wait_for(1, "chat.update")
        assert update.args["ts"] == first.result["ts"]
        assert "dossier_more" not in json.dumps(update.args["blocks"])
        assert "dossier_helpful" in json.dumps(update.args["blocks"])


async def test_feedback_is_recorded_and_thanked_privately(fake: FakeSlack, bot) -> None:
    await fake.send("slash_commands", fake.command("/ask", "how many fighters does ISIS-K have?"))
    [answer] = await fake.wait_for(1)
    await fake.send("interactive", fake.click(answer, "dossier_unhelpful", user="U7"))
    [thanks] = await fake.wait_responses(1)
    assert thanks["response_type"] == "ephemeral" and thanks["replace_original"] is False
    stats = await bot.stats()
    assert (stats.helpful, stats.unhelpful) == (0, 1)


async def test_a_forged_button_value_gets_a_polite_line(fake: FakeSlack, bot) -> None:
    await fake.send("slash_commands", fake.command("/ask", "who met in Doha?"))
    [answer] = await fake.wait_for(1)
    click = fake.click(answer, "dossier_helpful")
    click["actions"][0]["value"] = "{not json"
    await fake.send("interactive", click)
    [reply] = await fake.wait_responses(1)
    assert "no longer works" in reply["text"]


async def test_admin_reload_swaps_the_corpus_and_reports_what_changed(fake: FakeSlack, corpus: Path) -> None:
    async with running(slack_settings(corpus, fake), fake) as service:
        (corpus / "new.txt").write_text(
            "Herat news\n\nA new bridge opened in Herat in May.\n", encoding="utf-8"
        )
        (corpus / "talks.txt").unlink()
        await fake.send("slash_commands", fake.command("/reload", "", user="UADMIN"))
        [reply] = await fake.wait_responses(1)
        sections = [b["text"]["text"] for b in reply["blocks"]]
        assert "now serving corpus version" in sections[0]
        added = next(t for t in sections if t.startswith("*Added*"))
        removed = next(t for t in sections if t.startswith("*Removed*"))
        assert "new.txt" in added and "talks.txt" in removed and "had " in removed
        assert reply["response_type"] == "ephemeral"
        assert service.corpus.document("new") is not None
        await fake.send("slash_commands", fake.command("/ask", "when did the bridge open in Herat?"))
        [answer] = await fake.wait_for(1)
        assert "bridge opened" in answer.args["text"]


async def test_reload_by_a_member_is_refused_and_audited(fake: FakeSlack, corpus: Path) -> None:
    async with running(slack_settings(corpus, fake), fake) as service:
        version = service.corpus.version
        (corpus / "new.txt").write_text(
            "Herat news\n\nA new bridge opened in Herat in May.\n", encoding="utf-8"
        )
        await fake.send("slash_commands", fake.command("/reload", "", user="U1"))
        await fake.send("slash_commands", fake.command("/stats", "", user="U1"))
        replies = await fake.wait_responses(2)
        assert "Only Dossier admins can reload" in replies[0]["text"]
        assert "Only Dossier admins" in replies[1]["text"]
        assert service.corpus.version == version
        entries = await service.store.audit_entries()
        assert [(e.actor, e.action, e.allowed, e.result) for e in reversed(entries[:2])] == [
            ("slack:U1", "reload", False, "not an admin"),
            ("slack:U1", "stats", False, "not an admin"),
        ]


async def test_a_reload_with_a_broken_file_is_refused_and_the_admin_told_why(
    fake: FakeSlack, corpus: Path
) -> None:
    async with running(slack_settings(corpus, fake), fake) as service:
        version = service.corpus.version
        (corpus / "broken.txt").write_bytes(b"\xff\xfe\x00binary\x00")
        await fake.send("slash_commands", fake.command("/reload", "", user="UADMIN"))
        [reply] = await fake.wait_responses(1)
        sections = [b["text"]["text"] for b in reply["blocks"]]
        assert "refused" in sections[0] and "Still serving corpus version" in sections[0]
        assert any(t.startswith("*Failed files*") and "broken.txt" in t for t in sections)
        assert reply["response_type"] == "ephemeral"
        assert service.corpus.version == version


async def test_stats_for_an_admin_counts_questions_and_unanswered(fake: FakeSlack, bot) -> None:
    await fake.send("slash_commands", fake.command("/ask", "who met in Doha?"))
    await fake.send("slash_commands", fake.command("/ask", "what is the price of saffron in Herat?"))
    await fake.wait_for(2)
    await fake.send("slash_commands", fake.command("/stats", "", user="UADMIN"))
    [reply] = await fake.wait_responses(1)
    text = reply["blocks"][0]["text"]["text"]
    assert "*Questions:* 2" in text and "*unanswered:* 1" in text and "saffron" in text


async def test_sources_lists_the_documents_with_links(fake: FakeSlack, bot) -> None:
    await fake.send("slash_commands", fake.command("/sources", ""))
    [reply] = await fake.wait_responses(1)
    text = json.dumps(reply["blocks"])
    assert "<https://news.example/doha|Talks in Doha>" in text and "3 documents" in text


async def test_command_prefix_renames_every_command(fake: FakeSlack, corpus: Path) -> None:
    async with running(slack_settings(corpus, fake, slack_command_prefix="dossier-"), fake):
        await fake.send("slash_commands", fake.command("/dossier-ask", "who met in Doha?"))
        [answer] = await fake.wait_for(1)
        assert "Doha" in answer.args["text"]


def test_a_huge_reload_report_fits_slack_limits_and_keeps_every_section() -> None:
    from bot.core.report import DocumentChange, ExtractionDelta, ReloadReport
    from bot.slack.render import render_reload
    from bot.slack.render.message import MAX_BLOCKS, MAX_MESSAGE_CHARS, MAX_SECTION_CHARS, block_chars
    from search.models import SkippedFile

    docs = tuple(DocumentChange(f"d{n}", f"a_{n}.txt", "<!channel> headline " * 10, 40, 30) for n in range(300))
    names = tuple(f"Person {n}" for n in range(400))
    report = ReloadReport("slack:U", True, "a", "b", 300, 9_000, added=docs, removed=docs, changed=docs,
                          failed=(SkippedFile("bad.txt", "file looks binary"),),
                          new_extraction=ExtractionDelta(names, names, names))
    message = render_reload(report)
    texts = [b["text"]["text"] for b in message.blocks]
    assert len(message.blocks) <= MAX_BLOCKS and sum(block_chars(b) for b in message.blocks) <= MAX_MESSAGE_CHARS
    assert all(len(t) <= MAX_SECTION_CHARS for t in texts) and len(message.text) <= MAX_SECTION_CHARS
    assert [t.split("\n")[0] for t in texts[1:]] == ["*Added*", "*Removed*", "*Changed*", "*New actors (400)*",
                                                      "*New figures (400)*", "*New events (400)*", "*Failed files*"]
    assert "<!channel>" not in "".join(texts) and "&lt;!channel&gt;" in texts[1]


async def test_admin_add_fetches_a_link_and_replies_with_the_reload_report(fake: FakeSlack, corpus: Path) -> None:
    from tests.bot.pages_server import serve_pages

    with serve_pages() as server:
        settings = slack_settings(corpus, fake, fetch_allowed_hosts="127.0.0.1")
        async with running(settings, fake) as service:
            url = f"{server}/news/harbour-ferry.html"
            await fake.send("slash_commands", fake.command("/add", f"<{url}|harbour ferry>", user="UADMIN"))
            [reply] = await fake.wait_responses(1)
            sections = [b["text"]["text"] for b in reply["blocks"]]
            assert "now serving corpus version" in sections[0]
            assert any(t.startswith("*Added*") and "127-0-0-1-harbour-ferry.html" in t for t in sections)
            assert reply["response_type"] == "ephemeral"
            assert (corpus / "127-0-0-1-harbour-ferry.html").is_file()
            entries = await service.store.audit_entries("add")
            assert entries[0].actor == "slack:UADMIN" and url in entries[0].result
            await fake.send("slash_commands", fake.command("/ask", "who is the harbour master?"))
            [answer] = await fake.wait_for(1)
            assert "Tomas Reyes" in answer.args["text"]


async def test_add_of_a_private_address_or_by_a_member_is_refused(fake: FakeSlack, corpus: Path) -> None:
    async with running(slack_settings(corpus, fake), fake) as service:
        before = sorted(p.name for p in corpus.iterdir())
        await fake.send("slash_commands", fake.command("/add", "<http://10.1.2.3/news>", user="UADMIN"))
        await fake.send("slash_commands", fake.command("/add", "https://example.org/news", user="U1"))
        replies = await fake.wait_responses(2)
        assert "10.1.2.3 is a private address; such links are not fetched." in replies[0]["text"]
        assert "Only Dossier admins can add articles." in replies[1]["text"]
        assert sorted(p.name for p in corpus.iterdir()) == before
        entries = await service.store.audit_entries("add")
        assert [(e.actor, e.allowed) for e in entries] == [("slack:U1", False), ("slack:UADMIN", True)]
