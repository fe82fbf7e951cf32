"""Every proto field round-trips through the core models and back, and nothing is missing."""

from __future__ import annotations

from typing import Any

import pytest
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message
from hypothesis import given, settings
from hypothesis import strategies as st

from wingman.core import models
from wingman.core.errors import InvalidArgument
from wingman.grpc.convert import to_model, to_pb
from wingman.pb.wingman.v1 import wingman_pb2 as pb

MESSAGES = sorted(pb.DESCRIPTOR.message_types_by_name)
# Messages whose model is a union in JSON rather than a class of its own.
UNION_MESSAGES = {"TimeRange"}


def _model(name: str) -> type[models.WireModel]:
    model = getattr(models, name)
    assert issubclass(model, models.WireModel)
    return model  # type: ignore[no-any-return]


def _populate(message: Message, draw: Any, oneof_choice: int = 0) -> Message:
    """Set every field (one member per oneof) to a valid, non-default value."""
    descriptor: Any = message.DESCRIPTOR
    chosen = {
        oneof.name: oneof.fields[oneof_choice % len(oneof.fields)].name
        for oneof in descriptor.oneofs
        if not oneof.name.startswith("_")  # synthetic oneofs of proto3 `optional`
    }
    for field in descriptor.fields:
        oneof = field.containing_oneof
        if oneof is not None and oneof.name in chosen and chosen[oneof.name] != field.name:
            continue
        count = 2 if field.is_repeated else 1
        for _ in range(count):
            _set(message, field, draw)
    return message


def _set(message: Message, field: Any, draw: Any) -> None:
    name = field.name
    if field.type == FieldDescriptor.TYPE_MESSAGE:
        if field.message_type.GetOptions().map_entry:
            getattr(message, name)[draw(f"{name}-key")] = draw(name)
            return
        if field.message_type.full_name == "google.protobuf.Value":
            target = getattr(message, name)
            target.struct_value.update({"alerts": [{"id": draw("id"), "n": 3}], "ok": True})
            return
        target = getattr(message, name).add() if field.is_repeated else getattr(message, name)
        _populate(target, draw)
        return
    value = _scalar(field, draw)
    if field.is_repeated:
        getattr(message, name).append(value)
    else:
        setattr(message, name, value)


def _scalar(field: Any, draw: Any) -> Any:
    kind = field.type
    if kind == FieldDescriptor.TYPE_ENUM:
        return field.enum_type.values[-1].number
    if kind == FieldDescriptor.TYPE_BOOL:
        return True
    if kind == FieldDescriptor.TYPE_STRING:
        return draw(field.name)
    if kind == FieldDescriptor.TYPE_BYTES:
        return b"\xff\x00bytes"
    if kind == FieldDescriptor.TYPE_DOUBLE:
        return 0.25
    return 7  # int32: within every model bound (scores 0-100, counts >= 1)


def _text(name: str) -> str:
    return f"{name}-value"


@pytest.mark.parametrize("name", [m for m in MESSAGES if m not in UNION_MESSAGES])
def test_model_fields_match_proto_fields(name: str) -> None:
    fields = {field.name for field in pb.DESCRIPTOR.message_types_by_name[name].fields}
    assert set(_model(name).model_fields) == fields


@pytest.mark.parametrize("name", [m for m in MESSAGES if m not in UNION_MESSAGES])
@pytest.mark.parametrize("choice", [0, 1])
def test_every_field_round_trips(name: str, choice: int) -> None:
    message_type = getattr(pb, name)
    original = _populate(message_type(), _text, choice)
    model = to_model(original, _model(name))
    assert to_pb(model, message_type) == original


def test_every_message_is_covered() -> None:
    covered = {name for name in MESSAGES if hasattr(models, name)} | UNION_MESSAGES
    assert covered == set(MESSAGES)


def test_time_range_is_a_string_or_a_window() -> None:
    span = pb.NLToKQLRequest(question="q", time_range=pb.TimeRange(timespan="7d"))
    assert to_model(span, models.NLToKQLRequest).time_range == "7d"
    window = pb.NLToKQLRequest(
        question="q", time_range=pb.TimeRange(window=pb.TimeWindow(start="a", end="b"))
    )
    model = to_model(window, models.NLToKQLRequest)
    assert model.time_range == models.TimeWindow(start="a", end="b")
    assert to_pb(model, pb.NLToKQLRequest).time_range == window.time_range


def test_unspecified_enum_is_an_absent_field() -> None:
    request = to_model(pb.ValidateKQLRequest(kql="T"), models.ValidateKQLRequest)
    assert request.platform is None
    defaulted = to_model(pb.NLToKQLRequest(question="q"), models.NLToKQLRequest)
    assert defaulted.platform is models.Platform.DEFENDER


def test_unknown_enum_number_is_invalid_argument_naming_the_field() -> None:
    message = pb.ValidateKQLRequest(kql="T")
    message.platform = 42  # type: ignore[assignment]
    with pytest.raises(InvalidArgument) as caught:
        to_model(message, models.ValidateKQLRequest)
    assert caught.value.field == "platform"


def test_value_numbers_come_back_as_integers_when_integral() -> None:
    message = pb.SummarizeIncidentRequest()
    message.incident.struct_value.update({"n": 3, "x": 2.5, "big": 2.0**60})
    model = to_model(message, models.SummarizeIncidentRequest)
    assert model.incident == {"n": 3, "x": 2.5, "big": 2.0**60}


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=60, deadline=None)
@given(incident=st.dictionaries(st.text(min_size=1, max_size=5), json_values, min_size=1))
def test_free_form_json_round_trips(incident: dict[str, Any]) -> None:
    model = models.SummarizeIncidentRequest(incident=incident)
    message = to_pb(model, pb.SummarizeIncidentRequest)
    assert to_model(message, models.SummarizeIncidentRequest) == model
