"""HTML and HTA containers: script blocks become layers in the language their tag declares."""

from __future__ import annotations

import time

from wingman.core.scripts.layers import peel
from wingman.core.scripts.peelers.catalog import PEELERS
from wingman.core.scripts.peelers.html import PEELERS as HTML_PEELERS
from wingman.core.scripts.types import Budget, Lang

RUN = HTML_PEELERS["html_script"].run


def budget() -> Budget:
    return Budget(deadline=time.monotonic() + 60)


def test_each_block_gets_its_declared_language() -> None:
    page = (
        "<html><head>\n"
        '<script language="VBScript">\nSet s = CreateObject("WScript.Shell")\n</script>\n'
        "<SCRIPT type='text/jscript'>var x = new ActiveXObject('X.Y');</SCRIPT>\n"
        "<script>\n<!--\nwindow.location = 'http://198.51.100.9/a';\n//-->\n</script>\n"
        '<script src="app.js"></script>\n'
        "</head></html>"
    )
    found = RUN(page, budget())
    assert [d.language for d in found] == [Lang.VBSCRIPT, Lang.JAVASCRIPT, Lang.JAVASCRIPT]
    assert found[0].content.strip() == 'Set s = CreateObject("WScript.Shell")'
    assert "<!--" not in found[2].content
    assert page[found[1].start : found[1].end] == found[1].content


def test_hta_payload_is_analysed_in_its_language() -> None:
    hta = (
        '<hta:application id="a" windowstate="minimize">\n'
        '<script language="vbscript">\nCreateObject("WScript.Shell").Run "calc.exe", 0\n</script>'
    )
    layers, stopped = peel(hta, Lang.JAVASCRIPT, peelers=PEELERS, budget=budget())
    assert stopped is None
    assert [(layer.technique, layer.language) for layer in layers[1:]] == [
        ("html_script", Lang.VBSCRIPT)
    ]


def test_unclosed_and_repeated_openers_stay_linear() -> None:
    # A quadratic scan would pass a search's time limit and raise BudgetExceeded.
    assert RUN("<script>" * 50_000, budget()) == []
    found = RUN("<script>a</script>" * 1000, budget())
    assert len(found) == 64
    assert {d.content for d in found} == {"a"}


def test_text_without_script_tags_is_left_alone() -> None:
    assert RUN("echo <scripted> output", budget()) == []
