"""The web tests' corpus: an ordinary article and one full of HTML and script, with a manifest."""

from __future__ import annotations

from pathlib import Path

PUBLIC = "https://dossier.example.org"
QUESTION = "How deep is the Qargha reservoir?"
ANSWER_PARAGRAPH = 12

# How the manifest's canonical URL (with & and " in it) must appear: escaped, and leaking no referrer.
CANONICAL_LINK = ('<a href="https://news.example.org/reservoir?a=1&amp;b=&quot;2&quot;" '
                  'rel="noopener noreferrer"')

EVIL_SCRIPT = "<script>alert('corpus')</script>"
EVIL_IMG = '<img src=x onerror="alert(1)">'

_TOPICS = ["orchards", "bakeries", "bridges", "schools", "markets", "buses", "clinics", "libraries",
           "wells", "roads", "parks", "bazaars", "ferries", "tunnels", "farms", "mills"]


def _reservoir_article() -> str:
    paragraphs = ["Kabul Water Works Plans A Season Of Repairs"]
    for n, topic in enumerate(_TOPICS, start=2):
        if n == ANSWER_PARAGRAPH + 1:  # the headline is no paragraph, so text paragraph 12 is line 13
            paragraphs.append("Engineers said the Qargha reservoir is 40 metres deep at the dam and holds "
                              "water for about 300,000 people in the western districts.")
        paragraphs.append(f"City officials in district {n} said the {topic} near the river would get new "
                          f"pipes before winter, and crews number {n * 7} workers this month.")
    return "\n\n".join(paragraphs) + "\n"


def _hostile_article() -> str:
    return "\n\n".join([
        f"Hostile {EVIL_SCRIPT} Headline",
        f"The militia claimed {EVIL_IMG} that 2,000 fighters crossed the border near Torkham & Jalalabad.",
        f"A spokesman wrote {EVIL_SCRIPT} in a statement about the Torkham crossing and the fighters.",
        'Readers saw "quotes", <b>bold tags</b> and an ampersand & semicolon; in the same paragraph.',
    ]) + "\n"


MANIFEST = f'''
[[source]]
file = "reservoir.txt"
title = "Kabul Water Works Plans A Season Of Repairs"
outlet = "Kabul Daily"
published = 2024-03-05
url = "https://news.example.org/reservoir?a=1&b=\\"2\\""

[[source]]
file = "hostile.txt"
outlet = "{EVIL_IMG.replace('"', "'")}"
url = "javascript:alert(document.cookie)"
'''


def write_corpus(folder: Path) -> Path:
    """The two articles and their sources.toml in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "reservoir.txt").write_text(_reservoir_article(), encoding="utf-8")
    (folder / "hostile.txt").write_text(_hostile_article(), encoding="utf-8")
    (folder / "sources.toml").write_text(MANIFEST, encoding="utf-8")
    return folder
