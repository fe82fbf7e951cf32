"""Guess a script's language from its filename and its text.

Every language scores the features its text shows (see language_features). Two shortcuts keep
this cheap on large inputs: a feature whose pattern needs a word the sample lacks is never run
(one Aho-Corasick pass finds the words), and the first word of every line is read once and
looked up, instead of one alternation of command names per platform.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

import ahocorasick
import regex

from wingman.core.scripts.language_features import (
    BATCH_PROLOGUE,
    BATCH_PROLOGUE_WEIGHT,
    EXTENSIONS,
    FEATURES,
    FIRST_WORD_WEIGHT,
    FIRST_WORDS,
)
from wingman.core.scripts.rules.literals import Strings, required
from wingman.core.scripts.safe_regex import compile_pattern, finditer
from wingman.core.scripts.types import BudgetExceeded, Lang

MAX_HITS_PER_FEATURE = 4
# Features saturate long before this; a longer sample only costs time.
SAMPLE_CHARS = 32 * 1024
FEATURE_TIMEOUT_S = 0.05
# A command name: what the first word of a line must look like to be looked up.
_WORD = re.compile(r"[a-z_][\w-]{0,31}")
# Lines past this say nothing more about which platform a command line is for.
MAX_FIRST_WORD_LINES = 2000


@dataclass(frozen=True, slots=True)
class _Feature:
    lang: Lang
    pattern: regex.Pattern[str]
    weight: float
    gate: Strings | None


class _Detector:
    """The feature table compiled once: patterns, their literal gates and one automaton."""

    def __init__(self) -> None:
        self.features = tuple(
            _Feature(lang, compile_pattern(pattern), weight, required(pattern))
            for lang, table in FEATURES.items()
            for pattern, weight in table
        )
        self.automaton = ahocorasick.Automaton()
        for feature in self.features:
            for literal in feature.gate or ():
                self.automaton.add_word(literal, literal)
        self.automaton.make_automaton()
        self.prologue = compile_pattern(BATCH_PROLOGUE)

    def scores(self, sample: str) -> dict[Lang, float]:
        folded = sample.lower() if sample.isascii() else sample.casefold()
        present = {found for _, found in self.automaton.iter(folded)}
        scores = dict.fromkeys(Lang, 0.0)
        for feature in self.features:
            if feature.gate is None or not feature.gate.isdisjoint(present):
                scores[feature.lang] += feature.weight * _count(feature.pattern, sample)
        words = _first_words(sample)
        for lang, commands in FIRST_WORDS.items():
            hits = sum(count for word, count in words.items() if word in commands)
            scores[lang] += FIRST_WORD_WEIGHT * min(hits, MAX_HITS_PER_FEATURE)
        if _count(self.prologue, sample):
            scores[Lang.BATCH] += BATCH_PROLOGUE_WEIGHT
        return scores


@cache
def _detector() -> _Detector:
    return _Detector()


def detect_language(text: str, filename: str | None = None) -> tuple[Lang, float]:
    """Return the most likely language and a confidence in [0, 1]."""
    if filename:
        extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
        if extension in EXTENSIONS:
            return EXTENSIONS[extension], 0.99
    scores = _detector().scores(text[:SAMPLE_CHARS])
    best = max(scores, key=lambda lang: (scores[lang], -list(Lang).index(lang)))
    total = sum(scores.values())
    if total <= 0:
        return Lang.POWERSHELL if "powershell" in text.lower() else Lang.BATCH, 0.2
    return best, round(scores[best] / total, 3)


def score_languages(text: str) -> dict[Lang, float]:
    """Score each language by the weighted features its text shows."""
    return _detector().scores(text)


def _first_words(text: str) -> Counter[str]:
    """The first word of each line (leading '@' and blanks off, `.exe` dropped), lower-cased."""
    words: Counter[str] = Counter()
    for line in text.split("\n", MAX_FIRST_WORD_LINES)[:MAX_FIRST_WORD_LINES]:
        head = line.lstrip(" \t@").split(maxsplit=1)
        if not head:
            continue
        word = head[0].lower().removesuffix(".exe")
        if _WORD.fullmatch(word):
            words[word] += 1
    return words


def _count(pattern: regex.Pattern[str], text: str) -> int:
    hits = 0
    try:
        for _ in finditer(pattern, text, timeout=FEATURE_TIMEOUT_S):
            hits += 1
            if hits >= MAX_HITS_PER_FEATURE:
                break
    except BudgetExceeded:
        return 0
    return hits
