"""The HTTP threat-intelligence providers: one declarative `HttpProvider` subclass each."""

from wingman.adapters.ti.http.abusech import MalwareBazaar, ThreatFox, URLhaus
from wingman.adapters.ti.http.abuseipdb import AbuseIPDB
from wingman.adapters.ti.http.greynoise import GreyNoise
from wingman.adapters.ti.http.misp import MISP
from wingman.adapters.ti.http.otx import OTX
from wingman.adapters.ti.http.virustotal import VirusTotal

__all__ = [
    "MISP",
    "OTX",
    "AbuseIPDB",
    "GreyNoise",
    "MalwareBazaar",
    "ThreatFox",
    "URLhaus",
    "VirusTotal",
]
