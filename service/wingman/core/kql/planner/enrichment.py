"""Tables whose rows a question describes through a companion table: e-mails with links or
attachments, alerts by their evidence, vulnerabilities by their knowledge base, devices by their
inventory, accounts by their directory roles. The companion is joined on the key both share."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from wingman.core.kql.catalog import Catalog
from wingman.core.kql.literals import identifier

if TYPE_CHECKING:
    from wingman.core.kql.planner.compose import Composition


@dataclass(frozen=True, slots=True)
class Companion:
    """A table the question describes the rows of `table` through."""

    table: str
    companion: str
    # (column of the table, column of the companion)
    key: tuple[str, str]
    pattern: re.Pattern[str]
    says: str
    condition: str = ""


def _co(
    table: str, companion: str, key: str | tuple[str, str], pattern: str, says: str, cond: str = ""
) -> Companion:
    pair = (key, key) if isinstance(key, str) else key
    return Companion(table, companion, pair, re.compile(pattern, re.I), says, cond)


_PRIVILEGED = (
    r"\b(privileged (users?|accounts?|(azure ad |entra )?roles?|identit(y|ies))|"
    r"(global|exchange|security|privileged) (admin\w*|administrators?)|assigned roles?|"
    r"holds? (an? )?(privileged|admin\w*) role)\b"
)
_ROLES = "isnotempty(AssignedRoles) and tostring(AssignedRoles) != '[]'"
# What only the e-mail itself says: who sent it, to whom, what it was called, where it went.
_MAIL_TRAITS = (
    r"\b(senders?|sent (by|from)|recipients?|subjects?|delivered|delivery|inbox(es)?|"
    r"junk|quarantin\w*|spoof\w*|(inbound|outbound|external) (e-?mails?|messages?)|"
    r"(e-?mails?|messages?) (about|from|to|that|which|whose))\b"
)
_DEPARTMENT = r"\b(departments?|job titles?)\b"

COMPANIONS: Final[tuple[Companion, ...]] = (
    _co(
        "EmailEvents",
        "EmailUrlInfo",
        "NetworkMessageId",
        r"\b(urls?|links?|hyperlinks?|url parts?)\b",
        "the links they carry",
    ),
    _co(
        "EmailEvents",
        "EmailAttachmentInfo",
        "NetworkMessageId",
        r"\battach\w*|\.(docx?|docm|xlsx?|xlsm|zip|rar|iso|img|lnk|html?|js|exe)\b",
        "their attachments",
    ),
    _co(
        "EmailUrlInfo",
        "EmailEvents",
        "NetworkMessageId",
        _MAIL_TRAITS,
        "the e-mails that carry them",
    ),
    _co(
        "EmailAttachmentInfo",
        "EmailEvents",
        "NetworkMessageId",
        _MAIL_TRAITS,
        "the e-mails that carry them",
    ),
    _co(
        "AlertInfo",
        "AlertEvidence",
        "AlertId",
        r"\b(evidence|entit(y|ies)|upns?|involv\w*|file ?names?|files?|devices?|machines?|"
        r"accounts?|ip addresses)\b",
        "their evidence",
    ),
    _co(
        "AlertEvidence",
        "AlertInfo",
        "AlertId",
        r"\balerts?\b.{0,30}\b(titles?|severit\w*|categor\w*|names?|enrich\w*)\b|"
        r"\b(titles?|severit\w*|categor\w*)\b.{0,30}\balerts?\b",
        "the alerts they are evidence of",
    ),
    _co(
        "DeviceTvmSoftwareVulnerabilitiesKB",
        "DeviceTvmSoftwareVulnerabilities",
        "CveId",
        r"\b(devices?|machines?|endpoints?|servers?|your (environment|tenant))\b",
        "the devices exposed to them",
    ),
    _co(
        "DeviceTvmSoftwareVulnerabilities",
        "DeviceTvmSoftwareVulnerabilitiesKB",
        "CveId",
        r"\b(exploit(s|able|ability)?|cvss|published|pocs?|proofs? of concept|exploit kits?)\b",
        "what the knowledge base says of them",
    ),
    _co(
        "DeviceTvmSecureConfigurationAssessment",
        "DeviceTvmSecureConfigurationAssessmentKB",
        "ConfigurationId",
        r"\b(prioriti\w*|impact|benchmarks?|remediat\w*|(non[- ]?|not )compliant|"
        r"recommend\w*)\b",
        "what the knowledge base says of the configurations",
    ),
    _co(
        "DeviceTvmBrowserExtensions",
        "DeviceTvmBrowserExtensionsKB",
        "ExtensionId",
        r"\b(permissions?|risk\w*|critical|descriptions?|names?)\b",
        "what the knowledge base says of the extensions",
    ),
    _co(
        "SigninLogs",
        "IdentityInfo",
        ("UserPrincipalName", "AccountUPN"),
        _PRIVILEGED,
        "accounts that hold directory roles",
        _ROLES,
    ),
    _co(
        "AADSignInEventsBeta",
        "IdentityInfo",
        "AccountObjectId",
        _PRIVILEGED,
        "accounts that hold directory roles",
        _ROLES,
    ),
    _co(
        "CloudAppEvents",
        "IdentityInfo",
        "AccountObjectId",
        _PRIVILEGED,
        "accounts that hold directory roles",
        _ROLES,
    ),
    _co(
        "CloudAppEvents",
        "IdentityInfo",
        "AccountObjectId",
        _DEPARTMENT,
        "the accounts' departments",
    ),
)
# What a device table's rows are told apart by in DeviceInfo.
_DEVICE_TRAITS: Final[tuple[tuple[re.Pattern[str], str, str], ...]] = (
    (re.compile(r"\b(internet|public)[- ]facing\b|\bexposed to the internet\b", re.I),
     "IsInternetFacing == true", "devices facing the internet"),
    (re.compile(r"\bnon[- ]server\b|\bworkstations? only\b", re.I),
     'DeviceType != "Server"', "devices that are not servers"),
)  # fmt: skip


def enrichment_join(
    plan: Composition, *, question: str, catalog: Catalog, platform: str, time_filter: str
) -> None:
    """Join the companion table the question describes the plan's rows through."""
    for companion in COMPANIONS:
        if companion.table != plan.table.name or not companion.pattern.search(question):
            continue
        if _join(plan, companion, catalog=catalog, platform=platform, time_filter=time_filter):
            return
    _device_traits(plan, question, catalog=catalog, platform=platform, time_filter=time_filter)


