"""The admin's pages: content lists and forms whose every write goes through the editorial
service (sanitized Markdown, revisions, the audit log, content changes for sync and caches),
the workflow as buttons, the review queue, and, for admins, the audit log and the accounts."""

import logging
from typing import Any, ClassVar

from sqladmin import BaseView, Flash, ModelView, action, expose
from sqladmin.filters import StaticValuesFilter
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from app.accounts.models import User
from app.admin.auth import staff_user
from app.admin.forms import FORMS, draft_fields, form_data, validated_draft
from app.articles.models import Article
from app.collections.models import Collection
from app.core.db import utcnow
from app.core.errors import DomainError
from app.core.publishing import PublicationStatus
from app.editorial import service
from app.editorial.content import KINDS, snapshot
from app.editorial.models import AuditEntry, Transition
from app.taxonomy.models import Person, Topic
from app.tracks.models import Track

LABELS: dict[Any, str] = {
    "id": "Id",
    "slug": "Slug",
    "title": "Title",
    "name": "Name",
    "status": "Status",
    "kind": "Kind",
    "is_medical": "Medical",
    "credentials": "Credentials",
    "updated_at": "Updated",
    "created_at": "Created",
    "published_at": "Published (or scheduled) at",
    "approved_at": "Approved at",
    "reviewed_at": "Clinically reviewed at",
    "next_review_due": "Next review due",
    "content_warnings": "Content warnings",
    "reading_time_minutes": "Reading time (minutes)",
    "body_markdown": "Body (Markdown)",
    "actor_id": "Actor",
    "action": "Action",
    "entity_type": "Entry kind",
    "entity_id": "Entry id",
    "before_revision": "Revision before",
    "after_revision": "Revision after",
    "detail": "Detail",
    "display_name": "Display name",
    "email": "Email",
    "role": "Role",
    "locale": "Locale",
    "summary": "Summary",
    "description": "Description",
    "level": "Level",
    "is_premium": "Premium",
    "registration_number": "Registration number",
    "bio": "Bio",
    "avatar_url": "Avatar URL",
    "time_zone": "Time zone",
    "person_id": "Person id",
}
STATUSES = [(status.value, status.value.replace("_", " ")) for status in PublicationStatus]


class _RefusalsAreNotCrashes(logging.Filter):
    """sqladmin logs every failed save with its traceback; a rule the service enforced (a
    taken slug, an edit to a published entry) is shown to the editor and is not an error."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], DomainError))


logging.getLogger("sqladmin.application").addFilter(_RefusalsAreNotCrashes())


class AppView(ModelView):
    """A view reading through the app's sessionmaker (see auth.AppSessions)."""

    can_export = False
    can_import = False
    page_size = 25
    column_labels = LABELS

    def _session(self) -> AsyncSession:
        sessions: async_sessionmaker[AsyncSession] = self.session_maker  # type: ignore[assignment]
        return sessions()


class EntryView(AppView):
    """An editorial kind: saving a form is create_entry/update_entry, deleting is
    delete_entry, each with the signed-in staff member as the actor."""

    kind_name: ClassVar[str]

    async def insert_model(self, request: Request, data: dict[str, Any]) -> Any:
        draft = validated_draft(self.kind_name, data)
        async with self._session() as session:
            entry = await service.create_entry(
                session=session, actor=staff_user(request), kind_name=self.kind_name, data=draft
            )
            return await session.get(self.model, entry.id)

    async def update_model(self, request: Request, pk: str, data: dict[str, Any]) -> Any:
        async with self._session() as session:
            entry = await service.update_entry(
                session=session,
                actor=staff_user(request),
                kind_name=self.kind_name,
                entry_id=int(pk),
                changes=draft_fields(self.kind_name, data),
                note="edited in the admin",
            )
            return await session.get(self.model, entry.id)

    async def delete_model(self, request: Request, pk: Any) -> None:
        async with self._session() as session:
            await service.delete_entry(
                session=session,
                actor=staff_user(request),
                kind_name=self.kind_name,
                entry_id=int(pk),
            )

    async def get_form_data_for_edit(self, obj: Any) -> dict[str, Any]:
        async with self._session() as session:
            return form_data(await snapshot(session, self.kind_name, obj))

    async def check_can_edit(self, request: Request, model: Any) -> bool:
        # Only drafts are edited (the service refuses the rest too): no form to fill in vain.
        draft = not KINDS[self.kind_name].reviewed or model.status == PublicationStatus.draft
        return draft and await super().check_can_edit(request, model)


