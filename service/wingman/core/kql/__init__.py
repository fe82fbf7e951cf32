"""KQL for Defender XDR and Microsoft Sentinel: schema catalog, validation, planning."""
