"""A port is the remote one unless the traffic is said to come in: then the device listens on it."""

from __future__ import annotations

import time

import pytest

from wingman.core.models import NLToKQLRequest
from wingman.engines import kql_planner_engine

PLANNER = kql_planner_engine().run


def _where(question: str, platform: str) -> str:
    answer = PLANNER(
        NLToKQLRequest(question=question, platform=platform), deadline=time.monotonic() + 10
    )
    assert answer.valid, answer.diagnostics
    return " ".join(c.kql for c in answer.clauses if c.kql.startswith("where"))


@pytest.mark.parametrize(
    ("question", "platform", "column"),
    [
        ("outbound connections to port 4444 from workstations", "defender", "RemotePort"),
        ("inbound connections on port 3389 yesterday", "defender", "LocalPort"),
        ("which devices are listening on port 5985", "defender", "LocalPort"),
        ("inbound and outbound connections on port 123", "defender", "RemotePort"),
        ("incoming traffic on port 22 blocked by the firewall", "sentinel", "DestinationPort"),
    ],
)
def test_the_port_column_follows_the_direction_said(
    question: str, platform: str, column: str
) -> None:
    assert f"{column} in (" in _where(question, platform)
