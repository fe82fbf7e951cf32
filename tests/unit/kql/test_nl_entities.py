"""Entities in analyst questions: kinds, values as written, spans, and the specific kind winning."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wingman.core.kql.nl.entities import Entity, extract_entities

SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
SHA1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709"
MD5 = "d41d8cd98f00b204e9800998ecf8427e"

# (question, expected (kind, value) pairs in order; other entities may not appear)
CASES: list[tuple[str, list[tuple[str, str]]]] = [
    ("sign-ins from 10.0.0.5", [("ipv4", "10.0.0.5")]),
    ("traffic to 192.168.1.254.", [("ipv4", "192.168.1.254")]),
    ("is 256.1.1.1 an address", []),
    ("between 10.0.0.1 and 10.0.0.2", [("ipv4", "10.0.0.1"), ("ipv4", "10.0.0.2")]),
    ("version 1.2.3.4.5 installed", []),
    ("connections to 8.8.8.8:53", [("ipv4", "8.8.8.8"), ("port", "53")]),
    ("hosts in 10.1.0.0/16", [("cidr", "10.1.0.0/16")]),
    ("subnet 172.16.0.0/33", [("ipv4", "172.16.0.0")]),
    ("traffic to 2001:db8::1", [("ipv6", "2001:db8::1")]),
    ("from fe80::1%eth0 today", [("ipv6", "fe80::1%eth0")]),
    ("loopback ::1 only", [("ipv6", "::1")]),
    ("range 2001:db8::/32", [("cidr", "2001:db8::/32")]),
    ("at 10:30:45 exactly", []),
    ("meeting at 10:30", []),
    ("dns lookups for evil.com", [("domain", "evil.com")]),
    ("visits to login.microsoftonline.com", [("domain", "login.microsoftonline.com")]),
    ("resolve bad.co.uk", [("domain", "bad.co.uk")]),
    ("beaconing to evil[.]com", [("domain", "evil.com")]),
    ("beaconing to evil(.)net", [("domain", "evil.net")]),
    ("beaconing to evil[dot]org", [("domain", "evil.org")]),
    ("Evil.COM traffic", [("domain", "Evil.COM")]),
    ("clicks on https://evil.com/a?b=1", [("url", "https://evil.com/a?b=1")]),
    ("clicks on hxxps://evil[.]com/x.", [("url", "https://evil.com/x")]),
    ("clicks on hxxp[:]//bad[.]site/p", [("url", "http://bad.site/p")]),
    ("downloads from http://10.0.0.9:8080/p.ps1", [("url", "http://10.0.0.9:8080/p.ps1")]),
    ("(see https://example.org/path)", [("url", "https://example.org/path")]),
    ("ftp://files.example.net/x.zip", [("url", "ftp://files.example.net/x.zip")]),
    ("mail from alice@contoso.com", [("email", "alice@contoso.com")]),
    ("user bob.smith@fabrikam.onmicrosoft.com", [("email", "bob.smith@fabrikam.onmicrosoft.com")]),
    ("phish from bad[@]evil[.]com", [("email", "bad@evil.com")]),
    (f"hash {SHA256}", [("sha256", SHA256)]),
    (f"sha1 {SHA1}", [("sha1", SHA1)]),
    (f"md5 {MD5}", [("md5", MD5)]),
    (f"md5 {MD5.upper()}", [("md5", MD5.upper())]),
    (f"not a hash {MD5}a", []),
    ("attachment invoice.docm", [("file_name", "invoice.docm")]),
    ("script evil.ps1 ran", [("file_name", "evil.ps1")]),
    ("opened report.pdf", [("file_name", "report.pdf")]),
    ("files named payload.tar.gz", [("file_name", "payload.tar.gz")]),
    ("shortcut Resume.lnk", [("file_name", "Resume.lnk")]),
    ("downloaded report.zip", [("file_name", "report.zip")]),
    ("connections to report.zip", [("domain", "report.zip")]),
    ("attachment clip.mov", [("file_name", "clip.mov")]),
    ("site clip.mov", [("domain", "clip.mov")]),
    ("visited update.py", [("domain", "update.py")]),
    ("script update.py", [("file_name", "update.py")]),
    ("ran setup.com", [("process_name", "setup.com")]),
    ("contoso.com", [("domain", "contoso.com")]),
    ("processes named evil.exe", [("process_name", "evil.exe")]),
    ("loaded module comsvcs.dll", [("process_name", "comsvcs.dll")]),
    (
        "rundll32 executed C:\\Windows\\Temp\\evil.dll",
        [("process_name", "rundll32"), ("folder_path", "C:\\Windows\\Temp\\evil.dll")],
    ),
    ("process powershell", [("process_name", "powershell")]),
    ("who ran certutil", [("process_name", "certutil")]),
    ("executed mshta", [("process_name", "mshta")]),
    ("regsvr32 launched", [("process_name", "regsvr32")]),
    ("wmic process call create", [("process_name", "wmic")]),
    ("psexec was used", [("process_name", "psexec")]),
    ("child processes of cmd", [("process_name", "cmd")]),
    ("powershell in the report", []),
    ("net new alerts", []),
    ("wevtutil cl was used", [("process_name", "wevtutil"), ("command_line", "cl")]),
    (
        "bitsadmin run with /transfer",
        [("process_name", "bitsadmin"), ("command_line", "/transfer")],
    ),
    # A web path is the URL asked for, not a switch.
    ("requests for /owa/auth/logon.aspx", [("url", "/owa/auth/logon.aspx")]),
    ("GET /api/login from the portal", [("url", "/api/login")]),
    ("files in /tmp/stage", [("folder_path", "/tmp/stage")]),
    ("outbound SMB 445 traffic", [("port", "445")]),
    ("logons made by svc_backup", [("user", "svc_backup")]),
    ("files downloaded by Ravi Patel", [("user", "Ravi Patel")]),
    ("processes launched by user t.nguyen", [("user", "t.nguyen")]),
    ("accounts ran nltest", [("process_name", "nltest")]),
    ("user sign in logs", []),
    ("messages mentioning Winlogon", [("quoted_text", "Winlogon")]),
    ("the word started", [("quoted_text", "started")]),
    ("user agents hitting the portal", []),
    ("PowerShell.exe spawned", [("process_name", "PowerShell.exe")]),
    ("device WS-0231", [("device", "WS-0231")]),
    ("on host srv-db-01", [("device", "srv-db-01")]),
    ("machine named FINANCE01", [("device", "FINANCE01")]),
    ("computer: laptop42", [("device", "laptop42")]),
    ("endpoint=dc01.contoso.local", [("device", "dc01.contoso.local")]),
    ("workstation PC-A1 and server SQLPROD", [("device", "PC-A1"), ("device", "SQLPROD")]),
    ("logons on DESKTOP-7H3K2LP", [("device", "DESKTOP-7H3K2LP")]),
    ("activity on host.contoso.local", [("device", "host.contoso.local")]),
    ("devices with the agent", []),
    ("exploits of CVE-2021-44228", [("cve", "CVE-2021-44228")]),
    ("sign-ins using TLS-12", []),
    ("hosts that ran rundll32", [("process_name", "rundll32")]),
    ("user jdoe", [("user", "jdoe")]),
    ("account svc_backup", [("user", "svc_backup")]),
    ("username: a.smith", [("user", "a.smith")]),
    ("logons by CONTOSO\\jdoe", [("user", "CONTOSO\\jdoe")]),
    ("launched by adm-kim", [("user", "adm-kim")]),
    ("accounts with MFA", []),
    ("sort by time", []),
    ("machine account WS01$", [("user", "WS01$")]),
    ('command line "whoami /all"', [("command_line", "whoami /all")]),
    ('commandline "net user /add"', [("command_line", "net user /add")]),
    ('processes with "-enc SQBFAFgA"', [("command_line", "-enc SQBFAFgA")]),
    ('containing "Invoke-Mimikatz"', [("command_line", "Invoke-Mimikatz")]),
    ('cmdline: "cmd /c \\"whoami\\""', [("command_line", 'cmd /c "whoami"')]),
    ("command line 'vssadmin delete shadows'", [("command_line", "vssadmin delete shadows")]),
    ("port 445", [("port", "445")]),
    ("ports 3389", [("port", "3389")]),
    ("connections to :3389", [("port", "3389")]),
    ("host srv-01:445", [("device", "srv-01"), ("port", "445")]),
    ("port 70000", []),
    ("sign-ins from Russia", [("country", "RU")]),
    ("traffic from north korea", [("country", "KP")]),
    ("sign-ins in RU", [("country", "RU")]),
    ("logons from CN or the United Kingdom", [("country", "CN"), ("country", "GB")]),
    ("users in the Netherlands", [("country", "NL")]),
    ("from Turkey", [("country", "TR")]),
    ("turkey sandwich", []),
    ("users in IT", []),
    ("from US", [("country", "US")]),
    ("us and them", []),
    (
        "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run",
        [("registry_key", "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run")],
    ),
    ("key HKEY_CURRENT_USER\\Environment.", [("registry_key", "HKEY_CURRENT_USER\\Environment")]),
    ("HKCU:\\Software\\Classes", [("registry_key", "HKCU:\\Software\\Classes")]),
    (
        '"HKLM\\SYSTEM\\CurrentControlSet\\Services\\My Service"',
        [("registry_key", "HKLM\\SYSTEM\\CurrentControlSet\\Services\\My Service")],
    ),
    ('title "Quarterly results"', [("quoted_text", "Quarterly results")]),
    ("subject 'urgent: invoice'", [("quoted_text", "urgent: invoice")]),
    ('file "invoice.docm"', [("file_name", "invoice.docm")]),
    ('ip "10.0.0.1"', [("ipv4", "10.0.0.1")]),
    ("the user's sign-ins", []),
    ("don't alert on 'x'", [("quoted_text", "x")]),
    ('unterminated "quote here', []),
    ('empty "" quotes', []),
    ("\u201csmart quoted\u201d text", [("quoted_text", "smart quoted")]),
]


@pytest.mark.parametrize(("question", "expected"), CASES)
def test_extract_entities(question: str, expected: list[tuple[str, str]]) -> None:
    found = extract_entities(question)
    assert [(entity.kind, entity.value) for entity in found] == expected


def test_cases_are_many_and_distinct() -> None:
    assert len({question for question, _ in CASES}) == len(CASES) >= 80


@pytest.mark.parametrize(
    ("question", "spans"),
    [
        ("traffic to evil[.]com now", ["evil[.]com"]),
        ("clicks on hxxps://evil[.]com/x", ["hxxps://evil[.]com/x"]),
        ('command line "a \\"b\\""', ['"a \\"b\\""']),
        ("port 445", ["445"]),
        ("from Russia", ["Russia"]),
        ("mail from alice@contoso.com", ["alice@contoso.com"]),
    ],
)
def test_spans_point_at_the_value_as_written(question: str, spans: list[str]) -> None:
    found = extract_entities(question)
    assert [question[e.span[0] : e.span[1]] for e in found] == spans


def test_a_realistic_question() -> None:
    question = (
        "Show processes on host WS-0231 where user CONTOSO\\jdoe ran powershell.exe with "
        '"-nop -w hidden" and connected to 203.0.113.7:443 or hxxp://bad[.]example[.]com/a '
        "in the last 7 days"
    )
    assert [(e.kind, e.value) for e in extract_entities(question)] == [
        ("device", "WS-0231"),
        ("user", "CONTOSO\\jdoe"),
        ("process_name", "powershell.exe"),
        ("command_line", "-nop -w hidden"),
        ("ipv4", "203.0.113.7"),
        ("port", "443"),
        ("url", "http://bad.example.com/a"),
    ]


def test_entity_is_a_value() -> None:
    (entity,) = extract_entities("port 22")
    assert entity == Entity("port", "22", (5, 7))  # type: ignore[arg-type]


HOSTILE = st.text(alphabet=st.sampled_from("\"'\\.:/@[]()-_ aZ09fhxtp\u201c\u201d%$"), max_size=60)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=120), HOSTILE))
def test_extraction_never_raises_and_spans_are_sound(text: str) -> None:
    found = extract_entities(text)
    previous_end = 0
    for entity in found:
        start, end = entity.span
        assert 0 <= start < end <= len(text)
        assert start >= previous_end
        assert entity.value
        previous_end = end
