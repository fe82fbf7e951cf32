"""Which sign-in table a question means: the context says it (a device, a domain controller, the
Entra tenant), else the word does ("logon" is a Windows word, "sign-in" an Entra one).

Each platform has several tables of sign-ins and logons; their names share words, so the words
of a name alone cannot tell them apart, and a question without sign-in language does not ask
for any of them ("a service principal added to Azure AD" is a directory change).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Final

from wingman.core.kql.planner.directory_concepts import DIRECTORY_CHANGE

_Bump = Callable[[str, float, str], object]

_SIGNIN_WORDS = re.compile(
    r"\b(sign(ed|s|ing)?[- ]?(in|ins|on|into)|signins?|"
    r"log(ged|s|ging)?[- ]?(on|ons|in|ins|into|onto)|"
    r"logons?|logins?|authenticat\w*|auth|credentials? (used|entered)|multi[- ]?factor|"
    r"mfa(?! (methods? |details? |phone |profile |settings |configuration )?"
    r"(registr|regist|chang|updat|detail|configur|delet|reset|add|method))|"
    r"single[- ]factor|2fa|conditional access|ca polic\w*|legacy auth\w*|passwordless|"
    r"password spray\w*|brute[- ]?forc\w*|lock(ed)?[- ]?out|failed attempts?|"
    r"(accessing|accessed|access to) (\w+ ){0,3}(applications?|apps|tenants?)|"
    r"(applications?|apps) (\w+ ){0,2}accessed|"
    r"connecting to (\w+ ){0,2}tenants?|"
    r"interactive(ly)?|(rdp|remote desktop)(?! (connections?|traffic|clients?|ports?|recon)))\b",
    re.IGNORECASE,
)
_WORD: Final[dict[str, re.Pattern[str]]] = {
    "logon": re.compile(r"\blog(ged|s)?[- ]?on(s|to)?\b|\blogons?\b", re.I),
    "login": re.compile(
        r"\blog(ged|s)?[- ]?in(s|to)?\b|\blogins?\b|\bauthenticat\w*|\bauth\b", re.I
    ),
    "signin": re.compile(r"\bsign(ed|s|ing)?[- ]?(in|ins|into|on)\b|\bsignins?\b", re.I),
}
_CONTEXTS: Final[dict[str, re.Pattern[str]]] = {
    # The Entra tenant: cloud sign-ins.
    "cloud": re.compile(
        r"\b(entra( id)?|azure ad|aad|azure active directory|tenants?|conditional access|"
        r"ca polic\w*|user ?agents?|browsers?|countr(y|ies)|geo\w*|locations?|cloud|"
        r"applications?|apps?|office ?365|m365|o365|mfa|multi[- ]?factor|single[- ]factor|"
        r"tokens?|device code|break ?glass|guests?|legacy auth\w*|passwordless|risky|"
        r"identity protection|outlook|teams|sharepoint|exchange online|aitm|"
        r"adversary[- ]in[- ]the[- ]middle|session)\b",
        re.I,
    ),
    # On-premises Active Directory, seen by Defender for Identity.
    "directory": re.compile(
        r"\b(domain controllers?|dcs?|active directory|kerberos|ntlm|ldap|defender for identity|"
        r"mdi|on[- ]?prem\w*|domain accounts?|service accounts?|adfs|krbtgt|ticket)\b",
        re.I,
    ),
    # A device or its Windows logon session.
    "device": re.compile(
        r"\b(devices?|machines?|computers?|hosts?|endpoints?|workstations?|servers?|"
        r"local (admin\w*|accounts?|users?|credentials?)|rdp|remote desktop|"
        r"remote ?interactive|interactive(ly)?|logon types?|network logons?|smb|"
        r"defender for endpoint|mde|windows devices|cached credentials)\b",
        re.I,
    ),
    # The Windows security log.
    "windows_log": re.compile(
        r"\b(46(24|25|48|72)|4776|4771|4768|4769|event ?ids?|security events?|"
        r"windows security (log|events?)|security logs?|windows event)\b|"
        r"(?<![\w\\])[A-Za-z][\w.-]{0,14}\\[A-Za-z0-9._$-]+",
        re.I,
    ),
}
# The authentication of another source's requests ("blob reads by anonymous authentication").
_ELSEWHERE = re.compile(
    r"\b(blobs?|storage|file shares?|key ?vaults?|iis|web (servers?|requests?)|http|"
    r"api (calls?|requests?)|aws|s3|cloudtrail|login profiles?|iam|sql|bastion|proxy|firewall)\b",
    re.I,
)
_SENTINEL_KINDS: Final[tuple[tuple[re.Pattern[str], str], ...]] = (
    (re.compile(r"\bnon[- ]?interactive\b", re.I), "AADNonInteractiveUserSignInLogs"),
    (re.compile(r"\bmanaged identit(y|ies)\b", re.I), "AADManagedIdentitySignInLogs"),
    (re.compile(r"\bservice principals?\b|\bspns?\b|\bworkload identit", re.I),
     "AADServicePrincipalSignInLogs"),
)  # fmt: skip
SIGNIN_TABLES: Final[frozenset[str]] = frozenset(
    {
        "SigninLogs",
        "AADNonInteractiveUserSignInLogs",
        "AADServicePrincipalSignInLogs",
        "AADManagedIdentitySignInLogs",
        "AADSignInEventsBeta",
        "AADSpnSignInEventsBeta",
        "EntraIdSignInEvents",
        "DeviceLogonEvents",
        "IdentityLogonEvents",
    }
)
_RISK_DETECTION = re.compile(
    r"\b(risk (detections?|events?)|unlikely travel|impossible travel|anonymous ip|"
    r"leaked credentials)",
    re.I,
)
_REMOTE = re.compile(r"\brdp\b|\bremote desktop\b|\bremote ?interactive\b", re.I)
_CONTEXT_WEIGHT = 3.5
# Without any sign-in language, what a sign-in table's name shares with the text is by the way.
_NO_SIGNIN_SHARE = 0.4


@lru_cache(maxsize=256)
def speaks_of_signins(text: str) -> bool:
    """Whether the text says anything about signing in, logging on or authenticating."""
    return _SIGNIN_WORDS.search(text) is not None


def signin_table(text: str, platform: str) -> tuple[str, str] | None:
    """The sign-in table the text's context or words point to, with the reason."""
    if not speaks_of_signins(text):
        return None
    word = next((name for name, pattern in _WORD.items() if pattern.search(text)), "")
    if word in ("", "login") and _ELSEWHERE.search(text):
        return None
    if not word and DIRECTORY_CHANGE.pattern.search(text):
        return None  # a conditional access policy changed is a directory change
    if _RISK_DETECTION.search(text):
        return None  # the detections of Identity Protection, not the sign-ins

    said = {name for name, pattern in _CONTEXTS.items() if pattern.search(text)}
    if platform == "sentinel":
        return _sentinel(text, said, word)
    return _defender(said, word)


