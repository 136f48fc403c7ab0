"""GET /v1/me/stats: totals, the per-day series, and streaks on the member's own calendar.

Most tests call app.progress.service.member_stats with an explicit `now`, so days, time zones
and DST changes are exact; the API tests build sessions relative to the real clock.
"""

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.models import User
from app.core.config import Settings
from app.core.db import utcnow
from app.progress.models import Stats, StatsRange
from app.progress.service import member_stats
from app.tracks.models import Track, TrackVariant
from tests.factories import make_track
from tests.helpers import assert_problem
from tests.member_factories import (
    Member,
    daily_rows,
    listen,
    make_member,
    make_user,
    record,
    upload,
)


@pytest.fixture
async def track(session: AsyncSession) -> Track:
    """Published long before the explicit `now` of these tests, so sessions on it count."""
    return await make_track(session, durations=(300, 600), published_at=at("2024-01-01T00:00Z"))


def at(text: str) -> datetime:
    """An ISO 8601 time with its offset, e.g. '2026-07-08T23:30-07:00'."""
    value = datetime.fromisoformat(text)
    assert value.tzinfo is not None
    return value


async def stats(
    session: AsyncSession, user: User, now: datetime, range: StatsRange = StatsRange.week
) -> Stats:
    return await member_stats(session=session, user=user, range=range, now=now)


def active(result: Stats) -> dict[date, int]:
    return {day.date: day.sessions for day in result.series if day.sessions}


async def listened_at(
    session: AsyncSession,
    user: User,
    variant: TrackVariant,
    times: list[str],
    now: datetime,
    **fields: Any,
) -> None:
    result = await record(session, user, [listen(variant, at(t), **fields) for t in times], now=now)
    assert result.accepted == len(times), result


# --- member-local days ---


async def test_a_late_evening_in_los_angeles_counts_for_that_local_day(
    session: AsyncSession, variants: list[TrackVariant]
) -> None:
    now = at("2026-07-10T12:00-07:00")
    times = ["2026-07-08T23:30-07:00", "2026-07-09T23:30-07:00", "2026-07-10T09:00-07:00"]
    la = await make_user(session, time_zone="America/Los_Angeles")
    utc = await make_user(session, time_zone="UTC")
    await listened_at(session, la, variants[0], times, now)
    # The same instants, sent in UTC by a member who lives in UTC.
    utc_times = [at(t).astimezone(UTC).isoformat() for t in times]
    await listened_at(session, utc, variants[0], utc_times, now)

    in_la = await stats(session, la, now)
    assert in_la.end_date == date(2026, 7, 10)
    assert active(in_la) == {date(2026, 7, 8): 1, date(2026, 7, 9): 1, date(2026, 7, 10): 1}
    assert (in_la.current_streak_days, in_la.longest_streak_days) == (3, 3)
    # In UTC the first two were the next morning: two days, one with two sessions.
    in_utc = await stats(session, utc, now)
    assert active(in_utc) == {date(2026, 7, 9): 1, date(2026, 7, 10): 2}
    assert (in_utc.current_streak_days, in_utc.longest_streak_days) == (2, 2)


async def test_an_early_morning_in_tokyo_counts_for_that_local_day(
    session: AsyncSession, variants: list[TrackVariant]
) -> None:
    now = at("2026-05-10T12:00+09:00")
    times = [
        "2026-05-08T08:00+09:00",  # 2026-05-07 23:00 UTC
        "2026-05-09T23:30+09:00",  # 2026-05-09 14:30 UTC
        "2026-05-10T08:00+09:00",  # 2026-05-09 23:00 UTC
    ]
    tokyo = await make_user(session, time_zone="Asia/Tokyo")
    utc = await make_user(session, time_zone="UTC")
    await listened_at(session, tokyo, variants[0], times, now)
    await listened_at(session, utc, variants[0], times, now)

    in_tokyo = await stats(session, tokyo, now)
    assert in_tokyo.end_date == date(2026, 5, 10)
    assert active(in_tokyo) == {date(2026, 5, 8): 1, date(2026, 5, 9): 1, date(2026, 5, 10): 1}
    assert (in_tokyo.current_streak_days, in_tokyo.longest_streak_days) == (3, 3)
    in_utc = await stats(session, utc, now)
    assert in_utc.end_date == date(2026, 5, 10)
    assert active(in_utc) == {date(2026, 5, 7): 1, date(2026, 5, 9): 2}
    assert (in_utc.current_streak_days, in_utc.longest_streak_days) == (1, 1)


