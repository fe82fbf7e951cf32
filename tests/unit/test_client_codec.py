"""The client's codec speaks exactly the server's REST JSON, for every message of the contract."""

from __future__ import annotations

import json
from typing import Any

import pytest
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory, struct_pb2
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

from wingman.core import models
from wingman.core.models import WireModel
from wingman.grpc.convert import to_model
from wingman_client._codec import CodecError, enum_name, enum_prefix, from_json, to_json
from wingman_client.pb.wingman.v1 import wingman_pb2 as pb

MESSAGES = sorted(pb.DESCRIPTOR.message_types_by_name)
ENUMS = sorted(pb.DESCRIPTOR.enum_types_by_name)
INCIDENT = {"title": "T", "n": 3, "f": 1.5, "x": [1, None, True, "s", {"deep": [-4]}], "o": {}}
WINDOW = {"start": "2026-01-01T00:00:00Z", "end": "2026-01-02T00:00:00Z"}


def message_class(name: str) -> type[Message]:
    cls: type[Message] = getattr(pb, name)
    return cls


def populate(message: Message, choice: int, depth: int = 0) -> Message:
    """Set every field to a non-default value; `choice` picks the member of each oneof."""
    name = message.DESCRIPTOR.full_name
    if name == struct_pb2.Value.DESCRIPTOR.full_name:
        message.struct_value.update(INCIDENT)  # type: ignore[attr-defined]
        return message
    for field in message.DESCRIPTOR.fields:
        oneof = field.containing_oneof
        members = oneof.fields if oneof is not None else [field]
        if members[choice % len(members)] is not field:
            continue
        _populate_field(message, field, choice, depth)
    return message


def _populate_field(message: Message, field: Any, choice: int, depth: int) -> None:
    target = getattr(message, field.name)
    if field.type == FieldDescriptor.TYPE_MESSAGE and field.message_type.GetOptions().map_entry:
        target.update({f"{field.name}-key-{i}": f"{field.name}-{i}-{choice}" for i in range(2)})
        return
    if field.type == FieldDescriptor.TYPE_MESSAGE:
        items = [target.add(), target.add()] if field.is_repeated else [target]
        for item in items:
            item.SetInParent()
            populate(item, choice, depth + 1)
        return
    values = [_sample(field, 0), _sample(field, 1)]
    if field.is_repeated:
        target.extend(values)
    else:
        setattr(message, field.name, values[choice % 2])


def _sample(field: Any, index: int) -> Any:
    kind = field.type
    if kind == FieldDescriptor.TYPE_ENUM:
        numbers = sorted(field.enum_type.values_by_number)
        return numbers[-1 - index]
    if kind == FieldDescriptor.TYPE_BOOL:
        return True
    if kind == FieldDescriptor.TYPE_BYTES:
        return bytes([0, 255, index, 0x3E, 0x3F])
    if kind == FieldDescriptor.TYPE_DOUBLE:
        return 0.25 + index / 4
    if kind == FieldDescriptor.TYPE_STRING:
        return f"{field.name}-{index}"
    return 7 + index


def populated(name: str, choice: int = 0) -> Message:
    return populate(message_class(name)(), choice)


def all_variants() -> list[tuple[str, int]]:
    return [(name, choice) for name in MESSAGES for choice in (0, 1)]


def wrap(name: str, message: Message) -> tuple[Message, str]:
    """TimeRange has no object form of its own: carry it in the one message that uses it."""
    if isinstance(message, pb.TimeRange):
        return pb.NLToKQLRequest(question="q", time_range=message), "NLToKQLRequest"
    return message, name


@pytest.mark.parametrize(("name", "choice"), all_variants())
def test_fully_populated_messages_round_trip(name: str, choice: int) -> None:
    message, carrier = wrap(name, populated(name, choice))
    data = to_json(message)
    assert json.loads(json.dumps(data)) == data
    assert from_json(data, message_class(carrier)) == message


@pytest.mark.parametrize("name", [name for name in MESSAGES if name != "TimeRange"])
def test_every_field_of_a_populated_message_is_in_its_json(name: str) -> None:
    message = populated(name)
    expected = {
        f.name
        for f in message.DESCRIPTOR.fields
        if f.containing_oneof is None
        or len(f.containing_oneof.fields) == 1
        or f is f.containing_oneof.fields[0]
    }
    assert set(to_json(message)) == expected


