"""Offline threat-intelligence sources: STIX bundles, MISP feeds, IOC lists, warning lists."""

from wingman.adapters.ti.offline.ioc_list import load_ioc_list
from wingman.adapters.ti.offline.misp_feed import load_misp_feed
from wingman.adapters.ti.offline.source import OfflineSource
from wingman.adapters.ti.offline.stix import load_stix
from wingman.adapters.ti.offline.warning_lists import (
    WarningLists,
    benign_lists,
    load_warning_lists,
)

__all__ = [
    "OfflineSource",
    "WarningLists",
    "benign_lists",
    "load_ioc_list",
    "load_misp_feed",
    "load_stix",
    "load_warning_lists",
]
