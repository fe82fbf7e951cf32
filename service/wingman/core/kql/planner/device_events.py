"""The endpoint events that are neither processes, files, registry nor network connections
(DeviceEvents): each said by its own words, with its ActionType as the condition."""

from __future__ import annotations

from typing import Final

from wingman.core.kql.planner.concepts import Concept, _c

_WEIGHT = 4.0
# Logons by a local account are logon data, whatever the account's story.
_NO_LOGON = r"^(?!.*\blog(ged|s)?[- ]?(on|in)|.*\blogons?\b|.*\bsign(ed)?[- ]?ins?\b)"


def _event(name: str, pattern: str, says: str, action: str, *, weight: float = _WEIGHT) -> Concept:
    return _c(name, pattern, says, {"DeviceEvents": action}, weight=weight)


DEVICE_EVENT_CONCEPTS: Final[tuple[Concept, ...]] = (
    _event(
        "browser_opened_url",
        r"\b(launch(ed|es)? (a |the )?browsers? to open|browser launched to open|"
        r"links? (opened|clicked) (from|in) (outlook|teams|office|word|excel))",
        "URLs opened in a browser by another program",
        'ActionType == "BrowserLaunchedToOpenUrl"',
    ),
    _event(
        "amsi",
        r"\bamsi\b|\bantimalware scan interface\b",
        "AMSI script detections",
        'ActionType has "Amsi"',
    ),
    _event(
        "exploit_guard",
        r"\b(exploit ?guard|network protection|controlled folder access)\b",
        "Exploit Guard events",
        'ActionType startswith "ExploitGuard"',
    ),
    _event(
        "local_account",
        rf"{_NO_LOGON}(.*\blocal (user )?accounts?\b.{{0,40}}\b(creat\w*|add\w*|delet\w*|remov\w*)|"
        r".*\b(creat\w*|add\w*|delet\w*)\b.{0,30}\blocal (user |admin\w* )?accounts?\b)",
        "local accounts created or deleted",
        'ActionType in ("UserAccountCreated", "UserAccountDeleted")',
    ),
    _event(
        "local_group",
        rf"{_NO_LOGON}(.*\blocal (admin\w*|administrators?|security )?groups?\b|"
        r".*\blocal admins? (added|add)|.*\b(added|adds|add) (\w+ ){0,3}to (the )?local admin)",
        "accounts added to local groups",
        'ActionType == "UserAccountAddedToLocalGroup"',
    ),
    _event(
        "process_token",
        r"\b(primary )?tokens? (is |was )?(modif\w*|manipulat\w*|elevat\w*|chang\w*)|"
        r"\btoken (modification|manipulation|theft)|\bse\w+privilege\b",
        "process token changes",
        'ActionType has "Token"',
    ),
    _event(
        "pnp_device",
        r"\b(usb|plug[- ]and[- ]play|pnp|removable|external) (devices?|drives?|storage|media)\b"
        r".{0,40}\b(connect\w*|plugged|mount\w*|insert\w*|attach\w*)|"
        r"\b(connect\w*|plugged|mount\w*|insert\w*) (\w+ ){0,3}(usb|removable|pnp)",
        "devices plugged into endpoints",
        'ActionType in ("PnpDeviceConnected", "UsbDriveMounted")',
    ),
    _event(
        "task_registered",
        r"\bscheduled tasks? (that |which )?(are |were |being |is |was )?(created|updated|"
        r"registered|deleted|modified)\b|\b(creat|updat|regist|delet|modif)\w* (\w+ ){0,2}"
        r"scheduled tasks?\b",
        "scheduled tasks registered or changed",
        'ActionType in ("ScheduledTaskCreated", "ScheduledTaskUpdated", "ScheduledTaskDeleted")',
        weight=3.0,
    ),
    _event(
        "powershell_command",
        r"\bpowershell (cmdlets?|commands?)\b|\bcmdlets?\b",
        "PowerShell commands run in the engine",
        'ActionType == "PowerShellCommand"',
        weight=3.0,
    ),
    _event(
        "api_call",
        r"\b(open ?process|create ?remote ?thread|read ?process ?memory|remote threads?|"
        r"process injection|injected into|named pipes?|accesses lsass|lsass access)",
        "API calls between processes",
        'ActionType endswith "ApiCall"',
    ),
    _event(
        "tampering",
        r"\btamper(s|ed|ing)?\b(?! protection)",
        "tampering attempts",
        'ActionType == "TamperingAttempt"',
    ),
    _event(
        "device_firewall",
        r"\b(windows )?firewall (blocks?|blocked|events?)\b",
        "Windows Firewall events",
        'ActionType startswith "Firewall"',
        weight=3.0,
    ),
    _event(
        "av_scan",
        r"\b(av|antivirus|defender) scans?\b|\bscan (results?|completed|failed)\b|"
        r"\bthreat ?names?\b|\bpua\b|\bpotentially unwanted\b",
        "antivirus scans and detections",
        'ActionType startswith "Antivirus"',
    ),
    _event(
        "wmi",
        r"\bwmi (event )?(subscriptions?|consumers?|filters?|bindings?)\b|"
        r"\bcreated using wmi\b|\bwmi (process )?creation",
        "WMI activity",
        'ActionType has "Wmi"',
    ),
    _event(
        "driver_load",
        r"\bdrivers? (load(ed|s)?|install\w*)\b|\bload(ed|s|ing)? (a |the )?(\w+ )?drivers?\b",
        "drivers loaded",
        'ActionType == "DriverLoad"',
        weight=3.0,
    ),
)
