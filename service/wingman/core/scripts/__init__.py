"""Static script analysis: deobfuscation, indicators, behaviours, ATT&CK and a verdict.

The entry point is `wingman.core.scripts.analyze.ScriptAnalyzer`; nothing here ever executes
the script it reads.
"""
