"""Python peelers: exec of decoded literals and one-step rewrites of literal decoder calls.

The script is parsed with `ast` (parsing only: nothing is compiled to code or run). Rewrites
take one step at a time, innermost first: a call is rewritten only when its arguments are
already literals, so `codecs.decode(base64.b64decode('..').decode(), 'rot13')` peels in two.
"""

from __future__ import annotations

import ast
import warnings
from collections.abc import Callable
from functools import lru_cache

import regex

from wingman.core.scripts.peelers import Peeler
from wingman.core.scripts.peelers.python_chars import chars
from wingman.core.scripts.peelers.python_eval import (
    Resolver,
    Value,
    callee,
    flatten_add,
    is_reverse_slice,
)
from wingman.core.scripts.peelers.python_source import (
    HIDDEN_ESCAPE,
    Positions,
    few_tokens,
    has_hidden_escape,
)
from wingman.core.scripts.safe_regex import compile_pattern, search
from wingman.core.scripts.types import Budget, Decoded, Lang

PYTHON = frozenset({Lang.PYTHON})
MAX_PARSE_CHARS = 2 * 1024 * 1024
# About 50 MB of syntax tree and a tenth of a second; parsing cannot be interrupted.
MAX_PARSE_TOKENS = 50_000
MAX_HITS = 256
CHECK_EVERY = 2048
_EXEC = frozenset({"exec", "eval", "builtins.exec", "builtins.eval"})
_BASE64 = frozenset(
    {"b64decode", "standard_b64decode", "urlsafe_b64decode", "b32decode", "b16decode"}
    | {"a85decode", "b85decode", "decodebytes", "a2b_base64"}
)
_HEX = frozenset({"bytes.fromhex", "bytearray.fromhex", "unhexlify", "a2b_hex"})
_INFLATE = frozenset({"zlib.decompress", "gzip.decompress", "bz2.decompress", "lzma.decompress"})
Target = Callable[[ast.expr], bool]
# A string literal, a plus and another string literal: what every literal concatenation holds.
_LITERAL_PLUS_LITERAL = compile_pattern(
    r"[\"']\s{0,64}\+\s{0,64}(?:\(\s{0,8})?[rRbBuUfF]{0,2}[\"']", regex.MULTILINE
)


@lru_cache(maxsize=1)
def _parse(text: str) -> ast.Module | None:
    """Parse once per layer (its peelers run in a row); invalid or too dense Python gives None."""
    if len(text) > MAX_PARSE_CHARS or not few_tokens(text, MAX_PARSE_TOKENS):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SyntaxWarning)
            warnings.simplefilter("ignore", DeprecationWarning)
            return ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _literal_args(call: ast.Call) -> bool:
    return bool(call.args) and all(isinstance(arg, ast.Constant) for arg in call.args)


def _named(names: frozenset[str], *, short: bool = False) -> Target:
    """Target calls of the given names whose arguments are all literals."""

    def target(node: ast.expr) -> bool:
        if not isinstance(node, ast.Call) or not _literal_args(node):
            return False
        name = callee(node.func)
        return name is not None and (name in names or (short and name.rpartition(".")[2] in names))

    return target


def _with_decode(inner: Target) -> Target:
    """Also target `X.decode(...)`/`X.encode(...)` around a target, so text comes out."""

    def target(node: ast.expr) -> bool:
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("decode", "encode")
            and inner(node.func.value)
        ):
            return all(isinstance(arg, ast.Constant) for arg in node.args)
        return inner(node)

    return target


def _is_codecs(node: ast.expr) -> bool:
    if not isinstance(node, ast.Call) or not _literal_args(node):
        return False
    return callee(node.func) in ("codecs.decode", "codecs.encode")


def _is_chars(node: ast.expr) -> bool:
    if isinstance(node, ast.Call):
        if isinstance(node.func, ast.Name) and node.func.id == "chr":
            return False
        return chars(node) is not None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        operands = flatten_add(node)
        built = [_builds_chars(item) for item in operands]
        return any(built) and all(
            made or _is_str(item) for item, made in zip(operands, built, strict=True)
        )
    return False


