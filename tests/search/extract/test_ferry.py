"""Two reports of one ferry fire, written for these tests: abbreviated months and titles, a
"Published <date>" line, times of day, ages after names, and one event told by both articles at
different precisions.

The Gazette states its publication date and gives the fire as "January 3"; the Courier states no date
at all, so its "January 3" has no year and its "in January" no year either. Both are the Gazette's
fire. The Vassby school closure is another happening on the same day and stays apart.
"""

from datetime import date
from pathlib import Path

import pytest

from search.aliases import AliasTable
from search.corpus import CorpusData, load_folder
from search.extract import Event, Extraction, Gazetteer, extract
from search.extract.scoring import score_events
from search.extract.text import sentences

ROOT = Path(__file__).resolve().parents[3]

GAZETTE = """Ferry Fire Forces Evacuation in the Strait of Kelda

Published January 5, 2025
Updated January 6, 2025

By Ilse Varga

Fire broke out in the engine room of the ferry Morning Star shortly before 4 a.m. on January 3 as it \
crossed the Strait of Kelda, forcing the evacuation of 312 passengers and 41 crew, the coast guard said.

Capt. Tobias Renner, 58, the ship's master, said the crew had the lifeboats in the water within twenty \
minutes. "Nobody panicked," he said.

Sen. Halvard Moe called for an inquiry into the operator, Kelda Lines, which was fined 2.4 million euros \
on Sept. 9, 2023 after an engine failure on another of its vessels.

Passenger Agnes Lindahl, 71, said crew members handed out blankets on deck. Eleven people were treated \
for smoke inhalation.

Schools in the harbour town of Vassby stayed shut on January 3 because a winter storm had cut power to \
9,000 homes.

The coast guard said the Morning Star had last been inspected on Aug. 14, 2024, and had passed.
"""

