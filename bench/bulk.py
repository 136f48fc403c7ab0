"""Bulk loading of the bench data set: Core executemany in big chunks, then the totals the
app keeps per member derived in SQL."""

import random
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta

from sqlalchemy import (
    Column,
    Connection,
    MetaData,
    Table,
    and_,
    case,
    func,
    insert,
    inspect,
    literal,
    select,
)
from sqlmodel import SQLModel

import app.models  # noqa: F401 - registers every table on SQLModel.metadata
from bench import rows
from bench.dataset import BENCH_PASSWORD, GENERATOR_VERSION, DatasetInfo, Scale

CHUNK = 20_000
Step = Callable[[str, float], float]


def target(conn: Connection, name: str) -> Table:
    """The model's table as the database has it: only the columns the migrations created.

    The models may be ahead of the migrations while someone is adding a column; inserting
    through the model's table would then name a column the database does not have.
    """
    cache: dict[str, Table] = conn.info.setdefault("bench_targets", {})
    if name not in cache:
        present = {column["name"] for column in inspect(conn).get_columns(name)}
        columns = [
            Column(
                c.name,
                c.type,
                primary_key=c.primary_key,
                default=c.default.arg if c.default is not None else None,  # type: ignore[attr-defined]
            )
            for c in SQLModel.metadata.tables[name].columns
            if c.name in present
        ]
        cache[name] = Table(name, MetaData(), *columns)
    return cache[name]


def insert_rows(conn: Connection, table_name: str, values: Iterable[rows.Row]) -> int:
    table = target(conn, table_name)
    count, chunk = 0, []
    for row in values:
        chunk.append(row)
        if len(chunk) >= CHUNK:
            conn.execute(insert(table), chunk)
            count, chunk = count + len(chunk), []
    if chunk:
        conn.execute(insert(table), chunk)
        count += len(chunk)
    return count


def load(conn: Connection, scale: Scale, step: Step, mark: float) -> DatasetInfo:
    from app.core.security import password_hasher

    rng = random.Random(f"smart-meditation-bench-{scale.name}")
    now = datetime.now(UTC).replace(microsecond=0)
    cat = rows.Catalogue()
    people = rows.people(rng, scale.people, now)
    cat.person_ids = [p["id"] for p in people]
    topics = rows.topics(scale.topics, now)
    cat.topic_slugs = [t["slug"] for t in topics]
    insert_rows(conn, "person", people)
    insert_rows(conn, "topic", topics)
    for start in range(0, scale.articles, CHUNK):
        batch = rows.articles(rng, start, min(CHUNK, scale.articles - start), cat, now, len(topics))
        insert_rows(conn, "article", batch.articles)
        insert_rows(conn, "article_topic", batch.links)
        insert_rows(conn, "citation", batch.citations)
    mark = step("articles", mark)
    made = rows.tracks(rng, scale.tracks, cat, now, len(topics))
    insert_rows(conn, "track", made.tracks)
    insert_rows(conn, "track_variant", made.variants)
    insert_rows(conn, "track_topic", made.links)
    collections, items, links = rows.collections(rng, scale.collections, cat, now, len(topics))
    insert_rows(conn, "collection", collections)
    insert_rows(conn, "collection_item", items)
    insert_rows(conn, "collection_topic", links)
    _record_content_changes(conn)
    mark = step("tracks, collections, content changes", mark)

    password_hash = password_hasher.hash(BENCH_PASSWORD)
    stats = rows.Member(rows.random_uuid(rng), "Europe/London", now - timedelta(days=400))
    members = [
        rows.Member(
            rows.random_uuid(rng),
            rng.choice(rows.content.TIME_ZONES),
            now - timedelta(seconds=rng.randint(7 * 86400, 3 * 365 * 86400)),
        )
        for _ in range(scale.members - 1)
    ]
    uploaders = [
        rows.Member(rows.random_uuid(rng), rng.choice(rows.content.TIME_ZONES), now - 30 * rows.DAY)
        for _ in range(scale.upload_members)
    ]
    signin = rows.Member(rows.random_uuid(rng), "UTC", now - 30 * rows.DAY)
    stats_email, signin_email = "stats-member@bench.example", "signin-member@bench.example"
    upload_emails = [f"upload-{k:02d}@bench.example" for k in range(len(uploaders))]
    users = [
        rows.member_row(stats, stats_email, password_hash, rng),
        rows.member_row(signin, signin_email, password_hash, rng),
        *(
            rows.member_row(m, f"member-{i:05d}@bench.example", password_hash, rng)
            for i, m in enumerate(members)
        ),
        *(
            rows.member_row(m, e, password_hash, rng)
            for m, e in zip(uploaders, upload_emails, strict=True)
        ),
    ]
    insert_rows(conn, "user", users)
    mark = step("members", mark)

    # The stats member: most days of the last year active, the last three weeks unbroken.
    today = now.date()
    year = [today - timedelta(days=n) for n in range(365)]
    active = year[:21] + rng.sample(year[21:], 300)
    counts = rows.session_counts(rng, len(members), scale.sessions - scale.stats_member_sessions)

    def all_sessions() -> Iterable[rows.Row]:
        yield from rows.sessions(rng, stats, scale.stats_member_sessions, cat, now, days=active)
        for member, count in zip(members, counts, strict=True):
            yield from rows.sessions(rng, member, count, cat, now)

    insert_rows(conn, "listening_session", all_sessions())
    mark = step("listening sessions", mark)
    _derive_progress(conn)
    mark = step("track progress and daily activity (SQL)", mark)
    tables = [
        "person", "topic", "article", "article_topic", "citation", "track", "track_variant",
        "track_topic", "collection", "collection_item", "content_change", "user",
        "listening_session", "track_progress", "daily_activity",
    ]  # fmt: skip
    table_counts = {
        name: int(
            conn.scalar(select(func.count()).select_from(SQLModel.metadata.tables[name])) or 0
        )
        for name in tables
    }
    return DatasetInfo(
        scale=scale,
        generator_version=GENERATOR_VERSION,
        generated_at=now.isoformat(),
        generation_seconds=0.0,
        counts=table_counts,
        password=BENCH_PASSWORD,
        stats_member=stats_email,
        upload_members=upload_emails,
        signin_member=signin_email,
        popular_topic=cat.topic_slugs[0],
        detail_article=cat.detail_article_slug,
    )


