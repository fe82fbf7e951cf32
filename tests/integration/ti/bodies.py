"""Recorded-style answers in each provider's documented shape, with invented values.

Every indicator is fictional: documentation address ranges (RFC 5737, RFC 3849), `.example`
names, and hashes made of repeated hex words. Builders take the few values a test varies.
"""

from __future__ import annotations

from typing import Any

from wingman.core.models import Indicator, IndicatorType

IP_BAD = Indicator(type=IndicatorType.IPV4, value="203.0.113.66")
IP_ODD = Indicator(type=IndicatorType.IPV4, value="198.51.100.23")
IP_GOOD = Indicator(type=IndicatorType.IPV4, value="192.0.2.10")
IP_NEW = Indicator(type=IndicatorType.IPV4, value="192.0.2.99")
IPV6 = Indicator(type=IndicatorType.IPV6, value="2001:db8::66")
DOMAIN = Indicator(type=IndicatorType.DOMAIN, value="malware-drop.example")
HOSTNAME = Indicator(type=IndicatorType.DOMAIN, value="cdn.malware-drop.example")
URL = Indicator(type=IndicatorType.URL, value="http://malware-drop.example/invoice.exe")
EMAIL = Indicator(type=IndicatorType.EMAIL, value="payroll@malware-drop.example")
MD5 = Indicator(type=IndicatorType.MD5, value="0badc0de" * 4)
SHA1 = Indicator(type=IndicatorType.SHA1, value="feedface" * 5)
SHA256 = Indicator(type=IndicatorType.SHA256, value="deadbeef" * 8)

# 2026-01-02T03:04:05Z and 2026-02-03T04:05:06Z as epoch seconds.
EPOCH_FIRST = 1767323045
EPOCH_LAST = 1770091506


def virustotal(
    *,
    malicious: int,
    suspicious: int = 0,
    harmless: int = 0,
    undetected: int = 0,
    reputation: int = 0,
    kind: str = "file",
    ident: str = "deadbeef" * 8,
    label: str | None = "trojan.fakebot/invented",
) -> dict[str, Any]:
    """A VirusTotal v3 object (`/files`, `/ip_addresses`, `/domains`, `/urls`)."""
    attributes: dict[str, Any] = {
        "last_analysis_stats": {
            "malicious": malicious,
            "suspicious": suspicious,
            "harmless": harmless,
            "undetected": undetected,
            "timeout": 1,
            "type-unsupported": 4,
            "failure": 0,
            "confirmed-timeout": 0,
        },
        "reputation": reputation,
        "tags": ["peexe", "signed-invalid"],
        "first_submission_date": EPOCH_FIRST,
        "last_analysis_date": EPOCH_LAST,
        "meaningful_name": "invoice.exe",
    }
    if label is not None:
        attributes["popular_threat_classification"] = {
            "suggested_threat_label": label,
            "popular_threat_category": [{"count": 10, "value": "trojan"}],
        }
    return {
        "data": {
            "id": ident,
            "type": kind,
            "links": {"self": f"https://www.virustotal.com/api/v3/files/{ident}"},
            "attributes": attributes,
        }
    }


VIRUSTOTAL_NOT_FOUND = {"error": {"code": "NotFoundError", "message": 'File "deadbeef" not found'}}


def abuseipdb(
    ip: str,
    *,
    confidence: int,
    reports: int,
    whitelisted: bool = False,
    tor: bool = False,
    last: str | None = "2026-02-03T04:05:06+00:00",
) -> dict[str, Any]:
    """An AbuseIPDB v2 check answer."""
    return {
        "data": {
            "ipAddress": ip,
            "isPublic": True,
            "ipVersion": 4,
            "isWhitelisted": whitelisted,
            "abuseConfidenceScore": confidence,
            "countryCode": "ZZ",
            "usageType": "Data Center/Web Hosting/Transit",
            "isp": "Invented Hosting Ltd",
            "domain": "invented-hosting.example",
            "hostnames": [],
            "isTor": tor,
            "totalReports": reports,
            "numDistinctUsers": min(reports, 7),
            "lastReportedAt": last if reports else None,
        }
    }


