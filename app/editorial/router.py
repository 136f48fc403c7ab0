"""REST: the editorial API (/v1/editorial), for editors, reviewers and admins."""

from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Query, status
from pydantic import BaseModel, Field
from starlette.convertors import Convertor, register_url_convertor

from app.api.deps import AdminUser, SessionDep, StaffUser, private_response
from app.api.errors import problem_responses
from app.api.params import ListParams
from app.core.db import utcnow
from app.core.pagination import Page
from app.core.publishing import PublicationStatus
from app.editorial import service
from app.editorial.content import KINDS
from app.editorial.models import (
    AuditEntryPublic,
    EditorialEntry,
    ReviewQueueItem,
    RevisionPublic,
    Transition,
    changes_of,
)

router = APIRouter(
    prefix="/editorial", tags=["editorial"], dependencies=[Depends(private_response)]
)
EntryId = Annotated[int, Path(ge=1, le=2**31 - 1)]
RevisionNumber = Annotated[int, Path(ge=1, le=2**31 - 1)]
STAFF = (401, 403)


class EntryPage(Page[EditorialEntry]):
    """A page of entries, most recently changed first."""


class AuditPage(Page[AuditEntryPublic]):
    """A page of the audit log, newest first."""


class Step(StrEnum):
    submit = "submit"
    request_changes = "request-changes"
    approve = "approve"
    publish = "publish"
    unpublish = "unpublish"
    archive = "archive"
    restore = "restore"


class WorkflowStepSegment(Convertor[str]):
    """The `{action}` segment of the workflow route: any name but its sibling `revisions`.

    So POST .../revisions is a 405 naming GET (the revisions route's method), while an unknown
    step is still a 422 that lists the steps (`action` is validated as a Step)."""

    regex = "(?!revisions$)[^/]+"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("workflow_step", WorkflowStepSegment())


class AuditParams(ListParams):
    entity_type: str | None = Field(None, max_length=20, examples=["article"])
    entity_id: str | None = Field(None, max_length=64)
    since: date | None = Field(None, description="Only entries from this UTC day on.")


class EntryListParams(ListParams):
    status: PublicationStatus | None = None


