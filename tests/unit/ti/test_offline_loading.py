"""Loading offline sources: bounds, missing paths, malformed files, and the registry."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.ti.conftest import FIXTURES
from wingman.adapters.ti.offline import load_ioc_list, load_misp_feed, load_stix
from wingman.adapters.ti.offline.misp_feed import read_event
from wingman.adapters.ti.offline.source import MAX_FILE_BYTES, Listing, files, read_bytes
from wingman.adapters.ti.offline.stix import read_bundle
from wingman.adapters.ti.registry import OFFLINE_PROVIDERS, build_providers
from wingman.config import FeedSettings, TISettings

LOADERS = [load_stix, load_misp_feed, load_ioc_list]


def write(path: Path, content: Any) -> Path:
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return path


def test_every_offline_source_is_registered_by_its_setting_name() -> None:
    assert dict(OFFLINE_PROVIDERS) == {
        "stix": load_stix,
        "misp_feed": load_misp_feed,
        "ioc_list": load_ioc_list,
    }


def test_build_providers_loads_the_good_and_names_the_missing(tmp_path: Path) -> None:
    settings = TISettings(
        enabled=("stix", "misp_feed", "ioc_list"),
        stix=FeedSettings(path=FIXTURES / "stix"),
        misp_feed=FeedSettings(path=tmp_path / "absent"),
        ioc_list=FeedSettings(),
    )
    providers, problems = build_providers(settings)
    assert [p.name for p in providers] == ["stix"]
    assert providers[0].rate is None
    assert problems == [
        f"misp_feed: not loaded: {tmp_path / 'absent' / 'manifest.json'}: no MISP feed manifest",
        "ioc_list: not loaded: ioc_list: no path configured (WINGMAN_TI__IOC_LIST__PATH)",
    ]


@pytest.mark.parametrize("load", LOADERS)
def test_a_missing_path_is_an_os_error_naming_it(load: Any, tmp_path: Path) -> None:
    with pytest.raises(OSError, match="absent"):
        load(FeedSettings(path=tmp_path / "absent"))


@pytest.mark.parametrize(
    ("load", "name"),
    [(load_stix, "bundle.json"), (load_misp_feed, "manifest.json"), (load_ioc_list, "list.txt")],
)
def test_an_oversize_file_is_refused_naming_it_and_the_limit(
    load: Any, name: str, tmp_path: Path
) -> None:
    write(tmp_path / name, {"type": "bundle", "objects": []} if name != "list.txt" else "a.b\n" * 9)
    with pytest.raises(ValueError, match=rf"{name}: larger than 20 bytes \(the limit\)"):
        load(FeedSettings(path=tmp_path), max_bytes=20)


def test_the_default_file_limit_is_256_mib(tmp_path: Path) -> None:
    sparse = tmp_path / "huge.json"
    with sparse.open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)
    assert MAX_FILE_BYTES == 256 * 1024 * 1024
    with pytest.raises(ValueError, match=rf"huge.json: larger than {MAX_FILE_BYTES} bytes"):
        read_bytes(sparse)


@pytest.mark.parametrize(
    ("load", "path", "name"),
    [
        (load_stix, FIXTURES / "stix", "bundle.json"),
        (load_misp_feed, FIXTURES / "misp_feed", "000000000001.json"),
        (load_ioc_list, FIXTURES / "ioc", "blocklist.txt"),
    ],
)
def test_too_many_entries_are_refused_naming_the_file_and_the_limit(
    load: Any, path: Path, name: str
) -> None:
    with pytest.raises(ValueError, match=rf"{name}: more than 3 entries \(the limit\)"):
        load(FeedSettings(path=path), max_entries=3)


def test_too_many_files_are_refused(tmp_path: Path) -> None:
    for n in range(3):
        write(tmp_path / f"{n}.json", {})
    assert len(files(tmp_path, max_files=3)) == 3
    with pytest.raises(ValueError, match="more than 2 files"):
        files(tmp_path, max_files=2)


MALFORMED_BUNDLES = [
    ("{not json", "not JSON"),
    ("[" * 100_000 + "]" * 100_000, "JSON nested too deeply"),
    ([], "not a STIX bundle"),
    ({"type": "report"}, "not a STIX bundle"),
    ({"type": "bundle", "objects": {"a": 1}}, "'objects' is not a list"),
]


@pytest.mark.parametrize(("content", "problem"), MALFORMED_BUNDLES)
def test_a_file_that_is_not_a_bundle_is_refused_naming_it(
    content: Any, problem: str, tmp_path: Path
) -> None:
    path = write(tmp_path / "bad.json", content)
    with pytest.raises(ValueError, match=rf"bad.json: {problem}"):
        read_bundle(path, Listing("stix"))


def test_a_file_that_is_not_utf8_is_refused_naming_it(tmp_path: Path) -> None:
    (tmp_path / "latin.txt").write_bytes(b"caf\xe9.example\n")
    with pytest.raises(ValueError, match=r"latin\.txt: not UTF-8"):
        load_ioc_list(FeedSettings(path=tmp_path))


def test_malformed_objects_in_a_bundle_are_skipped_and_counted(tmp_path: Path) -> None:
    indicator = {
        "type": "indicator",
        "id": "indicator--1",
        "pattern": "[ipv4-addr:value = '4.4.4.4']",
    }
    objects = [
        "a string",
        7,
        {**indicator, "valid_from": "yesterday"},
        {**indicator, "id": "indicator--2", "valid_until": 5},
        {**indicator, "id": "indicator--3", "pattern": 12},
        {**indicator, "id": "indicator--4"},
    ]
    listing = Listing("stix")
    read_bundle(write(tmp_path / "b.json", {"type": "bundle", "objects": objects}), listing)
    assert dict(listing.skipped) == {
        "malformed objects": 2,
        "malformed timestamps": 2,
        "non-STIX patterns": 1,
    }
    assert listing.count == 1


MALFORMED_FEEDS = [
    ("manifest.json", "{", "manifest.json: not JSON"),
    ("manifest.json", [], "manifest.json: not a MISP manifest"),
    ("e1.json", {"event": {}}, "e1.json: not a MISP event"),
    ("e1.json", {"Event": []}, "e1.json: not a MISP event"),
]


@pytest.mark.parametrize(("name", "content", "problem"), MALFORMED_FEEDS)
def test_a_malformed_feed_file_is_refused_naming_it(
    name: str, content: Any, problem: str, tmp_path: Path
) -> None:
    write(tmp_path / "manifest.json", {"e1": {}})
    write(tmp_path / "e1.json", {"Event": {}})
    write(tmp_path / name, content)
    with pytest.raises(ValueError, match=problem):
        load_misp_feed(FeedSettings(path=tmp_path))


def test_a_manifest_key_never_names_a_file_outside_the_feed(tmp_path: Path) -> None:
    feed = tmp_path / "feed"
    feed.mkdir()
    attribute = {"type": "domain", "value": "outside.example.net", "to_ids": True}
    write(tmp_path / "outside.json", {"Event": {"Attribute": [attribute]}})
    write(feed / "manifest.json", {"../outside": {}})
    source = load_misp_feed(FeedSettings(path=feed))
    assert source.loaded == 0
    assert source.skipped == {"events named in the manifest but missing": 1}


@pytest.mark.parametrize(
    "rows",
    ["type,verdict\nipv4,malicious\n", "", f"value\n{'x' * 9000}.example\n"],
)
def test_a_csv_list_without_a_value_column_or_with_huge_fields_is_refused(
    rows: str, tmp_path: Path
) -> None:
    write(tmp_path / "list.csv", rows)
    with pytest.raises(ValueError, match=r"list\.csv"):
        load_ioc_list(FeedSettings(path=tmp_path))


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=30,
)
KEYS = st.sampled_from(
    [
        "type",
        "id",
        "pattern",
        "pattern_type",
        "valid_from",
        "valid_until",
        "indicator_types",
        "labels",
        "confidence",
        "name",
        "external_references",
        "relationship_type",
        "source_ref",
        "target_ref",
        "revoked",
        "modified",
    ]
)
STIX_LIKE = st.fixed_dictionaries(
    {
        "type": st.just("bundle"),
        "objects": st.lists(
            st.dictionaries(KEYS, JSON | st.sampled_from(["indicator", "relationship"])) | JSON,
            max_size=5,
        ),
    }
)
MISP_KEYS = st.sampled_from(
    ["type", "value", "to_ids", "category", "first_seen", "Tag", "deleted", "Attribute", "info"]
)
MISP_LIKE = st.fixed_dictionaries(
    {
        "Event": st.dictionaries(
            st.sampled_from(["Attribute", "Object", "Tag", "info", "uuid", "threat_level_id"]),
            st.lists(st.dictionaries(MISP_KEYS, JSON | st.sampled_from(["ip-dst", "domain|ip"]))),
        )
    }
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(document=JSON | STIX_LIKE)
def test_any_json_as_a_bundle_loads_or_raises_value_error(
    document: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = write(tmp_path_factory.mktemp("stix") / "any.json", document)
    problem: ValueError | None = None
    try:
        read_bundle(path, Listing("stix"))
    except ValueError as refused:
        problem = refused
    assert problem is None or "any.json" in str(problem)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(document=JSON | MISP_LIKE)
def test_any_json_as_an_event_loads_or_raises_value_error(
    document: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = write(tmp_path_factory.mktemp("misp") / "any.json", document)
    problem: ValueError | None = None
    try:
        read_event(path, Listing("misp_feed"))
    except ValueError as refused:
        problem = refused
    assert problem is None or "any.json" in str(problem)
