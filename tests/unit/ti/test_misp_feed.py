"""The MISP feed source: attribute types, to_ids, tags, objects, and what is skipped."""

from __future__ import annotations

import pytest

from tests.unit.ti.conftest import FIXTURES
from wingman.adapters.ti.offline import OfflineSource, load_misp_feed
from wingman.config import FeedSettings
from wingman.core.models import Indicator, IndicatorType, Verdict

T = IndicatorType
SHA256 = "a934d8d273e44f15ccddbcd7180cf99d0fff719acff064f0b080299f9cd83e41"
MD5 = "741bbfe6375f736d064a3e23f004676d"
SHA1 = "c57e08af28c85e7fe987028f7986f0bb4573f663"
QAKBOT = "Qakbot campaign"


@pytest.fixture(scope="module")
def feed() -> OfflineSource:
    return load_misp_feed(FeedSettings(path=FIXTURES / "misp_feed"))


HITS = [
    # (type, value as asked, verdict, score, event named in the summary)
    (T.IPV4, "91.215.85.17", Verdict.MALICIOUS, 90, QAKBOT),  # ip-dst, threat level high
    (T.IPV4, "91.215.85.18", Verdict.MALICIOUS, 90, QAKBOT),  # ip-src|port
    (T.DOMAIN, "cdn.qak-c2.org", Verdict.MALICIOUS, 90, QAKBOT),  # domain|ip, the name
    (T.IPV4, "91.215.85.19", Verdict.MALICIOUS, 90, QAKBOT),  # domain|ip, the address
    (T.DOMAIN, "Mail.Qak-C2.example-bad.com", Verdict.SUSPICIOUS, 40, QAKBOT),  # to_ids false
    (T.URL, "https://qak-c2.org/bot.php", Verdict.MALICIOUS, 90, QAKBOT),
    (T.SHA256, SHA256, Verdict.MALICIOUS, 90, QAKBOT),  # filename|sha256 in an object
    (T.MD5, MD5.upper(), Verdict.MALICIOUS, 90, QAKBOT),  # md5 in an object
    (T.SHA1, SHA1, Verdict.SUSPICIOUS, 40, QAKBOT),  # to_ids false in an object
    (T.EMAIL, "hr-team@phish-mail.net", Verdict.MALICIOUS, 60, "Phishing wave"),  # low level
    (T.IPV6, "2a01:4f8::bad", Verdict.MALICIOUS, 60, "Phishing wave"),
]


@pytest.mark.parametrize(("kind", "value", "verdict", "score", "event"), HITS)
async def test_an_attribute_is_a_hit_scored_by_to_ids_and_threat_level(
    feed: OfflineSource, kind: IndicatorType, value: str, verdict: Verdict, score: int, event: str
) -> None:
    answer = await feed.lookup(Indicator(type=kind, value=value), timeout=1.0)
    assert answer.found
    assert (answer.verdict, answer.score) == (verdict, score)
    assert event in answer.summary


async def test_event_and_attribute_tags_and_the_category_are_kept(feed: OfflineSource) -> None:
    answer = await feed.lookup(Indicator(type=T.URL, value="https://qak-c2.org/bot.php"), timeout=1)
    assert answer.tags == ("tlp:amber", 'misp-galaxy:malpedia="QakBot"', "kill-chain:c2")
    assert answer.summary == "MISP event Qakbot campaign (Network activity)"
    assert answer.references == ("misp-event:5f1c7e2a-1b2c-4d3e-8f40-000000000001",)


async def test_first_and_last_seen_come_from_the_attribute(feed: OfflineSource) -> None:
    answer = await feed.lookup(Indicator(type=T.IPV4, value="91.215.85.17"), timeout=1.0)
    assert answer.first_seen == "2024-04-28T10:00:00+00:00"
    assert answer.last_seen == "2024-05-01T10:00:00+00:00"


async def test_a_value_in_two_events_gives_the_strongest_answer_and_both(
    feed: OfflineSource,
) -> None:
    answer = await feed.lookup(Indicator(type=T.DOMAIN, value="qak-c2.example-bad.com"), timeout=1)
    assert (answer.verdict, answer.score) == (Verdict.MALICIOUS, 90)
    assert {"tlp:amber", "tlp:green"} <= set(answer.tags)
    assert len(answer.references) == 2
    assert answer.summary.endswith("(+1 more)")


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        (T.IPV4, "91.215.85.20"),  # deleted attribute
        (T.IPV4, "91.215.85.21"),
        (T.DOMAIN, "qak-c2.org"),
    ],
)
async def test_deleted_and_unlisted_values_are_misses(
    feed: OfflineSource, kind: IndicatorType, value: str
) -> None:
    assert not (await feed.lookup(Indicator(type=kind, value=value), timeout=1.0)).found


def test_skipped_attributes_and_missing_events_are_counted(feed: OfflineSource) -> None:
    assert feed.skipped == {
        "attributes of other types": 1,  # a comment
        "deleted attributes": 1,
        "malformed attributes": 2,  # "not-an-address" as ip-dst, a string for an attribute
        "events named in the manifest but missing": 1,
    }
    assert feed.loaded == 13