def _add_routes(kind: str, plural: str, draft: type[BaseModel], reviewed: bool) -> None:
    """The same routes for each kind of entry, each with its own readable operation id."""

    async def create(session: SessionDep, actor: StaffUser, data: Any) -> EditorialEntry:
        return await service.create_entry(session=session, actor=actor, kind_name=kind, data=data)

    create.__annotations__["data"] = draft
    router.add_api_route(
        f"/{plural}",
        create,
        methods=["POST"],
        name=f"create_{kind}",
        summary=f"Create a {kind}" + (" draft" if reviewed else ""),
        status_code=status.HTTP_201_CREATED,
        response_model=EditorialEntry,
        responses=problem_responses(*STAFF, 409, 422),
        description="Markdown is rendered to sanitized HTML on save; every save keeps a revision."
        if kind == "article"
        else "Every save keeps a revision.",
    )

    async def list_entries(
        session: SessionDep, actor: StaffUser, params: Annotated[EntryListParams, Query()]
    ) -> EntryPage:
        page = await service.list_entries(
            session=session,
            kind_name=kind,
            status=params.status,
            limit=params.limit,
            cursor=params.cursor,
        )
        return EntryPage(items=page.items, next_cursor=page.next_cursor)

    router.add_api_route(
        f"/{plural}",
        list_entries,
        methods=["GET"],
        name=f"list_{kind}_entries",
        summary=f"List {plural} in any status",
        response_model=EntryPage,
        responses=problem_responses(*STAFF, 422),
    )

    async def get(session: SessionDep, actor: StaffUser, entry_id: EntryId) -> EditorialEntry:
        return await service.get_entry(session=session, kind_name=kind, entry_id=entry_id)

    router.add_api_route(
        f"/{plural}/{{entry_id}}",
        get,
        methods=["GET"],
        name=f"get_{kind}_entry",
        summary=f"Get a {kind} in any status",
        response_model=EditorialEntry,
        responses=problem_responses(*STAFF, 404, 422),
    )

    async def update(
        session: SessionDep, actor: StaffUser, entry_id: EntryId, changes: Any
    ) -> EditorialEntry:
        return await service.update_entry(
            session=session,
            actor=actor,
            kind_name=kind,
            entry_id=entry_id,
            changes=changes.model_dump(mode="json", exclude_unset=True),
        )

    # Topics and people have a name where the other kinds have a title.
    example = (
        {"name": "A clearer name"} if "name" in draft.model_fields else {"title": "A clearer title"}
    )
    update.__annotations__["changes"] = Annotated[changes_of(draft), Body(examples=[example])]
    router.add_api_route(
        f"/{plural}/{{entry_id}}",
        update,
        methods=["PATCH"],
        name=f"update_{kind}",
        summary=f"Change fields of a {kind}" + (" draft" if reviewed else ""),
        response_model=EditorialEntry,
        responses=problem_responses(*STAFF, 404, 409, 422),
        description=f"Send any fields of the {draft.__name__} schema. "
        + ("Only drafts are edited (409 otherwise)." if reviewed else "Live at once."),
    )

    async def remove(session: SessionDep, actor: StaffUser, entry_id: EntryId) -> None:
        await service.delete_entry(session=session, actor=actor, kind_name=kind, entry_id=entry_id)

    router.add_api_route(
        f"/{plural}/{{entry_id}}",
        remove,
        methods=["DELETE"],
        name=f"delete_{kind}",
        summary=f"Delete a {kind}",
        status_code=status.HTTP_204_NO_CONTENT,
        responses=problem_responses(*STAFF, 404, 409, 422),
    )

    async def revisions(
        session: SessionDep, actor: StaffUser, entry_id: EntryId
    ) -> list[RevisionPublic]:
        return await service.list_revisions(session=session, kind_name=kind, entry_id=entry_id)

    router.add_api_route(
        f"/{plural}/{{entry_id}}/revisions",
        revisions,
        methods=["GET"],
        name=f"list_{kind}_revisions",
        summary=f"List a {kind}'s revisions",
        response_model=list[RevisionPublic],
        responses=problem_responses(*STAFF, 404, 422),
    )

    async def revision(
        session: SessionDep, actor: StaffUser, entry_id: EntryId, number: RevisionNumber
    ) -> RevisionPublic:
        return await service.get_revision(
            session=session, kind_name=kind, entry_id=entry_id, number=number
        )

    router.add_api_route(
        f"/{plural}/{{entry_id}}/revisions/{{number}}",
        revision,
        methods=["GET"],
        name=f"get_{kind}_revision",
        summary=f"View one revision of a {kind}",
        response_model=RevisionPublic,
        responses=problem_responses(*STAFF, 404, 422),
    )

    async def restore(
        session: SessionDep, actor: StaffUser, entry_id: EntryId, number: RevisionNumber
    ) -> EditorialEntry:
        return await service.restore_revision(
            session=session, actor=actor, kind_name=kind, entry_id=entry_id, number=number
        )

    router.add_api_route(
        f"/{plural}/{{entry_id}}/revisions/{{number}}/restore",
        restore,
        methods=["POST"],
        name=f"restore_{kind}_revision",
        summary=f"Restore a revision of a {kind} as a draft",
        response_model=EditorialEntry,
        responses=problem_responses(*STAFF, 404, 409, 422),
    )

    if not reviewed:
        return

    async def step(
        session: SessionDep,
        actor: StaffUser,
        entry_id: EntryId,
        action: Step,
        data: Annotated[Transition | None, Body()] = None,
    ) -> EditorialEntry:
        return await service.transition(
            session=session,
            actor=actor,
            kind_name=kind,
            entry_id=entry_id,
            action=action.value,
            data=data or Transition(),
            now=utcnow(),
        )

    router.add_api_route(
        f"/{plural}/{{entry_id}}/{{action:workflow_step}}",
        step,
        methods=["POST"],
        name=f"move_{kind}",
        summary=f"Move a {kind} through the workflow",
        response_model=EditorialEntry,
        responses=problem_responses(*STAFF, 404, 409, 422),
        description="Steps: submit (draft -> in_review), request-changes (-> draft), approve "
        "(in_review -> approved; medical articles only by a credentialed reviewer who did not "
        "write or create them), publish (approved -> published, now or at `publish_at`), "
        "unpublish (-> draft), archive, restore (archived -> draft). A refused step is a 409 "
        "naming the rule.",
    )


for _kind in KINDS.values():
    _plural = {"person": "people"}.get(_kind.name, _kind.name + "s")
    _add_routes(_kind.name, _plural, _kind.draft, _kind.reviewed)


@router.get(
    "/review-queue",
    summary="Entries awaiting approval and clinical reviews falling due",
    response_model=list[ReviewQueueItem],
    responses=problem_responses(*STAFF),
)
async def review_queue(session: SessionDep, actor: StaffUser) -> list[ReviewQueueItem]:
    """Published articles whose review is overdue or due within 30 days, then entries in
    review, most urgent first."""
    return await service.review_queue(session=session, now=utcnow())


@router.get(
    "/audit",
    summary="The audit log (admins)",
    response_model=AuditPage,
    responses=problem_responses(*STAFF, 422),
)
async def audit_log(
    session: SessionDep, admin: AdminUser, params: Annotated[AuditParams, Query()]
) -> AuditPage:
    """Every editorial and admin action: who, what, when, revisions before and after."""
    page = await service.audit_log(
        session=session,
        limit=params.limit,
        cursor=params.cursor,
        entity_type=params.entity_type,
        entity_id=params.entity_id,
        since=params.since,
    )
    return AuditPage(items=page.items, next_cursor=page.next_cursor)
