"""Delta sync of the public catalogue, modelled on Contentful's Sync API.

A first sync (no token) pages through every published entry. Its last page returns a token;
syncing with it returns only what changed since: created or changed entries in full, and a
tombstone for each one deleted, unpublished or archived, including scheduled items that went
live since. The token carries two watermarks: the newest change version seen, and the time
up to which changes were visible, so a publication scheduled earlier (an older version)
that becomes visible later is still delivered.
"""

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.articles.models import Article
from app.articles.service import published_article_details
from app.collections.models import Collection
from app.collections.service import published_collection_details
from app.core.config import get_settings
from app.core.errors import FieldError, Invalid
from app.core.publishing import publicly_visible
from app.core.signing import BadToken, sign, unsign
from app.sync.models import ContentChange, ContentChangeAction, SyncItem, SyncPage
from app.taxonomy.models import Person, PersonPublic, Topic, TopicPublic
from app.tracks.models import Track
from app.tracks.service import published_track_details

SYNC_PURPOSE = "sync"
# Long enough for a phone that was off for a season; older tokens start a fresh sync.
TOKEN_LIFETIME = timedelta(days=180)
ENTRY_TYPES = ("person", "topic", "article", "track", "collection")
TABLES: dict[str, Any] = {
    "person": Person,
    "topic": Topic,
    "article": Article,
    "track": Track,
    "collection": Collection,
}


def _bad_token(message: str) -> Invalid:
    return Invalid(
        f"The sync token is not valid: {message}. Start again without a token to get the "
        "whole catalogue.",
        errors=[FieldError("query", "token", message)],
    )


def _read_token(token: str, now: datetime) -> dict[str, Any]:
    try:
        state = unsign(get_settings().secret_key, SYNC_PURPOSE, token)
        issued = datetime.fromisoformat(state["issued"])
        phase = state["phase"]
    except BadToken as error:
        raise _bad_token(str(error)) from None
    except (KeyError, TypeError, ValueError):
        raise _bad_token("it is malformed") from None
    if phase not in ("initial", "delta"):
        raise _bad_token("it is malformed")
    if now - issued > TOKEN_LIFETIME:
        raise _bad_token("it has expired")
    return state


def _token(state: dict[str, Any], now: datetime) -> str:
    return sign(get_settings().secret_key, SYNC_PURPOSE, {**state, "issued": now.isoformat()})


async def _watermarks(session: AsyncSession, now: datetime) -> tuple[int, str]:
    """The newest version visible now, and now: where the next delta starts."""
    version = await session.scalar(
        select(func.max(ContentChange.version)).where(ContentChange.visible_at <= now)
    )
    return int(version or 0), now.isoformat()


async def current_entries(
    session: AsyncSession, wanted: dict[str, list[int]], now: datetime
) -> dict[tuple[str, int], dict[str, Any]]:
    """The current public payload of each wanted entry that is visible now."""
    found: dict[tuple[str, int], dict[str, Any]] = {}
    if ids := wanted.get("article"):
        for key, article in (
            await published_article_details(session=session, ids=ids, now=now)
        ).items():
            found[("article", key)] = article.model_dump(mode="json")
    if ids := wanted.get("track"):
        tracks = await published_track_details(
            session=session, ids=ids, now=now, premium_entitled=False
        )
        for key, track in tracks.items():
            found[("track", key)] = track.model_dump(mode="json")
    if ids := wanted.get("collection"):
        collections = await published_collection_details(session=session, ids=ids, now=now)
        for key, collection in collections.items():
            found[("collection", key)] = collection.model_dump(mode="json")
    for entry_type, public in (("person", PersonPublic), ("topic", TopicPublic)):
        if ids := wanted.get(entry_type):
            table = TABLES[entry_type]
            for row in await session.scalars(select(table).where(table.id.in_(ids))):
                found[(entry_type, row.id)] = public.model_validate(row).model_dump(mode="json")
    return found


