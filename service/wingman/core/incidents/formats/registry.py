"""The adapters this build reads, in the order detection breaks ties."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from wingman.core.incidents.formats.defender_for_cloud import DefenderForCloudAdapter
from wingman.core.incidents.formats.elastic import ElasticAdapter
from wingman.core.incidents.formats.google_secops import GoogleSecOpsAdapter
from wingman.core.incidents.formats.graph import GraphAdapter
from wingman.core.incidents.formats.m365d import M365DAdapter
from wingman.core.incidents.formats.mde import MDEAdapter
from wingman.core.incidents.formats.ocsf import OcsfAdapter
from wingman.core.incidents.formats.sentinel import SentinelAdapter
from wingman.core.incidents.formats.wingman_form import WingmanFormAdapter
from wingman.core.models import IncidentFormat

if TYPE_CHECKING:
    from wingman.core.incidents.formats import Adapter

ADAPTERS: Mapping[IncidentFormat, Adapter] = {
    IncidentFormat.GRAPH: GraphAdapter(),
    IncidentFormat.M365D: M365DAdapter(),
    IncidentFormat.MDE: MDEAdapter(),
    IncidentFormat.SENTINEL: SentinelAdapter(),
    IncidentFormat.DEFENDER_FOR_CLOUD: DefenderForCloudAdapter(),
    IncidentFormat.OCSF: OcsfAdapter(),
    IncidentFormat.GOOGLE_SECOPS: GoogleSecOpsAdapter(),
    IncidentFormat.ELASTIC: ElasticAdapter(),
    IncidentFormat.WINGMAN: WingmanFormAdapter(),
}
