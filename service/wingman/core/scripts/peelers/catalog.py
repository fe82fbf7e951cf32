"""Every registered peeler, in the order rewrites are tried."""

from __future__ import annotations

from wingman.core.scripts.peelers import (
    cmd,
    encoding,
    html,
    javascript,
    powershell,
    python,
    registry,
    shell,
    vbscript,
)

PEELERS = registry(
    encoding.PEELERS,
    html.PEELERS,
    powershell.PEELERS,
    cmd.PEELERS,
    shell.PEELERS,
    javascript.PEELERS,
    vbscript.PEELERS,
    python.PEELERS,
)
