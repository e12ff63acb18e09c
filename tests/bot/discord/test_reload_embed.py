"""The /reload report embed: every section of a huge report fits Discord's embed limits."""

from __future__ import annotations

from bot.core.report import DocumentChange, ExtractionDelta, ReloadReport
from bot.discord.render.admin import reload_embed
from bot.discord.render.text import EMBED_TOTAL, FIELD_VALUE
from search.models import SkippedFile


def huge_report(applied: bool) -> ReloadReport:
    docs = tuple(DocumentChange(f"doc{n}", f"folder/article_{n}.txt", "A very long headline " * 12, 40, 30)
                 for n in range(300))
    names = tuple(f"Person Number {n}" for n in range(400))
    report = ReloadReport("discord:1", applied, "aaaa", "bbbb", 300, 12_000, added=docs, removed=docs,
                          changed=docs, failed=tuple(SkippedFile(f"bad_{n}.txt", "file looks binary")
                                                     for n in range(200)),
                          warnings=("a warning " * 50,), new_extraction=ExtractionDelta(names, names, names))
    return report if applied else report.refused("3 file(s) could not be read.")


def test_a_huge_report_fits_the_embed_limits_and_keeps_every_section():
    for applied in (True, False):
        embed = reload_embed(huge_report(applied))
        assert len(embed) <= EMBED_TOTAL
        names = [f.name for f in embed.fields]
        assert names == ["Added", "Removed", "Changed", "New actors (400)", "New figures (400)",
                         "New events (400)", "Failed files", "Warnings"]
        assert all(0 < len(f.value) <= FIELD_VALUE for f in embed.fields)
        assert ("refused" in embed.description) is not applied


def test_removed_and_changed_documents_show_their_passage_counts():
    change = DocumentChange("d", "d.txt", "Title", 5, 3)
    report = ReloadReport("x", True, "a", "b", 1, 5, removed=(change,), changed=(change,))
    fields = {f.name: f.value for f in reload_embed(report).fields}
    assert "had 3 passages" in fields["Removed"] and "3 → 5 passages" in fields["Changed"]
