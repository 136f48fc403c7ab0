"""GraphQL: crisis helplines, at the root and on articles and tracks about suicide or
self-harm. Which content shows them, the country and the fallback are decided by the
service, exactly as for REST."""

from collections.abc import Iterable
from typing import Annotated

import strawberry
from strawberry.experimental.pydantic import type as pydantic_type

from app.crisis import models, service
from app.graphql.context import Info

CountryArgument = Annotated[
    str | None,
    strawberry.argument(
        description="ISO 3166-1 alpha-2 code (any case), e.g. GB. Default: the region of the "
        "preferred language in Accept-Language; else the international list."
    ),
]


@pydantic_type(
    model=models.CrisisResourcePublic,
    all_fields=True,
    description=models.CrisisResourcePublic.__doc__,
)
class CrisisResource:
    pass


@pydantic_type(
    model=models.CrisisResources, all_fields=True, description=models.CrisisResources.__doc__
)
class CrisisResources:
    pass


def caller_country(info: Info, country: str | None) -> str:
    """The country the REST routes would choose for this request (INTL when none)."""
    request = info.context.request
    accept_language = request.headers.get("accept-language") if request is not None else None
    chosen = service.choose_country(
        country=country, accept_language=accept_language, location="argument"
    )
    return chosen or models.INTERNATIONAL


async def crisis_resources_of_content(
    info: Info, content_warnings: Iterable[str], country: str | None
) -> models.CrisisResources | None:
    """The caller's crisis services when the content's warnings call for them, else None."""
    chosen = caller_country(info, country)  # a malformed country is an error either way
    if not service.shows_crisis_resources(content_warnings):
        return None
    return await info.context.loaders.crisis_resources.load(chosen)


@strawberry.type
class CrisisQuery:
    @strawberry.field(
        description="Crisis helplines for a country, or the international list with "
        "`fallback: true` when the country is unknown or has none. Same as GET "
        "/v1/crisis-resources."
    )
    async def crisis_resources(
        self, info: Info, country: CountryArgument = None
    ) -> CrisisResources:
        return await info.context.loaders.crisis_resources.load(caller_country(info, country))
