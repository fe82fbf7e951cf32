"""Convert protobuf messages to core models and back, driven by the descriptors.

Field names are identical on both sides. Enum values map by name (`VERDICT_MALICIOUS` is
`Verdict.MALICIOUS`, value "malicious"); a zero `*_UNSPECIFIED` value is an absent field.
`google.protobuf.Value` carries free-form JSON and `TimeRange` is a timespan string or a window.
"""

from __future__ import annotations

import base64
from functools import cache
from typing import Any, TypeVar

from google.protobuf import json_format, struct_pb2
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message
from pydantic import ValidationError

from wingman.core.models import WireEnum, WireModel
from wingman.core.validation import invalid_argument
from wingman.pb.wingman.v1 import wingman_pb2 as pb

_VALUE = struct_pb2.Value.DESCRIPTOR.full_name
_TIME_RANGE = pb.TimeRange.DESCRIPTOR.full_name
_MAX_VALUE_DEPTH = 1000
M = TypeVar("M", bound=WireModel)
P = TypeVar("P", bound=Message)


def to_model(message: Message, model: type[M]) -> M:
    """Validate a protobuf message into its model; errors become InvalidArgument."""
    try:
        return model.model_validate(_message_to_python(message))
    except ValidationError as exc:
        raise invalid_argument(exc) from None


def to_pb(model: WireModel, message_type: type[P]) -> P:
    """Build the protobuf message for a model."""
    message = message_type()
    _fill(message, model)
    return message


@cache
def _enum_prefix(enum: Any) -> str:
    names: list[str] = [value.name for value in enum.values]
    prefix = names[0]
    for name in names[1:]:
        while not name.startswith(prefix):
            prefix = prefix[:-1]
    return prefix[: prefix.rfind("_") + 1]


def _enum_to_python(enum: Any, number: int) -> str | None:
    value = enum.values_by_number.get(number)
    if value is None:
        return f"<unknown enum value {number}>"
    name = value.name.removeprefix(_enum_prefix(enum)).lower()
    return None if name == "unspecified" else name


def _enum_to_pb(enum: Any, value: WireEnum | str) -> int:
    number: int = enum.values_by_name[_enum_prefix(enum) + str(value).upper()].number
    return number


def _message_to_python(message: Message) -> Any:
    descriptor: Any = message.DESCRIPTOR
    if descriptor.full_name == _VALUE:
        return json_format.MessageToDict(message)
    if descriptor.full_name == _TIME_RANGE:
        kind = message.WhichOneof("range")
        if kind == "timespan":
            return message.timespan  # type: ignore[attr-defined]
        return _message_to_python(message.window) if kind else None  # type: ignore[attr-defined]
    out: dict[str, Any] = {}
    for field in descriptor.fields:
        if field.has_presence and not message.HasField(field.name):
            continue
        value = _field_to_python(field, getattr(message, field.name))
        # A Value that is set may hold JSON null; that is a value, not an absent field.
        if value is not None or _is_value(field):
            out[field.name] = value
    return out


def _is_value(field: Any) -> bool:
    return bool(
        field.type == FieldDescriptor.TYPE_MESSAGE and field.message_type.full_name == _VALUE
    )


def _is_map(field: Any) -> bool:
    # Only string maps exist in the contract; their entries are plain key/value pairs.
    return bool(
        field.type == FieldDescriptor.TYPE_MESSAGE and field.message_type.GetOptions().map_entry
    )


def _field_to_python(field: Any, value: Any) -> Any:
    if _is_map(field):
        return dict(value)
    if field.is_repeated:
        return [_scalar_to_python(field, item) for item in value]
    return _scalar_to_python(field, value)


def _scalar_to_python(field: Any, value: Any) -> Any:
    if field.type == FieldDescriptor.TYPE_MESSAGE:
        return _message_to_python(value)
    if field.type == FieldDescriptor.TYPE_ENUM:
        return _enum_to_python(field.enum_type, value)
    if field.type == FieldDescriptor.TYPE_BYTES:
        return base64.b64encode(value).decode("ascii")
    return value


def _fill(message: Message, model: WireModel) -> None:
    fields: Any = message.DESCRIPTOR.fields
    for field in fields:
        value = getattr(model, field.name)
        if value is None:
            continue
        if _is_map(field):
            getattr(message, field.name).update(value)
        elif field.is_repeated:
            target = getattr(message, field.name)
            for item in value:
                if field.type == FieldDescriptor.TYPE_MESSAGE:
                    _fill(target.add(), item)
                else:
                    target.append(_scalar_to_pb(field, item))
        elif field.type == FieldDescriptor.TYPE_MESSAGE:
            _fill_message(getattr(message, field.name), value)
        else:
            setattr(message, field.name, _scalar_to_pb(field, value))


def _fill_message(target: Message, value: Any) -> None:
    name = target.DESCRIPTOR.full_name
    if name == _VALUE:
        json_format.ParseDict(value, target, max_recursion_depth=_MAX_VALUE_DEPTH)
    elif name == _TIME_RANGE:
        if isinstance(value, str):
            target.timespan = value  # type: ignore[attr-defined]
        else:
            _fill(target.window, value)  # type: ignore[attr-defined]
    else:
        target.SetInParent()
        _fill(target, value)


def _scalar_to_pb(field: Any, value: Any) -> Any:
    if field.type == FieldDescriptor.TYPE_ENUM:
        return _enum_to_pb(field.enum_type, value)
    return value
