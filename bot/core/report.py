"""What a reload changed: the ReloadReport record, how it is computed from two versions, and its text."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from bot.printable import one_line
from search.corpus import CorpusData, passages_of
from search.extract.models import Event, Extraction, Figure
from search.models import Document, SkippedFile


@dataclass(frozen=True, slots=True)
class DocumentChange:
    """One document added, removed or changed by a reload, with its passage counts before and after."""

    doc_id: str
    path: str
    title: str
    passages: int
    previous_passages: int


# How many new actors, figures and events the report names; the counts cover all of them.
NAMES_SHOWN = 5
# An event's sentence is cut to this many characters in the report.
EVENT_CHARS = 80


@dataclass(frozen=True, slots=True)
class ExtractionKeys:
    """The actors, figures and events a corpus version names: comparable key → how the report names it.

    An actor is its name; a figure is its value and phrase in one document (a paragraph moving is no new
    figure, the same number reported by another article is); an event is its date and sentence.
    """

    actors: dict[str, str] = field(default_factory=dict)
    figures: dict[tuple[object, ...], str] = field(default_factory=dict)
    events: dict[tuple[str, str], str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        """True when the version carries no extraction results at all."""
        return not (self.actors or self.figures or self.events)


@dataclass(frozen=True, slots=True)
class ExtractionDelta:
    """The actors, figures and events the new version names that the old one did not, as report text."""

    actors: tuple[str, ...]
    figures: tuple[str, ...]
    events: tuple[str, ...]


def _event_label(event: Event) -> str:
    text = event.text if len(event.text) <= EVENT_CHARS else event.text[:EVENT_CHARS - 1].rstrip() + "…"
    return f"{event.date}: {text}"


def _figure_label(figure: Figure) -> str:
    value = figure.value_text
    said = value.replace(",", "") in figure.phrase.replace(",", "")
    return figure.phrase if said else f"{value}: {figure.phrase}"


def extraction_keys(extraction: Extraction) -> ExtractionKeys:
    """The extraction results of a version, as keys to compare across a reload (the one place that reads
    them for the report).
    """
    return ExtractionKeys(
        {a.name.casefold(): a.name for a in extraction.actors},
        {(f.doc_id, f.value, f.high, f.phrase.casefold()): f"{_figure_label(f)} ({f.doc_id})"
         for f in extraction.figures},
        {(e.date, e.text.casefold()): _event_label(e) for e in extraction.events})


def extraction_delta(old: ExtractionKeys, new: ExtractionKeys) -> ExtractionDelta | None:
    """New actors, figures and events; None when the new version has no extraction results to count."""
    if new.empty:
        return None

    def fresh(before: dict, after: dict) -> tuple[str, ...]:
        return tuple(label for key, label in after.items() if key not in before)

    return ExtractionDelta(fresh(old.actors, new.actors), fresh(old.figures, new.figures),
                           fresh(old.events, new.events))


@dataclass(frozen=True, slots=True)
class ReloadReport:
    """What a reload found and did; kept in the audit log and shown to the admin who asked."""

    requested_by: str
    applied: bool
    old_version: str
    new_version: str
    documents: int
    passages: int
    added: tuple[DocumentChange, ...] = ()
    removed: tuple[DocumentChange, ...] = ()
    changed: tuple[DocumentChange, ...] = ()
    unchanged: int = 0
    failed: tuple[SkippedFile, ...] = ()
    warnings: tuple[str, ...] = ()
    forced: bool = False
    reason: str | None = None
    new_extraction: ExtractionDelta | None = None
    seconds: float = 0.0

    def refused(self, reason: str) -> ReloadReport:
        """The same findings, marked as not applied, with the reason."""
        return replace(self, applied=False, reason=reason)


def _passage_count(doc: Document) -> int:
    return len(passages_of(doc))


def compare(old: CorpusData, new: CorpusData, old_version: str, new_version: str, requested_by: str,
            forced: bool = False, extractions: tuple[Extraction, Extraction] | None = None) -> ReloadReport:
    """The report of replacing `old` by `new` (not yet applied: the caller marks it so).

    `extractions` is the old and the new version's extraction results, for the new actors, figures
    and events; without them the report counts none.
    """
    before = {d.doc_id: d for d in old.documents}
    after = {d.doc_id: d for d in new.documents}

    def change(doc: Document, now: Document | None, was: Document | None) -> DocumentChange:
        return DocumentChange(doc.doc_id, doc.path, doc.title, _passage_count(now) if now else 0,
                              _passage_count(was) if was else 0)

    added = tuple(change(d, d, None) for i, d in after.items() if i not in before)
    removed = tuple(change(d, None, d) for i, d in before.items() if i not in after)
    changed = tuple(change(d, d, before[i]) for i, d in after.items() if i in before
                    and (before[i].content_hash, before[i].source) != (d.content_hash, d.source))
    unchanged = len(after) - len(added) - len(changed)
    return ReloadReport(requested_by, False, old_version, new_version, len(new.documents), len(new.passages),
                        added, removed, changed, unchanged, new.report.skipped, new.report.warnings, forced,
                        new_extraction=_new_extraction(extractions))


def _new_extraction(extractions: tuple[Extraction, Extraction] | None) -> ExtractionDelta | None:
    if extractions is None:
        return None
    return extraction_delta(extraction_keys(extractions[0]), extraction_keys(extractions[1]))


def _document(c: DocumentChange) -> str:
    """A document as the report names it, path and title on one line: a file name may hold a newline or
    a terminal escape, and the report is read on terminals and in the log.
    """
    return f"{one_line(c.path)} ({one_line(c.title)})"


def _doc_line(sign: str, c: DocumentChange, passages: str) -> str:
    return f"  {sign} {_document(c)}: {passages}"


def report_head(report: ReloadReport) -> str:
    """The report's first line: what is served now, forced or refused and why."""
    if report.applied:
        head = f"Reload by {report.requested_by}: now serving corpus version {report.new_version} " \
               f"(was {report.old_version}); {report.documents} documents, {report.passages} passages."
        if report.forced and report.failed:
            head += " Forced: the files below failed and were left out."
        return head
    return f"Reload by {report.requested_by} refused: {report.reason} " \
           f"Still serving corpus version {report.old_version}."


