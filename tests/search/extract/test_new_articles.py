"""Articles written for the tests, about people, numbers and dates no list in config/ knows.

Passages are named by a phrase they contain, so the reference holds however cleaning numbers them.

The flood article was used while writing the rules; the election article was scored once before
any rule was changed for it (people 0.80, groups and states 0.67, figures and timeline 1.00) and the
general fixes that followed (a demonym before "county" is still a state; "businessman" is a role;
a repeated surname means the person whose surname it is) are what bring it to the targets below.
"""

from pathlib import Path

import pytest

from search.aliases import AliasTable
from search.corpus import load_folder
from search.extract import Gazetteer, extract
from search.extract.scoring import score, table

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures"

FLOOD = {
    "actors": [
        {"name": "Milica Petrovic", "kind": "person", "role": "mayor of Brcko",
         "quote": "never seen water rise"},
        {"name": "Nermin Kovac", "kind": "person", "role": "Prime Minister"},
        {"name": "Emir Hodzic", "kind": "person", "names": ["Hodzic"], "role": "coordinator",
         "quote": "waiting on rooftops"},
        {"name": "Dragan Markovic", "kind": "person", "role": "Interior Minister",
         "quote": "300 police officers"},
        {"name": "Lejla Begic", "kind": "person", "role": "professor at the University of Sarajevo",
         "quote": "worst since May 2014"},
        {"name": "Bosnia and Herzegovina", "kind": "state"},
        {"name": "Croatia", "kind": "state"},
        {"name": "Serbia", "kind": "state", "names": ["Serbian"]},
        {"name": "Red Cross", "kind": "organisation"},
        {"name": "Water Without Borders", "kind": "organisation"},
        {"name": "European Union", "kind": "organisation"},
        {"name": "University of Sarajevo", "kind": "organisation"},
        {"name": "World Health Organization", "kind": "organisation"},
    ],
    "allowed": [],
    "junk": ["Teresa Okafor", "Amer Kapetanovic", "Reuters", "Valley Courier", "Monday", "Thursday",
     "Critics",
             "Sava River", "Brcko", "Related Articles", "Hydrologist", "Whole", "Local"],
    "figures": [
        {"doc": "riverton", "in": "At least 42 people have died", "value": 42, "counts": "people died"},
        {"doc": "riverton", "in": "At least 42 people have died", "value": 12000,
         "counts": "people forced from their homes"},
        {"doc": "riverton", "in": "The regional civil protection", "value": 42,
         "counts": "death toll (agency)"},
        {"doc": "riverton", "in": "The regional civil protection", "value": 57,
         "counts": "killed (Red Cross)"},
        {"doc": "riverton", "in": "The regional civil protection", "value": 9, "counts": "children killed"},
        {"doc": "riverton", "in": "The regional civil protection", "value": 60,
         "counts": "deaths (local media)"},
        {"doc": "riverton", "in": "Prime Minister Nermin Kovac", "value": 25000000, "counts": "euros of aid"},
        {"doc": "riverton", "in": "Aid groups say", "value": 14, "counts": "rescue boats"},
        {"doc": "riverton", "in": "People are waiting", "value": 2, "counts": "days on rooftops"},
        {"doc": "riverton", "in": "The European Union pledged", "value": 30000000,
         "counts": "US$ pledged by the EU"},
        {"doc": "riverton", "in": "The European Union pledged", "value": 300,
         "counts": "police officers deployed"},
        {"doc": "riverton", "in": "Hydrologist Lejla Begic", "value": 24, "counts": "killed in 2014"},
        {"doc": "riverton", "in": "The World Health Organization", "value": 3000,
         "counts": "families in tents"},
    ],
    "figure_groups": [
        {"label": "flood deaths",
         "members": [["riverton", "At least 42 people have died", 42],
                     ["riverton", "The regional civil protection", 57],
                     ["riverton", "The regional civil protection", 60]]},
    ],
    "events": [
        {"date": "2025-02-14", "precision": "day", "doc": "riverton", "in": "At least 42 people have died",
         "what": "the river bursts"},
        {"date": "2025-02-16", "precision": "day", "doc": "riverton", "in": "Prime Minister Nermin Kovac",
         "what": "PM visits"},
        {"date": "2025-02-20", "precision": "day", "doc": "riverton", "in": "The European Union pledged",
         "what": "EU pledge"},
        {"date": "2025-03", "precision": "month", "doc": "riverton", "in": "Hydrologist Lejla Begic",
         "what": "river may rise"},
        {"date": "2014-05", "precision": "month", "doc": "riverton", "in": "Hydrologist Lejla Begic",
         "what": "2014 floods"},
    ],
}

