"""Our index of example questions with their KQL: nearest examples by the words they share."""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

NEAREST = 3
MIN_SIMILARITY = 0.18
_WORD = re.compile(r"[a-z][a-z\-]+")
_STOP_WORDS = (
    "a an the of in on at to for from by with and or is are was were be been any all show me "
    "list find get give what which who whose when where how many much did do does have has "
    "had that this these those it its our we us my your their there than then over last past "
    "days day hours hour week weeks month months yesterday today since between into per each "
    "top most see seen first time times ever recent recently latest please can could would "
    "should i"
)
_STOP = frozenset(_STOP_WORDS.split())


@dataclass(frozen=True, slots=True)
class Example:
    id: str
    question: str
    platform: str
    kql: str
    tables: tuple[str, ...]
    family: str


def words(text: str) -> frozenset[str]:
    """The content words of a question, lightly stemmed (plural and -ed/-ing endings dropped)."""
    found = set()
    for word in _WORD.findall(text.lower()):
        if word in _STOP or len(word) < 3:
            continue
        for suffix in ("ing", "ed", "es", "s"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        found.add(word)
    return frozenset(found)


class ExampleIndex:
    """Examples with inverse-document-frequency weights over their words."""

    def __init__(self, examples: Iterable[Example]) -> None:
        self.examples = tuple(examples)
        self._words = [words(e.question) for e in self.examples]
        counts: Counter[str] = Counter(w for ws in self._words for w in ws)
        total = max(1, len(self.examples))
        self._idf = {w: math.log(1 + total / n) for w, n in counts.items()}

    def nearest(
        self, question: str, *, platform: str, limit: int = NEAREST
    ) -> list[tuple[Example, float]]:
        """The most similar examples of a platform (weighted Jaccard), best first."""
        asked = words(question)
        if not asked:
            return []
        scored = []
        for example, ws in zip(self.examples, self._words, strict=True):
            if example.platform != platform:
                continue
            shared = sum(self._idf.get(w, 0.0) for w in asked & ws)
            if not shared:
                continue
            union = sum(self._idf.get(w, math.log(1 + len(self.examples))) for w in asked | ws)
            scored.append((shared / union, example.id, example))
        scored.sort(key=lambda item: (-item[0], item[1]))
        return [(e, s) for s, _, e in scored[:limit] if s >= MIN_SIMILARITY]


@lru_cache(maxsize=1)
def load_examples() -> ExampleIndex:
    """The packaged example index."""
    text = resources.files("wingman.core.kql").joinpath("data/examples.jsonl").read_text("utf-8")
    items = []
    for line in text.split("\n"):
        if line.strip():
            raw = json.loads(line)
            items.append(
                Example(
                    raw["id"],
                    raw["question"],
                    raw["platform"],
                    raw["kql"],
                    tuple(raw["tables"]),
                    raw["family"],
                )
            )
    return ExampleIndex(items)
