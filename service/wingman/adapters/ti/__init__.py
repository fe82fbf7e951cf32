"""Threat-intelligence providers and the gateway that caches, budgets and shares their answers."""
