"""/reload and /stats: admins by role, Manage Server or user id; members refused; every attempt audited."""

from __future__ import annotations

from tests.e2e.discord import payloads as p
from tests.e2e.discord.conftest import start_stored_bot


async def test_reload_by_an_admin_reports_what_changed_privately(bot, corpus):
    (corpus / "new_article.txt").write_text("A new article\n\nQatar hosted the Taliban in Doha on Monday.\n\n"
                                            "Hamid Nurzai said the talks went well.\n", encoding="utf-8")
    old_version = bot.service.corpus.version
    token = await bot.slash("reload", user_id=p.ADMIN_ID)
    ack = await bot.callback(token)
    assert ack.body["type"] == 5 and ack.body["data"]["flags"] & 64
    reply = (await bot.reply_to(token)).message()
    embed = reply["embeds"][0]
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert "new\\_article" in fields["Added"] and "2 passages" in fields["Added"]
    assert "Removed" not in fields and "Failed files" not in fields  # empty sections are left out
    assert "now serving corpus version" in embed["description"]
    assert set(fields["New actors (2)"].split("\n")) == {"Qatar", "Hamid Nurzai"}
    assert bot.service.corpus.version != old_version
    assert any(d.doc_id == "new_article" for d in bot.service.sources())


async def test_reload_with_a_broken_file_is_refused_and_names_it(bot, corpus):
    (corpus / "new_article.txt").write_text("A new article\n\nThe Taliban met in Doha.\n", encoding="utf-8")
    (corpus / "broken.txt").write_bytes(b"\xff\xfe\x00binary\x00")
    old_version = bot.service.corpus.version
    token = await bot.slash("reload", user_id=p.ADMIN_ID)
    await bot.callback(token)
    embed = (await bot.reply_to(token)).message()["embeds"][0]
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert embed["title"] == "Reload refused" and "Still serving corpus version" in embed["description"]
    assert "broken.txt" in fields["Failed files"] and "new\\_article" in fields["Added"]
    assert bot.service.corpus.version == old_version


async def test_manage_server_permission_also_makes_an_admin(bot):
    token = await bot.slash("stats", user_id=p.OTHER_ID, permissions=p.MEMBER_PERMISSIONS | p.MANAGE_GUILD)
    reply = (await bot.reply_to(token)).message()
    assert reply["embeds"][0]["title"] == "Usage"


async def test_a_configured_admin_user_may_reload_without_role_or_permission_and_is_audited(settings, corpus):
    settings = settings.model_copy(update={"discord_admin_user_ids": [p.OTHER_ID]})
    async for bot in start_stored_bot(settings):
        (corpus / "new_article.txt").write_text("A new article\n\nThe Taliban met in Doha.\n", encoding="utf-8")
        old_version = bot.service.corpus.version
        token = await bot.slash("reload", user_id=p.OTHER_ID)  # no admin role, no Manage Server
        reply = (await bot.reply_to(token)).message()
        assert reply["embeds"][0]["title"] and reply["flags"] & 64
        fields = {f["name"]: f["value"] for f in reply["embeds"][0]["fields"]}
        assert "new\\_article" in fields["Added"] and bot.service.corpus.version != old_version
        entries = await bot.service.store.audit_entries()
        assert [(e.actor, e.action, e.allowed) for e in entries] == [(f"discord:{p.OTHER_ID}", "reload", True)]
        assert "new_article" in entries[0].result
        refused = await bot.slash("reload", user_id=p.MEMBER_ID)  # the list names users, not everyone
        assert "Only admins" in (await bot.reply_to(refused)).message()["content"]


async def test_reload_by_a_member_is_refused_and_audited(bot, corpus):
    (corpus / "new_article.txt").write_text("A new article\n\nThe Taliban met in Doha.\n", encoding="utf-8")
    old_version = bot.service.corpus.version
    token = await bot.slash("reload", user_id=p.MEMBER_ID)
    reply = (await bot.reply_to(token)).message()
    assert "Only admins" in reply["content"] and reply["flags"] & 64
    assert bot.service.corpus.version == old_version
    entries = await bot.service.store.audit_entries()
    assert [(e.actor, e.action, e.allowed, e.result) for e in entries] == [
        (f"discord:{p.MEMBER_ID}", "reload", False, "not an admin")]


async def test_stats_counts_questions_and_unanswered_ones(bot):
    for question in ("How many fighters does ISIS-K have?", "zebra giraffe quantum"):
        await bot.reply_to(await bot.slash("ask", question=question))
    token = await bot.slash("stats", user_id=p.ADMIN_ID)
    fields = {f["name"]: f["value"] for f in (await bot.reply_to(token)).message()["embeds"][0]["fields"]}
    assert (fields["Questions"], fields["Unanswered"]) == ("2", "1")
    assert "zebra giraffe quantum" in fields["Recent unanswered"]


async def test_add_by_an_admin_fetches_the_link_and_replies_with_the_reload_report(settings, corpus):
    from tests.bot.pages_server import serve_pages

    settings = settings.model_copy(update={"fetch_allowed_hosts": ("127.0.0.1",)})
    with serve_pages() as server:
        async for bot in start_stored_bot(settings):
            url = f"{server}/news/harbour-ferry.html"
            token = await bot.slash("add", user_id=p.ADMIN_ID, url=url)
            ack = await bot.callback(token)
            assert ack.body["type"] == 5 and ack.body["data"]["flags"] & 64
            embed = (await bot.reply_to(token)).message()["embeds"][0]
            fields = {f["name"]: f["value"] for f in embed["fields"]}
            assert "127-0-0-1-harbour-ferry" in fields["Added"] and "now serving" in embed["description"]
            assert (corpus / "127-0-0-1-harbour-ferry.html").is_file()
            answer = bot.service.ask_sync("Who is the harbour master?")
            assert answer.hits[0].passage.passage_id == "127-0-0-1-harbour-ferry#p2"
            entries = await bot.service.store.audit_entries("add")
            assert entries[0].actor == f"discord:{p.ADMIN_ID}" and url in entries[0].result


async def test_add_refuses_a_private_address_by_default_and_a_member_is_refused(bot, corpus):
    before = sorted(p.name for p in corpus.iterdir())
    token = await bot.slash("add", user_id=p.ADMIN_ID, url="http://127.0.0.1:9/news")
    reply = (await bot.reply_to(token)).message()
    assert "127.0.0.1 is a loopback address; such links are not fetched." in reply["content"]
    assert reply["flags"] & 64
    refused = await bot.slash("add", user_id=p.MEMBER_ID, url="https://example.org/news")
    assert "Only admins" in (await bot.reply_to(refused)).message()["content"]
    assert sorted(path.name for path in corpus.iterdir()) == before
    entries = await bot.service.store.audit_entries("add")
    assert [(e.actor, e.allowed) for e in entries] == [(f"discord:{p.MEMBER_ID}", False),
                                                       (f"discord:{p.ADMIN_ID}", True)]
