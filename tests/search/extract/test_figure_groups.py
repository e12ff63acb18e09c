"""Figure groups on articles written for the tests: two outlets on a mine collapse and two on a wildfire.

The outlets disagree on how many miners are trapped (one writes the counted noun before the number), on
the death toll (a toll with no counted noun) and on how many people were evacuated (one number with no
noun at all); they state the same number of homes destroyed, one of them with "nearly"; and the same
number treated, one with "at least". Passages are found by a phrase they contain.
"""

import shutil
from pathlib import Path

import pytest

from search.aliases import AliasTable
from search.corpus import load_folder
from search.extract import Extraction, Figure, Gazetteer, extract
from search.extract.grouping import figures_agree

ROOT = Path(__file__).resolve().parents[3]

ARTICLES = {
    "mine_herald.txt": """Rescuers Race to Reach Trapped Miners at Kestrel Ridge

By Anna Holm

At least 34 miners were trapped underground after a tunnel collapsed at the Kestrel Ridge coal mine near \
Varno on Tuesday, the operator Brenner Mining said.

A section of roof some 600 metres long gave way during the morning shift, the company said, cutting the \
miners off from the main shaft.

The death toll from the Kestrel Ridge collapse rose to 6 on Wednesday night, according to Brenner Mining, \
after rescuers reached the lower tunnel.

"We are drilling day and night," said Tomas Reiner, the company's head of rescue operations. "Every hour \
matters."
""",
    "mine_tribune.txt": """Governor Says Fewer Miners Trapped Than First Reported

The number of miners trapped at the Kestrel Ridge coal mine is 31, regional governor Ilse Marsh said on \
Wednesday, lower than the 34 first reported by Brenner Mining.

Marsh said the death toll in the Kestrel Ridge collapse stood at 4 and that rescuers hoped to recover the \
bodies by Friday.

Rescue teams from Varno and two neighbouring regions have joined the effort at the mine.
""",
    "fire_courier.txt": """Wildfire Forces Thousands From Homes Near Dornfeld

Authorities evacuated about 3,000 people from villages around Dornfeld on Saturday as a wildfire driven \
by strong winds spread across the Harz foothills.

The fire destroyed nearly 40 homes in the village of Altenau, the district council said.

Firefighters said at least 12 people were treated for smoke inhalation at a field hospital.
""",
    "fire_wire.txt": """Dornfeld Fire Burns for a Second Day

Fire chief Jonas Weller said 5,000 had been evacuated from villages around Dornfeld by Sunday morning, as \
the wildfire in the Harz foothills burned for a second day.

In Altenau, 40 homes were destroyed, Weller said.

Twelve people were treated for smoke inhalation at a field hospital, the district council said.
""",
}
OUTLETS = {"mine_herald.txt": "Highland Herald", "mine_tribune.txt": "Coastal Tribune",
           "fire_courier.txt": "Northern Courier", "fire_wire.txt": "Morning Wire"}


def _extract(folder: Path) -> Extraction:
    data = load_folder(folder)
    return extract(data.documents, AliasTable.from_toml(ROOT / "config" / "aliases.toml"),
                   Gazetteer.from_toml(ROOT / "config" / "states.toml"))


@pytest.fixture(scope="module")
def extraction(tmp_path_factory) -> Extraction:
    folder = tmp_path_factory.mktemp("stories")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "sources.toml").write_text("".join(
        f'[[source]]\nfile = "{name}"\noutlet = "{outlet}"\n\n' for name, outlet in OUTLETS.items()),
        encoding="utf-8")
    return _extract(folder)


def _group(extraction: Extraction, value: float):
    """The one group holding a figure of this value."""
    found = [g for g in extraction.groups if any(f.value == value for f in g.figures)]
    assert len(found) == 1, [g.label for g in found]
    return found[0]


def test_miners_trapped_group_the_count_written_before_the_number(extraction):
    group = _group(extraction, 31)
    assert sorted(f.value for f in group.figures) == [31, 34, 34]
    assert {f.doc_id for f in group.figures} == {"mine_herald", "mine_tribune"}
    assert group.label == "Kestrel Ridge: miners trapped"
    assert group.agree is False
    assert next(f for f in group.figures if f.value == 31).unit == "miners"


