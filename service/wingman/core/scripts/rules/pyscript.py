"""Rules for Python malware and attack tools: exploits, shellcode launchers, backdoors.

Rule ids are `PYS-NNN`. Patterns run with IGNORECASE | MULTILINE; every gap is bounded and
stops at the next occurrence of the pattern's leading token (see execution.py).
"""

from __future__ import annotations

from wingman.core.scripts.rules.engine import Rule

RULES: tuple[Rule, ...] = ()
