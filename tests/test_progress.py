"""Offline session uploads (POST /v1/me/sessions) and the state derived from them:
/v1/me/progress, /v1/me/continue and /v1/me/history."""

import uuid
import zoneinfo
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from httpx import AsyncClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.db import utcnow
from app.core.publishing import PublicationStatus
from app.progress import service as progress
from app.progress.models import ListeningSession, StatsRange
from app.tracks.models import Track, TrackVariant
from tests.factories import in_the_future, make_track, variants_of
from tests.helpers import assert_problem
from tests.member_factories import (
    Member,
    forget_listening,
    listen,
    make_user,
    record,
    upload,
)

SESSIONS = "/v1/me/sessions"
NEVER_A_VARIANT = 2**31 - 1


def ago(**delta: float) -> datetime:
    return utcnow() - timedelta(**delta)


async def stored_count(session: AsyncSession, member: Member) -> int:
    count = await session.scalar(select(func.count()).where(ListeningSession.user_id == member.id))
    return int(count or 0)


async def totals(client: AsyncClient, member: Member) -> dict[str, Any]:
    """What the member sees: stats for all time, progress per track, and the history size."""
    stats = await client.get("/v1/me/stats", params={"range": "all"}, headers=member.headers)
    assert stats.status_code == 200, stats.text
    progress_page = await client.get("/v1/me/progress?limit=100", headers=member.headers)
    assert progress_page.status_code == 200, progress_page.text
    history = await client.get("/v1/me/history?limit=100", headers=member.headers)
    assert history.status_code == 200, history.text
    return {
        "stats": stats.json(),
        "progress": progress_page.json()["items"],
        "history": len(history.json()["items"]),
    }


# --- per-item outcomes ---


async def test_each_session_is_accepted_or_rejected_with_a_reason(
    client: AsyncClient, session: AsyncSession, member: Member, variants: list[TrackVariant]
) -> None:
    short, _long = variants  # 300 s and 600 s
    batch = [
        listen(short, ago(hours=2), seconds=200),
        listen(NEVER_A_VARIANT, ago(hours=2)),
        listen(short, utcnow() + timedelta(hours=1)),
        listen(short, utcnow() + timedelta(minutes=2)),  # within the allowed clock skew
        listen(short, ago(hours=1), seconds=301),
        listen(short, ago(hours=1), seconds=10, end=301),
        listen(short, ago(hours=1), seconds=300, end=300, completed=True),
    ]
    response = await client.post(SESSIONS, json={"sessions": batch}, headers=member.headers)
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "private, no-store"
    body = response.json()
    assert (body["accepted"], body["duplicates"], body["rejected"]) == (3, 0, 4)
    outcomes = [(r["id"], r["outcome"], r["reason"]) for r in body["results"]]
    expected = [
        "accepted",
        "unknown_variant",
        "started_in_future",
        "accepted",
        "exceeds_duration",
        "exceeds_duration",
        "accepted",
    ]
    assert outcomes == [
        (
            item["id"],
            "accepted" if why == "accepted" else "rejected",
            None if why == "accepted" else why,
        )
        for item, why in zip(batch, expected, strict=True)
    ]
    for result in body["results"]:
        assert bool(result["message"]) == (result["outcome"] == "rejected")
    assert await stored_count(session, member) == 3

    # Sent again: the stored ones are duplicates, the rejected ones are rejected again.
    again = (await client.post(SESSIONS, json={"sessions": batch}, headers=member.headers)).json()
    assert (again["accepted"], again["duplicates"], again["rejected"]) == (0, 3, 4)
    assert [r["reason"] for r in again["results"] if r["outcome"] == "rejected"] == [
        "unknown_variant",
        "started_in_future",
        "exceeds_duration",
        "exceeds_duration",
    ]
    assert await stored_count(session, member) == 3


