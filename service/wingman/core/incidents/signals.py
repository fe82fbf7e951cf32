"""What each alert is about, read from its words, tactics and techniques.

A sign is a short name (`phishing`, `encryption`, `c2`, ...) with a pattern over the alert's
title, description, threat name and determination, and the ATT&CK ids that imply it. Scope,
the entry point and the guided response all reason on signs, so they agree with each other.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from wingman.core.incidents.model import SourceAlert
from wingman.core.knowledge.attack import AttackCatalog


@dataclass(frozen=True, slots=True)
class Sign:
    pattern: re.Pattern[str] | None
    techniques: tuple[str, ...] = ()
    tactics: tuple[str, ...] = ()


def _sign(pattern: str | None, techniques: str = "", tactics: str = "") -> Sign:
    return Sign(
        re.compile(pattern, re.IGNORECASE) if pattern else None,
        tuple(techniques.split()),
        tuple(tactics.split()),
    )


SIGNS: Mapping[str, Sign] = {
    "phishing": _sign(
        r"phish|spear|malicious (e-?mail|message|attachment|link)|user[- ]reported"
        r"|e-?mails? (containing|with) (a )?malicious",
        "T1566 T1566.001 T1566.002 T1566.003 T1598",
    ),
    "brute_force": _sign(
        r"brute[- ]?forc|password spray|credential stuffing|(many|multiple) failed (sign|log)",
        "T1110 T1110.001 T1110.003 T1110.004",
    ),
    "token_theft": _sign(
        r"token (theft|replay)|\baitm\b|adversary[- ]in[- ]the[- ]middle|stolen session"
        r"|anomalous token|session cookie",
        "T1539 T1550.001 T1550.004 T1557",
    ),
    "suspicious_sign_in": _sign(
        r"impossible travel|atypical travel|unfamiliar sign|anonymous ip|unusual (location|country)"
        r"|sign-?in from|suspicious sign|risky sign|leaked credential",
        "T1078 T1078.004",
    ),
    "oauth_consent": _sign(
        r"consent|oauth app|illicit (app|grant)|malicious (oauth )?app(lication)? ",
        "T1528",
    ),
    "exploit_public": _sign(
        r"exploit(ation|ed)? (of )?(a )?public|web ?shell|exploit attempt|remote code execution"
        r"|\bexposed\b",
        "T1190 T1505.003",
    ),
    "inbox_rule": _sign(
        r"inbox (rule|forward)|forwarding rule|mail forward|(inbox|mailbox) manipulation"
        r"|suspicious (inbox|email) (rule|forwarding)",
        "T1114.003 T1564.008",
    ),
    "credential_theft": _sign(
        r"credential (dump|theft)|mimikatz|lsass|kerberoast|pass[- ]the[- ](hash|ticket)"
        r"|password (hash|dump)|ntds",
        "T1003 T1003.001 T1003.002 T1003.003 T1003.006 T1558 T1558.003 T1555",
        "credential-access",
    ),
    "lateral_movement": _sign(
        r"lateral|psexec|remote (service|execution)|wmi remote|remote desktop",
        "T1021 T1021.001 T1021.002 T1021.006 T1570",
        "lateral-movement",
    ),
    "c2": _sign(
        r"command[- ]and[- ]control|\bc2\b|beacon|cobalt ?strike|communication with (a )?"
        r"(known )?malicious|connection to (a )?(known )?malicious",
        "T1071 T1071.001 T1071.004 T1095 T1105 T1219 T1572",
        "command-and-control",
    ),
    "persistence": _sign(
        r"\brun key|persisten|scheduled task|new service|autostart|startup folder",
        "T1547 T1547.001 T1053 T1053.005 T1543 T1543.003",
        "persistence",
    ),
    "execution": _sign(
        r"powershell|malicious script|macro|mshta|rundll32|wmic|suspicious (process|command)",
        "T1059 T1059.001 T1059.003 T1204 T1204.002",
        "execution",
    ),
    "malware": _sign(
        r"malware|trojan|backdoor|ransom|virus|\bworm\b|infostealer|stealer|loader|eicar"
        r"|hacktool|web ?shell|\bimplant\b|\bminer\b"
        r"|malicious (file|macro|attachment|document|payload|binary|executable|dll|image)",
    ),
    "encryption": _sign(
        r"ransom|encrypt(ed|ion|ing)? (of )?(files|data|documents)|file encryption",
        "T1486",
    ),
    # Deleting shadow copies and backups (T1490) prepares encryption; it is not itself the
    # destruction of the organisation's data, and is reported as the technique it is.
    "destruction": _sign(r"\bwip(e|er|ing)\b|data destruction|mass delet", "T1485 T1561"),
    "inhibit_recovery": _sign(r"shadow cop|backup (deletion|catalog)|vssadmin", "T1490"),
    "exfiltration": _sign(
        r"exfiltrat|data theft|mass download|upload(ed)? to (a )?(cloud|external|personal)",
        "T1567 T1567.002 T1048 T1041 T1537 T1020",
        "exfiltration",
    ),
    "financial_fraud": _sign(
        r"financial fraud|business e-?mail compromise|\bbec\b|invoice|payment (fraud|request)"
        r"|wire transfer|bank (details|account)|gift card|payment[- ]change|payroll diversion",
        "T1657",
    ),
    "resource_hijacking": _sign(
        r"(crypto|coin|digital currency)[- ]?min(ing|er)|monero|xmrig|resource hijack",
        "T1496 T1496.001",
    ),
    "tampering": _sign(
        r"tamper|disabl(e|ed|ing) (the )?(antivirus|defender|security|real-?time|logging)"
        r"|(antivirus|defender) (disabled|turned off)|cleared? (the )?(event )?log",
        "T1562 T1562.001 T1070.001",
    ),
}

# Signs whose presence on a device means the attacker already runs code there.
HANDS_ON = frozenset(
    {
        "execution",
        "persistence",
        "credential_theft",
        "lateral_movement",
        "c2",
        "encryption",
        "destruction",
        "inhibit_recovery",
        "exfiltration",
        "tampering",
        "malware",
        "resource_hijacking",
    }
)
IMPACT = ("exfiltration", "encryption", "destruction", "financial_fraud", "resource_hijacking")


def alert_signs(alert: SourceAlert, catalog: AttackCatalog) -> frozenset[str]:
    """The signs an alert shows."""
    # Descriptions say what such an alert may lead to ("ransomware often deletes shadow
    # copies"), so only the title, the threat's name and the verdict are read for signs.
    text = " ".join((alert.title, alert.threat_name, alert.determination))
    techniques = frozenset(t.strip().upper() for t in alert.techniques)
    tactics = frozenset(s for s in (catalog.normalize_tactic(t) for t in alert.tactics) if s)
    return _signs(text, techniques, tactics)


@lru_cache(maxsize=4096)
def _signs(text: str, techniques: frozenset[str], tactics: frozenset[str]) -> frozenset[str]:
    # Incidents repeat a few alert kinds many times: each kind is read once.
    return frozenset(
        name
        for name, sign in SIGNS.items()
        if (sign.pattern is not None and sign.pattern.search(text))
        or techniques.intersection(sign.techniques)
        or tactics.intersection(sign.tactics)
    )
