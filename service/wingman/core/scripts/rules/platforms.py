"""Language sets for each platform's command lines, and the constructor technique rules share.

Technique rules name what one attacker command does. Short command lines are often guessed as
another shell's language, so a rule whose pattern is specific to one platform's tools runs on
every language unless its syntax could be read another way.
"""

from __future__ import annotations

from wingman.core.models import Severity
from wingman.core.scripts.rules.engine import Rule
from wingman.core.scripts.types import Lang

# Windows command lines: cmd and PowerShell text, and the script hosts that carry them.
WINDOWS = frozenset({Lang.POWERSHELL, Lang.BATCH, Lang.VBSCRIPT, Lang.JAVASCRIPT, Lang.PYTHON})
# PowerShell syntax, and the hosts that pass PowerShell one-liners on a command line.
POWERSHELL = frozenset({Lang.POWERSHELL, Lang.BATCH, Lang.VBSCRIPT, Lang.JAVASCRIPT})
# Unix shell command lines, and the Python that runs them through os.system or subprocess.
UNIX = frozenset({Lang.BASH, Lang.PYTHON})
# A registry write in reg.exe, PowerShell, WSH or WMI spelling.
REG_WRITE = (
    r"(?:\breg(?:\.exe)?[\"']?\s{1,3}(?:add|import)\b|\b(?:New|Set)-ItemProperty\b|\bRegWrite\b"
    r"|\bSet(?:String|DWORD|ExpandedString)Value\b|\bSetValue\s{0,3}\()"
)
# A path separator, escaped or not.
SEP = r"\\{1,2}"


def near(lead: str, tail: str, span: int = 160) -> str:
    """Match `lead`, then `tail` within `span` characters on the same line (a bounded gap)."""
    return rf"(?:{lead})(?:(?!{lead})[^\n]){{0,{span}}}?(?:{tail})"


def severity_for(weight: int) -> Severity:
    """Severity that agrees with a weight (LOW <= 15, CRITICAL >= 40)."""
    if weight <= 15:
        return Severity.LOW
    if weight < 30:
        return Severity.MEDIUM
    return Severity.HIGH if weight < 40 else Severity.CRITICAL


def technique(
    rule_id: str,
    title: str,
    attack: str | tuple[str, ...],
    weight: int,
    any_of: str | tuple[str, ...],
    *,
    tags: frozenset[str],
    all_of: tuple[str, ...] = (),
    languages: frozenset[Lang] | None = None,
) -> Rule:
    """Build a technique rule whose severity follows from its weight."""
    return Rule(
        id=rule_id,
        title=title,
        severity=severity_for(weight),
        attack=(attack,) if isinstance(attack, str) else attack,
        any_of=(any_of,) if isinstance(any_of, str) else any_of,
        all_of=all_of,
        languages=languages,
        weight=weight,
        tags=tags,
    )
