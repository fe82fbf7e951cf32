"""Threat intelligence in the core: canonical indicators, what is never looked up, verdicts."""
