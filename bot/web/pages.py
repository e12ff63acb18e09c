"""The site's pages, one function each: the records a page shows in, the page's HTML out."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.core.models import Answer, LiveCorpus
from bot.web.templating import render
from search.extract.models import Actor, Event, FigureReport
from search.models import Document, Span

# Marks the question's terms in one paragraph's text; a page without a question marks nothing.
Marker = Callable[[str], Sequence[Span]]


def ask_page(question: str, max_chars: int, corpus: LiveCorpus, answer: Answer | None = None,
             error: str | None = None) -> str:
    """The question box and the answer quote by quote, or why the question has none, or what to ask."""
    return render("ask.html", question=question, max_chars=max_chars, answer=answer, error=error,
                  articles=len(corpus.documents), passages=len(corpus.index.passages))


def document_page(doc: Document, question: str | None, mark: Marker) -> str:
    """The cleaned article with its metadata; with a question, its words are marked in every paragraph."""
    return render("document.html", doc=doc, question=question, mark=mark)


def sources_page(documents: Sequence[Document]) -> str:
    """Every document of the live corpus with its outlet, date and a link to read it."""
    return render("sources.html", documents=documents)


def actors_page(actors: Sequence[Actor], kind: str | None, name: str = "", message: str | None = None) -> str:
    """Every actor, most mentioned first, with links to their profiles; or a message about the filter."""
    return render("actors.html", actors=actors, kind=kind, name=name, message=message)


def actor_profiles(actors: Sequence[Actor], documents: dict[str, Document]) -> str:
    """The profile of every actor a name matched (one, unless the name is part of several)."""
    return render("actor.html", actors=actors, documents=documents)


def figures_page(report: FigureReport | None, documents: dict[str, Document], topic: str = "",
                 message: str | None = None) -> str:
    """Groups first with every value and its source, then every figure with its sentence and link."""
    return render("figures.html", report=report, documents=documents, topic=topic, message=message)


def timeline_page(events: Sequence[Event], documents: dict[str, Document], actor: str = "", date_from: str = "",
                  date_to: str = "", message: str | None = None) -> str:
    """Events in date order, each with its date's precision and a link to every passage reporting it."""
    return render("timeline.html", events=events, documents=documents, actor=actor, date_from=date_from,
                  date_to=date_to, message=message)


def error_page(message: str) -> str:
    """An HTTP error as a short page that leads back to the ask page and the sources."""
    return render("error.html", message=message)