def _join(
    plan: Composition, companion: Companion, *, catalog: Catalog, platform: str, time_filter: str
) -> bool:
    from wingman.core.kql.planner.filters import Clause

    other = catalog.table(companion.companion)
    left, right = companion.key
    if other is None or platform not in other.platforms:
        return False
    if left not in plan.table.columns or right not in other.columns:
        return False
    if any(companion.companion in c.kql for c in plan.clauses):
        return False  # already joined for a value only it holds
    inner = [identifier(other.name)]
    time = other.time_column(platform)
    if time and not other.name.endswith("KB"):
        inner.append(time_filter.replace("{time}", identifier(time)))
    if companion.condition:
        inner.append(f"where {companion.condition}")
    inner.append(f"distinct {identifier(right)}")
    on = identifier(left) if left == right else f"$left.{left} == $right.{right}"
    plan.clauses.append(
        Clause(
            f"join kind=leftsemi ({' | '.join(inner)}) on {on}",
            f"Keep rows described by {companion.says} in {other.name} (matched on {left}).",
        )
    )
    return True


def _device_traits(
    plan: Composition, question: str, *, catalog: Catalog, platform: str, time_filter: str
) -> None:
    from wingman.core.kql.planner.filters import Clause

    info = catalog.table("DeviceInfo")
    table = plan.table
    if info is None or table.name == "DeviceInfo" or platform not in info.platforms:
        return
    if "DeviceId" not in table.columns or any("DeviceInfo" in c.kql for c in plan.clauses):
        return
    found = [(cond, says) for pattern, cond, says in _DEVICE_TRAITS if pattern.search(question)]
    if not found:
        return
    inner = [identifier("DeviceInfo")]
    time = info.time_column(platform)
    if time:
        inner.append(time_filter.replace("{time}", identifier(time)))
    inner += [f"where {cond}" for cond, _ in found]
    inner.append("distinct DeviceId")
    said = " and ".join(says for _, says in found)
    plan.clauses.append(
        Clause(
            f"join kind=leftsemi ({' | '.join(inner)}) on DeviceId",
            f"Keep {said}, as DeviceInfo has them (matched on DeviceId).",
        )
    )
