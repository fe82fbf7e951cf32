"""A MISP feed directory on disk: `manifest.json` and one `<event uuid>.json` per event.

The manifest names the events; each event's `Attribute[]` and `Object[].Attribute[]` of a type
in `TYPES` list their values. An attribute flagged `to_ids` is malicious (scored by the event's
threat level); one that is not is context, suspicious at most. Event and attribute `Tag[]` names
(`tlp:amber`, `misp-galaxy:...`) become tags. `hashes.csv`, when present, is ignored: it holds
MD5 digests of the same values, derived from the event files that are read here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from wingman.adapters.ti.offline.source import (
    MAX_ENTRIES,
    MAX_FILE_BYTES,
    MAX_FILES,
    Entry,
    Listing,
    OfflineSource,
    canonical_key,
    read_json,
    text_field,
)
from wingman.config import FeedSettings
from wingman.core.models import IndicatorType, Verdict
from wingman.core.ti.verdicts import ProviderAnswer

NAME = "misp_feed"
_IP = (IndicatorType.IPV4, IndicatorType.IPV6)
# For each attribute type: which part of `a|b` values holds what.
TYPES: Mapping[str, tuple[tuple[IndicatorType, ...], ...]] = {
    "ip-src": (_IP,),
    "ip-dst": (_IP,),
    "ip-src|port": (_IP, ()),
    "ip-dst|port": (_IP, ()),
    "domain": ((IndicatorType.DOMAIN,),),
    "hostname": ((IndicatorType.DOMAIN,),),
    "hostname|port": ((IndicatorType.DOMAIN,), ()),
    "domain|ip": ((IndicatorType.DOMAIN,), _IP),
    "url": ((IndicatorType.URL,),),
    "uri": ((IndicatorType.URL,),),
    "link": ((IndicatorType.URL,),),
    "email": ((IndicatorType.EMAIL,),),
    "email-src": ((IndicatorType.EMAIL,),),
    "email-dst": ((IndicatorType.EMAIL,),),
    "md5": ((IndicatorType.MD5,),),
    "sha1": ((IndicatorType.SHA1,),),
    "sha256": ((IndicatorType.SHA256,),),
    "filename|md5": ((), (IndicatorType.MD5,)),
    "filename|sha1": ((), (IndicatorType.SHA1,)),
    "filename|sha256": ((), (IndicatorType.SHA256,)),
}
# threat_level_id: 1 high, 2 medium, 3 low, 4 undefined.
_SCORES = {"1": 90, "2": 75, "3": 60, "4": 70}
_DEFAULT_SCORE = 70
# Context attributes (to_ids false) say "seen with", not "is": never more than suspicious.
CONTEXT_SCORE = 40
Adder = Callable[[dict[str, Any]], None]


def load_misp_feed(
    settings: FeedSettings,
    *,
    max_bytes: int = MAX_FILE_BYTES,
    max_entries: int = MAX_ENTRIES,
) -> OfflineSource:
    """The MISP feed source over the directory `settings.path`; OSError or ValueError."""
    if settings.path is None:
        raise ValueError("misp_feed: no path configured (WINGMAN_TI__MISP_FEED__PATH)")
    directory = settings.path
    manifest_path = directory / "manifest.json"
    if not manifest_path.is_file():
        raise FileNotFoundError(f"{manifest_path}: no MISP feed manifest")
    manifest = read_json(manifest_path, max_bytes=max_bytes)
    if not isinstance(manifest, dict):
        raise ValueError(f"{manifest_path}: not a MISP manifest (an object of events by uuid)")
    if len(manifest) > MAX_FILES:
        raise ValueError(f"{manifest_path}: more than {MAX_FILES} events (the limit)")
    listing = Listing(NAME, max_entries=max_entries)
    for uuid in manifest:
        path = directory / f"{uuid}.json"
        if not _plain_name(uuid) or not path.is_file():
            listing.skip("events named in the manifest but missing")
            continue
        read_event(path, listing, max_bytes=max_bytes)
    return OfflineSource(listing)


def _plain_name(uuid: str) -> bool:
    # A manifest key is a file name in the directory, never a path out of it.
    return bool(uuid) and len(uuid) <= 64 and all(c.isalnum() or c == "-" for c in uuid)


def read_event(path: Path, listing: Listing, *, max_bytes: int = MAX_FILE_BYTES) -> None:
    """Add one event file's attributes; ValueError naming it when it is not an event."""
    document = read_json(path, max_bytes=max_bytes)
    event = document.get("Event") if isinstance(document, dict) else None
    if not isinstance(event, dict):
        raise ValueError(f"{path}: not a MISP event (no top-level 'Event' object)")
    attributes = _list(event.get("Attribute"))
    for item in _list(event.get("Object")):
        if isinstance(item, dict):
            attributes += _list(item.get("Attribute"))
    base = _event_answer(event)
    for attribute in attributes:
        if isinstance(attribute, dict):
            _add_attribute(attribute, base, listing, path)
        else:
            listing.skip("malformed attributes")