async def test_sessions_on_tracks_the_public_cannot_play_are_unknown(
    client: AsyncClient, session: AsyncSession, member: Member
) -> None:
    """Variant ids are sequential: accepting them would show unpublished titles in history."""
    draft = await make_track(session, status=PublicationStatus.draft.value, title="Embargoed")
    review = await make_track(session, status=PublicationStatus.in_review.value)
    scheduled = await make_track(session, published_at=in_the_future())
    archived = await make_track(session)
    await session.execute(
        update(Track).where(Track.id == archived.id).values(status=PublicationStatus.archived.value)
    )
    await session.flush()
    hidden = [(await variants_of(session, t))[0] for t in (draft, review, scheduled)]
    result = await upload(client, member, [listen(variant, ago(hours=1)) for variant in hidden])
    assert [r["reason"] for r in result["results"]] == ["unknown_variant"] * 3
    # A track withdrawn after it was public: the listen happened and counts.
    withdrawn = (await variants_of(session, archived))[0]
    assert (await upload(client, member, [listen(withdrawn, ago(hours=2))]))["accepted"] == 1
    history = (await client.get("/v1/me/history", headers=member.headers)).json()["items"]
    assert [item["track_slug"] for item in history] == [archived.slug]
    assert "Embargoed" not in str(history)


async def test_same_id_with_different_content_is_a_conflict_and_keeps_the_original(
    client: AsyncClient, member: Member, variants: list[TrackVariant]
) -> None:
    short, long = variants
    original = listen(short, ago(hours=3), seconds=100, mood_before=2, mood_after=4)
    await upload(client, member, [original])
    changes: list[dict[str, Any]] = [
        {"seconds_listened": 101},
        {"end_position_seconds": 50},
        {"completed": True},
        {"mood_after": 5},
        {"mood_before": None},
        {"variant_id": long.id},
        {"started_at": (ago(hours=3) - timedelta(minutes=1)).isoformat()},
    ]
    for change in changes:
        result = await upload(client, member, [original | change])
        assert result["results"][0]["outcome"] == "rejected", change
        assert result["results"][0]["reason"] == "conflict", change
    history = (await client.get("/v1/me/history", headers=member.headers)).json()["items"]
    assert len(history) == 1
    stored = history[0]
    assert (stored["seconds_listened"], stored["mood_after"], stored["variant_id"]) == (
        100,
        4,
        short.id,
    )


async def test_a_retry_with_the_same_instant_in_another_offset_is_a_duplicate(
    client: AsyncClient, member: Member, variants: list[TrackVariant]
) -> None:
    started = ago(hours=5).replace(microsecond=123456)
    sent = listen(variants[0], started)
    await upload(client, member, [sent])
    kolkata = zoneinfo.ZoneInfo("Asia/Kolkata")
    same_instant = sent | {"started_at": started.astimezone(kolkata).isoformat()}
    result = await upload(client, member, [same_instant])
    assert result["results"][0]["outcome"] == "duplicate"
    assert result["duplicates"] == 1


async def test_another_members_session_id_is_a_conflict(
    client: AsyncClient,
    session: AsyncSession,
    member: Member,
    other_member: Member,
    variants: list[TrackVariant],
) -> None:
    mine = listen(variants[0], ago(hours=1), seconds=100)
    await upload(client, member, [mine])
    # Identical content, even: the id belongs to someone else, so it is not a duplicate.
    for attempt in (mine, mine | {"seconds_listened": 250}):
        result = await upload(client, other_member, [attempt])
        assert result["results"][0]["outcome"] == "rejected"
        assert result["results"][0]["reason"] == "conflict"
    assert await stored_count(session, other_member) == 0
    assert await stored_count(session, member) == 1


# --- whole-batch validation: 422 and nothing stored ---


def _valid_pair(variant: TrackVariant) -> list[dict[str, Any]]:
    return [listen(variant, ago(hours=4)), listen(variant, ago(hours=3))]


