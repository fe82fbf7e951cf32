"""How Sentinel entities point at each other, and the relations those links become."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wingman.core.incidents.formats.sentinel_graph import EntityGraph, Node

if TYPE_CHECKING:
    from wingman.core.incidents.formats.sentinel_entities import EntityReader


# Links per kind: the SecurityAlert/Defender for Cloud key and the REST `*EntityId(s)` key.
_HOST = ("host", "hostentityid")
ACCOUNT = ("account", "accountentityid")
IMAGE = ("imagefile", "imagefileentityid")
PARENT = ("parentprocess", "parentprocessentityid")
FILE_HASHES = ("filehashes", "filehashentityids")
REGISTRY_KEY = ("key", "keyentityid")
_FILES = ("files", "file", "fileentityids")
_IPS = ("ipadresses", "ipaddresses", "ipaddressentityids")
# Cloud kinds point to what they belong to (container -> pod -> namespace -> cluster).
_MEMBER_OF = (
    "pod",
    "namespace",
    "cluster",
    "blobcontainer",
    "storageresource",
    "cloudresource",
    "iothubentityid",
)


def absorbed(graph: EntityGraph) -> set[Node]:
    """Nodes folded into another entity: hashes of a file, the key of a registry value."""
    folded: set[Node] = set()
    for node in graph.nodes:
        if node.kind == "file":
            folded.update(graph.linked(node, *FILE_HASHES))
        elif node.kind == "registryvalue":
            folded.update(graph.linked(node, *REGISTRY_KEY))
    return folded


def relate(reader: EntityReader, node: Node) -> None:
    """Record the node's links as relations between the entities already written."""
    ref, graph, out = reader.ref_of(node), reader.graph, reader.out
    if ref is None:
        return

    def each(kind: str, keys: tuple[str, ...], *, outward: bool = True) -> None:
        for target in graph.linked(node, *keys):
            other = reader.ref_of(target)
            out.relate(kind, ref, other) if outward else out.relate(kind, other, ref)

    if node.kind == "process":
        each("image_of", IMAGE, outward=False)
        each("parent_of", PARENT, outward=False)
        each("ran_as", ACCOUNT)
        each("ran_on", _HOST)
    elif node.kind == "account":
        each("logged_on", _HOST)
    elif node.kind == "hostlogonsession":
        for account in graph.linked(node, *ACCOUNT):
            for host in graph.linked(node, *_HOST):
                out.relate("logged_on", reader.ref_of(account), reader.ref_of(host))
    elif node.kind == "dns":
        each("resolves_to", _IPS)
    elif node.kind == "iotdevice":
        each("has_ip", ("ipaddress", "ipaddressentityid"))
    elif node.kind in ("mailmessage", "submissionmail"):
        each("contains", _FILES)
    else:
        each("member_of", _MEMBER_OF)
