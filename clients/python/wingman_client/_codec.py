"""Convert protobuf messages to JSON-ready dicts and back with Wingman's REST conventions.

Field names are the proto names; an enum value is its name without the type prefix, lower-cased
(`VERDICT_MALICIOUS` is "malicious") and a `*_UNSPECIFIED` value is an absent field; fields with
presence appear only when set; bytes are standard base64; `google.protobuf.Value` is free-form JSON;
`wingman.v1.TimeRange` is a timespan string or a `{start, end}` window.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from functools import cache
from typing import Any, TypeVar

from google.protobuf import json_format, struct_pb2
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

__all__ = ["CodecError", "from_json", "to_json"]

VALUE = struct_pb2.Value.DESCRIPTOR.full_name
TIME_RANGE = "wingman.v1.TimeRange"
MAX_VALUE_DEPTH = 1000
_SPECIAL = frozenset({VALUE, TIME_RANGE})
_FD = FieldDescriptor
_INT_TYPES = frozenset(
    {_FD.CPPTYPE_INT32, _FD.CPPTYPE_INT64, _FD.CPPTYPE_UINT32, _FD.CPPTYPE_UINT64}
)
_FLOAT_TYPES = frozenset({_FD.CPPTYPE_DOUBLE, _FD.CPPTYPE_FLOAT})
P = TypeVar("P", bound=Message)
# Descriptors come from upb or pure Python, whose stubs differ: they are handled structurally.
Field = Any
EnumType = Any


class CodecError(ValueError):
    """A JSON value that does not fit the message; `field` is its dotted path."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


def to_json(message: Message) -> dict[str, Any]:
    """Return the JSON object for a message, as the REST transport writes it."""
    descriptor = message.DESCRIPTOR
    if descriptor.full_name in _SPECIAL:
        raise TypeError(f"{descriptor.full_name} has no JSON object form of its own")
    out: dict[str, Any] = _message_to_json(message)
    return out


def from_json(data: Mapping[str, Any], message_type: type[P]) -> P:
    """Build a message from its JSON object; raise CodecError (a ValueError) naming the field."""
    if message_type.DESCRIPTOR.full_name in _SPECIAL:
        raise TypeError(f"{message_type.DESCRIPTOR.full_name} has no JSON object form of its own")
    if not isinstance(data, Mapping):
        raise CodecError("request", f"expected a JSON object, got {_kind(data)}")
    message = message_type()
    _fill(message, data, "")
    return message


# --------------------------------------------------------------------------------------------
# Message to JSON
# --------------------------------------------------------------------------------------------


@cache
def enum_prefix(enum: EnumType) -> str:
    """Return the longest common `..._` prefix of an enum's value names."""
    names: list[str] = [value.name for value in enum.values]
    prefix = names[0]
    for name in names[1:]:
        while not name.startswith(prefix):
            prefix = prefix[:-1]
    return prefix[: prefix.rfind("_") + 1]


def enum_name(enum: EnumType, number: int) -> str | int | None:
    """Return the JSON name of an enum number: None when unspecified, the number when unknown."""
    value = enum.values_by_number.get(number)
    if value is None:
        return number
    name = value.name.removeprefix(enum_prefix(enum)).lower()
    return None if name == "unspecified" else name


