"""Listening progress: idempotent offline uploads, and the progress, stats and streaks
derived from them. Every query is filtered by the caller: there is no way to name another
member's data."""

import uuid
import zoneinfo
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import case, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.models import User
from app.core.db import begin_write, upsert
from app.core.errors import Conflict
from app.core.pagination import SortKey, fetch_page
from app.core.publishing import PublicationStatus
from app.progress.models import (
    BatchResult,
    DailyActivity,
    ListeningSession,
    ListeningSessionBatch,
    ListeningSessionIn,
    ListeningSessionPage,
    ListeningSessionPublic,
    SessionOutcome,
    SessionResult,
    Stats,
    StatsRange,
    TrackProgress,
    TrackProgressPage,
    TrackProgressPublic,
)
from app.tracks.models import Track, TrackVariant
from app.tracks.service import published_track_summaries

HISTORY_SORT = SortKey("-started_at", ListeningSession.started_at, "datetime")
PROGRESS_SORT = SortKey("-last_played_at", TrackProgress.last_played_at, "datetime")
RANGE_DAYS = {StatsRange.week: 7, StatsRange.month: 30, StatsRange.year: 365}
CONTINUE_LIMIT = 20
PLAYED_STATUSES = (PublicationStatus.published.value, PublicationStatus.archived.value)
_COMPARED = (
    "variant_id",
    "seconds_listened",
    "end_position_seconds",
    "completed",
    "mood_before",
    "mood_after",
)


def _same_content(stored: ListeningSession, sent: ListeningSessionIn) -> bool:
    return stored.started_at == sent.started_at and all(
        getattr(stored, name) == getattr(sent, name) for name in _COMPARED
    )


def _rejected(item: ListeningSessionIn, reason: str, message: str) -> SessionResult:
    return SessionResult(
        id=item.id, outcome=SessionOutcome.rejected, reason=reason, message=message
    )


async def _lock_member(session: AsyncSession, user: User) -> None:
    """One upload at a time per member, so recomputing their totals never loses a write."""
    await begin_write(session)
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(select(User.id).where(User.id == user.id).with_for_update())


