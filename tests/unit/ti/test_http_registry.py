"""The HTTP providers are registered under their settings' names and built from settings."""

from __future__ import annotations

import asyncio

from wingman.adapters.ti.provider import HttpProvider
from wingman.adapters.ti.registry import HTTP_PROVIDERS, build_providers
from wingman.config import ProviderSettings, TISettings, parse_rate


def test_every_provider_is_registered_under_its_name_and_has_settings() -> None:
    assert set(HTTP_PROVIDERS) == {
        "virustotal",
        "abuseipdb",
        "otx",
        "greynoise",
        "misp",
        "urlhaus",
        "threatfox",
        "malwarebazaar",
    }
    for name, kind in HTTP_PROVIDERS.items():
        assert kind.name == name
        assert isinstance(TISettings.model_fields[name].default, ProviderSettings)
        assert kind.types
        if kind.default_rate is not None:
            parse_rate(kind.default_rate)


def test_build_providers_builds_every_http_provider_but_misp_without_a_url() -> None:
    settings = TISettings(enabled=tuple(HTTP_PROVIDERS))
    providers, problems = build_providers(settings)
    try:
        assert [p.name for p in providers] == [n for n in HTTP_PROVIDERS if n != "misp"]
        assert problems == [
            "misp: not configured: misp has no public server: set WINGMAN_TI__MISP__BASE_URL"
        ]
    finally:
        for provider in providers:
            asyncio.run(provider.aclose())


def test_build_providers_passes_url_key_and_rate() -> None:
    settings = TISettings(
        enabled=("misp", "virustotal"),
        misp=ProviderSettings(base_url="https://misp.internal.example/", api_key="m-key"),
        virustotal=ProviderSettings(api_key="v-key", rate="1000/60s"),
    )
    providers, problems = build_providers(settings)
    try:
        misp, virustotal = providers
        assert isinstance(misp, HttpProvider)
        assert isinstance(virustotal, HttpProvider)
        assert problems == []
        assert (misp.base_url, misp.api_key, misp.rate) == (
            "https://misp.internal.example",
            "m-key",
            None,
        )
        assert (virustotal.base_url, virustotal.api_key, virustotal.rate) == (
            "https://www.virustotal.com",
            "v-key",
            "1000/60s",
        )
    finally:
        for provider in providers:
            asyncio.run(provider.aclose())


def test_a_base_url_httpx_cannot_use_is_a_problem_not_a_crash() -> None:
    settings = TISettings(enabled=("otx",), otx=ProviderSettings(base_url="::::"))
    providers, problems = build_providers(settings)
    assert providers == []
    assert problems[0].startswith("otx: not configured: ")