INVALID_ITEMS: dict[str, tuple[dict[str, Any], str]] = {
    "negative seconds": ({"seconds_listened": -1}, "seconds_listened"),
    "negative end position": ({"end_position_seconds": -5}, "end_position_seconds"),
    "seconds beyond a day": ({"seconds_listened": 86_401}, "seconds_listened"),
    "mood before 0": ({"mood_before": 0}, "mood_before"),
    "mood after 6": ({"mood_after": 6}, "mood_after"),
    "naive started_at": ({"started_at": "2026-01-05T07:30:00"}, "started_at"),
    "not a time": ({"started_at": "yesterday"}, "started_at"),
    "before the app existed": ({"started_at": "1970-01-01T00:00:00Z"}, "started_at"),
    "year 1, east of UTC": ({"started_at": "0001-01-01T00:30:00+01:00"}, "started_at"),
    "year 9999, west of UTC": ({"started_at": "9999-12-31T23:59:59-14:00"}, "started_at"),
    "id not a uuid": ({"id": "42"}, "id"),
    "variant 0": ({"variant_id": 0}, "variant_id"),
    "variant too large": ({"variant_id": 2**31}, "variant_id"),
    "unknown field": ({"device": "pixel"}, "device"),
}


@pytest.mark.parametrize("case", sorted(INVALID_ITEMS))
async def test_one_invalid_item_refuses_the_whole_batch(
    client: AsyncClient,
    session: AsyncSession,
    member: Member,
    variants: list[TrackVariant],
    case: str,
) -> None:
    change, field = INVALID_ITEMS[case]
    bad = listen(variants[0], ago(hours=2)) | change
    batch = [*_valid_pair(variants[0]), bad]
    response = await client.post(SESSIONS, json={"sessions": batch}, headers=member.headers)
    body = assert_problem(response, 422, "invalid-request")
    assert any(error["name"].endswith(field) for error in body["errors"]), body
    assert any(error["name"].startswith("sessions.2") for error in body["errors"]), body
    assert await stored_count(session, member) == 0


async def test_the_earliest_start_is_in_utc(
    client: AsyncClient, member: Member, variants: list[TrackVariant]
) -> None:
    """2020-01-01 in UTC: a local time on the evening before, west of UTC, is after it."""
    boundary = [
        listen(variants[0], ago(days=1)) | {"started_at": "2019-12-31T23:30:00-01:00"},
        listen(variants[0], ago(days=1)) | {"started_at": "2020-01-01T00:30:00+01:00"},
    ]
    response = await client.post(SESSIONS, json={"sessions": boundary}, headers=member.headers)
    assert_problem(response, 422, "invalid-request", names=("sessions.1.started_at",))
    assert (await upload(client, member, boundary[:1]))["accepted"] == 1


async def test_missing_fields_are_named(
    client: AsyncClient, session: AsyncSession, member: Member, variants: list[TrackVariant]
) -> None:
    item = listen(variants[0], ago(hours=2))
    del item["started_at"], item["seconds_listened"]
    response = await client.post(SESSIONS, json={"sessions": [item]}, headers=member.headers)
    assert_problem(
        response,
        422,
        "invalid-request",
        names=("sessions.0.started_at", "sessions.0.seconds_listened"),
    )
    assert await stored_count(session, member) == 0


async def test_batch_size_limits(
    client: AsyncClient, session: AsyncSession, member: Member, variants: list[TrackVariant]
) -> None:
    empty = await client.post(SESSIONS, json={"sessions": []}, headers=member.headers)
    assert_problem(empty, 422, "invalid-request", names=("sessions",))
    start = ago(days=3)
    too_many = [listen(variants[0], start + timedelta(minutes=n)) for n in range(501)]
    over = await client.post(SESSIONS, json={"sessions": too_many}, headers=member.headers)
    assert_problem(over, 422, "invalid-request", names=("sessions",))
    assert await stored_count(session, member) == 0
    # Exactly 500 is allowed, in one transaction.
    full = await upload(client, member, too_many[:500])
    assert full["accepted"] == 500
    assert await stored_count(session, member) == 500


