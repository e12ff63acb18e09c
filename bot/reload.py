"""What a reload changed: the ReloadReport record, how it is computed from two versions, and its text."""

from __future__ import annotations

from dataclasses import dataclass, replace

from search.corpus import CorpusData, passages_of
from search.models import Document, SkippedFile


@dataclass(frozen=True, slots=True)
class DocumentChange:
    """One document added, removed or changed by a reload, with its passage counts before and after."""

    doc_id: str
    path: str
    title: str
    passages: int
    previous_passages: int


@dataclass(frozen=True, slots=True)
class ExtractionKeys:
    """The actors, figures and events a corpus version names, each as a comparable key."""

    actors: tuple[str, ...] = ()
    figures: tuple[str, ...] = ()
    events: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """True when the version carries no extraction results at all."""
        return not (self.actors or self.figures or self.events)


@dataclass(frozen=True, slots=True)
class ExtractionDelta:
    """How many actors, figures and events the new version names that the old one did not."""

    actors: int
    figures: int
    events: int


def extraction_keys(data: CorpusData) -> ExtractionKeys:
    """The extraction results of a version, as keys to compare across a reload.

    The one place that reads extraction results for the report. Corpus versions carry no extraction
    results yet, so every version names no actors, figures or events; when extraction lands on the
    corpus, this function returns its keys and the report's counts follow with no other change.
    """
    del data
    return ExtractionKeys()


def extraction_delta(old: ExtractionKeys, new: ExtractionKeys) -> ExtractionDelta | None:
    """New actors, figures and events; None when the new version has no extraction results to count."""
    if new.empty:
        return None
    return ExtractionDelta(len(set(new.actors) - set(old.actors)), len(set(new.figures) - set(old.figures)),
                           len(set(new.events) - set(old.events)))


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
            forced: bool = False) -> ReloadReport:
    """The report of replacing `old` by `new` (not yet applied: the caller marks it so)."""
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
                        new_extraction=extraction_delta(extraction_keys(old), extraction_keys(new)))


def _doc_line(sign: str, c: DocumentChange, passages: str) -> str:
    return f"  {sign} {c.path} ({c.title}): {passages}"


def render_report(report: ReloadReport) -> str:
    """The report as plain text, for the terminal, the log, the audit log and chat replies."""
    if report.applied:
        head = f"Reload by {report.requested_by}: now serving corpus version {report.new_version} " \
               f"(was {report.old_version}); {report.documents} documents, {report.passages} passages."
        if report.forced and report.failed:
            head += " Forced: the files below failed and were left out."
    else:
        head = f"Reload by {report.requested_by} refused: {report.reason} " \
               f"Still serving corpus version {report.old_version}."
    lines = [head]
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
        lines.append(f"New: {x.actors} actors, {x.figures} figures, {x.events} events.")
    lines += [f"  ! {f.path}: {f.reason}" for f in report.failed]
    lines += [f"  warning: {w}" for w in report.warnings]
    return "\n".join(lines)
