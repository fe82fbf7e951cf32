"""Literal prefilters: what they require, what they refuse to guess, and that they never lose a
match (a property test over generated patterns and texts, and every rule of the catalog)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wingman.core.scripts.rules.catalog import RULES
from wingman.core.scripts.rules.engine import RuleSet
from wingman.core.scripts.rules.literals import reach, required, required_all, required_any
from wingman.core.scripts.rules.windows import Plan, matches
from wingman.core.scripts.safe_regex import compile_pattern
from wingman.core.scripts.types import Lang, Layer


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bNet\.WebClient\b", {"net.webclient"}),
        (r"(?:foo|bar)baz", {"foobaz", "barbaz"}),
        (r"x{2}yy", {"xxyy"}),
        (r"a\s+bcd", {"bcd"}),
        (
            r"\bInvoke-Expression\b(?:(?!iex)[^\n]){0,60}?Download(?:String|File)",
            {"invoke-expression"},
        ),
        (r"ICACLS", {"icacls"}),
        (r"(?:ab|cd)\d(?:efg|hij)", {"efg", "hij"}),
        (r"(?:ab)?cdef", {"cdef"}),
        (r"(?:certutil){1,3}", {"certutil"}),
        (r"ß-tag", {"ss-tag"}),
    ],
)
def test_required_names_the_strings_a_match_contains(pattern: str, expected: set[str]) -> None:
    assert required(pattern) == expected


@pytest.mark.parametrize(
    "pattern",
    [
        r"[a-z]+",  # no literal at all
        r"abc|d",  # one branch has only a one-character literal
        r"(?:abc)?",  # optional
        r"[[a-z]--[q]]abc",  # V1 set operation the standard parser would misread
        r"[ab[cd]]xyz",  # V1 nested class
        r"(?:foo){e<=1}bar",  # fuzzy constraint, literal text to the standard parser
        r"\p{L}+word",  # syntax the standard parser does not know
        r"(?<",  # broken
    ],
)
def test_required_refuses_to_guess(pattern: str) -> None:
    assert required(pattern) is None


def test_required_any_is_the_union_or_nothing() -> None:
    assert required_any([r"certutil", r"bitsadmin"]) == {"certutil", "bitsadmin"}
    assert required_any([r"certutil", r"[a-z]+"]) is None


# Pieces of patterns and the texts that can match them, to build both at once.
_PIECES: list[tuple[str, list[str]]] = [
    ("abc", ["abc", "ABC", "aBc"]),
    ("xyz", ["xyz", "XYZ"]),
    (r"(?:foo|bar)", ["foo", "BAR"]),
    (r"\d", ["0", "7"]),
    (r"\s{1,3}", [" ", "\t", "   "]),
    (r"[a-c]", ["a", "C"]),
    (r"(?:qq)?", ["", "qq"]),
    (r"(?:(?!zz)[^\n]){0,5}?", ["", "k", "kkk"]),
    (r"\b", [""]),
    ("Ω-mark", ["ω-MARK", "Ω-mark"]),
    ("stra", ["STRA", "\u017ftra"]),  # long s folds to s
]


@st.composite
def pattern_and_match(draw: st.DrawFn) -> tuple[str, str]:
    chosen = draw(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=6))
    pattern = "".join(piece for piece, _ in chosen)
    text = "".join(draw(st.sampled_from(options)) for _, options in chosen)
    noise = draw(st.text(alphabet="ab xyz\n-", max_size=8))
    return pattern, noise + " " + text + " " + noise


@settings(max_examples=400, deadline=None)
@given(pattern_and_match())
def test_gate_never_rejects_a_text_the_pattern_matches(case: tuple[str, str]) -> None:
    pattern, text = case
    if compile_pattern(pattern).search(text) is None:
        return
    needed = required(pattern)
    folded = text.casefold()
    assert needed is None or any(literal in folded for literal in needed), (pattern, text)


def test_most_catalog_rules_are_gated() -> None:
    gated = [rule for rule in RULES if required_any(rule.any_of) is not None]
    assert len(gated) >= 0.9 * len(RULES)


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="abcdeINVOKEinvoke-xpressionWebClient.$ ()'\"\n|/:", max_size=200))
def test_gated_and_ungated_matching_agree(text: str) -> None:
    layers = [Layer(0, "input", text, lang) for lang in Lang]
    gated = RuleSet(RULES).match(layers)
    ungated = RuleSet(RULES, prefilter=False).match(layers)
    assert {hit.rule.id for hit in gated} == {hit.rule.id for hit in ungated}


@st.composite
def text_around_literals(draw: st.DrawFn) -> tuple[str, str]:
    pattern, match = draw(pattern_and_match())
    before = draw(st.text(alphabet="ab xyz\n-q", max_size=600))
    after = draw(st.text(alphabet="ab xyz\n-q", max_size=600))
    middle = draw(st.sampled_from(["", match, match + match, "abc" + " " * 300 + "xyz"]))
    return pattern, before + match + after + middle


@settings(max_examples=300, deadline=None)
@given(text_around_literals())
def test_windowed_search_finds_exactly_real_matches(case: tuple[str, str]) -> None:
    pattern, text = case
    compiled = compile_pattern(pattern)
    plan = Plan(compiled, required_all(pattern), reach(pattern))
    occurrences = _occurrences(text, plan) if text.isascii() else None
    found = list(matches(plan, text, occurrences))
    whole = list(compiled.finditer(text))
    assert bool(found) == bool(whole), (pattern, text)
    if not plan.needs or plan.reach is None:
        return  # not windowed: these are the whole text's own matches
    for match in found:
        again = compiled.match(text, match.start())
        assert again is not None
        assert again.span() == match.span()


def _occurrences(text: str, plan: Plan) -> dict[str, list[int]]:
    folded = text.lower()
    found: dict[str, list[int]] = {}
    for need in plan.needs:
        for literal in need:
            start = folded.find(literal)
            while start >= 0:
                found.setdefault(literal, []).append(start + len(literal) - 1)
                start = folded.find(literal, start + 1)
    return found


def test_a_windowed_pattern_beside_an_ungated_one_still_matches() -> None:
    from wingman.core.models import Severity
    from wingman.core.scripts.rules.engine import Rule

    rule = Rule(
        "TST-001",
        "test",
        Severity.LOW,
        ("T1059",),
        any_of=(r"\d{3}q", r"\bcat\s{1,3}payload\b"),
        weight=5,
        tags=frozenset({"test"}),
    )
    # A second, gated rule: the layer's literals are then searched for, so windows are used.
    other = Rule(
        "TST-002",
        "other",
        Severity.LOW,
        ("T1059",),
        any_of=(r"\bmarker\b",),
        weight=5,
        tags=frozenset({"test"}),
    )
    text = "zz " * 400 + "cat payload" + " zz" * 400 + " marker"
    hits = RuleSet((rule, other)).match([Layer(0, "input", text, Lang.BASH)])
    assert sorted(hit.rule.id for hit in hits) == ["TST-001", "TST-002"]