async def test_a_uuid_twice_in_one_batch_refuses_the_batch(
    client: AsyncClient, session: AsyncSession, member: Member, variants: list[TrackVariant]
) -> None:
    first = listen(variants[0], ago(hours=2))
    twin = listen(variants[0], ago(hours=1)) | {"id": first["id"]}
    response = await client.post(SESSIONS, json={"sessions": [first, twin]}, headers=member.headers)
    body = assert_problem(response, 422, "invalid-request", names=("sessions",))
    assert first["id"] in body["detail"]
    assert await stored_count(session, member) == 0


@pytest.mark.parametrize("payload", [{}, {"sessions": None}, {"sessions": {}}, [], {"x": []}])
async def test_malformed_batches_are_422(client: AsyncClient, member: Member, payload: Any) -> None:
    response = await client.post(SESSIONS, json=payload, headers=member.headers)
    assert_problem(response, 422, "invalid-request")


async def test_a_body_that_is_not_json_is_422(client: AsyncClient, member: Member) -> None:
    response = await client.post(
        SESSIONS,
        content=b"{not json",
        headers=member.headers | {"content-type": "application/json"},
    )
    assert_problem(response, 422, "invalid-request")


# --- idempotency and order independence ---


async def test_a_batch_replayed_ten_times_counts_once(
    client: AsyncClient, member: Member, variants: list[TrackVariant]
) -> None:
    short, long = variants
    batch = [
        listen(short, ago(days=2), seconds=300, completed=True, mood_before=2, mood_after=4),
        listen(long, ago(days=1), seconds=400, end=400),
        listen(short, ago(hours=1), seconds=60, end=60, mood_before=3, mood_after=3),
    ]
    first = await upload(client, member, batch)
    assert first["accepted"] == 3
    once = await totals(client, member)
    assert once["history"] == 3
    assert once["stats"]["total_sessions"] == 3
    assert once["stats"]["total_minutes"] == round(760 / 60, 1)
    for _ in range(9):
        replay = await upload(client, member, batch)
        assert (replay["accepted"], replay["duplicates"], replay["rejected"]) == (0, 3, 0)
    assert await totals(client, member) == once


async def test_stats_and_progress_follow_each_upload(
    client: AsyncClient, member: Member, variants: list[TrackVariant]
) -> None:
    """Reads after an upload see it, even within one database session."""
    short, _ = variants
    await upload(client, member, [listen(short, ago(hours=3), seconds=120)])
    before = await totals(client, member)
    await upload(client, member, [listen(short, ago(hours=2), seconds=60, end=200)])
    after = await totals(client, member)
    assert after["history"] == before["history"] + 1 == 2
    assert after["stats"]["total_sessions"] == 2
    assert after["stats"]["total_minutes"] == 3.0
    assert after["progress"][0]["sessions"] == 2
    assert after["progress"][0]["resume_position_seconds"] == 200


MINUTE_SLOTS = 24 * 6  # started_at on a 20-minute grid over two days: ties happen

session_spec = st.fixed_dictionaries(
    {
        "track": st.integers(0, 1),
        "variant": st.integers(0, 1),
        "slot": st.integers(0, MINUTE_SLOTS),
        "seconds": st.integers(0, 300),
        "end": st.integers(0, 300),
        "completed": st.booleans(),
        "mood": st.none() | st.tuples(st.integers(1, 5), st.integers(1, 5)),
        "device": st.sampled_from(["phone", "tablet", "both"]),
    }
)


