"""One article saved as .txt, .md, .html and .pdf: every format answers with the same quote from the same
paragraph and shows the page's own title, outlet and date; a reload re-reads only changed files.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from bot.core.service import Service
from search.corpus import load_folder
from search.readers import READ_CACHE
from tests.search.readers.article import PARAGRAPHS, PUBLISHED, SUBHEAD, SUBHEAD_BEFORE, TITLE, article_text
from tests.search.readers.pdfs import article_pdf

FILES = Path(__file__).parent / "files"
FORMATS = {"txt-ferry": "txt/ferry.txt", "md-ferry": "md/ferry.md", "html-ferry": "html/ferry.html",
           "pdf-ferry": "pdf/ferry.pdf"}
QUESTIONS = {
    "Who is the harbour master?": 2,
    "When will the Marine Accident Board publish its report?": 10,
    "How many passengers does the Northern Star carry?": 7,
    "Were passengers refunded for cancelled crossings?": 5,
}


def write_formats(folder: Path) -> None:
    for relative in FORMATS.values():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
    (folder / FORMATS["txt-ferry"]).write_text(article_text(), encoding="utf-8")
    (folder / FORMATS["md-ferry"]).write_text(article_text(markdown=True), encoding="utf-8")
    shutil.copy(FILES / "harbour-ferry.html", folder / FORMATS["html-ferry"])
    article_pdf(folder / FORMATS["pdf-ferry"], title=TITLE, paragraphs=PARAGRAPHS, columns=2,
                header="The Coastal Herald · Local news", lead=["The Coastal Herald", f"Published {PUBLISHED}"],
                subheads={SUBHEAD_BEFORE: SUBHEAD})


@pytest.fixture
def service(tmp_settings) -> Service:
    write_formats(tmp_settings.corpus_dir)
    return Service.load(tmp_settings)


def test_every_format_loads_as_one_article_with_the_pages_own_metadata(service):
    docs = {d.doc_id: d for d in service.sources()}
    assert sorted(docs) == sorted(FORMATS)
    for doc in docs.values():
        assert (doc.source.title, doc.source.outlet, doc.source.published) == (
            TITLE, "The Coastal Herald", date(2024, 3, 14)), doc.path
    paragraphs = {doc_id: [(p.number, p.kind, p.text) for p in d.paragraphs] for doc_id, d in docs.items()}
    assert all(found == paragraphs["txt-ferry"] for found in paragraphs.values())


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_format_answers_with_the_same_quote_from_the_same_paragraph(service, question):
    answers = {doc_id: service.ask_sync(question, top=1, doc_ids=[doc_id]).hits[0] for doc_id in FORMATS}
    assert {hit.passage.ref.paragraph for hit in answers.values()} == {QUESTIONS[question]}
    (quote,) = {hit.snippet.text for hit in answers.values()}
    number = QUESTIONS[question]
    assert quote in PARAGRAPHS[number - 1 if number <= SUBHEAD_BEFORE else number - 2]


def test_a_reload_reads_only_the_web_pages_and_pdfs_that_changed(tmp_path):
    write_formats(tmp_path)
    page = tmp_path / FORMATS["html-ferry"]
    page.write_bytes(page.read_bytes() + f"<!-- saved to {tmp_path} -->".encode())  # bytes no other test read
    pdf = tmp_path / FORMATS["pdf-ferry"]
    pdf.write_bytes(pdf.read_bytes() + f"\n% {tmp_path}\n".encode())
    before = READ_CACHE.reads
    first = load_folder(tmp_path)
    assert READ_CACHE.reads - before == 2
    assert load_folder(tmp_path).documents == first.documents
    assert READ_CACHE.reads - before == 2
    page.write_bytes(page.read_bytes().replace(b"ninety minutes", b"two hours"))
    again = load_folder(tmp_path)
    assert READ_CACHE.reads - before == 3
    html = next(d for d in again.documents if d.doc_id == "html-ferry")
    assert "within two hours" in html.paragraphs[1].text
