"""A cached provider answer: what a provider said (or why it could not), and when, as JSON.

Cached bytes are read as hostile: bounded, validated, and anything unreadable is a miss.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from wingman.core.models import ProviderResult, Verdict
from wingman.core.ti.verdicts import ProviderAnswer

MAX_RECORD_BYTES = 256 * 1024


class _Answer(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    verdict: Verdict
    score: int = Field(0, ge=0, le=100)
    first_seen: str = ""
    last_seen: str = ""
    tags: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    summary: str = ""
    found: bool = True


class Record(BaseModel):
    """One cache entry: an answer or an error, with the time it was fetched."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    fetched_at: str
    answer: _Answer | None = None
    error: str | None = None

    @classmethod
    def of_answer(cls, answer: ProviderAnswer, *, fetched_at: str) -> Record:
        """The record of an answer (scores clamped to 0-100)."""
        return cls(
            fetched_at=fetched_at,
            answer=_Answer(
                verdict=answer.verdict,
                score=min(100, max(0, answer.score)),
                first_seen=answer.first_seen,
                last_seen=answer.last_seen,
                tags=answer.tags,
                references=answer.references,
                summary=answer.summary,
                found=answer.found,
            ),
        )

    @classmethod
    def of_error(cls, error: str, *, fetched_at: str) -> Record:
        """The record of a provider error."""
        return cls(fetched_at=fetched_at, error=error)

    def encode(self) -> bytes:
        """The JSON stored in Redis."""
        return self.model_dump_json(exclude_none=True).encode("utf-8")

    def result(self, provider: str, *, cached: bool) -> ProviderResult:
        """The ProviderResult this record says."""
        if self.answer is None:
            return ProviderResult(
                provider=provider,
                verdict=Verdict.UNKNOWN,
                error=self.error or "unknown error",
                fetched_at=self.fetched_at,
                cached=cached,
            )
        answer = self.answer
        return ProviderResult(
            provider=provider,
            verdict=answer.verdict,
            score=answer.score,
            first_seen=answer.first_seen,
            last_seen=answer.last_seen,
            tags=answer.tags,
            references=answer.references,
            summary=answer.summary,
            fetched_at=self.fetched_at,
            cached=cached,
        )


def decoded(raw: bytes | None) -> Record | None:
    """The record in `raw`, or None when absent, too large or not a record."""
    if raw is None or len(raw) > MAX_RECORD_BYTES:
        return None
    try:
        record = Record.model_validate_json(raw)
    except ValidationError:
        return None
    if (record.answer is None) == (record.error is None):
        return None
    return record
