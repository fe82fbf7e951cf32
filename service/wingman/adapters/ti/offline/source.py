"""An offline source: values read once from local files, each lookup one dictionary hit.

Every file is read whole but bounded (`MAX_FILE_BYTES`), a source holds at most `MAX_ENTRIES`
values, and a directory at most `MAX_FILES` files; past a bound the load is refused naming the
file and the limit. Nothing read is executed or evaluated: JSON is parsed, text is split.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from wingman.adapters.ti.provider import ProviderError, ProviderErrorKind
from wingman.core.errors import InvalidArgument
from wingman.core.models import Indicator, IndicatorType, Verdict
from wingman.core.ti.indicators import canonical
from wingman.core.ti.verdicts import ProviderAnswer

MIB = 1024 * 1024
MAX_FILE_BYTES = 256 * MIB
MAX_ENTRIES = 1_000_000
MAX_FILES = 10_000
# Tags and references kept per answer: a value listed by thousands of events stays readable.
MAX_TAGS = 32
MAX_REFERENCES = 16
LOOKED_UP = frozenset(
    {
        IndicatorType.IPV4,
        IndicatorType.IPV6,
        IndicatorType.DOMAIN,
        IndicatorType.URL,
        IndicatorType.EMAIL,
        IndicatorType.MD5,
        IndicatorType.SHA1,
        IndicatorType.SHA256,
    }
)
_RANK = {Verdict.UNKNOWN: 0, Verdict.BENIGN: 1, Verdict.SUSPICIOUS: 2, Verdict.MALICIOUS: 3}
_MISS = ProviderAnswer(Verdict.UNKNOWN, found=False)

log = logging.getLogger(__name__)
Key = tuple[IndicatorType, str]


@dataclass(frozen=True, slots=True)
class Entry:
    """One listing of a value; outside [valid_from, valid_until) it is not a hit."""

    answer: ProviderAnswer
    valid_from: datetime | None = None
    valid_until: datetime | None = None

    def active(self, now: datetime) -> bool:
        """Whether the listing holds at `now`."""
        if self.valid_from is not None and now < self.valid_from:
            return False
        return self.valid_until is None or now < self.valid_until


@dataclass(slots=True)
class Listing:
    """What a loader collects: entries by canonical value, and what it skipped and why."""

    name: str
    max_entries: int = MAX_ENTRIES
    entries: dict[Key, list[Entry]] = field(default_factory=dict)
    skipped: Counter[str] = field(default_factory=Counter)
    count: int = 0

    def add(self, key: Key, entry: Entry, *, source: Path) -> None:
        """Add one entry; ValueError naming `source` past `max_entries`."""
        self.count += 1
        if self.count > self.max_entries:
            raise ValueError(f"{source}: more than {self.max_entries} entries (the limit)")
        self.entries.setdefault(key, []).append(entry)

    def skip(self, reason: str) -> None:
        """Count one entry that was not loaded."""
        self.skipped[reason] += 1


class OfflineSource:
    """A `Provider` over a `Listing`: a lookup is one dictionary hit, then a validity check."""

    rate: str | None = None

    def __init__(
        self,
        listing: Listing,
        *,
        types: frozenset[IndicatorType] = LOOKED_UP,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self._name = listing.name
        self._types = types
        self._entries: Mapping[Key, Sequence[Entry]] = listing.entries
        self._now = now
        self.loaded = listing.count
        self.skipped: Mapping[str, int] = dict(listing.skipped)
        log.info("%s", self.report())

    @property
    def name(self) -> str:
        return self._name

    @property
    def types(self) -> frozenset[IndicatorType]:
        return self._types

    def report(self) -> str:
        """One sentence on what was loaded and what was skipped."""
        skipped = ", ".join(f"{n} {why}" for why, n in sorted(self.skipped.items()))
        return f"{self._name}: {self.loaded} entries loaded; skipped: {skipped or 'none'}"

    async def lookup(self, indicator: Indicator, *, timeout: float) -> ProviderAnswer:
        """The source's answer for the indicator (the timeout is moot: nothing waits)."""
        if indicator.type not in self._types:
            raise ProviderError(
                ProviderErrorKind.UNSUPPORTED, f"{self._name} does not look up {indicator.type}"
            )
        key = canonical_key(indicator.type, indicator.value)
        entries = self._entries.get(key, ()) if key else ()
        if entries and self._now is not None:
            moment = self._now()
            entries = [entry for entry in entries if entry.active(moment)]
        return merge(entry.answer for entry in entries) if entries else _MISS

    async def aclose(self) -> None:
        return None


def canonical_key(kind: IndicatorType, value: str) -> Key | None:
    """The dictionary key of a value, or None when it is not a valid value of `kind`."""
    try:
        found = canonical(Indicator(type=kind, value=value), field="indicator")
    except InvalidArgument:
        return None
    return found.type, found.value


def merge(answers: Iterable[ProviderAnswer]) -> ProviderAnswer:
    """One answer from several listings: the strongest verdict, every tag and reference."""
    ordered = sorted(answers, key=lambda a: (-_RANK[a.verdict], -a.score))
    best = ordered[0]
    tags = _unique(tag for answer in ordered for tag in answer.tags)[:MAX_TAGS]
    references = _unique(ref for answer in ordered for ref in answer.references)
    firsts = [a.first_seen for a in ordered if a.first_seen]
    lasts = [a.last_seen for a in ordered if a.last_seen]
    summary = best.summary if len(ordered) == 1 else f"{best.summary} (+{len(ordered) - 1} more)"
    return ProviderAnswer(
        best.verdict,
        score=best.score,
        first_seen=min(firsts, default=""),
        last_seen=max(lasts, default=""),
        tags=tags,
        references=references[:MAX_REFERENCES],
        summary=summary,
    )


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))


def files(path: Path, *, suffixes: Sequence[str] = (), max_files: int = MAX_FILES) -> list[Path]:
    """`path` itself, or the regular files in it (sorted) whose suffix is in `suffixes`."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise FileNotFoundError(f"{path}: no such file or directory")
    found = sorted(
        child
        for child in path.iterdir()
        if child.is_file() and (not suffixes or child.suffix.lower() in suffixes)
    )
    if len(found) > max_files:
        raise ValueError(f"{path}: more than {max_files} files (the limit)")
    return found


def read_bytes(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes; ValueError naming it and the limit when larger than `max_bytes`."""
    if not path.is_file():
        raise FileNotFoundError(f"{path}: not a regular file")
    # The size on disk refuses most oversize files unread; the bounded read the rest.
    if path.stat().st_size > max_bytes:
        raise ValueError(f"{path}: larger than {max_bytes} bytes (the limit)")
    with path.open("rb") as stream:
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValueError(f"{path}: larger than {max_bytes} bytes (the limit)")
    return data


def read_text(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """The file as UTF-8 text (a byte-order mark allowed); ValueError naming it otherwise."""
    try:
        return read_bytes(path, max_bytes=max_bytes).decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        raise ValueError(f"{path}: not UTF-8 text (byte {problem.start})") from None


def read_json(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> Any:
    """The file's JSON; ValueError naming it when it is not JSON or nests too deep."""
    text = read_text(path, max_bytes=max_bytes)
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError(f"{path}: JSON nested too deeply") from None
    except ValueError as problem:
        raise ValueError(f"{path}: not JSON: {problem}") from None


def text_field(value: object, *, limit: int = 512) -> str:
    """A short string from an untrusted field: '' when it is not a string, cut at `limit`."""
    return value[:limit] if isinstance(value, str) else ""