def _expected(specs: list[dict[str, Any]], zone: str) -> dict[str, Any]:
    """An independent model of what the derived state must be."""
    per_track: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for spec in specs:
        per_track[spec["track_id"]].append(spec)
    progress_by_track = {}
    for track_id, items in per_track.items():
        latest = max(items, key=lambda s: (s["started_at"], uuid.UUID(s["id"])))
        progress_by_track[track_id] = {
            "sessions": len(items),
            "seconds_listened": sum(s["seconds_listened"] for s in items),
            "completions": sum(s["completed"] for s in items),
            "finished": latest["completed"],
            "resume_position_seconds": 0 if latest["completed"] else latest["end_position_seconds"],
            "resume_variant_id": latest["variant_id"],
            "last_played_at": latest["started_at"],
        }
    days: dict[Any, int] = defaultdict(int)
    for spec in specs:
        days[spec["started_at"].astimezone(zoneinfo.ZoneInfo(zone)).date()] += 1
    moods = [s["mood_after"] - s["mood_before"] for s in specs if s["mood_before"] is not None]
    return {
        "progress": progress_by_track,
        "days": dict(days),
        "seconds": sum(s["seconds_listened"] for s in specs),
        "mood": round(sum(moods) / len(moods), 2) if moods else None,
    }


@given(
    specs=st.lists(session_spec, min_size=1, max_size=14),
    zone=st.sampled_from(["UTC", "America/Los_Angeles", "Asia/Tokyo", "Europe/London"]),
)
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
async def test_overlapping_uploads_from_two_devices_agree_in_any_order(
    session: AsyncSession,
    two_tracks: list[list[TrackVariant]],
    specs: list[dict[str, Any]],
    zone: str,
) -> None:
    now = utcnow().replace(microsecond=0)
    base = now - timedelta(days=2, hours=1)
    user = await make_user(session, time_zone=zone)  # a clean member for every example
    sessions, phone, tablet = [], [], []
    for spec in specs:
        variant = two_tracks[spec["track"]][spec["variant"]]
        mood = spec["mood"] or (None, None)
        item = listen(
            variant,
            base + timedelta(minutes=20 * spec["slot"]),
            seconds=spec["seconds"],
            end=spec["end"],
            completed=spec["completed"],
            mood_before=mood[0],
            mood_after=mood[1],
        )
        sessions.append(item)
        if spec["device"] in ("phone", "both"):
            phone.append(item)
        if spec["device"] in ("tablet", "both"):
            tablet.append(item)

    async def derived() -> tuple[Any, Any]:
        stats = await progress.member_stats(
            session=session, user=user, range=StatsRange.all, now=now
        )
        page = await progress.track_progress(
            session=session, user=user, limit=100, cursor=None, now=now
        )
        return stats.model_dump(), [item.model_dump() for item in page.items]

    outcomes = []
    for order in ([phone, tablet], [tablet, phone], [sessions]):
        await forget_listening(session, user.id)
        accepted = duplicates = 0
        for batch in order:
            if batch:
                result = await record(session, user, batch, now=now)
                accepted, duplicates = accepted + result.accepted, duplicates + result.duplicates
                assert result.rejected == 0
        overlap = 0 if len(order) == 1 else len(phone) + len(tablet) - len(sessions)
        assert (accepted, duplicates) == (len(sessions), overlap)
        outcomes.append(await derived())
    assert outcomes[0] == outcomes[1] == outcomes[2]

    stats, progress_items = outcomes[0]
    by_variant = {v.id: v.track_id for variants in two_tracks for v in variants}
    model = _expected(
        [
            s
            | {
                "started_at": datetime.fromisoformat(s["started_at"]),
                "track_id": by_variant[s["variant_id"]],
            }
            for s in sessions
        ],
        zone,
    )
    assert stats["total_sessions"] == len(sessions)
    assert stats["total_minutes"] == round(model["seconds"] / 60, 1)
    assert stats["days_active"] == len(model["days"])
    assert {d["date"]: d["sessions"] for d in stats["series"] if d["sessions"]} == model["days"]
    assert stats["average_mood_change"] == model["mood"]
    got = {
        item["track"]["id"]: {key: item[key] for key in model["progress"][item["track"]["id"]]}
        for item in progress_items
    }
    assert got == model["progress"]