def _record_content_changes(conn: Connection) -> None:
    """One `upsert` change per published entity, as publishing it would have recorded."""
    changes = target(conn, "content_change")
    columns = ["entity_type", "entity_id", "slug", "action", "visible_at", "changed_at"]
    for name in ("person", "topic", "article", "track", "collection"):
        table = SQLModel.metadata.tables[name]
        published = table.c.get("published_at")
        when = published if published is not None else table.c.created_at
        source = select(
            literal(name), table.c.id, table.c.slug, literal("upsert"), when, table.c.created_at
        )
        if published is not None:
            source = source.where(table.c.status == rows.PUBLISHED)
        conn.execute(insert(changes).from_select(columns, source.order_by(when, table.c.id)))


PROGRESS_COLUMNS = [
    "user_id", "track_id", "last_session_id", "resume_variant_id", "resume_position_seconds",
    "finished", "completions", "sessions", "seconds_listened", "last_played_at",
]  # fmt: skip
DAILY_COLUMNS = [
    "user_id", "local_date", "seconds_listened", "sessions", "mood_change_sum",
    "mood_change_count",
]  # fmt: skip


def _derive_progress(conn: Connection) -> None:
    """TrackProgress and DailyActivity from the sessions, as the upload service computes them:
    totals per (member, track) and per (member, local day), resume point from the latest."""
    ls = SQLModel.metadata.tables["listening_session"]
    completed = func.sum(case((ls.c.completed, 1), else_=0))
    totals = (
        select(
            ls.c.user_id,
            ls.c.track_id,
            func.count().label("sessions"),
            func.sum(ls.c.seconds_listened).label("seconds"),
            completed.label("completions"),
        )
        .group_by(ls.c.user_id, ls.c.track_id)
        .subquery()
    )
    latest_first = (ls.c.started_at.desc(), ls.c.id.desc())
    ranked = select(
        ls.c.user_id,
        ls.c.track_id,
        ls.c.id,
        ls.c.variant_id,
        ls.c.end_position_seconds,
        ls.c.completed,
        ls.c.started_at,
        func.row_number()
        .over(partition_by=(ls.c.user_id, ls.c.track_id), order_by=latest_first)
        .label("rank"),
    ).subquery()
    progress = select(
        ranked.c.user_id,
        ranked.c.track_id,
        ranked.c.id,
        ranked.c.variant_id,
        case((ranked.c.completed, 0), else_=ranked.c.end_position_seconds),
        ranked.c.completed,
        totals.c.completions,
        totals.c.sessions,
        totals.c.seconds,
        ranked.c.started_at,
    ).join(
        totals, and_(totals.c.user_id == ranked.c.user_id, totals.c.track_id == ranked.c.track_id)
    )
    conn.execute(
        insert(target(conn, "track_progress")).from_select(
            PROGRESS_COLUMNS,
            progress.where(ranked.c.rank == 1),
        )
    )
    both_moods = ls.c.mood_before.is_not(None) & ls.c.mood_after.is_not(None)
    daily = select(
        ls.c.user_id,
        ls.c.local_date,
        func.sum(ls.c.seconds_listened),
        func.count(),
        func.sum(case((both_moods, ls.c.mood_after - ls.c.mood_before), else_=0)),
        func.sum(case((both_moods, 1), else_=0)),
    ).group_by(ls.c.user_id, ls.c.local_date)
    conn.execute(
        insert(target(conn, "daily_activity")).from_select(
            DAILY_COLUMNS,
            daily,
        )
    )
