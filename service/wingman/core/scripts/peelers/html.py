"""HTML and HTA containers: each `<script>` block becomes a layer in the language it declares.

Script viruses and droppers often travel as web pages, HTA applications or WSF jobs; whatever
language the container was detected as, the code inside runs in the language its tag names
(`language="VBScript"`, `type="text/jscript"`), JavaScript when it names none.
"""

from __future__ import annotations

from wingman.core.scripts.peelers import Peeler
from wingman.core.scripts.safe_regex import compile_pattern, search
from wingman.core.scripts.types import Budget, Decoded, Lang

MAX_BLOCKS = 64
_OPEN = compile_pattern(r"<script\b(?P<attrs>[^<>]{0,400})>")
_CLOSE = compile_pattern(r"</script\s*>")
_DECLARED = compile_pattern(
    r"\b(?:language|type)\s*=\s*[\"']?(?:text/)?(?P<name>vbscript|vbs|jscript|javascript|ecmascript)"
)
_LANGUAGES = {
    "vbscript": Lang.VBSCRIPT,
    "vbs": Lang.VBSCRIPT,
    "jscript": Lang.JAVASCRIPT,
    "javascript": Lang.JAVASCRIPT,
    "ecmascript": Lang.JAVASCRIPT,
}
# An external script (`src=`) with nothing inline has nothing to analyse here.
_HTML_COMMENT = compile_pattern(r"\A\s*<!--|-->\s*\Z")


def _script_blocks(text: str, budget: Budget) -> list[Decoded]:
    """Extract every inline `<script>` block with the language its tag declares."""
    if "<script" not in text.lower():
        return []
    found: list[Decoded] = []
    position = 0
    # Each block is searched for from the end of the last one, so the scan stays linear.
    while len(found) < MAX_BLOCKS:
        budget.check_time()
        opening = search(_OPEN, text, position=position)
        if opening is None:
            break
        closing = search(_CLOSE, text, position=opening.end())
        if closing is None:
            break
        position = closing.end()
        body = _HTML_COMMENT.sub("", text[opening.end() : closing.start()])
        if not body.strip():
            continue
        declared = search(_DECLARED, opening.group("attrs"))
        language = _LANGUAGES[declared.group("name").lower()] if declared else Lang.JAVASCRIPT
        found.append(Decoded("html_script", body, opening.end(), closing.start(), language))
    return found


PEELERS = {
    # Carrying code in a page is how it is delivered, not evidence of hiding it.
    "html_script": Peeler("html_script", "extract", _script_blocks, weight=0),
}