@pytest.fixture
async def two_tracks(session: AsyncSession) -> list[list[TrackVariant]]:
    tracks = [await make_track(session, durations=(300, 600)) for _ in range(2)]
    return [await variants_of(session, track) for track in tracks]


# --- derived state ---


async def test_progress_resumes_from_the_latest_session_by_start_time(
    client: AsyncClient, member: Member, track: Track, variants: list[TrackVariant]
) -> None:
    short, long = variants
    latest = listen(long, ago(hours=1), seconds=240, end=420)
    older = listen(short, ago(hours=5), seconds=200, end=250)
    # The latest is uploaded first; the older one arrives late from another device.
    await upload(client, member, [latest])
    await upload(client, member, [older])
    items = (await client.get("/v1/me/progress", headers=member.headers)).json()["items"]
    assert len(items) == 1
    item = items[0]
    assert item["track"]["slug"] == track.slug
    assert item["resume_variant_id"] == long.id
    assert item["resume_position_seconds"] == 420
    assert item["finished"] is False
    assert item["completions"] == 0
    assert item["sessions"] == 2
    assert item["seconds_listened"] == 440
    assert datetime.fromisoformat(item["last_played_at"]) == datetime.fromisoformat(
        latest["started_at"]
    )


async def test_completing_a_track_resets_the_resume_point_and_counts(
    client: AsyncClient, member: Member, variants: list[TrackVariant]
) -> None:
    short, _ = variants
    await upload(
        client,
        member,
        [
            listen(short, ago(days=2), seconds=300, completed=True),
            listen(short, ago(days=1), seconds=120, end=120),
            listen(short, ago(hours=2), seconds=300, completed=True),
        ],
    )
    item = (await client.get("/v1/me/progress", headers=member.headers)).json()["items"][0]
    assert (item["resume_position_seconds"], item["finished"]) == (0, True)
    assert (item["completions"], item["sessions"], item["seconds_listened"]) == (2, 3, 720)
    # Started again after finishing: no longer finished, resumes where it stopped.
    await upload(client, member, [listen(short, ago(minutes=30), seconds=90, end=95)])
    item = (await client.get("/v1/me/progress", headers=member.headers)).json()["items"][0]
    assert (item["resume_position_seconds"], item["finished"], item["completions"]) == (
        95,
        False,
        2,
    )


async def test_continue_lists_started_unfinished_tracks_newest_first(
    client: AsyncClient, session: AsyncSession, member: Member
) -> None:
    tracks = {name: await make_track(session, durations=(600,)) for name in "abcde"}
    variant = {name: (await variants_of(session, t))[0] for name, t in tracks.items()}
    await upload(
        client,
        member,
        [
            listen(variant["a"], ago(hours=5), seconds=100),  # in progress, older
            listen(variant["b"], ago(hours=1), seconds=100),  # in progress, newest
            listen(variant["c"], ago(hours=2), seconds=600, completed=True),  # finished
            listen(variant["d"], ago(hours=3), seconds=0, end=0),  # opened, never played
            listen(variant["e"], ago(hours=4), seconds=100),  # in progress
        ],
    )
    response = await client.get("/v1/me/continue", headers=member.headers)
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "private, no-store"
    items = response.json()["items"]
    assert [item["track"]["slug"] for item in items] == [
        tracks["b"].slug,
        tracks["e"].slug,
        tracks["a"].slug,
    ]
    assert all(item["resume_position_seconds"] == 100 for item in items)
    # Every played track is in progress, finished or not, newest first.
    every = (await client.get("/v1/me/progress", headers=member.headers)).json()["items"]
    assert [item["track"]["slug"] for item in every] == [
        tracks[name].slug for name in ("b", "c", "d", "e", "a")
    ]
    # A track taken down drops out of both lists; the sessions stay in the history.
    await session.execute(
        update(Track)
        .where(Track.id == tracks["b"].id)
        .values(status=PublicationStatus.archived.value)
    )
    await session.flush()
    items = (await client.get("/v1/me/continue", headers=member.headers)).json()["items"]
    assert [item["track"]["slug"] for item in items] == [tracks["e"].slug, tracks["a"].slug]
    every = (await client.get("/v1/me/progress", headers=member.headers)).json()["items"]
    assert tracks["b"].slug not in {item["track"]["slug"] for item in every}


