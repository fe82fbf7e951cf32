"""KQL literals: hostile values stay inside one token, decode back exactly, and parse cleanly."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from antlr4 import Token
from hypothesis import given, settings
from hypothesis import strategies as st
from kusto_query_language_parser.parse_tools.KqlLexer import KqlLexer

from tests.unit.kql.grammar import lex, parse_errors
from wingman.core.kql.literals import (
    LiteralError,
    datetime_literal,
    decode_string_literal,
    identifier,
    int_literal,
    string_list,
    string_literal,
    timespan_literal,
)

HOSTILE = st.text(alphabet=st.sampled_from("\"'\\|;\n\r.\x00\t`~@h$[]() ad"), max_size=40)
ANY_TEXT = st.text(max_size=60)
TEXTS = st.one_of(ANY_TEXT, HOSTILE)


def kinds(tokens: list[Token]) -> list[int]:
    return [t.type for t in tokens]


def template_kinds(literal_tokens: list[Token]) -> list[int]:
    """Token types of ``T | where C == <literal>`` with the literal's own tokens in place."""
    head, _ = lex("T | where C == ")
    return kinds(head) + kinds(literal_tokens)


def assert_one_string_token(text: str) -> Token:
    tokens, errors = lex(text)
    assert errors == []
    assert len(tokens) == 1
    (token,) = tokens
    assert KqlLexer.symbolicNames[token.type] == "STRINGLITERAL"
    assert (token.start, token.stop) == (0, len(text) - 1)
    return token


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_string_literal_is_one_token_that_decodes_to_the_value(value: str) -> None:
    literal = string_literal(value)
    assert_one_string_token(literal)
    assert decode_string_literal(literal) == value


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_string_literal_cannot_change_the_query_around_it(value: str) -> None:
    query = f"T | where C == {string_literal(value)}"
    tokens, errors = lex(query)
    assert errors == []
    literal_tokens, _ = lex(string_literal(value))
    assert kinds(tokens) == template_kinds(literal_tokens)
    assert [t.text for t in tokens].count("|") == 1
    assert parse_errors(query) == []


@settings(max_examples=200, deadline=None)
@given(st.one_of(TEXTS.filter(bool), st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,12}", fullmatch=True)))
def test_identifier_is_one_name_that_parses(name: str) -> None:
    rendered = identifier(name)
    tokens, errors = lex(rendered)
    assert errors == []
    if rendered == name:
        assert kinds(tokens) == [KqlLexer.IDENTIFIER]
    else:
        assert tokens[0].text == "["
        assert tokens[-1].text == "]"
        assert len(tokens) == 3
        assert decode_string_literal(tokens[1].text) == name
    query = f"T | where {rendered} == 1"
    assert parse_errors(query) == []
    all_tokens, _ = lex(query)
    assert [t.text for t in all_tokens].count("|") == 1


@pytest.mark.parametrize(
    ("value", "literal"),
    [
        ("", '""'),
        ("abc", '"abc"'),
        ('say "hi"', r'"say \"hi\""'),
        ("it's", '"it\'s"'),
        ("C:\\Windows\\", r'"C:\\Windows\\"'),
        ("a\nb\r\tc", r'"a\nb\r\tc"'),
        ("\x00\x1b\x7f", r'"\u0000\u001b\u007f"'),
        ("x\u2028y\u202e", r'"x\u2028y\u202e"'),
        ('" | .drop table T; //', r'"\" | .drop table T; //"'),
        ("é😀", '"é😀"'),
        ("\ud800", r'"\ud800"'),
    ],
)
def test_string_literal_renders(value: str, literal: str) -> None:
    assert string_literal(value) == literal
    assert decode_string_literal(literal) == value


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("'abc'", "abc"),
        (r"'it\'s'", "it's"),
        ('"a\'b"', "a'b"),
        ('@"C:\\temp\\"', "C:\\temp\\"),
        ('@"say ""hi"""', 'say "hi"'),
        ("@'it''s'", "it's"),
        ('h"secret"', "secret"),
        ("H'secret'", "secret"),
        ('h@"C:\\x"', "C:\\x"),
        ("```line1\nline2```", "line1\nline2"),
        ("~~~a\"b'c~~~", "a\"b'c"),
        (r'"\a\b\f\v\x41\U0001F600\101\7"', "\a\b\f\vA😀A\x07"),
        (r'"\u00e9"', "é"),
    ],
)
def test_decode_string_literal_forms(token: str, value: str) -> None:
    assert decode_string_literal(token) == value