def integral_numbers(value: Any) -> Any:
    """Give integral floats below 2**53 back as int, undoing Value's doubles."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, dict):
        return {key: integral_numbers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [integral_numbers(item) for item in value]
    return value


def _message_to_json(message: Message) -> Any:
    name = message.DESCRIPTOR.full_name
    if name == VALUE:
        return integral_numbers(json_format.MessageToDict(message))
    if name == TIME_RANGE:
        kind = message.WhichOneof("range")
        if kind == "timespan":
            return getattr(message, "timespan")  # noqa: B009
        return _message_to_json(getattr(message, "window")) if kind else None  # noqa: B009
    out: dict[str, Any] = {}
    for field in message.DESCRIPTOR.fields:
        if field.has_presence and not message.HasField(field.name):
            continue
        value = _field_to_json(field, getattr(message, field.name))
        if value is not None or _is_value(field):  # a set Value may hold JSON null
            out[field.name] = value
    return out


def _field_to_json(field: Field, value: Any) -> Any:
    if _is_map(field):
        value_field = field.message_type.fields_by_name["value"]
        return {str(key): _scalar_to_json(value_field, item) for key, item in value.items()}
    if field.is_repeated:
        return [_scalar_to_json(field, item) for item in value]
    return _scalar_to_json(field, value)


def _scalar_to_json(field: Field, value: Any) -> Any:
    if field.type == FieldDescriptor.TYPE_MESSAGE:
        return _message_to_json(value)
    if field.type == FieldDescriptor.TYPE_ENUM:
        return enum_name(field.enum_type, value)
    if field.type == FieldDescriptor.TYPE_BYTES:
        return base64.b64encode(value).decode("ascii")
    return value


def _is_map(field: Field) -> bool:
    message_type = field.message_type
    return bool(field.is_repeated and message_type and message_type.GetOptions().map_entry)


# --------------------------------------------------------------------------------------------
# JSON to message
# --------------------------------------------------------------------------------------------


def _fill(message: Message, data: Mapping[str, Any], path: str) -> None:
    descriptor = message.DESCRIPTOR
    oneofs: dict[str, str] = {}
    for key, value in data.items():
        where = _join(path, str(key))
        field = descriptor.fields_by_name.get(key) if isinstance(key, str) else None
        if field is None:
            raise CodecError(where, "unknown field")
        if value is None and not _is_value(field):
            continue
        group = field.containing_oneof
        if group is not None and group.name in oneofs:
            raise CodecError(
                path or "request", f"{oneofs[group.name]} and {key} are mutually exclusive"
            )
        if group is not None:
            oneofs[group.name] = key
        _set_field(message, field, value, where)


def _set_field(message: Message, field: Field, value: Any, path: str) -> None:
    if _is_map(field):
        _fill_map(getattr(message, field.name), field, value, path)
    elif field.is_repeated:
        if not isinstance(value, list | tuple):
            raise CodecError(path, f"expected an array, got {_kind(value)}")
        target = getattr(message, field.name)
        for index, item in enumerate(value):
            where = f"{path}[{index}]"
            if field.type == FieldDescriptor.TYPE_MESSAGE:
                _fill_message(target.add(), item, where)
            else:
                _store(lambda v, t=target: t.append(v), _scalar(field, item, where), where)
    elif field.type == FieldDescriptor.TYPE_MESSAGE:
        _fill_message(getattr(message, field.name), value, path)
    else:
        _store(lambda v: setattr(message, field.name, v), _scalar(field, value, path), path)


def _fill_map(target: Any, field: Field, value: Any, path: str) -> None:
    if not isinstance(value, Mapping):
        raise CodecError(path, f"expected a JSON object, got {_kind(value)}")
    key_field = field.message_type.fields_by_name["key"]
    value_field = field.message_type.fields_by_name["value"]
    for raw_key, item in value.items():
        where = f"{path}[{raw_key!r}]"
        key = _map_key(key_field, raw_key, where)
        if value_field.type == FieldDescriptor.TYPE_MESSAGE:
            _fill_message(target[key], item, where)
        else:
            _store(
                lambda v, k=key: target.__setitem__(k, v), _scalar(value_field, item, where), where
            )


def _map_key(field: Field, raw: Any, path: str) -> Any:
    if field.type == FieldDescriptor.TYPE_STRING:
        return str(raw)
    if field.type == FieldDescriptor.TYPE_BOOL:
        return {"true": True, "false": False}.get(str(raw).lower(), raw)
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise CodecError(path, "expected an integer key") from None


def _fill_message(target: Message, value: Any, path: str) -> None:
    name = target.DESCRIPTOR.full_name
    if name == VALUE:
        try:
            json_format.ParseDict(value, target, max_recursion_depth=MAX_VALUE_DEPTH)
        except (json_format.ParseError, RecursionError, TypeError, ValueError) as exc:
            raise CodecError(path, f"not representable as JSON: {exc}") from None
    elif name == TIME_RANGE and isinstance(value, str):
        target.timespan = value  # type: ignore[attr-defined]
    elif name == TIME_RANGE and isinstance(value, Mapping):
        window = target.window  # type: ignore[attr-defined]
        window.SetInParent()
        _fill(window, value, path)
    elif name == TIME_RANGE:
        raise CodecError(path, f"expected a timespan string or a window object, got {_kind(value)}")
    elif isinstance(value, Mapping):
        target.SetInParent()
        _fill(target, value, path)
    else:
        raise CodecError(path, f"expected a JSON object, got {_kind(value)}")


def _scalar(field: Field, value: Any, path: str) -> Any:
    kind = field.type
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if kind == FieldDescriptor.TYPE_ENUM:
        return _enum_number(field.enum_type, value, path)
    if kind == FieldDescriptor.TYPE_STRING and isinstance(value, str):
        return value
    if kind == FieldDescriptor.TYPE_BOOL and isinstance(value, bool):
        return value
    if kind == FieldDescriptor.TYPE_BYTES and isinstance(value, str):
        return _base64(value, path)
    if number and field.cpp_type in _FLOAT_TYPES:
        return float(value)
    if number and field.cpp_type in _INT_TYPES:
        if isinstance(value, float) and not value.is_integer():
            raise CodecError(path, f"expected an integer, got {value!r}")
        return int(value)
    raise CodecError(path, f"expected {_expected(field)}, got {_kind(value)}")


def _enum_number(enum: EnumType, value: Any, path: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value == value.lower() and value != "unspecified":
        found = enum.values_by_name.get(enum_prefix(enum) + value.upper())
        if found is not None:
            return int(found.number)
    names = [name for number in sorted(enum.values_by_number) if (name := enum_name(enum, number))]
    choices = ", ".join(repr(name) for name in names)
    raise CodecError(path, f"unknown value {value!r}; expected one of {choices}")


def _base64(text: str, path: str) -> bytes:
    cleaned = text.strip().replace("-", "+").replace("_", "/")
    try:
        return base64.b64decode(cleaned + "=" * (-len(cleaned) % 4), validate=True)
    except binascii.Error:
        raise CodecError(path, "not valid base64") from None


def _store(put: Any, value: Any, path: str) -> None:
    try:
        put(value)
    except (TypeError, ValueError) as exc:
        raise CodecError(path, f"invalid value: {exc}") from None


def _is_value(field: Field) -> bool:
    message_type = field.message_type
    return message_type is not None and message_type.full_name == VALUE


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _expected(field: Field) -> str:
    if field.cpp_type in _INT_TYPES:
        return "an integer"
    if field.cpp_type in _FLOAT_TYPES:
        return "a number"
    names = {FieldDescriptor.TYPE_BOOL: "a boolean", FieldDescriptor.TYPE_BYTES: "a base64 string"}
    return names.get(field.type, "a string")


def _kind(value: Any) -> str:
    kinds = {list: "an array", tuple: "an array", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    if isinstance(value, Mapping):
        return "an object"
    if type(value) in kinds:
        return kinds[type(value)]
    return "a number" if isinstance(value, int | float) else type(value).__name__