async def record_listening_sessions(
    *,
    session: AsyncSession,
    user: User,
    batch: ListeningSessionBatch,
    now: datetime,
    clock_skew: timedelta,
) -> BatchResult:
    """Store new sessions, acknowledge ones already stored, reject the rest with a reason;
    then bring TrackProgress and DailyActivity up to date, all in one transaction."""
    await _lock_member(session, user)
    items = batch.sessions
    # Only tracks the public has been able to play: variant ids are sequential, and the
    # history shows each session's track title, so drafts and scheduled tracks must not be
    # accepted (they would leak). Archived tracks were public, so listens to them count.
    variants = {
        row.id: row
        for row in await session.execute(
            select(TrackVariant.id, TrackVariant.track_id, TrackVariant.duration_seconds)
            .join(Track, Track.id == TrackVariant.track_id)
            .where(
                TrackVariant.id.in_({item.variant_id for item in items}),
                Track.status.in_(PLAYED_STATUSES),
                Track.published_at <= now,
            )
        )
    }
    stored = {
        row.id: row
        for row in await session.scalars(
            select(ListeningSession).where(ListeningSession.id.in_([i.id for i in items]))
        )
    }
    zone = zoneinfo.ZoneInfo(user.time_zone)
    results: list[SessionResult] = []
    new_rows: list[dict[str, Any]] = []
    for item in items:
        existing = stored.get(item.id)
        variant = variants.get(item.variant_id)
        if existing is not None:
            if existing.user_id == user.id and _same_content(existing, item):
                results.append(SessionResult(id=item.id, outcome=SessionOutcome.duplicate))
            else:
                results.append(
                    _rejected(
                        item,
                        "conflict",
                        "A session with this id was already stored with different content.",
                    )
                )
        elif variant is None:
            results.append(
                _rejected(item, "unknown_variant", f"There is no track variant {item.variant_id}.")
            )
        elif item.started_at > now + clock_skew:
            results.append(
                _rejected(item, "started_in_future", "started_at is later than the server's clock.")
            )
        elif max(item.seconds_listened, item.end_position_seconds) > variant.duration_seconds:
            results.append(
                _rejected(
                    item,
                    "exceeds_duration",
                    f"seconds_listened and end_position_seconds must not exceed the variant's "
                    f"{variant.duration_seconds} seconds.",
                )
            )
        else:
            offset = item.started_at.utcoffset() or timedelta()
            new_rows.append(
                {
                    **item.model_dump(),
                    "user_id": user.id,
                    "track_id": variant.track_id,
                    "utc_offset_minutes": int(offset.total_seconds() // 60),
                    "local_date": item.started_at.astimezone(zone).date(),
                    "received_at": now,
                }
            )
            results.append(SessionResult(id=item.id, outcome=SessionOutcome.accepted))
    if new_rows:
        try:
            await session.execute(insert(ListeningSession), new_rows)
        except IntegrityError:
            await session.rollback()
            raise Conflict(
                "Another upload stored some of these sessions at the same moment; "
                "send the batch again."
            ) from None
        await _recompute_track_progress(session, user.id, {row["track_id"] for row in new_rows})
        await _recompute_daily_activity(session, user.id, {row["local_date"] for row in new_rows})
    await session.commit()
    counts = {outcome: 0 for outcome in SessionOutcome}
    for result in results:
        counts[result.outcome] += 1
    return BatchResult(
        accepted=counts[SessionOutcome.accepted],
        duplicates=counts[SessionOutcome.duplicate],
        rejected=counts[SessionOutcome.rejected],
        results=results,
    )


async def _recompute_track_progress(
    session: AsyncSession, user_id: uuid.UUID, track_ids: Iterable[int]
) -> None:
    """Recompute from the sessions themselves, so the result does not depend on the order
    in which devices uploaded them."""
    sessions_of_tracks = (ListeningSession.user_id == user_id) & ListeningSession.track_id.in_(
        list(track_ids)
    )
    totals = {
        row.track_id: row
        for row in await session.execute(
            select(
                ListeningSession.track_id,
                func.count().label("sessions"),
                func.sum(ListeningSession.seconds_listened).label("seconds"),
                func.sum(case((ListeningSession.completed, 1), else_=0)).label("completions"),
            )
            .where(sessions_of_tracks)
            .group_by(ListeningSession.track_id)
        )
    }
    ranked = (
        select(
            ListeningSession.track_id,
            ListeningSession.id,
            ListeningSession.variant_id,
            ListeningSession.end_position_seconds,
            ListeningSession.completed,
            ListeningSession.started_at,
            func.row_number()
            .over(
                partition_by=ListeningSession.track_id,
                order_by=(ListeningSession.started_at.desc(), ListeningSession.id.desc()),
            )
            .label("rank"),
        )
        .where(sessions_of_tracks)
        .subquery()
    )
    latest = (await session.execute(select(ranked).where(ranked.c.rank == 1))).all()
    rows = [
        {
            "user_id": user_id,
            "track_id": last.track_id,
            "last_session_id": last.id,
            "resume_variant_id": last.variant_id,
            "resume_position_seconds": 0 if last.completed else last.end_position_seconds,
            "finished": bool(last.completed),
            "completions": int(totals[last.track_id].completions),
            "sessions": int(totals[last.track_id].sessions),
            "seconds_listened": int(totals[last.track_id].seconds),
            "last_played_at": last.started_at,
        }
        for last in latest
    ]
    if rows:
        await session.execute(upsert(session, TrackProgress, ["user_id", "track_id"]), rows)


async def _recompute_daily_activity(
    session: AsyncSession, user_id: uuid.UUID, days: Iterable[date]
) -> None:
    both_moods = ListeningSession.mood_before.is_not(None) & ListeningSession.mood_after.is_not(
        None
    )
    statement = (
        select(
            ListeningSession.local_date,
            func.sum(ListeningSession.seconds_listened).label("seconds"),
            func.count().label("sessions"),
            func.sum(
                case(
                    (both_moods, ListeningSession.mood_after - ListeningSession.mood_before),
                    else_=0,
                )
            ).label("mood_sum"),
            func.sum(case((both_moods, 1), else_=0)).label("mood_count"),
        )
        .where(ListeningSession.user_id == user_id, ListeningSession.local_date.in_(list(days)))
        .group_by(ListeningSession.local_date)
    )
    rows = [
        {
            "user_id": user_id,
            "local_date": row.local_date,
            "seconds_listened": int(row.seconds),
            "sessions": int(row.sessions),
            "mood_change_sum": int(row.mood_sum),
            "mood_change_count": int(row.mood_count),
        }
        for row in await session.execute(statement)
    ]
    if rows:
        await session.execute(upsert(session, DailyActivity, ["user_id", "local_date"]), rows)


def _streaks(active: list[int], today: int) -> tuple[int, int]:
    """(current, longest) runs of consecutive active days, given as day ordinals in
    ascending order; today need not be over yet."""
    longest = run = 0
    previous = None
    for day in active:
        run = run + 1 if previous is not None and day - previous == 1 else 1
        longest = max(longest, run)
        previous = day
    days = set(active)
    cursor = today if today in days else today - 1
    current = 0
    while cursor in days:
        current += 1
        cursor -= 1
    return current, longest


def _empty_series(first: int, last: int) -> list[dict[str, Any]]:
    """A day with no listening for each day ordinal from first to last."""
    return [
        {"date": date.fromordinal(number), "minutes": 0.0, "sessions": 0}
        for number in range(first, last + 1)
    ]


# Validates the whole response in one pass of pydantic-core, the series' days included.
_STATS = TypeAdapter(Stats)


async def member_stats(
    *, session: AsyncSession, user: User, range: StatsRange, now: datetime
) -> Stats:
    """Totals, a per-day series and streaks, read from DailyActivity: O(days active), as
    plain rows of the columns the stats need."""
    today = now.astimezone(zoneinfo.ZoneInfo(user.time_zone)).date()
    rows = (
        await session.execute(
            select(
                DailyActivity.local_date,
                DailyActivity.seconds_listened,
                DailyActivity.sessions,
                DailyActivity.mood_change_sum,
                DailyActivity.mood_change_count,
            )
            .where(DailyActivity.user_id == user.id)
            .order_by(DailyActivity.local_date)
        )
    ).all()
    today_number = today.toordinal()
    current, longest = _streaks([row.local_date.toordinal() for row in rows], today_number)
    if range is StatsRange.all:
        start = rows[0].local_date if rows else today
    else:
        start = today - timedelta(days=RANGE_DAYS[range] - 1)
    first = start.toordinal()
    series = _empty_series(first, today_number)
    seconds = sessions = mood_sum = mood_count = days_goal_met = days_active = 0
    goal_seconds = user.daily_goal_minutes * 60
    for row in rows:
        number = row.local_date.toordinal()
        # A day after today (a device clock ahead of the member's zone) is not shown yet.
        if not first <= number <= today_number:
            continue
        day = series[number - first]
        day["minutes"] = round(row.seconds_listened / 60, 1)
        day["sessions"] = row.sessions
        days_active += 1
        seconds += row.seconds_listened
        sessions += row.sessions
        mood_sum += row.mood_change_sum
        mood_count += row.mood_change_count
        days_goal_met += row.seconds_listened >= goal_seconds
    return _STATS.validate_python(
        {
            "range": range,
            "time_zone": user.time_zone,
            "start_date": start,
            "end_date": today,
            "total_minutes": round(seconds / 60, 1),
            "total_sessions": sessions,
            "days_active": days_active,
            "daily_goal_minutes": user.daily_goal_minutes,
            "days_goal_met": days_goal_met,
            "current_streak_days": current if user.show_streaks else None,
            "longest_streak_days": longest if user.show_streaks else None,
            "average_mood_change": round(mood_sum / mood_count, 2) if mood_count else None,
            "series": series,
        }
    )


async def listening_history(
    *, session: AsyncSession, user: User, limit: int, cursor: str | None
) -> ListeningSessionPage:
    statement = (
        select(
            ListeningSession.id,
            ListeningSession.variant_id,
            ListeningSession.started_at,
            ListeningSession.local_date,
            ListeningSession.seconds_listened,
            ListeningSession.end_position_seconds,
            ListeningSession.completed,
            ListeningSession.mood_before,
            ListeningSession.mood_after,
            Track.slug.label("track_slug"),
            Track.title.label("track_title"),
        )
        .join(Track, Track.id == ListeningSession.track_id)
        .where(ListeningSession.user_id == user.id)
    )
    rows, next_cursor = await fetch_page(
        session,
        statement,
        sort=HISTORY_SORT,
        id_column=ListeningSession.id,
        limit=limit,
        cursor=cursor,
    )
    return ListeningSessionPage(
        items=[ListeningSessionPublic.model_validate(row._mapping) for row in rows],
        next_cursor=next_cursor,
    )


async def _with_tracks(
    session: AsyncSession, progress: list[TrackProgress], now: datetime
) -> list[TrackProgressPublic]:
    """Progress joined to published track summaries; unpublished tracks drop out."""
    tracks = await published_track_summaries(
        session=session, ids=[p.track_id for p in progress], now=now
    )
    return [
        TrackProgressPublic(track=tracks[p.track_id], **p.model_dump(exclude={"track_id"}))
        for p in progress
        if p.track_id in tracks
    ]


async def track_progress(
    *, session: AsyncSession, user: User, limit: int, cursor: str | None, now: datetime
) -> TrackProgressPage:
    statement = select(TrackProgress, TrackProgress.last_played_at, TrackProgress.track_id).where(
        TrackProgress.user_id == user.id
    )
    rows, next_cursor = await fetch_page(
        session,
        statement,
        sort=PROGRESS_SORT,
        id_column=TrackProgress.track_id,
        limit=limit,
        cursor=cursor,
    )
    items = await _with_tracks(session, [row[0] for row in rows], now)
    return TrackProgressPage(items=items, next_cursor=next_cursor)


async def continue_listening(
    *, session: AsyncSession, user: User, now: datetime
) -> list[TrackProgressPublic]:
    """Tracks started and not finished, most recent first, with where to resume."""
    progress = (
        await session.scalars(
            select(TrackProgress)
            .where(
                TrackProgress.user_id == user.id,
                TrackProgress.finished.is_(False),
                TrackProgress.resume_position_seconds > 0,
            )
            .order_by(TrackProgress.last_played_at.desc(), TrackProgress.track_id.desc())
            .limit(CONTINUE_LIMIT)
        )
    ).all()
    return await _with_tracks(session, list(progress), now)


async def progress_for_tracks(
    *, session: AsyncSession, user: User, track_ids: list[int]
) -> dict[int, TrackProgress]:
    """The member's progress on each of these tracks that they have played."""
    if not track_ids:
        return {}
    rows = await session.scalars(
        select(TrackProgress).where(
            TrackProgress.user_id == user.id, TrackProgress.track_id.in_(track_ids)
        )
    )
    return {row.track_id: row for row in rows}
