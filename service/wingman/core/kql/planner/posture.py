"""The posture tables (DeviceTvm*) hold what devices are exposed to, not what happened on them:
a write-up about a CVE being exploited hunts the attack, so in a long text these tables need
posture language (vulnerable devices, software inventory, configuration assessment)."""

from __future__ import annotations

import re

_POSTURE = re.compile(
    r"\b(vulnerability (management|assessment|report|data|information)|tvm|"
    r"threat (and|&) vulnerability|software inventory|installed (software|applications?|"
    r"extensions?|versions?)|inventory|configuration (assessment|state|changes?)|"
    r"secure configurations?|security configurations?|misconfigur\w*|(non[- ]?)?compliant|"
    r"compliance|exposure|exposed|cvss|(exploits?|pocs?|proofs? of concept) "
    r"((is|are) )?(publicly )?available|(publicly )?available (exploits?|pocs?)|"
    r"end[- ]of[- ]support|browser extensions?|missing (security )?(patch|update|kb)\w*|"
    r"unpatched|vulnerable (devices?|machines?|software|versions?|assets|endpoints)|"
    r"(devices?|machines?|endpoints|assets) (that are |which are )?(vulnerable|affected|"
    r"missing)|(number|count|list|top( \d+)?|total) of (\w+ )?vulnerabilit\w*|"
    r"most (\w+ )?vulnerabilit\w*|vulnerabilit(y|ies) (on|in|of|per|by|that) (your |the |each |"
    r"a |all )?(devices?|machines?|environment|tenant|organi[sz]ations?|servers?)|"
    r"prioriti[sz]\w*|patch(ing|ed)? (status|level)|(need|needs|should) (to )?be patch\w*|"
    r"firmware|recommendations?|remediat\w*|vulnerabilit(y|ies) (that|which) (need|should)|"
    r"vulnerabilit(y|ies) (\w+ ){0,4}(in|on|across) (your|our|the) (environment|tenant|estate|"
    r"organi[sz]ations?|devices|fleet))\b",
    re.IGNORECASE,
)
_POSTURE_TABLE = re.compile(r"^DeviceTvm")
# What is left of a posture table's evidence in a write-up that never speaks of posture.
_INCIDENTAL_SHARE = 0.3


def posture_share(name: str, text: str, *, documentation: bool) -> float:
    """How much of a posture table's evidence stands in this text."""
    if not documentation or not _POSTURE_TABLE.match(name):
        return 1.0
    return 1.0 if _POSTURE.search(text) else _INCIDENTAL_SHARE
