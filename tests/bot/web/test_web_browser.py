"""The page in a real headless Chromium: `dossier run` serves it, a question is asked, its source opened.

Debian's chromium (installed by `make test` and .ci/run) is driven by Playwright for Python; Playwright's
own browser downloads are never used. Screenshots land in test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.bot.web.web_corpus import ANSWER_PARAGRAPH, QUESTION
from tests.bot.web.web_news_corpus import HOSTILE_EVENT, write_news

PROJECT = Path(__file__).resolve().parents[3]
ARTIFACTS = PROJECT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE = {"width": 390, "height": 760}
START_SECONDS = 60


@pytest.fixture
def served(corpus_dir: Path, tmp_path: Path) -> Iterator[str]:
    """`dossier run` on a free loopback port; yields the address it prints, then stops it with Ctrl-C."""
    with _dossier_run(corpus_dir, tmp_path) as address:
        yield address


@pytest.fixture
def served_news(tmp_path: Path) -> Iterator[str]:
    """`dossier run` over the two outlets' flood reports, which have actors, figures and dated events."""
    with _dossier_run(write_news(tmp_path / "news"), tmp_path) as address:
        yield address


@contextmanager
def _dossier_run(corpus_dir: Path, tmp_path: Path) -> Iterator[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOSSIER_")}
    env.update(DOSSIER_CORPUS_DIR=str(corpus_dir), DOSSIER_WEB_HOST="127.0.0.1", DOSSIER_WEB_PORT="0",
               DOSSIER_DATABASE_PATH=str(tmp_path / "dossier.sqlite3"))
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli.main", "run"], cwd=PROJECT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        yield _printed_address(proc)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            assert proc.wait(timeout=15) == 0
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def _printed_address(proc: subprocess.Popen) -> str:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 0.5)
        if ready:
            line = proc.stdout.readline()
            if found := re.search(r"Dossier web page: (http://127\.0\.0\.1:\d+/)", line):
                return found.group(1)
            if not line and proc.poll() is not None:
                break
    raise AssertionError("dossier run did not print its address")


@pytest.fixture
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: `make test` installs it (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2)
    opened = context.new_page()
    dialogs: list[str] = []
    opened.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield opened
    context.close()
    assert dialogs == [], "a script from the corpus or the question ran"


def test_ask_see_the_quote_and_open_its_paragraph(served: str, page: Page):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(served)
    page.fill("#q", QUESTION)
    page.click("button[type=submit]")
    first = page.locator("li.hit").first
    first.wait_for()
    assert "40 metres deep" in first.locator("blockquote").inner_text()
    assert first.locator("mark").first.inner_text() == "Qargha reservoir"
    page.screenshot(path=str(ARTIFACTS / "web-ask.png"), full_page=True)

    first.locator("a.source-link").click()
    page.wait_for_url(re.compile(rf"/docs/reservoir\?q=.+#p{ANSWER_PARAGRAPH}$"))
    assert page.evaluate("document.querySelector(':target').id") == f"p{ANSWER_PARAGRAPH}"
    target = page.locator(f"#p{ANSWER_PARAGRAPH}")
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= PHONE["height"]
    assert page.locator("#p1").bounding_box()["y"] < 0, "the page did not scroll to the paragraph"
    colour = "el => getComputedStyle(el).backgroundColor"
    assert target.evaluate(colour) != page.locator("#p1").evaluate(colour)
    assert target.locator("mark").all_inner_texts() == ["Qargha reservoir", "deep"]
    page.screenshot(path=str(ARTIFACTS / "web-doc.png"))


def test_hostile_article_and_question_stay_text_in_the_browser(served: str, page: Page):
    page.goto(served + "docs/hostile")
    assert "<script>alert('corpus')</script>" in page.locator("h1").inner_text()
    assert page.locator("main img, main script, main b").count() == 0
    assert '<img src=x onerror="alert(1)">' in page.locator("#p1").inner_text()

    question = '"><img src=x onerror=alert(1)><script>alert(2)</script>'
    page.goto(served)
    page.fill("#q", question)
    page.click("button[type=submit]")
    page.locator("section.answer").wait_for()
    assert page.input_value("#q") == question
    assert page.locator("main img, main script").count() == 0
    page.screenshot(path=str(ARTIFACTS / "web-hostile.png"), full_page=True)


def test_timeline_event_source_opens_the_highlighted_paragraph(served_news: str, page: Page):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(served_news)
    page.click("nav >> text=Timeline")
    page.wait_for_url(re.compile(r"/timeline$"))
    events = page.locator("li.event")
    assert events.count() == 4
    assert events.nth(3).locator(".precision").inner_text() == "year unknown"
    assert HOSTILE_EVENT in events.nth(1).locator(".what").inner_text()
    assert page.locator("main img, main script").count() == 0
    page.screenshot(path=str(ARTIFACTS / "web-timeline.png"), full_page=True)

    dam = events.filter(has_text="the dam above Riverton overflowed")
    dam.locator("a.passage-link").click()
    page.wait_for_url(re.compile(r"/docs/valley#p4$"))
    assert page.evaluate("document.querySelector(':target').id") == "p4"
    target = page.locator("#p4")
    assert "the dam above Riverton overflowed" in target.inner_text()
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= PHONE["height"]
    colour = "el => getComputedStyle(el).backgroundColor"
    assert target.evaluate(colour) != page.locator("#p1").evaluate(colour)
    page.screenshot(path=str(ARTIFACTS / "web-timeline-source.png"))


def test_figures_and_actor_profile_read_in_the_browser(served_news: str, page: Page):
    page.goto(served_news + "figures")
    group = page.locator("section.group.differ")
    assert "Sources differ" in group.inner_text()
    assert group.locator("a.passage-link").count() == 2
    page.screenshot(path=str(ARTIFACTS / "web-figures.png"), full_page=True)
    page.goto(served_news + "actors")
    page.click("text=Anna Kowalski")
    page.locator("section.profile h1").wait_for()
    assert page.locator("section.profile h1").inner_text() == "Anna Kowalski"
    assert page.locator("main img, main script").count() == 0
    page.screenshot(path=str(ARTIFACTS / "web-actor.png"), full_page=True)


@pytest.mark.parametrize("path", ["docs/..%2f..%2fetc%2fpasswd", "docs/../../etc/passwd", "docs/reservoir%00",
                                  "docs/" + "x" * 2000])
def test_traversal_from_the_address_bar_is_404(served: str, page: Page, path: str):
    response = page.goto(served + path)
    assert response is not None and response.status == 404
    assert "root:" not in page.content()
