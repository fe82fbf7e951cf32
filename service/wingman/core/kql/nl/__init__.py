"""Deterministic pieces of the natural-language planner: time phrases and entities."""
