"""Knowledge-base tables NLToKQL looks facts up in: a CVE's exploit and CVSS, a configuration's
impact and remediation, a browser extension's permissions (read by enrichment.py via links.py)."""

from __future__ import annotations

from typing import Final

from wingman.core.kql.planner.links_base import Link, cue

# "Exploitable", "an exploit is available"; not "known exploited" (a list of CVEs attacked in the
# wild, which the question names itself).
_EXPLOIT = cue(
    r"\bexploitable\b|\bexploits?\s+(?:is\s+|are\s+)?available\b|"
    r"\b(?:available|public|known|with\s+an?|have\s+an?|has\s+an?)\s+exploits?\b|"
    r"\bproofs?\s+of\s+concept\b|\bpocs?\b|\bexploit\s+kits?\b"
)
_SCORE = cue(r"\bcvss\b|\b(?:severity|risk|base)\s+scores?\b")
_DETAILS = cue(r"\b(?:descriptions?|details|info|information|published|publication date)\b")
_KB_COLUMNS: Final = (
    "CvssScore",
    "IsExploitAvailable",
    "PublishedDate",
    "VulnerabilityDescription",
)
# What the configuration knowledge base says: impact, benchmarks, remediation, compliance.
_CONFIGURATION = cue(
    r"\b(?:prioriti\w*|impact|benchmarks?|remediat\w*|(?:non[- ]?|not\s+)compliant|"
    r"recommend\w*)\b"
)
_EXTENSION = cue(r"\b(?:permissions?|risk\w*|critical|descriptions?)\b")


def vulnerability_links() -> tuple[Link, ...]:
    kb = "DeviceTvmSoftwareVulnerabilitiesKB"
    return (
        Link(
            kb,
            "CveId",
            "CveId",
            _EXPLOIT,
            "vulnerabilities with a known exploit",
            condition="IsExploitAvailable == true",
            columns=_KB_COLUMNS,
            lookup=True,
        ),
        Link(
            kb, "CveId", "CveId", _SCORE, "each CVE's CVSS score", columns=_KB_COLUMNS, lookup=True
        ),
        Link(
            kb,
            "CveId",
            "CveId",
            _DETAILS,
            "each CVE's description",
            columns=_KB_COLUMNS,
            lookup=True,
        ),
    )


KNOWLEDGE: Final[dict[str, tuple[Link, ...]]] = {
    "DeviceTvmSoftwareVulnerabilities": vulnerability_links(),
    "DeviceTvmSecureConfigurationAssessment": (
        Link(
            "DeviceTvmSecureConfigurationAssessmentKB",
            "ConfigurationId",
            "ConfigurationId",
            _CONFIGURATION,
            "each configuration's impact and remediation",
            columns=(
                "ConfigurationName",
                "ConfigurationImpact",
                "RiskDescription",
                "RemediationOptions",
            ),
            lookup=True,
        ),
    ),
    "DeviceTvmBrowserExtensions": (
        Link(
            "DeviceTvmBrowserExtensionsKB",
            "ExtensionId",
            "ExtensionId",
            _EXTENSION,
            "each extension's permissions and their risk",
            columns=("PermissionName", "PermissionRisk", "PermissionDescription"),
            lookup=True,
        ),
    ),
}
