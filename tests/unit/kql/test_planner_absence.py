"""Devices that did not do something: the devices DeviceInfo knows minus those events name."""

from __future__ import annotations

import time

import pytest

from tests.unit.kql.asking import ask_valid as _ask
from wingman.core.models import NLToKQLRequest
from wingman.engines import kql_planner_engine

PLANNER = kql_planner_engine().run


def test_devices_without_the_events_are_an_anti_join_on_device_info() -> None:
    answer = _ask("servers that never made a connection to 198.51.100.23 this month")
    lines = answer.kql.split("\n| ")
    assert lines[0] == "DeviceInfo"
    assert lines[2] == "distinct DeviceId, DeviceName"
    join = lines[3]
    assert join.startswith("join kind=leftanti (DeviceNetworkEvents | where Timestamp >= ")
    assert 'where RemoteIP == "198.51.100.23" | distinct DeviceId) on DeviceId' in join
    assert lines[-1] == "take 100"
    assert set(answer.tables) == {"DeviceInfo", "DeviceNetworkEvents"}


def test_how_many_devices_never_did_it_is_counted() -> None:
    answer = _ask("how many devices have never run certutil.exe")
    assert answer.kql.startswith("DeviceInfo\n")
    assert answer.kql.endswith("\n| count")


@pytest.mark.parametrize(
    "question",
    [
        "devices that connected to 198.51.100.23",
        "devices that have not been onboarded properly",
        "processes on devices not in the finance group",
    ],
)
def test_other_questions_about_devices_are_no_absence(question: str) -> None:
    answer = PLANNER(
        NLToKQLRequest(question=question, platform="defender"), deadline=time.monotonic() + 10
    )
    assert "leftanti" not in answer.kql


def test_computers_of_other_logs_are_not_looked_up_in_device_info() -> None:
    answer = PLANNER(
        NLToKQLRequest(
            question="which windows hosts stopped reporting security events in the past hour",
            platform="sentinel",
        ),
        deadline=time.monotonic() + 10,
    )
    assert "DeviceInfo" not in answer.tables