async def test_streak_across_the_spring_dst_change_in_london(
    session: AsyncSession, variants: list[TrackVariant]
) -> None:
    # Clocks go forward at 01:00 UTC on 2026-03-29: that local day has 23 hours.
    now = at("2026-03-30T12:00+00:00")
    times = [
        "2026-03-27T12:00+00:00",
        "2026-03-28T23:30+00:00",  # 23:30 GMT: still the 28th
        "2026-03-29T00:30+00:00",  # 00:30 GMT, before the change
        "2026-03-29T22:00+01:00",  # 22:00 BST
        "2026-03-29T23:15+00:00",  # 00:15 BST on the 30th
    ]
    london = await make_user(session, time_zone="Europe/London")
    utc = await make_user(session, time_zone="UTC")
    await listened_at(session, london, variants[0], times, now)
    await listened_at(session, utc, variants[0], times, now)

    in_london = await stats(session, london, now)
    assert active(in_london) == {
        date(2026, 3, 27): 1,
        date(2026, 3, 28): 1,
        date(2026, 3, 29): 2,
        date(2026, 3, 30): 1,
    }
    assert (in_london.current_streak_days, in_london.longest_streak_days) == (4, 4)
    series_dates = [day.date for day in in_london.series]
    assert series_dates == [date(2026, 3, 24) + timedelta(days=n) for n in range(7)]
    in_utc = await stats(session, utc, now)
    assert active(in_utc) == {date(2026, 3, 27): 1, date(2026, 3, 28): 1, date(2026, 3, 29): 3}
    assert (in_utc.current_streak_days, in_utc.longest_streak_days) == (3, 3)


async def test_streak_across_the_autumn_dst_change_in_london(
    session: AsyncSession, variants: list[TrackVariant]
) -> None:
    # Clocks go back at 01:00 UTC on 2026-10-25: 01:30 local happens twice that night.
    now = at("2026-10-26T12:00+00:00")
    times = [
        "2026-10-24T23:30+01:00",  # 22:30 UTC on the 24th
        "2026-10-25T00:30+01:00",  # 23:30 UTC on the 24th
        "2026-10-25T01:30+01:00",  # the first 01:30
        "2026-10-25T01:30+00:00",  # the second 01:30
        "2026-10-25T23:30+00:00",
        "2026-10-26T00:30+00:00",
    ]
    london = await make_user(session, time_zone="Europe/London")
    utc = await make_user(session, time_zone="UTC")
    await listened_at(session, london, variants[0], times, now)
    await listened_at(session, utc, variants[0], times, now)

    in_london = await stats(session, london, now)
    assert active(in_london) == {
        date(2026, 10, 24): 1,
        date(2026, 10, 25): 4,
        date(2026, 10, 26): 1,
    }
    assert (in_london.current_streak_days, in_london.longest_streak_days) == (3, 3)
    assert len(in_london.series) == 7
    assert len({day.date for day in in_london.series}) == 7
    in_utc = await stats(session, utc, now)
    assert active(in_utc) == {date(2026, 10, 24): 2, date(2026, 10, 25): 3, date(2026, 10, 26): 1}


async def test_the_local_day_is_stored_with_each_session(
    session: AsyncSession, variants: list[TrackVariant]
) -> None:
    now = at("2026-07-10T12:00-07:00")
    la = await make_user(session, time_zone="America/Los_Angeles")
    await listened_at(session, la, variants[0], ["2026-07-09T23:30-07:00"], now, seconds=90)
    assert await daily_rows(session, la.id) == {date(2026, 7, 9): (90, 1)}


# --- streak rules ---


async def test_today_does_not_break_the_streak_before_it_is_over(
    session: AsyncSession, variants: list[TrackVariant]
) -> None:
    now = at("2026-06-15T08:00+00:00")
    user = await make_user(session)
    await listened_at(session, user, variants[0], ["2026-06-13T10:00Z", "2026-06-14T10:00Z"], now)
    result = await stats(session, user, now)
    assert (result.current_streak_days, result.longest_streak_days) == (2, 2)
    # A day with nothing in it breaks the streak: two days later it is 0, the record stays.
    later = await stats(session, user, at("2026-06-16T08:00+00:00"))
    assert (later.current_streak_days, later.longest_streak_days) == (0, 2)


async def test_a_late_upload_counts_for_its_day_and_joins_two_streaks(
    session: AsyncSession, variants: list[TrackVariant]
) -> None:
    now = at("2026-06-15T12:00+00:00")
    user = await make_user(session)
    days = [9, 10, 11, 13, 14, 15]
    await listened_at(session, user, variants[0], [f"2026-06-{d:02d}T10:00Z" for d in days], now)
    before = await stats(session, user, now)
    assert (before.current_streak_days, before.longest_streak_days) == (3, 3)

    # The phone was offline on the 12th and uploads today.
    await listened_at(session, user, variants[0], ["2026-06-12T21:00Z"], now)
    after = await stats(session, user, now)
    assert (after.current_streak_days, after.longest_streak_days) == (7, 7)
    assert active(after)[date(2026, 6, 12)] == 1
    assert active(after).get(date(2026, 6, 15)) == 1  # the upload day gained nothing
    assert after.total_sessions == before.total_sessions + 1


