"""REST: admin management of partner API clients and their webhooks (/v1/admin)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, status

from app.api.deps import AdminUser, SessionDep, private_response
from app.api.errors import problem_responses
from app.partners import service
from app.partners.models import (
    ApiClientCreate,
    ApiClientCreated,
    ApiClientPublic,
    ApiClientUpdate,
    DailyUsage,
    WebhookCreate,
    WebhookCreated,
    WebhookDeliveryPublic,
    WebhookPublic,
)

router = APIRouter(
    prefix="/admin", tags=["admin: partners"], dependencies=[Depends(private_response)]
)
ClientId = Annotated[int, Path(ge=1, le=2**31 - 1)]
WebhookId = Annotated[int, Path(ge=1, le=2**31 - 1)]
ADMIN_ERRORS = (401, 403, 422)


@router.post(
    "/api-clients",
    summary="Create a partner API client",
    status_code=status.HTTP_201_CREATED,
    response_model=ApiClientCreated,
    responses=problem_responses(*ADMIN_ERRORS),
)
async def create_api_client(
    session: SessionDep, admin: AdminUser, data: ApiClientCreate
) -> ApiClientCreated:
    """Returns the key once (`api_key`); only its hash is stored. Scopes: content:read,
    search, sync."""
    client, key = await service.create_client(session=session, data=data, actor=admin)
    return ApiClientCreated(**ApiClientPublic.model_validate(client).model_dump(), api_key=key)


@router.get(
    "/api-clients",
    summary="List partner API clients",
    response_model=list[ApiClientPublic],
    responses=problem_responses(401, 403),
)
async def list_api_clients(session: SessionDep, admin: AdminUser) -> list[ApiClientPublic]:
    """Every client, revoked ones included, with when each was last used."""
    clients = await service.list_clients(session=session)
    return [ApiClientPublic.model_validate(client) for client in clients]


@router.get(
    "/api-clients/{client_id}",
    summary="Get a partner API client",
    response_model=ApiClientPublic,
    responses=problem_responses(401, 403, 404, 422),
)
async def get_api_client(
    session: SessionDep, admin: AdminUser, client_id: ClientId
) -> ApiClientPublic:
    return ApiClientPublic.model_validate(
        await service.get_client(session=session, client_id=client_id)
    )


@router.patch(
    "/api-clients/{client_id}",
    summary="Change a client's name, scopes or rate limit",
    response_model=ApiClientPublic,
    responses=problem_responses(401, 403, 404, 422),
)
async def update_api_client(
    session: SessionDep,
    admin: AdminUser,
    client_id: ClientId,
    data: ApiClientUpdate,
    request: Request,
) -> ApiClientPublic:
    client = await service.update_client(session=session, client_id=client_id, data=data)
    request.app.state.api_keys.forget()
    return ApiClientPublic.model_validate(client)


@router.delete(
    "/api-clients/{client_id}",
    summary="Revoke a client's key",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(401, 403, 404, 422),
)
async def revoke_api_client(
    session: SessionDep, admin: AdminUser, client_id: ClientId, request: Request
) -> None:
    """The key stops working at once on this instance and within a minute everywhere."""
    await service.revoke_client(session=session, client_id=client_id)
    request.app.state.api_keys.forget()


@router.get(
    "/api-clients/{client_id}/usage",
    summary="A client's requests per day",
    response_model=list[DailyUsage],
    responses=problem_responses(401, 403, 404, 422),
)
async def api_client_usage(
    session: SessionDep,
    admin: AdminUser,
    client_id: ClientId,
    request: Request,
    days: Annotated[int, Query(ge=1, le=366)] = 30,
) -> list[DailyUsage]:
    """Requests per UTC day over the last `days` days (days without requests are left out)."""
    await request.app.state.api_keys.flush_usage()
    return await service.client_usage(session=session, client_id=client_id, days=days)


@router.post(
    "/api-clients/{client_id}/webhooks",
    summary="Subscribe a client to content events",
    status_code=status.HTTP_201_CREATED,
    response_model=WebhookCreated,
    responses=problem_responses(401, 403, 404, 422),
)
async def create_webhook(
    session: SessionDep, admin: AdminUser, client_id: ClientId, data: WebhookCreate
) -> WebhookCreated:
    """Events: content.published, content.updated, content.unpublished and
    content.clinical_correction. The signing secret is returned once."""
    webhook = await service.create_webhook(session=session, client_id=client_id, data=data)
    return WebhookCreated(
        **WebhookPublic.model_validate(webhook).model_dump(), secret=webhook.secret
    )


@router.get(
    "/api-clients/{client_id}/webhooks",
    summary="List a client's webhooks",
    response_model=list[WebhookPublic],
    responses=problem_responses(401, 403, 404, 422),
)
async def list_webhooks(
    session: SessionDep, admin: AdminUser, client_id: ClientId
) -> list[WebhookPublic]:
    hooks = await service.list_webhooks(session=session, client_id=client_id)
    return [WebhookPublic.model_validate(hook) for hook in hooks]


@router.delete(
    "/webhooks/{webhook_id}",
    summary="Delete a webhook",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(401, 403, 404, 422),
)
async def delete_webhook(session: SessionDep, admin: AdminUser, webhook_id: WebhookId) -> None:
    await service.delete_webhook(session=session, webhook_id=webhook_id)


@router.get(
    "/webhooks/{webhook_id}/deliveries",
    summary="A webhook's delivery log",
    response_model=list[WebhookDeliveryPublic],
    responses=problem_responses(401, 403, 404, 422),
)
async def list_deliveries(
    session: SessionDep,
    admin: AdminUser,
    webhook_id: WebhookId,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[WebhookDeliveryPublic]:
    """Newest first: status, attempts, the last HTTP status or error, the next attempt."""
    deliveries = await service.list_deliveries(session=session, webhook_id=webhook_id, limit=limit)
    return [WebhookDeliveryPublic.model_validate(delivery) for delivery in deliveries]