def _builds_chars(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and chars(node) is not None


def _is_str(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _is_concat(node: ast.expr) -> bool:
    if not isinstance(node, ast.BinOp) or not isinstance(node.op, ast.Add):
        return False
    operands = flatten_add(node)
    kinds = {type(item.value) for item in operands if isinstance(item, ast.Constant)}
    constants = all(isinstance(item, ast.Constant) for item in operands)
    return constants and len(kinds) == 1 and kinds <= {str, bytes}


def _is_reverse(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Subscript)
        and is_reverse_slice(node.slice)
        and isinstance(node.value, ast.Constant)
    )


class _Walk:
    """Find the outermost targets of one peeler, skipping exec calls py_exec_decode resolves."""

    def __init__(self, text: str, tree: ast.Module, budget: Budget) -> None:
        self.text, self.tree, self.budget = text, tree, budget
        self.resolver = Resolver(budget.max_layer_chars)
        self.positions = Positions(text)

    def targets(self, target: Target) -> list[ast.expr]:
        found: list[ast.expr] = []
        stack: list[ast.AST] = [self.tree]
        count = 0
        while stack and len(found) < MAX_HITS:
            node = stack.pop()
            count += 1
            if count % CHECK_EVERY == 0:
                self.budget.check_time()
            if isinstance(node, ast.expr) and target(node):
                found.append(node)
            elif not isinstance(node, ast.JoinedStr) and self.exec_payload(node) is None:
                # f-string parts carry the whole f-string's position: leave them be.
                stack.extend(reversed(list(ast.iter_child_nodes(node))))
        return found

    def escaped(self, node: ast.expr) -> bool:
        """Tell whether a literal's source spells characters with \\x, \\u or octal escapes."""
        start, end = self.positions.span(node)
        return has_hidden_escape(self.text[start:end])

    def exec_payload(self, node: ast.AST) -> str | None:
        """Return the code an exec/eval call runs when it resolves to text."""
        if not isinstance(node, ast.Call) or callee(node.func) not in _EXEC or not node.args:
            return None
        argument = node.args[0]
        if isinstance(argument, ast.Constant) and self.escaped(argument):
            return None  # py_escapes' layer first
        value = self.resolver.value(argument)
        if isinstance(value, bytes):
            try:
                return value.decode("utf-8")
            except UnicodeDecodeError:
                return None
        return value


def _exec(text: str, budget: Budget) -> list[Decoded]:
    """Extract what exec(...)/eval(...) runs when its argument resolves from literals."""
    tree = _parse(text) if "exec" in text or "eval" in text else None
    if tree is None:
        return []
    walk = _Walk(text, tree, budget)
    found: list[Decoded] = []
    for node in walk.targets(lambda node: walk.exec_payload(node) is not None):
        payload = walk.exec_payload(node)
        if payload and payload.strip():
            start, end = walk.positions.span(node)
            found.append(Decoded("py_exec_decode", payload, start, end, Lang.PYTHON))
    return found


def _rewrite(
    text: str, budget: Budget, technique: str, target: Callable[[_Walk], Target]
) -> list[Decoded]:
    """Replace every outermost target by the literal it resolves to."""
    tree = _parse(text)
    if tree is None:
        return []
    walk = _Walk(text, tree, budget)
    edits: list[tuple[int, int, str]] = []
    for node in walk.targets(target(walk)):
        value: Value | None = walk.resolver.value(node)
        start, end = walk.positions.span(node)
        if value is not None and repr(value) != text[start:end]:
            edits.append((start, end, repr(value)))
    if not edits:
        return []
    return [Decoded(technique, walk.positions.splice(sorted(edits)), 0, len(text))]


def _rewriter(technique: str, target: Target, hints: tuple[str, ...], *, weight: int) -> Peeler:
    """Make a rewrite peeler that only parses text holding one of the hints."""

    def run(text: str, budget: Budget) -> list[Decoded]:
        if not any(hint in text for hint in hints):
            return []
        return _rewrite(text, budget, technique, lambda _: target)

    return Peeler(technique, "rewrite", run, PYTHON, weight=weight)


def _concat(text: str, budget: Budget) -> list[Decoded]:
    """Join 'ab' + 'cd' (a literal next to a literal: most code adds strings to names)."""
    if search(_LITERAL_PLUS_LITERAL, text) is None:
        return []
    return _rewrite(text, budget, "py_concat", lambda _: _is_concat)


def _escaped_literal(walk: _Walk) -> Target:
    def target(node: ast.expr) -> bool:
        if not isinstance(node, ast.Constant) or not isinstance(node.value, str | bytes):
            return False
        return _mostly_text(node.value) and walk.escaped(node)

    return target


# Below this share of printable characters a literal is binary data (shellcode, a file
# header): spelling it out reveals no text, and its repr would stay escaped anyway.
MIN_PRINTABLE = 0.6
_PRINTABLE_BYTES = frozenset(range(0x20, 0x7F)) | {0x09, 0x0A, 0x0D}


def _mostly_text(value: str | bytes) -> bool:
    if not value:
        return False
    if isinstance(value, bytes):
        printable = sum(byte in _PRINTABLE_BYTES for byte in value)
    else:
        printable = sum(char.isprintable() or char in "\t\n\r" for char in value)
    return printable >= MIN_PRINTABLE * len(value)


def _escapes(text: str, budget: Budget) -> list[Decoded]:
    """Rewrite '\\x68\\x74...' and b'\\x..' literals with their escapes resolved."""
    if "\\" not in text or search(HIDDEN_ESCAPE, text) is None:
        return []
    return _rewrite(text, budget, "py_escapes", _escaped_literal)


PEELERS = {
    "py_exec_decode": Peeler("py_exec_decode", "extract", _exec, PYTHON, weight=25),
    "py_escapes": Peeler("py_escapes", "rewrite", _escapes, PYTHON, weight=5),
    "py_chr_join": _rewriter("py_chr_join", _with_decode(_is_chars), ("chr", "byte"), weight=15),
    "py_concat": Peeler("py_concat", "rewrite", _concat, PYTHON, weight=3),
    "py_reverse": _rewriter("py_reverse", _is_reverse, ("::",), weight=15),
    "py_fromhex": _rewriter(
        "py_fromhex", _with_decode(_named(_HEX, short=True)), ("hex",), weight=10
    ),
    "py_codecs": _rewriter("py_codecs", _with_decode(_is_codecs), ("codecs",), weight=15),
    "py_b64decode": _rewriter(
        "py_b64decode", _with_decode(_named(_BASE64, short=True)), ("decode", "a2b_"), weight=10
    ),
    "py_zlib": _rewriter("py_zlib", _with_decode(_named(_INFLATE)), ("decompress",), weight=15),
}
