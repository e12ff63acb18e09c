"""Saved web pages: the article's paragraphs and the page's metadata, none of the page around it."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from search.corpus import CorpusData, load_folder
from search.index import Index
from search.text import Analyzer
from tests.search.readers.article import PARAGRAPHS, SUBHEAD, SUBHEAD_BEFORE, TITLE

FILES = Path(__file__).parent / "files"
# Words only the page around the article holds: menus, cookie banners, share bars, related and
# most-read links, comments, newsletter boxes, footers, scripts and styles.
BOILERPLATE = ["cookies", "cookiepolicy", "crosswords", "lifestyle", "breadcrumbs", "facebook", "whatsapp",
               "regatta", "seagulls", "lighthouse", "rusty", "shameful", "newsletter", "rights", "privacy",
               "gtag", "dataLayer", "trackingbeacon", "adslotWidget", "colour", "partners", "mortgage",
               "otters", "bypass", "briefing", "zzqtracker", "advertisement", "registered", "puzzles"]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> CorpusData:
    folder = tmp_path_factory.mktemp("pages")
    for name in ("harbour-ferry.html", "water-prices.htm", "site-index.html"):
        shutil.copy(FILES / name, folder / name)
    saved_assets = folder / "harbour-ferry_files"
    saved_assets.mkdir()
    (saved_assets / "analytics.html").write_text("<html><body><p>" + "Tracking frame text. " * 30
                                                 + "</p></body></html>", encoding="utf-8")
    return load_folder(folder)


def test_a_saved_page_keeps_each_paragraph_and_subheading_in_order(pages):
    doc = next(d for d in pages.documents if d.path == "harbour-ferry.html")
    texts = [p.text for p in doc.paragraphs]
    expected = PARAGRAPHS[:SUBHEAD_BEFORE] + [SUBHEAD] + PARAGRAPHS[SUBHEAD_BEFORE:]
    assert texts == expected
    assert doc.paragraphs[SUBHEAD_BEFORE].kind.value == "heading"


def test_page_metadata_comes_from_og_json_ld_and_the_canonical_link(pages):
    ferry = next(d for d in pages.documents if d.path == "harbour-ferry.html").source
    assert (ferry.title, ferry.outlet, ferry.author, ferry.published) == (
        TITLE, "The Coastal Herald", "Maria Okafor", date(2024, 3, 14))
    assert ferry.url == "https://www.coastalherald.example/news/2024/03/14/ferry-fire-port-elsby"
    water = next(d for d in pages.documents if d.path == "water-prices.htm").source
    assert water.title == "Water bills to rise by 9% as reservoir repairs begin"  # no " - Midland Evening Post"
    assert (water.outlet, water.author, water.published) == ("Midland Evening Post", "Priya Natarajan",
                                                             date(2023, 11, 2))
    assert water.url == "https://midlandpost.example/business/water-bills-rise-reservoir"


def test_entities_and_the_declared_charset_are_read(pages):
    water = next(d for d in pages.documents if d.path == "water-prices.htm")
    assert water.paragraphs[0].text.startswith("Households served by Severnside Water will pay an average of £41")
    assert any("“People are being asked to pay twice" in p.text for p in water.paragraphs)


def test_no_boilerplate_word_is_searchable(pages):
    index = Index.build(pages.passages, Analyzer())
    for word in BOILERPLATE:
        result = index.search(word, k=3)
        assert not result.hits, f"{word!r} reached a passage: {result.hits[0].passage.text[:80]}"
    assert index.search("Who is the harbour master?", k=1).hits[0].passage.passage_id == "harbour-ferry#p2"


def test_a_page_without_an_article_is_named_and_the_rest_loads(pages):
    skipped = {s.path: s.reason for s in pages.report.skipped}
    assert skipped == {"site-index.html": "no article text found in the page"}
    assert sorted(d.path for d in pages.documents) == ["harbour-ferry.html", "water-prices.htm"]


def test_the_files_folder_of_a_saved_page_is_not_read_but_a_folder_of_that_name_alone_is(pages, tmp_path):
    assert not any("_files" in d.path for d in pages.documents)
    lone = tmp_path / "press_files"
    lone.mkdir()
    shutil.copy(FILES / "water-prices.htm", lone / "water.htm")
    assert [d.path for d in load_folder(tmp_path).documents] == ["press_files/water.htm"]


def test_sources_toml_wins_over_the_page(tmp_path):
    shutil.copy(FILES / "harbour-ferry.html", tmp_path / "ferry.html")
    (tmp_path / "sources.toml").write_text('[[source]]\nfile = "ferry.html"\ntitle = "Harbour fire"\n'
                                           'published = 2024-03-15\n', encoding="utf-8")
    source = load_folder(tmp_path).documents[0].source
    assert (source.title, source.published, source.outlet) == ("Harbour fire", date(2024, 3, 15),
                                                               "The Coastal Herald")


@pytest.mark.parametrize("content", [b"<html><head><title>x</title></head><body></body></html>",
                                     b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"<<<<>>>>" * 100])
def test_a_page_that_is_no_article_is_skipped_with_its_reason(tmp_path, content):
    (tmp_path / "bad.html").write_bytes(content)
    shutil.copy(FILES / "water-prices.htm", tmp_path / "good.htm")
    corpus = load_folder(tmp_path)
    assert [d.path for d in corpus.documents] == ["good.htm"]
    assert [s.path for s in corpus.report.skipped] == ["bad.html"]


def test_a_page_over_the_size_limit_is_skipped(tmp_path):
    shutil.copy(FILES / "harbour-ferry.html", tmp_path / "ferry.html")
    corpus = load_folder(tmp_path, max_file_bytes=2_000)
    assert "over the 2,000-byte limit" in corpus.report.skipped[0].reason


BODY = "<p>" + "The council approved the new budget for the schools of the district on Monday evening. " * 3 + "</p>"


@pytest.mark.parametrize(("head", "outlet"), [
    ('<title>Budget approved | Valley Times</title><script type="application/ld+json">{"@type": "NewsArticle", '
     '"headline": "Council approves school budget", "publisher": {"@type": "Organization", '
     '"name": "Valley Times"}, "datePublished": "2022-05-04"}</script>', "Valley Times"),
    ("<title>Council approves school budget - Valley Times</title>", None),
    ('<meta property="og:title" content="Council approves school budget | Valley Times">'
     '<meta property="og:site_name" content="Valley Times">', "Valley Times"),
    ("", None),
])
def test_the_title_is_the_headline_without_the_site_name(tmp_path, head, outlet):
    page = f"<html><head>{head}</head><body><article><h1>Council approves school budget</h1>{BODY}{BODY}" \
           "</article></body></html>"
    (tmp_path / "budget.html").write_text(page, encoding="utf-8")
    (doc,) = load_folder(tmp_path).documents
    assert (doc.source.title, doc.source.outlet) == ("Council approves school budget", outlet)
    assert doc.paragraphs[0].text.startswith("The council approved")


def test_a_social_title_other_than_the_printed_headline_names_the_page_and_numbering_stays(tmp_path):
    page = (FILES / "harbour-ferry.html").read_text(encoding="utf-8").replace(
        '<meta property="og:title" content="Ferry fire forces evacuation of Port Elsby harbour">',
        '<meta property="og:title" content="Hundreds flee as ferry burns at Port Elsby">')
    (tmp_path / "ferry.html").write_text(page, encoding="utf-8")
    (doc,) = load_folder(tmp_path).documents
    assert doc.source.title == "Hundreds flee as ferry burns at Port Elsby"
    assert doc.paragraphs[0].number == 1 and doc.paragraphs[0].text == PARAGRAPHS[0]
