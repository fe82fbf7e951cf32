"""Redis key names of the gateway: cache entries per tenant, budgets per provider.

No hash-tag braces: an entry, its lease and a provider's budget are single-key operations, so
on a cluster they spread over the slots instead of piling onto one.
"""

from __future__ import annotations

import hashlib
import re

from wingman.core.models import Indicator
from wingman.core.tenant import Tenant

CACHE_VERSION = 1
_PROVIDER = re.compile(r"[a-z0-9][a-z0-9_-]{0,31}")


def checked_provider(name: str) -> str:
    """The provider name if it is fit for a key (lowercase, digits, `_`, `-`); else ValueError."""
    if not _PROVIDER.fullmatch(name):
        raise ValueError(f"provider name {name!r} is not fit for a key")
    return name


def cache_key(tenant: Tenant, provider: str, indicator: Indicator) -> str:
    """`wingman:<tenant>:ti:v1:<provider>:<type>:<sha256 of the canonical value>`."""
    digest = hashlib.sha256(indicator.value.encode("utf-8")).hexdigest()
    name = checked_provider(provider)
    return f"wingman:{tenant.id}:ti:v{CACHE_VERSION}:{name}:{indicator.type.value}:{digest}"


def lease_key(key: str) -> str:
    """The lease one process holds while it looks the entry `key` up upstream."""
    return f"{key}:lease"


def budget_key(provider: str) -> str:
    """`wingman:ti-budget:v1:<provider>`: the provider's token bucket and pause.

    Keyed by provider only, not tenant: the budget belongs to the provider credential, which every
    tenant's lookups spend, so one bucket shared by all processes and tenants is what keeps the
    service within the provider's quota. It holds counts and times only, never tenant data.
    """
    return f"wingman:ti-budget:v{CACHE_VERSION}:{checked_provider(provider)}"
