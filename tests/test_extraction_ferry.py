"""Two reports of one ferry fire, written for these tests: abbreviated months and titles, a
"Published <date>" line, times of day, ages after names, and one event told by both articles at
different precisions.

The Gazette states its publication date and gives the fire as "January 3"; the Courier states no date
at all, so its "January 3" has no year and its "in January" no year either. Both are the Gazette's
fire. The Vassby school closure is another happening on the same day and stays apart.
"""

from pathlib import Path

import pytest

from search.aliases import AliasTable
from search.corpus import CorpusData, load_folder
from search.extract import Extraction, Gazetteer, extract
from search.extract.text import sentences

ROOT = Path(__file__).resolve().parent.parent

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
    ("Tobias Renner, 58,", [20]),  # 58 is his age; twenty minutes
    ("Agnes Lindahl, 71,", [11]),  # 71 is her age; eleven people treated
    ("fined 2.4 million euros", [2_400_000]),  # the 9 of "Sept. 9, 2023" is a date
    ("inspected on Aug. 14, 2024", []),  # so is the 14
])
def test_times_of_day_ages_and_days_of_abbreviated_months_are_not_figures(extraction, corpus, phrase, values):
    assert _figures(extraction, corpus, phrase) == values
