"""The STIX source: pattern forms, validity against the clock, relationships, counted skips."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.unit.ti.conftest import FIXTURES, fixed_now
from wingman.adapters.ti.offline import OfflineSource, load_stix
from wingman.adapters.ti.offline.stix_pattern import Unsupported, pattern_values
from wingman.adapters.ti.provider import ProviderError, ProviderErrorKind
from wingman.config import FeedSettings
from wingman.core.models import Indicator, IndicatorType, Verdict

T = IndicatorType
SHA256 = "a934d8d273e44f15ccddbcd7180cf99d0fff719acff064f0b080299f9cd83e41"
MD5 = "741bbfe6375f736d064a3e23f004676d"
SHA1 = "c57e08af28c85e7fe987028f7986f0bb4573f663"


@pytest.fixture(scope="module")
def stix() -> OfflineSource:
    return load_stix(FeedSettings(path=FIXTURES / "stix"), now=fixed_now)


HITS = [
    # (type, value as asked, verdict, score, a tag it carries)
    (T.IPV4, "45.77.12.34", Verdict.MALICIOUS, 85, "Emotet"),
    (T.IPV4, "45[.]77.12.34", Verdict.MALICIOUS, 85, "TA542"),
    (T.DOMAIN, "evil-example.com", Verdict.SUSPICIOUS, 50, "anonymization"),
    (T.DOMAIN, "EVIL-EXAMPLE.COM.", Verdict.SUSPICIOUS, 50, "anonymization"),
    (T.URL, "http://evil-example.com/gate.php?id=1", Verdict.SUSPICIOUS, 50, "anonymization"),
    (T.URL, "hxxp://EVIL-example[.]com:80/gate.php?id=1", Verdict.SUSPICIOUS, 50, "anonymization"),
    (T.SHA256, SHA256.upper(), Verdict.MALICIOUS, 70, "malicious-activity"),
    (T.MD5, MD5, Verdict.MALICIOUS, 70, "malicious-activity"),
    (T.SHA1, SHA1, Verdict.MALICIOUS, 75, "Mummy Spider"),
    (T.EMAIL, "phish@bad-mail.net", Verdict.MALICIOUS, 90, "Phishing"),
    (T.EMAIL, "Billing@Bad-Mail[.]net", Verdict.MALICIOUS, 90, "Phishing"),
    (T.IPV6, "2a01:4f8::1", Verdict.SUSPICIOUS, 40, "anomalous-activity"),
    (T.URL, "https://files.bad-host.net/payload.bin", Verdict.MALICIOUS, 65, "malicious-activity"),
    (T.DOMAIN, "new-name.net", Verdict.MALICIOUS, 70, ""),
    (T.DOMAIN, "cdn.goodvendor.com", Verdict.BENIGN, 95, "benign"),
]


@pytest.mark.parametrize(("kind", "value", "verdict", "score", "tag"), HITS)
async def test_a_listed_value_is_a_hit_with_the_bundles_verdict(
    stix: OfflineSource, kind: IndicatorType, value: str, verdict: Verdict, score: int, tag: str
) -> None:
    answer = await stix.lookup(Indicator(type=kind, value=value), timeout=1.0)
    assert answer.found
    assert (answer.verdict, answer.score) == (verdict, score)
    assert not tag or tag in answer.tags


MISSES = [
    (T.IPV4, "45.77.99.1"),  # expired before NOW
    (T.IPV4, "45.77.99.2"),  # valid only from 2030
    (T.IPV4, "45.77.5.5"),  # revoked
    (T.DOMAIN, "old-name.net"),  # superseded by a later version of the same indicator
    (T.IPV4, "45.77.1.1"),  # FOLLOWEDBY: not understood
    (T.IPV4, "45.77.1.3"),  # WITHIN qualifier: not understood
    (T.IPV4, "45.77.12.35"),
    (T.DOMAIN, "sub.evil-example.com"),
    (T.URL, "http://evil-example.com/"),
    (T.DOMAIN, "not a domain"),
]


@pytest.mark.parametrize(("kind", "value"), MISSES)
async def test_an_unlisted_expired_or_unsupported_value_is_a_miss(
    stix: OfflineSource, kind: IndicatorType, value: str
) -> None:
    answer = await stix.lookup(Indicator(type=kind, value=value), timeout=1.0)
    assert not answer.found
    assert answer.verdict is Verdict.UNKNOWN


async def test_validity_follows_the_injected_clock() -> None:
    def early() -> datetime:
        return datetime(2024, 3, 1, tzinfo=UTC)

    source = load_stix(FeedSettings(path=FIXTURES / "stix" / "bundle.json"), now=early)
    expired_later = await source.lookup(Indicator(type=T.IPV4, value="45.77.99.1"), timeout=1.0)
    assert expired_later.found


async def test_a_hit_carries_name_references_and_first_seen(stix: OfflineSource) -> None:
    answer = await stix.lookup(Indicator(type=T.IPV4, value="45.77.12.34"), timeout=1.0)
    assert answer.summary == "STIX indicator Emotet C2"
    assert answer.references == ("https://cti.acme.example/reports/1",)
    assert answer.first_seen == "2024-01-01T00:00:00Z"
    loader = await stix.lookup(Indicator(type=T.SHA1, value=SHA1), timeout=1.0)
    assert loader.references == ("mitre-attack S0001",)


async def test_only_malware_actors_sets_and_techniques_become_tags(stix: OfflineSource) -> None:
    answer = await stix.lookup(Indicator(type=T.EMAIL, value="phish@bad-mail.net"), timeout=1.0)
    assert "Phishing" in answer.tags
    assert "ACME CTI" not in answer.tags  # an identity is not what an indicator indicates


def test_skipped_indicators_are_counted_and_reported(stix: OfflineSource) -> None:
    assert stix.skipped == {
        "unsupported patterns": 5,
        "non-STIX patterns": 1,
        "revoked indicators": 1,
    }
    assert "5 unsupported patterns" in stix.report()
    assert stix.loaded == 14


async def test_a_type_the_source_does_not_look_up_is_refused(stix: OfflineSource) -> None:
    with pytest.raises(ProviderError) as raised:
        await stix.lookup(Indicator(type=T.FILE_PATH, value="C:\\x.exe"), timeout=1.0)
    assert raised.value.kind is ProviderErrorKind.UNSUPPORTED


PATTERNS = [
    ("[ipv4-addr:value = '1.2.3.4']", [(T.IPV4, "1.2.3.4")]),
    (
        "[ipv4-addr:value = '1.2.3.4' OR ipv6-addr:value = '::1']",
        [(T.IPV4, "1.2.3.4"), (T.IPV6, "::1")],
    ),
    ("[file:hashes.MD5 = 'ab' AND file:name = 'x.exe']", [(T.MD5, "ab")]),
    ("[file:hashes.'SHA-256' = 'cd']", [(T.SHA256, "cd")]),
    ("[file:hashes.'SHA-1' = 'ef']", [(T.SHA1, "ef")]),
    (
        "([url:value = 'http://a.b/'] OR [domain-name:value = 'a.b'])",
        [
            (T.URL, "http://a.b/"),
            (T.DOMAIN, "a.b"),
        ],
    ),
    ("[email-addr:value = 'o\\'brien@a.b']", [(T.EMAIL, "o'brien@a.b")]),
    (
        "[(domain-name:value = 'a.b' OR domain-name:value = 'c.d')]",
        [
            (T.DOMAIN, "a.b"),
            (T.DOMAIN, "c.d"),
        ],
    ),
    ("[process:name = 'x']", []),
]


@pytest.mark.parametrize(("pattern", "values"), PATTERNS)
def test_the_simple_subset_names_its_values(
    pattern: str, values: list[tuple[IndicatorType, str]]
) -> None:
    assert pattern_values(pattern) == values


UNSUPPORTED = [
    "",
    "[ipv4-addr:value != '1.2.3.4']",
    "[ipv4-addr:value MATCHES '^1']",
    "[ipv4-addr:value ISSUBSET '1.0.0.0/8']",
    "[NOT ipv4-addr:value = '1.2.3.4']",
    "[file:size > 10]",
    "[ipv4-addr:value = '1.2.3.4'] AND [ipv4-addr:value = '1.2.3.5']",
    "[ipv4-addr:value = '1.2.3.4'] FOLLOWEDBY [ipv4-addr:value = '1.2.3.5']",
    "[ipv4-addr:value = '1.2.3.4'] REPEATS 5 TIMES",
    "[ipv4-addr:value = '1.2.3.4'",
    "[ipv4-addr:value = b'AQID']",
    "[x:y = t'2020-01-01T00:00:00Z']",
    "[" * 100 + "a:b = 'c'" + "]" * 100,
    "(" * 100 + "[a:b = 'c']" + ")" * 100,
]


@pytest.mark.parametrize("pattern", UNSUPPORTED)
def test_a_pattern_outside_the_subset_is_unsupported(pattern: str) -> None:
    with pytest.raises(Unsupported):
        pattern_values(pattern)