REST_MODELS: dict[str, type[WireModel]] = {
    "SummarizeIncidentRequest": models.SummarizeIncidentRequest,
    "SummarizeIncidentResponse": models.SummarizeIncidentResponse,
    "AnalyzeScriptRequest": models.AnalyzeScriptRequest,
    "AnalyzeScriptResponse": models.AnalyzeScriptResponse,
    "NLToKQLRequest": models.NLToKQLRequest,
    "NLToKQLResponse": models.NLToKQLResponse,
    "ValidateKQLRequest": models.ValidateKQLRequest,
    "ValidateKQLResponse": models.ValidateKQLResponse,
}


@pytest.mark.parametrize(("name", "choice"), [(n, c) for n in REST_MODELS for c in (0, 1)])
def test_json_is_what_the_rest_transport_writes(name: str, choice: int) -> None:
    message = populated(name, choice)
    model: WireModel = to_model(message, REST_MODELS[name])
    assert to_json(message) == json.loads(model.model_dump_json(exclude_none=True))


@pytest.mark.parametrize("name", ENUMS)
def test_enum_values_are_lowercase_names_without_the_prefix(name: str) -> None:
    enum = pb.DESCRIPTOR.enum_types_by_name[name]
    prefix = enum_prefix(enum)
    assert prefix.endswith("_")
    for value in enum.values:
        assert value.name.startswith(prefix)
        expected = value.name[len(prefix) :].lower()
        assert enum_name(enum, value.number) == (None if expected == "unspecified" else expected)


@pytest.mark.parametrize(
    ("message", "field", "text"),
    [
        (pb.ScriptIndicator(type=pb.INDICATOR_TYPE_REGISTRY_KEY), "type", "registry_key"),
        (pb.Reputation(verdict=pb.VERDICT_MALICIOUS), "verdict", "malicious"),
        (pb.AnalyzeScriptRequest(content="x"), "language", "auto"),
        (
            pb.SummarizeIncidentRequest(format=pb.INCIDENT_FORMAT_DEFENDER_FOR_CLOUD),
            "format",
            "defender_for_cloud",
        ),
        (pb.Diagnostic(severity=pb.DIAGNOSTIC_SEVERITY_WARNING), "severity", "warning"),
        (pb.IncidentEntity(type=pb.ENTITY_TYPE_EMAIL_MESSAGE), "type", "email_message"),
    ],
)
def test_enum_mapping_examples(message: Message, field: str, text: str) -> None:
    data = to_json(message)
    assert data[field] == text
    assert from_json(data, type(message)) == message


def test_unspecified_enums_are_absent_both_ways() -> None:
    assert "verdict" not in to_json(pb.Reputation())
    assert to_json(pb.ValidateKQLRequest(kql="T")) == {"kql": "T"}
    assert from_json({"kql": "T"}, pb.ValidateKQLRequest).platform == pb.PLATFORM_UNSPECIFIED
    with pytest.raises(CodecError) as caught:
        from_json({"kql": "T", "platform": "unspecified"}, pb.ValidateKQLRequest)
    assert caught.value.field == "platform"


def test_unset_optionals_are_omitted_and_plain_fields_always_present() -> None:
    assert to_json(pb.ValidateKQLResponse()) == {"valid": False, "tables": [], "diagnostics": []}
    assert to_json(pb.NLToKQLRequest(question="q")) == {"question": "q"}
    response = pb.AnalyzeScriptResponse(language_confidence=0.0, truncated_reason="")
    data = to_json(response)
    assert data["language_confidence"] == 0.0
    assert data["truncated_reason"] == ""
    assert "degraded" not in data
    assert "engine" not in data
    assert to_json(pb.AnalyzeScriptRequest(content="")) == {"content": "", "language": "auto"}
    assert from_json({"question": "q", "max_rows": 0}, pb.NLToKQLRequest).HasField("max_rows")


def test_none_is_an_absent_field() -> None:
    request = {"content": "x", "filename": None, "enrich": None, "content_base64": None}
    assert from_json(request, pb.AnalyzeScriptRequest) == pb.AnalyzeScriptRequest(content="x")


