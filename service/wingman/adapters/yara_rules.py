"""An organisation's YARA rules, matched on every decoded layer of a script (yara-python).

Every `.yar` / `.yara` file under the configured directory is compiled once at start-up, each
in a namespace named after its path. A match becomes a behaviour: id `yara:<namespace>:<rule>`,
title from `meta.description`, severity from `meta.severity` (low, medium, high, critical;
default medium), ATT&CK ids from `meta.mitre_attack` / `meta.attack` (comma or space
separated), weight from `meta.score` (1-100, capped at the catalog's 60) or the severity.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wingman.core.models import Severity
from wingman.core.scripts.rules.engine import MAX_EVIDENCE, Hit, Matched, Rule
from wingman.core.scripts.types import Layer, Span

SUFFIXES = (".yar", ".yara")
MAX_RULE_FILES = 1000
MAX_WEIGHT = 60
WEIGHT_BY_SEVERITY = {
    Severity.LOW: 10,
    Severity.MEDIUM: 25,
    Severity.HIGH: 45,
    Severity.CRITICAL: 60,
}
_TECHNIQUE = re.compile(r"T\d{4}(?:\.\d{3})?")


class YaraUnavailable(Exception):
    """The rules cannot be used: yara-python is missing, or a file does not compile."""


@dataclass(frozen=True, slots=True)
class YaraRules:
    """Compiled rules and the fingerprint of the files they came from."""

    rules: Any
    fingerprint: str
    files: int
    name: str = "yara"

    @classmethod
    def from_directory(cls, directory: Path) -> YaraRules:
        """Compile every rule file under `directory`; raise YaraUnavailable saying why not."""
        try:
            import yara
        except ImportError:
            raise YaraUnavailable(
                "yara-python is not installed (pip install wingman[yara])"
            ) from None
        if not directory.is_dir():
            raise YaraUnavailable(f"{directory} is not a directory")
        paths = sorted(p for p in directory.rglob("*") if p.suffix.lower() in SUFFIXES)
        if not paths:
            raise YaraUnavailable(f"no .yar or .yara files under {directory}")
        if len(paths) > MAX_RULE_FILES:
            raise YaraUnavailable(f"more than {MAX_RULE_FILES} rule files under {directory}")
        digest = hashlib.sha256()
        sources: dict[str, str] = {}
        for path in paths:
            relative = path.relative_to(directory).as_posix()
            text = path.read_bytes()
            digest.update(relative.encode() + b"\0" + text + b"\0")
            sources[_namespace(relative)] = str(path)
        try:
            compiled = yara.compile(filepaths=sources)
        except yara.Error as error:
            raise YaraUnavailable(f"the rules do not compile: {error}") from None
        return cls(compiled, digest.hexdigest()[:16], len(paths))

    def match(self, layers: Sequence[Layer], *, deadline: float) -> Matched:
        """Match every layer; stop when the deadline passes or YARA times out."""
        import yara

        spans: dict[str, list[Span]] = {}
        rules: dict[str, Rule] = {}
        for layer in layers:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return Matched(
                    _hits(rules, spans), "time budget spent before YARA ran on every layer"
                )
            data = layer.content.encode("utf-8", "surrogatepass")
            try:
                found = self.rules.match(data=data, timeout=max(1, int(remaining)))
            except yara.TimeoutError:
                return Matched(_hits(rules, spans), "YARA ran past its time limit")
            except yara.Error as error:
                return Matched(_hits(rules, spans), f"YARA failed on layer {layer.index}: {error}")
            for match in found:
                rule = _rule(match)
                rules.setdefault(rule.id, rule)
                taken = spans.setdefault(rule.id, [])
                taken += _spans(match, layer, data)[: MAX_EVIDENCE - len(taken)]
        return Matched(_hits(rules, spans))


def _namespace(relative: str) -> str:
    stem = relative.rsplit(".", 1)[0]
    return re.sub(r"[^A-Za-z0-9_]", "_", stem)


def _hits(rules: Mapping[str, Rule], spans: Mapping[str, list[Span]]) -> list[Hit]:
    return [Hit(rules[rule_id], tuple(found)) for rule_id, found in spans.items()]


def _rule(match: Any) -> Rule:
    meta: dict[str, Any] = dict(match.meta)
    severity = _severity(meta.get("severity"))
    attack = tuple(
        dict.fromkeys(
            _TECHNIQUE.findall(
                str(meta.get("mitre_attack", "")) + " " + str(meta.get("attack", ""))
            )
        )
    )
    return Rule(
        id=f"yara:{match.namespace}:{match.rule}",
        title=str(meta.get("description") or match.rule),
        severity=severity,
        attack=attack,
        any_of=(),
        weight=_weight(meta.get("score"), severity),
        tags=frozenset({"yara", *map(str, match.tags)}),
    )


def _severity(value: Any) -> Severity:
    try:
        return Severity(str(value).strip().lower())
    except ValueError:
        return Severity.MEDIUM


def _weight(value: Any, severity: Severity) -> int:
    try:
        score = int(value)
    except (TypeError, ValueError):
        return WEIGHT_BY_SEVERITY.get(severity, 25)
    return max(1, min(score, MAX_WEIGHT))


def _spans(match: Any, layer: Layer, data: bytes) -> list[Span]:
    """Where the rule's strings matched, in code points of the layer; the layer when none did."""
    found: list[Span] = []
    for string in match.strings:
        for instance in string.instances:
            start = len(data[: instance.offset].decode("utf-8", "ignore"))
            length = len(instance.matched_data.decode("utf-8", "ignore"))
            found.append(Span(layer.index, start, start + length))
    found.sort(key=lambda span: span.start)
    return found or [Span(layer.index, 0, min(len(layer.content), 200))]
