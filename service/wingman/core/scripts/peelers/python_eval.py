"""Python expressions of literals and known decoders, resolved from the syntax tree alone.

Only a fixed table of pure decoders (base64, hex, codecs, zlib and friends, chr joins) is
followed, each reimplemented or called on literal data; nothing from the script is ever
executed or imported. Decompression is bounded by the layer size.
"""

from __future__ import annotations

import ast
import base64
import binascii
import bz2
import lzma
import warnings
import zlib
from collections.abc import Callable

from wingman.core.scripts.peelers.python_chars import chars as chr_join

Value = str | bytes
MAX_DEPTH = 32

_BASE64: dict[str, Callable[[Value], bytes]] = {
    "b64decode": base64.b64decode,
    "standard_b64decode": base64.standard_b64decode,
    "urlsafe_b64decode": base64.urlsafe_b64decode,
    "b32decode": base64.b32decode,
    "b16decode": base64.b16decode,
    "a85decode": base64.a85decode,
    "b85decode": base64.b85decode,
    "decodebytes": lambda data: base64.decodebytes(as_bytes(data)),
    "a2b_base64": binascii.a2b_base64,
}
_HEX = frozenset({"bytes.fromhex", "bytearray.fromhex", "unhexlify", "a2b_hex"})
_INFLATE = {"zlib.decompress": "zlib", "gzip.decompress": "gzip", "bz2.decompress": "bz2"}
_INFLATE |= {"lzma.decompress": "lzma"}
_TEXT_CODECS = {
    "utf-8": "utf-8", "utf8": "utf-8", "utf_8": "utf-8", "latin-1": "latin-1",
    "latin1": "latin-1", "iso-8859-1": "latin-1", "ascii": "ascii", "cp1252": "cp1252",
    "utf-16": "utf-16", "utf-16-le": "utf-16-le", "utf-16-be": "utf-16-be",
    "unicode_escape": "unicode_escape", "unicode-escape": "unicode_escape",
}  # fmt: skip
_ROT13 = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    "NOPQRSTUVWXYZABCDEFGHIJKLMnopqrstuvwxyzabcdefghijklm",
)
DECODE_ERRORS = (ValueError, TypeError, zlib.error, OSError, EOFError, lzma.LZMAError)