async def test_longest_streak_is_kept_after_it_ends(
    session: AsyncSession, variants: list[TrackVariant]
) -> None:
    now = at("2026-06-30T12:00+00:00")
    user = await make_user(session)
    days = ["2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-06-29", "2026-06-30"]
    await listened_at(session, user, variants[0], [f"{d}T10:00Z" for d in days], now)
    result = await stats(session, user, now, StatsRange.week)
    # Streaks look at every day, not only the range shown.
    assert (result.current_streak_days, result.longest_streak_days) == (2, 4)


async def test_hidden_streaks_are_null_and_the_rest_is_kept(
    session: AsyncSession, variants: list[TrackVariant]
) -> None:
    now = at("2026-06-15T12:00+00:00")
    user = await make_user(session, show_streaks=False)
    await listened_at(session, user, variants[0], ["2026-06-14T10:00Z", "2026-06-15T10:00Z"], now)
    result = await stats(session, user, now)
    assert result.current_streak_days is None
    assert result.longest_streak_days is None
    assert result.total_sessions == 2
    assert result.days_active == 2


async def test_hidden_streaks_through_the_api(client: AsyncClient, member: Member) -> None:
    response = await client.patch("/v1/me", json={"show_streaks": False}, headers=member.headers)
    assert response.status_code == 200
    body = (await client.get("/v1/me/stats", headers=member.headers)).json()
    assert body["current_streak_days"] is None
    assert body["longest_streak_days"] is None
    await client.patch("/v1/me", json={"show_streaks": True}, headers=member.headers)
    body = (await client.get("/v1/me/stats", headers=member.headers)).json()
    assert (body["current_streak_days"], body["longest_streak_days"]) == (0, 0)


# --- totals, goal, mood, ranges ---


async def test_totals_goal_and_mood_within_the_range(
    session: AsyncSession, variants: list[TrackVariant]
) -> None:
    now = at("2026-06-15T12:00+00:00")
    user = await make_user(session, daily_goal_minutes=10)
    short, long = variants
    items = [
        listen(long, at("2026-06-15T07:00Z"), seconds=600, mood_before=2, mood_after=4),
        listen(short, at("2026-06-14T07:00Z"), seconds=299, mood_before=4, mood_after=3),
        listen(short, at("2026-06-14T08:00Z"), seconds=300, mood_before=3),
        listen(short, at("2026-06-13T08:00Z"), seconds=45, mood_after=5),
        # Before the week, which starts on the 9th; inside the month.
        listen(short, at("2026-06-08T23:59Z"), seconds=300, mood_before=1, mood_after=5),
    ]
    await record(session, user, items, now=now)

    week = await stats(session, user, now, StatsRange.week)
    assert (week.start_date, week.end_date) == (date(2026, 6, 9), date(2026, 6, 15))
    assert week.total_sessions == 4
    assert week.total_minutes == round((600 + 299 + 300 + 45) / 60, 1)
    assert week.days_active == 3
    assert week.daily_goal_minutes == 10
    assert week.days_goal_met == 1  # the 14th had 599 seconds: one short of the goal
    assert week.average_mood_change == round((2 - 1) / 2, 2)
    assert week.time_zone == "UTC"
    by_day = {day.date: day for day in week.series}
    assert by_day[date(2026, 6, 14)].minutes == round(599 / 60, 1)
    assert by_day[date(2026, 6, 14)].sessions == 2
    assert by_day[date(2026, 6, 12)].sessions == 0

    month = await stats(session, user, now, StatsRange.month)
    assert month.total_sessions == 5
    assert month.average_mood_change == round((2 - 1 + 4) / 3, 2)
    assert month.days_goal_met == 1


@pytest.mark.parametrize(
    ("range", "days"), [(StatsRange.week, 7), (StatsRange.month, 30), (StatsRange.year, 365)]
)
async def test_series_covers_every_day_of_the_range(
    session: AsyncSession, variants: list[TrackVariant], range: StatsRange, days: int
) -> None:
    now = at("2026-03-01T12:00+00:00")
    user = await make_user(session)
    await listened_at(session, user, variants[0], ["2026-02-28T10:00Z"], now)
    result = await stats(session, user, now, range)
    assert len(result.series) == days
    assert result.series[-1].date == result.end_date == date(2026, 3, 1)
    assert result.series[0].date == result.start_date == date(2026, 3, 1) - timedelta(days - 1)
    assert [d.date for d in result.series] == sorted({d.date for d in result.series})


