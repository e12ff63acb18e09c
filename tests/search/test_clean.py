"""Cleaning rules, checked on the bundled seeds and on small made-up pages."""

from __future__ import annotations

from datetime import date

import pytest

from search.clean import clean_article
from search.corpus import CorpusData, load_folder
from search.models import Document, PassageKind


def doc(corpus: CorpusData, prefix: str) -> Document:
    return next(d for d in corpus.documents if d.path.startswith(prefix))


def texts(document: Document) -> list[str]:
    return [p.text for p in document.paragraphs]


def all_paragraphs(corpus: CorpusData) -> list[str]:
    return [p.text for d in corpus.documents for p in d.paragraphs]


# --- page furniture on the real seeds ---------------------------------------------------------------

@pytest.mark.parametrize("headline", [
    "Apple warns against drying iPhones with rice",
    "Prince William Urges End to Gaza Conflict",
    "INTRA Defense Technologies inaugurates drone factory in Riyadh",
])
def test_related_articles_list_after_the_story_is_removed(seed_corpus, headline):
    assert not any(headline in p for p in all_paragraphs(seed_corpus))
    assert "Related Articles" not in texts(doc(seed_corpus, "000"))


def test_story_text_before_the_related_articles_list_is_kept(seed_corpus):
    last = texts(doc(seed_corpus, "000"))[-1]
    assert last.startswith('"There\'s nothing the Afghan Taliban can easily do about this,"')


@pytest.mark.parametrize("widget", ["Newsletter", "0:00", "Close", "×", "Leave a Reply"])
def test_widget_lines_are_removed(seed_corpus, widget):
    assert widget not in [p.strip() for p in all_paragraphs(seed_corpus)]


def test_comment_form_text_is_removed(seed_corpus):
    assert not any("Your email address will not be published" in p for p in all_paragraphs(seed_corpus))


@pytest.mark.parametrize("caption", [
    "ISIS-K fighters at a camp in northern Afghanistan. Photo: Facebook",
    "Ethnic Uighur fighters with the East Turkestan Islamic Movement (ETIM) fly their flag in a file photo. "
    "Image: Facebook",
])
def test_photo_captions_are_marked_caption(seed_corpus, caption):
    kinds = [p.kind for d in seed_corpus.documents for p in d.paragraphs if p.text == caption]
    assert kinds == [PassageKind.CAPTION]


def test_article_sentences_are_not_marked_caption(seed_corpus):
    paragraph = next(p for p in doc(seed_corpus, "001").paragraphs
                     if p.text.startswith("With or without the US, the Taliban will need"))
    assert paragraph.kind is PassageKind.BODY


@pytest.mark.parametrize("prefix, headline", [
    ("000", "Once Enemies, US And Taliban Find Common Ground Against ISIS"),
    ("002", "Afghan Taliban ready to help US in countering IS: report"),
])
def test_headline_printed_twice_becomes_the_title_and_leaves_the_text(seed_path, prefix, headline):
    art = clean_article(seed_path(prefix).read_text(encoding="utf-8"))
    assert art.title == headline
    assert headline not in [p for p, _ in art.paragraphs]


def test_masthead_above_the_headline_names_the_outlet_and_leaves_the_text(seed_path):
    art = clean_article(seed_path("000").read_text(encoding="utf-8"))
    assert art.outlet == "Saudi Press"
    assert not {"Saudi Press", "Saudi Arabia and the world"} & {p for p, _ in art.paragraphs}


def test_paragraph_printed_twice_is_read_once(seed_corpus):
    repeated = "The situation is awkward for both the U.S. and the Taliban"
    assert sum(p.startswith(repeated) for p in texts(doc(seed_corpus, "000"))) == 1


def test_published_line_gives_outlet_and_publication_date(seed_path):
    art = clean_article(seed_path("002").read_text(encoding="utf-8"))
    assert (art.outlet, art.published) == ("Dawn", date(2023, 4, 25))
    assert not any("Published in" in p for p, _ in art.paragraphs)


@pytest.mark.parametrize("lines, published", [
    ("Published January 5, 2025", date(2025, 1, 5)),
    ("Published: Sunday, January 5, 2025", date(2025, 1, 5)),
    ("Updated January 6, 2025", date(2025, 1, 6)),
    ("Published January 5, 2025\n\nUpdated January 6, 2025", date(2025, 1, 5)),
    ("Updated January 6, 2025\n\nPublished January 5, 2025", date(2025, 1, 5)),
])
def test_published_or_updated_date_line_gives_the_publication_date(lines, published):
    page = f"Harbour Ferry Catches Fire\n\n{lines}\n\nThe ferry burned for an hour, the coast guard said.\n"
    art = clean_article(page)
    assert (art.published, art.page_date, art.outlet) == (published, None, None)
    assert [p for p, _ in art.paragraphs] == ["The ferry burned for an hour, the coast guard said."]


def test_a_sentence_starting_with_published_stays_text():
    sentence = "Published reports put the toll at 40."
    art = clean_article(f"Harbour Ferry Catches Fire\n\n{sentence}\n\nThe ferry burned for an hour.\n")
    assert sentence in [p for p, _ in art.paragraphs]
    assert art.outlet is None


def test_published_line_fills_the_source_when_no_manifest_says_so(seed_path, tmp_path):
    (tmp_path / "dawn.txt").write_bytes(seed_path("002").read_bytes())
    source = load_folder(tmp_path).documents[0].source
    assert (source.title, source.outlet, source.published) == (
        "Afghan Taliban ready to help US in countering IS: report", "Dawn", date(2023, 4, 25))


