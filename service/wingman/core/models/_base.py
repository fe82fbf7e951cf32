"""Base classes shared by every wire model."""

from __future__ import annotations

import base64
import binascii
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, PlainSerializer


class WireModel(BaseModel):
    """A frozen model that mirrors one protobuf message and rejects unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)


class WireEnum(StrEnum):
    """An enum whose JSON value is the proto value name without its prefix, lower-cased."""


def _strict_base64(value: object) -> object:
    """Decode standard or URL-safe base64, refusing stray characters."""
    if not isinstance(value, str):
        return value
    text = value.strip().replace("-", "+").replace("_", "/")
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except binascii.Error:
        raise ValueError("not valid base64") from None


Base64Bytes = Annotated[
    bytes,
    BeforeValidator(_strict_base64),
    PlainSerializer(lambda raw: base64.b64encode(raw).decode("ascii"), return_type=str),
]