async def test_all_time_starts_at_the_first_active_day(
    session: AsyncSession, variants: list[TrackVariant]
) -> None:
    now = at("2026-03-01T12:00+00:00")
    user = await make_user(session)
    empty = await stats(session, user, now, StatsRange.all)
    assert [d.date for d in empty.series] == [date(2026, 3, 1)]
    assert (empty.total_sessions, empty.current_streak_days, empty.longest_streak_days) == (
        0,
        0,
        0,
    )
    assert empty.average_mood_change is None
    await listened_at(session, user, variants[0], ["2025-12-25T10:00Z", "2026-02-01T10:00Z"], now)
    result = await stats(session, user, now, StatsRange.all)
    assert result.start_date == date(2025, 12, 25)
    assert len(result.series) == (date(2026, 3, 1) - date(2025, 12, 25)).days + 1
    assert result.total_sessions == 2


# --- through the API, on the real clock ---


def today_in_utc() -> date:
    return utcnow().date()


async def test_stats_api_ranges(
    client: AsyncClient, member: Member, variants: list[TrackVariant]
) -> None:
    first = (utcnow() - timedelta(days=40)).replace(hour=12, minute=0)
    await upload(
        client,
        member,
        [
            listen(variants[0], first, seconds=120),
            listen(variants[0], utcnow() - timedelta(days=1), seconds=60),
            listen(variants[0], utcnow() - timedelta(minutes=1), seconds=60),
        ],
    )
    for name, days in (("week", 7), ("month", 30), ("year", 365)):
        before = today_in_utc()
        response = await client.get("/v1/me/stats", params={"range": name}, headers=member.headers)
        assert response.status_code == 200, response.text
        assert response.headers["cache-control"] == "private, no-store"
        body = response.json()
        assert body["range"] == name
        assert len(body["series"]) == days
        assert date.fromisoformat(body["end_date"]) in {before, today_in_utc()}
        assert body["series"][-1]["date"] == body["end_date"]
        # Streak: yesterday and today, or (just after midnight) the two days before.
        assert body["current_streak_days"] == 2
    everything = (
        await client.get("/v1/me/stats", params={"range": "all"}, headers=member.headers)
    ).json()
    assert everything["start_date"] == first.date().isoformat()
    span = date.fromisoformat(everything["end_date"]) - first.date()
    assert len(everything["series"]) == span.days + 1
    assert everything["total_sessions"] == 3
    assert everything["total_minutes"] == 4.0
    default = (await client.get("/v1/me/stats", headers=member.headers)).json()
    assert default["range"] == "week"


@pytest.mark.parametrize(
    "params", [{"range": "decade"}, {"range": ""}, {"range": "WEEK"}, {"period": "week"}]
)
async def test_stats_rejects_unknown_ranges_and_parameters(
    client: AsyncClient, member: Member, params: dict[str, str]
) -> None:
    response = await client.get("/v1/me/stats", params=params, headers=member.headers)
    assert_problem(response, 422, "invalid-request", names=tuple(params))


# --- cost ---


async def test_stats_cost_does_not_grow_with_the_number_of_sessions(
    client: AsyncClient,
    session: AsyncSession,
    settings: Settings,
    count_statements: Any,
    variants: list[TrackVariant],
) -> None:
    now = utcnow()
    light = await make_member(session, settings)
    heavy = await make_member(session, settings)
    start = now - timedelta(days=20)
    for member, per_day in ((light, 1), (heavy, 60)):
        items = [
            listen(variants[0], start + timedelta(days=day, minutes=minute), seconds=30)
            for day in range(20)
            for minute in range(per_day)
        ]
        for offset in range(0, len(items), 500):
            await record(session, member.user, items[offset : offset + 500], now=now)

    logs = []
    for member in (light, heavy):
        with count_statements() as log:
            response = await client.get(
                "/v1/me/stats", params={"range": "year"}, headers=member.headers
            )
        assert response.status_code == 200, response.text
        logs.append(log)
    light_body, heavy_body = [
        (await client.get("/v1/me/stats?range=all", headers=m.headers)).json()
        for m in (light, heavy)
    ]
    assert light_body["total_sessions"] == 20
    assert heavy_body["total_sessions"] == 1200
    assert logs[0].count == logs[1].count <= 2
    # Stats read the per-day totals, never the sessions themselves.
    for log in logs:
        assert not any("listening_session" in statement for statement in log.statements)
