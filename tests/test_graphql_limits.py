"""GraphQL resource limits: hostile documents are refused before graphql-core's rules run and
before any resolver, with a coded GraphQL error; and a document is validated once, then
answered from the validation cache."""

import hashlib
from typing import Any

import pytest
import strawberry.schema.schema as strawberry_schema
from httpx import AsyncClient

from app.graphql.context import RequestDatabase
from app.graphql.extensions import PersistedQueries
from app.graphql.schema import (
    MAX_ALIASES,
    MAX_DEPTH,
    MAX_OPERATIONS,
    MAX_QUERY_LENGTH,
    MAX_SAME_FIELD,
    MAX_TOKENS,
)
from tests.helpers import assert_problem
from tests.member_factories import Member


def setup_function() -> None:
    PersistedQueries.documents.clear()


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Each document graphql-core's validation rules run on (strawberry's validate_document
    calls graphql.validate through this module's name)."""
    seen: list[Any] = []
    original = strawberry_schema.validate

    def counting(schema: Any, document: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(document)
        return original(schema, document, *args, **kwargs)

    monkeypatch.setattr(strawberry_schema, "validate", counting)
    return seen


@pytest.fixture
def resolvers_called(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The services resolvers reach the database through (every data field does)."""
    called: list[str] = []
    original = RequestDatabase.__call__

    async def recording(self: RequestDatabase, service: Any, /, **kwargs: Any) -> Any:
        called.append(service.__name__)
        return await original(self, service, **kwargs)

    monkeypatch.setattr(RequestDatabase, "__call__", recording)
    return called


async def post(client: AsyncClient, body: Any, headers: dict[str, str] | None = None) -> Any:
    response = await client.post("/graphql", json=body, headers=headers or {})
    assert response.status_code == 200, response.text
    return response.json()


def fanout(levels: int, field: str = "slug") -> str:
    """Each fragment spreads the next twice: 2**levels copies of the last one if expanded."""
    fragments = [
        f"fragment F{n} on Article {{ {field} ...F{n + 1} ...F{n + 1} }}" for n in range(levels)
    ]
    fragments.append(f"fragment F{levels} on Article {{ title }}")
    return "{ articles { nodes { ...F0 } } } " + " ".join(fragments)


ATTACKS: dict[str, tuple[str, str]] = {
    "depth": (
        "{ articles { nodes { slug " + "topics { articles { " * 6 + "slug" + " } }" * 6 + " } } }",
        f"maximum operation depth of {MAX_DEPTH}",
    ),
    "depth through fragments": (
        "{ articles { nodes { ...D0 } } } "
        + " ".join(
            f"fragment D{n} on Article {{ topics {{ articles {{ ...D{n + 1} }} }} }}"
            for n in range(6)
        )
        + " fragment D6 on Article { slug }",
        f"maximum operation depth of {MAX_DEPTH}",
    ),
    "aliases": (
        "{ " + " ".join(f"a{n}: __typename" for n in range(MAX_ALIASES + 1)) + " }",
        f"at most {MAX_ALIASES} are allowed",
    ),
    "aliases multiplied by fragments": (
        # 4 aliases, spread 4 times: 16 aliases as executed.
        "{ articles { nodes { ...M ...M ...M ...M } } } "
        "fragment M on Article { a: slug b: title c: summary d: id }",
        f"at most {MAX_ALIASES} are allowed",
    ),
    "fragment cycle": (
        "{ articles { nodes { ...A } } } "
        "fragment A on Article { ...B } fragment B on Article { ...A }",
        "Fragment 'A' spreads itself (A -> B -> A)",
    ),
    "fragment cycle below fields": (
        "{ articles { nodes { ...A } } } fragment A on Article { slug topics { articles { "
        "nodes { ...B } } } } fragment B on Article { title ...A }",
        "fragments must not form a cycle",
    ),
    "unused fragment cycle": (
        "{ __typename } fragment A on Article { ...B } fragment B on Article { ...A }",
        "fragments must not form a cycle",
    ),
    "fragment fan-out": (fanout(30), f"at most {MAX_SAME_FIELD} are allowed"),
    "one field repeated": (
        "{ " + " ".join("articles(first: 1) { nodes { slug } }" for _ in range(60)) + " }",
        "'articles' is selected 60 times in one selection set",
    ),
    "many operations": (
        " ".join(f"query q{n} {{ __typename }}" for n in range(MAX_OPERATIONS + 1)),
        f"at most {MAX_OPERATIONS} are allowed in one document",
    ),
    "too many tokens": (
        "{ " + " ".join("a" for _ in range(MAX_TOKENS)) + " }",
        f"more than {MAX_TOKENS} tokens",
    ),
    "very long document": (
        "# " + "x" * MAX_QUERY_LENGTH + "\n{ __typename }",
        f"at most {MAX_QUERY_LENGTH} are allowed",
    ),
}


@pytest.mark.parametrize("name", list(ATTACKS))
async def test_each_attack_is_refused_without_running_resolvers(
    client: AsyncClient,
    count_statements: Any,
    validations: list[Any],
    resolvers_called: list[str],
    name: str,
) -> None:
    query, message = ATTACKS[name]
    body: dict[str, Any] = {"query": query}
    if name == "many operations":
        body["operationName"] = "q0"
    with count_statements() as log:
        result = await post(client, body)
    assert result.get("data") is None, result
    assert [e["extensions"]["code"] for e in result["errors"]] == ["graphql-validation-failed"]
    assert message in result["errors"][0]["message"], result
    assert resolvers_called == []
    assert log.count == 0, log.statements
    # Refused by the limits, or while parsing: graphql-core's rules never saw the document.
    assert validations == []


async def test_signed_in_attacks_are_refused_too(
    client: AsyncClient, member: Member, resolvers_called: list[str]
) -> None:
    query, message = ATTACKS["fragment fan-out"]
    result = await post(client, {"query": query}, member.headers)
    assert message in result["errors"][0]["message"]
    assert resolvers_called == []


async def test_a_get_request_is_limited_the_same_way(client: AsyncClient) -> None:
    query, message = ATTACKS["fragment cycle"]
    response = await client.get("/graphql", params={"query": query})
    assert response.status_code == 200
    assert message in response.json()["errors"][0]["message"]


async def test_a_persisted_query_is_limited_by_hash_as_well(
    client: AsyncClient, resolvers_called: list[str]
) -> None:
    query, message = ATTACKS["fragment fan-out"]
    digest = hashlib.sha256(query.encode()).hexdigest()
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": digest}}
    for body in ({"query": query, "extensions": extensions}, {"extensions": extensions}):
        result = await post(client, body)
        assert [e["extensions"]["code"] for e in result["errors"]] == ["graphql-validation-failed"]
        assert message in result["errors"][0]["message"]
    assert resolvers_called == []


async def test_a_batch_of_operations_is_a_problem_response(
    client: AsyncClient, resolvers_called: list[str]
) -> None:
    batch = [{"query": "{ articles { nodes { slug } } }"} for _ in range(50)]
    response = await client.post("/graphql", json=batch)
    assert_problem(response, 400, "http-error")
    assert "Batching is not enabled" in response.json()["detail"]
    assert resolvers_called == []


async def test_documents_within_the_limits_still_run(
    client: AsyncClient, demo: dict[str, int]
) -> None:
    colocated = " ".join(
        f"fragment C{n} on Article {{ slug title }}" for n in range(MAX_SAME_FIELD)
    )
    spreads = " ".join(f"...C{n}" for n in range(MAX_SAME_FIELD))
    # articles 0, nodes 1, (topics, articles) 2-7, topics 8, tracks 9: slug at 10.
    deepest = (
        "topics { articles(first: 1) { " * 3 + "topics { tracks(first: 1) { slug } }" + " } }" * 3
    )
    query = (
        "query Home { articles(first: 2) { nodes { "
        + spreads
        + " "
        + " ".join(f"a{n}: slug" for n in range(MAX_ALIASES))
        + " "
        + deepest
        + " } } } "
        + colocated
    )
    result = await post(client, {"query": query})
    assert "errors" not in result, result
    assert len(result["data"]["articles"]["nodes"]) == 2
    assert MAX_DEPTH == 10, "`deepest` is written to reach exactly the depth limit"


async def test_a_repeated_document_is_validated_once(
    client: AsyncClient, member: Member, validations: list[Any], resolvers_called: list[str]
) -> None:
    query = (
        "{ articles(first: 2) { nodes { slug topics { slug } } } "
        "viewer { stats { totalSessions } } }"
    )
    for _ in range(3):
        result = await post(client, {"query": query}, member.headers)
        assert "errors" not in result, result
    assert len(validations) == 1
    # The same text is the same cached document; the resolvers still ran every time.
    assert resolvers_called.count("list_published_articles") == 3
    # A different document is validated in its turn, and then cached as well.
    other = "{ articles(first: 1) { nodes { slug } } }"
    for _ in range(2):
        await post(client, {"query": other})
    assert len(validations) == 2


async def test_a_repeated_refusal_is_cached_too(client: AsyncClient) -> None:
    query, message = ATTACKS["aliases multiplied by fragments"]
    for _ in range(2):
        result = await post(client, {"query": query})
        assert message in result["errors"][0]["message"]