class ReviewedEntryView(EntryView):
    """Articles, tracks and collections: the workflow steps as buttons, each one call to
    editorial.service.transition; a step the service refuses is shown, not raised."""

    async def _move(self, request: Request, step: str) -> Response:
        pks = [pk for pk in request.query_params.get("pks", "").split(",") if pk.strip()]
        if not pks:
            Flash.warning(request, "Select at least one entry first.")
        for pk in pks:
            try:
                async with self._session() as session:
                    entry = await service.transition(
                        session=session,
                        actor=staff_user(request),
                        kind_name=self.kind_name,
                        entry_id=int(pk),
                        action=step,
                        data=Transition(note="in the admin"),
                        now=utcnow(),
                    )
            except ValueError:
                Flash.error(request, f"'{pk}' is not an entry id.", title="Not done")
            except DomainError as error:
                Flash.error(request, error.detail, title=f"{step.capitalize()}: not done")
            else:
                Flash.success(request, f"'{entry.slug}' is now {entry.status}.", title="Done")
        if len(pks) == 1 and pks[0].isdigit():
            target = request.url_for("admin:details", identity=self.identity, pk=pks[0])
        else:
            target = request.url_for("admin:list", identity=self.identity)
        return RedirectResponse(target, status_code=302)

    @action("submit", "Submit for review")
    async def submit(self, request: Request) -> Response:
        return await self._move(request, "submit")

    @action("request-changes", "Request changes")
    async def request_changes(self, request: Request) -> Response:
        return await self._move(request, "request-changes")

    @action("approve", "Approve")
    async def approve(self, request: Request) -> Response:
        return await self._move(request, "approve")

    @action("publish", "Publish")
    async def publish(self, request: Request) -> Response:
        return await self._move(request, "publish")

    @action("unpublish", "Unpublish", "Take it off the app and make it a draft again?")
    async def unpublish(self, request: Request) -> Response:
        return await self._move(request, "unpublish")

    @action("archive", "Archive", "Archive it? It leaves the app until it is restored.")
    async def archive(self, request: Request) -> Response:
        return await self._move(request, "archive")

    @action("restore", "Restore")
    async def restore(self, request: Request) -> Response:
        return await self._move(request, "restore")


class ArticleView(ReviewedEntryView, model=Article):
    kind_name = "article"
    icon = "fa-solid fa-file-lines"
    form = FORMS["article"].form
    column_list = ["id", "slug", "title", "status", "is_medical", "updated_at"]
    column_searchable_list = ["slug", "title"]
    column_sortable_list = ["id", "slug", "title", "status", "updated_at"]
    column_default_sort = [("updated_at", True)]
    column_filters = [StaticValuesFilter(Article.status, STATUSES, title="Status")]
    column_details_list = [
        "id", "slug", "title", "status", "locale", "summary", "is_medical", "content_warnings",
        "reading_time_minutes", "reviewed_at", "next_review_due", "published_at", "created_at",
        "updated_at", "approved_at", "body_markdown",
    ]  # fmt: skip


class TrackView(ReviewedEntryView, model=Track):
    kind_name = "track"
    icon = "fa-solid fa-headphones"
    form = FORMS["track"].form
    column_list = ["id", "slug", "title", "kind", "status", "updated_at"]
    column_searchable_list = ["slug", "title"]
    column_sortable_list = ["id", "slug", "title", "kind", "status", "updated_at"]
    column_default_sort = [("updated_at", True)]
    column_filters = [StaticValuesFilter(Track.status, STATUSES, title="Status")]
    column_details_list = [
        "id", "slug", "title", "status", "locale", "kind", "level", "is_premium", "description",
        "content_warnings", "published_at", "created_at", "updated_at", "approved_at",
    ]  # fmt: skip


class CollectionView(ReviewedEntryView, model=Collection):
    kind_name = "collection"
    icon = "fa-solid fa-layer-group"
    form = FORMS["collection"].form
    column_list = ["id", "slug", "title", "kind", "status", "updated_at"]
    column_searchable_list = ["slug", "title"]
    column_sortable_list = ["id", "slug", "title", "kind", "status", "updated_at"]
    column_default_sort = [("updated_at", True)]
    column_filters = [StaticValuesFilter(Collection.status, STATUSES, title="Status")]
    column_details_list = [
        "id", "slug", "title", "status", "locale", "kind", "description", "published_at",
        "created_at", "updated_at", "approved_at",
    ]  # fmt: skip


