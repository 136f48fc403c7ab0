from httpx import AsyncClient


async def test_healthz(client: AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_reports_migrations_at_head(client: AsyncClient) -> None:
    response = await client.get("/readyz")
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "ready"


async def test_empty_article_list(client: AsyncClient) -> None:
    response = await client.get("/v1/articles")
    assert response.status_code == 200, response.text
    assert response.json() == {"items": [], "next_cursor": None}
