"""Regex fragments of batch syntax that the batch rules share.

A batch file names itself with %0 and its full-path forms (%~f0, %~dpnx0, %~nx0); %~dp0 is its
folder, not the file, and is not counted. Loops over files bind a one-letter variable (%%f, or
%f typed at the prompt) that the loop body then uses as a target.
"""

from __future__ import annotations

# The script's own file: %0, %~0, %~f0, %~dpsfnx0, %~nx0 (modifiers naming the file, not
# %~dp0 or %~n0).
SELF = r"%(?:~(?:(?=[a-z]{0,8}?(?:f|nx))[a-z]{1,8})?)?0(?![\d%])"
# Its own file in the scripting hosts that write batch worms' companions.
SELF_ANY = (
    r"(?:" + SELF + r"|WScript\.ScriptFullName|WScript\.ScriptName|%_batchname\b|"
    r"\$MyInvocation\.MyCommand\.(?:Path|Definition)|\$PSCommandPath)"
)
# A loop variable (%%f, %%~nxf, %f) and a positional argument (%1, %~f2).
LOOP_VAR = r"%%?(?:~[a-z]{0,6})?[a-z#$@](?!\w)"
ARG = r"%(?:~[a-z]{0,4})?[1-9](?!\d)"
VAR = r"%[a-z_][\w$#@]{0,30}%"
# Where a copy or a redirect lands: a loop file, an argument, or a variable holding a name.
TARGET = r"(?:" + LOOP_VAR + r"|" + ARG + r"|" + VAR + r")"
# The end of an operand: a closing quote, then a space, a separator or the end of the line.
END = r"\"?(?=[\s&|)]|$)"
# `copy`/`xcopy` with its switches, up to the source operand.
COPY = r"\b(?:copy|xcopy)\s{1,3}(?:/[a-z\-]{1,3}\s{1,3}){0,3}\"?"
# A line start, allowing indentation and the @ that silences echo.
BOL = r"^[ \t@]{0,8}"

# Extensions of files a virus infects or whose loss hurts the user.
SCRIPT_EXT = r"(?:bat|cmd|btm)"
PROGRAM_EXT = r"(?:exe|com|bat|cmd|btm)"
DATA_EXT = (
    r"(?:docx?|xlsx?|pptx?|pdf|jpe?g|gif|png|bmp|mp[34]|wav|wma|wmv|avi|mpe?g|mov|ogg|rtf|psd"
    r"|mdb)"
)


def file_loop(extensions: str) -> str:
    """Build the pattern of a `for` loop over files with one of the extensions."""
    return (
        r"\bfor\s{1,3}(?:/[rd]\s{1,3}(?:[^\s\"]{1,100}\s{1,3}|\"[^\"\n]{0,100}\"\s{1,3})?)?"
        + LOOP_VAR
        + r"\s{1,3}in\s{0,3}\((?:(?!\bfor\s)[^\n)]){0,120}?\*\.(?:"
        + extensions
        + r")(?!\w)"
    )


def repeated(line: str, times: int) -> str:
    """Build the pattern of `times` lines matching `line`, at most two other lines apart."""
    gap = r"[^\n]{0,200}(?:\n|\Z)(?:[^\n]{0,200}\n){0,2}?"
    return r"(?:" + BOL + line + gap + r"){" + str(times) + "}"
