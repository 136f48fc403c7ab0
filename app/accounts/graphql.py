"""GraphQL: the viewer's profile and its one mutation."""

import strawberry
from pydantic import ValidationError
from strawberry.experimental.pydantic import type as pydantic_type

from app.accounts import service
from app.accounts.models import UserPublic, UserUpdate
from app.graphql.context import Info
from app.graphql.errors import invalid_from


@pydantic_type(model=UserPublic, all_fields=True, description="The signed-in member's profile.")
class User:
    pass


@strawberry.input(description="Only the fields given are changed.")
class ProfileInput:
    display_name: str | None = strawberry.UNSET
    time_zone: str | None = strawberry.field(default=strawberry.UNSET, description="IANA zone.")
    locale: str | None = strawberry.UNSET
    daily_goal_minutes: int | None = strawberry.UNSET
    show_streaks: bool | None = strawberry.UNSET


@strawberry.type
class AccountMutation:
    @strawberry.mutation(description="Change the viewer's profile settings.")
    async def update_profile(self, info: Info, input: ProfileInput) -> User:
        user = info.context.require_user()
        changes = {
            name: value
            for name, value in vars(input).items()
            if value is not strawberry.UNSET and value is not None
        }
        try:
            data = UserUpdate.model_validate(changes)
        except ValidationError as error:
            raise invalid_from(error, "input.") from None
        updated = await info.context.db(service.update_profile, user=user, data=data)
        return UserPublic.model_validate(updated)
