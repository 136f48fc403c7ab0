"""The editorial workflow: drafts, review, publication, revisions and the audit trail.

    draft -> in_review -> approved -> published (now, or scheduled for a time) -> archived
              \\-> draft (changes requested)        \\-> draft (unpublished)

Only drafts are edited, so what the public reads is always exactly what was approved. A
medical article is approved only by a reviewer: a user with the reviewer role whose Person
record carries clinical credentials, and who neither wrote nor created it. Approval records
the reviewer, the time and when the review lapses.
"""

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.models import Role, User
from app.articles.models import Article
from app.core.db import begin_write, utcnow
from app.core.errors import Conflict, FieldError, Invalid, NotFound
from app.core.pagination import Page, SortKey, fetch_page
from app.core.publishing import REVIEW_DUE_SOON, PublicationStatus, review_status
from app.editorial.content import KINDS, Kind, apply, snapshot
from app.editorial.models import (
    AuditEntry,
    AuditEntryPublic,
    EditorialEntry,
    ReviewQueueItem,
    Revision,
    RevisionPublic,
    SlugRedirect,
    Transition,
)
from app.search.indexing import index_content, remove_from_index
from app.search.models import SearchKind
from app.sync.models import ContentChangeAction
from app.sync.service import record_change_with_dependents
from app.taxonomy.models import Person

DEFAULT_REVIEW_PERIOD = timedelta(days=365)
PUBLIC_PATHS = {"article": "articles", "track": "tracks", "collection": "collections"}
ENTRY_SORT = {
    kind.name: SortKey("-updated_at", kind.table.updated_at, "datetime") for kind in KINDS.values()
}
AUDIT_SORT = SortKey("-created_at", AuditEntry.created_at, "datetime")
S = PublicationStatus


def _kind(name: str) -> Kind:
    if name not in KINDS:
        raise NotFound(f"There is no kind of entry called '{name}'.")
    return KINDS[name]