@pytest.mark.parametrize("prefix, page_date, date_line", [
    ("000", date(2024, 4, 25), "Thursday, Apr 25, 2024"),
    ("004", date(2023, 6, 3), "We're Live Bangla Saturday, June 03, 2023"),
])
def test_page_date_line_gives_the_page_date_and_leaves_the_text(seed_path, prefix, page_date, date_line):
    art = clean_article(seed_path(prefix).read_text(encoding="utf-8"))
    assert art.page_date == page_date
    assert date_line not in [p for p, _ in art.paragraphs]


def test_site_name_before_the_page_date_is_the_outlet(seed_path):
    assert clean_article(seed_path("004").read_text(encoding="utf-8")).outlet == "We're Live Bangla"


def test_keyword_tag_list_is_dropped_and_the_caption_under_it_kept(seed_corpus):
    paragraphs = texts(doc(seed_corpus, "003"))
    assert "afghan, taliban, celebrate, peace, deal" not in paragraphs
    assert any(p.startswith("Afghan Taliban members and villagers attend a gathering") for p in paragraphs)


def test_cleaning_never_rewrites_a_sentence(seed_corpus, seeds_dir):
    for document in seed_corpus.documents:
        raw = (seeds_dir / document.path).read_text(encoding="utf-8")
        raw = " ".join(raw.split())
        for paragraph in document.paragraphs:
            assert " ".join(paragraph.text.split()) in raw, (document.path, paragraph.number)


# --- text as files store it ----------------------------------------------------------------------

ARTICLE_LINES = [
    "Kabul Courier",
    "Taliban Step Up Raids On ISIS-K Hideouts",
    "The Taliban said on Monday that its fighters had raided three ISIS-K hideouts in Nangarhar.",
    "A spokesman said dozens of suspects were detained during the operation in the east.",
]


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "lone-cr"])
def test_crlf_and_lone_cr_read_like_lf(newline):
    text = "\n\n".join(ARTICLE_LINES) + "\n"
    lf, other = clean_article(text), clean_article(text.replace("\n", newline))
    assert (other.title, other.outlet, other.paragraphs) == (lf.title, lf.outlet, lf.paragraphs)
    assert not any("\r" in p for p, _ in other.paragraphs)


def test_byte_order_mark_is_dropped():
    text = "\n\n".join(ARTICLE_LINES)
    plain, marked = clean_article(text), clean_article("\ufeff" + text)
    assert marked.title == plain.title == "Kabul Courier"
    assert marked.paragraphs == plain.paragraphs


def test_hard_wrapped_paragraph_is_joined_into_one():
    text = (
        "Taliban Step Up Raids\n\n"
        "The Taliban have been fighting the Islamic State group in the east of\n"
        "the country for several years, and analysts say that the campaign has\n"
        "grown more intense since the summer.\n\n"
        "A second paragraph follows here, and it is short.\n"
    )
    paragraphs = [p for p, _ in clean_article(text).paragraphs]
    assert paragraphs == [
        "The Taliban have been fighting the Islamic State group in the east of the country for several "
        "years, and analysts say that the campaign has grown more intense since the summer.",
        "A second paragraph follows here, and it is short.",
    ]


def test_block_of_short_lines_stays_separate_lines():
    text = "Taliban Step Up Raids\n\nThe raids began in May. Officials confirmed them.\n\nKabul\nNangarhar\nKunar\n"
    paragraphs = [p for p, _ in clean_article(text).paragraphs]
    assert paragraphs[-3:] == ["Kabul", "Nangarhar", "Kunar"]


MARKDOWN = """# Taliban Step Up Raids On ISIS-K Hideouts

The **Taliban** said its fighters raided [three hideouts](https://example.org/raids) in Nangarhar on Monday.

## What the spokesman said

> "We will not allow any group to use our soil," the spokesman told reporters in Kabul.

Officials said the raids were *the largest* so far, and __more__ would follow in the spring.
"""


def test_markdown_heading_marks_become_title_and_subheading():
    art = clean_article(MARKDOWN)
    assert art.title == "Taliban Step Up Raids On ISIS-K Hideouts"
    assert ("What the spokesman said", PassageKind.HEADING) in art.paragraphs


def test_markdown_emphasis_links_and_quotes_leave_only_the_words():
    paragraphs = [p for p, _ in clean_article(MARKDOWN).paragraphs]
    assert "The Taliban said its fighters raided three hideouts in Nangarhar on Monday." in paragraphs
    assert '"We will not allow any group to use our soil," the spokesman told reporters in Kabul.' in paragraphs
    assert "Officials said the raids were the largest so far, and more would follow in the spring." in paragraphs
    assert not any(mark in p for p in paragraphs for mark in ("*", "__", "](", "#", "> "))


def test_markdown_file_loads_like_a_text_file(tmp_path):
    (tmp_path / "raids.md").write_text(MARKDOWN, encoding="utf-8")
    corpus = load_folder(tmp_path)
    assert corpus.report.loaded == ("raids.md",)
    assert corpus.documents[0].source.title == "Taliban Step Up Raids On ISIS-K Hideouts"


@pytest.mark.parametrize("byline", ["By Jane Doe", "By Mariam Khan and Ali Shah"])
def test_byline_under_the_headline_is_the_author(byline):
    lines = [ARTICLE_LINES[1], byline, *ARTICLE_LINES[2:]]
    art = clean_article("\n\n".join(lines))
    assert art.author == byline[3:]
    assert byline not in [p for p, _ in art.paragraphs]
