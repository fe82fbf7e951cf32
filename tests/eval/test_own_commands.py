"""AnalyzeScript on our own labelled command lines (tests/fixtures): attacker techniques and
everyday administration, written for the project, not drawn from any benchmark. They check
that technique naming and the benign/suspicious line hold beyond the data rules were tuned on.
"""

from __future__ import annotations

import asyncio
import io
from pathlib import Path
from typing import Any

from tests.conftest import make_settings
from wingman.app import build_wingman
from wingman.evaluation.scripts import evaluate_scripts

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def evaluate(*names: str) -> dict[str, Any]:
    lines = [
        line
        for name in names
        for line in (FIXTURES / name).read_text(encoding="utf-8").split("\n")
        if line.strip()
    ]

    async def run() -> dict[str, Any]:
        wingman = build_wingman(make_settings())
        try:
            return await evaluate_scripts(wingman, lines, io.StringIO())
        finally:
            await wingman.aclose()

    return asyncio.run(run())


def test_attacker_command_lines_are_named_by_technique() -> None:
    metrics = evaluate("attack_commands.jsonl")
    assert metrics["errors"] == 0
    assert metrics["attack_recall"] >= 0.90
    # Single dual-use commands (whoami, systeminfo) rightly stay below suspicious; most
    # attacker steps do not.
    assert metrics["recall"] >= 0.50


def test_everyday_administration_stays_benign() -> None:
    metrics = evaluate("admin_commands.jsonl")
    assert metrics["errors"] == 0
    assert metrics["fpr"] <= 0.05
