"""The reload report names the actors, figures and events the new version brings."""

from bot.core.report import NAMES_SHOWN, render_report
from tests.bot.reload_helpers import corpus_a, write_corpus

FLOOD = """Flood Relief Reaches Riverton

Mayor Anna Kowalski said the river rose two metres overnight in the town of Riverton.

At least 42 people died in the floods, the regional civil protection agency said.

On May 3, 2024, the dam above Riverton overflowed and flooded the lower town.
"""




async def test_an_article_with_a_new_person_number_and_event_is_reported(running):
    service, store = running
    before = service.corpus.extraction
    assert "Anna Kowalski" not in {a.name for a in before.actors}
    write_corpus(service.settings.corpus_dir, {**corpus_a(), "flood.txt": FLOOD})
    report = await service.reload("slack:admin")
    new = report.new_extraction
    assert new is not None
    assert new.actors == ("Anna Kowalski",)
    assert "At least 42 people (flood)" in new.figures
    assert all(label.endswith("(flood)") for label in new.figures)
    assert new.events == ("2024-05-03: On May 3, 2024, the dam above Riverton overflowed and flooded the lower "
                          "town.",)
    text = render_report(report)
    assert f"New: 1 actor, {len(new.figures)} figures, 1 event." in text
    assert "  new actors: Anna Kowalski" in text
    assert "At least 42 people (flood)" in text
    assert "    2024-05-03: On May 3, 2024, the dam above Riverton" in text
    assert (await store.audit_entries("reload"))[0].result == text


async def test_a_reload_that_changes_nothing_reports_nothing_new(running):
    service, _ = running
    write_corpus(service.settings.corpus_dir, {**corpus_a(), "flood.txt": FLOOD})
    await service.reload("admin")
    report = await service.reload("admin")
    assert report.new_extraction is not None
    assert (report.new_extraction.actors, report.new_extraction.figures, report.new_extraction.events) == \
        ((), (), ())
    assert "New: 0 actors, 0 figures, 0 events." in render_report(report)


async def test_removing_the_article_reports_no_new_names_and_long_lists_are_cut(running):
    service, _ = running
    people = "\n\n".join(f"Mayor {name} said the bridge in town {n} reopened on May {n}, 2024."
                         for n, name in enumerate(["Anna Novak", "Boris Horvat", "Clara Kovac", "Dmitri Babic",
                                                   "Elena Juric", "Filip Maric", "Greta Vukovic"], start=1))
    write_corpus(service.settings.corpus_dir, {**corpus_a(), "mayors.txt": "Mayors Speak\n\n" + people + "\n"})
    report = await service.reload("admin")
    new = report.new_extraction
    assert len(new.actors) > NAMES_SHOWN
    text = render_report(report)
    assert f"and {len(new.actors) - NAMES_SHOWN} more" in text
    write_corpus(service.settings.corpus_dir, corpus_a())
    report = await service.reload("admin")
    assert report.new_extraction.actors == () and report.new_extraction.events == ()
