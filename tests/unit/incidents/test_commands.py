from __future__ import annotations

import time
from typing import Any

from wingman.core.incidents.commands import CommandReader
from wingman.core.models import AnalyzeScriptResponse, Engine, ScriptLanguage, Verdict


class CountingRun:
    """A script engine stand-in that says how often it ran; `cut` answers are truncated."""

    def __init__(self, cut: frozenset[str] = frozenset()) -> None:
        self.calls: list[str] = []
        self.cut = cut

    def __call__(self, request: Any, *, deadline: float) -> AnalyzeScriptResponse:
        self.calls.append(request.content)
        return AnalyzeScriptResponse(
            language=ScriptLanguage.POWERSHELL,
            verdict=Verdict.SUSPICIOUS,
            score=50,
            truncated=request.content in self.cut,
            engine=Engine(name="counting", version="1"),
        )


def test_a_finished_analysis_is_remembered_and_a_cut_one_is_not() -> None:
    run = CountingRun(cut=frozenset({"cut short"}))
    reader = CommandReader(run)
    deadline = time.monotonic() + 5
    for _ in range(3):
        reader("powershell -enc AAAA", deadline=deadline)
        reader("cut short", deadline=deadline)
    assert run.calls == ["powershell -enc AAAA", "cut short", "cut short", "cut short"]


def test_the_oldest_analysis_makes_room_for_a_new_one() -> None:
    run = CountingRun()
    reader = CommandReader(run, size=2)
    deadline = time.monotonic() + 5
    for command in ("a b", "c d", "a b", "e f", "c d"):
        reader(command, deadline=deadline)
    # "a b" was used again before "e f" came, so "c d" was the one let go.
    assert run.calls == ["a b", "c d", "e f", "c d"]