def _defender(said: set[str], word: str) -> tuple[str, str]:
    if "cloud" in said and ("device" not in said or word == "signin"):
        return "AADSignInEventsBeta", "sign-ins to the Entra tenant"
    if "directory" in said:
        return "IdentityLogonEvents", "authentications against Active Directory"
    if "device" in said or word == "logon":
        return "DeviceLogonEvents", "logons on devices"
    return "IdentityLogonEvents", "accounts signing in to the domain"


def _sentinel(text: str, said: set[str], word: str) -> tuple[str, str]:
    for pattern, name in _SENTINEL_KINDS:
        if pattern.search(text):
            return name, "sign-ins of that kind of identity"
    if "windows_log" in said or ("directory" in said and "cloud" not in said):
        return "SecurityEvent", "Windows logon events"
    if "cloud" not in said and (word == "logon" or _REMOTE.search(text)):
        return "SecurityEvent", "Windows logon events"
    return "SigninLogs", "sign-ins to the Entra tenant"


def rank_signins(text: str, platform: str, bump: _Bump) -> None:
    """Point to the sign-in table the context means."""
    found = signin_table(text, platform)
    if found is not None:
        name, reason = found
        bump(name, _CONTEXT_WEIGHT, f"it asks for {reason}")


def signin_share(name: str, text: str) -> float:
    """How much of a sign-in table's evidence stands when the text never speaks of sign-ins."""
    if name in SIGNIN_TABLES and not speaks_of_signins(text):
        return _NO_SIGNIN_SHARE
    return 1.0