@dataclass(frozen=True, slots=True)
class ReportSection:
    """One titled part of a report, for a chat platform to lay out as a field or a block."""

    title: str
    lines: tuple[str, ...]


def report_sections(report: ReloadReport) -> tuple[ReportSection, ...]:
    """The report's findings after its head, in sections; empty sections are left out."""
    x = report.new_extraction
    sections = [
        ReportSection("Added", tuple(f"{_document(c)}: {c.passages} passages" for c in report.added)),
        ReportSection("Removed", tuple(f"{_document(c)}: had {c.previous_passages} passages"
                                       for c in report.removed)),
        ReportSection("Changed", tuple(f"{_document(c)}: {c.previous_passages} → {c.passages} passages"
                                       for c in report.changed)),
    ]
    if x is not None:
        for title, items in (("New actors", x.actors), ("New figures", x.figures), ("New events", x.events)):
            shown = tuple(items[:NAMES_SHOWN])
            more = (f"and {len(items) - NAMES_SHOWN} more",) if len(items) > NAMES_SHOWN else ()
            sections.append(ReportSection(f"{title} ({len(items)})", shown + more))
    sections.append(ReportSection("Failed files", tuple(f"{one_line(f.path)}: {one_line(f.reason)}"
                                                        for f in report.failed)))
    sections.append(ReportSection("Warnings", tuple(one_line(w) for w in report.warnings)))
    return tuple(s for s in sections if s.lines)


def render_report(report: ReloadReport) -> str:
    """The report as plain text, for the terminal, the log, the audit log and chat replies."""
    lines = [report_head(report)]
    if not (report.added or report.removed or report.changed) and report.documents:
        lines.append(f"No document changed ({report.unchanged} unchanged).")
    lines += [_doc_line("+", c, f"{c.passages} passages") for c in report.added]
    lines += [_doc_line("-", c, f"{c.previous_passages} passages") for c in report.removed]
    lines += [_doc_line("~", c, f"{c.previous_passages} → {c.passages} passages") for c in report.changed]
    if report.added or report.removed or report.changed:
        lines.append(f"{len(report.added)} added, {len(report.removed)} removed, "
                     f"{len(report.changed)} changed, {report.unchanged} unchanged.")
    if report.new_extraction is not None:
        x = report.new_extraction
        lines.append(f"New: {_count(x.actors, 'actor')}, {_count(x.figures, 'figure')}, "
                     f"{_count(x.events, 'event')}.")
        lines += _named("actors", x.actors, "; ")
        lines += _named("figures", x.figures, "; ")
        lines += [f"    {e}" for e in x.events[:NAMES_SHOWN]]
        if len(x.events) > NAMES_SHOWN:
            lines.append(f"    and {len(x.events) - NAMES_SHOWN} more events")
    lines += [f"  ! {one_line(f.path)}: {one_line(f.reason)}" for f in report.failed]
    lines += [f"  warning: {one_line(w)}" for w in report.warnings]
    return "\n".join(lines)


def _count(items: tuple[str, ...], word: str) -> str:
    return f"{len(items)} {word}" + ("" if len(items) == 1 else "s")


def _named(what: str, items: tuple[str, ...], sep: str) -> list[str]:
    """One line naming the first few new items of a list, and how many more there are."""
    if not items:
        return []
    more = f" and {len(items) - NAMES_SHOWN} more" if len(items) > NAMES_SHOWN else ""
    return [f"  new {what}: {sep.join(items[:NAMES_SHOWN])}{more}"]
