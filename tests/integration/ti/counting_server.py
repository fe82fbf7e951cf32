"""A tiny provider for the gateway's tests: `GET /lookup/<value>` over real HTTP, counted.

Each value gets a scripted reply (status, headers, body) — by default a malicious verdict that
names the call's sequence number, so a test can tell one upstream answer from another.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote

from wingman.adapters.ti.provider import HttpCall, HttpProvider, ProviderError, ProviderErrorKind
from wingman.core.models import Indicator, IndicatorType, Verdict
from wingman.core.ti.verdicts import ProviderAnswer


@dataclass
class Reply:
    """One scripted answer; `times` None repeats it forever, else it is used that many times."""

    status: int = 200
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    times: int | None = None


class CountingServer:
    """Counts requests per value and answers each from its script (or the default)."""

    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()
        self.scripts: dict[str, list[Reply]] = {}
        self.default = Reply()
        self._lock = threading.Lock()
        self._sequence = 0
        self._http = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._http.daemon_threads = True

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._http.server_address[1]}"

    @property
    def total(self) -> int:
        with self._lock:
            return sum(self.calls.values())

    def script(self, value: str, *replies: Reply) -> None:
        """Answer `value` with these replies in turn (the last one with `times` None repeats)."""
        with self._lock:
            self.scripts[value] = list(replies)

    def _reply(self, value: str) -> tuple[Reply, int]:
        with self._lock:
            self.calls[value] += 1
            self._sequence += 1
            replies = self.scripts.get(value) or [self.default]
            reply = replies[0]
            if reply.times is not None:
                reply.times -= 1
                if reply.times <= 0 and len(replies) > 1:
                    replies.pop(0)
            return reply, self._sequence

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                value = unquote(self.path.removeprefix("/lookup/"))
                reply, sequence = server._reply(value)
                if reply.delay_s:
                    threading.Event().wait(reply.delay_s)
                body = reply.body
                if body is None:
                    body = json.dumps({"verdict": "malicious", "score": 90, "call": sequence})
                    body = body.encode()
                self.send_response(reply.status)
                for name, text in reply.headers.items():
                    self.send_header(name, text)
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                return

        return Handler

    @contextmanager
    def running(self) -> Iterator[CountingServer]:
        """Serve in a thread until the block ends."""
        thread = threading.Thread(target=self._http.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._http.shutdown()
            self._http.server_close()
            thread.join()


class CountingProvider(HttpProvider):
    """An HttpProvider for the counting server: JSON `{verdict, score, call}`, 404 = unknown."""

    name = "counting"
    types = frozenset({IndicatorType.IPV4, IndicatorType.DOMAIN, IndicatorType.SHA256})
    default_base_url = "http://127.0.0.1:9"

    def call(self, indicator: Indicator) -> HttpCall:
        return HttpCall("GET", f"/lookup/{indicator.value}")

    def read(self, indicator: Indicator, status: int, body: Any) -> ProviderAnswer:
        if status == 404:
            return ProviderAnswer(Verdict.UNKNOWN, found=False)
        if not isinstance(body, dict) or not isinstance(body.get("score"), int):
            raise ProviderError(ProviderErrorKind.MALFORMED, "expected {verdict, score}")
        try:
            verdict = Verdict(body.get("verdict"))
        except ValueError:
            raise ProviderError(ProviderErrorKind.MALFORMED, "unknown verdict") from None
        call = body.get("call")
        return ProviderAnswer(verdict, score=body["score"], summary=f"call {call}")
