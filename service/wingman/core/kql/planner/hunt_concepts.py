"""How hunters name endpoint data without naming a table: indicator feeds (the connections or
files they match), tools of the trade run on a host (processes), and user activity in cloud
apps."""

from __future__ import annotations

from typing import Final

from wingman.core.kql.planner.concepts import Concept, _c

_FEED = r"\b(iocs?|indicators? of compromise|feeds?|threat[- ]?intel\w*|blocklists?|trackers?)\b"
_NETWORK_VALUES = (
    r"\b(ips?|ip addresses|ipv4|domains?|urls?|hostnames?|c2|c&c|command (&|and) control|"
    r"botnets?|tor( exit)? nodes?)\b"
)
_FILE_VALUES = r"\b(hash(es)?|sha-?256s?|sha-?1s?|md5s?|files?|samples?)\b"
# Windows and admin tools whose use is a process launch ("vssadmin deleting shadow copies").
_TOOLS = (
    r"\b(wevtutil|vssadmin|bcdedit|wbadmin|wmic|netsh|schtasks|certutil|bitsadmin|rundll32|"
    r"regsvr32|mshta|cscript|wscript|psexec|procdump|adfind|nltest|ntdsutil|whoami|taskkill|"
    r"icacls|cacls|attrib|cipher|fsutil|msiexec|installutil|msbuild|forfiles|sysinternals?|"
    r"net1?(\(1\))?(\.exe)?(?= (group|user|localgroup|use|share|view|session|accounts))|"
    r"ping|nslookup|ipconfig|systeminfo|tasklist|quser|qwinsta|reg\.exe|sc\.exe|curl|wget)\b|"
    r"\bnet1?(\(1\))?\.exe\b"
)

HUNT_CONCEPTS: Final[tuple[Concept, ...]] = (
    _c(
        "network_indicators",
        rf"{_FEED}.*{_NETWORK_VALUES}|{_NETWORK_VALUES}.*{_FEED}|"
        r"\b(malicious|suspicious|known[- ]bad|c2|rare) (ips?|ip addresses|domains?|urls?)\b",
        "connections to known indicators",
        {"DeviceNetworkEvents": ""},
        weight=3.0,
    ),
    _c(
        "file_indicators",
        rf"{_FEED}.*{_FILE_VALUES}|{_FILE_VALUES}.*{_FEED}",
        "files matching known indicators",
        {"DeviceFileEvents": ""},
        weight=3.0,
    ),
    _c(
        "connection_targets",
        r"\b(connect(s|ed|ing)?|connections?|communicat\w*|calls?) (out )?(to|with) (a |an |the )?"
        r"(\w+ ){0,2}(ips?|ip addresses|domains?|urls?|hosts?|servers?|c2|addresses)\b|"
        r"\b(outbound|external|remote|public) (network )?(connections?|ips?|ip addresses|urls?)\b",
        "connections to remote addresses",
        {"DeviceNetworkEvents": ""},
        weight=3.0,
    ),
    _c(
        "file_artifacts",
        r"\bransom(ware)? notes?\b|\bhash(es)?[- ]based\b|\bmatch\w* (\w+ )?(file )?hash(es)?\b|"
        r"\b(md5|sha-?256|sha-?1) (hashes|lists?|submissions|samples)\b|"
        r"\bmalware (submissions|samples|hashes)\b|\bmalicious (files?|downloads?)\b|"
        r"\b(local )?(e-?mail|mail|outlook) (stores?|archives?|data files?)\b|\.(pst|ost)\b",
        "files left on devices",
        {"DeviceFileEvents": ""},
        weight=3.0,
    ),
    _c(
        "rdp_traffic",
        r"\b(rdp|remote desktop) (clients?|connections?|traffic)\b",
        "remote desktop traffic",
        {"DeviceNetworkEvents": ""},
        weight=3.0,
    ),
    _c(
        "configuration_compliance",
        r"\b(configurations?|settings?) (\w+ ){0,2}(not |non[- ]?)compliant\b|\bmisconfigur\w*|"
        r"\bsecure configurations?\b|\bsecurity baselines?\b",
        "how devices comply with secure configurations",
        {"DeviceTvmSecureConfigurationAssessment": ""},
        weight=4.0,
    ),
    _c(
        "http_traffic",
        r"\bhttp (get|post|put|requests?|methods?|traffic|connections?)\b",
        "HTTP traffic seen by the endpoints",
        {"DeviceNetworkEvents": 'ActionType == "HttpConnectionInspected"'},
        weight=2.5,
    ),
    _c(
        "browsing",
        r"\b(urls?|sites?|web ?sites?|domains?|pages?) (\w+ ){0,7}(visited|browsed|opened)\b|"
        r"\bvisited (urls?|sites?|web ?sites?|domains?|pages?)\b",
        "sites browsed from devices",
        {"DeviceNetworkEvents": ""},
        weight=3.5,
    ),
    _c(
        "smb_sessions",
        r"\bsmb (sessions?|connections?|traffic)\b|\b(sessions?|connections?) over smb\b",
        "SMB sessions",
        {"DeviceNetworkEvents": ""},
        weight=3.0,
    ),
    _c(
        "tool_use",
        rf"{_TOOLS}|\b(use|usage|execution|running) of (\w+ ){{0,3}}(tools?|utilit(y|ies)|"
        r"binar(y|ies)|executables?)\b|\btools? (usage|use)\b",
        "tools run on the host",
        {"DeviceProcessEvents": ""},
        weight=2.5,
    ),
    _c(
        "commands",
        r"\b(commands?|command[- ]?lines?|cmdlines?|parameters|arguments|switches)\b|"
        r"\bstop(s|ped|ping)? (the |a )?([\w-]+ ){0,3}(services?|system restore)\b|"
        r"\b(local )?firewall (rules? )?(additions?|deletions?|rules? (added|deleted|removed))\b|"
        r"\bkill(s|ed|ing)? (the |a )?([\w-]+ ){0,2}process\w*",
        "commands run on the host",
        {"DeviceProcessEvents": ""},
        weight=2.0,
    ),
    _c(
        "cloud_user_activity",
        r"\b(impersonat\w*|hard[- ]delet\w*|emoji|reactions?|admin(istrative)? activit(y|ies)|"
        r"activit(y|ies) (performed|from|by) )",
        "user activity in cloud apps",
        {"CloudAppEvents": "", "OfficeActivity": ""},
        weight=2.5,
    ),
)
