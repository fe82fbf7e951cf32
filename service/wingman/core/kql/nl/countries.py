"""Country names and ISO 3166-1 alpha-2 codes as analysts write them in questions."""

from __future__ import annotations

import re
from functools import lru_cache

# name -> alpha-2 code. Several spellings may share a code.
_COUNTRIES = (
    ("Afghanistan", "AF"), ("Algeria", "DZ"), ("Argentina", "AR"), ("Australia", "AU"),
    ("Austria", "AT"), ("Bangladesh", "BD"), ("Belarus", "BY"), ("Belgium", "BE"),
    ("Brazil", "BR"), ("Bulgaria", "BG"), ("Canada", "CA"), ("Chile", "CL"), ("China", "CN"),
    ("Colombia", "CO"), ("Czech Republic", "CZ"), ("Czechia", "CZ"), ("Denmark", "DK"),
    ("Egypt", "EG"), ("Estonia", "EE"), ("Finland", "FI"), ("France", "FR"), ("Germany", "DE"),
    ("Greece", "GR"), ("Hong Kong", "HK"), ("Hungary", "HU"), ("India", "IN"),
    ("Indonesia", "ID"), ("Iran", "IR"), ("Iraq", "IQ"), ("Ireland", "IE"), ("Israel", "IL"),
    ("Italy", "IT"), ("Japan", "JP"), ("Kazakhstan", "KZ"), ("Kenya", "KE"), ("Latvia", "LV"),
    ("Lithuania", "LT"), ("Malaysia", "MY"), ("Mexico", "MX"), ("Moldova", "MD"),
    ("Netherlands", "NL"), ("the Netherlands", "NL"), ("New Zealand", "NZ"), ("Nigeria", "NG"),
    ("North Korea", "KP"), ("Norway", "NO"), ("Pakistan", "PK"), ("Philippines", "PH"),
    ("Poland", "PL"), ("Portugal", "PT"), ("Romania", "RO"), ("Russia", "RU"),
    ("Russian Federation", "RU"), ("Saudi Arabia", "SA"), ("Serbia", "RS"), ("Singapore", "SG"),
    ("South Africa", "ZA"), ("South Korea", "KR"), ("Spain", "ES"), ("Sweden", "SE"),
    ("Switzerland", "CH"), ("Syria", "SY"), ("Taiwan", "TW"), ("Thailand", "TH"),
    ("Turkey", "TR"), ("Türkiye", "TR"), ("Ukraine", "UA"), ("United Arab Emirates", "AE"),
    ("UAE", "AE"), ("United Kingdom", "GB"), ("UK", "GB"), ("Great Britain", "GB"),
    ("United States", "US"), ("United States of America", "US"), ("USA", "US"),
    ("Venezuela", "VE"), ("Vietnam", "VN"), ("Viet Nam", "VN"),
)  # fmt: skip
# Names that are also ordinary words or personal names count only after a location word.
_NEED_CONTEXT = frozenset({"Turkey", "Chile"})
# Codes that are also English words in capitals ("in IT") count only as names.
_WORDLIKE_CODES = frozenset({"IT", "ID", "NO", "AT", "BE", "MY"})
_CONTEXT = r"(?:from|in|to|into|within|inside|via|country|countries|located\s+in|based\s+in)"


@lru_cache(maxsize=1)
def _codes() -> frozenset[str]:
    return frozenset(code for _, code in _COUNTRIES) - _WORDLIKE_CODES


@lru_cache(maxsize=1)
def country_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Return patterns for country names (group ``name``) and contextual codes (``code``)."""
    names = sorted((name for name, _ in _COUNTRIES), key=len, reverse=True)
    alternation = "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in names)
    by_name = re.compile(
        rf"(?:(?P<ctx>\b{_CONTEXT}\s+)(?:the\s+)?)?\b(?P<name>{alternation})\b", re.IGNORECASE
    )
    by_code = re.compile(rf"\b(?i:{_CONTEXT})\s+(?:the\s+)?(?P<code>[A-Z]{{2}})\b(?![.\w-])")
    return by_name, by_code


def country_code(name: str) -> str | None:
    """Return the alpha-2 code of a country name as written (spacing and case as in the table)."""
    wanted = " ".join(name.split()).casefold()
    return next((code for known, code in _COUNTRIES if known.casefold() == wanted), None)


def is_country_code(code: str) -> bool:
    """Tell whether ``code`` is one of the alpha-2 codes Wingman knows."""
    return code in _codes()


def needs_context(name: str) -> bool:
    """Tell whether a name counts as a country only after a word such as "from" or "in"."""
    return " ".join(name.split()).casefold() in {known.casefold() for known in _NEED_CONTEXT}
