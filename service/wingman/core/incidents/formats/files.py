"""The hashes a file entity carries, and which of them names it best."""

from __future__ import annotations

from collections.abc import Mapping

# A file entity's hash attributes, strongest first.
HASHES = ("sha256", "sha1", "md5")


def strongest_hash(hashes: Mapping[str, str]) -> str:
    """Return the strongest of a file's hashes: SHA-256, else SHA-1, else MD5, else ''."""
    return next((hashes[name] for name in HASHES if hashes.get(name)), "")
