"""MISP (self-hosted): the attributes whose value is the indicator (`/attributes/restSearch`).

An attribute flagged `to_ids` is one an organisation published for detection: the indicator is
malicious, scoring 70 for one event and 10 more for each further event (up to 100). Attributes
without `to_ids` are context (seen in an incident, not a detection rule): suspicious, score 40.
Deleted attributes are ignored; no attribute means not found.

MISP has no public instance, so there is no default base URL: building the provider without
`WINGMAN_TI__MISP__BASE_URL` fails with a sentence saying so, and the service starts without it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import httpx

from wingman.adapters.ti.http import fields
from wingman.adapters.ti.provider import HttpCall, HttpProvider
from wingman.core.models import Indicator, IndicatorType, Verdict
from wingman.core.ti.verdicts import ProviderAnswer

# The attributes one lookup reads; a value in more events than this is already well known.
MAX_ATTRIBUTES = 100
_NAMED_EVENTS = 3


class MISP(HttpProvider):
    """A MISP server's REST API (`Authorization: <key>`); no budget unless the settings set one."""

    name: ClassVar[str] = "misp"
    types: ClassVar[frozenset[IndicatorType]] = frozenset(
        {
            IndicatorType.IPV4,
            IndicatorType.IPV6,
            IndicatorType.DOMAIN,
            IndicatorType.URL,
            IndicatorType.EMAIL,
            IndicatorType.MD5,
            IndicatorType.SHA1,
            IndicatorType.SHA256,
        }
    )
    default_base_url: ClassVar[str] = ""

    def __init__(
        self,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        rate: str | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        if not base_url:
            raise ValueError("misp has no public server: set WINGMAN_TI__MISP__BASE_URL")
        super().__init__(base_url=base_url, api_key=api_key, rate=rate, transport=transport)

    def call(self, indicator: Indicator) -> HttpCall:
        """POST a search for attributes with the indicator's value, with their events' tags."""
        return HttpCall(
            "POST",
            "/attributes/restSearch",
            json={
                "value": indicator.value,
                "returnFormat": "json",
                "includeEventTags": True,
                "limit": MAX_ATTRIBUTES,
            },
            headers={"Authorization": self.api_key} if self.api_key else {},
        )

    def read(self, indicator: Indicator, status: int, body: Any) -> ProviderAnswer:
        """The events that carry the value, and whether any publishes it for detection."""
        answer = fields.mapping(body, provider=self.name, what="the answer")
        if status == 404:
            # Older MISP versions answer an empty search with 404 {"name": ..., "message": ...}.
            if not fields.text(answer.get("message")):
                raise fields.malformed(self.name, "a 404 without a message")
            return ProviderAnswer(Verdict.UNKNOWN, found=False)
        response = answer.get("response")
        if response == []:
            return ProviderAnswer(Verdict.UNKNOWN, found=False)
        found = fields.mapping(response, provider=self.name, what="response").get("Attribute")
        if not isinstance(found, list):
            raise fields.malformed(self.name, "response.Attribute is not a list")
        attributes = [a for a in fields.objects(found) if not fields.flag(a.get("deleted"))]
        if not attributes:
            return ProviderAnswer(Verdict.UNKNOWN, found=False)
        events = _events(attributes)
        # Attributes whose event id is unreadable still belong to some event.
        total = max(1, len(events))
        detection = any(fields.flag(a.get("to_ids")) for a in attributes)
        if detection:
            verdict, score = Verdict.MALICIOUS, fields.bounded(60 + 10 * total)
        else:
            verdict, score = Verdict.SUSPICIOUS, 40
        names = "; ".join(info for info in list(events.values())[:_NAMED_EVENTS] if info)
        count = "1 MISP event" if total == 1 else f"{total} MISP events"
        return ProviderAnswer(
            verdict,
            score=score,
            first_seen=fields.earliest(_moment(a, "first_seen") for a in attributes),
            last_seen=fields.latest(_moment(a, "last_seen") for a in attributes),
            tags=fields.tags(_tags(attributes)),
            references=tuple(
                f"{self.base_url}/events/view/{event}" for event in list(events)[:_NAMED_EVENTS]
            ),
            summary=f"in {count}"
            + (f": {names}" if names else "")
            + ("" if detection else " (not for detection)"),
        )


def _events(attributes: list[Mapping[str, Any]]) -> dict[str, str]:
    """Event id to event info, in the order the attributes name them."""
    events: dict[str, str] = {}
    for attribute in attributes:
        event = fields.child(attribute, "Event")
        ident = fields.safe_id(attribute.get("event_id")) or fields.safe_id(event.get("id"))
        if ident and ident not in events:
            events[ident] = fields.text(event.get("info"), limit=60)
    return events


def _tags(attributes: list[Mapping[str, Any]]) -> list[Any]:
    found: list[Any] = []
    for attribute in attributes:
        found.extend(tag.get("name") for tag in fields.objects(attribute.get("Tag")))
        found.append(attribute.get("category"))
    return found


def _moment(attribute: Mapping[str, Any], key: str) -> str:
    # first_seen/last_seen are optional in MISP; the attribute's timestamp stands in for both.
    return fields.text_iso(attribute.get(key)) or fields.epoch_iso(attribute.get("timestamp"))
