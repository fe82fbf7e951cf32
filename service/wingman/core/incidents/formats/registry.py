"""The adapters this build reads, in the order detection breaks ties."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from wingman.core.incidents.formats.elastic import ElasticAdapter
from wingman.core.incidents.formats.google_secops import GoogleSecOpsAdapter
from wingman.core.models import IncidentFormat

if TYPE_CHECKING:
    from wingman.core.incidents.formats import Adapter

ADAPTERS: Mapping[IncidentFormat, Adapter] = {
    IncidentFormat.GOOGLE_SECOPS: GoogleSecOpsAdapter(),
    IncidentFormat.ELASTIC: ElasticAdapter(),
}
