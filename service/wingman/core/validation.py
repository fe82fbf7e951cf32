"""Turn untrusted JSON into request models, with errors that name the field."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from pydantic import ValidationError

from wingman.core.errors import FieldViolation, InvalidArgument, Reason
from wingman.core.limits import Limits, check_json_depth
from wingman.core.models import WireModel
from wingman.core.models.kql import UNION_TAGS

M = TypeVar("M", bound=WireModel)
# JSON can escape a lone UTF-16 surrogate (`"\ud800"`). Such a string is not Unicode text: no answer
# quoting it can be encoded as UTF-8 and gRPC cannot carry it at all, so every door refuses it.
_SURROGATE = re.compile("[\ud800-\udfff]")


def field_path(loc: Sequence[int | str]) -> str:
    """Render a pydantic location as a dotted path with indexes: `alerts[3].id`."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part in UNION_TAGS:
            continue
        else:
            path += f".{part}" if path else part
    return path or "request"


def invalid_argument(exc: ValidationError) -> InvalidArgument:
    """Convert a pydantic error into one InvalidArgument naming every failing field."""
    violations: list[FieldViolation] = []
    for error in exc.errors(include_url=False, include_input=False):
        path = field_path(error["loc"])
        message = error["msg"]
        if error["type"] == "extra_forbidden":
            message = "unknown field"
        violations.append(FieldViolation(path, message.removeprefix("Value error, ")))
    first = violations[0]
    more = f" (and {len(violations) - 1} more)" if len(violations) > 1 else ""
    return InvalidArgument(
        f"{first.field}: {first.description}{more}",
        field=first.field,
        reason=Reason.VALIDATION,
        violations=violations,
    )


def parse_json(body: bytes | str) -> Any:
    """Parse a JSON document, raising InvalidArgument (reason malformed) when it is not one."""
    try:
        return json.loads(body)
    except json.JSONDecodeError as exc:
        raise InvalidArgument(
            f"request: malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}",
            field="request",
            reason=Reason.MALFORMED,
        ) from None
    except UnicodeDecodeError:
        raise InvalidArgument(
            "request: body is not UTF-8", field="request", reason=Reason.MALFORMED
        ) from None
    except RecursionError:
        raise InvalidArgument(
            "request: JSON nested too deeply to parse", field="request", reason=Reason.MALFORMED
        ) from None


def build_request(model: type[M], raw: Any, limits: Limits) -> M:
    """Validate a parsed JSON value into `model`."""
    if not isinstance(raw, dict):
        raise InvalidArgument(
            f"request: expected a JSON object, got {_json_kind(raw)}",
            field="request",
            reason=Reason.MALFORMED,
        )
    check_json_depth(model, raw, limits)
    check_text(raw)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise invalid_argument(exc) from None


def check_text(raw: Mapping[str, Any]) -> None:
    """Refuse a string or key holding a lone surrogate, naming the field it is in."""
    stack: list[tuple[tuple[int | str, ...], Any]] = [((), raw)]
    while stack:
        loc, value = stack.pop()
        if isinstance(value, str):
            _refuse_surrogate(value, loc)
        elif isinstance(value, dict):
            for key, item in value.items():
                _refuse_surrogate(key, loc)  # the path must not quote the key it cannot encode
                stack.append(((*loc, key), item))
        elif isinstance(value, list):
            stack.extend(((*loc, index), item) for index, item in enumerate(value))


def _refuse_surrogate(text: str, loc: tuple[int | str, ...]) -> None:
    found = _SURROGATE.search(text)
    if found is not None:
        path = field_path(loc)
        raise InvalidArgument(
            f"{path}: not Unicode text (lone surrogate U+{ord(found.group()):04X} at character "
            f"{found.start() + 1})",
            field=path,
            reason=Reason.MALFORMED,
        )


def _json_kind(value: Any) -> str:
    kinds = {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return kinds.get(type(value), "a number")