def _list(value: object) -> list[Any]:
    return list(value) if isinstance(value, list) else []


def _tags(value: object) -> tuple[str, ...]:
    names = (
        text_field(tag.get("name"), limit=200) for tag in _list(value) if isinstance(tag, dict)
    )
    return tuple(name for name in names if name)


def _event_answer(event: dict[str, Any]) -> ProviderAnswer:
    info = text_field(event.get("info"), limit=200)
    uuid = text_field(event.get("uuid"), limit=64)
    score = _SCORES.get(str(event.get("threat_level_id", "")), _DEFAULT_SCORE)
    return ProviderAnswer(
        Verdict.MALICIOUS,
        score=score,
        first_seen=text_field(event.get("date"), limit=64),
        tags=_tags(event.get("Tag")),
        references=(f"misp-event:{uuid}",) if uuid else (),
        summary=f"MISP event {info or uuid}",
    )


def _add_attribute(
    attribute: dict[str, Any], base: ProviderAnswer, listing: Listing, path: Path
) -> None:
    kind, value = text_field(attribute.get("type"), limit=64), attribute.get("value")
    if attribute.get("deleted") in (True, "1", 1):
        listing.skip("deleted attributes")
        return
    if kind not in TYPES:
        listing.skip("attributes of other types")
        return
    if not isinstance(value, str):
        listing.skip("malformed attributes")
        return
    parts = value.split("|") if len(TYPES[kind]) > 1 else [value]
    keys = [
        key
        for part, kinds in zip(parts, TYPES[kind], strict=False)
        for key in (_first_key(kinds, part),)
        if key
    ]
    if len(parts) != len(TYPES[kind]) or not keys:
        listing.skip("malformed attributes")
        return
    answer = _attribute_answer(attribute, base)
    for key in keys:
        listing.add(key, Entry(answer), source=path)


def _first_key(kinds: tuple[IndicatorType, ...], value: str) -> tuple[IndicatorType, str] | None:
    for kind in kinds:
        key = canonical_key(kind, value)
        if key:
            return key
    return None


def _attribute_answer(attribute: dict[str, Any], base: ProviderAnswer) -> ProviderAnswer:
    to_ids = attribute.get("to_ids") in (True, "1", 1)
    category = text_field(attribute.get("category"), limit=100)
    return ProviderAnswer(
        Verdict.MALICIOUS if to_ids else Verdict.SUSPICIOUS,
        score=base.score if to_ids else min(base.score, CONTEXT_SCORE),
        first_seen=text_field(attribute.get("first_seen"), limit=64) or base.first_seen,
        last_seen=text_field(attribute.get("last_seen"), limit=64),
        tags=(*base.tags, *_tags(attribute.get("Tag"))),
        references=base.references,
        summary=f"{base.summary} ({category})" if category else base.summary,
    )
