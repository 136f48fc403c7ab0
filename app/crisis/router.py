"""REST: crisis helplines for the caller's country."""

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from app.api.deps import AcceptLanguage, SessionDep
from app.api.errors import problem_responses
from app.crisis import service
from app.crisis.models import COUNTRY_PATTERN, CrisisResources

router = APIRouter(prefix="/crisis-resources", tags=["crisis help"])


class CrisisParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    country: str | None = Field(
        None,
        pattern=COUNTRY_PATTERN,
        description="ISO 3166-1 alpha-2 code (any case). Without it, the region of the "
        "preferred language in Accept-Language (`en-GB` -> GB) is used.",
        examples=["GB"],
    )


@router.get(
    "",
    summary="Get crisis helplines for a country",
    response_model=CrisisResources,
    responses=problem_responses(422),
)
async def get_crisis_resources(
    session: SessionDep,
    params: Annotated[CrisisParams, Query()],
    accept_language: AcceptLanguage = None,
) -> CrisisResources:
    """Helplines, text lines and chat services for people in crisis, in the order to show
    them, with the country's emergency number.

    The country is `country`, else the region of the most preferred language in
    Accept-Language (`en-GB` -> GB; `es-419` or `en` name no country). When there is no
    country, or it has no entries (an unknown code such as `ZZ` included), the answer is
    the international list with `fallback: true` and `country: "INTL"`. A `country` that is
    not two letters is a 422."""
    country = service.choose_country(country=params.country, accept_language=accept_language)
    return await service.crisis_resources(session=session, country=country)