def test_bytes_are_standard_base64_and_url_safe_or_unpadded_is_accepted() -> None:
    message = pb.AnalyzeScriptRequest(content_base64=b"echo \xff\xfe>?")
    data = to_json(message)
    assert data["content_base64"] == "ZWNobyD//j4/"
    for text in ("ZWNobyD__j4_", "ZWNobyD//j4/", " ZWNobyD//j4/ "):
        assert from_json({"content_base64": text}, pb.AnalyzeScriptRequest) == message
    with pytest.raises(CodecError, match="content_base64: not valid base64"):
        from_json({"content_base64": "not*base64"}, pb.AnalyzeScriptRequest)


def test_value_numbers_come_back_as_int_when_integral() -> None:
    incident = {"n": 3, "f": 2.5, "neg": -4.0, "big": 2.0**53, "list": [1.0, 0.5, {"x": 10}]}
    message = from_json({"incident": incident}, pb.SummarizeIncidentRequest)
    assert message.incident.struct_value["n"] == 3.0
    back = to_json(message)["incident"]
    assert back == incident
    assert type(back["n"]) is int
    assert type(back["neg"]) is int
    assert type(back["f"]) is float
    assert type(back["big"]) is float
    assert type(back["list"][0]) is int
    assert type(back["list"][2]["x"]) is int


@pytest.mark.parametrize("incident", [None, "text", 5, [], [{"a": 1}], {}, {"a": {"b": [None]}}])
def test_value_carries_any_json(incident: Any) -> None:
    message = from_json({"incident": incident}, pb.SummarizeIncidentRequest)
    assert message.HasField("incident")
    assert to_json(message) == {"incident": incident, "format": "auto"}


def test_value_nesting_is_bounded_by_the_recursion_limit_not_protobuf_default() -> None:
    deep: Any = "leaf"
    for _ in range(150):
        deep = [deep]
    message = from_json({"incident": deep}, pb.SummarizeIncidentRequest)
    assert to_json(message)["incident"] == deep


def test_time_range_is_a_timespan_string_or_a_window_object() -> None:
    timespan = from_json({"question": "q", "time_range": "7d"}, pb.NLToKQLRequest)
    assert timespan.time_range.WhichOneof("range") == "timespan"
    assert timespan.time_range.timespan == "7d"
    assert to_json(timespan) == {"question": "q", "time_range": "7d"}
    window = from_json({"question": "q", "time_range": WINDOW}, pb.NLToKQLRequest)
    assert window.time_range.WhichOneof("range") == "window"
    assert window.time_range.window.end == WINDOW["end"]
    assert to_json(window) == {"question": "q", "time_range": WINDOW}
    assert to_json(pb.NLToKQLRequest(question="q", time_range=pb.TimeRange())) == {"question": "q"}


@pytest.mark.parametrize(
    ("time_range", "field"),
    [(7, "time_range"), (["7d"], "time_range"), ({"start": "a", "stop": "b"}, "time_range.stop")],
)
def test_time_range_errors_name_the_field(time_range: Any, field: str) -> None:
    with pytest.raises(CodecError) as caught:
        from_json({"question": "q", "time_range": time_range}, pb.NLToKQLRequest)
    assert caught.value.field == field


def test_unions_and_values_have_no_object_form_of_their_own() -> None:
    with pytest.raises(TypeError):
        to_json(pb.TimeRange(timespan="1d"))
    with pytest.raises(TypeError):
        from_json({}, struct_pb2.Value)


