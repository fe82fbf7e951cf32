"""Command lines in the evidence, read by the AnalyzeScript engine (statically, never run)."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from wingman.core.errors import WingmanError
from wingman.core.incidents.narrative import Sentence
from wingman.core.incidents.normalize import Entity, Incident
from wingman.core.incidents.signals import SIGNS
from wingman.core.models import AnalyzeScriptRequest, AnalyzeScriptResponse, EntityType, Verdict

# The AnalyzeScript engine: `run(request, *, deadline)`.
ScriptRun = Callable[..., AnalyzeScriptResponse]
# A summary waits for at most this many command lines, each within its own small budget.
MAX_COMMANDS = 25
COMMAND_BUDGET_S = 0.05
TOTAL_BUDGET_S = 0.4
MIN_COMMAND_CHARS = 12
_FLAGGED = (Verdict.MALICIOUS, Verdict.SUSPICIOUS)


@dataclass(slots=True)
class Finding:
    entity: Entity
    verdict: Verdict
    behaviours: list[str]


@dataclass(slots=True)
class CommandFindings:
    """Techniques and signs per alert, and the sentences that report them."""

    techniques: dict[str, list[str]] = field(default_factory=dict)
    signs: dict[str, frozenset[str]] = field(default_factory=dict)
    sentences: list[Sentence] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


class CommandReader:
    """The script analyzer for command lines, remembering the analyses it finished.

    Command lines recur across the alerts and incidents of an organisation, and a finished
    analysis depends on the text alone, so the last `size` are kept; one the deadline cut short
    is not.
    """

    def __init__(self, run: ScriptRun, *, size: int = 2048) -> None:
        self._run = run
        self._size = size
        self._kept: OrderedDict[str, AnalyzeScriptResponse] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, command: str, *, deadline: float) -> AnalyzeScriptResponse:
        with self._lock:
            kept = self._kept.get(command)
            if kept is not None:
                self._kept.move_to_end(command)
                return kept
        result = self._run(AnalyzeScriptRequest(content=command), deadline=deadline)
        if not result.truncated:
            with self._lock:
                self._kept[command] = result
                while len(self._kept) > self._size:
                    self._kept.popitem(last=False)
        return result


def analyse_commands(
    incident: Incident, reader: CommandReader, *, deadline: float
) -> CommandFindings:
    """Analyse the distinct command lines of the incident's processes, within a time budget."""
    out = CommandFindings()
    end = min(deadline, time.monotonic() + TOTAL_BUDGET_S)
    seen: set[str] = set()
    for entity in incident.of_type(EntityType.PROCESS):
        command = entity.attribute("command_line") or entity.value
        if len(command) < MIN_COMMAND_CHARS or command in seen or " " not in command.strip():
            continue
        if len(seen) >= MAX_COMMANDS or time.monotonic() >= end:
            break
        seen.add(command)
        try:
            result = reader(command, deadline=min(end, time.monotonic() + COMMAND_BUDGET_S))
        except WingmanError:
            continue
        if result.verdict not in _FLAGGED:
            continue
        ids = [t.id for t in result.attack_techniques]
        out.findings.append(Finding(entity, result.verdict, [b.title for b in result.behaviors]))
        implied = frozenset(
            name for name, sign in SIGNS.items() if set(ids) & set(sign.techniques)
        ) | {"execution"}
        for alert_id in entity.alert_ids:
            out.techniques.setdefault(alert_id, []).extend(ids)
            out.signs[alert_id] = out.signs.get(alert_id, frozenset()) | implied
    if out.findings:
        out.sentences.append(_sentence(out.findings, analysed=len(seen)))
    return out


def _sentence(findings: list[Finding], *, analysed: int) -> Sentence:
    shown = []
    for finding in findings[:3]:
        image = finding.entity.attribute("image") or "a process"
        behaviours = ", ".join(dict.fromkeys(finding.behaviours[:2]))
        detail = f": {behaviours}" if behaviours else ""
        shown.append(f"the {image} command line is {finding.verdict.value}{detail}")
    more = f" (and {len(findings) - 3} more)" if len(findings) > 3 else ""
    lead = f"Static analysis of {analysed} command line{'s' if analysed > 1 else ''} finds"
    alert_ids = list(dict.fromkeys(a for f in findings for a in f.entity.alert_ids))[:25]
    return Sentence(
        f"{lead} " + "; ".join(shown) + more + ".",
        alert_ids,
        [f.entity.id for f in findings],
    )
