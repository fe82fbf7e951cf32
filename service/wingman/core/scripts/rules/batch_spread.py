"""Batch viruses and worms: infecting other batch files, copying themselves, spreading by IRC,
file sharing and network shares.

Patterns that hinge on batch-only syntax (%0, %%f) run on every layer: batch text keeps its
meaning when another language carries it or when a mixed file is taken for another language.
"""

from __future__ import annotations

from wingman.core.models import Severity
from wingman.core.scripts.rules.batch_syntax import (
    ARG,
    BOL,
    COPY,
    END,
    LOOP_VAR,
    PROGRAM_EXT,
    SCRIPT_EXT,
    SELF,
    SELF_ANY,
    TARGET,
    VAR,
    file_loop,
    repeated,
)
from wingman.core.scripts.rules.engine import Rule

TAGS = frozenset({"spreading", "batch"})

# Fixed-drive folders a self-copy hides in: any absolute path, or a system/profile variable.
_PLANT = (
    r"(?:[c-z]:[\\/]|%(?:windir|systemroot|winbootdir|systemdrive|homedrive|appdata|"
    r"localappdata|allusersprofile|programdata|userprofile|public|programfiles|"
    r"commonprogramfiles)%)"
)
# Folders that file-sharing clients publish to everyone.
_SHARED = (
    r"(?:kazaa(?: lite)?(?:\\{1,2}|\s)|\bkmd\b|morpheus|grokster|limewire|bearshare|edonkey\d{0,4}"
    r"|\bemule\b|imesh|shareaza|icq\\{1,2}shared|my shared folder|gnucleus|xolox|overnet|"
    r"\bares\\{1,2}my shared)"
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="BAT-001",
        title="Infects other batch files by appending its own code",
        severity=Severity.CRITICAL,
        attack=("T1080",),
        any_of=(
            file_loop(SCRIPT_EXT) + r"(?:(?!\bfor\s)[^\n]){0,160}?>>\s{0,3}\"?" + LOOP_VAR + END,
            r"\b(?:type|find(?:str)?|more)\b(?:(?!\b(?:type|find|findstr|more)\b)[^\n]){0,80}?"
            + SELF
            + r"(?:\.bat)?\"?(?:(?!\b(?:type|find|findstr|more)\b)[^\n]){0,40}?>>\s{0,3}\"?"
            + TARGET
            + END,
            r"\btype\s{1,3}(?:(?!\btype\s)[^\n>|&]){1,80}>>\s{0,3}\"?(?:"
            + LOOP_VAR
            + "|"
            + ARG
            + ")"
            + END,
            r"\bcopy\s{1,3}(?:/[ab]\s{1,3})?\"?(?:"
            + LOOP_VAR
            + "|"
            + ARG
            + r")\"?\s{0,3}\+\s{0,3}\"?"
            + SELF,
            r"\bcopy\s{1,3}(?:/[ab]\s{1,3})?\"?" + SELF + r"\"?\s{0,3}\+\s{0,3}\"?" + TARGET,
        ),
        all_of=(file_loop(SCRIPT_EXT),),
        weight=50,
        tags=TAGS,
    ),
    Rule(
        id="BAT-002",
        title="Puts copies of itself in place of the programs a loop finds (companion virus)",
        severity=Severity.CRITICAL,
        attack=("T1080", "T1036.005"),
        any_of=(COPY + SELF + r"(?:\.bat)?\"?\s{1,3}\"?" + TARGET + r"\"?(?=[\s&|]|$)",),
        all_of=(file_loop(PROGRAM_EXT + r"|\*"),),
        weight=50,
        tags=TAGS,
    ),
    Rule(
        id="BAT-003",
        title="Copies itself into the Windows folder, a drive root or a profile folder",
        severity=Severity.MEDIUM,
        attack=("T1036.005",),
        any_of=(
            r"\b(?:copy|xcopy|move)\s{1,3}(?:/[a-z\-]{1,3}\s{1,3}){0,3}\"?"
            + SELF
            + r"(?:\.bat)?\"?\s{1,3}\"?"
            + _PLANT,
        ),
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="BAT-004",
        title="Copies itself to floppy or removable drives",
        severity=Severity.CRITICAL,
        attack=("T1091",),
        any_of=(
            COPY + SELF + r"(?:\.bat)?\"?\s{1,3}\"?(?:[ab]:|" + LOOP_VAR + r":|" + VAR + r":)"
            r"(?:[\\/][^\s\"&|<>]{0,120})?" + END,
        ),
        weight=40,
        tags=TAGS,
    ),
    Rule(
        id="BAT-005",
        title="Drops copies of itself in many places",
        severity=Severity.HIGH,
        attack=("T1080", "T1036.005"),
        any_of=(repeated(r"(?:copy|xcopy|type)\s{1,3}(?:/[a-z\-]{1,3}\s{1,3}){0,3}\"?" + SELF, 3),),
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="BAT-006",
        title="Adds itself to the archives it finds (archive worm)",
        severity=Severity.CRITICAL,
        attack=("T1080",),
        any_of=(
            r"\b(?:w?rar|pkzip(?:25)?|zip|arj|lha|7za|7z\.exe)(?:\.exe)?\s{1,3}(?:(?!\b(?:w?rar|"
            r"pkzip|zip|arj|lha|7za|7z)\b)[^\n]){0,120}?" + SELF,
        ),
        weight=45,
        tags=TAGS,
    ),
    Rule(
        id="BAT-007",
        title="4DOS batch reads its own lines and writes them into other files",
        severity=Severity.CRITICAL,
        attack=("T1080",),
        any_of=(r"%@line\[\s{0,3}%_batchname\b",),
        all_of=(r"%@filewrite[bl]?\[",),
        weight=50,
        tags=TAGS,
    ),
    Rule(
        id="BAT-008",
        title="Writes an IRC client script that sends a file to everyone who joins (IRC worm)",
        severity=Severity.CRITICAL,
        attack=("T1534", "T1204.002"),
        any_of=(r"\bdcc\s{1,3}send\s{1,3}(?:-\w{1,3}\s{1,3})?\$nick\b",),
        all_of=(r"\bon\s{1,3}\*?\d{0,3}:(?:join|part|text|connect|open|input)\b",),
        weight=50,
        tags=TAGS,
    ),
    Rule(
        id="BAT-009",
        title="Copies itself into file-sharing (P2P) folders",
        severity=Severity.CRITICAL,
        attack=("T1080",),
        any_of=(
            r"\b(?:copy|xcopy|FileCopy|CopyFile|Copy)\b(?:(?!\b(?:copy|xcopy|FileCopy|CopyFile)"
            r"\b)[^\n]){0,200}?" + _SHARED,
        ),
        all_of=(SELF_ANY,),
        weight=45,
        tags=TAGS,
    ),
    Rule(
        id="BAT-010",
        title="Copies itself to network shares",
        severity=Severity.CRITICAL,
        attack=("T1021.002", "T1570"),
        any_of=(COPY + SELF + r"(?:\.bat)?\"?\s{1,3}\"?\\\\",),
        weight=40,
        tags=TAGS,
    ),
    Rule(
        id="BAT-011",
        title="Reads its own marked lines into a new batch file (virus body extraction)",
        severity=Severity.HIGH,
        attack=("T1080",),
        any_of=(
            BOL
            + r"find(?:str)?\s{1,3}(?:/\w\s{1,3}){0,2}\"[^\"\n]{1,40}\"\s{0,3}<\s{0,3}\"?"
            + SELF
            + r"(?:\.bat)?\"?\s{0,3}>",
        ),
        all_of=(file_loop(SCRIPT_EXT),),
        weight=30,
        tags=TAGS,
    ),
    Rule(
        id="BAT-012",
        title="Copies itself to the machines that net view lists",
        severity=Severity.CRITICAL,
        attack=("T1021.002", "T1570"),
        any_of=(COPY + SELF + r"(?:\.bat)?\"?\s{1,3}\"?(?:\\\\)?" + LOOP_VAR + r"\\",),
        all_of=(r"\bnet1?(?:\.exe)?\s{1,3}view\b",),
        weight=45,
        tags=TAGS,
    ),
    Rule(
        id="BAT-013",
        title="Mails itself with a command-line mailer",
        severity=Severity.CRITICAL,
        attack=("T1534",),
        any_of=(
            r"\b(?:blat|postie|mailsend|bmail|febootimail|sendemail)(?:\.exe)?\s(?:(?!\b(?:blat|"
            r"postie|mailsend|bmail|febootimail|sendemail)\b)[^\n]){0,200}?" + SELF,
        ),
        weight=45,
        tags=TAGS,
    ),
)
