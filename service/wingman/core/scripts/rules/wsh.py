"""Rules for Windows Script Host malware in VBScript and JScript: droppers, worms, file infectors.

Rule ids are `WSH-NNN`. Patterns run with IGNORECASE | MULTILINE; every gap is bounded and
stops at the next occurrence of the pattern's leading token (see execution.py). The rules live
in three modules by meaning: what spreads and damages (`wsh_worms`), what fetches and drops
payloads (`wsh_droppers`), and how the code hides itself (`wsh_obfuscation`).
"""

from __future__ import annotations

from wingman.core.scripts.rules import wsh_droppers, wsh_obfuscation, wsh_worms
from wingman.core.scripts.rules.engine import Rule

RULES: tuple[Rule, ...] = (*wsh_worms.RULES, *wsh_droppers.RULES, *wsh_obfuscation.RULES)
