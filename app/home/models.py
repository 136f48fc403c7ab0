"""The home screen: what the app shows first, in one response."""

from sqlmodel import Field, SQLModel

from app.articles.models import ArticleSummary
from app.progress.models import TrackProgressPublic
from app.taxonomy.models import TopicSummary
from app.tracks.models import TrackSummary


class NewThisWeek(SQLModel):
    """Published during the last seven UTC days (today and the six before), newest first."""

    articles: list[ArticleSummary] = Field(description="At most 10.")
    tracks: list[TrackSummary] = Field(description="At most 10.")


class TopicShelf(SQLModel):
    """A topic with its newest content."""

    topic: TopicSummary
    tracks: list[TrackSummary] = Field(description="The newest 6; more at /v1/tracks?topic=.")
    articles: list[ArticleSummary] = Field(description="The newest 4; more at /v1/articles?topic=.")


class StreakSummary(SQLModel):
    """The member's streak and today's minutes, on their own calendar."""

    current_streak_days: int | None = Field(
        description="Consecutive active days up to today; null when the member hides streaks."
    )
    longest_streak_days: int | None = Field(description="Null when the member hides streaks.")
    today_minutes: float = Field(description="Minutes listened today, in the member's zone.")
    daily_goal_minutes: int


class HomeFeed(SQLModel):
    """Everything the home screen needs. Anonymous responses are the same for everyone."""

    todays_pick: TrackSummary | None = Field(
        description="One published track, the same for everyone during a UTC day; null when "
        "nothing is published."
    )
    new_this_week: NewThisWeek
    topic_shelves: list[TopicShelf] = Field(
        description="Up to 6 topics with the most published content, most first."
    )
    continue_listening: list[TrackProgressPublic] | None = Field(
        description="Started, not finished, most recent first, at most 10; null when anonymous."
    )
    streak: StreakSummary | None = Field(description="Null when anonymous.")
