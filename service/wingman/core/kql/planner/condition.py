"""A condition a question states on a column: its predicate, why, and where it was said."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Condition:
    column: str
    predicate: str
    text: str
    span: tuple[int, int]  # the value's place in the question, so it is not used twice
    # Found after part of a column's name ("request" for RequestId, "account" for Account):
    # a value of a kind with its own column is that column's, not this one's.
    weak: bool = False
    # Where a known value was said ("high severity"), so a phrase that chose a condition with
    # the same word ("successful sign-ins") is not said twice.
    said_at: tuple[int, int] = (0, 0)
