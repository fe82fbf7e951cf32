"""Cloud resources: Azure resource ids read into their parts, and the cloud entity kinds."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from wingman.core.incidents.formats.fields import first_text
from wingman.core.incidents.formats.sentinel_graph import Node
from wingman.core.models import EntityType

if TYPE_CHECKING:
    from wingman.core.incidents.formats.sentinel_entities import EntityReader

# Resource types that are machines: a compromised one is a device as well as a resource.
MACHINE_TYPES = frozenset(
    {
        "microsoft.compute/virtualmachines",
        "microsoft.compute/virtualmachinescalesets/virtualmachines",
        "microsoft.hybridcompute/machines",
        "microsoft.classiccompute/virtualmachines",
    }
)
_PROVIDERS = {"gcp": "gcp", "amazon": "aws", "aws": "aws"}


def azure_parts(resource_id: str) -> dict[str, str]:
    """The subscription, type and name an ARM id names ('' parts when it is not one)."""
    segments = [part for part in resource_id.strip().split("/") if part]
    lowered = [part.lower() for part in segments]
    if len(segments) < 2 or lowered[0] != "subscriptions":
        return {}
    parts = {"subscription": segments[1], "provider": "azure", "name": segments[-1]}
    if "providers" in lowered:
        at = len(lowered) - 1 - lowered[::-1].index("providers")
        rest = segments[at + 1 :]
        # namespace/type/name[/childType/childName...]: the types are every other segment.
        types = [rest[0], *rest[1::2]] if rest else []
        parts["resource_type"] = "/".join(types)
    elif len(segments) == 2:
        parts["resource_type"] = "subscription"
    elif lowered[2] == "resourcegroups":
        parts["resource_type"] = "resourcegroup"
    return parts


def is_machine(resource_id: str) -> bool:
    """Whether the ARM id names a virtual or Arc-connected machine."""
    return azure_parts(resource_id).get("resource_type", "").lower() in MACHINE_TYPES


def add_cloud_resource(
    reader: EntityReader, resource_id: str, *, node: Node | None = None, roles: Iterable[str] = ()
) -> str | None:
    """Add the cloud resource an id names (an ARM id is read into subscription, type, name)."""
    resource_id = resource_id.strip()
    if not resource_id:
        return None
    parts = azure_parts(resource_id)
    return reader.add(
        EntityType.CLOUD_RESOURCE,
        resource_id,
        node=node,
        roles=roles,
        resource_id=resource_id,
        **parts,
    )


def add_cloud_node(reader: EntityReader, node: Node) -> str | None:
    """Add a Kubernetes object, container, blob or other-cloud resource as a cloud resource."""
    fields = node.fields
    name = first_text(fields, "name", "resourcename", "imageid", "containerid")
    resource_id = first_text(fields, "amazonresourceid", "resourceid", "url")
    if not (resource_id or name):
        # A cluster is named by the resource it runs as.
        parent = reader.graph.first(node, "cloudresource")
        resource_id = first_text(parent.fields, "resourceid", "azureid") if parent else ""
    prefix = node.kind.removesuffix("resource")
    return reader.add(
        EntityType.CLOUD_RESOURCE,
        resource_id or name,
        node=node,
        resource_id=resource_id,
        name=name,
        resource_type=node.type_name,
        provider=_PROVIDERS.get(prefix, ""),
        region=first_text(fields, "location", "region"),
    )
