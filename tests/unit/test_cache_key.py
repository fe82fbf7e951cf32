"""CacheKey and Tenant: every cache key is tenant-scoped, and its string form is unambiguous."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wingman.core.errors import InvalidArgument
from wingman.core.ports import CacheKey
from wingman.core.tenant import DEFAULT_TENANT_ID, Tenant

DIGEST = hashlib.sha256(b"input").hexdigest()


# -- the string form -----------------------------------------------------------------------------


def test_key_string_is_exactly_the_documented_layout() -> None:
    canonical = b'["fake","1",{"content":"echo hi"}]'
    key = CacheKey.for_input(Tenant("acme-prod"), "scripts", 3, canonical)
    expected = f"wingman:acme-prod:scripts:v3:{hashlib.sha256(canonical).hexdigest()}"
    assert str(key) == expected
    assert key.digest == hashlib.sha256(canonical).hexdigest()
    assert key.tenant == Tenant("acme-prod")


def test_key_string_with_a_dotted_namespace_and_version_zero() -> None:
    key = CacheKey(Tenant("t1"), "kql.generate", 0, DIGEST)
    assert str(key) == f"wingman:t1:kql.generate:v0:{DIGEST}"


def test_equal_inputs_give_equal_keys() -> None:
    first = CacheKey.for_input(Tenant("acme"), "scripts", 1, b"same")
    second = CacheKey.for_input(Tenant("acme"), "scripts", 1, b"same")
    assert first == second
    assert str(first) == str(second)
    assert hash(first) == hash(second)


def test_any_difference_changes_the_key() -> None:
    base = CacheKey.for_input(Tenant("acme"), "scripts", 1, b"same")
    variants = [
        CacheKey.for_input(Tenant("globex"), "scripts", 1, b"same"),
        CacheKey.for_input(Tenant("acme"), "incidents", 1, b"same"),
        CacheKey.for_input(Tenant("acme"), "scripts", 2, b"same"),
        CacheKey.for_input(Tenant("acme"), "scripts", 1, b"other"),
    ]
    keys = {str(base), *(str(v) for v in variants)}
    assert len(keys) == 5


def test_keys_are_immutable() -> None:
    key = CacheKey(Tenant("acme"), "scripts", 1, DIGEST)
    with pytest.raises(AttributeError):
        key.tenant = Tenant("globex")  # type: ignore[misc]


# -- a Tenant instance is required ---------------------------------------------------------------


@dataclass(frozen=True)
class LookalikeTenant:
    """Duck-types Tenant (it has an `id`) but is not one."""

    id: str = "acme"


@pytest.mark.parametrize(
    "not_a_tenant",
    ["acme", None, LookalikeTenant(), b"acme", {"id": "acme"}],
    ids=["str", "None", "lookalike", "bytes", "dict"],
)
def test_a_key_cannot_be_made_without_a_tenant(not_a_tenant: Any) -> None:
    with pytest.raises(TypeError, match="Tenant"):
        CacheKey(not_a_tenant, "scripts", 1, DIGEST)
    with pytest.raises(TypeError, match="Tenant"):
        CacheKey.for_input(not_a_tenant, "scripts", 1, b"input")


# -- namespaces, versions, digests ---------------------------------------------------------------


@pytest.mark.parametrize(
    "namespace",
    [
        "",
        "Scripts",
        "1scripts",
        "_scripts",
        "scr:ipts",
        "scr ipts",
        "scr*",
        "scr{ipts}",
        "scrïpts",
        "scripts\n",
        "s" + "x" * 32,
    ],
)
def test_bad_namespaces_are_rejected(namespace: str) -> None:
    with pytest.raises(ValueError, match="namespace"):
        CacheKey(Tenant("acme"), namespace, 1, DIGEST)


def test_longest_namespace_is_accepted() -> None:
    namespace = "s" + "x" * 31
    assert namespace in str(CacheKey(Tenant("acme"), namespace, 1, DIGEST))


def test_negative_versions_are_rejected() -> None:
    with pytest.raises(ValueError, match="non-negative"):
        CacheKey(Tenant("acme"), "scripts", -1, DIGEST)


@pytest.mark.parametrize("version", ["1", None])
def test_non_numeric_versions_are_rejected(version: Any) -> None:
    with pytest.raises(TypeError):
        CacheKey(Tenant("acme"), "scripts", version, DIGEST)


@pytest.mark.parametrize("version", [1.5, True])
def test_non_integer_versions_are_rejected(version: Any) -> None:
    with pytest.raises((TypeError, ValueError)):
        CacheKey(Tenant("acme"), "scripts", version, DIGEST)


@pytest.mark.parametrize(
    "digest",
    [
        "",
        DIGEST[:-1],
        DIGEST + "0",
        DIGEST.upper(),
        "g" * 64,
        DIGEST[:-1] + ":",
        DIGEST + "\n",
        hashlib.md5(b"input").hexdigest(),
    ],
    ids=["empty", "63", "65", "upper", "non-hex", "colon", "newline", "md5"],
)
def test_bad_digests_are_rejected(digest: str) -> None:
    with pytest.raises(ValueError, match="SHA-256"):
        CacheKey(Tenant("acme"), "scripts", 1, digest)


# -- tenant validation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tenant_id",
    [
        "acme:prod",
        ":",
        "acmé",
        "\uff41cme",  # fullwidth a
        "acme\u200b",  # zero-width space
        "acme*",
        "*",
        "acme{x}",
        "{acme}",
        "acme prod",
        " acme",
        "acme\n",
        "acme\t",
        "",
        "-acme",
        ".acme",
        "_acme",
        "acme/prod",
        "a" * 65,
    ],
)
def test_tenant_rejects_unsafe_ids(tenant_id: str) -> None:
    with pytest.raises(InvalidArgument) as caught:
        Tenant(tenant_id)
    assert caught.value.field == "tenant"


@pytest.mark.parametrize("tenant_id", ["acme:prod", "a*", "x{y}", "a b", "é", "a" * 65])
def test_tenant_parse_rejects_unsafe_ids_too(tenant_id: str) -> None:
    with pytest.raises(InvalidArgument):
        Tenant.parse(tenant_id)


def test_tenant_rejects_non_strings() -> None:
    with pytest.raises(InvalidArgument):
        Tenant(None)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgument):
        Tenant(b"acme")  # type: ignore[arg-type]


@pytest.mark.parametrize("tenant_id", ["a", "A1", "acme-prod_2.eu", "0", "a" * 64])
def test_tenant_accepts_safe_ids(tenant_id: str) -> None:
    assert Tenant(tenant_id).id == tenant_id


@pytest.mark.parametrize("empty", ["", None])
def test_empty_tenant_parses_to_the_default(empty: str | None) -> None:
    assert Tenant.parse(empty) == Tenant(DEFAULT_TENANT_ID)
    assert Tenant.parse(empty).id == "default"


# -- no collisions across tenants ---------------------------------------------------------------


def test_different_tenants_never_share_a_key_for_identical_input() -> None:
    tenants = ["a", "a.b", "a-b", "ab", "A", "default", "a" * 64]
    keys = {str(CacheKey.for_input(Tenant(t), "scripts", 1, b"identical")) for t in tenants}
    assert len(keys) == len(tenants)


def test_separators_cannot_be_shifted_between_tenant_and_namespace() -> None:
    # Without ':' in either part, "a" + "b.c" and "a.b" + "c" stay distinct and parseable.
    first = CacheKey(Tenant("a"), "b.c", 1, DIGEST)
    second = CacheKey(Tenant("a.b"), "c", 1, DIGEST)
    assert str(first) != str(second)


tenant_ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", fullmatch=True)
namespaces = st.from_regex(r"[a-z][a-z0-9_.-]{0,31}", fullmatch=True)


@given(
    tenant=tenant_ids,
    namespace=namespaces,
    version=st.integers(min_value=0, max_value=10**6),
    canonical=st.binary(max_size=64),
)
def test_key_string_parses_back_into_its_parts(
    tenant: str, namespace: str, version: int, canonical: bytes
) -> None:
    """The string is injective: it splits back into exactly the parts it was made from."""
    key = CacheKey.for_input(Tenant(tenant), namespace, version, canonical)
    assert str(key).split(":") == [
        "wingman",
        tenant,
        namespace,
        f"v{version}",
        hashlib.sha256(canonical).hexdigest(),
    ]


@given(first=tenant_ids, second=tenant_ids, canonical=st.binary(max_size=32))
def test_distinct_tenants_give_distinct_keys(first: str, second: str, canonical: bytes) -> None:
    a = str(CacheKey.for_input(Tenant(first), "scripts", 1, canonical))
    b = str(CacheKey.for_input(Tenant(second), "scripts", 1, canonical))
    assert (a == b) == (first == second)


def test_an_incident_keys_by_its_canonical_form_and_every_other_field() -> None:
    from wingman.app import _canonical_input
    from wingman.core.canonical import canonical_json
    from wingman.core.models import SummarizeIncidentRequest
    from wingman.engines import Capability

    engine = Capability("e", "1", lambda request, *, deadline: None)

    def key(**fields: object) -> bytes:
        request = SummarizeIncidentRequest.model_validate(fields)
        return _canonical_input(engine, request, canonical_json(request.incident))

    base = key(incident={"b": 1, "a": [1, 2]})
    assert base == key(incident={"a": [1, 2], "b": 1})
    assert base != key(incident={"a": [2, 1], "b": 1})
    assert base != key(incident={"b": 1, "a": [1, 2]}, format="graph")
    assert base != key(incident={"b": 1, "a": [1, 2]}, enrich=True)