async def _initial_page(
    session: AsyncSession, state: dict[str, Any], limit: int, now: datetime
) -> SyncPage:
    """The next `limit` published entries, type by type, by id."""
    type_index, after = int(state["type"]), int(state["after"])
    picked: list[tuple[str, int, str]] = []
    while type_index < len(ENTRY_TYPES) and len(picked) < limit:
        entry_type = ENTRY_TYPES[type_index]
        table = TABLES[entry_type]
        statement = select(table.id, table.slug).where(table.id > after)
        if entry_type in ("article", "track", "collection"):
            statement = statement.where(publicly_visible(table, now))
        rows = (
            await session.execute(statement.order_by(table.id).limit(limit - len(picked)))
        ).all()
        picked += [(entry_type, row.id, row.slug) for row in rows]
        if len(picked) < limit:
            type_index, after = type_index + 1, 0
        else:
            after = rows[-1].id
    wanted: dict[str, list[int]] = {}
    for entry_type, entry_id, _slug in picked:
        wanted.setdefault(entry_type, []).append(entry_id)
    payloads = await current_entries(session, wanted, now)
    items = [
        SyncItem(
            type=entry_type,
            id=entry_id,
            slug=slug,
            action=ContentChangeAction.upsert,
            data=payloads[(entry_type, entry_id)],
        )
        for entry_type, entry_id, slug in picked
        if (entry_type, entry_id) in payloads
    ]
    if type_index >= len(ENTRY_TYPES):
        # Done: the delta starts from the watermarks taken when this sync began.
        delta = {"phase": "delta", "version": state["version"], "seen": state["seen"], "after": 0}
        return SyncPage(items=items, has_more=False, next_sync_token=_token(delta, now))
    state = {**state, "type": type_index, "after": after}
    return SyncPage(items=items, has_more=True, next_sync_token=_token(state, now))


async def _delta_page(
    session: AsyncSession, state: dict[str, Any], limit: int, now: datetime
) -> SyncPage:
    """Changes visible now that the client has not seen, oldest first, one item per entry."""
    version, seen = int(state["version"]), datetime.fromisoformat(state["seen"])
    after = int(state["after"])
    changes = (
        await session.execute(
            select(
                ContentChange.version,
                ContentChange.entity_type,
                ContentChange.entity_id,
                ContentChange.slug,
            )
            .where(
                ContentChange.visible_at <= now,
                or_(ContentChange.version > version, ContentChange.visible_at > seen),
                ContentChange.version > after,
            )
            .order_by(ContentChange.version)
            .limit(limit + 1)
        )
    ).all()
    has_more = len(changes) > limit
    changes = changes[:limit]
    latest: dict[tuple[str, int], str] = {}
    for change in changes:
        latest[(change.entity_type, change.entity_id)] = change.slug
    wanted: dict[str, list[int]] = {}
    for entry_type, entry_id in latest:
        wanted.setdefault(entry_type, []).append(entry_id)
    payloads = await current_entries(session, wanted, now)
    items = [
        SyncItem(
            type=entry_type,
            id=entry_id,
            slug=payloads[(entry_type, entry_id)]["slug"]
            if (entry_type, entry_id) in payloads
            else slug,
            action=ContentChangeAction.upsert
            if (entry_type, entry_id) in payloads
            else ContentChangeAction.delete,
            data=payloads.get((entry_type, entry_id)),
        )
        for (entry_type, entry_id), slug in latest.items()
    ]
    if has_more:
        state = {**state, "after": changes[-1].version}
        return SyncPage(items=items, has_more=True, next_sync_token=_token(state, now))
    new_version, new_seen = await _watermarks(session, now)
    state = {"phase": "delta", "version": max(version, new_version), "seen": new_seen, "after": 0}
    return SyncPage(items=items, has_more=False, next_sync_token=_token(state, now))


async def sync_catalogue(
    *, session: AsyncSession, token: str | None, limit: int, now: datetime
) -> SyncPage:
    if token is None:
        version, seen = await _watermarks(session, now)
        state = {"phase": "initial", "version": version, "seen": seen, "type": 0, "after": 0}
        return await _initial_page(session, state, limit, now)
    state = _read_token(token, now)
    try:
        if state["phase"] == "initial":
            return await _initial_page(session, state, limit, now)
        return await _delta_page(session, state, limit, now)
    except (KeyError, TypeError, ValueError):
        raise _bad_token("it is malformed") from None
