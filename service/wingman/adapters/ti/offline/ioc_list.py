"""Plain and CSV lists of indicators on disk: an organisation's own block list.

A `.csv` file has a header with a `value` column and optionally `type`, `verdict`, `score`,
`tags` (`;`-separated), `first_seen`, `last_seen` and `reference`. Any other file is a plain
list: one value per line, `#` starts a comment line (or, after a space, a trailing comment), the
type inferred per line. A listed value is malicious with score 80 unless its row says otherwise.
Lines and rows that do not hold a valid value are skipped and counted.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from wingman.adapters.ti.offline.source import (
    LOOKED_UP,
    MAX_ENTRIES,
    MAX_FILE_BYTES,
    Entry,
    Key,
    Listing,
    OfflineSource,
    canonical_key,
    files,
    read_text,
)
from wingman.config import FeedSettings
from wingman.core.models import IndicatorType, Verdict
from wingman.core.scripts.iocs import refang
from wingman.core.ti.verdicts import ProviderAnswer

NAME = "ioc_list"
DEFAULT_VERDICT = Verdict.MALICIOUS
DEFAULT_SCORE = 80
# Longest CSV field read; a longer one refuses the file (csv's own default is 128 KiB).
MAX_FIELD_CHARS = 8 * 1024
_HASHES = {32: IndicatorType.MD5, 40: IndicatorType.SHA1, 64: IndicatorType.SHA256}
_HEX = re.compile(r"[0-9a-fA-F]+")
_DOTTED = re.compile(r"[0-9.]+")
_ALIASES: Mapping[str, IndicatorType] = {
    "ip": IndicatorType.IPV4,
    "ip-src": IndicatorType.IPV4,
    "ip-dst": IndicatorType.IPV4,
    "hostname": IndicatorType.DOMAIN,
    "sha-1": IndicatorType.SHA1,
    "sha-256": IndicatorType.SHA256,
    **{kind.value: kind for kind in LOOKED_UP},
}


def load_ioc_list(
    settings: FeedSettings,
    *,
    max_bytes: int = MAX_FILE_BYTES,
    max_entries: int = MAX_ENTRIES,
) -> OfflineSource:
    """The IOC list source over a file or directory of lists; OSError or ValueError."""
    if settings.path is None:
        raise ValueError("ioc_list: no path configured (WINGMAN_TI__IOC_LIST__PATH)")
    listing = Listing(NAME, max_entries=max_entries)
    for path in files(settings.path):
        if path.suffix.lower() == ".csv":
            read_csv(path, listing, max_bytes=max_bytes)
        else:
            read_plain(path, listing, max_bytes=max_bytes)
    return OfflineSource(listing)


def infer(value: str) -> Key | None:
    """The (type, canonical value) a bare value most plausibly is, or None."""
    text = refang(value).strip().strip("[]")
    if "://" in text:
        kinds: tuple[IndicatorType, ...] = (IndicatorType.URL,)
    elif "@" in text:
        kinds = (IndicatorType.EMAIL,)
    elif len(text) in _HASHES and _HEX.fullmatch(text):
        kinds = (_HASHES[len(text)],)
    elif ":" in text:
        kinds = (IndicatorType.IPV6, IndicatorType.URL)
    elif "/" in text:
        kinds = (IndicatorType.URL,)
    elif _DOTTED.fullmatch(text):
        # Only dotted quads: a bare number is no address in a list (`inet_aton` would say it is).
        kinds = (IndicatorType.IPV4,) if text.count(".") == 3 else ()
    else:
        kinds = (IndicatorType.DOMAIN,)
    for kind in kinds:
        key = canonical_key(kind, value)
        if key:
            return key
    return None


def read_plain(path: Path, listing: Listing, *, max_bytes: int = MAX_FILE_BYTES) -> None:
    """Add the values of one plain list, one per line."""
    answer = ProviderAnswer(DEFAULT_VERDICT, score=DEFAULT_SCORE, summary=f"listed in {path.name}")
    for line in read_text(path, max_bytes=max_bytes).splitlines():
        text = line.split(" #", 1)[0].strip()
        if not text or text.startswith("#"):
            continue
        key = infer(text)
        if key is None:
            listing.skip("lines without a valid value")
            continue
        listing.add(key, Entry(answer), source=path)


def read_csv(path: Path, listing: Listing, *, max_bytes: int = MAX_FILE_BYTES) -> None:
    """Add the rows of one CSV list; ValueError naming it without a `value` column."""
    for row in _rows(path, read_text(path, max_bytes=max_bytes)):
        key, answer = _row(row, path)
        if key is None or answer is None:
            listing.skip("rows without a valid value, type, verdict or score")
            continue
        listing.add(key, Entry(answer), source=path)


def _rows(path: Path, text: str) -> Iterator[dict[str, str]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip().lower() for name in next(reader, [])]
        if "value" not in header:
            raise ValueError(f"{path}: a CSV list needs a header with a 'value' column")
        for cells in reader:
            if any(len(cell) > MAX_FIELD_CHARS for cell in cells):
                raise ValueError(f"{path}:{reader.line_num}: a field over {MAX_FIELD_CHARS} chars")
            if any(cell.strip() for cell in cells):
                yield dict(zip(header, (cell.strip() for cell in cells), strict=False))
    except csv.Error as problem:
        raise ValueError(f"{path}:{reader.line_num}: not CSV: {problem}") from None


def _row(row: dict[str, str], path: Path) -> tuple[Key | None, ProviderAnswer | None]:
    value, kind = row.get("value", ""), row.get("type", "").lower()
    if kind and kind not in _ALIASES:
        return None, None
    key = infer(value) if not kind else canonical_key(_ALIASES[kind], value)
    if key is None and kind in ("ip", "ip-src", "ip-dst"):
        key = canonical_key(IndicatorType.IPV6, value)
    verdict = _verdict(row.get("verdict", ""))
    score = _score(row.get("score", ""))
    if key is None or verdict is None or score is None:
        return None, None
    tags = tuple(tag.strip()[:200] for tag in row.get("tags", "").split(";") if tag.strip())
    reference = row.get("reference", "")
    return key, ProviderAnswer(
        verdict,
        score=score,
        first_seen=row.get("first_seen", "")[:64],
        last_seen=row.get("last_seen", "")[:64],
        tags=tags,
        references=(reference,) if reference else (),
        summary=f"listed in {path.name}",
    )


def _verdict(text: str) -> Verdict | None:
    if not text:
        return DEFAULT_VERDICT
    try:
        return Verdict(text.strip().lower())
    except ValueError:
        return None


def _score(text: str) -> int | None:
    if not text:
        return DEFAULT_SCORE
    if not text.isdigit() or len(text) > 3 or int(text) > 100:
        return None
    return int(text)
