"""The entity graph of one Sentinel or Defender for Cloud alert: nodes and the links between them.

Two spellings of the same contract reach us. The SecurityAlert `Entities` column (and Defender for
Cloud's `entities`) nests objects and points back with `{"$ref": "<$id>"}`; `$id`s are unique
only within one alert, and some exports repeat them, so a `$ref` means the latest definition
before it (else the first after it). The REST entities answer is a flat list whose links are
ARM ids in `*EntityId(s)` properties. Both become `Node`s with lower-cased field names, and
`EntityGraph.linked` follows either kind of link.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from wingman.core.incidents.formats.fields import embedded_json, mapping, text

# Source type names as written, reduced to letters and digits, mapped to one name per kind.
_KIND_ALIASES = {
    "dnsresolution": "dns",
    "dnsresolve": "dns",
    "ipaddress": "ip",
    "alerts": "alert",
    "securityalert": "alert",
    "mailmessage": "mailmessage",
    "submissionmail": "submissionmail",
}


@dataclass(eq=False, slots=True)
class Node:
    """One entity as the source wrote it; `fields` has lower-cased keys."""

    kind: str
    type_name: str
    fields: Mapping[str, Any]
    source_id: str = ""


def kind_of(type_name: str) -> str:
    """The one name for a source type ('K8s-namespace' -> 'k8snamespace', 'Ip' -> 'ip')."""
    reduced = "".join(ch for ch in type_name.lower() if ch.isalnum())
    return _KIND_ALIASES.get(reduced, reduced)


def lowered(obj: Mapping[str, Any]) -> dict[str, Any]:
    """The object with lower-cased keys (later spellings of a key win)."""
    return {key.lower(): value for key, value in obj.items() if isinstance(key, str)}


@dataclass(slots=True)
class EntityGraph:
    """The nodes of one alert's (or one incident's) entities, in document order."""

    nodes: list[Node] = field(default_factory=list)
    _by_object: dict[int, Node] = field(default_factory=dict)
    _by_rest_id: dict[str, Node | None] = field(default_factory=dict)

    @classmethod
    def from_embedded(cls, value: Any) -> EntityGraph:
        """The graph of a `$id`/`$ref` entity list, given as a list or as JSON in a string."""
        graph = cls()
        data = embedded_json(value)
        definitions: dict[str, list[tuple[int, int]]] = {}
        references: list[tuple[int, int, str]] = []
        for position, obj in enumerate(_objects(data)):
            if "$ref" in obj and "$id" not in obj:
                references.append((position, id(obj), text(obj, "$ref")))
                continue
            if "$id" in obj:
                definitions.setdefault(text(obj, "$id"), []).append((position, id(obj)))
            type_name = text(obj, "Type") or text(obj, "type")
            if type_name:
                node = Node(kind_of(type_name), type_name, lowered(obj), text(obj, "$id"))
                graph.nodes.append(node)
                graph._by_object[id(obj)] = node
        for position, ref_object, target in references:
            candidates = definitions.get(target, [])
            before = [obj for pos, obj in candidates if pos < position]
            chosen = before[-1] if before else (candidates[0][1] if candidates else None)
            if chosen is not None and chosen in graph._by_object:
                graph._by_object[ref_object] = graph._by_object[chosen]
        return graph

    @classmethod
    def from_rest(cls, items: list[Mapping[str, Any]]) -> EntityGraph:
        """The graph of REST entities (`{id, name, kind, properties}`), linked by ARM id."""
        graph = cls()
        for item in items:
            type_name = text(item, "kind")
            if not type_name:
                continue
            node = Node(kind_of(type_name), type_name, lowered(mapping(item.get("properties"))))
            node.source_id = text(item, "name") or text(item, "id")
            graph.nodes.append(node)
            for key in {text(item, "id").lower(), text(item, "name").lower()}:
                if key:
                    # Ids repeated in one answer (redacted samples) link to nothing.
                    graph._by_rest_id[key] = None if key in graph._by_rest_id else node
        return graph

    def linked(self, node: Node, *keys: str) -> list[Node]:
        """The nodes `node` points to under any of `keys` (a `$ref`, an inline object, an id)."""
        found: list[Node] = []
        for key in keys:
            value = node.fields.get(key)
            for item in value if isinstance(value, list) else [value]:
                target = self._target(item)
                if target is not None and target is not node and target not in found:
                    found.append(target)
        return found

    def first(self, node: Node, *keys: str) -> Node | None:
        """The first node `node` points to under `keys`, if any."""
        targets = self.linked(node, *keys)
        return targets[0] if targets else None

    def _target(self, item: Any) -> Node | None:
        if isinstance(item, Mapping):
            return self._by_object.get(id(item))
        if isinstance(item, str) and item.strip():
            return self._by_rest_id.get(item.strip().lower())
        return None


def _objects(data: Any) -> Iterator[Mapping[str, Any]]:
    """Every object in `data`, depth first in document order, without recursion."""
    stack: list[Any] = [data]
    while stack:
        current = stack.pop()
        if isinstance(current, Mapping):
            yield current
            stack.extend(reversed([v for v in current.values() if isinstance(v, Mapping | list)]))
        elif isinstance(current, list):
            stack.extend(reversed([v for v in current if isinstance(v, Mapping | list)]))
