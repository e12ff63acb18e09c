"""A PDF's text lines, with their places on the page, put in reading order and rebuilt into paragraphs.

pypdf gives lines in the order they are drawn, which for a page of columns is column by column. A new
paragraph starts where the font size changes, where the gap above a line is wider than the document's
usual line spacing, or after a short line that ends a sentence (the last line of a paragraph). A line
that is only a page number, or that repeats at the top or bottom of most pages, is page furniture.
Hyphenation at a line end is undone when the next line goes on with a lower-case letter.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

# A line only holding a page number: "7", "Page 7", "Page 7 of 12", "7 / 12", "- 7 -".
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
# How many lines at the top and at the bottom of a page may be running headers or footers.
_EDGE_LINES = 2
# A gap above a line this many times the usual spacing of its font size separates paragraphs.
_PARAGRAPH_GAP = 1.3
# A line shorter than this share of the usual line length, ending a sentence, ends its paragraph.
_SHORT_LINE = 0.8
_SENTENCE_END = ".!?\"”’)…:"
# Font sizes this close are one size (rounding in the PDF's matrices).
_SAME_SIZE = 0.6
# A font size with fewer consecutive lines than this has no usual spacing of its own: type is set
# with about this much leading, so a wider gap separates paragraphs there.
_MIN_SAMPLES = 3
_LEADING = 1.25


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text where it stands on its page: y grows up the page, size is in points."""

    page: int
    x: float
    y: float
    size: float
    text: str


# A page whose next line stands beside the last one, in the next column, more often than this share of
# its lines was drawn row by row across its columns: its lines are put in reading order first.
_INTERLEAVED = 0.25
# A gap between line starts wider than this share of the page width separates two columns.
_COLUMN_GAP = 0.2


def reading_order(lines: list[Line], width: float) -> list[Line]:
    """The page's lines column by column, top to bottom, when the PDF drew them row by row."""
    beside = sum(1 for a, b in zip(lines, lines[1:], strict=False)
                 if b.y >= a.y - a.size / 2 and abs(b.x - a.x) > _COLUMN_GAP * width)
    if len(lines) < 8 or beside <= max(3, _INTERLEAVED * len(lines)):
        return lines
    starts = sorted({round(ln.x) for ln in lines})
    columns = [starts[0]] + [b for a, b in zip(starts, starts[1:], strict=False) if b - a > _COLUMN_GAP * width]

    def column(line: Line) -> int:
        return max(i for i, left in enumerate(columns) if left <= round(line.x))

    return sorted(lines, key=lambda ln: (column(ln), -ln.y))


def drop_furniture(pages: list[list[Line]]) -> list[list[Line]]:
    """Remove page numbers and running headers and footers from the top and bottom of each page."""
    def edges(lines: list[Line]) -> list[Line]:
        ordered = sorted(lines, key=lambda ln: -ln.y)
        return ordered[:_EDGE_LINES] + ordered[-_EDGE_LINES:]

    seen: dict[str, int] = {}
    for lines in pages:
        for key in {_furniture_key(ln.text) for ln in edges(lines)}:
            seen[key] = seen.get(key, 0) + 1
    repeated = {key for key, n in seen.items() if len(pages) >= 2 and n >= 2 and n * 2 >= len(pages)}
    kept = []
    for lines in pages:
        furniture = {id(ln) for ln in edges(lines)
                     if _PAGE_NUMBER.match(ln.text) or _furniture_key(ln.text) in repeated}
        kept.append([ln for ln in lines if id(ln) not in furniture])
    return kept


def _furniture_key(text: str) -> str:
    """A running line with its page number or date masked, so "Herald · page 3" matches "… page 4"."""
    return re.sub(r"\d+", "#", text.casefold()).strip()


def paragraphs(pages: list[list[Line]]) -> list[str]:
    """The lines of every page, in drawing order, joined into paragraphs."""
    lines = [ln for page in pages for ln in page]
    if not lines:
        return []
    spacing = _usual(lines, lambda a, b: a.y - b.y if a.page == b.page and a.y > b.y else None)
    length = _usual(lines, lambda a, b: float(len(a.text)))
    out: list[list[str]] = [[lines[0].text]]
    for prev, line in zip(lines, lines[1:], strict=False):
        if _starts_paragraph(prev, line, spacing, length):
            out.append([line.text])
        else:
            out[-1].append(line.text)
    return [joined for group in out if (joined := join_lines(group))]


def _usual(lines: list[Line], measure: object) -> dict[float, float]:
    """The median of a measure over consecutive lines of one font size, per size."""
    values: dict[float, list[float]] = {}
    for a, b in zip(lines, lines[1:], strict=False):
        if abs(a.size - b.size) > _SAME_SIZE:
            continue
        value = measure(a, b)  # type: ignore[operator]
        if value is not None and value > 0:
            values.setdefault(round(a.size), []).append(value)
    return {size: statistics.median(v) for size, v in values.items() if len(v) >= _MIN_SAMPLES}


def _starts_paragraph(prev: Line, line: Line, spacing: dict[float, float], length: dict[float, float]) -> bool:
    if abs(prev.size - line.size) > _SAME_SIZE:
        return True
    usual_gap = spacing.get(round(line.size), _LEADING * line.size)
    same_column = prev.page == line.page and prev.y > line.y
    if same_column and usual_gap and prev.y - line.y > _PARAGRAPH_GAP * usual_gap:
        return True
    usual_length = length.get(round(prev.size))
    ends_sentence = prev.text.rstrip()[-1:] in _SENTENCE_END
    return bool(ends_sentence and usual_length and len(prev.text) < _SHORT_LINE * usual_length)


def join_lines(lines: list[str]) -> str:
    """Lines of one paragraph as one line: a word hyphenated at a line end is whole again."""
    text = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if text.endswith("\u00ad"):
            text = text[:-1] + line
        elif re.search(r"[^\W\d_]-$", text) and line[:1].islower():
            text = text[:-1] + line
        else:
            text = f"{text} {line}" if text else line
    return re.sub(r"\s+", " ", text).strip()
