"""PDFs as people print them: paragraphs rebuilt from the lines of one or two columns, the running
header, footer and page numbers dropped, and every file that cannot be read named with its reason.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfWriter
from reportlab.pdfgen.canvas import Canvas

from search.corpus import load_folder
from search.index import Index
from search.text import Analyzer
from tests.search.readers.article import PARAGRAPHS, PUBLISHED, SUBHEAD, SUBHEAD_BEFORE, TITLE
from tests.search.readers.pdfs import article_pdf

HEADER = "The Coastal Herald · Friday 15 March 2024 · Local news"


def newsletter(path: Path, columns: int = 2, **kwargs: object) -> Path:
    return article_pdf(path, title=TITLE, paragraphs=PARAGRAPHS, columns=columns, header=HEADER,
                       lead=["The Coastal Herald", f"Published {PUBLISHED}"],
                       subheads={SUBHEAD_BEFORE: SUBHEAD}, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("columns", [1, 2])
def test_paragraphs_are_rebuilt_without_header_footer_or_page_numbers(tmp_path, columns):
    newsletter(tmp_path / "ferry.pdf", columns, meta_title=TITLE)
    (doc,) = load_folder(tmp_path).documents
    texts = [p.text for p in doc.paragraphs]
    assert texts == PARAGRAPHS[:SUBHEAD_BEFORE] + [SUBHEAD] + PARAGRAPHS[SUBHEAD_BEFORE:]
    assert (doc.source.title, doc.source.outlet, doc.source.published) == (TITLE, "The Coastal Herald",
                                                                            date(2024, 3, 14))


def test_the_pdf_spans_pages_so_the_running_lines_repeat(tmp_path):
    from pypdf import PdfReader

    path = newsletter(tmp_path / "ferry.pdf", 2)
    reader = PdfReader(path)
    assert len(reader.pages) >= 2
    assert all(HEADER in page.extract_text() for page in reader.pages)
    index = Index.build(load_folder(tmp_path).passages, Analyzer())
    for word in ("Page", "Friday", "Local news"):
        assert not index.search(word, k=3).hits, word


def test_without_metadata_the_title_is_the_largest_text_of_the_first_page(tmp_path):
    newsletter(tmp_path / "ferry.pdf", 2, author="Maria Okafor", created=datetime(2024, 3, 15, 9, 0))
    (doc,) = load_folder(tmp_path).documents
    assert doc.source.title == TITLE
    assert doc.source.author == "Maria Okafor"
    assert doc.source.page_date == date(2024, 3, 15)  # when the PDF was made: the page's date


def test_a_word_hyphenated_at_a_line_end_is_whole_again(tmp_path):
    text = ("Investigators said the fire began in a fuel line, and that an evacu-<br/>ation drill held "
            "in February had prepared the crew for exactly this kind of emergency on board.")
    article_pdf(tmp_path / "drill.pdf", title="Drill paid off", paragraphs=[text, PARAGRAPHS[0]], columns=1)
    (doc,) = load_folder(tmp_path).documents
    assert "an evacuation drill held in February" in doc.paragraphs[0].text


def _scan(path: Path) -> Path:
    canvas = Canvas(str(path))
    canvas.rect(50, 50, 400, 600, fill=1)  # a page of picture only, as a scanner writes it
    canvas.showPage()
    canvas.save()
    return path


def _encrypted(path: Path, source: Path) -> Path:
    writer = PdfWriter(clone_from=str(source))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    writer.write(path)
    return path


def _bomb(path: Path) -> Path:
    writer = PdfWriter()
    for _ in range(5_000):
        writer.add_blank_page(10, 10)
    buffer = io.BytesIO()
    writer.write(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def test_unreadable_pdfs_are_named_with_their_reason_and_the_rest_loads(tmp_path):
    good = newsletter(tmp_path / "good.pdf", 2)
    _scan(tmp_path / "scan.pdf")
    _encrypted(tmp_path / "locked.pdf", good)
    _bomb(tmp_path / "bomb.pdf")
    (tmp_path / "broken.pdf").write_bytes(good.read_bytes()[:900])
    (tmp_path / "fake.pdf").write_bytes(b"%PDF-1.7\n" + b"garbage " * 200)
    corpus = load_folder(tmp_path)
    reasons = {s.path: s.reason for s in corpus.report.skipped}
    assert [d.path for d in corpus.documents] == ["good.pdf"]
    assert reasons["scan.pdf"].startswith("no text layer")
    assert reasons["locked.pdf"] == "PDF is encrypted with a password"
    assert reasons["bomb.pdf"] == "PDF has 5,000 pages, over the 500-page limit"
    assert reasons["broken.pdf"].startswith("PDF is broken") or reasons["broken.pdf"].startswith("no text layer")
    assert reasons["fake.pdf"].startswith("PDF is broken")


def test_a_pdf_over_the_size_limit_is_skipped(tmp_path):
    newsletter(tmp_path / "ferry.pdf", 2)
    corpus = load_folder(tmp_path, max_file_bytes=1_000)
    assert "over the 1,000-byte limit" in corpus.report.skipped[0].reason


def test_columns_drawn_row_by_row_are_read_column_by_column(tmp_path):
    from tests.search.readers.pdfs import row_by_row_pdf

    paragraphs = PARAGRAPHS[:6]
    row_by_row_pdf(tmp_path / "rows.pdf", TITLE, paragraphs)
    (doc,) = load_folder(tmp_path).documents
    assert doc.source.title == TITLE
    # the reading order is the point here: where the left column ends at a full line that ends a
    # sentence, nothing on the page says whether the paragraph goes on at the top of the right one
    assert " ".join(p.text for p in doc.paragraphs) == " ".join(paragraphs)
    assert [p.text for p in doc.paragraphs][:2] == paragraphs[:2]
