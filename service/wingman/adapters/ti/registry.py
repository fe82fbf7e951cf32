"""The providers this build carries, by the name `WINGMAN_TI__ENABLED` uses (explicit dicts)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import httpx

from wingman.adapters.ti.http import (
    MISP,
    OTX,
    AbuseIPDB,
    GreyNoise,
    MalwareBazaar,
    ThreatFox,
    URLhaus,
    VirusTotal,
)
from wingman.adapters.ti.offline import load_ioc_list, load_misp_feed, load_stix
from wingman.adapters.ti.provider import HttpProvider, Provider
from wingman.config import FeedSettings, TISettings

# HTTP providers: built from `WINGMAN_TI__<NAME>__{BASE_URL,API_KEY,TIMEOUT_MS,RATE}`.
HTTP_PROVIDERS: Mapping[str, type[HttpProvider]] = {
    "virustotal": VirusTotal,
    "abuseipdb": AbuseIPDB,
    "otx": OTX,
    "greynoise": GreyNoise,
    "misp": MISP,
    "urlhaus": URLhaus,
    "threatfox": ThreatFox,
    "malwarebazaar": MalwareBazaar,
}
# Offline sources: built from `WINGMAN_TI__<NAME>__PATH`, read once at startup.
OFFLINE_PROVIDERS: Mapping[str, Callable[[FeedSettings], Provider]] = {
    "stix": load_stix,
    "misp_feed": load_misp_feed,
    "ioc_list": load_ioc_list,
}


def build_providers(settings: TISettings) -> tuple[list[Provider], list[str]]:
    """The enabled providers, and a sentence for each one that could not be built."""
    providers: list[Provider] = []
    problems: list[str] = []
    for name in settings.enabled:
        config = getattr(settings, name, None)
        if name in HTTP_PROVIDERS and config is not None:
            key = config.api_key.get_secret_value() if config.api_key else None
            try:
                providers.append(
                    HTTP_PROVIDERS[name](base_url=config.base_url, api_key=key, rate=config.rate)
                )
            except (ValueError, httpx.InvalidURL) as problem:
                problems.append(f"{name}: not configured: {problem}")
        elif name in OFFLINE_PROVIDERS and config is not None:
            try:
                providers.append(OFFLINE_PROVIDERS[name](config))
            except (OSError, ValueError) as problem:
                problems.append(f"{name}: not loaded: {problem}")
        else:
            known = ", ".join(sorted({*HTTP_PROVIDERS, *OFFLINE_PROVIDERS}))
            problems.append(f"{name}: no such provider (known: {known or 'none'})")
    return providers, problems