def test_two_death_tolls_with_the_toll_before_the_number_disagree(extraction):
    group = _group(extraction, 6)
    assert sorted(f.value for f in group.figures) == [4, 6]
    assert {f.measure for f in group.figures} == {"killed"}
    assert group.label == "Kestrel Ridge: deaths"
    assert group.agree is False


def test_an_evacuation_count_without_a_noun_joins_the_one_with_people(extraction):
    group = _group(extraction, 5000)
    assert sorted(f.value for f in group.figures) == [3000, 5000]
    assert group.label == "Dornfeld: people evacuated"
    assert group.agree is False


def test_nearly_40_does_not_agree_with_40_but_at_least_12_agrees_with_12(extraction):
    homes = _group(extraction, 40)
    assert sorted((f.value, f.qualifier or "") for f in homes.figures) == [(40, ""), (40, "nearly")]
    assert homes.label == "Altenau: homes destroyed"
    assert homes.agree is False
    treated = _group(extraction, 12)
    assert sorted(f.qualifier or "" for f in treated.figures) == ["", "at least"]
    assert treated.label == "people treated"
    assert treated.agree is True


def test_phrases_stop_at_the_counted_noun(extraction):
    phrases = {f.phrase for f in extraction.figures}
    assert "some 600 metres" in phrases
    assert not any("gave way" in p or "first reported" in p for p in phrases)


def test_groups_stay_within_one_story(extraction):
    for group in extraction.groups:
        assert len({f.doc_id.split("_")[0] for f in group.figures}) == 1, group.label


def _figure(value: float, qualifier: str | None, high: float | None = None) -> Figure:
    return Figure(value, high, f"{value:g}", qualifier, "people", "count", "", "doc", 1, "")


@pytest.mark.parametrize(("a", "b", "agree"), [
    ((13, None), (13, "at least"), True),
    ((60, "more than"), (60, "at least"), True),
    ((2000, "about"), (2000, "some"), True),
    ((20, "nearly"), (20, None), False),
    ((60, "more than"), (60, None), False),
    ((60, "more than"), (60, "fewer than"), False),
    ((60, "up to"), (60, "at least"), True),
    ((60, "at least"), (169, "at least"), False),
    ((2000, "about"), (2000, "around (range)", 3000), False),
])
def test_values_agree_when_equal_and_one_count_fits_every_qualifier(a, b, agree):
    assert figures_agree([_figure(*a), _figure(*b)]) is agree


@pytest.fixture(scope="module")
def seeds() -> Extraction:
    return _extract(ROOT / "seeds")


def test_the_20_year_long_war_joins_the_years_of_war(seeds):
    years = [g for g in seeds.groups if g.figures[0].measure == "years"]
    assert len(years) == 1
    assert sorted((f.doc_id[:3], f.paragraph) for f in years[0].figures) == [("000", 2), ("001", 30), ("002", 2)]
    assert years[0].agree is False  # "nearly 20 years" is less than 20


def test_seed_groups_are_labelled_by_what_they_measure(seeds):
    labels = {g.label for g in seeds.groups}
    assert {"ISIS-K: fighters", "Kabul: Afghans killed", "Kabul: U.S. service members killed"} <= labels
    troops = next(g for g in seeds.groups if g.label == "Kabul: U.S. service members killed")
    assert troops.agree is True  # "at least 13" admits the 13 the others state


def test_a_flood_toll_never_joins_an_attack_toll_of_the_same_number(tmp_path):
    for path in [*(ROOT / "seeds").glob("*.txt"), *(ROOT / "tests" / "fixtures" / "flood").glob("*.txt")]:
        shutil.copy(path, tmp_path / path.name)
    for group in _extract(tmp_path).groups:
        assert len({f.doc_id.startswith("riverton") for f in group.figures}) == 1, group.label


def test_a_number_in_brackets_glued_to_a_word_is_no_figure(tmp_path):
    from search.aliases import AliasTable
    from search.corpus import load_folder
    from search.extract import Gazetteer, extract

    (tmp_path / "a.txt").write_text("Code\n\nThe page ran alert(1) and f(2) before 30 people (12 of them "
                                    "children) were evacuated.\n", encoding="utf-8")
    figures = extract(load_folder(tmp_path).documents, AliasTable.empty(), Gazetteer()).figures
    assert sorted(f.value for f in figures) == [12, 30]
