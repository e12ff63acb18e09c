"""The README a new user meets: short, in the order they need it, every link and every setting real."""

from __future__ import annotations

import re
from pathlib import Path

from bot.settings import Settings

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")
ORDER = ["Quick start", "Your own articles", "Run on Discord", "Run on Slack", "Docker", "The command line",
         "Settings", "How it works"]


def anchor(heading: str) -> str:
    return re.sub(r"[^a-z0-9 -]", "", heading.lower()).replace(" ", "-")


def headings(text: str) -> list[str]:
    fenced = re.sub(r"```.*?```", "", text, flags=re.DOTALL)
    return re.findall(r"^#{2,3} (.+)$", fenced, flags=re.MULTILINE)


def test_the_readme_is_short_and_in_the_order_a_new_user_needs():
    assert len(README.splitlines()) < 450
    found = headings(README)
    assert [h for h in found if h in ORDER] == ORDER


def test_the_table_of_contents_links_every_section_and_every_link_resolves():
    anchors = {anchor(h) for h in headings(README)}
    contents = README.split("## Contents", 1)[1].split("\n## ", 1)[0]
    assert {anchor(h) for h in ORDER} <= set(re.findall(r"\]\(#([^)]+)\)", contents))
    for target in re.findall(r"\]\(#([^)]+)\)", README):
        assert target in anchors, target
    for doc in (REPO / "docs").glob("*.md"):
        text = doc.read_text(encoding="utf-8")
        for path, fragment in re.findall(r"\]\((?!https?:)([^)#]+)(?:#([^)]+))?\)", text):
            linked = (doc.parent / path).resolve()
            assert linked.is_file(), (doc.name, path)
            if fragment:
                assert fragment in {anchor(h) for h in headings(linked.read_text(encoding="utf-8"))}, (doc, fragment)
    for path in re.findall(r"\]\((docs/[^)#]+)", README):
        assert (REPO / path).is_file(), path


def test_every_setting_is_in_the_settings_table():
    table = README.split("## Settings", 1)[1].split("\n## ", 1)[0]
    assert sorted(f for f in Settings.model_fields if f"| `{f}` |" not in table) == []