@pytest.mark.parametrize(
    "token",
    [
        "",
        "abc",
        '"abc',
        '"a"b"',
        '"a\\"',
        r'"\q"',
        r'"\u12"',
        r'"\UFFFFFFFF"',
        '"a\nb"',
        "'a'b'",
        '@"a"b"',
        '@"a\nb"',
        "```a```b```",
        "h",
    ],
)
def test_decode_string_literal_rejects_malformed(token: str) -> None:
    with pytest.raises(LiteralError):
        decode_string_literal(token)


@pytest.mark.parametrize(
    ("name", "rendered"),
    [
        ("Timestamp", "Timestamp"),
        ("_col1", "_col1"),
        ("DeviceName", "DeviceName"),
        ("where", "['where']"),
        ("count", "['count']"),
        ("true", "['true']"),
        ("7d", "['7d']"),
        ("1abc", "['1abc']"),
        ("$left", "['$left']"),
        ("my col", "['my col']"),
        ("it's", r"['it\'s']"),
        ("a]b", "['a]b']"),
        ("Größe", "['Größe']"),
    ],
)
def test_identifier_quotes_only_when_needed(name: str, rendered: str) -> None:
    assert identifier(name) == rendered


def test_identifier_rejects_empty() -> None:
    with pytest.raises(LiteralError):
        identifier("")


def test_string_list() -> None:
    assert string_list(["a", 'b"c']) == r'("a", "b\"c")'
    assert string_list(("x",)) == '("x")'


@pytest.mark.parametrize("values", [[], "abc", ["a", 1]])
def test_string_list_rejects(values: object) -> None:
    with pytest.raises(LiteralError):
        string_list(values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "literal"), [(0, "0"), (445, "445"), (-1, "-1"), (2**63 - 1, str(2**63 - 1))]
)
def test_int_literal(value: int, literal: str) -> None:
    assert int_literal(value) == literal


@pytest.mark.parametrize("value", [True, 1.5, "1", 2**63])
def test_int_literal_rejects(value: object) -> None:
    with pytest.raises(LiteralError):
        int_literal(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "literal"),
    [
        (datetime(2026, 11, 1, tzinfo=UTC), "datetime(2026-11-01T00:00:00Z)"),
        (
            datetime(2026, 11, 1, 2, 30, tzinfo=timezone(timedelta(hours=2))),
            "datetime(2026-11-01T00:30:00Z)",
        ),
        (datetime(2026, 1, 2, 3, 4, 5, 6000, tzinfo=UTC), "datetime(2026-01-02T03:04:05.006000Z)"),
        (date(2026, 11, 5), "datetime(2026-11-05)"),
    ],
)
def test_datetime_literal(value: datetime, literal: str) -> None:
    assert datetime_literal(value) == literal
    tokens, errors = lex(literal)
    assert errors == []
    assert kinds(tokens) == [KqlLexer.DATETIMELITERAL]


def test_datetime_literal_rejects_naive() -> None:
    with pytest.raises(LiteralError):
        datetime_literal(datetime(2026, 11, 1))


@pytest.mark.parametrize(
    ("value", "literal"),
    [
        (timedelta(days=7), "7d"),
        (86_400, "1d"),
        (timedelta(hours=24), "1d"),
        (timedelta(hours=36), "36h"),
        (5400, "90m"),
        (1800, "30m"),
        (90, "90s"),
        (1.5, "1500ms"),
        (timedelta(microseconds=7), "7microseconds"),
        (0, "0s"),
        (timedelta(days=3650), "3650d"),
    ],
)
def test_timespan_literal(value: timedelta | float, literal: str) -> None:
    assert timespan_literal(value) == literal
    tokens, errors = lex(literal)
    assert errors == []
    assert kinds(tokens) == [KqlLexer.TIMESPANLITERAL]


@pytest.mark.parametrize(
    "value", [-1, timedelta(seconds=-5), float("nan"), float("inf"), True, "7d"]
)
def test_timespan_literal_rejects(value: object) -> None:
    with pytest.raises(LiteralError):
        timespan_literal(value)  # type: ignore[arg-type]
