"""KQL written for the benchmarks: three hunting queries of different sizes, and one grown to size.

Every query here is valid against the packaged catalog (a test holds them to it), so the figures
measure the path a correct query takes: the grammar, then name and type resolution.
"""

from __future__ import annotations

KIB = 1024

SMALL = "DeviceProcessEvents | take 10"

MEDIUM = (
    "DeviceProcessEvents\n"
    "| where Timestamp > ago(3d)\n"
    '| where FileName in~ ("certutil.exe", "bitsadmin.exe", "mshta.exe")\n'
    '| where ProcessCommandLine has_any ("urlcache", "/transfer", "http")\n'
    "| summarize Runs = count(), Devices = dcount(DeviceName), LastRun = max(Timestamp)"
    " by FileName, AccountName\n"
    "| order by Runs desc\n"
    "| take 50"
)

LARGE = (
    "let lookback = 14d;\n"
    'let tools = dynamic(["psexec.exe", "paexec.exe", "wmic.exe", "winrs.exe"]);\n'
    "let launches = DeviceProcessEvents\n"
    "    | where Timestamp > ago(lookback)\n"
    "    | where FileName in~ (tools) or ProcessCommandLine has_any (tools)\n"
    "    | extend Tool = tolower(FileName), Hour = bin(Timestamp, 1h)\n"
    "    | project Timestamp, Hour, DeviceId, DeviceName, AccountName, Tool,"
    " ProcessCommandLine, InitiatingProcessFileName;\n"
    "let logons = DeviceLogonEvents\n"
    "    | where Timestamp > ago(lookback)\n"
    '    | where LogonType in ("Network", "RemoteInteractive") and ActionType == "LogonSuccess"\n'
    "    | summarize Logons = count(), Sources = make_set(RemoteIP, 20) by DeviceId;\n"
    "launches\n"
    "| join kind=leftouter (logons) on DeviceId\n"
    "| join kind=leftouter (DeviceInfo | summarize arg_max(Timestamp, OSPlatform) by DeviceId)"
    " on DeviceId\n"
    '| extend Remote = iff(isnotempty(Sources), "yes", "no")\n'
    "| summarize Launches = count(), Tools = make_set(Tool), FirstSeen = min(Timestamp),"
    " LastSeen = max(Timestamp), Logons = max(Logons)"
    " by DeviceName, AccountName, OSPlatform, Remote\n"
    '| where Launches > 2 or Remote == "yes"\n'
    "| order by Launches desc, LastSeen desc\n"
    "| take 200"
)

SAMPLES = {"small": SMALL, "medium": MEDIUM, "large": LARGE}

_HEAD = "DeviceProcessEvents\n| where Timestamp > ago(1d)\n"
_TAIL = "| project Timestamp, DeviceName, FileName, ProcessCommandLine\n| take 100"


def _clause(n: int) -> str:
    return f'| where ProcessCommandLine !has "marker-{n:05d}" or FileName =~ "tool{n:05d}.exe"\n'


def grown(size: int) -> str:
    """Return one query made of as many distinct `where` stages as fit in `size` bytes (UTF-8).

    Every stage has the same shape, so the cost per byte should not depend on the size; the
    result is at least the head and the tail, whatever `size` is.
    """
    text, n = _HEAD, 0
    fixed = len(_HEAD) + len(_TAIL)
    while fixed + len(_clause(n)) <= size:
        text += _clause(n)
        fixed += len(_clause(n))
        n += 1
    return text + _TAIL
