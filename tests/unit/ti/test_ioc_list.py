"""The IOC list source: plain lists with inferred types, and CSV lists with their columns."""

from __future__ import annotations

import pytest

from tests.unit.ti.conftest import FIXTURES
from wingman.adapters.ti.offline import OfflineSource, load_ioc_list
from wingman.adapters.ti.offline.ioc_list import infer
from wingman.config import FeedSettings
from wingman.core.models import Indicator, IndicatorType, Verdict

T = IndicatorType
SHA256 = "a934d8d273e44f15ccddbcd7180cf99d0fff719acff064f0b080299f9cd83e41"
MD5 = "741bbfe6375f736d064a3e23f004676d"


@pytest.fixture(scope="module")
def lists() -> OfflineSource:
    return load_ioc_list(FeedSettings(path=FIXTURES / "ioc"))


HITS = [
    # (type, value as asked, verdict, score)
    (T.IPV4, "185.220.101.4", Verdict.MALICIOUS, 80),
    (T.IPV4, "185.220.101.5", Verdict.MALICIOUS, 80),  # defanged in the file
    (T.URL, "http://phish-login.net/owa", Verdict.MALICIOUS, 80),
    (T.DOMAIN, "LOGIN.phish-login.net", Verdict.MALICIOUS, 80),
    (T.EMAIL, "bad.sender@phish-login.net", Verdict.MALICIOUS, 80),
    (T.SHA256, SHA256, Verdict.MALICIOUS, 80),  # upper case in the file
    (T.IPV6, "2a01:4f8:c0c:1::1", Verdict.MALICIOUS, 80),
    (T.IPV4, "193.42.33.7", Verdict.MALICIOUS, 95),
    (T.DOMAIN, "tracker.adnet-example.com", Verdict.SUSPICIOUS, 45),
    (T.MD5, MD5, Verdict.MALICIOUS, 80),  # verdict and score left empty
    (T.DOMAIN, "files.shady-share.net", Verdict.MALICIOUS, 80),  # type inferred
    (T.URL, "http://shady-share.net/a,b.zip", Verdict.MALICIOUS, 70),  # a quoted comma
    (T.IPV4, "8.8.4.4", Verdict.BENIGN, 0),
]


@pytest.mark.parametrize(("kind", "value", "verdict", "score"), HITS)
async def test_a_listed_value_is_a_hit_with_its_rows_verdict(
    lists: OfflineSource, kind: IndicatorType, value: str, verdict: Verdict, score: int
) -> None:
    answer = await lists.lookup(Indicator(type=kind, value=value), timeout=1.0)
    assert answer.found
    assert (answer.verdict, answer.score) == (verdict, score)


async def test_csv_columns_give_tags_dates_and_reference(lists: OfflineSource) -> None:
    answer = await lists.lookup(Indicator(type=T.IPV4, value="193.42.33.7"), timeout=1.0)
    assert answer.tags == ("cobalt-strike", "c2")
    assert (answer.first_seen, answer.last_seen) == ("2024-02-01", "2024-03-01")
    assert answer.references == ("https://intel.example/cs",)
    assert answer.summary == "listed in curated.csv"


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        (T.DOMAIN, "bad-score.net"),  # score 150
        (T.DOMAIN, "bad-verdict.net"),  # verdict "evil"
        (T.DOMAIN, "bad-type.net"),  # unknown type
        (T.IPV4, "0.0.4.210"),  # the line "1234" is no address
        (T.DOMAIN, "phish-login.net"),  # only the subdomain is listed
    ],
)
async def test_invalid_rows_and_unlisted_values_are_misses(
    lists: OfflineSource, kind: IndicatorType, value: str
) -> None:
    assert not (await lists.lookup(Indicator(type=kind, value=value), timeout=1.0)).found


def test_skipped_lines_and_rows_are_counted(lists: OfflineSource) -> None:
    assert lists.skipped == {
        "lines without a valid value": 2,
        "rows without a valid value, type, verdict or score": 4,
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.2.3.4", (T.IPV4, "1.2.3.4")),
        ("1[.]2[.]3[.]4", (T.IPV4, "1.2.3.4")),
        ("[2001:DB8::1]", (T.IPV6, "2001:db8::1")),
        ("Example.COM", (T.DOMAIN, "example.com")),
        ("example.com/path", (T.URL, "http://example.com/path")),
        ("example.com:8080/x", (T.URL, "http://example.com:8080/x")),
        ("hxxps://example[.]com", (T.URL, "https://example.com/")),
        ("A@Example.com", (T.EMAIL, "a@example.com")),
        (MD5.upper(), (T.MD5, MD5)),
        ("0" * 40, (T.SHA1, "0" * 40)),
        ("2130706433", None),
        ("1.2.3", None),
        ("not a value", None),
        ("ftp//", None),
    ],
)
def test_a_bare_value_gets_the_type_it_plainly_has(
    text: str, expected: tuple[IndicatorType, str] | None
) -> None:
    assert infer(text) == expected
