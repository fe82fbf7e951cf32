"""Rules for batch (cmd) malware: file infectors, worms, destructive payloads and droppers.

Rule ids are `BAT-NNN`. Patterns run with IGNORECASE | MULTILINE; every gap is bounded and
stops at the next occurrence of the pattern's leading token (see execution.py).
"""

from __future__ import annotations

from wingman.core.scripts.rules import batch_damage, batch_droppers, batch_spread
from wingman.core.scripts.rules.engine import Rule

RULES: tuple[Rule, ...] = (*batch_spread.RULES, *batch_damage.RULES, *batch_droppers.RULES)
