"""`dossier actors | figures | timeline` and the service behind them, on the bundled corpus."""

import json
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.core.build import build_corpus
from bot.core.service import Service
from bot.errors import BadFilter, UnknownActor
from bot.settings import Settings

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def _seeds(monkeypatch):
    monkeypatch.setenv("DOSSIER_CORPUS_DIR", str(ROOT / "seeds"))
    monkeypatch.setenv("DOSSIER_DATABASE_PATH", "/nonexistent/never-opened.sqlite3")


@pytest.fixture(scope="module")
def service():
    return Service.load(Settings(corpus_dir=ROOT / "seeds"))


def run(capsys, *argv):
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_actors_json_lists_every_actor_with_name_kind_aliases_and_mentions(capsys):
    code, out = run(capsys, "actors", "--json")
    assert code == 0
    actors = json.loads(out)["actors"]
    assert all({"name", "kind", "aliases", "mentions"} <= set(a) for a in actors)
    by_name = {a["name"]: a for a in actors}
    assert by_name["ISIS-K"]["kind"] == "group"
    assert "Islamic State Khorasan" in by_name["ISIS-K"]["aliases"]
    assert by_name["Zabihullah Mujahid"]["kind"] == "person"
    assert "Taliban spokesman" in [r["text"] for r in by_name["Zabihullah Mujahid"]["roles"]]


def test_actors_kind_filter_lists_only_that_kind(capsys):
    code, out = run(capsys, "actors", "--kind", "state", "--json")
    kinds = {a["kind"] for a in json.loads(out)["actors"]}
    assert code == 0 and kinds == {"state"}


def test_an_actor_profile_has_roles_quotes_and_passages(capsys):
    code, out = run(capsys, "actors", "--name", "Christine Fair", "--json")
    fair = json.loads(out)["actors"][0]
    assert code == 0 and fair["name"] == "C. Christine Fair"
    assert fair["roles"][0]["text"] == "Georgetown University professor"
    assert fair["quotes"][0]["passage_id"] == "000_ba03e6fc634dcc76#p20"
    assert "perfectly okay" in fair["quotes"][0]["text"]
    code, out = run(capsys, "actors", "--name", "Christine Fair")
    assert "Role: Georgetown University professor" in out and "“China is perfectly okay" in out


def test_an_unknown_actor_is_said_plainly(capsys):
    code = main(["actors", "--name", "Nobody McNobody"])
    printed = capsys.readouterr()
    assert code == 1 and "No actor called “Nobody McNobody”" in printed.err and printed.out == ""


def test_figures_show_the_airport_death_toll_disagreement_with_every_outlet(capsys):
    code, out = run(capsys, "figures", "--topic", "Kabul airport", "--json")
    data = json.loads(out)
    assert code == 0
    assert all({"value", "phrase", "quote", "doc_id", "paragraph"} <= set(f) for f in data["figures"])
    tolls = [g for g in data["groups"] if {v["value"] for v in g["values"]} == {60, 169, 170}]
    assert len(tolls) == 1 and tolls[0]["agree"] is False
    assert {v["outlet"] for v in tolls[0]["values"]} == {"Saudi Press", "Asia Times", "Newsweek"}
    code, out = run(capsys, "figures", "--topic", "Kabul airport")
    assert "Kabul: Afghans killed (sources differ):" in out


def test_figures_on_isis_k_strength_group_the_three_estimates(service):
    report = service.figures("fighters")
    strength = [g for g in report.groups if any(f.high == 3000 for f in g.figures)]
    assert len(strength) == 1
    assert sorted(f.value for f in strength[0].figures) == [2000, 2000, 2000]
    assert all(f.value != 1300 for f in strength[0].figures)


def test_timeline_json_is_sorted_and_filtered_by_dates(capsys):
    code, out = run(capsys, "timeline", "--from", "2021-08", "--to", "2021-09", "--json")
    events = json.loads(out)["events"]
    dates = [e["date"] for e in events]
    assert code == 0 and dates == sorted(dates)
    assert all("2021-08" <= d[:7] <= "2021-09" for d in dates)
    assert all({"date", "precision", "text", "sources"} <= set(e) for e in events)
    assert all({"doc_id", "paragraph"} <= set(s) for e in events for s in e["sources"])


def test_one_event_reported_by_two_articles_appears_once_with_both_sources(service):
    kandahar = [e for e in service.timeline(date_from="2021-09-01", date_to="2021-09-01")]
    assert len(kandahar) == 1
    assert {s.doc_id[:3] for s in kandahar[0].sources} == {"001", "004"}


def test_timeline_by_actor(service):
    events = service.timeline(actor="Deborah Lyons")
    assert [e.date for e in events] == ["2021-11-17"]


def test_a_page_date_is_never_the_story_date(service):
    dates = {e.date for e in service.timeline()}
    assert "2023-06-03" not in dates and "2024-04-25" not in dates and "2023-04-25" not in dates


def test_a_day_without_a_knowable_year_keeps_month_and_day_only(service):
    march = [e for e in service.timeline() if e.date == "--03-02"]
    assert len(march) == 1 and march[0].precision == "unknown-year"
    assert service.timeline()[-1].precision == "unknown-year"  # unknown years sort after every dated event


def test_bad_filters_raise_domain_errors_with_user_messages(service, capsys):
    with pytest.raises(BadFilter):
        service.timeline(date_from="August")
    with pytest.raises(BadFilter):
        service.actors(kind="planet")
    with pytest.raises(UnknownActor):
        service.timeline(actor="Khan")  # two people are called Khan
    code, out = run(capsys, "timeline", "--to", "2021-13", "--json")
    assert code == 1 and "no month 13" in json.loads(out)["error"]


def test_every_corpus_build_extracts_its_own_articles(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Mayor Ana Lopez said on June 3, 2022 that 40 families had been rehoused.\n\n"
        "\"We are not done,\" Lopez told reporters.\n", encoding="utf-8")
    corpus = build_corpus(tmp_path, ROOT / "config" / "aliases.toml", None, 100_000)
    names = {a.name for a in corpus.extraction.actors}
    assert "Ana Lopez" in names
    assert [e.date for e in corpus.extraction.events] == ["2022-06-03"]
    assert [f.value for f in corpus.extraction.figures] == [40]
