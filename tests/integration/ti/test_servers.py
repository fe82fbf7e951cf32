"""The scripted server other tests build on: answers in order, counts, and a quick stop."""

from __future__ import annotations

import threading
import time

import httpx

from tests.integration.ti.servers import Answer, ScriptedServer


def test_answers_come_in_order_and_the_last_one_repeats() -> None:
    with ScriptedServer() as server, httpx.Client(base_url=server.url) as client:
        server.answer("/a", Answer(429, headers={"Retry-After": "1"}), Answer(200, {"ok": True}))
        statuses = [client.get("/a", params={"q": "1"}).status_code for _ in range(3)]
        unscripted = client.post("/b", data={"x": "y"})
        assert statuses == [429, 200, 200]
        assert client.get("/a").json() == {"ok": True}
        assert (unscripted.status_code, unscripted.content) == (404, b"")
        assert (server.count("/a"), server.count("/b"), server.count()) == (4, 1, 5)
        first = server.requests("/a")[0]
        assert (first.method, first.query) == ("GET", {"q": ["1"]})
        assert server.requests("/b")[0].form() == {"x": ["y"]}


def test_stop_wakes_a_delayed_answer_and_joins_its_thread() -> None:
    server = ScriptedServer().start()
    server.answer("/slow", Answer(200, {}, delay=600.0))
    failures: list[type[BaseException]] = []

    def ask() -> None:
        try:
            httpx.get(f"{server.url}/slow", timeout=600.0)
        except httpx.HTTPError as error:
            failures.append(type(error))

    caller = threading.Thread(target=ask)
    caller.start()
    for _ in range(2000):
        if server.count("/slow"):
            break
        time.sleep(0.005)
    server.stop()
    caller.join()
    # The delayed answer was abandoned: the caller saw the connection close, not a 200.
    assert failures
