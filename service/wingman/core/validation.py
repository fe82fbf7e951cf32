"""Turn untrusted JSON into request models, with errors that name the field."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import ValidationError

from wingman.core.errors import FieldViolation, InvalidArgument, Reason
from wingman.core.limits import Limits, check_json_depth
from wingman.core.models import WireModel
from wingman.core.models.kql import UNION_TAGS

M = TypeVar("M", bound=WireModel)


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
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise invalid_argument(exc) from None


def _json_kind(value: Any) -> str:
    kinds = {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return kinds.get(type(value), "a number")