def audit(
    session: AsyncSession,
    *,
    actor: User | None,
    action: str,
    entity_type: str,
    entity_id: object,
    before: int | None = None,
    after: int | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Add an audit row in the caller's transaction: it commits with the action or not at all."""
    session.add(
        AuditEntry(
            actor_id=actor.id if actor else None,
            action=action,
            entity_type=entity_type,
            entity_id=str(entity_id),
            before_revision=before,
            after_revision=after,
            detail=json.dumps(detail or {}, default=str, sort_keys=True),
        )
    )


async def _latest_revision(session: AsyncSession, kind: str, entity_id: int) -> int | None:
    number: int | None = await session.scalar(
        select(func.max(Revision.number)).where(
            Revision.entity_type == kind, Revision.entity_id == entity_id
        )
    )
    return number


async def _save_revision(
    session: AsyncSession,
    kind: str,
    entity: Any,
    actor: User,
    before: dict[str, Any] | None,
    note: str = "",
) -> tuple[int | None, int]:
    after = await snapshot(session, kind, entity)
    previous = await _latest_revision(session, kind, entity.id)
    changed = sorted(
        name for name in after if before is None or before.get(name) != after.get(name)
    )
    number = (previous or 0) + 1
    session.add(
        Revision(
            entity_type=kind,
            entity_id=entity.id,
            number=number,
            author_id=actor.id,
            changed_fields=changed,
            snapshot=after,
            note=note,
        )
    )
    return previous, number


async def _entry(session: AsyncSession, kind: str, entity: Any) -> EditorialEntry:
    status = getattr(entity, "status", S.published.value)
    public = PUBLIC_PATHS.get(kind)
    return EditorialEntry(
        kind=kind,
        id=entity.id,
        slug=entity.slug,
        status=status,
        published_at=getattr(entity, "published_at", None),
        updated_at=entity.updated_at,
        approved_by=getattr(entity, "approved_by", None),
        approved_at=getattr(entity, "approved_at", None),
        content=await snapshot(session, kind, entity),
        public_url=f"/v1/{public}/{entity.slug}" if public else f"/v1/{kind}s/{entity.slug}",
    )


async def _load(session: AsyncSession, kind: Kind, entry_id: int) -> Any:
    entity = await session.get(kind.table, entry_id)
    if entity is None:
        raise NotFound(f"There is no {kind.name} {entry_id}.")
    return entity


def _validated(kind: Kind, data: dict[str, Any]) -> BaseModel:
    try:
        return kind.draft.model_validate(data)
    except ValidationError as error:
        raise Invalid(
            "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors()),
            errors=[
                FieldError("body", ".".join(map(str, e["loc"])), str(e["msg"]))
                for e in error.errors()
            ],
        ) from None


async def _ensure_slug_free(
    session: AsyncSession, kind: Kind, slug: str, entity_id: int | None
) -> None:
    taken = await session.scalar(
        select(kind.table.id).where(kind.table.slug == slug, kind.table.id != (entity_id or 0))
    )
    if taken is not None:
        raise Conflict(
            f"Another {kind.name} already has the slug '{slug}'.",
            errors=[FieldError("body", "slug", "already taken")],
        )


async def _commit_unique_slug(session: AsyncSession, kind: str, slug: str) -> None:
    try:
        await session.commit()
    except IntegrityError:
        await session.rollback()
        raise Conflict(
            f"Another {kind} already has the slug '{slug}'.",
            errors=[FieldError("body", "slug", "already taken")],
        ) from None


SEARCHABLE = ("article", "track", "collection")


async def _reindex(session: AsyncSession, kind: str, entity_id: int) -> None:
    """Keep the search index in step with every save (visibility is checked at query time,
    so drafts are indexed too and match only once published)."""
    if kind in SEARCHABLE:
        await index_content(session, kind=SearchKind(kind), content_id=entity_id)


async def _record_live_change(
    session: AsyncSession, kind: str, entity: Any, event: str, visible_at: datetime | None = None
) -> None:
    await record_change_with_dependents(
        session,
        entity_type=kind,
        entity_id=entity.id,
        slug=entity.slug,
        action=ContentChangeAction.upsert,
        visible_at=visible_at,
        event=event,
    )


async def create_entry(
    *, session: AsyncSession, actor: User, kind_name: str, data: BaseModel
) -> EditorialEntry:
    kind = _kind(kind_name)
    await begin_write(session)
    await _ensure_slug_free(session, kind, data.slug, None)
    entity = kind.table()
    if kind.reviewed:
        entity.status = S.draft.value
        entity.created_by = actor.id
    await apply(session, kind.name, entity, data)
    _previous, number = await _save_revision(session, kind.name, entity, actor, None, "created")
    audit(
        session,
        actor=actor,
        action=f"{kind.name}.create",
        entity_type=kind.name,
        entity_id=entity.id,
        after=number,
    )
    if not kind.reviewed:
        await _record_live_change(session, kind.name, entity, "published")
    await _reindex(session, kind.name, entity.id)
    await _commit_unique_slug(session, kind.name, entity.slug)
    return await _entry(session, kind.name, entity)


async def update_entry(
    *,
    session: AsyncSession,
    actor: User,
    kind_name: str,
    entry_id: int,
    changes: dict[str, Any],
    note: str = "",
) -> EditorialEntry:
    """Change some fields of a draft (topics and people are live at once)."""
    kind = _kind(kind_name)
    await begin_write(session)
    entity = await _load(session, kind, entry_id)
    if kind.reviewed and entity.status != S.draft.value:
        raise Conflict(
            f"Only drafts are edited; this {kind.name} is {entity.status}. Unpublish it (or "
            "request changes) to make it a draft, so the edit is reviewed before it goes live."
        )
    before = await snapshot(session, kind.name, entity)
    unknown = sorted(set(changes) - set(before))
    if unknown:
        raise Invalid(
            f"Unknown field(s): {', '.join(unknown)}.",
            errors=[FieldError("body", name, "not an editable field") for name in unknown],
        )
    data = _validated(kind, before | changes)
    await _ensure_slug_free(session, kind, data.slug, entity.id)
    old_slug = entity.slug
    await apply(session, kind.name, entity, data)
    entity.updated_at = utcnow()
    if old_slug != entity.slug and (not kind.reviewed or entity.published_at is not None):
        # The old address keeps working for anyone who linked or bookmarked it.
        await session.merge(
            SlugRedirect(entity_type=kind.name, old_slug=old_slug, entity_id=entity.id)
        )
    previous, number = await _save_revision(session, kind.name, entity, actor, before, note)
    audit(
        session,
        actor=actor,
        action=f"{kind.name}.update",
        entity_type=kind.name,
        entity_id=entity.id,
        before=previous,
        after=number,
        detail={"fields": sorted(changes)},
    )
    if not kind.reviewed:
        await _record_live_change(session, kind.name, entity, "updated")
    await _reindex(session, kind.name, entity.id)
    await _commit_unique_slug(session, kind.name, entity.slug)
    return await _entry(session, kind.name, entity)


async def get_entry(*, session: AsyncSession, kind_name: str, entry_id: int) -> EditorialEntry:
    kind = _kind(kind_name)
    return await _entry(session, kind.name, await _load(session, kind, entry_id))


async def list_entries(
    *,
    session: AsyncSession,
    kind_name: str,
    status: PublicationStatus | None,
    limit: int,
    cursor: str | None,
) -> Page[EditorialEntry]:
    kind = _kind(kind_name)
    statement = select(kind.table, kind.table.updated_at, kind.table.id)
    if status is not None and kind.reviewed:
        statement = statement.where(kind.table.status == status.value)
    rows, next_cursor = await fetch_page(
        session,
        statement,
        sort=ENTRY_SORT[kind.name],
        id_column=kind.table.id,
        limit=limit,
        cursor=cursor,
    )
    items = [await _entry(session, kind.name, row[0]) for row in rows]
    return Page[EditorialEntry](items=items, next_cursor=next_cursor)


async def delete_entry(
    *, session: AsyncSession, actor: User, kind_name: str, entry_id: int
) -> None:
    kind = _kind(kind_name)
    await begin_write(session)
    entity = await _load(session, kind, entry_id)
    if kind.reviewed and entity.status in (S.published.value, S.approved.value, S.in_review.value):
        raise Conflict(
            f"This {kind.name} is {entity.status}: unpublish or archive it before deleting it."
        )
    # Changes first, while the links that find the entries embedding it still exist.
    await record_change_with_dependents(
        session,
        entity_type=kind.name,
        entity_id=entity.id,
        slug=entity.slug,
        action=ContentChangeAction.delete,
        event="deleted",
    )
    audit(
        session,
        actor=actor,
        action=f"{kind.name}.delete",
        entity_type=kind.name,
        entity_id=entity.id,
        before=await _latest_revision(session, kind.name, entity.id),
        detail={"slug": entity.slug},
    )
    if kind.name in SEARCHABLE:
        await remove_from_index(session, kind=SearchKind(kind.name), content_id=entity.id)
    await session.delete(entity)
    try:
        await session.commit()
    except IntegrityError:
        await session.rollback()
        raise Conflict(
            f"This {kind.name} is still used by other entries; remove it from them first."
        ) from None


async def _reviewer_credentials(session: AsyncSession, actor: User) -> Person:
    person = await session.get(Person, actor.person_id) if actor.person_id else None
    if actor.role != Role.reviewer or person is None or not person.credentials.strip():
        raise Conflict(
            "Medical articles are approved only by a clinical reviewer: a user with the "
            "reviewer role whose person record lists their credentials."
        )
    return person


async def transition(
    *,
    session: AsyncSession,
    actor: User,
    kind_name: str,
    entry_id: int,
    action: str,
    data: Transition,
    now: datetime,
) -> EditorialEntry:
    """Move an entry one step through the workflow, or say which rule forbids it (409)."""
    kind = _kind(kind_name)
    if not kind.reviewed:
        raise Conflict(f"{kind.name.capitalize()}s are live as saved; they have no workflow.")
    await begin_write(session)
    entity = await _load(session, kind, entry_id)
    status = entity.status
    medical = kind.name == "article" and entity.is_medical
    live = status == S.published.value and entity.published_at and entity.published_at <= now

    def refuse(rule: str) -> Conflict:
        return Conflict(f"Cannot {action} a {kind.name} that is {status}: {rule}")

    event = None
    visible_at = None
    if action == "submit":
        if status != S.draft.value:
            raise refuse("only drafts are submitted for review.")
        if medical and not (await snapshot(session, kind.name, entity))["citations"]:
            raise Conflict("A medical article needs at least one citation before review.")
        entity.status = S.in_review.value
    elif action == "request-changes":
        if status != S.in_review.value:
            raise refuse("only entries in review can be sent back.")
        entity.status = S.draft.value
    elif action == "approve":
        if status != S.in_review.value:
            raise refuse("only entries in review are approved.")
        if actor.id == entity.created_by:
            raise Conflict("You created this entry: someone else must approve it.")
        if medical:
            reviewer = await _reviewer_credentials(session, actor)
            if entity.author_id is not None and reviewer.id == entity.author_id:
                raise Conflict("You wrote this article: another clinician must review it.")
            entity.reviewer_id = reviewer.id
            entity.reviewed_at = now
            entity.next_review_due = data.next_review_due or (now + DEFAULT_REVIEW_PERIOD).date()
            if entity.next_review_due <= now.date():
                raise Invalid(
                    "next_review_due must be in the future.",
                    errors=[FieldError("body", "next_review_due", "must be in the future")],
                )
        entity.status = S.approved.value
        entity.approved_by = actor.id
        entity.approved_at = now
    elif action == "publish":
        if status != S.approved.value:
            raise refuse("only approved entries are published (submit it and have it approved).")
        if medical and (entity.reviewer_id is None or entity.reviewed_at is None):
            raise Conflict("A medical article is published only after a clinician's review.")
        if data.publish_at is not None and data.publish_at <= now:
            raise Invalid(
                "publish_at must be in the future; omit it to publish now.",
                errors=[FieldError("body", "publish_at", "must be in the future")],
            )
        if data.clinical_correction and not (medical and entity.published_at is not None):
            raise Conflict(
                "clinical_correction is for medical articles that were published before."
            )
        visible_at = data.publish_at or now
        entity.status = S.published.value
        entity.published_at = visible_at
        event = "clinical_correction" if data.clinical_correction else "published"
    elif action == "unpublish":
        if status != S.published.value:
            raise refuse("only published or scheduled entries are unpublished.")
        entity.status = S.draft.value
        entity.approved_by = entity.approved_at = None
        event = "unpublished" if live else None
    elif action == "archive":
        if status == S.archived.value:
            raise refuse("it is archived already.")
        entity.status = S.archived.value
        event = "unpublished" if live else None
    elif action == "restore":
        if status != S.archived.value:
            raise refuse("only archived entries are restored.")
        entity.status = S.draft.value
        entity.approved_by = entity.approved_at = None
    else:
        raise NotFound(f"There is no workflow step '{action}'.")
    entity.updated_at = now
    if event is not None:
        await _record_live_change(session, kind.name, entity, event, visible_at)
    revision = await _latest_revision(session, kind.name, entity.id)
    audit(
        session,
        actor=actor,
        action=f"{kind.name}.{action}",
        entity_type=kind.name,
        entity_id=entity.id,
        before=revision,
        after=revision,
        detail={
            "from": status,
            "to": entity.status,
            "note": data.note,
            "publish_at": data.publish_at,
        },
    )
    await session.commit()
    return await _entry(session, kind.name, entity)


async def list_revisions(
    *, session: AsyncSession, kind_name: str, entry_id: int
) -> list[RevisionPublic]:
    kind = _kind(kind_name)
    await _load(session, kind, entry_id)
    rows = await session.scalars(
        select(Revision)
        .where(Revision.entity_type == kind.name, Revision.entity_id == entry_id)
        .order_by(Revision.number.desc())
    )
    return [RevisionPublic.model_validate(row.model_dump(exclude={"snapshot"})) for row in rows]


async def get_revision(
    *, session: AsyncSession, kind_name: str, entry_id: int, number: int
) -> RevisionPublic:
    kind = _kind(kind_name)
    revision = await session.scalar(
        select(Revision).where(
            Revision.entity_type == kind.name,
            Revision.entity_id == entry_id,
            Revision.number == number,
        )
    )
    if revision is None:
        raise NotFound(f"{kind.name.capitalize()} {entry_id} has no revision {number}.")
    return RevisionPublic.model_validate(revision.model_dump())


async def restore_revision(
    *, session: AsyncSession, actor: User, kind_name: str, entry_id: int, number: int
) -> EditorialEntry:
    """Bring back a revision's content as a new draft (a new revision, reviewed again)."""
    kind = _kind(kind_name)
    await begin_write(session)
    revision = await get_revision(
        session=session, kind_name=kind_name, entry_id=entry_id, number=number
    )
    entity = await _load(session, kind, entry_id)
    if kind.reviewed and entity.status != S.draft.value:
        raise Conflict(
            f"This {kind.name} is {entity.status}: unpublish it or request changes first, "
            "so the restored content is reviewed before it goes live."
        )
    assert revision.snapshot is not None
    return await update_entry(
        session=session,
        actor=actor,
        kind_name=kind_name,
        entry_id=entry_id,
        changes=revision.snapshot,
        note=f"restored revision {number}",
    )


async def review_queue(*, session: AsyncSession, now: datetime) -> list[ReviewQueueItem]:
    """Entries awaiting approval, and published articles whose clinical review is overdue or
    due within 30 days, most urgent first."""
    today = now.date()
    items: list[ReviewQueueItem] = []
    due = await session.execute(
        select(Article, Person.name)
        .outerjoin(Person, Person.id == Article.reviewer_id)
        .where(
            Article.status == S.published.value,
            Article.next_review_due.is_not(None),
            Article.next_review_due <= today + REVIEW_DUE_SOON,
        )
        .order_by(Article.next_review_due, Article.id)
    )
    for article, reviewer in due:
        items.append(
            ReviewQueueItem(
                id=article.id,
                slug=article.slug,
                title=article.title,
                status=article.status,
                is_medical=article.is_medical,
                reviewer=reviewer,
                next_review_due=article.next_review_due,
                review_status=review_status(article.next_review_due, today).value,
            )
        )
    waiting = await session.execute(
        select(Article, Person.name)
        .outerjoin(Person, Person.id == Article.reviewer_id)
        .where(Article.status == S.in_review.value)
        .order_by(Article.updated_at, Article.id)
    )
    for article, reviewer in waiting:
        items.append(
            ReviewQueueItem(
                id=article.id,
                slug=article.slug,
                title=article.title,
                status=article.status,
                is_medical=article.is_medical,
                reviewer=reviewer,
                next_review_due=article.next_review_due,
                review_status="awaiting_approval",
            )
        )
    return items


async def audit_log(
    *,
    session: AsyncSession,
    limit: int,
    cursor: str | None,
    entity_type: str | None = None,
    entity_id: str | None = None,
    since: date | None = None,
) -> Page[AuditEntryPublic]:
    statement = select(AuditEntry, AuditEntry.created_at, AuditEntry.id)
    if entity_type is not None:
        statement = statement.where(AuditEntry.entity_type == entity_type)
    if entity_id is not None:
        statement = statement.where(AuditEntry.entity_id == entity_id)
    if since is not None:
        start = datetime(since.year, since.month, since.day, tzinfo=UTC)
        statement = statement.where(AuditEntry.created_at >= start)
    rows, next_cursor = await fetch_page(
        session, statement, sort=AUDIT_SORT, id_column=AuditEntry.id, limit=limit, cursor=cursor
    )
    return Page[AuditEntryPublic](
        items=[AuditEntryPublic.model_validate(row[0].model_dump()) for row in rows],
        next_cursor=next_cursor,
    )
