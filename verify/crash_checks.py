"""The checks `verify.crash` runs after each kill, and the records they compare with: what
the client sent and which answers it got (see verify/crash.py for what is checked and why)."""

import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import httpx
from sqlalchemy import Engine, create_engine, make_url, select, text
from sqlmodel import SQLModel

import app.models  # noqa: F401 - every table registered on SQLModel.metadata
from bench import datagen

BATCH_SIZE = 50
EDITORIAL_FIELDS = ("title", "summary", "body_markdown", "topics", "citations")


def log(message: str) -> None:
    print(message, flush=True)


@dataclass
class Batch:
    prefix: str
    member: int
    sessions: list[dict[str, Any]]
    # unanswered (no answer: in flight at the kill) | acked (2xx) | refused (any other status)
    state: str = "unanswered"


@dataclass
class Draft:
    """One article draft as the client knows it."""

    slug: str
    entry_id: int | None = None
    acked: dict[str, Any] | None = None  # content of the newest acknowledged write
    in_flight: dict[str, Any] | None = None  # a write sent and never answered
    acked_writes: int = 0


@dataclass
class Member:
    email: str
    token: str


@dataclass
class Ledger:
    """What the client was told, and every problem found, keyed so a repeat counts once."""

    batches: list[Batch] = field(default_factory=list)
    drafts: list[Draft] = field(default_factory=list)
    problems: dict[str, str] = field(default_factory=dict)
    server_errors: list[str] = field(default_factory=list)
    kills: list[dict[str, Any]] = field(default_factory=list)
    # Unanswered batches found stored: the kill came between the commit and the answer.
    stored_unanswered: int = 0

    def problem(self, key: str, message: str) -> None:
        if key not in self.problems:
            log(f"  FAIL {message}")
        self.problems.setdefault(key, message)

    def count(self, kind: str) -> int:
        return sum(1 for key in self.problems if key.startswith(kind + ":"))

    @property
    def acked_editorial_writes(self) -> int:
        return sum(draft.acked_writes for draft in self.drafts)


@dataclass
class Fixture:
    url: str
    members: list[Member]
    editor: Member
    variants: list[tuple[int, int]]
    topics: list[str]


def editorial_content(content: dict[str, Any]) -> dict[str, Any]:
    return {name: content.get(name) for name in EDITORIAL_FIELDS}


@contextmanager
def sync_engine(url: str) -> Iterator[Engine]:
    engine = create_engine(datagen.sync_url(url))
    try:
        yield engine
    finally:
        engine.dispose()


def check_storage(url: str, ledger: Ledger, round_number: int) -> None:
    """The storage as the crash left it: SQLite's own checks on the file, or amcheck."""
    key = f"integrity:round {round_number}"
    if url.startswith("sqlite"):
        connection = sqlite3.connect(make_url(url).database or "")
        try:
            integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            orphans = connection.execute("PRAGMA foreign_key_check").fetchall()
        finally:
            connection.close()
        if integrity != ["ok"]:
            ledger.problem(key, f"PRAGMA integrity_check: {integrity[:5]}")
        if orphans:
            ledger.problem(key + ":fk", f"PRAGMA foreign_key_check: {orphans[:5]}")
        return
    with sync_engine(url) as engine, engine.connect() as conn:
        conn.execute(text("CREATE EXTENSION IF NOT EXISTS amcheck"))
        conn.commit()
        indexes = conn.execute(
            text(
                "SELECT c.oid, c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                "JOIN pg_am am ON am.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE am.amname = 'btree' AND n.nspname = 'public' AND i.indisvalid"
            )
        ).all()
        tables = conn.execute(
            text(
                "SELECT c.oid, c.relname FROM pg_class c JOIN pg_namespace n "
                "ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname = 'public'"
            )
        ).all()
        for oid, name in indexes:
            try:
                conn.execute(text("SELECT bt_index_check(:oid, true)"), {"oid": oid})
            except Exception as error:
                conn.rollback()
                ledger.problem(f"{key}:{name}", f"bt_index_check({name}): {error}")
        for oid, name in tables:
            damage = conn.execute(text("SELECT * FROM verify_heapam(:oid)"), {"oid": oid}).all()
            if damage:
                ledger.problem(f"{key}:{name}", f"verify_heapam({name}): {damage[:3]}")


