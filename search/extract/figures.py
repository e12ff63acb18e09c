"""Figures: the numbers that count something in the world, with what they count and how sure the text is.

A number is a figure when it counts: "13 U.S. service members", "about 2,000 fighters", "$7 billion",
"20 years". Dates, ordinals ("31st", "second"), numbers inside words ("Twenty20") and page furniture
are not. Figures from different passages that count the same thing (the same measure of the same unit,
in passages about the same thing) are grouped, so a disagreement shows as one group with every value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from search.extract.models import Figure
from search.extract.text import Sentence, shorten
from search.extract.when import COUNT_NOUNS, find_dates
from search.lexicon.numbers import SCALES, WORD_VALUES
from search.lexicon.words import STOPWORDS

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# "£600m", "1.34bn", "5k", "40 mln": news and newswire scales; a bare "m" or "k" is a scale only for money
# (`_glued_scale`), as "100m" is also a distance.
_SCALE = r"(?:\s?(?:thousand|million|billion|trillion|bn|bln|mln)\b|(?:m|k)\b)"
_CUR = r"(?:US\$|\$|€|£|¥|USD\s?|EUR\s?|GBP\s?|Rs\.?\s?)"
# A numeral with optional currency, scale, range and percent; never glued to a word before or after,
# nor an argument in brackets glued to one ("alert(1)", "f(2)": code, not a count).
_FIGURE = re.compile(
    r"(?<![\w.,/:-])(?<!\w\()(?P<cur>" + _CUR + r")?(?P<num>" + _NUM + r")(?P<scale>" + _SCALE + r")?"
    r"(?:\s?(?:-|–|to)\s?(?:" + _CUR + r")?(?P<num2>" + _NUM + r")(?P<scale2>" + _SCALE + r")?)?"
    r"(?P<pct>\s?%|\s(?:percent|per cent|pct)\b)?(?P<pence>p\b)?(?P<dash>-(?=[a-z]))?(?![\w,]\d|\w|:\d)"
)
# A number that tells the time of day ("4 a.m.", "11 pm", "9 o'clock") or a person's age ("Agnes Lindahl,
# 71, said", "aged 71") counts nothing in the story: neither is a figure.
_TIME_AFTER = re.compile(r"\s?(?:[ap]\.?m\b\.?|o'clock\b|o’clock\b)", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"(?:\b[A-Z][\w'’-]+,|\b(?i:aged))\s$")
_AGE_AFTER = re.compile(r"\s*(?:,|;|\)|\.(?!\d)|$)")
_WORD_FIGURE = re.compile(r"\b(?P<word>" + "|".join(w for w in WORD_VALUES if w not in ("zero", "one"))
                          + r")\b(?![- ]?(?:of them|or so))", re.IGNORECASE)
# Qualifiers as the text states them, longest first.
QUALIFIERS = ("at least", "at most", "more than", "less than", "fewer than", "up to", "as many as", "nearly",
              "almost", "about", "around", "approximately", "roughly", "some", "over", "under",
              "an estimated", "estimated", "close to", "just over", "just under", "only")
_QUALIFIER = re.compile(r"(?:^|\s)(" + "|".join(sorted(QUALIFIERS, key=len, reverse=True)) + r")\s*$",
                        re.IGNORECASE)
_DEATH = re.compile(r"\b(?:kill(?:ed|ing|s)?|dead|died|deaths?|death toll|lives|fatalities|perished|drowned|"
                    r"massacred|executed)\b", re.IGNORECASE)
_INJURY = re.compile(r"\b(?:injur(?:ed|ies|ing)|wounded|hurt)\b", re.IGNORECASE)
_UNIT_CLASSES = {
    "troops": {"service", "servicemen", "servicemember", "servicemembers", "soldier", "soldiers", "troop",
               "troops", "marine", "marines", "personnel", "sailor", "sailors"},
    "fighters": {"fighter", "fighters", "militant", "militants", "insurgent", "insurgents", "jihadist",
                 "jihadists", "combatant", "combatants", "recruit", "recruits"},
    "people": {"people", "person", "persons", "civilian", "civilians", "resident", "residents", "villager",
               "villagers", "citizen", "citizens", "deaths", "dead", "lives", "fatalities", "victims"},
    "children": {"child", "children", "girls", "boys", "minors"},
    "years": {"year", "years", "yr"},
}
_CLASS_OF = {w: c for c, words in _UNIT_CLASSES.items() for w in words}
_CLASS_OF["service members"] = "troops"
# Words after a number that end its noun phrase without being the thing counted.
# Currency words after a number make it money: "25 million euros".
_CURRENCY_WORDS = frozenset("""dollars dlrs euros pounds yuan rupees afghanis francs yen rubles roubles dinars
riyals dirhams lira""".split())
# The currency a symbol or word names, as the figure's unit.
_CURRENCY_CODES = {"$": "USD", "us$": "USD", "usd": "USD", "dollars": "USD", "dlrs": "USD", "£": "GBP",
                   "gbp": "GBP", "pounds": "GBP", "€": "EUR", "eur": "EUR", "euros": "EUR", "¥": "JPY",
                   "yen": "JPY", "yuan": "CNY", "rs": "INR", "rupees": "INR"}
# A number of these counts time passing, not things in the world: "seven months", "the last 24 hours",
# "a 12-year run", "a two-day summit". A span of years that measures a conflict ("fighting each other
# for 20 years", "a 20-year-long war") is the length of the story's war, which news reports as a figure.
_DURATION_UNITS = frozenset("""second seconds minute minutes hour hours day days week weeks fortnight
fortnights month months year years decade decades century centuries""".split())
_CONFLICT = re.compile(r"\b(?:war|wars|fight|fights|fighting|fought|battle|battled|battling|conflict|"
                       r"insurgency|occupation)\b", re.IGNORECASE)
# "top 10", "one in 16", "1500 GMT", "aged 33": a number that ranks, rates or tells the time.
_RANK_OR_RATE_BEFORE = re.compile(r"(?:\btop|\b(?:one|1)\s+in|\baged|\bnumber|\bno\.?)\s+$", re.IGNORECASE)
_TIME_ZONE_AFTER = re.compile(r"\s?(?:GMT|BST|UTC|CET|EST|EDT|PST|hrs|hours\b(?=\s+(?:GMT|local)))")
# The verb right after a figure's noun phrase says what happened to what it counts: "12,000 have been forced".
_VERB_AFTER = re.compile(r"^\s*(?:(?:have|has|had|were|was|are|is|been|being|be|reportedly|also|now|already)"
                         r"\s+)+"
                         r"([a-z]+)")
# Words after a number that are no part of what it counts ("the 34 first reported").
_NOT_NOUNS = frozenset("""including were was are is be been has have had who which that while whereas first last
again still initially originally apiece alone""".split())
# "two more bodies", "13 other people": the word before the thing counted is no part of it.
_BEFORE_NOUN = frozenset({"more", "other", "additional"})
# A number with nothing counted after it counts what a count noun before it names: "the number of miners
# trapped is 31" (miners), "the death toll rose to 60" (what the toll counts, from the measure).
_COUNT_BEFORE = re.compile(r"(?:\b(?:death|casualty)\s+)?\b(?:number|total|tally|count|toll)\b"
                           r"(?P<of>\s+of\s+(?:the\s+)?)?", re.IGNORECASE)
# A phrase that runs from a count noun before the number to the number is shown whole up to this length,
# else as the count noun, an ellipsis and the number ("number of miners … 31").
_PHRASE_CHARS = 50


def figures_of(sentence: Sentence, caption: bool = False) -> list[Figure]:
    """The figures of one sentence, with their phrase, qualifier, unit and measure (group set later)."""
    text = sentence.text
    dates = [(d.start, d.end) for d in find_dates(text)]
    found = []
    for match in _FIGURE.finditer(text):
        if (any(a < match.end() and match.start() < b for a, b in dates) or _is_year(match)
                or _is_time_or_age(match) or _not_a_count(match)):
            continue
        currency = _currency(match)
        if _glued_scale(match["scale"]) and not currency or _in_a_name(match):
            continue  # "the 100m final": a distance; "Doom 3", "PlayStation 2": names
        value = _value(match["num"], match["scale"])
        high = _value(match["num2"], match["scale2"] or match["scale"]) if match["num2"] else None
        if match["pence"]:
            value, high, currency = value / 100, high / 100 if high is not None else None, "GBP"
        figure = _figure(sentence, match.start(), match.end(), value, high, bool(currency), bool(match["pct"]),
                         currency)
        if not _duration(figure, text, match.start()):
            found.append(figure)
    for match in _WORD_FIGURE.finditer(text):
        if match.start() and text[match.start() - 1] in "-" or WORD_VALUES[match["word"].casefold()] < 2 \
                or text[match.end():match.end() + 1] == "-":
            continue  # "three-quarters", "two-day": a fraction or a compound adjective
        scale = re.match(r"\s(thousand|million|billion|trillion)\b", text[match.end():])
        value = float(WORD_VALUES[match["word"].casefold()]) * (SCALES[scale.group(1)] if scale else 1)
        end = match.end() + (scale.end() if scale else 0)
        figure = _figure(sentence, match.start(), end, value, None, False, False)
        if (figure.unit or figure.measure in ("killed", "injured")) and not _duration(figure, text, match.start()):
            found.append(figure)
    return [f for f in found if f is not None]


def _currency(match: re.Match[str]) -> str | None:
    """The currency of a number: its symbol or code ("£600m"), or the currency word after it ("77m euros")."""
    if match["cur"]:
        return _CURRENCY_CODES.get(match["cur"].strip().rstrip(".").casefold(), "USD")
    word = re.match(r"\s+([a-z]+)", match.string[match.end():])
    return _CURRENCY_CODES.get(word.group(1)) if word and word.group(1) in _CURRENCY_WORDS else None


def _in_a_name(match: re.Match[str]) -> bool:
    """A bare number right after a capitalised word inside a sentence, with no noun after it: the number of
    a title ("Metal Slug 3", "PlayStation 2").
    """
    if match["cur"] or match["scale"] or match["pct"] or match["num2"]:
        return False
    text, start = match.string, match.start()
    word = re.search(r"(\w[\w’'-]*)\s$", text[:start])
    if not word or not word.group(1)[:1].isupper() or not text[:word.start()].strip():
        return False
    return not _noun_after(text[match.end():])


def _glued_scale(scale: str | None) -> bool:
    return scale is not None and scale in ("m", "k")


def _not_a_count(match: re.Match[str]) -> bool:
    """Betting odds and scores ("2-1", "40-1", "2-0": a "range" that does not go up), a rank or a rate
    ("top 10", "one in 16") and a time with its zone ("1500 GMT").
    """
    text, start, end = match.string, match.start(), match.end()
    if match["num2"] and not match["cur"] and not match["scale"] and not match["pct"] \
            and float(match["num2"].replace(",", "")) <= float(match["num"].replace(",", "")) \
            and "-" in text[start:end] and " " not in text[start:end]:
        return True
    return bool(_RANK_OR_RATE_BEFORE.search(text[max(0, start - 12):start]) or _TIME_ZONE_AFTER.match(text, end))


def _duration(figure: Figure, text: str, start: int) -> bool:
    """A number of hours, days, months or years ("seven months", "a two-day summit", "12-year run"),
    unless it is the length in years of a conflict its clause names.
    """
    if figure.measure in ("money", "percent"):
        return False
    unit = figure.unit.casefold()
    after = text[start:start + 40]
    glued = re.match(r"[\w.,]+-(\w+)", after)
    if unit not in _DURATION_UNITS and not (glued and glued.group(1).casefold() in _DURATION_UNITS):
        return False
    years = unit in ("year", "years", "decade", "decades") or bool(glued and glued.group(1) == "year")
    return not (years and _CONFLICT.search(_clause(text, start, start + len(figure.phrase))))


def _is_year(match: re.Match[str]) -> bool:
    """A bare four-digit number from 1800 to 2099 without currency or scale reads as a year."""
    raw = match["num"]
    following = re.match(r"\s+(\w+)", match.string[match.end():])
    counted = bool(following and following.group(1).casefold() in COUNT_NOUNS)
    return (raw.isdigit() and len(raw) == 4 and 1800 <= int(raw) <= 2099 and not match["cur"]
            and not match["scale"] and not match["pct"] and not counted)


def _is_time_or_age(match: re.Match[str]) -> bool:
    """A bare number that reads as a time of day or as the age of the person named before it."""
    if match["cur"] or match["scale"] or match["pct"] or match["num2"]:
        return False
    text, start, end = match.string, match.start(), match.end()
    if _TIME_AFTER.match(text, end) and float(match["num"]) <= 12:
        return True
    named_before = _AGE_BEFORE.search(text, max(0, start - 40), start)
    return match["num"].isdigit() and int(match["num"]) <= 120 and bool(named_before and _AGE_AFTER.match(text, end))


def _value(raw: str, scale: str | None) -> float:
    value = float(raw.replace(",", ""))
    return value * SCALES[scale.strip().casefold()] if scale else value


def _figure(sentence: Sentence, start: int, end: int, value: float, high: float | None, money: bool,
            percent: bool, currency: str | None = None) -> Figure:
    text = sentence.text
    qualifier_match = _QUALIFIER.search(text[max(0, start - 20):start])
    qualifier = qualifier_match.group(1).casefold() if qualifier_match else None
    if high is not None:
        qualifier = f"{qualifier} (range)" if qualifier else "range"
    noun_words = _noun_after(text[end:])
    before = None if noun_words or money or percent else _count_before(text, start)
    if before:
        noun_words = before[1]
    unit = currency or ("percent" if percent else "")
    head = noun_words[-1].rstrip(".,") if noun_words else ""
    if head.casefold() == "members" and len(noun_words) > 1 and noun_words[-2].casefold() == "service":
        head = "service members"
    if not unit:
        unit = head
    if unit.casefold() in _CURRENCY_WORDS:
        money, unit = True, _CURRENCY_CODES.get(unit.casefold(), unit)
    phrase_end = end
    for word in noun_words if not before else ():
        phrase_end = text.find(word, phrase_end) + len(word)
    measure = _measure(text, start, phrase_end, unit, money, percent)
    phrase_start = start - len(qualifier_match.group(0).lstrip()) if qualifier_match else start
    phrase = text[phrase_start:phrase_end].strip(" ,;-–")
    if before:
        counted = text[before[0]:before[2]]
        whole = text[before[0]:phrase_end]
        phrase = whole if len(whole) <= _PHRASE_CHARS else f"{counted} … {phrase}"
    return Figure(value, high, phrase, qualifier, unit, measure, shorten(text, 400), sentence.doc_id,
                  sentence.paragraph, "")


def _noun_after(after: str) -> list[str]:
    """The noun phrase a number counts: "U.S. service members", "of fighters", "-year-long war".

    The phrase ends at its head: a plural ("some 600 metres"), or a word naming a class of counted things
    ("people"). It stops before a verb form in -ed ("34 miners trapped", unless it leads a noun: "34
    trapped miners"), a function word, a word that counts nothing ("34 first reported") or punctuation,
    and after four words.
    """
    words: list[str] = []
    rest = after.lstrip()
    if rest.startswith("-"):
        rest = rest[1:].replace("-", " ")
    tokens = re.findall(r"[A-Za-z][\w.'’]*|[,;:()\"“”–—]|\S", rest)
    if tokens and tokens[0].casefold() == "of":
        tokens = tokens[1:]
    if len(tokens) > 1 and tokens[0] in _BEFORE_NOUN and tokens[1][0].isalpha() and tokens[1] != "than":
        tokens = tokens[1:]
    for n, token in enumerate(tokens[:7]):
        low = token.casefold().rstrip(".")
        if not token[0].isalpha() or _function_word(token) or len(words) == 4:
            break
        if low.endswith("ly"):  # "largely foreign fighters" skips it; "fighters currently" ends there
            if words:
                break
            continue
        if token.islower() and low.endswith("ed") and (words or not _leads_noun(tokens[n + 1:n + 2])):
            break
        words.append(token.rstrip("."))
        if (_CLASS_OF.get(low) and low != "service") or _plural(token):
            break
    return words


def _function_word(token: str) -> bool:
    low = token.casefold().rstrip(".")
    return token.islower() and (low in STOPWORDS or low in _NOT_NOUNS)  # "US" is no "us"


def _leads_noun(following: list[str]) -> bool:
    """The token after an -ed word is a noun it describes ("trapped miners"), not more of a verb."""
    if not following or not following[0].isalpha() or not following[0].islower():
        return False
    word = following[0]
    return not _function_word(word) and not word.endswith(("ed", "ly"))


def _plural(token: str) -> bool:
    """A plural noun: ends in s, but is no acronym ("US", "U.S.") and no -ss, -us or -is word."""
    low = token.casefold().rstrip(".")
    letters = token.replace(".", "")
    return (len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is"))
            and not letters.isupper())


def _count_before(text: str, start: int) -> tuple[int, list[str], int] | None:
    """The count noun nearest before a number in its clause, with the words it says are counted.

    Returns where the count noun starts, the counted words (none for "the death toll") and where the
    count noun and its counted words end; None without a count noun.
    """
    clause_start = _clause_start(text, start)
    found = None
    for match in _COUNT_BEFORE.finditer(text, clause_start, start):
        found = match
    if found is None:
        return None
    counted = _noun_after(text[found.end():start]) if found["of"] else []
    stop = found.end()
    for word in counted:
        stop = text.find(word, stop) + len(word)
    return found.start(), counted, stop if counted else found.end()


def _clause_start(text: str, start: int) -> int:
    """Where the clause holding a position starts: after the semicolon or dash before it."""
    return max(text.rfind(";", 0, start), text.rfind(" – ", 0, start), text.rfind(" -- ", 0, start)) + 1


def _clause(text: str, start: int, end: int) -> str:
    """The clause around a figure: the sentence cut at semicolons and dashes."""
    left = _clause_start(text, start) - 1
    right_options = [i for i in (text.find(";", end), text.find(" -- ", end)) if i >= 0]
    return text[left + 1: min(right_options) if right_options else len(text)]


def _measure(text: str, start: int, end: int, unit: str, money: bool, percent: bool) -> str:
    """What kind of count a figure is: killed, injured, money, percent, years or count.

    The verb right after the figure decides ("42 people have died", "12,000 have been forced"); with
    none, the figure's own words and then its clause up to it ("killed 13 … and at least 60 Afghans").
    """
    if money:
        return "money"
    if percent:
        return "percent"
    if _CLASS_OF.get(unit.casefold()) == "years":
        return "years"
    verb = _VERB_AFTER.match(text[end:])
    if verb:
        word = verb.group(1)
        return "killed" if _DEATH.search(word) else "injured" if _INJURY.search(word) else "count"
    context = _clause(text, start, end)
    if text[start:end] in context:
        context = context[: context.find(text[start:end]) + end - start]
    if _DEATH.search(context):
        return "killed"
    if _INJURY.search(context):
        return "injured"
    return "count"


def unit_class(figure: Figure) -> str:
    """What a figure counts, as one word to compare figures by: a class (troops, fighters, people,
    children, years) when its counted noun is one of a class's words, else that noun's singular ("34
    miners" and "the number of miners trapped" both count "miner"), money and percent as their units.

    Without a counted noun, a toll of deaths or injuries counts people ("killed 170"), and so does a
    number that is the subject of what happened ("5,000 had been evacuated"); anything else is "things".
    """
    unit = figure.unit.casefold()
    cls = _CLASS_OF.get(unit)
    if cls:
        return cls
    if figure.measure in ("killed", "injured") and (not unit or figure.unit[0].isupper() or _plural(unit)):
        return "people"
    if unit:
        return unit if figure.measure in ("money", "percent") else _singular(unit)
    at = figure.quote.find(figure.phrase)
    if at >= 0 and _VERB_AFTER.match(figure.quote[at + len(figure.phrase):]):
        return "people"
    return "things"


def _singular(noun: str) -> str:
    """A noun's singular by its ending: miners → miner, bodies → body, churches → church."""
    if not _plural(noun):
        return noun
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    if noun.endswith(("ches", "shes", "sses", "xes")):
        return noun[:-2]
    return noun[:-1]


def all_figures(sentences: Sequence[Sentence]) -> list[Figure]:
    """The figures of every sentence, in reading order."""
    return [f for s in sentences for f in figures_of(s)]