async def test_progress_pages_with_a_cursor(
    client: AsyncClient, session: AsyncSession, member: Member
) -> None:
    batch = []
    for n in range(5):
        track = await make_track(session, durations=(600,))
        batch.append(listen((await variants_of(session, track))[0], ago(hours=n + 1)))
    await upload(client, member, batch)
    seen: list[int] = []
    cursor = None
    for _ in range(5):
        params: dict[str, Any] = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = (await client.get("/v1/me/progress", params=params, headers=member.headers)).json()
        seen += [item["track"]["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 5


async def test_history_walks_every_session_newest_first_across_pages(
    client: AsyncClient, member: Member, track: Track, variants: list[TrackVariant]
) -> None:
    start = ago(days=3).replace(microsecond=0)
    # Pairs share a start time, so the cursor must break ties by id.
    batch = [
        listen(variants[n % 2], start + timedelta(minutes=10 * (n // 2)), seconds=30 + n)
        for n in range(25)
    ]
    await upload(client, member, batch)
    seen: list[dict[str, Any]] = []
    cursor = None
    pages = 0
    while True:
        params: dict[str, Any] = {"limit": 10} | ({"cursor": cursor} if cursor else {})
        response = await client.get("/v1/me/history", params=params, headers=member.headers)
        assert response.status_code == 200, response.text
        assert response.headers["cache-control"] == "private, no-store"
        page = response.json()
        pages += 1
        seen += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
        assert pages < 10
    assert pages == 3
    ids = [item["id"] for item in seen]
    assert len(ids) == len(set(ids)) == 25
    assert set(ids) == {item["id"] for item in batch}
    keys = [(datetime.fromisoformat(item["started_at"]), uuid.UUID(item["id"])) for item in seen]
    assert keys == sorted(keys, reverse=True)
    first = seen[0]
    assert first["track_slug"] == track.slug
    assert first["track_title"] == track.title
    assert first["local_date"] == datetime.fromisoformat(first["started_at"]).date().isoformat()


@pytest.mark.parametrize(
    "params",
    [{"cursor": "garbage"}, {"cursor": "e30.AAAA"}, {"limit": 0}, {"limit": 101}, {"sort": "x"}],
)
async def test_history_rejects_bad_parameters(
    client: AsyncClient, member: Member, params: dict[str, Any]
) -> None:
    response = await client.get("/v1/me/history", params=params, headers=member.headers)
    assert_problem(response, 422, "invalid-request", names=tuple(params))


async def test_times_read_back_in_utc_with_the_local_date_of_the_member(
    client: AsyncClient, session: AsyncSession, member: Member, variants: list[TrackVariant]
) -> None:
    member.user.time_zone = "Asia/Tokyo"
    await session.flush()
    # 23:30 UTC is 08:30 the next morning in Tokyo.
    started = (ago(days=2)).replace(hour=23, minute=30, second=0, microsecond=0)
    sent = listen(variants[0], started.astimezone(UTC))
    await upload(client, member, [sent])
    item = (await client.get("/v1/me/history", headers=member.headers)).json()["items"][0]
    assert datetime.fromisoformat(item["started_at"]) == started
    assert item["local_date"] == (started + timedelta(days=1)).date().isoformat()
