"""Scores combine evidence with diminishing returns; thresholds give the verdict."""

from __future__ import annotations

from wingman.core.models import Severity, Verdict
from wingman.core.scripts.rules.engine import Hit, Rule, match_rules
from wingman.core.scripts.types import Lang, Layer, Span
from wingman.core.scripts.verdict import reasons, score, verdict_for


def rule(
    rule_id: str,
    weight: int,
    pattern: str = "x",
    *,
    languages: frozenset[Lang] | None = None,
    all_of: tuple[str, ...] = (),
) -> Rule:
    return Rule(
        rule_id,
        f"title {rule_id}",
        Severity.HIGH,
        ("T1059",),
        (pattern,),
        all_of=all_of,
        languages=languages,
        weight=weight,
    )


def hit(weight: int) -> Hit:
    return Hit(rule(f"R{weight}", weight), (Span(0, 0, 1),))


# Long enough that no hit makes it a short script of nothing but techniques.
LAYER0 = [Layer(0, "input", "text\n" * 20, Lang.BASH)]


def test_score_is_bounded_and_monotonic() -> None:
    assert score([], LAYER0) == 0
    assert score([hit(50)], LAYER0) == 50
    assert score([hit(50), hit(50)], LAYER0) == 75
    assert 0 <= score([hit(99)] * 10, LAYER0) <= 100


def layer(index: int, technique: str, weight: int) -> Layer:
    return Layer(index, technique, f"text {index}", Lang.BASH, index - 1, weight=weight)


def test_decoded_layers_count_as_evidence_by_their_peelers_weight() -> None:
    assert score([], [*LAYER0, layer(1, "base64", 10)]) == 10
    assert score([], [*LAYER0, layer(1, "base64", 10), layer(2, "gzip", 20)]) == 28


def test_one_technique_counts_once_and_only_the_strongest_techniques_count() -> None:
    repeated = [*LAYER0, *(layer(i, "base64", 10) for i in range(1, 6))]
    assert score([], repeated) == 10
    many = [*LAYER0, *(layer(i, f"t{i}", 10 * i) for i in range(1, 6))]
    assert score([], many) == score(
        [], [*LAYER0, layer(1, "a", 50), layer(2, "b", 40), layer(3, "c", 30)]
    )


def test_thresholds() -> None:
    assert verdict_for(80, has_content=True) is Verdict.MALICIOUS
    assert verdict_for(40, has_content=True) is Verdict.SUSPICIOUS
    assert verdict_for(5, has_content=True) is Verdict.BENIGN
    assert verdict_for(0, has_content=False) is Verdict.UNKNOWN


def test_reasons_strongest_first() -> None:
    found = reasons([hit(10), hit(60)], LAYER0)
    assert found[0].startswith("title R60")


def test_rules_match_per_language_with_evidence() -> None:
    layers = [Layer(0, "input", "curl x | sh\ncurl y | sh", Lang.BASH)]
    rules = [
        rule("A", 10, r"curl \w \| sh"),
        rule("B", 10, r"curl", languages=frozenset({Lang.POWERSHELL})),
        rule("C", 10, r"curl", all_of=(r"nothing-here",)),
    ]
    hits = match_rules(rules, layers)
    assert [h.rule.id for h in hits] == ["A"]
    assert [(s.start, s.end) for s in hits[0].spans] == [(0, 11), (12, 23)]


def test_embedded_blocks_are_not_counted_as_hidden_layers() -> None:
    page = [*LAYER0, layer(1, "html_script", 0)]
    assert not any("hidden" in reason for reason in reasons([], page))
