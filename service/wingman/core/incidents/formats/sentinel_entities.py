"""Reading one entity graph into the builder: one entity per node, then the links as relations.

Entities are deduplicated within their owner (an alert, or the incident for REST entities): a
second node with the same value reuses the first one's ref, so relations still connect. Every
name an entity is known by is remembered, so the well-known ExtendedProperties keys only add
what the Entities list did not already name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from wingman.core.incidents.formats.builder import IncidentBuilder
from wingman.core.incidents.formats.sentinel_graph import EntityGraph, Node
from wingman.core.incidents.formats.sentinel_kinds import emit
from wingman.core.incidents.formats.sentinel_links import absorbed, relate
from wingman.core.incidents.model import SourceAlert
from wingman.core.models import EntityType

# Attributes that name an entity (besides its value), for "is this already present?".
_NAME_ATTRIBUTES = (
    "hostname",
    "fqdn",
    "upn",
    "account",
    "sid",
    "aad_id",
    "address",
    "name",
    "path",
    "command_line",
    "image",
    "image_path",
    "resource_id",
    "url",
)


@dataclass(slots=True)
class EntityReader:
    """Writes one owner's entities; `compromised` holds the lower-cased compromised names."""

    out: IncidentBuilder
    owner: SourceAlert | None
    path: str
    compromised: frozenset[str] = frozenset()
    graph: EntityGraph = field(default_factory=EntityGraph)
    refs: dict[Node, str] = field(default_factory=dict)
    roles: dict[Node, list[str]] = field(default_factory=dict)
    threat_name: str = ""
    _seen: dict[tuple[EntityType, str], str] = field(default_factory=dict)

    def read(self, graph: EntityGraph) -> list[Node]:
        """Add the graph's entities and relations; returns its alert nodes (incident groupings)."""
        self.graph = graph
        self._note_connection_roles()
        skip = absorbed(graph)
        alerts = [node for node in graph.nodes if node.kind == "alert"]
        for node in graph.nodes:
            if node.kind == "alert" or node in skip or node in self.refs:
                continue
            ref = emit(self, node)
            if ref is not None:
                self.refs[node] = ref
        for node in graph.nodes:
            relate(self, node)
        return alerts

    def add(
        self,
        type: EntityType,
        value: str,
        *,
        node: Node | None = None,
        roles: Iterable[str] = (),
        **attributes: str,
    ) -> str | None:
        """Add an entity, or reuse the owner's entity of that type and value."""
        key = (type, " ".join(value.split()).lower())
        if key in self._seen:
            return self._seen[key]
        names = [value, *(attributes.get(name, "") for name in _NAME_ATTRIBUTES)]
        all_roles = [*roles, *(self.roles.get(node, []) if node is not None else [])]
        if any(name.strip().lower() in self.compromised for name in names if name):
            all_roles.append("compromised")
        ref = self.out.entity(
            self.owner,
            type,
            value,
            roles=all_roles,
            source_id=node.source_id if node is not None else "",
            **attributes,
        )
        if ref is not None:
            self._seen[key] = ref
            self.remember(type, ref, *names)
            if attributes.get("domain") and attributes.get("account"):
                self.remember(type, ref, f"{attributes['domain']}\\{attributes['account']}")
        return ref

    def remember(self, type: EntityType, ref: str, *names: str) -> None:
        """Record more names the entity `ref` is known by."""
        for name in names:
            if name and name.strip():
                self._seen.setdefault((type, " ".join(name.split()).lower()), ref)

    def find(self, type: EntityType, name: str) -> str | None:
        """The ref of the owner's entity of `type` known by `name`, if any."""
        return self._seen.get((type, " ".join(name.split()).lower())) if name else None

    def named(self, name: str) -> str | None:
        """The ref of the owner's device, user, IP or cloud resource known by `name`, if any."""
        kinds = (EntityType.DEVICE, EntityType.USER, EntityType.IP, EntityType.CLOUD_RESOURCE)
        return next((ref for kind in kinds if (ref := self.find(kind, name))), None)

    def ref_of(self, node: Node | None) -> str | None:
        """The ref the node was written as, if it was."""
        return self.refs.get(node) if node is not None else None

    def warn(self, message: str) -> None:
        """Warn with this reader's JSON path in front."""
        self.out.warn(f"{self.path}: {message}")

    def _note_connection_roles(self) -> None:
        for node in self.graph.nodes:
            if node.kind != "networkconnection":
                continue
            for key, role in (("sourceaddress", "source"), ("destinationaddress", "destination")):
                for target in self.graph.linked(node, key):
                    self.roles.setdefault(target, []).append(role)
