"""A real local HTTP server that answers what a test scripts, and records what it was asked.

    with ScriptedServer() as server:            # listens on a free loopback port
        server.answer("/api/v3/files/abc", Answer(200, {"data": {...}}))
        server.answer("/v1/url/", Answer(429, headers={"Retry-After": "30"}), Answer(200, ok))
        provider = VirusTotal(base_url=server.url, api_key="k")
        ...
        assert server.count("/api/v3/files/abc") == 1   # server.count(): every path
        assert server.requests("/api/v3/files/abc")[0].headers["x-apikey"] == "k"

`answer(path, *answers)` scripts a path (any method, query ignored): the answers are given in
order and the last one repeats. A path nobody scripted answers 404 with an empty body. An answer
with `delay` waits that long before answering (a slow provider) unless the server stops first.
The server runs in a background thread (stdlib `ThreadingHTTPServer`: no event loop to share,
starts in microseconds) and is stopped, and its threads joined, by `stop()` or the `with` block.
"""

from __future__ import annotations

import contextlib
import json
import socket
import sys
import threading
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

MAX_REQUEST_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Answer:
    """One scripted response: `body` bytes as they are, anything else as JSON (None: empty)."""

    status: int = 200
    body: Any = None
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0
    # Send the body in this many pieces, `drip` seconds apart (a slow-drip answer).
    pieces: int = 1
    drip: float = 0.0

    def payload(self) -> bytes:
        """The body's bytes."""
        if self.body is None:
            return b""
        if isinstance(self.body, bytes):
            return self.body
        return json.dumps(self.body).encode()


@dataclass(frozen=True)
class Request:
    """One request the server received; header names are lower-case."""

    method: str
    path: str
    query: Mapping[str, list[str]]
    headers: Mapping[str, str]
    body: bytes

    def json(self) -> Any:
        """The body as JSON."""
        return json.loads(self.body)

    def form(self) -> dict[str, list[str]]:
        """The body as an `application/x-www-form-urlencoded` form."""
        return parse_qs(self.body.decode(), keep_blank_values=True)


class ScriptedServer:
    """A scripted HTTP server on a free loopback port (see the module docstring)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._scripts: dict[str, list[Answer]] = {}
        self._requests: defaultdict[str, list[Request]] = defaultdict(list)
        self._httpd = _Server(("127.0.0.1", 0), _handler_for(self))
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The base URL, `http://127.0.0.1:<port>`."""
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> ScriptedServer:
        """Serve in a background thread."""
        # A short poll keeps stop() (and so each test's teardown) quick.
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, wake any delayed answer and join every thread."""
        self._stopping.set()
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join()
        self._httpd.server_close()

    def answer(self, path: str, *answers: Answer) -> None:
        """Script `path`: these answers in order, the last one repeating."""
        if not answers:
            raise ValueError("script at least one answer")
        with self._lock:
            self._scripts[path] = list(answers)

    def requests(self, path: str) -> list[Request]:
        """The requests `path` received, in order."""
        with self._lock:
            return list(self._requests[path])

    def count(self, path: str | None = None) -> int:
        """How many requests `path` received; without a path, how many the server received."""
        if path is not None:
            return len(self.requests(path))
        with self._lock:
            return sum(len(received) for received in self._requests.values())

    def __enter__(self) -> ScriptedServer:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def _next(self, request: Request) -> Answer:
        with self._lock:
            self._requests[request.path].append(request)
            script = self._scripts.get(request.path)
            if not script:
                return Answer(404)
            return script.pop(0) if len(script) > 1 else script[0]

    def _wait(self, seconds: float) -> bool:
        """Wait `seconds` unless the server stops first; True when it is stopping."""
        return self._stopping.wait(seconds) if seconds > 0 else self._stopping.is_set()


class _Server(ThreadingHTTPServer):
    """Joins its handler threads on close, after cutting the connections clients left open."""

    daemon_threads = False
    block_on_close = True

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(address, handler)
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def server_close(self) -> None:
        # An idle keep-alive connection would hold its thread (and this join) forever.
        with self._open_lock:
            for connection in self._open:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
        super().server_close()

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that gave up (a timeout test) resets the connection: that is expected.
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)


def _handler_for(server: ScriptedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in two writes; Nagle plus delayed ACK would add 40 ms to each.
        disable_nagle_algorithm = True

        def _serve(self) -> None:
            parts = urlsplit(self.path)
            length = min(int(self.headers.get("content-length") or 0), MAX_REQUEST_BYTES)
            request = Request(
                method=self.command,
                path=parts.path,
                query=parse_qs(parts.query, keep_blank_values=True),
                headers={name.lower(): value for name, value in self.headers.items()},
                body=self.rfile.read(length) if length else b"",
            )
            answer = server._next(request)
            if server._wait(answer.delay):
                self.close_connection = True
                return
            payload = answer.payload()
            self.send_response(answer.status)
            for name, value in answer.headers.items():
                self.send_header(name, value)
            if not any(name.lower() == "content-type" for name in answer.headers):
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            step = max(1, -(-len(payload) // max(1, answer.pieces)))
            for start in range(0, len(payload), step):
                if start and server._wait(answer.drip):
                    self.close_connection = True
                    return
                self.wfile.write(payload[start : start + step])
                self.wfile.flush()

        do_GET = do_POST = do_PUT = do_DELETE = _serve

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Handler
