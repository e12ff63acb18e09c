"""PDFs made with reportlab the way newsletters and printed pages are laid out: a title, a running
header and footer with page numbers, one or two columns of justified paragraphs.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer

BODY = ParagraphStyle("body", fontName="Times-Roman", fontSize=10, leading=12.5, spaceAfter=7,
                      alignment=4, hyphenationLang=None)
TITLE = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=18, leading=22, spaceAfter=12)
SMALL = ParagraphStyle("small", fontName="Helvetica", fontSize=9, leading=11, spaceAfter=10)
SUBHEAD = ParagraphStyle("subhead", fontName="Helvetica-Bold", fontSize=11, leading=14, spaceAfter=6)


def article_pdf(path: Path, *, title: str, paragraphs: list[str], columns: int = 2, header: str | None = None,
                lead: list[str] = (), subheads: dict[int, str] | None = None, meta_title: str | None = None,
                author: str | None = None, created: datetime | None = None, small: bool = True) -> Path:
    """Write an article PDF: `lead` lines (outlet, date) above the title, `subheads` before paragraph i;
    `small` pages (A5) make a short article run over several pages.
    """
    width, height = A5 if small else A4
    margin, gap = 2 * cm, 0.8 * cm
    column = (width - 2 * margin - (columns - 1) * gap) / columns
    frames = [Frame(margin + i * (column + gap), 2.2 * cm, column, height - 4.6 * cm, id=f"c{i}")
              for i in range(columns)]

    def furniture(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        if header:
            canvas.drawString(margin, height - 1.4 * cm, header)
        canvas.drawCentredString(width / 2, 1.2 * cm, f"Page {doc.page}")
        canvas.restoreState()

    doc = BaseDocTemplate(str(path), pagesize=(width, height), title=meta_title or "", author=author or "",
                          creator="reportlab", invariant=True)
    doc.addPageTemplates([PageTemplate(id="page", frames=frames, onPage=furniture)])
    story = [Paragraph(line, SMALL) for line in lead]
    story += [Paragraph(title, TITLE), Spacer(1, 4)]
    for i, text in enumerate(paragraphs):
        if subheads and i in subheads:
            story.append(Paragraph(subheads[i], SUBHEAD))
        story.append(Paragraph(text, BODY))
    doc.build(story)
    if created is not None:
        _set_creation_date(path, created)
    return path


def _set_creation_date(path: Path, created: datetime) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(path))
    writer.add_metadata({"/CreationDate": created.strftime("D:%Y%m%d%H%M%S")})
    writer.write(path)


def row_by_row_pdf(path: Path, title: str, paragraphs: list[str]) -> Path:
    """Two columns drawn a row at a time, left line then right line, as some layout programs write them:
    the first half of the paragraphs in the left column, the rest in the right.
    """
    from reportlab.lib.utils import simpleSplit

    width, height = A4
    margin, gap, size, leading = 2 * cm, 1 * cm, 10, 12.5
    column = (width - 2 * margin - gap) / 2

    def lines_of(texts: list[str]) -> list[str | None]:
        out: list[str | None] = []
        for text in texts:
            out += simpleSplit(text, "Times-Roman", size, column) + [None]  # None: the gap after a paragraph
        return out

    half = (len(paragraphs) + 1) // 2
    left, right = lines_of(paragraphs[:half]), lines_of(paragraphs[half:])
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica-Bold", 18)
    canvas.drawString(margin, height - 2.5 * cm, title)
    canvas.setFont("Times-Roman", size)
    top = height - 3.5 * cm
    for row in range(max(len(left), len(right))):
        y = top - row * leading
        for x, lines in ((margin, left), (margin + column + gap, right)):
            if row < len(lines) and lines[row] is not None:
                canvas.drawString(x, y, lines[row])
    canvas.showPage()
    canvas.save()
    return path