ELECTION = {
    "actors": [
        {"name": "Grace Achieng", "kind": "person", "names": ["Achieng"], "role": "governor"},
        {"name": "Peter Otieno", "kind": "person", "role": "businessman"},
        {"name": "Samuel Kiptoo", "kind": "person", "role": "commission chairman", "quote": "Every ballot"},
        {"name": "Ruth Wanjiku", "kind": "person", "role": "lawyer", "quote": "asking for the law"},
        {"name": "Otieno Ochieng", "kind": "person", "role": "director"},
        {"name": "Kenya", "kind": "state", "names": ["Kenyan"]},
        {"name": "Orange Democratic Movement", "kind": "group"},
        {"name": "United Democratic Alliance", "kind": "group"},
        {"name": "Elections Observation Group", "kind": "organisation"},
        {"name": "Supreme Court", "kind": "organisation"},
        {"name": "European Union", "kind": "organisation"},
    ],
    "allowed": [],
    "junk": ["Daniel Mwangi", "Sarah Lindqvist", "AP", "Wednesday", "Lakeshore", "Kisumu", "Turnout", "Its",
             "Every"],
    "figures": [
        {"doc": "lakeshore", "in": "Election officials", "value": 800,
         "counts": "votes between the candidates"},
        {"doc": "lakeshore", "in": "Election officials", "value": 410000, "counts": "votes cast"},
        {"doc": "lakeshore", "in": "Election officials", "value": 2, "counts": "leading candidates"},
        {"doc": "lakeshore", "in": "The county electoral commission", "value": 203117,
         "counts": "votes for Achieng"},
        {"doc": "lakeshore", "in": "The county electoral commission", "value": 202389,
         "counts": "votes for Otieno"},
        {"doc": "lakeshore", "in": "Every ballot will be counted", "value": 10, "counts": "days of recount"},
        {"doc": "lakeshore", "in": "Otieno's campaign alleged", "value": 23, "counts": "polling stations"},
        {"doc": "lakeshore", "in": "Turnout was 61 percent", "value": 61, "counts": "percent turnout"},
        {"doc": "lakeshore", "in": "Turnout was 61 percent", "value": 1200, "counts": "observers"},
        {"doc": "lakeshore", "in": "Turnout was 61 percent", "value": 3, "counts": "people injured"},
    ],
    "figure_groups": [],
    "events": [
        {"date": "2024-10-14", "precision": "day", "doc": "lakeshore", "in": "Every ballot will be counted",
         "what": "recount begins"},
        {"date": "2024-09-29", "precision": "day", "doc": "lakeshore", "in": "Turnout was 61 percent",
         "what": "the vote"},
        {"date": "2017", "precision": "year", "doc": "lakeshore", "in": "The Supreme Court annulled",
         "what": "election annulled"},
        {"date": "2024-12", "precision": "month", "doc": "lakeshore", "in": "The Supreme Court annulled",
         "what": "EU report"},
        {"date": "2017-08", "precision": "month", "doc": "lakeshore", "in": "Achieng, who was first elected",
         "what": "first elected"},
    ],
}


def _numbered(gold, documents):
    """The reference with each passage named by a phrase ("in") turned into its paragraph number."""
    def number(doc, phrase):
        d = next(d for d in documents if d.doc_id.startswith(doc))
        return next(p.number for p in d.paragraphs if phrase in p.text)

    out = dict(gold)
    for key in ("figures", "events"):
        out[key] = [{**item, "paragraph": number(item["doc"], item["in"])} for item in gold[key]]
    out["figure_groups"] = [
        {**g, "members": [[doc, number(doc, phrase), value] for doc, phrase, value in g["members"]]}
        for g in gold["figure_groups"]]
    return out


def _scores(folder, gold):
    data = load_folder(FIXTURES / folder)
    gold = _numbered(gold, data.documents)
    extraction = extract(data.documents, AliasTable.from_toml(ROOT / "config" / "aliases.toml"),
                         Gazetteer.from_toml(ROOT / "config" / "states.toml"))
    result = score(extraction, gold)
    print(f"\n{folder}\n" + table(result))
    return result


@pytest.mark.parametrize(("folder", "gold"), [("flood", FLOOD), ("election", ELECTION)])
def test_a_new_article_is_read_as_well_as_the_bundled_ones(folder, gold):
    result = _scores(folder, gold)
    assert result["people"].recall >= 0.9, result["people"].missed
    assert result["people"].precision >= 0.9, result["people"].wrong
    assert result["groups+states"].recall >= 0.85, result["groups+states"].missed
    assert result["organisations"].recall >= 0.85, result["organisations"].missed
    assert result["junk"].wrong == []
    assert result["roles"].recall >= 0.8, result["roles"].missed
    assert result["figures"].recall >= 0.8, result["figures"].missed
    assert result["timeline"].recall >= 0.8, result["timeline"].missed
    assert result["wrong_year"].wrong == []
    assert result["duplicated"].wrong == []
    assert result["merged"].wrong == []
    assert result["groups"].recall >= 0.6, result["groups"].missed
