"""Hostile requests to AnalyzeScript over REST: every answer is a result or a typed error.

Bodies are generated: JSON of every shape, fields of the wrong types, bytes that are not
base64, scripts of random text in every language. The service must never answer 500.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import make_settings
from wingman.app import build_wingman
from wingman.rest.app import create_app

PATH = "/v1/scripts:analyze"
TYPED = {200, 400, 413}

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=40))
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
requests = st.fixed_dictionaries(
    {},
    optional={
        "content": st.one_of(st.text(max_size=300), json_values),
        "content_base64": st.one_of(st.text(max_size=40), st.binary(max_size=40).map(bytes.hex)),
        "language": st.one_of(
            st.sampled_from(
                ["auto", "powershell", "batch", "bash", "python", "javascript", "vbscript"]
            ),
            st.text(max_size=10),
        ),
        "filename": st.one_of(st.text(max_size=20), st.integers()),
        "enrich": st.one_of(st.booleans(), st.text(max_size=3)),
        "extra": json_values,
    },
)


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    wingman = build_wingman(make_settings())
    transport = httpx.ASGITransport(app=create_app(wingman))
    async with httpx.AsyncClient(transport=transport, base_url="http://wingman") as http:
        yield http
    await wingman.aclose()


def check(reply: httpx.Response) -> None:
    assert reply.status_code in TYPED, reply.text
    body = reply.json()
    if reply.status_code == 200:
        assert body["verdict"] in {"malicious", "suspicious", "benign", "unknown"}
        assert 0 <= body["score"] <= 100
    else:
        assert reply.headers["content-type"].startswith("application/problem+json")
        assert body["code"] in {"INVALID_ARGUMENT", "RESOURCE_EXHAUSTED"}
        assert body["field"]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(request=requests)
async def test_generated_requests_get_typed_answers(
    client: httpx.AsyncClient, request: dict[str, Any]
) -> None:
    check(await client.post(PATH, content=json.dumps(request)))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=st.binary(max_size=200))
async def test_arbitrary_bytes_as_a_body_get_typed_answers(
    client: httpx.AsyncClient, body: bytes
) -> None:
    check(await client.post(PATH, content=body, headers={"content-type": "application/json"}))
