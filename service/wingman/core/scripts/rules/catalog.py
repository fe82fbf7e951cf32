"""Every behaviour rule, merged from the family modules in a fixed order."""

from __future__ import annotations

from collections.abc import Sequence

from wingman.core.scripts.rules import (
    batch,
    c2,
    credential,
    discovery,
    evasion,
    execution,
    exfiltration,
    impact,
    lateral,
    lolbins,
    obfuscation,
    persistence,
    powershell,
    privesc,
    pyscript,
    spread,
    techniques_cloud,
    techniques_cloud_identity,
    techniques_containers,
    techniques_unix,
    techniques_unix_credential,
    techniques_unix_evasion,
    techniques_unix_persistence,
    techniques_windows,
    techniques_windows_collection,
    techniques_windows_credential,
    techniques_windows_evasion,
    techniques_windows_execution,
    techniques_windows_hiding,
    techniques_windows_network,
    techniques_windows_persistence,
    techniques_windows_recon,
    techniques_windows_registry,
    unix,
    wsh,
)
from wingman.core.scripts.rules.engine import Rule


def merge(*families: Sequence[Rule]) -> tuple[Rule, ...]:
    """Concatenate rule families in order, refusing an id that appears twice."""
    merged: list[Rule] = []
    seen: set[str] = set()
    for family in families:
        for rule in family:
            if rule.id in seen:
                raise ValueError(f"rule {rule.id!r} registered twice")
            seen.add(rule.id)
            merged.append(rule)
    return tuple(merged)


# The order is part of the contract: behaviours with equal weight are reported in it.
FAMILIES: tuple[tuple[str, tuple[Rule, ...]], ...] = (
    ("execution", execution.RULES),
    ("evasion", evasion.RULES),
    ("obfuscation", obfuscation.RULES),
    ("persistence", persistence.RULES),
    ("privilege-escalation", privesc.RULES),
    ("credential-access", credential.RULES),
    ("discovery", discovery.RULES),
    ("lateral-movement", lateral.RULES),
    ("lolbins", lolbins.RULES),
    ("command-and-control", c2.RULES),
    ("exfiltration", exfiltration.RULES),
    ("impact", impact.RULES),
    ("spreading", spread.RULES),
    ("powershell", powershell.RULES),
    ("batch", batch.RULES),
    ("windows-script-host", wsh.RULES),
    ("unix-shell", unix.RULES),
    ("python", pyscript.RULES),
    ("techniques-windows", techniques_windows.RULES),
    ("techniques-windows-recon", techniques_windows_recon.RULES),
    ("techniques-windows-network", techniques_windows_network.RULES),
    ("techniques-windows-credential", techniques_windows_credential.RULES),
    ("techniques-windows-evasion", techniques_windows_evasion.RULES),
    ("techniques-windows-hiding", techniques_windows_hiding.RULES),
    ("techniques-windows-persistence", techniques_windows_persistence.RULES),
    ("techniques-windows-execution", techniques_windows_execution.RULES),
    ("techniques-windows-collection", techniques_windows_collection.RULES),
    ("techniques-windows-registry", techniques_windows_registry.RULES),
    ("techniques-unix", techniques_unix.RULES),
    ("techniques-unix-credential", techniques_unix_credential.RULES),
    ("techniques-unix-persistence", techniques_unix_persistence.RULES),
    ("techniques-unix-evasion", techniques_unix_evasion.RULES),
    ("techniques-cloud", techniques_cloud.RULES),
    ("techniques-cloud-identity", techniques_cloud_identity.RULES),
    ("techniques-containers", techniques_containers.RULES),
)

RULES: tuple[Rule, ...] = merge(*(rules for _, rules in FAMILIES))
