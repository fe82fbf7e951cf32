"""Python character builders: chr(n), ''.join(chr(x) for x in [..]), map(chr, ..), bytes([..])."""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable

_OPERATORS: dict[type[ast.operator], Callable[[int, int], int]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.BitXor: operator.xor,
}
MAX_CODE = 0x10FFFF


def chars(node: ast.Call) -> str | bytes | None:
    """Return the text or bytes one character-building call makes, or None."""
    if node.keywords:
        return None
    func = node.func
    if isinstance(func, ast.Name) and len(node.args) == 1:
        if func.id == "chr":
            code = _int(node.args[0])
            return chr(code) if code is not None and 0 <= code <= MAX_CODE else None
        if func.id in ("bytes", "bytearray"):
            codes = ints(node.args[0])
            return bytes(codes) if codes is not None and all(c < 256 for c in codes) else None
    if _is_empty_join(func) and len(node.args) == 1:
        return _join(node.args[0])
    return None


def _is_empty_join(func: ast.expr) -> bool:
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "join"
        and isinstance(func.value, ast.Constant)
        and func.value.value == ""
    )


def _int(node: ast.expr) -> int | None:
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    return None


def ints(node: ast.expr) -> list[int] | None:
    """Return the non-negative integers of a list or tuple of int literals."""
    if not isinstance(node, ast.List | ast.Tuple):
        return None
    values = [_int(item) for item in node.elts]
    if any(value is None or value < 0 for value in values):
        return None
    return [value for value in values if value is not None]


def _join(argument: ast.expr) -> str | None:
    """Resolve the argument of ''.join(...)."""
    if isinstance(argument, ast.GeneratorExp | ast.ListComp):
        codes = _comprehension(argument)
    elif isinstance(argument, ast.Call) and _is_map_chr(argument):
        codes = ints(argument.args[1])
    elif isinstance(argument, ast.List | ast.Tuple):
        items = [chars(item) if isinstance(item, ast.Call) else None for item in argument.elts]
        texts = [item for item in items if isinstance(item, str)]
        return "".join(texts) if len(texts) == len(argument.elts) else None
    else:
        return None
    if codes is None or any(code > MAX_CODE for code in codes):
        return None
    return "".join(map(chr, codes))


def _is_map_chr(call: ast.Call) -> bool:
    func, args = call.func, call.args
    return (
        isinstance(func, ast.Name)
        and func.id == "map"
        and len(args) == 2
        and isinstance(args[0], ast.Name)
        and args[0].id == "chr"
    )


def _comprehension(node: ast.GeneratorExp | ast.ListComp) -> list[int] | None:
    """Resolve (chr(x) for x in [..]) and (chr(x ^ k) ...), with +, - and ^ by a literal."""
    if len(node.generators) != 1 or node.generators[0].ifs or node.generators[0].is_async:
        return None
    loop = node.generators[0]
    element = node.elt
    if not isinstance(loop.target, ast.Name) or not isinstance(element, ast.Call):
        return None
    if not (isinstance(element.func, ast.Name) and element.func.id == "chr"):
        return None
    codes = ints(loop.iter)
    if codes is None or len(element.args) != 1 or element.keywords:
        return None
    transform = _transform(element.args[0], loop.target.id)
    if transform is None:
        return None
    mapped = [transform(code) for code in codes]
    return None if any(code < 0 for code in mapped) else mapped


def _transform(node: ast.expr, variable: str) -> Callable[[int], int] | None:
    """Return x -> x, x -> x op k or x -> k op x for the loop variable x and a literal k."""
    if isinstance(node, ast.Name) and node.id == variable:
        return lambda code: code
    if not isinstance(node, ast.BinOp) or type(node.op) not in _OPERATORS:
        return None
    apply = _OPERATORS[type(node.op)]
    left, right = node.left, node.right
    if isinstance(left, ast.Name) and left.id == variable:
        key = _int(right)
        return None if key is None else lambda code: apply(code, key)
    if isinstance(right, ast.Name) and right.id == variable:
        first = _int(left)
        return None if first is None else lambda code: apply(first, code)
    return None