@pytest.mark.parametrize(
    ("data", "message_type", "field", "words"),
    [
        ({"kql": "T", "dialect": "x"}, pb.ValidateKQLRequest, "dialect", "unknown field"),
        ({"engine": {"name": "n", "x": 1}}, pb.ValidateKQLResponse, "engine.x", "unknown field"),
        (
            {"diagnostics": [{}, {"severity": "fatal"}]},
            pb.ValidateKQLResponse,
            "diagnostics[1].severity",
            "'error', 'warning', 'info'",
        ),
        ({"kql": "T", "platform": "splunk"}, pb.ValidateKQLRequest, "platform", "'sentinel'"),
        ({"kql": "T", "platform": "SENTINEL"}, pb.ValidateKQLRequest, "platform", "unknown value"),
        ({"content": "x", "language": "cobol"}, pb.AnalyzeScriptRequest, "language", "'bash'"),
        ({"kql": 5}, pb.ValidateKQLRequest, "kql", "expected a string, got a number"),
        ({"question": "q", "max_rows": 1.5}, pb.NLToKQLRequest, "max_rows", "an integer"),
        ({"question": "q", "max_rows": True}, pb.NLToKQLRequest, "max_rows", "an integer"),
        ({"question": "q", "max_rows": 2**31}, pb.NLToKQLRequest, "max_rows", "invalid value"),
        ({"content": "x", "enrich": "yes"}, pb.AnalyzeScriptRequest, "enrich", "a boolean"),
        ({"tables": "T"}, pb.ValidateKQLResponse, "tables", "expected an array"),
        ({"engine": "fake"}, pb.ValidateKQLResponse, "engine", "expected a JSON object"),
        (
            {"content": "x", "content_base64": "eA=="},
            pb.AnalyzeScriptRequest,
            "request",
            "exclusive",
        ),
    ],
)
def test_bad_json_raises_a_value_error_naming_the_field(
    data: dict[str, Any], message_type: type[Message], field: str, words: str
) -> None:
    with pytest.raises(ValueError, match=field.replace("[", r"\[").replace("]", r"\]")) as caught:
        from_json(data, message_type)
    assert isinstance(caught.value, CodecError)
    assert caught.value.field == field
    assert words in str(caught.value)


def test_a_request_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(CodecError) as caught:
        from_json(["kql"], pb.ValidateKQLRequest)  # type: ignore[arg-type]
    assert caught.value.field == "request"


def test_unknown_enum_numbers_survive_a_round_trip() -> None:
    message = pb.Reputation(verdict=42)  # type: ignore[arg-type]
    assert to_json(message)["verdict"] == 42
    assert from_json(to_json(message), pb.Reputation) == message


def map_message() -> type[Message]:
    """Build a message with map<string, int32> and map<int32, string> (the contract has none)."""
    proto = descriptor_pb2.FileDescriptorProto(
        name="client_codec_maps.proto", package="codectest", syntax="proto3"
    )
    maps = proto.message_type.add(name="Maps")
    kinds = (("counts", FieldDescriptor.TYPE_STRING, FieldDescriptor.TYPE_INT32),)
    kinds += (("names", FieldDescriptor.TYPE_INT32, FieldDescriptor.TYPE_STRING),)
    for number, (name, key, value) in enumerate(kinds, start=1):
        entry = maps.nested_type.add(name=f"{name.title()}Entry")
        entry.options.map_entry = True
        entry.field.add(name="key", number=1, type=key, label=FieldDescriptor.LABEL_OPTIONAL)
        entry.field.add(name="value", number=2, type=value, label=FieldDescriptor.LABEL_OPTIONAL)
        maps.field.add(
            name=name,
            number=number,
            type=FieldDescriptor.TYPE_MESSAGE,
            label=FieldDescriptor.LABEL_REPEATED,
            type_name=f".codectest.Maps.{entry.name}",
        )
    pool = descriptor_pool.DescriptorPool()
    pool.Add(proto)
    return message_factory.GetMessageClass(pool.FindMessageTypeByName("codectest.Maps"))


def test_map_fields_are_json_objects() -> None:
    maps = map_message()
    data = {"counts": {"a": 1, "b": 2}, "names": {"3": "three"}}
    message = from_json(data, maps)
    assert dict(message.counts) == {"a": 1, "b": 2}  # type: ignore[attr-defined]
    assert dict(message.names) == {3: "three"}  # type: ignore[attr-defined]
    assert to_json(message) == data
    with pytest.raises(CodecError) as caught:
        from_json({"names": {"x": "y"}}, maps)
    assert caught.value.field == "names['x']"
    with pytest.raises(CodecError, match="expected an integer"):
        from_json({"counts": {"a": "1"}}, maps)
    struct = from_json({"fields": {"a": [1, "b"], "n": None}}, struct_pb2.Struct)
    assert to_json(struct) == {"fields": {"a": [1, "b"], "n": None}}
