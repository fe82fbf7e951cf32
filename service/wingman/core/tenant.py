"""The tenant every call, cache key and log line is scoped to."""

from __future__ import annotations

import re
from dataclasses import dataclass

from wingman.core.errors import InvalidArgument

TENANT_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
DEFAULT_TENANT_ID = "default"


@dataclass(frozen=True, slots=True)
class Tenant:
    """A validated tenant id: 1-64 characters from [A-Za-z0-9._-], starting alphanumeric."""

    id: str

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not TENANT_PATTERN.fullmatch(self.id):
            raise InvalidArgument(
                "tenant: must be 1-64 characters of letters, digits, '.', '_' or '-', "
                "starting with a letter or digit",
                field="tenant",
            )

    @classmethod
    def parse(cls, value: str | None) -> Tenant:
        """Return the tenant named by `value`, or the default tenant when it is empty."""
        return cls(value if value else DEFAULT_TENANT_ID)
