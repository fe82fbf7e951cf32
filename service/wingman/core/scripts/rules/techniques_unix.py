"""Rules for ATT&CK techniques as Linux, macOS and cloud command lines show them.

Rule ids are `TUX-NNN`. Patterns run with IGNORECASE | MULTILINE; every gap is bounded and
stops at the next occurrence of the pattern's leading token (see execution.py).
"""

from __future__ import annotations

from wingman.core.scripts.rules.engine import Rule

RULES: tuple[Rule, ...] = ()
