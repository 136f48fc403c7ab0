"""REST: the home screen in one request."""

from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, ConfigDict

from app.api.deps import OptionalUser, SessionDep, private_response
from app.api.errors import problem_responses
from app.core.db import utcnow
from app.home import service
from app.home.models import HomeFeed

router = APIRouter(prefix="/home", tags=["home"])


class HomeParams(BaseModel):
    # No parameters: a misspelt one is rejected rather than silently ignored.
    model_config = ConfigDict(extra="forbid")


@router.get(
    "",
    summary="Get the home screen",
    response_model=HomeFeed,
    responses=problem_responses(401, 422),
)
async def get_home(
    session: SessionDep,
    user: OptionalUser,
    response: Response,
    params: Annotated[HomeParams, Query()],
) -> HomeFeed:
    """What the app shows first, in one request: today's pick (one published track, the same
    for everyone during a UTC day), articles and tracks new in the last seven days (at most
    10 each), and shelves for the 6 topics with the most published content (their newest 6
    tracks and 4 articles).

    Signed in, it adds `continue_listening` (started, not finished, at most 10) and `streak`
    (streak fields are null when the member hides streaks); that response is private.
    Anonymous, those two are null and the response is public and cached."""
    feed = await service.home_feed(session=session, user=user, now=utcnow())
    if user is not None:
        await private_response(response)
    return feed
