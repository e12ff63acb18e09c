"""Scoring an extraction against a reference read by a person: precision and recall for each list.

The reference format is tests/gold/extraction.json's (described in its `about`). Documents are named by
a prefix of their id. Used by the test suite and tools/extraction_report.py, so both print one table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from search.extract.models import Actor, Extraction
from search.models import PassageRef

# Lists where extra extracted items can be wrong; roles, quotes, kinds and groups are checked only for recall.
_WITH_PRECISION = ("people", "groups+states", "organisations", "figures", "timeline")
ACTOR_BUCKETS = {"people": ("person",), "groups+states": ("group", "state"),
                 "organisations": ("organisation",)}


@dataclass
class Score:
    """Precision and recall of one list, with what was missed and what was wrong."""

    name: str
    found: int = 0
    expected: int = 0
    correct: int = 0
    extracted: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        """Share of the reference that was extracted."""
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        """Share of what was extracted that the reference holds."""
        return self.correct / self.extracted if self.extracted else 1.0


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w&]+", " ", text.casefold().replace("’", "'")).split())


def _names(item: dict[str, Any]) -> set[str]:
    return {_fold(n) for n in [item["name"], *item.get("names", [])]}


def _actor_names(actor: Actor) -> set[str]:
    return {_fold(n) for n in (actor.name, *actor.aliases)}


def _doc(doc_id: str, prefix: str) -> bool:
    return doc_id.startswith(prefix)


def score_actors(extraction: Extraction, gold: dict[str, Any]) -> dict[str, Score]:
    """People, groups+states and organisations scores, plus roles, quotes and junk."""
    allowed = {_fold(n) for n in gold.get("allowed", [])}
    junk = {_fold(n) for n in gold.get("junk", [])}
    required = gold["actors"]
    scores: dict[str, Score] = {}
    for bucket, kinds in ACTOR_BUCKETS.items():
        s = Score(bucket)
        wanted = [g for g in required if g["kind"] in kinds]
        s.expected = len(wanted)
        for g in wanted:
            if any(_names(g) & _actor_names(a) for a in extraction.actors):
                s.found += 1
            else:
                s.missed.append(g["name"])
        extracted = [a for a in extraction.actors if a.kind in kinds]
        s.extracted = len(extracted)
        for a in extracted:
            names = _actor_names(a)
            if any(names & _names(g) for g in required) or names & allowed:
                s.correct += 1
            else:
                s.wrong.append(f"{a.name} ({a.kind})")
        scores[bucket] = s
    junk_score = Score("junk actors")
    junk_score.wrong = [a.name for a in extraction.actors if _actor_names(a) & junk]
    scores["junk"] = junk_score
    scores["kinds"] = _kinds(extraction, required)
    scores["roles"] = _attributed(extraction, required, "role", lambda a: [r.text for r in a.roles])
    scores["quotes"] = _attributed(extraction, required, "quote", lambda a: [q.text for q in a.quotes])
    return scores


def _kinds(extraction: Extraction, required: list[dict[str, Any]]) -> Score:
    s = Score("actor kinds")
    for g in required:
        match = next((a for a in extraction.actors if _names(g) & _actor_names(a)), None)
        if match is None:
            continue
        s.expected += 1
        s.extracted += 1
        if match.kind == g["kind"]:
            s.found += 1
            s.correct += 1
        else:
            s.wrong.append(f"{g['name']}: {match.kind}, not {g['kind']}")
    return s


def _attributed(extraction: Extraction, required: list[dict[str, Any]], key: str, texts: Any) -> Score:
    s = Score(key + "s")
    for g in required:
        if key not in g:
            continue
        s.expected += 1
        matches = [a for a in extraction.actors if _names(g) & _actor_names(a)]
        if any(_fold(g[key]) in _fold(t) for a in matches for t in texts(a)):
            s.found += 1
        else:
            s.missed.append(f"{g['name']}: {g[key]}")
    s.extracted, s.correct = s.expected, s.found
    return s


def score_figures(extraction: Extraction, gold: dict[str, Any]) -> dict[str, Score]:
    """Figures (same passage and value) and figure groups (pairs of figures put in one group)."""
    s = Score("figures")
    wanted = gold["figures"]
    s.expected = len(wanted)

    def same(f: Any, g: dict[str, Any]) -> bool:
        return (_doc(f.doc_id, g["doc"]) and f.paragraph == g["paragraph"] and f.value == g["value"]
                and (g.get("high") is None or f.high == g["high"]))

    for g in wanted:
        if any(same(f, g) for f in extraction.figures):
            s.found += 1
        else:
            s.missed.append(f"{PassageRef(g['doc'], g['paragraph'])} {g['value']} ({g['counts']})")
    s.extracted = len(extraction.figures)
    for f in extraction.figures:
        if any(same(f, g) for g in wanted):
            s.correct += 1
        else:
            s.wrong.append(f"{f.passage_id} {f.value:g} “{f.phrase}”")
    groups = Score("figure groups (pairs)")
    for g in gold.get("figure_groups", []):
        members = [_figure_group(extraction, m) for m in g["members"]]
        for x, a in enumerate(members):
            for b in members[x + 1:]:
                groups.expected += 1
                if a is not None and a == b:
                    groups.found += 1
                else:
                    groups.missed.append(g["label"])
    groups.extracted, groups.correct = groups.expected, groups.found
    return {"figures": s, "groups": groups}


def _figure_group(extraction: Extraction, member: list[Any]) -> str | None:
    doc, paragraph, value = member
    for f in extraction.figures:
        if _doc(f.doc_id, doc) and f.paragraph == paragraph and f.value == value:
            return f.group
    return None


def _event_mentions(extraction: Extraction) -> Iterable[tuple[str, str, int, str]]:
    """Every (date, doc, paragraph, precision) the timeline reports, at the date each passage gives."""
    for e in extraction.events:
        for s in e.sources:
            yield s.date or e.date, s.doc_id, s.paragraph, e.precision


def _reports(mention: tuple[str, str, int, str], g: dict[str, Any]) -> bool:
    d, doc, p, _ = mention
    return d == g["date"] and _doc(doc, g["doc"]) and p == g["paragraph"]


def score_events(extraction: Extraction, gold: dict[str, Any]) -> dict[str, Score]:
    """Timeline mentions (date and passage), events placed in the wrong year, and events that the
    timeline shows more than once or merges with another.
    """
    s = Score("timeline")
    wanted = gold["events"]
    s.expected = len(wanted)
    mentions = list(_event_mentions(extraction))
    for g in wanted:
        if any(_reports(m, g) for m in mentions):
            s.found += 1
        else:
            s.missed.append(f"{g['date']} {PassageRef(g['doc'], g['paragraph'])} ({g['what']})")
    s.extracted = len(mentions)
    wrong_year = Score("events in the wrong year")
    for m in mentions:
        d, doc, p, _ = m
        if any(_reports(m, g) for g in wanted):
            s.correct += 1
            continue
        s.wrong.append(f"{d} {PassageRef(doc, p)}")
        if any(_doc(doc, g["doc"]) and p == g["paragraph"] and _same_day_other_year(d, g["date"])
               for g in wanted):
            wrong_year.wrong.append(f"{d} {PassageRef(doc, p)}")
    return {"timeline": s, "wrong_year": wrong_year, **_happenings(extraction, wanted)}


def _happenings(extraction: Extraction, wanted: list[dict[str, Any]]) -> dict[str, Score]:
    """Reference entries sharing a `happening` are one event told by several passages; an entry without
    one is an event of its own. A happening found in more than one timeline event is duplicated (each
    extra event counts once); a timeline event holding entries of two happenings merges different events.
    """
    def happening(n: int) -> str:
        entry = wanted[n]
        return entry.get("happening") or f"{entry['date']} {PassageRef(entry['doc'], entry['paragraph'])}"

    holding = [{happening(n) for n, g in enumerate(wanted)
                if any(_reports((src.date or e.date, src.doc_id, src.paragraph, e.precision), g)
                       for src in e.sources)} for e in extraction.events]
    duplicated = Score("duplicated events")
    for name in dict.fromkeys(happening(n) for n in range(len(wanted))):
        dates = [e.date for e, held in zip(extraction.events, holding, strict=True) if name in held]
        duplicated.wrong.extend(f"{name} (again at {d})" for d in dates[1:])
    merged = Score("different events merged")
    merged.wrong = [f"{e.date}: {' + '.join(sorted(held))}"
                    for e, held in zip(extraction.events, holding, strict=True) if len(held) > 1]
    return {"duplicated": duplicated, "merged": merged}


def _same_day_other_year(got: str, want: str) -> bool:
    """True when two ISO dates share month (and day) but not the year, or one invents a year."""
    def tail(d: str) -> str:
        return d[2:] if d.startswith("--") else d[4:]
    return tail(got) == tail(want) and got != want


def score(extraction: Extraction, gold: dict[str, Any]) -> dict[str, Score]:
    """Every score, by name."""
    return {**score_actors(extraction, gold), **score_figures(extraction, gold),
            **score_events(extraction, gold)}


def table(scores: dict[str, Score]) -> str:
    """The scores as a plain table, then what was missed and what was wrong."""
    rows = ["list                      precision  recall   found/expected", "-" * 62]
    for key in ("people", "groups+states", "organisations", "kinds", "roles", "quotes", "figures", "groups",
                "timeline"):
        s = scores[key]
        precision = f"{s.precision:>9.2f}" if key in _WITH_PRECISION else f"{'-':>9}"
        rows.append(f"{s.name:<25} {precision} {s.recall:>7.2f}   {s.found}/{s.expected}")
    rows.append(f"{'junk actors':<25} {len(scores['junk'].wrong):>9d}")
    for key in ("wrong_year", "duplicated", "merged"):
        rows.append(f"{scores[key].name:<25} {len(scores[key].wrong):>9d}")
    for s in scores.values():
        if s.missed:
            rows.append(f"missed {s.name}: " + "; ".join(s.missed))
        if s.wrong:
            rows.append(f"wrong {s.name}: " + "; ".join(s.wrong))
    return "\n".join(rows)