def otx_pulse(name: str, *, created: str, modified: str, family: str = "") -> dict[str, Any]:
    """One pulse as OTX lists it in `pulse_info.pulses`."""
    return {
        "id": "0123456789abcdef01234567",
        "name": name,
        "description": "",
        "modified": modified,
        "created": created,
        "tags": ["phishing", "invented-campaign"],
        "references": [],
        "public": 1,
        "adversary": "",
        "targeted_countries": [],
        "malware_families": (
            [{"id": family, "display_name": family, "target": None}] if family else []
        ),
        "attack_ids": [],
        "TLP": "white",
    }


def otx(
    indicator: str,
    kind: str,
    *,
    pulses: list[dict[str, Any]],
    validation: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """An OTX `general` section."""
    return {
        "whois": "",
        "reputation": 0,
        "indicator": indicator,
        "type": kind,
        "type_title": kind,
        "base_indicator": {},
        "pulse_info": {
            "count": len(pulses),
            "pulses": pulses,
            "references": [],
            "related": {
                "alienvault": {"adversary": [], "malware_families": [], "industries": []},
                "other": {"adversary": [], "malware_families": [], "industries": []},
            },
        },
        "false_positive": [],
        "validation": validation or [],
        "sections": ["general", "geo", "reputation", "url_list", "passive_dns", "malware"],
    }


def greynoise(
    ip: str, *, noise: bool, riot: bool, classification: str, name: str = "unknown"
) -> dict[str, Any]:
    """A GreyNoise Community answer."""
    return {
        "ip": ip,
        "noise": noise,
        "riot": riot,
        "classification": classification,
        "name": name,
        "link": f"https://viz.greynoise.io/ip/{ip}",
        "last_seen": "2026-02-03",
        "message": "Success",
    }


def greynoise_not_observed(ip: str) -> dict[str, Any]:
    """GreyNoise's 404 for an address it has not seen."""
    return {
        "ip": ip,
        "noise": False,
        "riot": False,
        "message": "IP not observed scanning the internet or contained in RIOT data set.",
    }


def misp_attribute(
    value: str, *, event: str, info: str, to_ids: bool, tags: tuple[str, ...] = ()
) -> dict[str, Any]:
    """One attribute of a restSearch answer, with its event and tags."""
    return {
        "id": f"9{event}",
        "event_id": event,
        "object_id": "0",
        "object_relation": None,
        "category": "Network activity",
        "type": "ip-dst",
        "to_ids": to_ids,
        "uuid": "00000000-0000-4000-8000-000000000000",
        "timestamp": str(EPOCH_LAST),
        "distribution": "5",
        "sharing_group_id": "0",
        "comment": "",
        "deleted": False,
        "disable_correlation": False,
        "first_seen": "2026-01-02T03:04:05.000000+00:00",
        "last_seen": None,
        "value": value,
        "Event": {
            "org_id": "1",
            "distribution": "1",
            "id": event,
            "info": info,
            "orgc_id": "1",
            "uuid": "00000000-0000-4000-8000-000000000001",
        },
        "Tag": [{"id": str(n), "name": tag, "colour": "#ffffff"} for n, tag in enumerate(tags)],
    }


def misp(attributes: list[dict[str, Any]]) -> dict[str, Any]:
    """A restSearch answer."""
    return {"response": {"Attribute": attributes}}


def urlhaus_url(url: str, *, status: str) -> dict[str, Any]:
    """URLhaus's answer for a listed URL."""
    return {
        "query_status": "ok",
        "id": "1234567",
        "urlhaus_reference": "https://urlhaus.abuse.ch/url/1234567/",
        "url": url,
        "url_status": status,
        "host": "malware-drop.example",
        "date_added": "2026-01-02 03:04:05 UTC",
        "last_online": "2026-02-03 04:05:06 UTC" if status != "unknown" else None,
        "threat": "malware_download",
        "blacklists": {"spamhaus_dbl": "abused_legit_malware", "surbl": "not listed"},
        "reporter": "invented_reporter",
        "larted": "true",
        "takedown_time_seconds": None,
        "tags": ["exe", "FakeLoader"],
        "payloads": [],
    }


def urlhaus_host(host: str, *, statuses: list[str]) -> dict[str, Any]:
    """URLhaus's answer for a host that served malware URLs."""
    return {
        "query_status": "ok",
        "urlhaus_reference": f"https://urlhaus.abuse.ch/host/{host}/",
        "host": host,
        "firstseen": "2026-01-02 03:04:05 UTC",
        "url_count": str(len(statuses)),
        "blacklists": {"spamhaus_dbl": "not listed", "surbl": "not listed"},
        "urls": [
            {
                "id": str(100 + n),
                "urlhaus_reference": f"https://urlhaus.abuse.ch/url/{100 + n}/",
                "url": f"http://{host}/drop{n}.bin",
                "url_status": status,
                "date_added": f"2026-01-0{n + 2} 03:04:05 UTC",
                "threat": "malware_download",
                "reporter": "invented_reporter",
                "larted": "false",
                "takedown_time_seconds": None,
                "tags": ["elf", "FakeBot"],
            }
            for n, status in enumerate(statuses)
        ],
    }


def urlhaus_payload(sha256: str) -> dict[str, Any]:
    """URLhaus's answer for a known payload."""
    return {
        "query_status": "ok",
        "md5_hash": "0badc0de" * 4,
        "sha256_hash": sha256,
        "file_type": "exe",
        "file_size": "123456",
        "signature": "FakeLoader",
        "firstseen": "2026-01-02 03:04:05",
        "lastseen": "2026-02-03 04:05:06",
        "url_count": "2",
        "urlhaus_download": f"https://urlhaus-api.abuse.ch/v1/download/{sha256}/",
        "virustotal": None,
        "imphash": None,
        "ssdeep": None,
        "tlsh": None,
        "urls": [],
    }


def threatfox_ioc(ioc: str, *, confidence: int, ident: int = 4242) -> dict[str, Any]:
    """One IOC as ThreatFox lists it in `data`."""
    return {
        "id": str(ident),
        "ioc": ioc,
        "threat_type": "botnet_cc",
        "threat_type_desc": "Indicator that identifies a botnet command&control server (C&C)",
        "ioc_type": "ip:port",
        "ioc_type_desc": "ip:port combination that is used for botnet Command&control (C&C)",
        "malware": "win.fakebot",
        "malware_printable": "FakeBot",
        "malware_alias": None,
        "malware_malpedia": "https://malpedia.example/details/win.fakebot",
        "confidence_level": confidence,
        "first_seen": "2026-01-02 03:04:05 UTC",
        "last_seen": None,
        "reference": None,
        "reporter": "invented_reporter",
        "tags": ["FakeBot", "c2"],
        "malware_samples": [],
    }


def threatfox(iocs: list[dict[str, Any]]) -> dict[str, Any]:
    """A ThreatFox search answer."""
    return {"query_status": "ok", "data": iocs}


THREATFOX_NONE = {"query_status": "no_result", "data": "Your search did not yield any results"}


def malwarebazaar(sha256: str, *, signature: str | None = "FakeLoader") -> dict[str, Any]:
    """A MalwareBazaar get_info answer."""
    return {
        "query_status": "ok",
        "data": [
            {
                "sha256_hash": sha256,
                "sha3_384_hash": "ab" * 48,
                "sha1_hash": "feedface" * 5,
                "md5_hash": "0badc0de" * 4,
                "first_seen": "2026-01-02 03:04:05",
                "last_seen": None,
                "file_name": "invoice.exe",
                "file_size": 123456,
                "file_type_mime": "application/x-dosexec",
                "file_type": "exe",
                "reporter": "invented_reporter",
                "origin_country": "ZZ",
                "anonymous": 0,
                "signature": signature,
                "imphash": "00" * 16,
                "tags": ["exe", "FakeLoader"],
                "intelligence": {"clamav": None, "downloads": "12", "uploads": "1"},
                "vendor_intel": {},
            }
        ],
    }