class Resolver:
    """Resolve expression nodes to str or bytes values; None when anything is not literal."""

    def __init__(self, limit: int) -> None:
        self.limit = limit

    def value(self, node: ast.AST, depth: int = 0) -> Value | None:
        """Return the value of one expression, or None."""
        if depth > MAX_DEPTH:
            return None
        if isinstance(node, ast.Constant):
            return node.value if isinstance(node.value, str | bytes) else None
        try:
            found = self._dispatch(node, depth + 1)
        except DECODE_ERRORS:
            return None
        return None if found is None or len(found) > self.limit else found

    def _dispatch(self, node: ast.AST, depth: int) -> Value | None:
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return self._concat(node, depth)
        if isinstance(node, ast.Subscript):
            return self._reverse(node, depth)
        if isinstance(node, ast.Call):
            return self._call(node, depth)
        return None

    def _concat(self, node: ast.BinOp, depth: int) -> Value | None:
        operands = [self.value(item, depth) for item in flatten_add(node)]
        if any(item is None for item in operands):
            return None
        if all(isinstance(item, str) for item in operands):
            return "".join(item for item in operands if isinstance(item, str))
        if all(isinstance(item, bytes) for item in operands):
            return b"".join(item for item in operands if isinstance(item, bytes))
        return None

    def _reverse(self, node: ast.Subscript, depth: int) -> Value | None:
        if not is_reverse_slice(node.slice):
            return None
        inner = self.value(node.value, depth)
        return None if inner is None else inner[::-1]

    def _call(self, node: ast.Call, depth: int) -> Value | None:
        if node.keywords:
            return None
        name = callee(node.func)
        chars = chr_join(node)
        if chars is not None:
            return chars
        if name is None:
            return self._method(node, depth)
        args = [self.value(arg, depth) for arg in node.args]
        if any(arg is None for arg in args) or not args:
            return None
        return self._function(name, [arg for arg in args if arg is not None])

    def _method(self, node: ast.Call, depth: int) -> Value | None:
        if not isinstance(node.func, ast.Attribute) or node.func.attr not in ("decode", "encode"):
            return None
        receiver = self.value(node.func.value, depth)
        args = [arg.value for arg in node.args if isinstance(arg, ast.Constant)]
        if receiver is None or len(args) != len(node.args) or len(args) > 2:
            return None
        if not all(isinstance(arg, str) for arg in args):
            return None
        encoding = _TEXT_CODECS.get(str(args[0]).lower() if args else "utf-8")
        if encoding is None:
            return None
        if node.func.attr == "decode":
            return decode_text(receiver, encoding) if isinstance(receiver, bytes) else None
        return receiver.encode(encoding) if isinstance(receiver, str) else None

    def _function(self, name: str, args: list[Value]) -> Value | None:
        short = name.rpartition(".")[2]
        if short in _BASE64 and len(args) == 1:
            return _BASE64[short](args[0])
        if (name in _HEX or short in _HEX) and len(args) == 1:
            data = args[0]
            return binascii.unhexlify(data if isinstance(data, bytes) else "".join(data.split()))
        if name in _INFLATE and len(args) <= 2:
            return self._inflate(_INFLATE[name], args)
        if name == "compile" and len(args) == 3:
            return args[0]
        if name in ("codecs.decode", "codecs.encode") and len(args) in (2, 3):
            return self._codec(name.endswith("decode"), args[0], args[1])
        return None

    def _inflate(self, kind: str, args: list[Value]) -> bytes | None:
        data = args[0]
        if not isinstance(data, bytes) or (len(args) > 1 and kind != "zlib"):
            return None
        return inflate(data, kind, self.limit)

    def _codec(self, decoding: bool, data: Value, name: Value) -> Value | None:
        if not isinstance(name, str):
            return None
        codec = name.lower().replace("-", "_")
        if codec in ("rot13", "rot_13"):
            return data.translate(_ROT13) if isinstance(data, str) else None
        if not decoding:
            encoding = _TEXT_CODECS.get(name.lower())
            return data.encode(encoding) if encoding and isinstance(data, str) else None
        steps: dict[str, Callable[[], Value | None]] = {
            "hex": lambda: binascii.unhexlify(data),
            "hex_codec": lambda: binascii.unhexlify(data),
            "base64": lambda: base64.decodebytes(as_bytes(data)),
            "base64_codec": lambda: base64.decodebytes(as_bytes(data)),
            "zlib": lambda: inflate(as_bytes(data), "zlib", self.limit),
            "zlib_codec": lambda: inflate(as_bytes(data), "zlib", self.limit),
            "bz2": lambda: inflate(as_bytes(data), "bz2", self.limit),
        }
        if codec in steps:
            return steps[codec]()
        encoding = _TEXT_CODECS.get(name.lower())
        return decode_text(data, encoding) if encoding and isinstance(data, bytes) else None


def decode_text(data: bytes, encoding: str) -> str:
    """Decode bytes; unicode_escape's warnings about odd escapes are not ours to show."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return data.decode(encoding)


def as_bytes(data: Value) -> bytes:
    """Return bytes for ASCII text as the binary codecs accept it."""
    return data if isinstance(data, bytes) else data.encode("ascii")


def inflate(data: bytes, kind: str, limit: int) -> bytes | None:
    """Decompress a whole stream of at most `limit` bytes; None when it is longer or cut."""
    if kind in ("zlib", "gzip"):
        inflater = zlib.decompressobj(15 if kind == "zlib" else 31)
        out = inflater.decompress(data, limit)
        return None if inflater.unconsumed_tail or not inflater.eof else out
    decompressor = bz2.BZ2Decompressor() if kind == "bz2" else lzma.LZMADecompressor()
    out = decompressor.decompress(data, max_length=limit)
    return out if decompressor.eof else None


def flatten_add(node: ast.BinOp) -> list[ast.expr]:
    """List the operands of a chain of `+`, left to right, without recursion."""
    operands: list[ast.expr] = []
    stack: list[ast.expr] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, ast.BinOp) and isinstance(current.op, ast.Add):
            stack += [current.right, current.left]
        else:
            operands.append(current)
    return operands


def is_reverse_slice(node: ast.expr) -> bool:
    """Tell whether a subscript is [::-1]."""
    if not isinstance(node, ast.Slice) or node.lower is not None or node.upper is not None:
        return False
    step = node.step
    if isinstance(step, ast.UnaryOp) and isinstance(step.op, ast.USub):
        return isinstance(step.operand, ast.Constant) and step.operand.value == 1
    return False


def callee(node: ast.expr) -> str | None:
    """Return the dotted name of a called function; __import__('m').f counts as m.f."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    elif isinstance(node, ast.Call) and callee(node.func) == "__import__" and node.args:
        module = node.args[0]
        if not isinstance(module, ast.Constant) or not isinstance(module.value, str):
            return None
        parts.append(module.value)
    else:
        return None
    return ".".join(reversed(parts))
