from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wingman.core.errors import InvalidArgument
from wingman.core.models import Indicator, IndicatorType, ProviderResult, Verdict
from wingman.core.ti.exclusions import Exclusions
from wingman.core.ti.indicators import canonical
from wingman.core.ti.verdicts import aggregate

T = IndicatorType

SAME = [
    (T.IPV4, "203.0.113[.]9", "203.0.113.9"),
    (T.IPV4, "0xcb.0.113.9", "203.0.113.9"),
    (T.IPV4, "3405803785", "203.0.113.9"),
    (T.IPV6, "[2001:DB8:0:0::1]", "2001:db8::1"),
    (T.DOMAIN, "Evil.Example.NET.", "evil.example.net"),
    (T.DOMAIN, "evil[.]example[.]net", "evil.example.net"),
    (T.DOMAIN, "bücher.example", "xn--bcher-kva.example"),
    (T.URL, "hxxps://Evil[.]example:443/Path?q=1#x", "https://evil.example/Path?q=1"),
    (T.URL, "evil.example/a", "http://evil.example/a"),
    (T.URL, "http://198.51.100.7:8080", "http://198.51.100.7:8080/"),
    (T.EMAIL, "Billing@Fabrikam.Example", "billing@fabrikam.example"),
    (T.EMAIL, "billing[at]fabrikam[.]example", "billing@fabrikam.example"),
    (T.MD5, "D41D8CD98F00B204E9800998ECF8427E", "d41d8cd98f00b204e9800998ecf8427e"),
    (T.SHA1, " " + "AB" * 20 + " ", "ab" * 20),
]


@pytest.mark.parametrize(("kind", "given_value", "expected"), SAME)
def test_every_spelling_has_one_canonical_form(kind: T, given_value: str, expected: str) -> None:
    assert canonical(Indicator(type=kind, value=given_value), field="i").value == expected


BAD = [
    (T.IPV4, "999.1.1.1"),
    (T.IPV4, "evil.example"),
    (T.IPV6, "2001:db8::zz"),
    (T.DOMAIN, "localhost"),
    (T.DOMAIN, "-bad-.example"),
    (T.DOMAIN, "a" * 64 + ".example"),
    (T.DOMAIN, "1.2.3.4"),
    (T.URL, "javascript:alert(1)"),
    (T.URL, "http://"),
    (T.URL, "http://host:99999/"),
    (T.EMAIL, "no-at-sign.example"),
    (T.MD5, "xyz"),
    (T.SHA256, "a" * 63),
]


@pytest.mark.parametrize(("kind", "value"), BAD)
def test_a_value_not_of_its_type_is_refused_naming_the_item(kind: T, value: str) -> None:
    with pytest.raises(InvalidArgument) as raised:
        canonical(Indicator(type=kind, value=value), field="indicators[2]")
    assert raised.value.field == "indicators[2].value"
    assert raised.value.message.startswith(f"indicators[2].value: not a valid {kind.value}")


def test_over_long_and_empty_values_are_refused_with_the_limit() -> None:
    with pytest.raises(InvalidArgument, match="limit of 2048"):
        canonical(Indicator(type=T.DOMAIN, value="a" * 3000), field="i")
    with pytest.raises(InvalidArgument, match="empty"):
        canonical(Indicator(type=T.DOMAIN, value="  "), field="i")


@settings(max_examples=300, deadline=None)
@given(kind=st.sampled_from(list(T)), value=st.text(max_size=80))
def test_any_text_is_canonical_or_refused_and_canonical_forms_are_stable(
    kind: T, value: str
) -> None:
    try:
        once = canonical(Indicator(type=kind, value=value), field="i")
    except InvalidArgument:
        return
    assert canonical(once, field="i") == once


EXCLUSIONS = Exclusions(
    internal_suffixes=("corp.example",),
    tenants={"acme": ("allowed.example.org", "198.51.0.0/16", "5.6.7.8")},
)
REASONS = [
    ("acme", T.IPV4, "10.1.2.3", "private"),
    ("acme", T.IPV4, "192.0.2.1", "documentation"),
    ("acme", T.IPV6, "fe80::1", "private"),
    ("acme", T.DOMAIN, "mail.corp.example", "internal"),
    ("acme", T.URL, "https://wiki.corp.example/x", "internal"),
    ("acme", T.EMAIL, "bob@corp.example", "internal"),
    ("acme", T.DOMAIN, "cdn.allowed.example.org", "tenant"),
    ("acme", T.IPV4, "5.6.7.8", "tenant"),
    ("acme", T.FILE_PATH, "C:\\x.exe", "not looked up"),
    ("other", T.IPV4, "5.6.7.8", None),
    ("acme", T.DOMAIN, "evil.example.net", None),
]


@pytest.mark.parametrize(("tenant", "kind", "value", "word"), REASONS)
def test_what_is_never_looked_up(tenant: str, kind: T, value: str, word: str | None) -> None:
    reason = EXCLUSIONS.reason(tenant, Indicator(type=kind, value=value))
    assert (reason is None) == (word is None)
    if word is not None:
        assert reason is not None
        assert word in reason


def _result(
    provider: str, verdict: Verdict, score: int, error: str | None = None
) -> ProviderResult:
    return ProviderResult(provider=provider, verdict=verdict, score=score, error=error)


def test_the_aggregate_is_never_weaker_than_the_strongest_evidence() -> None:
    M, S, B, U = Verdict.MALICIOUS, Verdict.SUSPICIOUS, Verdict.BENIGN, Verdict.UNKNOWN
    assert aggregate([_result("a", M, 80), _result("b", B, 0)]).verdict is M
    assert aggregate([_result("a", M, 40)]).verdict is S
    assert aggregate([_result("a", S, 30), _result("b", B, 0)]).verdict is S
    assert aggregate([_result("a", B, 0), _result("b", U, 0)]).verdict is B
    assert aggregate([_result("a", M, 90, error="timeout")]).verdict is U
    combined = aggregate([_result("b", S, 30), _result("a", M, 80)])
    assert combined.score == 80
    assert combined.reasons == ("a: malicious (80)", "b: suspicious (30)")
