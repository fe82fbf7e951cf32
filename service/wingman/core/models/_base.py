"""Base classes shared by every wire model."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class WireModel(BaseModel):
    """A frozen model that mirrors one protobuf message and rejects unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)


class WireEnum(StrEnum):
    """An enum whose JSON value is the proto value name without its prefix, lower-cased."""
