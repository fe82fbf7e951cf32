"""What a name means at a point of a query: the columns of the rows there, and let bindings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase

UNKNOWN = ""  # a type we cannot tell; compatible with everything


@dataclass(frozen=True, slots=True)
class Columns:
    """The columns of a tabular expression, by name and type; `open` when others may exist."""

    types: Mapping[str, str] = field(default_factory=dict)
    open: bool = False
    # The catalog tables the rows come from, for time-column advice.
    tables: tuple[str, ...] = ()
    # Time columns these tables have only on the other platform (TimeGenerated in Defender XDR).
    foreign: frozenset[str] = frozenset()

    @classmethod
    def opened(cls, base: Columns | None = None) -> Columns:
        """Columns that cannot be known exactly: every name is accepted from here on."""
        if base is None:
            return cls(open=True)
        return cls(dict(base.types), True, base.tables, base.foreign)

    def has(self, name: str) -> bool:
        return name in self.types

    def type_of(self, name: str) -> str:
        return self.types.get(name, UNKNOWN)

    def with_columns(self, added: Iterable[tuple[str, str]]) -> Columns:
        types = dict(self.types)
        for name, kind in added:
            types[name] = kind
        return Columns(types, self.open, self.tables, self.foreign)

    def only(self, names: Iterable[tuple[str, str]], *, open: bool = False) -> Columns:
        return Columns(dict(names), self.open or open, self.tables, self.foreign)

    def without(self, patterns: Iterable[str]) -> Columns:
        drop = tuple(patterns)
        kept = {n: t for n, t in self.types.items() if not any(fnmatchcase(n, p) for p in drop)}
        return Columns(kept, self.open, self.tables, self.foreign)

    def keeping(self, patterns: Iterable[str]) -> Columns:
        keep = tuple(patterns)
        kept = {n: t for n, t in self.types.items() if any(fnmatchcase(n, p) for p in keep)}
        return Columns(kept, self.open, self.tables, self.foreign)

    def merged(self, other: Columns, *, suffix_duplicates: bool = False) -> Columns:
        """The columns of both sides; a join names the right side's duplicates `<name>1`."""
        types = dict(self.types)
        for name, kind in other.types.items():
            if name in types and suffix_duplicates:
                types[numbered(name, types)] = kind
            else:
                types.setdefault(name, kind)
        tables = self.tables + tuple(t for t in other.tables if t not in self.tables)
        return Columns(types, self.open or other.open, tables, self.foreign | other.foreign)


def numbered(name: str, taken: Mapping[str, str]) -> str:
    """The name Kusto gives a duplicate column: the first free `<name>1`, `<name>2`, ..."""
    n = 1
    while f"{name}{n}" in taken:
        n += 1
    return f"{name}{n}"


@dataclass(frozen=True, slots=True)
class Binding:
    """A let-bound name: a tabular value (columns), a scalar (type) or a function."""

    kind: str  # "tabular" | "scalar" | "function"
    columns: Columns | None = None
    type: str = UNKNOWN


@dataclass(frozen=True, slots=True)
class Scope:
    """The names visible to a scalar expression."""

    row: Columns
    names: Mapping[str, Binding]
    left: Columns | None = None
    right: Columns | None = None

    def candidates(self) -> tuple[str, ...]:
        """Names a typo may have meant: the row's columns and the scalar bindings."""
        scalars = (n for n, b in self.names.items() if b.kind == "scalar")
        return (*self.row.types, *scalars)