class TopicView(EntryView, model=Topic):
    kind_name = "topic"
    icon = "fa-solid fa-tags"
    form = FORMS["topic"].form
    column_list = ["id", "slug", "name", "updated_at"]
    column_searchable_list = ["slug", "name"]
    column_sortable_list = ["id", "slug", "name", "updated_at"]
    column_default_sort = [("updated_at", True)]
    column_details_list = ["id", "slug", "name", "description", "created_at", "updated_at"]


class PersonView(EntryView, model=Person):
    kind_name = "person"
    name_plural = "People"
    icon = "fa-solid fa-user-doctor"
    form = FORMS["person"].form
    column_list = ["id", "slug", "name", "credentials", "updated_at"]
    column_searchable_list = ["slug", "name", "credentials"]
    column_sortable_list = ["id", "slug", "name", "updated_at"]
    column_default_sort = [("updated_at", True)]
    column_details_list = [
        "id", "slug", "name", "credentials", "registration_number", "bio", "avatar_url",
        "created_at", "updated_at",
    ]  # fmt: skip


class ReviewQueueView(BaseView):
    """Entries awaiting approval and clinical reviews falling due, most urgent first."""

    name = "Review queue"
    icon = "fa-solid fa-list-check"
    sessions: ClassVar[async_sessionmaker[AsyncSession]]  # set by mount_admin

    @expose("/review-queue", identity="review-queue")
    async def review_queue(self, request: Request) -> Response:
        async with self.sessions() as session:
            items = await service.review_queue(session=session, now=utcnow())
        return await self.templates.TemplateResponse(
            request, "review_queue.html", {"items": items, "title": "Review queue"}
        )


class AuditLogView(AppView, model=AuditEntry):
    """Every editorial and admin action (admins only; see auth.StaffAuthorization)."""

    name = "Audit entry"
    name_plural = "Audit log"
    icon = "fa-solid fa-clipboard-list"
    can_create = can_edit = can_delete = False
    column_list = [
        "created_at", "actor_id", "action", "entity_type", "entity_id", "before_revision",
        "after_revision", "detail",
    ]  # fmt: skip
    column_searchable_list = ["action", "entity_type", "entity_id"]
    column_sortable_list = ["created_at", "action", "entity_type"]
    column_default_sort = [("created_at", True)]


class UserView(AppView, model=User):
    """Accounts, read-only and for admins; every read of them is audited, because staff
    reads of member data are."""

    name_plural = "Accounts"
    icon = "fa-solid fa-users"
    can_create = can_edit = can_delete = False
    column_list = ["email", "display_name", "role", "created_at"]
    column_searchable_list = ["email", "display_name"]
    column_sortable_list = ["email", "role", "created_at"]
    column_default_sort = [("created_at", True)]
    column_details_list = [
        "id", "email", "display_name", "role", "time_zone", "locale", "is_premium", "person_id",
        "created_at", "updated_at",
    ]  # fmt: skip

    async def _audit_read(self, request: Request, entity_id: str, detail: dict[str, Any]) -> None:
        async with self._session() as session:
            service.audit(
                session,
                actor=staff_user(request),
                action="user.read",
                entity_type="user",
                entity_id=entity_id,
                detail=detail,
            )
            await session.commit()

    async def list(self, request: Request) -> Any:
        page = await super().list(request)
        await self._audit_read(
            request,
            "list",
            {
                "search": request.query_params.get("search"),
                "page": page.page,
                "shown": [str(user.id) for user in page.rows],
            },
        )
        return page

    async def details_context(self, request: Request) -> dict[str, Any]:
        # Once per details page (the object itself is loaded more than once per request).
        await self._audit_read(request, str(request.path_params["pk"]), {"view": "details"})
        return {}


VIEWS: list[type[ModelView] | type[BaseView]] = [
    ArticleView,
    TrackView,
    CollectionView,
    TopicView,
    PersonView,
    ReviewQueueView,
    AuditLogView,
    UserView,
]
