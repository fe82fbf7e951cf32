"""STIX 2.1 bundles on disk: indicators with simple patterns, and what they indicate.

`FeedSettings.path` is one bundle (`.json`) or a directory of them. Each `indicator` with
`pattern_type: stix` whose pattern the simple subset covers (see `stix_pattern`) lists its values;
`indicates` relationships to malware, threat actors, intrusion sets and attack patterns add
their names as tags. Validity (`valid_from`/`valid_until`) is checked at lookup against the
injected clock, so an expired indicator stops being a hit without a reload. Revoked indicators,
unsupported patterns and malformed objects are skipped and counted; a file that is not a bundle
is refused naming it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from wingman.adapters.ti.offline.source import (
    MAX_ENTRIES,
    MAX_FILE_BYTES,
    MAX_REFERENCES,
    Entry,
    Listing,
    OfflineSource,
    canonical_key,
    files,
    read_json,
    text_field,
)
from wingman.adapters.ti.offline.stix_pattern import Unsupported, pattern_values
from wingman.config import FeedSettings
from wingman.core.models import Verdict
from wingman.core.ti.verdicts import ProviderAnswer

NAME = "stix"
# Confidence when an indicator gives none: a curated bundle's indicator is meant to detect.
DEFAULT_CONFIDENCE = 70
_TARGETS = frozenset({"malware", "threat-actor", "intrusion-set", "attack-pattern"})
# The indicator-type open vocabulary, strongest first.
_VERDICTS: Mapping[str, Verdict] = {
    "malicious-activity": Verdict.MALICIOUS,
    "attribution": Verdict.MALICIOUS,
    "compromised": Verdict.MALICIOUS,
    "anomalous-activity": Verdict.SUSPICIOUS,
    "anonymization": Verdict.SUSPICIOUS,
    "unknown": Verdict.SUSPICIOUS,
    "benign": Verdict.BENIGN,
}


def load_stix(
    settings: FeedSettings,
    *,
    now: Callable[[], datetime] | None = None,
    max_bytes: int = MAX_FILE_BYTES,
    max_entries: int = MAX_ENTRIES,
) -> OfflineSource:
    """The STIX source over `settings.path`; OSError or ValueError naming what is wrong."""
    if settings.path is None:
        raise ValueError("stix: no path configured (WINGMAN_TI__STIX__PATH)")
    listing = Listing(NAME, max_entries=max_entries)
    for path in files(settings.path, suffixes=(".json",)):
        read_bundle(path, listing, max_bytes=max_bytes)
    return OfflineSource(listing, now=now or (lambda: datetime.now(UTC)))


def read_bundle(path: Path, listing: Listing, *, max_bytes: int = MAX_FILE_BYTES) -> None:
    """Add the indicators of one bundle file; ValueError naming it when it is not a bundle."""
    bundle = read_json(path, max_bytes=max_bytes)
    if not isinstance(bundle, dict) or bundle.get("type") != "bundle":
        raise ValueError(f"{path}: not a STIX bundle (no top-level type 'bundle')")
    objects = bundle.get("objects", [])
    if not isinstance(objects, list):
        raise ValueError(f"{path}: 'objects' is not a list")
    dicts = [item for item in objects if isinstance(item, dict)]
    for _ in range(len(objects) - len(dicts)):
        listing.skip("malformed objects")
    latest = _latest(dicts)
    tags = _indicated(latest)
    for item in latest.values():
        if item.get("type") == "indicator":
            _add_indicator(item, tags.get(str(item.get("id")), ()), listing, path)


def _latest(objects: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each object by id, the latest `modified` version only."""
    latest: dict[str, dict[str, Any]] = {}
    for item in objects:
        ident = text_field(item.get("id"))
        if not ident:
            continue
        kept = latest.get(ident)
        if kept is None or text_field(item.get("modified")) > text_field(kept.get("modified")):
            latest[ident] = item
    return latest


def _indicated(objects: Mapping[str, dict[str, Any]]) -> dict[str, tuple[str, ...]]:
    """For each indicator id, the names of what it `indicates`."""
    tags: dict[str, tuple[str, ...]] = {}
    for item in objects.values():
        if item.get("type") != "relationship" or item.get("relationship_type") != "indicates":
            continue
        source, target = text_field(item.get("source_ref")), text_field(item.get("target_ref"))
        found = objects.get(target)
        name = text_field(found.get("name"), limit=200) if found else ""
        if found and found.get("type") in _TARGETS and name:
            tags[source] = (*tags.get(source, ()), name)
    return tags


def _add_indicator(
    item: dict[str, Any], tags: tuple[str, ...], listing: Listing, path: Path
) -> None:
    if item.get("revoked") is True:
        listing.skip("revoked indicators")
        return
    pattern = item.get("pattern")
    if item.get("pattern_type", "stix") != "stix" or not isinstance(pattern, str):
        listing.skip("non-STIX patterns")
        return
    try:
        values = pattern_values(pattern)
    except Unsupported:
        listing.skip("unsupported patterns")
        return
    try:
        valid_from = _moment(item.get("valid_from"))
        valid_until = _moment(item.get("valid_until"))
    except ValueError:
        listing.skip("malformed timestamps")
        return
    keys = [key for key in (canonical_key(kind, value) for kind, value in values) if key]
    if not keys:
        listing.skip("unsupported patterns")
        return
    answer = _answer(item, tags)
    for key in dict.fromkeys(keys):
        listing.add(key, Entry(answer, valid_from, valid_until), source=path)


def _moment(value: object) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("a timestamp that is not a string")
    moment = datetime.fromisoformat(value[:64])
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _answer(item: dict[str, Any], tags: tuple[str, ...]) -> ProviderAnswer:
    kinds = [text_field(k, limit=64) for k in _strings(item.get("indicator_types"))]
    kinds += [text_field(k, limit=64) for k in _strings(item.get("labels"))]
    verdicts = [_VERDICTS[k] for k in kinds if k in _VERDICTS]
    verdict = min(verdicts, key=list(Verdict).index, default=Verdict.MALICIOUS)
    confidence = item.get("confidence")
    score = (
        confidence
        if isinstance(confidence, int) and not isinstance(confidence, bool) and confidence >= 0
        else DEFAULT_CONFIDENCE
    )
    name = text_field(item.get("name"), limit=200)
    return ProviderAnswer(
        verdict,
        score=min(score, 100),
        first_seen=text_field(item.get("valid_from"), limit=64),
        tags=(*tags, *(k for k in kinds if k)),
        references=_references(item.get("external_references")),
        summary=f"STIX indicator {name or text_field(item.get('id'), limit=100)}",
    )


def _strings(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _references(value: object) -> tuple[str, ...]:
    found: list[str] = []
    for ref in value[:MAX_REFERENCES] if isinstance(value, list) else ():
        if not isinstance(ref, dict):
            continue
        url = text_field(ref.get("url"), limit=1024)
        label = " ".join(
            part
            for part in (text_field(ref.get("source_name")), text_field(ref.get("external_id")))
            if part
        )
        if url or label:
            found.append(url or label)
    return tuple(found)
