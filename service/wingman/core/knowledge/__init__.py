"""Reference knowledge shipped with the service: MITRE ATT&CK, offline."""