def check_sessions(url: str, ledger: Ledger) -> dict[str, tuple[int, int]]:
    """Batches all-or-nothing, acknowledged ones whole, and the derived totals. Returns each
    member's stored (sessions, seconds) by email."""
    tables = SQLModel.metadata.tables
    sessions, daily, progress = (
        tables["listening_session"],
        tables["daily_activity"],
        tables["track_progress"],
    )
    user = tables["user"]
    with sync_engine(url) as engine, engine.connect() as conn:
        rows = conn.execute(select(sessions)).mappings().all()
        days = conn.execute(select(daily)).mappings().all()
        tracks = conn.execute(select(progress)).mappings().all()
        emails = {row.id: row.email for row in conn.execute(select(user.c.id, user.c.email))}
    stored: dict[str, dict[str, Any]] = defaultdict(dict)
    for row in rows:
        stored[str(row["id"])[:24]][str(row["id"])] = row
    known = set()
    ledger.stored_unanswered = 0
    for batch in ledger.batches:
        known.add(batch.prefix)
        found = stored.get(batch.prefix, {})
        if len(found) not in (0, BATCH_SIZE):
            ledger.problem(
                f"partial:{batch.prefix}",
                f"batch {batch.prefix}… ({batch.state}) has {len(found)} of {BATCH_SIZE} sessions",
            )
        if batch.state == "unanswered" and len(found) == BATCH_SIZE:
            ledger.stored_unanswered += 1
        if batch.state == "acked":
            changed = [s["id"] for s in batch.sessions if not _same_session(found.get(s["id"]), s)]
            if changed:
                ledger.problem(
                    f"missing:{batch.prefix}",
                    f"acknowledged batch {batch.prefix}…: {len(changed)} sessions missing or "
                    "different",
                )
    strays = set(stored) - known
    if strays:
        ledger.problem(
            "stray", f"{len(strays)} stored batches were never sent: {sorted(strays)[:3]}"
        )
    _compare(
        ledger,
        "DailyActivity",
        _totals(rows, ("user_id", "local_date"), mood=True),
        {
            (d["user_id"], d["local_date"]): (
                d["sessions"],
                d["seconds_listened"],
                d["mood_change_sum"],
                d["mood_change_count"],
            )
            for d in days
        },
    )
    _compare(
        ledger,
        "TrackProgress",
        _totals(rows, ("user_id", "track_id"), mood=False),
        {
            (t["user_id"], t["track_id"]): (t["sessions"], t["seconds_listened"], t["completions"])
            for t in tracks
        },
    )
    per_member: dict[str, tuple[int, int]] = {}
    for row in rows:
        count, seconds = per_member.get(emails[row["user_id"]], (0, 0))
        per_member[emails[row["user_id"]]] = (count + 1, seconds + row["seconds_listened"])
    return per_member


def _same_session(row: Any, sent: dict[str, Any]) -> bool:
    if row is None:
        return False
    started = datetime.fromisoformat(sent["started_at"].replace("Z", "+00:00"))
    return (
        row["started_at"] == started
        and row["variant_id"] == sent["variant_id"]
        and row["seconds_listened"] == sent["seconds_listened"]
        and row["end_position_seconds"] == sent["end_position_seconds"]
        and bool(row["completed"]) == sent["completed"]
        and row["mood_before"] == sent.get("mood_before")
        and row["mood_after"] == sent.get("mood_after")
    )


def _totals(rows: Any, key: tuple[str, str], *, mood: bool) -> dict[Any, tuple[int, ...]]:
    totals: dict[Any, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for row in rows:
        entry = totals[(row[key[0]], row[key[1]])]
        entry[0] += 1
        entry[1] += row["seconds_listened"]
        if mood:
            if row["mood_before"] is not None and row["mood_after"] is not None:
                entry[2] += row["mood_after"] - row["mood_before"]
                entry[3] += 1
        else:
            entry[2] += int(bool(row["completed"]))
    return {k: tuple(v if mood else v[:3]) for k, v in totals.items()}


def _compare(ledger: Ledger, name: str, expected: dict[Any, Any], stored: dict[Any, Any]) -> None:
    wrong = [k for k in expected.keys() | stored.keys() if expected.get(k) != stored.get(k)]
    if wrong:
        first = wrong[0]
        ledger.problem(
            f"totals:{name}",
            f"{name}: {len(wrong)} rows disagree with the sessions, e.g. {first}: stored "
            f"{stored.get(first)}, sessions give {expected.get(first)}",
        )


async def check_api(
    client: httpx.AsyncClient, fixture: Fixture, ledger: Ledger, per_member: dict[str, Any]
) -> None:
    """Stats over the API, and every editorial write, through the restarted server."""
    for member in fixture.members:
        response = await client.get(
            "/v1/me/stats?range=all", headers={"Authorization": f"Bearer {member.token}"}
        )
        count, seconds = per_member.get(member.email, (0, 0))
        stats = response.json() if response.status_code == 200 else {}
        if (stats.get("total_sessions"), stats.get("total_minutes")) != (
            count,
            round(seconds / 60, 1),
        ):
            ledger.problem(
                f"totals:stats:{member.email}",
                f"GET /v1/me/stats for {member.email}: {response.status_code} "
                f"{stats.get('total_sessions')} sessions, {stats.get('total_minutes')} min; "
                f"stored: {count}, {round(seconds / 60, 1)} min",
            )
    headers = {"Authorization": f"Bearer {fixture.editor.token}"}
    entries: dict[str, dict[str, Any]] = {}
    params: dict[str, str | int] = {"limit": 100}
    while True:
        response = await client.get("/v1/editorial/articles", params=params, headers=headers)
        response.raise_for_status()
        page = response.json()
        entries.update({entry["slug"]: entry for entry in page["items"]})
        if not page["next_cursor"]:
            break
        params["cursor"] = page["next_cursor"]
    for draft in ledger.drafts:
        entry = entries.get(draft.slug)
        allowed = [c for c in (draft.acked, draft.in_flight) if c is not None]
        if entry is None:
            if draft.acked is not None:
                ledger.problem(f"missing:{draft.slug}", f"acknowledged draft {draft.slug} is gone")
            continue
        if editorial_content(entry["content"]) not in allowed:
            ledger.problem(
                f"missing:{draft.slug}",
                f"draft {draft.slug}: stored content is neither the acknowledged write nor the "
                "one in flight",
            )
        revisions = await client.get(
            f"/v1/editorial/articles/{entry['id']}/revisions", headers=headers
        )
        stored = len(revisions.json()) if revisions.status_code == 200 else -1
        if not draft.acked_writes <= stored <= draft.acked_writes + (draft.in_flight is not None):
            ledger.problem(
                f"missing:{draft.slug}:revisions",
                f"draft {draft.slug}: {stored} revisions for {draft.acked_writes} acknowledged "
                "writes",
            )
