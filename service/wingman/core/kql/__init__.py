"""KQL for Defender XDR advanced hunting and Microsoft Sentinel: schema catalog, validation, planning."""
