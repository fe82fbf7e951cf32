"""Behaviour rules, one module per family, merged into RULES in a fixed order."""
