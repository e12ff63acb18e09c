"""The JSON shapes of the service's records, shared by the command line and the web API."""

from __future__ import annotations

from typing import Any

from bot.core.models import Answer
from bot.render.links import public_link
from bot.render.words import source_name
from search.extract.models import Actor, Event, Extraction, Figure, FigureReport
from search.models import Document, Hit, SourceInfo


def source_json(source: SourceInfo) -> dict[str, Any]:
    """A document's source: title, outlet, published date (ISO) and canonical URL, None when unknown."""
    return {
        "title": source.title,
        "outlet": source.outlet,
        "published": source.published.isoformat() if source.published else None,
        "url": source.url,
    }


def hit_json(hit: Hit, documents: dict[str, Document], public_base_url: str | None = None) -> dict[str, Any]:
    """One ranked passage with its snippet, highlight spans and source.

    `source.link` is the paragraph on the public web page (None when no public address is set);
    `source.url` stays the article's canonical URL.
    """
    doc = documents[hit.passage.doc_id]
    return {
        "doc_id": hit.passage.doc_id,
        "paragraph": hit.passage.paragraph,
        "passage_id": hit.passage.passage_id,
        "kind": hit.passage.kind.value,
        "score": hit.score,
        "text": hit.passage.text,
        "snippet": hit.snippet.text,
        "highlights": [[s.start, s.end] for s in hit.snippet.highlights],
        "source": {**source_json(doc.source),
                   "link": public_link(public_base_url, hit.passage.doc_id, hit.passage.paragraph)},
    }


def answer_json(answer: Answer, public_base_url: str | None = None) -> dict[str, Any]:
    """The answer object of `dossier ask --json`."""
    return {
        "question": answer.question,
        "answered": answer.answered,
        "confidence": answer.confidence,
        "retrieval": answer.retrieval,
        "message": answer.message,
        "notices": list(answer.notices),
        "corpus_version": answer.corpus_version,
        # The passages shown, best first: the answer, or when `answered` is false the closest ones,
        # which `message` introduces as such. A script reads one list either way.
        "hits": [hit_json(h, answer.documents, public_base_url) for h in answer.hits or answer.closest],
    }


def error_json(question: str, message: str) -> dict[str, Any]:
    """The answer object for a question that could not be searched."""
    return {"question": question, "answered": False, "error": message, "message": message, "notices": [],
            "hits": []}


def document_json(doc: Document, public_base_url: str | None = None) -> dict[str, Any]:
    """One entry of `dossier sources --json`; `link` is the document's public web page or None."""
    return {
        "doc_id": doc.doc_id,
        "path": doc.path,
        **source_json(doc.source),
        "page_date": doc.source.page_date.isoformat() if doc.source.page_date else None,
        "author": doc.source.author,
        "paragraphs": len(doc.paragraphs),
        "link": public_link(public_base_url, doc.doc_id),
    }


def _outlet(documents: dict[str, Document], doc_id: str) -> str | None:
    return source_name(documents, doc_id) if doc_id in documents else None


def actor_json(actor: Actor, profile: bool = False) -> dict[str, Any]:
    """One actor of `dossier actors --json`; a profile adds roles, quotes and passages."""
    out: dict[str, Any] = {
        "name": actor.name,
        "kind": actor.kind,
        "aliases": list(actor.aliases),
        "mentions": actor.mentions,
        "doc_ids": list(actor.doc_ids),
        "roles": [{"text": r.text, "passage_id": r.passage_id} for r in actor.roles],
    }
    if profile:
        out["quotes"] = [{"text": q.text, "passage_id": q.passage_id} for q in actor.quotes]
        out["passages"] = list(actor.passage_ids)
    return out


def figure_json(figure: Figure, documents: dict[str, Document]) -> dict[str, Any]:
    """One figure of `dossier figures --json`."""
    return {
        "value": figure.value,
        "high": figure.high,
        "phrase": figure.phrase,
        "qualifier": figure.qualifier,
        "unit": figure.unit,
        "measure": figure.measure,
        "quote": figure.quote,
        "doc_id": figure.doc_id,
        "paragraph": figure.paragraph,
        "passage_id": figure.passage_id,
        "outlet": _outlet(documents, figure.doc_id),
        "group": figure.group,
    }


def figures_json(report: FigureReport, documents: dict[str, Document]) -> dict[str, Any]:
    """The object of `dossier figures --json`: every figure, and the groups that measure one thing."""
    return {
        "figures": [figure_json(f, documents) for f in report.figures],
        "groups": [{
            "key": g.key,
            "label": g.label,
            "agree": g.agree,
            "values": [{"value": f.value, "high": f.high, "phrase": f.phrase,
                        "outlet": _outlet(documents, f.doc_id), "doc_id": f.doc_id, "paragraph": f.paragraph}
                       for f in g.figures],
        } for g in report.groups],
    }


def event_json(event: Event, documents: dict[str, Document]) -> dict[str, Any]:
    """One event of `dossier timeline --json`."""
    return {
        "date": event.date,
        "precision": event.precision,
        "text": event.text,
        "actors": list(event.actors),
        "sources": [{"doc_id": s.doc_id, "paragraph": s.paragraph, "passage_id": s.passage_id,
                     "outlet": _outlet(documents, s.doc_id)} for s in event.sources],
    }


def actors_json(actors: tuple[Actor, ...], profile: bool = False) -> dict[str, Any]:
    """The object of `dossier actors --json` (profiles when one actor was asked for by name)."""
    return {"actors": [actor_json(a, profile=profile) for a in actors]}


def timeline_json(events: tuple[Event, ...], documents: dict[str, Document]) -> dict[str, Any]:
    """The object of `dossier timeline --json`."""
    return {"events": [event_json(e, documents) for e in events]}


def extraction_json(extraction: Extraction, documents: dict[str, Document]) -> dict[str, Any]:
    """A version's whole extraction as the command line's JSON: actor profiles, figures with their
    groups, and the timeline; this is what the database keeps with each version.
    """
    return {**actors_json(extraction.actors, profile=True),
            **figures_json(FigureReport(extraction.figures, extraction.groups), documents),
            **timeline_json(extraction.events, documents)}
