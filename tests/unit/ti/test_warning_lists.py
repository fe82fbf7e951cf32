"""The known-benign lists: the shipped MISP warning lists, minus the broad and the abused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wingman.adapters.ti.offline import WarningLists, benign_lists, load_warning_lists
from wingman.adapters.ti.offline.warning_lists import EXCLUDED, LISTS_DIR
from wingman.config import TISettings
from wingman.core.models import Indicator, IndicatorType
from wingman.core.ti.exclusions import Exclusions

T = IndicatorType
DNS_V4 = "List of known IPv4 public DNS resolvers"


@pytest.fixture(scope="module")
def shipped() -> WarningLists:
    return load_warning_lists()


def first_entry(directory: str) -> str:
    return str(json.loads((LISTS_DIR / directory / "list.json").read_text())["list"][0])


@pytest.mark.parametrize(
    ("kind", "value", "listed"),
    [
        (T.IPV4, "8.8.8.8", DNS_V4),
        (T.IPV6, "2001:4860:4860::8888", "List of known IPv6 public DNS resolvers"),
        (T.DOMAIN, "microsoft.com", "List of known microsoft domains"),
        (T.IPV4, "104.16.0.1", "List of known Cloudflare IP ranges"),
        (T.DOMAIN, "qzxv-unlikely-4471.com", None),
        (T.DOMAIN, "foo.azurewebsites.net", None),  # `.azurewebsites.net` is no wildcard
        (T.DOMAIN, "evil.blogspot.com", None),
        (T.URL, "https://github.com/evil/releases/x.exe", None),
        (T.DOMAIN, "co.uk", None),  # second-level TLDs excluded
        (T.DOMAIN, "foo.duckdns.org", None),  # dynamic DNS excluded
        (T.MD5, "d41d8cd98f00b204e9800998ecf8427e", "List of known hashes with common"),
    ],
)
def test_a_value_is_benign_only_on_a_false_positive_list(
    shipped: WarningLists, kind: IndicatorType, value: str, listed: str | None
) -> None:
    found = shipped.listed(Indicator(type=kind, value=value))
    if listed is None:
        assert found is None
    else:
        assert (found or "").startswith(listed)


def test_the_sandbox_list_matches_by_substring(shipped: WarningLists) -> None:
    found = shipped.listed(Indicator(type=T.URL, value="https://app.any.run/tasks/1"))
    assert found == (
        "List of known domains used by automated malware analysis services & security vendors"
    )


@pytest.mark.parametrize(
    ("directory", "kind"),
    [
        ("amazon-aws", T.IPV4),
        ("google-gcp", T.IPV4),
        ("vpn-ipv4", T.IPV4),
        ("sinkholes", T.IPV4),
        ("url-shortener", T.DOMAIN),
        ("dynamic-dns", T.DOMAIN),
        ("second-level-tlds", T.DOMAIN),
        ("digitalside", T.DOMAIN),
    ],
)
def test_an_entry_of_an_excluded_list_is_not_benign(
    shipped: WarningLists, directory: str, kind: IndicatorType
) -> None:
    entry = first_entry(directory).strip(".").split("/")[0]
    assert directory in EXCLUDED
    name = json.loads((LISTS_DIR / directory / "list.json").read_text())["name"]
    assert shipped.listed(Indicator(type=kind, value=entry)) != name


def test_no_excluded_list_is_loaded(shipped: WarningLists) -> None:
    excluded = {
        json.loads((LISTS_DIR / directory / "list.json").read_text())["name"]
        for directory in EXCLUDED
    }
    assert len(excluded) == len(EXCLUDED)
    assert not excluded & set(shipped.names)
    assert DNS_V4 in shipped.names


def test_the_benign_list_feeds_the_exclusions(shipped: WarningLists) -> None:
    exclusions = Exclusions(benign=[shipped])
    reason = exclusions.reason("t1", Indicator(type=T.IPV4, value="8.8.8.8"))
    assert reason == f"on the known-benign list {DNS_V4}"
    assert exclusions.reason("t1", Indicator(type=T.IPV4, value="45.77.12.34")) is None


def write_list(root: Path, name: str, kind: str, entries: list[str], attributes: list[str]) -> None:
    (root / name).mkdir()
    document = {
        "name": name,
        "type": kind,
        "list": entries,
        "matching_attributes": attributes,
        "description": "",
        "version": 1,
    }
    (root / name / "list.json").write_text(json.dumps(document))


@pytest.fixture
def small(tmp_path: Path) -> WarningLists:
    write_list(tmp_path, "exact", "string", [".vendor.com", "ABC@Vendor.com"], ["domain", "email"])
    write_list(tmp_path, "names", "hostname", [".cdn.net"], ["hostname", "url"])
    write_list(tmp_path, "parts", "substring", ["sandbox"], ["domain"])
    write_list(tmp_path, "nets", "cidr", ["10.1.0.0/16", "45.0.0.9", "2a00::/16"], ["ip-dst"])
    write_list(tmp_path, "ips-but-for-hashes", "cidr", ["45.0.0.10"], ["md5"])
    write_list(tmp_path, "regexes", "regex", [".*"], ["domain"])
    write_list(tmp_path, "tlds", "string", ["example.com"], ["domain"])
    return load_warning_lists(lists_dir=tmp_path)


@pytest.mark.parametrize(
    ("kind", "value", "listed"),
    [
        (T.DOMAIN, "vendor.com", "exact"),
        (T.DOMAIN, "www.vendor.com", None),  # string lists match exactly
        (T.EMAIL, "abc@vendor.com", "exact"),
        (T.DOMAIN, "cdn.net", "names"),
        (T.DOMAIN, "a.b.cdn.net", "names"),
        (T.URL, "https://x.cdn.net:8443/p", "names"),
        (T.DOMAIN, "notcdn.net", None),
        (T.DOMAIN, "my-sandbox.org", "parts"),
        (T.URL, "http://my-sandbox.org/", None),  # the list matches domains only
        (T.IPV4, "10.1.200.3", "nets"),
        (T.IPV4, "10.2.0.1", None),
        (T.IPV4, "45.0.0.9", "nets"),
        (T.IPV4, "45.0.0.10", None),  # on a list for hashes only
        (T.IPV6, "2a00:1::1", "nets"),
        (T.DOMAIN, "anything.org", None),  # regex lists are not read
        (T.DOMAIN, "example.com", None),  # an excluded list by its directory
    ],
)
def test_each_list_type_matches_as_its_type_says(
    small: WarningLists, kind: IndicatorType, value: str, listed: str | None
) -> None:
    assert small.listed(Indicator(type=kind, value=value)) == listed


def test_the_settings_decide_whether_lists_are_used(tmp_path: Path) -> None:
    write_list(tmp_path, "exact", "string", ["vendor.com"], ["domain"])
    assert benign_lists(TISettings(benign_lists=False), lists_dir=tmp_path) == []
    built = benign_lists(TISettings(benign_lists=True), lists_dir=tmp_path)
    assert [b.listed(Indicator(type=T.DOMAIN, value="vendor.com")) for b in built] == ["exact"]


def test_a_warning_list_that_is_not_one_is_refused_naming_it(tmp_path: Path) -> None:
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "list.json").write_text('{"name": "x", "list": 3}')
    with pytest.raises(ValueError, match=r"broken/list\.json: not a MISP warning list"):
        load_warning_lists(lists_dir=tmp_path)
