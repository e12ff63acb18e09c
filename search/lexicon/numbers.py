"""Numbers written as words: "twenty", "a dozen", "2 million"."""

from __future__ import annotations

# Each number word and its value.
WORD_VALUES = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
WORD_VALUES.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                    "ninety": 90, "hundred": 100, "dozen": 12})
NUMBER_WORDS = frozenset(WORD_VALUES)
# Scale words after a numeral and what they multiply it by: "2 million", "$7bn".
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6}
