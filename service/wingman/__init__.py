"""Wingman: an embedded security-copilot sidecar."""

__version__ = "0.1.0"