COURIER = """Investigators Board Burned Kelda Ferry

Investigators from the maritime safety board boarded the Morning Star on Monday, days after the engine \
room fire of January 3 forced 312 passengers and 41 crew into lifeboats in the Strait of Kelda.

Gen. Rasmus Dahl, who heads the board, said the ship's fire doors had been checked. The ferry fire in \
January was the second on a Kelda Lines ship in two years, he said.
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> CorpusData:
    folder = tmp_path_factory.mktemp("ferry")
    (folder / "gazette.txt").write_text(GAZETTE, encoding="utf-8")
    (folder / "courier.txt").write_text(COURIER, encoding="utf-8")
    return load_folder(folder)


@pytest.fixture(scope="module")
def extraction(corpus) -> Extraction:
    return extract(corpus.documents, AliasTable.from_toml(ROOT / "config" / "aliases.toml"),
                   Gazetteer.from_toml(ROOT / "config" / "states.toml"))


def _paragraph(corpus: CorpusData, phrase: str) -> tuple[str, int]:
    return next((d.doc_id, p.number) for d in corpus.documents for p in d.paragraphs if phrase in p.text)


@pytest.mark.parametrize("text, expected", [
    ("It was inspected on Aug. 14, 2024, and passed.", ["It was inspected on Aug. 14, 2024, and passed."]),
    ("Fined on Sept. 9, 2023. Then sold.", ["Fined on Sept. 9, 2023.", "Then sold."]),
    ("Sen. Halvard Moe spoke. Capt. Tobias Renner agreed.", ["Sen. Halvard Moe spoke.",
                                                             "Capt. Tobias Renner agreed."]),
    ("They sailed in Aug. The storm came later.", ["They sailed in Aug.", "The storm came later."]),
])
def test_month_and_title_abbreviations_end_no_sentence(text, expected):
    assert [s.text for s in sentences("d", 1, text)] == expected


def _figures(extraction: Extraction, corpus: CorpusData, phrase: str) -> list[float]:
    doc_id, number = _paragraph(corpus, phrase)
    return [f.value for f in extraction.figures if (f.doc_id, f.paragraph) == (doc_id, number)]


@pytest.mark.parametrize("phrase, values", [
    ("shortly before 4 a.m.", [312, 41]),  # 4 a.m. is a time of day
    ("Tobias Renner, 58,", []),  # 58 is his age; "within twenty minutes" is a duration
    ("Agnes Lindahl, 71,", [11]),  # 71 is her age; eleven people treated
    ("fined 2.4 million euros", [2_400_000]),  # the 9 of "Sept. 9, 2023" is a date
    ("inspected on Aug. 14, 2024", []),  # so is the 14
])
def test_times_of_day_ages_and_days_of_abbreviated_months_are_not_figures(extraction, corpus, phrase, values):
    assert _figures(extraction, corpus, phrase) == values


def test_a_published_line_dates_the_article_and_gives_the_year_of_its_dates(corpus, extraction):
    gazette = next(d for d in corpus.documents if d.doc_id == "gazette")
    assert (gazette.source.published, gazette.source.page_date) == (date(2025, 1, 5), None)
    assert not any(p.text.startswith(("Published", "Updated")) for p in gazette.paragraphs)
    assert {e.date for e in extraction.events} == {"2023-09-09", "2024-08-14", "2025-01-03"}


@pytest.mark.parametrize("phrase, iso", [("fined 2.4 million euros", "2023-09-09"),
                                         ("inspected on Aug. 14, 2024", "2024-08-14")])
def test_a_date_with_an_abbreviated_month_is_a_day_with_its_whole_sentence(extraction, corpus, phrase, iso):
    doc_id, number = _paragraph(corpus, phrase)
    [event] = [e for e in extraction.events if (e.sources[0].doc_id, e.sources[0].paragraph) == (doc_id, number)]
    assert (event.date, event.precision) == (iso, "day")
    assert phrase in event.text


def test_one_fire_told_at_three_precisions_is_one_event_with_every_source(extraction, corpus):
    fire = [e for e in extraction.events if "Morning Star" in e.text and e.date == "2025-01-03"]
    assert len(fire) == 1
    sources = {(s.doc_id, s.paragraph): s.date for s in fire[0].sources}
    assert sources == {_paragraph(corpus, "Fire broke out"): "",
                       _paragraph(corpus, "engine room fire of January 3"): "--01-03",
                       _paragraph(corpus, "ferry fire in January"): "--01"}


def test_another_happening_on_the_same_day_stays_its_own_event(extraction, corpus):
    schools = [e for e in extraction.events if _paragraph(corpus, "Vassby") in
               {(s.doc_id, s.paragraph) for s in e.sources}]
    assert [(e.date, len(e.sources)) for e in schools] == [("2025-01-03", 1)]


def test_the_scorer_counts_an_event_shown_once_per_source_as_duplicated(extraction, corpus):
    def entry(phrase: str, iso: str, happening: str) -> dict:
        doc_id, number = _paragraph(corpus, phrase)
        return {"date": iso, "doc": doc_id, "paragraph": number, "what": happening, "happening": happening}

    gold = {"events": [entry("Fire broke out", "2025-01-03", "fire"),
                       entry("engine room fire of January 3", "--01-03", "fire"),
                       entry("ferry fire in January", "--01", "fire"),
                       entry("Vassby", "2025-01-03", "schools shut")]}
    merged = score_events(extraction, gold)
    assert (merged["timeline"].recall, merged["duplicated"].wrong, merged["merged"].wrong) == (1.0, [], [])
    apart = Extraction(events=tuple(Event(s.date or e.date, e.precision, e.text, (s,))
                                    for e in extraction.events for s in e.sources))
    split = score_events(apart, gold)
    assert split["timeline"].recall == 1.0
    assert split["duplicated"].wrong == ["fire (again at --01-03)", "fire (again at --01)"]
    lumped = Extraction(events=(Event("2025-01-03", "day", "", tuple(
        s for e in extraction.events if e.date == "2025-01-03" for s in e.sources)),))
    assert score_events(lumped, gold)["merged"].wrong == ["2025-01-03: fire + schools shut"]
