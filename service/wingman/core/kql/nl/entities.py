"""Entities in an analyst's question: indicators, hosts, users, processes, files, countries.

Values are exactly as written (defanged indicators are refanged; country names become alpha-2
codes). Spans point into the original question, cover the value as written (with its quotes when
quoted) and never overlap: candidates are taken most specific kind first, so a URL's host is not
also a domain and an email's domain is not a domain either. Registry keys and command lines that
contain spaces must be quoted to be taken whole.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from wingman.core.kql.nl import shapes
from wingman.core.kql.nl.accounts import account_before, plausible_user, registry_context
from wingman.core.kql.nl.countries import country_code, country_patterns, is_country_code
from wingman.core.kql.nl.countries import needs_context as country_needs_context
from wingman.core.kql.nl.names import KNOWN_BINARIES, classify_dotted
from wingman.core.kql.nl.quotes import find_quoted
from wingman.core.kql.nl.refang import refang


class EntityKind(StrEnum):
    IPV4 = "ipv4"
    IPV6 = "ipv6"
    CIDR = "cidr"
    DOMAIN = "domain"
    URL = "url"
    EMAIL = "email"
    MD5 = "md5"
    SHA1 = "sha1"
    SHA256 = "sha256"
    FILE_NAME = "file_name"
    PROCESS_NAME = "process_name"
    DEVICE = "device"
    USER = "user"
    COMMAND_LINE = "command_line"
    PORT = "port"
    COUNTRY = "country"
    REGISTRY_KEY = "registry_key"
    FOLDER_PATH = "folder_path"
    CVE = "cve"
    TECHNIQUE = "technique"
    EVENT_ID = "event_id"
    QUOTED_TEXT = "quoted_text"


@dataclass(frozen=True, slots=True)
class Entity:
    """One entity: its kind, its value as written, and where it is in the question."""

    kind: EntityKind
    value: str
    span: tuple[int, int]


_Candidate = tuple[EntityKind, str, int, int]
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_IPV4 = rf"{_OCTET}(?:\.{_OCTET}){{3}}"
_IPV4_RE = re.compile(rf"(?<![\w.]){_IPV4}(?![\w]|\.\d)")
_CIDR4_RE = re.compile(rf"(?<![\w.]){_IPV4}/(?:3[0-2]|[12]?\d)(?![\w/])")
_IPV6_RE = re.compile(
    r"(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|"
    + _IPV4
    + r")?(?:%[\w.]+)?(?:/\d{1,3})?"
    r"(?![\w:])"
)
_URL_RE = re.compile(r"\b(?:https?|ftp)://[^\s\"'<>`]+", re.IGNORECASE)
_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_REGISTRY_RE = re.compile(
    r"\b(?:HKLM|HKCU|HKCR|HKU|HKCC|HKEY_(?:LOCAL_MACHINE|CURRENT_USER|CLASSES_ROOT|USERS|"
    r"CURRENT_CONFIG)):?(?:\\[^\s\"'\\,;]+)+\\?",
    re.IGNORECASE,
)
_PATH_RE = re.compile(r"(?<![\w])[A-Za-z]:\\[^\s\"'<>|]*")
_CVE_RE = re.compile(r"\bCVE-\d{4}-\d{4,7}\b", re.IGNORECASE)
_TECHNIQUE_RE = re.compile(r"\bT1\d{3}(?:\.\d{3})?\b")
# Windows security event ids said as such ("4625 events", "event 4688", "(4624)").
_EVENT_ID_RE = re.compile(
    r"(?:\bevent(?:\s*id)?s?\s+|\()(?P<v>[14-8]\d{3})\b|\b(?P<w>4[67]\d{2})\b(?=\s*\)?\s*"
    r"(?:events?|logons?|log-?ons?|failures?|entries|records))",
    re.IGNORECASE,
)
_DOMAIN_USER_RE = re.compile(r"(?<![\w\\])[A-Za-z][\w.-]{0,14}\\[A-Za-z0-9._$-]*[A-Za-z0-9$]")
_HASH_RE = re.compile(r"(?<![\w])(?:[A-Fa-f0-9]{64}|[A-Fa-f0-9]{40}|[A-Fa-f0-9]{32})(?![\w])")
_HASH_KINDS = {64: EntityKind.SHA256, 40: EntityKind.SHA1, 32: EntityKind.MD5}
_PORT_RE = re.compile(
    r"\bports?\s+(?:number\s+|no\.?\s+|#\s*)?(?P<v>\d{1,5})\b|:(?P<c>\d{1,5})(?![\w:]|\.\d)"
)
_HOST_BEFORE_PORT = re.compile(rf"(?:{_IPV4}|[\w.-]*[A-Za-z][\w.-]*|\[[0-9A-Fa-f:.]+\]|^|[\s(,])$")
_NAME = r"[A-Za-z0-9][\w.$-]*[A-Za-z0-9$]|[A-Za-z0-9]"
_DEVICE_RE = re.compile(
    r"\b(?:devices?|hosts?|hostnames?|machines?|computers?|servers?|endpoints?|workstations?|"
    rf"laptops?|dc)\b(?:\s+(?:named|called|name))?\s*[:=]?\s*(?P<v>{_NAME})",
    re.IGNORECASE,
)
_USER_RE = re.compile(
    r"\b(?:users?|accounts?|usernames?|upn|sam(?:accountname)?|"
    r"(?:run|ran|executed|launched|started|created|initiated|performed|done|made|sent|opened|"
    r"spawned|triggered|invoked|used|accessed|modified|deleted|signed\s+in|logged\s+(?:on|in))"
    rf"\s+by(?:\s+(?:the\s+)?(?:users?|accounts?))?)\b(?:\s+(?:named|called|name))?\s*[:=]?\s*"
    rf"(?P<v>{_NAME})",
    re.IGNORECASE,
)
_HOSTNAME_RE = re.compile(
    r"(?<![\w.-])[A-Za-z]{2,}(?:-[A-Za-z0-9]+)*-[A-Za-z0-9]*\d[\w-]*(?![\w.-])"
)
_NOT_HOSTNAMES = re.compile(
    r"(?:cve|kb|ms|sha|utf|iso|rfc|tls|ssl|md|aes|rsa|ipv|x|t|pre|post|non|anti|top|last|past|"
    r"next|mid|over|under|sub|covid|win|windows)-",
    re.IGNORECASE,
)
_DOTTED_RE = re.compile(r"(?<![\w@.-])[\w-]+(?:\.[\w-]+)+(?![\w-]|\.\w)")
_BINARY_RE = re.compile(r"(?<![\w.\\/-])(?P<v>[A-Za-z][\w]*)(?![\w.\\/-])")
_PROCESS_CONTEXT = re.compile(
    r"\b(?:process(?:es)?|ran|runs?|running|executed|execut(?:e|es|ion|ing)|launch(?:ed|es|ing)?|"
    r"spawn(?:ed|s|ing)?|started|start|invoked|child|parent|binar(?:y|ies)|command|commands|"
    r"instances?|via|using|used)\b",
    re.IGNORECASE,
)
_COMMAND_CONTEXT = re.compile(
    r"\b(?:command[\s-]?lines?|cmdlines?|commandlines?|command|with|containing|contains|"
    r"args?|arguments?|parameters?)\s*[:=]?\s*$",
    re.IGNORECASE,
)
_BINARY_CALL_RE = re.compile(r"(?<![\w.\\/-])(?P<v>[A-Za-z][\w]*)(?:\.exe)?(?![\w.\\/-])", re.I)
# A switch on its own: "/transfer", "-enc", "--no-profile"; not a path ("/owa/auth") or a date.
_SWITCH_RE = re.compile(r"(?<!\S)(?P<v>(?:/|--?)[A-Za-z][\w:=-]*)(?=[\s,;)?]|$)")
_VERB_AFTER_RE = re.compile(r"\s+(?P<w>[a-z]{1,4})(?![\w./\\-])")
_NOT_ARGUMENTS = frozenset(
    {
      "a", "an", "the", "was", "were", "is", "are", "be", "been", "has", "had", "on", "in", "at",
      "by", "to", "for", "from", "of", "and", "or", "not", "nor", "run", "ran", "runs", "used",
      "use", "last", "over", "past", "this", "that", "with", "via", "when", "who", "what", "how",
      "as", "into", "onto", "per", "did", "does", "do", "it", "its", "us", "we", "our", "any",
      "all", "each", "exe", "dll", "then", "than", "made", "make", "seen", "ever", "so", "if",
      "up", "out", "off", "can", "may", "like", "near", "top", "most", "user",
      "host", "file", "name", "just", "also", "only", "both", "more", "less",
      "time", "day", "days", "week", "hour", "yday", "kill", "load", "list",
    }
)  # fmt: skip
# Text said as such without quotes: "messages mentioning Winlogon", "the word started".
_FREE_TEXT_RE = re.compile(
    r"\b(?:mentioning|mentions?|(?:the\s+)?(?:word|term|keyword|phrase|text))\s+"
    r"(?P<v>[A-Za-z0-9][\w.$-]{0,99})(?![\w.$-])",
    re.IGNORECASE,
)
_NOT_FREE_TEXT = frozenset({"a", "an", "the", "of", "in", "on", "for", "is", "was", "that", "this"})
_STOPWORDS = frozenset(
    {
      "a", "an", "the", "this", "that", "these", "those", "with", "and", "or", "of", "on", "in",
      "at", "to", "from", "for", "by", "is", "was", "were", "are", "be", "been", "named",
      "called", "any", "all", "each", "every", "which", "who", "whose", "what", "where", "when",
      "has", "have", "had", "it", "its", "name", "names", "logged", "signed", "account",
      "accounts", "user", "users", "device", "devices", "host", "hosts", "ip", "ran", "run",
      "running", "executed", "used", "launched", "started", "made", "risk", "risky",
      "sign", "signs", "signin", "signins", "login", "logins", "logon", "logons", "session",
      "sessions", "agent", "agents", "type", "types", "external", "guest", "guests",
      "someone", "anyone", "anonymous", "multiple", "different", "unknown", "new",
    }
)  # fmt: skip


def extract_entities(text: str) -> tuple[Entity, ...]:
    """Return the entities of ``text`` in order of position."""
    plain = refang(text)
    taken: list[tuple[int, int]] = []
    found: list[Entity] = []
    for kind, value, start, end in _candidates(plain.text):
        if start >= end or any(start < b and a < end for a, b in taken):
            continue
        taken.append((start, end))
        found.append(Entity(kind, value, plain.original_span(start, end)))
    return tuple(sorted(found, key=lambda entity: entity.span))


def _candidates(text: str) -> Iterator[_Candidate]:
    """Yield candidate entities, most specific kind first."""
    yield from _quoted(text)
    yield from _simple(text, _URL_RE, EntityKind.URL, trim=True)
    yield from _simple(text, _EMAIL_RE, EntityKind.EMAIL)
    yield from _simple(text, _REGISTRY_RE, EntityKind.REGISTRY_KEY, trim=True)
    yield from _simple(text, _CVE_RE, EntityKind.CVE)
    yield from _simple(text, _TECHNIQUE_RE, EntityKind.TECHNIQUE)
    for match in _EVENT_ID_RE.finditer(text):
        group = "v" if match.group("v") else "w"
        yield EntityKind.EVENT_ID, match.group(group), match.start(group), match.end(group)
    yield from _simple(text, _PATH_RE, EntityKind.FOLDER_PATH, trim=True)
    for kind, value, start, end in _simple(text, _DOMAIN_USER_RE, EntityKind.USER):
        key = registry_context(text, start)
        yield (EntityKind.REGISTRY_KEY if key else kind), value, start, end
    yield from _typed(shapes.arns(text))
    yield from _typed(shapes.web_paths(text))
    for match in _HASH_RE.finditer(text):
        yield _HASH_KINDS[len(match.group())], match.group(), match.start(), match.end()
    yield from _simple(text, _CIDR4_RE, EntityKind.CIDR)
    yield from _simple(text, _IPV4_RE, EntityKind.IPV4)
    yield from _ipv6(text)
    yield from _ports(text)
    yield from _typed(shapes.protocol_ports(text))
    yield from _typed(shapes.service_accounts(text))
    yield from _typed(shapes.display_names(text))
    yield from _after_keyword(text, _DEVICE_RE, EntityKind.DEVICE)
    yield from _after_keyword(text, _USER_RE, EntityKind.USER)
    yield from _dotted(text)
    yield from _countries(text)
    yield from _binaries(text)
    yield from _arguments(text)
    for match in _FREE_TEXT_RE.finditer(text):
        if match["v"].lower() not in _NOT_FREE_TEXT:
            yield EntityKind.QUOTED_TEXT, match["v"], match.start("v"), match.end("v")
    for match in _HOSTNAME_RE.finditer(text):
        if not _NOT_HOSTNAMES.match(match.group()):
            yield EntityKind.DEVICE, match.group(), match.start(), match.end()


def _typed(found: Iterator[tuple[str, str, int, int]]) -> Iterator[_Candidate]:
    for kind, value, start, end in found:
        yield EntityKind(kind), value, start, end


def _simple(
    text: str, pattern: re.Pattern[str], kind: EntityKind, *, trim: bool = False
) -> Iterator[_Candidate]:
    for match in pattern.finditer(text):
        value = match.group().rstrip(".,;:!?)]}") if trim else match.group()
        yield kind, value, match.start(), match.start() + len(value)


def _quoted(text: str) -> Iterator[_Candidate]:
    """Classify quoted values: a whole indicator, a registry key, a command line or plain text."""
    for quoted in find_quoted(text):
        start, end = quoted.span
        inner = [c for c in _candidates(quoted.value) if (c[2], c[3]) == (0, len(quoted.value))]
        inner = [c for c in inner if c[0] is not EntityKind.QUOTED_TEXT]
        if inner and inner[0][0] is EntityKind.USER and registry_context(text, start):
            yield EntityKind.REGISTRY_KEY, quoted.value, start, end  # "keys containing 'a\\b'"
        elif inner:
            yield inner[0][0], inner[0][1], start, end
        elif _REGISTRY_RE.match(quoted.value):  # quoted, a key may contain spaces
            yield EntityKind.REGISTRY_KEY, quoted.value, start, end
        elif account_before(text, start):
            yield EntityKind.USER, quoted.value, start, end
        elif quoted.value.lower() in KNOWN_BINARIES and _PROCESS_CONTEXT.search(text):
            yield EntityKind.PROCESS_NAME, quoted.value, start, end
        elif _COMMAND_CONTEXT.search(text, 0, start):
            yield EntityKind.COMMAND_LINE, quoted.value, start, end
        else:
            yield EntityKind.QUOTED_TEXT, quoted.value, start, end


def _ipv6(text: str) -> Iterator[_Candidate]:
    for match in _IPV6_RE.finditer(text):
        value = match.group()
        if not any(c not in ":/" for c in value):
            continue
        try:
            if "/" in value:
                ipaddress.IPv6Network(value, strict=False)
            else:
                ipaddress.IPv6Address(value)
        except ValueError:
            continue
        kind = EntityKind.CIDR if "/" in value else EntityKind.IPV6
        yield kind, value, match.start(), match.end()


def _ports(text: str) -> Iterator[_Candidate]:
    for match in _PORT_RE.finditer(text):
        group = "v" if match["v"] else "c"
        # A bare ":445" is a port after a host or on its own, not inside a time such as 10:30.
        if group == "c" and not _HOST_BEFORE_PORT.search(text, 0, match.start()):
            continue
        if 0 < int(match[group]) <= 65535:
            yield EntityKind.PORT, match[group], match.start(group), match.end(group)


def _after_keyword(text: str, pattern: re.Pattern[str], kind: EntityKind) -> Iterator[_Candidate]:
    """Yield the name following a keyword such as "host" or "user", unless it is a common word."""
    for match in pattern.finditer(text):
        value = match["v"].rstrip(".-")
        if value.lower() in _STOPWORDS or value.isdigit():
            continue
        # "devices exposed to ...": after a device word, a plain word is not a host name unless
        # it is introduced ("named x") or looks like one (digits, dashes, dots, capitals).
        introduced = re.search(r"(named|called|name|[:=])\s*$", text[: match.start("v")], re.I)
        hostlike = value.isupper() or re.search(r"[\d.\-_]", value)
        if kind is EntityKind.DEVICE and not introduced and not hostlike:
            continue
        if kind is EntityKind.USER and not introduced:
            lead = text[match.start() : match.start("v")]
            if not plausible_user(value, lead):
                continue
        yield kind, value, match.start("v"), match.start("v") + len(value)


def _dotted(text: str) -> Iterator[_Candidate]:
    for match in _DOTTED_RE.finditer(text):
        kind = classify_dotted(match.group(), text[: match.start()])
        if kind is not None:
            yield EntityKind(kind), match.group(), match.start(), match.end()


def _binaries(text: str) -> Iterator[_Candidate]:
    """Yield well-known binaries named without an extension, in a process context only."""
    for match in _BINARY_RE.finditer(text):
        if match["v"].lower() not in KNOWN_BINARIES:
            continue
        window = text[max(0, match.start() - 40) : match.end() + 40]
        if _PROCESS_CONTEXT.search(window):
            yield EntityKind.PROCESS_NAME, match["v"], match.start(), match.end()


def _arguments(text: str) -> Iterator[_Candidate]:
    """Yield a well-known binary's arguments: switches said near it ("bitsadmin last run with
    /transfer") and a short verb straight after it ("wevtutil cl")."""
    binaries = [
        m
        for m in _BINARY_CALL_RE.finditer(text)
        if m["v"].lower() in KNOWN_BINARIES
        and _PROCESS_CONTEXT.search(text[max(0, m.start() - 40) : m.end() + 40])
    ]
    for binary in binaries:
        verb = _VERB_AFTER_RE.match(text, binary.end())
        if verb and verb["w"].lower() not in _NOT_ARGUMENTS:
            yield EntityKind.COMMAND_LINE, verb["w"], verb.start("w"), verb.end("w")
    if binaries:
        for match in _SWITCH_RE.finditer(text):
            yield EntityKind.COMMAND_LINE, match["v"], match.start("v"), match.end("v")


def _countries(text: str) -> Iterator[_Candidate]:
    by_name, by_code = country_patterns()
    for match in by_name.finditer(text):
        code = country_code(match["name"])
        if code and (match["ctx"] or not country_needs_context(match["name"])):
            yield EntityKind.COUNTRY, code, match.start("name"), match.end("name")
    for match in by_code.finditer(text):
        if is_country_code(match["code"]):
            yield EntityKind.COUNTRY, match["code"], match.start("code"), match.end("code")
