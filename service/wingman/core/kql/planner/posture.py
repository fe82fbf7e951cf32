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
# Devices and the estate are what the assessment tables hold; a knowledge base only describes.
_ESTATE = re.compile(
    r"\b(devices?|machines?|endpoints?|hosts?|servers?|your (environment|tenant|estate|devices))\b",
    re.IGNORECASE,
)
# What is left of a posture table's evidence in a text that never speaks of posture: little in a
# write-up, some in a question.
_INCIDENTAL_SHARE = 0.3
_QUESTION_SHARE = 0.6
_KB_SHARE = 0.5


def posture_share(name: str, text: str, *, documentation: bool) -> float:
    """How much of a posture table's evidence stands in this text."""
    if not _POSTURE_TABLE.match(name):
        return 1.0
    share = 1.0
    if not _POSTURE.search(text):
        share = _INCIDENTAL_SHARE if documentation else _QUESTION_SHARE
    if name.endswith("KB") and _ESTATE.search(text):
        share *= _KB_SHARE
    return share
