"""Conditions analysts ask for by name ("failed sign-ins", "encoded PowerShell"), as data.

A concept is a pattern over the question, the tables it points to (with a weight) and, per
table, a fixed predicate written by us: no text of the question ever reaches these predicates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final


@dataclass(frozen=True, slots=True)
class Concept:
    name: str
    pattern: re.Pattern[str]
    says: str
    # Table -> predicate; the first table of the chosen platform that exists is preferred.
    predicates: dict[str, str]
    weight: float = 3.0
    families: tuple[str, ...] = field(default_factory=tuple)


def _c(
    name: str, pattern: str, says: str, predicates: dict[str, str], *, weight: float = 3.0
) -> Concept:
    return Concept(name, re.compile(pattern, re.IGNORECASE), says, predicates, weight)


_FAILED = r"(fail(ed|ing|ure|ures)?|unsuccessful|bad password|wrong password|denied|rejected)"
_SIGNIN = r"(sign[- ]?ins?|log[- ]?ons?|log[- ]?ins?|authentications?|logged on|logged in)"
_POWERSHELL = '("powershell.exe", "pwsh.exe", "powershell_ise.exe")'

CONCEPTS: Final[tuple[Concept, ...]] = (
    _c(
        "failed_signin",
        rf"\b{_FAILED}\W+(\w+\W+){{0,3}}{_SIGNIN}|\b{_SIGNIN}\W+(\w+\W+){{0,2}}{_FAILED}",
        "failed sign-ins",
        {
            "SigninLogs": 'ResultType != "0"',
            "AADNonInteractiveUserSignInLogs": 'ResultType != "0"',
            "AADManagedIdentitySignInLogs": 'ResultType != "0"',
            "AADServicePrincipalSignInLogs": 'ResultType != "0"',
            "IdentityLogonEvents": 'ActionType == "LogonFailed"',
            "DeviceLogonEvents": 'ActionType == "LogonFailed"',
            "AADSignInEventsBeta": "ErrorCode != 0",
            "EntraIdSignInEvents": "ErrorCode != 0",
            "SecurityEvent": "EventID == 4625",
        },
    ),
    _c(
        "successful_signin",
        rf"\b(successful(ly)?|succeeded)\W+(\w+\W+){{0,3}}{_SIGNIN}|\b{_SIGNIN}\W+(\w+\W+)?succe",
        "successful sign-ins",
        {
            "SigninLogs": 'ResultType == "0"',
            "AADNonInteractiveUserSignInLogs": 'ResultType == "0"',
            "AADManagedIdentitySignInLogs": 'ResultType == "0"',
            "AADServicePrincipalSignInLogs": 'ResultType == "0"',
            "IdentityLogonEvents": 'ActionType == "LogonSuccess"',
            "DeviceLogonEvents": 'ActionType == "LogonSuccess"',
            "AADSignInEventsBeta": "ErrorCode == 0",
            "EntraIdSignInEvents": "ErrorCode == 0",
            "SecurityEvent": "EventID == 4624",
        },
    ),
    _c(
        "signin",
        rf"\b{_SIGNIN}\b",
        "sign-in events",
        {
            "SigninLogs": "",
            "IdentityLogonEvents": "",
            "DeviceLogonEvents": "",
            "AADSignInEventsBeta": "",
            "SecurityEvent": "EventID in (4624, 4625)",
        },
        weight=2.0,
    ),
    _c(
        "directory_attributes",
        r"\b(users?|accounts?|employees?|people)\b.*\b(located|location|country|city|department|"
        r"job titles?|manager|office|phone|guests?|disabled|enabled|onboarded|hired|"
        r"employee ids?)\b",
        "account attributes from the directory",
        {"IdentityInfo": ""},
        weight=2.5,
    ),
    _c(
        "risk_detections",
        r"\b(risk (detections?|events?)|unlikely travel|impossible travel|unfamiliar (features|"
        r"sign-?in properties)|anonymous ip|leaked credentials|password spray detection|"
        r"new countr)",
        "identity risk detections",
        {"AADUserRiskEvents": ""},
        weight=4.0,
    ),
    _c(
        "ip_assignment",
        r"\bassigned\b.*\bip\b|\bip (address(es)?\s+)?assign|\bmac address|\bnetwork adapters?"
        r"|\bip configuration",
        "network configuration of devices",
        {"DeviceNetworkInfo": ""},
        weight=3.5,
    ),
    _c(
        "mfa",
        r"\b(mfa|multi[- ]?factor|2fa|second factor)\b",
        "multi-factor authentication",
        {"SigninLogs": 'AuthenticationRequirement == "multiFactorAuthentication"'},
    ),
    _c(
        "risky_signin",
        r"\brisky\b|\brisk level\b|\bat risk\b",
        "sign-ins rated risky",
        {
            "SigninLogs": 'RiskLevelDuringSignIn in~ ("medium", "high")',
            "AADUserRiskEvents": "",
            "AADRiskyUsers": "",
        },
    ),
    _c(
        "encoded_powershell",
        r"\b(encoded|base64|-enc(odedcommand)?)\b.*\bpowershell\b|\bpowershell\b.*\b(encoded|base64|-enc)",
        "PowerShell started with an encoded command",
        {
            "DeviceProcessEvents": f"FileName in~ {_POWERSHELL} and ProcessCommandLine has_any "
            '("-enc", "-encodedcommand", "-e ", "frombase64string")',
            "SecurityEvent": 'EventID == 4688 and CommandLine has_any ("-enc", "-encodedcommand")',
        },
        weight=4.0,
    ),
    _c(
        "powershell",
        r"\bpowershell\b|\bpwsh\b",
        "PowerShell processes",
        {
            "DeviceProcessEvents": f"FileName in~ {_POWERSHELL}",
            "DeviceNetworkEvents": f"InitiatingProcessFileName in~ {_POWERSHELL}",
            "DeviceFileEvents": f"InitiatingProcessFileName in~ {_POWERSHELL}",
            "DeviceRegistryEvents": f"InitiatingProcessFileName in~ {_POWERSHELL}",
            "DeviceImageLoadEvents": f"InitiatingProcessFileName in~ {_POWERSHELL}",
            "SecurityEvent": 'EventID == 4688 and NewProcessName has "powershell"',
        },
        weight=2.0,
    ),
    _c(
        "threat_activity",
        r"\b(malware|ransomware|attackers?|adversar(y|ies)|campaigns?|threat actors?|implants?|"
        r"backdoors?|payloads?|droppers?|trojans?|lateral movement|persistence|"
        r"living off the land|lolbins?|exfiltrat\w*|credential (theft|dumping)|mimikatz|"
        r"cobalt strike|shadow ?cop(y|ies)|exploit(s|ed|ing|ation)?(?! vulnerabilit| available)|"
        r"post[- ]exploitation|"
        r"web ?shells?|zero[- ]days?|privilege escalation|elevation[- ]of[- ]privilege|"
        r"(remote )?code execution|infect(ed|s|ion|ions)?|botnets?|(crypto|coin) ?miners?|"
        r"miners?|stealers?|keyloggers?|rootkits?|wipers?|worms?|command and control|c2|"
        r"(reverse|bind) (tcp )?shells?|penetration testing|pen-?test\w*|hack(ing)? tools?|"
        r"offensive (security )?tools?|red team\w*)\b",
        "behaviour of attackers on endpoints",
        {"DeviceProcessEvents": "", "DeviceNetworkEvents": "", "DeviceFileEvents": ""},
        weight=2.0,
    ),
    _c(
        "process_creation",
        r"\b(process(es)? (creation|created|started|launched)|new process(es)?|executed|ran|"
        r"launch(ed|es)?|spawn(ed|s)?|execution)\b",
        "process creation",
        {"DeviceProcessEvents": "", "SecurityEvent": "EventID == 4688"},
        weight=1.5,
    ),
    _c(
        "with_attachment",
        r"\b(with|having|containing|carrying)\b\W+(an?\s+|\w+\s+)?attachments?\b|\battachments?\b",
        "e-mails with attachments",
        {"EmailEvents": "AttachmentCount > 0", "EmailAttachmentInfo": ""},
    ),
    _c(
        "phish",
        r"\bphish(ing)?\b",
        "phishing detections",
        {"EmailEvents": 'ThreatTypes has "Phish"', "UrlClickEvents": 'ThreatTypes has "Phish"'},
    ),
    _c(
        "malware_mail",
        r"\bmalware\W+(\w+\W+){0,3}(e-?mails?|messages?)\b|"
        r"\b(e-?mails?|messages?)\W+(\w+\W+){0,3}malware\b",
        "e-mails with malware",
        {"EmailEvents": 'ThreatTypes has "Malware"'},
    ),
    _c(
        "url_click",
        r"\bclick(ed|s)?\b",
        "URL clicks",
        {"UrlClickEvents": ""},
        weight=4.0,
    ),
    _c(
        "email",
        r"\b(e-?mails?|mails?|(?<!syslog )(?<!error )(?<!log )(?<!event )(?<!text )messages?|inbox|"
        r"mailbox(es)?|senders?|recipients?)\b",
        "e-mail messages",
        {"EmailEvents": ""},
        weight=2.0,
    ),
    _c(
        "admin_role",
        r"\b(admin(istrator)?|privileged|global admin)\b.*\brole\b|\brole\b.*\b(assign|add|chang)"
        r"|\b(added|assigned)\b.*\brole",
        "administrative role changes",
        {
            "AuditLogs": 'OperationName has "role"',
            "IdentityDirectoryEvents": 'ActionType has "Role"',
            "CloudAppEvents": 'ActionType has "role"',
        },
        weight=4.0,
    ),
    _c(
        "group_membership",
        r"\b(added|add|removed|member)\b.*\bgroup\b|\bgroup members(hip)?\b",
        "group membership changes",
        {
            "AuditLogs": 'OperationName has "member to group"',
            "IdentityDirectoryEvents": 'ActionType == "Group Membership changed"',
            "SecurityEvent": "EventID in (4728, 4732, 4756)",
        },
    ),
    _c(
        "password_reset",
        r"\bpassword\b.*\b(reset|change[ds]?)\b|\b(reset|change[ds]?)\b.*\bpassword",
        "password resets and changes",
        {
            "AuditLogs": 'OperationName has "password"',
            "IdentityDirectoryEvents": 'ActionType == "Account Password changed"',
            "SecurityEvent": "EventID in (4723, 4724)",
        },
    ),
    _c(
        "account_created",
        r"\b(new|created?)\b.*\b(user|account)s?\b|\b(user|account)s?\b.*\bcreated\b",
        "accounts created",
        {
            "AuditLogs": 'OperationName == "Add user"',
            "SecurityEvent": "EventID == 4720",
            "IdentityDirectoryEvents": 'ActionType == "Account created"',
        },
        weight=2.0,
    ),
    _c(
        "account_lockout",
        r"\block(ed)?[- ]?out\b|\blockouts?\b",
        "account lockouts",
        {"SecurityEvent": "EventID == 4740", "SigninLogs": 'ResultType == "50053"'},
    ),
    _c(
        "scheduled_task",
        r"\bscheduled tasks?\b|\bschtasks\b",
        "scheduled tasks",
        {
            "DeviceEvents": 'ActionType == "ScheduledTaskCreated"',
            "DeviceProcessEvents": 'FileName =~ "schtasks.exe"',
            "SecurityEvent": "EventID == 4698",
        },
    ),
    _c(
        "service_installed",
        r"\b(new|installed|created)\b.*\bservices?\b|\bservice (install|creation)",
        "services installed",
        {"DeviceEvents": 'ActionType == "ServiceInstalled"', "SecurityEvent": "EventID == 4697"},
    ),
    _c(
        "run_key",
        r"\brun keys?\b|\bautoruns?\b|\bstartup (registry|key)",
        "registry Run keys",
        {"DeviceRegistryEvents": r'RegistryKey has @"\CurrentVersion\Run"'},
        weight=4.0,
    ),
    _c(
        "registry",
        r"\bregistry\b|\breg(istry)? (key|value)s?\b|\bhk(lm|cu|ey_)|"
        r"\b(set )?to (automatically )?start (with windows|at boot|on startup)|\bauto-?start\w*|"
        r"\breal[- ]time protection\b",
        "registry changes",
        {"DeviceRegistryEvents": ""},
        weight=3.0,
    ),
    _c(
        "file_created",
        r"\bfiles?\b.*\b(created|written|dropped|downloaded|modified|deleted|renamed)\b|"
        r"\b(created|dropped|downloaded|wrote|deleted|renamed)\b.*\bfiles?\b|"
        r"\bfiles? (creations?|writes?|modifications?|deletions?|drops?|renames?)\b|"
        r"\b(creat|writ|dropp|delet|modif|renam)(es|ing|ies|ying)\W+(\w+\W+){0,3}files?\b",
        "file activity",
        {"DeviceFileEvents": ""},
        weight=2.5,
    ),
    _c(
        "usb",
        r"\busb\b|\bremovable\b|\bmass storage\b",
        "removable storage",
        {"DeviceEvents": 'ActionType == "UsbDriveMounted"'},
    ),
    _c(
        "antivirus",
        r"\b(antivirus|defender av|av detections?|malware detect(ed|ions?))\b",
        "antivirus detections",
        {"DeviceEvents": 'ActionType startswith "Antivirus"'},
    ),
    _c(
        "asr",
        r"\basr\b|\battack surface reduction\b",
        "attack surface reduction events",
        {"DeviceEvents": 'ActionType startswith "Asr"'},
        weight=4.0,
    ),
    _c(
        "network_connection",
        r"\b(connect(ed|ions?|ing|s)?|communicat(ed|ion|ing)|talk(ed|ing)|beacon(ing|s)?|"
        r"outbound|inbound|traffic|reach(ed)?|(destination|remote|local|source) ports?|"
        r"listening( ports?| connections?| sockets?)?|visit(ed|s|ing)?|brows(ed|ing))\b",
        "network connections",
        {"DeviceNetworkEvents": "", "CommonSecurityLog": "", "VMConnection": ""},
        weight=2.0,
    ),
    _c(
        "failed_connection",
        r"\b(failed|blocked|refused)\b.*\bconnect",
        "failed connections",
        {"DeviceNetworkEvents": 'ActionType == "ConnectionFailed"'},
    ),
    _c(
        "dns",
        r"\bdns\b(?! (suffix|names?|domains?)\b)|\bresolv(e|ed|ing)\b|\blookups?\b|\bqueried\b",
        "DNS lookups",
        {"DnsEvents": "", "DeviceNetworkEvents": 'ActionType == "DnsConnectionInspected"'},
        weight=2.0,
    ),
    _c(
        "alerts",
        r"\balerts?\b|\bdetections?\b",
        "security alerts",
        {"AlertInfo": "", "SecurityAlert": ""},
        weight=3.0,
    ),
    _c(
        "alerts_asked",
        r"\b(for|lists?|find|show|all|the|recent|open|new|triggered|related)\s+alerts\b|"
        r"\balerts\s+(related|triggered|generated|raised|fired|flagging|about|involving|that)\b",
        "the alerts themselves",
        {"AlertInfo": "", "SecurityAlert": ""},
        weight=2.5,
    ),
    _c(
        "incidents",
        r"\bincidents?\b",
        "incidents",
        {"SecurityIncident": "", "AlertInfo": ""},
        weight=3.5,
    ),
    _c(
        "high_severity",
        r"\b(high|critical)[- ]severity\b|\bseverity (is )?high\b",
        "high severity",
        {
            "AlertInfo": 'Severity == "High"',
            "SecurityAlert": 'AlertSeverity == "High"',
            "SecurityIncident": 'Severity == "High"',
        },
    ),
    _c(
        "vulnerability",
        r"\b(vulnerable (devices?|machines?|software)|vulnerabilities (on|in|of|with)|"
        r"cve-\d{4}-\d+|exploitable|unpatched|missing (patch|update)s?|cvss)\b",
        "vulnerabilities",
        {"DeviceTvmSoftwareVulnerabilities": ""},
        weight=4.0,
    ),
    _c(
        "critical_vuln",
        r"\bcritical\b.*\b(vulnerab|cve)",
        "critical vulnerabilities",
        {"DeviceTvmSoftwareVulnerabilities": 'VulnerabilitySeverityLevel == "Critical"'},
    ),
    _c(
        "software_inventory",
        r"\b(installed software|software inventory|versions? of|installed)\b",
        "installed software",
        {"DeviceTvmSoftwareInventory": ""},
        weight=2.0,
    ),
    _c(
        "azure_resource",
        r"\b(azure(?!\s+(ad|active directory))|subscriptions?|resource groups?|virtual machines?|"
        r"vms?|key ?vaults?|storage accounts?)\b",
        "Azure control-plane activity",
        {"AzureActivity": ""},
        weight=2.5,
    ),
    _c(
        "office",
        r"\b(sharepoint|onedrive|teams|exchange online|office 365|o365|m365|sharing links?|"
        r"set-mailbox|mailbox (audit|permissions?))\b",
        "Microsoft 365 activity",
        {"OfficeActivity": "", "CloudAppEvents": ""},
        weight=4.5,
    ),
    _c(
        "inbox_rule",
        r"\binbox rules?\b|\bforwarding rules?\b|\bmail forwarding\b",
        "inbox and forwarding rules",
        {
            "OfficeActivity": 'Operation in~ ("New-InboxRule", "Set-InboxRule")',
            "CloudAppEvents": 'ActionType in~ ("New-InboxRule", "Set-InboxRule")',
        },
        weight=4.0,
    ),
    _c(
        "directory_change",
        r"\b(azure ad|azure active directory|entra( id)?|aad)\b.*\b(add(ed|s)?|chang(ed|es?)|"
        r"modif(y|ied|ies)|delet(ed|es?)|creat(ed|es?)|roles?|permissions?|applications?|consent|"
        r"policy|policies|groups?)\b",
        "changes in the Entra ID directory",
        {"AuditLogs": "", "CloudAppEvents": ""},
        weight=3.0,
    ),
    _c(
        "aws",
        r"\b(aws|s3|iam|cloudtrail|access ?keys?|assume ?role|ec2|login profiles?)\b|"
        r"(?-i:\b(?:List|Get|Put|Create|Delete|Describe|Update|Attach)[A-Z][a-z]\w+)",
        "AWS API activity",
        {"AWSCloudTrail": ""},
        weight=4.0,
    ),
    _c(
        "windows_event_log",
        r"\b(application log|system log|event ?logs?|windows update|event viewer|"
        r"application errors?|app(lication)? (crash|crashed|encountered))",
        "Windows event logs",
        {"Event": ""},
        weight=3.5,
    ),
    _c(
        "ueba",
        r"\b(behaviou?rs?|ueba|entity behaviou?r|anomal(y|ies|ous) (activit|behaviou?r))",
        "user and entity behaviour analytics",
        {"BehaviorAnalytics": "", "Anomalies": ""},
        weight=3.0,
    ),
    _c(
        "directory_audit",
        r"\b(directory (changes?|audit)|audit (logs?|operations?|events?)(?! (was |were )?clear)|"
        r"client secrets?|"
        r"federation|role assignments?|app registrations?|mfa (method )?registrations?|"
        r"security info|users? (were |was )?created|new users?|in the directory)\b",
        "directory audit events",
        {"AuditLogs": "", "IdentityDirectoryEvents": ""},
        weight=4.5,
    ),
    _c(
        "oauth_consent",
        r"\b(oauth|consent(ed)?|app registrations?|service principals?)\b",
        "application consents and registrations",
        {"AuditLogs": 'OperationName has_any ("consent", "application", "service principal")'},
        weight=3.0,
    ),
    _c(
        "threat_intel",
        r"\b(threat intel(ligence)?|ti indicators?|iocs?|indicators? of compromise)\b",
        "threat-intelligence indicators",
        {"ThreatIntelligenceIndicator": "Active == true"},
        weight=4.0,
    ),
    _c(
        "syslog",
        r"\bsyslog\b|\blinux\b.*\b(logs?|auth|sudo|ssh|hosts?|messages?)\b|\bsudo\b|\bsshd?\b|"
        r"\bfacility\b|\buseradd\b|\bauth messages?\b|\bcron\b",
        "Linux syslog",
        {"Syslog": ""},
        weight=3.0,
    ),
    _c(
        "firewall",
        r"\b(firewall|palo alto|fortinet|fortigate|check point|cef|proxy)\b",
        "firewall and proxy logs",
        {"CommonSecurityLog": ""},
        weight=3.5,
    ),
    _c(
        "iis",
        r"\b(iis|w3c?|web servers?|web requests?|http (requests?|status|get|post)|status codes?|"
        r"user agents?|uris?|requested with (get|post)|[45]\d\ds)\b|"
        r"\b[45]\d\d (responses?|errors?)",
        "web server logs",
        {"W3CIISLog": ""},
        weight=3.5,
    ),
    _c(
        "device_inventory",
        r"\b(onboarded|os version|operating system|os platform|inventory|exposure level|"
        r"dns suffix(es)?|domain[- ]joined|os builds?|device (types?|models?|categor(y|ies))|"
        r"(types?|kinds?|versions?) of os|os (types?|versions?|distribution)|"
        # "devices with the sha256 ...", "machines with a connection to x" ask for events.
        r"(machines?|devices?) (running|with)(?! (the |a |an |any )?(sha\d*|md5|hash(es)?|files?|"
        r"ips?|urls?|domains?|process(es)?|command|connections?|logons?|sign-?ins?|alerts?)\b))"
        r"(?!\w)",
        "device inventory",
        {"DeviceInfo": ""},
        weight=2.0,
    ),
    _c(
        "image_load",
        r"\b(dlls?|image loads?|modules?|librar(y|ies)|side-?load\w*)\b|\bloaded (by|into)\b",
        "image loads",
        {"DeviceImageLoadEvents": ""},
        weight=2.0,
    ),
    _c(
        "ldap",
        r"\bldap\b|\bdirectory (queries|quer(y|ied))|\breconnaissance\b|\benumerat",
        "directory queries",
        {"IdentityQueryEvents": 'ActionType == "LDAP query"'},
        weight=2.5,
    ),
)
