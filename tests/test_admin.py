"""The admin web UI at /admin, driven over HTTP without a browser (tests/test_admin_ui.py
drives it in Chromium): sign-in, lists, forms through the editorial service, workflow buttons,
the review queue, and what only admins see."""

from typing import Any

import pytest
from httpx import AsyncClient, Response
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.models import Role
from app.articles.models import Article
from app.core.config import Settings
from app.editorial.models import AuditEntry, Revision
from tests.factories import make_person, make_topic
from tests.helpers import printed_by_fresh_interpreter
from tests.member_factories import PASSWORD, Member, make_member, use_settings


@pytest.fixture
async def reviewer(session: AsyncSession, settings: Settings) -> Member:
    person = await make_person(session, name="Dr Ines Moreau", credentials="MD, psychiatrist")
    member = await make_member(session, settings, display_name="Ines", role=Role.reviewer)
    member.user.person_id = person.id
    await session.flush()
    return member


async def sign_in(client: AsyncClient, who: Member, password: str = PASSWORD) -> Response:
    return await client.post("/admin/login", data={"username": who.email, "password": password})


def article_form(**fields: Any) -> dict[str, Any]:
    return {
        "slug": "box-breathing-basics",
        "locale": "en",
        "title": "Box breathing basics",
        "summary": "Four counts in, four held, four out.",
        "body_markdown": "## How\n\nBreathe in for four.<script>alert(1)</script>",
        "citations": "Ma X, et al. Front Psychol. 2017;8:874. | https://doi.org/10.3389/x",
        "licence": "All rights reserved",
        "save": "Save",
        **fields,
    }


async def create_article(client: AsyncClient, **fields: Any) -> Response:
    return await client.post("/admin/article/create", data=article_form(**fields))


async def article_id(session: AsyncSession, slug: str) -> int:
    found = await session.scalar(select(Article.id).where(Article.slug == slug))
    assert found is not None
    return int(found)


async def test_signed_out_visitors_are_sent_to_the_sign_in_page(client: AsyncClient) -> None:
    for path in ("/admin/", "/admin/article/list", "/admin/review-queue", "/admin/article/create"):
        response = await client.get(path)
        assert response.status_code == 302, path
        assert response.headers["location"].endswith("/admin/login")
    page = await client.get("/admin/login")
    assert page.status_code == 200
    assert page.headers["cache-control"] == "no-store"
    assert page.headers["x-frame-options"] == "DENY"
    assert 'name="password"' in page.text


async def test_members_and_wrong_passwords_are_refused(
    client: AsyncClient, member: Member, staff_user: Member
) -> None:
    refused = await sign_in(client, member)
    assert refused.status_code == 403
    assert "not allowed to use the admin" in refused.text
    assert "set-cookie" not in refused.headers
    assert (await client.get("/admin/")).status_code == 302
    wrong = await sign_in(client, staff_user, "not-the-password-at-all")
    assert wrong.status_code == 400
    assert "email or password is not correct" in wrong.text
    assert (await client.get("/admin/")).status_code == 302


async def test_failed_sign_ins_share_the_api_throttle(
    client: AsyncClient, staff_user: Member
) -> None:
    use_settings(client, sign_in_failures_per_account=2)
    for _ in range(2):
        assert (await sign_in(client, staff_user, "wrong-wrong-wrong")).status_code == 400
    throttled = await sign_in(client, staff_user)
    assert throttled.status_code == 429
    assert int(throttled.headers["retry-after"]) > 0
    # The API's token endpoint counts the same failures.
    token = await client.post(
        "/v1/auth/token", data={"username": staff_user.email, "password": PASSWORD}
    )
    assert token.status_code == 429


async def test_staff_sign_in_and_list_articles(
    client: AsyncClient, session: AsyncSession, staff_user: Member
) -> None:
    signed_in = await sign_in(client, staff_user)
    assert signed_in.status_code == 302
    cookie = signed_in.headers["set-cookie"].lower()
    for flag in ("httponly", "samesite=strict", "path=/admin"):
        assert flag in cookie
    assert "secure" not in cookie  # only in production, where the admin is served over HTTPS
    assert (await create_article(client)).status_code == 302
    listing = await client.get("/admin/article/list")
    assert listing.status_code == 200
    assert listing.headers["cache-control"] == "no-store"
    assert "box-breathing-basics" in listing.text
    found = await client.get("/admin/article/list", params={"search": "breathing"})
    assert "box-breathing-basics" in found.text
    assert (
        "box-breathing-basics"
        not in (await client.get("/admin/article/list", params={"search": "no-such-thing"})).text
    )
    drafts = await client.get("/admin/article/list", params={"status": "draft"})
    assert "box-breathing-basics" in drafts.text
    in_review = await client.get("/admin/article/list", params={"status": "in_review"})
    assert "box-breathing-basics" not in in_review.text
    # The API's own response cache never stores admin pages.
    assert "etag" not in listing.headers
    signed_out = await client.get("/admin/logout")
    assert signed_out.status_code == 302
    assert (await client.get("/admin/article/list")).status_code == 302


async def test_forms_save_through_the_editorial_service(
    client: AsyncClient, session: AsyncSession, staff_user: Member
) -> None:
    author = await make_person(session, name="Dr Sam Lee")
    topic = await make_topic(session)
    await sign_in(client, staff_user)
    response = await create_article(
        client,
        author=author.slug,
        topics=topic.slug,
        is_medical="y",
        content_warnings=["medication_change"],
    )
    assert response.status_code == 302, response.text
    article = await session.get(Article, await article_id(session, "box-breathing-basics"))
    assert article is not None
    assert article.status == "draft"
    assert article.created_by == staff_user.id
    assert article.is_medical and article.author_id == author.id
    assert "<script>" not in article.body_html
    edit = await client.get(f"/admin/article/edit/{article.id}")
    assert "https://doi.org/10.3389/x" in edit.text
    assert topic.slug in edit.text
    edited = await client.post(
        f"/admin/article/edit/{article.id}",
        data=article_form(title="Box breathing, step by step", topics=topic.slug),
    )
    assert edited.status_code == 302, edited.text
    revisions = (
        await session.scalars(
            select(Revision).where(
                Revision.entity_type == "article", Revision.entity_id == article.id
            )
        )
    ).all()
    assert len(revisions) == 2
    actions = (
        await session.scalars(
            select(AuditEntry.action).where(AuditEntry.entity_id == str(article.id))
        )
    ).all()
    assert sorted(actions) == ["article.create", "article.update"]
    # A rule the service enforces is shown on the form, not raised.
    invalid = await create_article(client, slug="Not A Slug")
    assert invalid.status_code == 400
    assert "slug" in invalid.text and "alert-danger" in invalid.text
    taken = await create_article(client)
    assert taken.status_code == 400
    assert "already has the slug" in taken.text


async def test_a_refused_workflow_step_is_shown_not_a_500(
    client: AsyncClient, session: AsyncSession, staff_user: Member
) -> None:
    await sign_in(client, staff_user)
    await create_article(client, is_medical="y")
    entry_id = await article_id(session, "box-breathing-basics")
    # An editor cannot approve, and a draft cannot be approved anyway.
    refused = await client.get(f"/admin/article/action/approve?pks={entry_id}")
    assert refused.status_code == 302
    assert refused.headers["location"].endswith(f"/admin/article/details/{entry_id}")
    page = await client.get(refused.headers["location"])
    assert page.status_code == 200
    assert "Approve: not done" in page.text
    assert "Cannot approve a article that is draft" in page.text
    nonsense = await client.get("/admin/article/action/publish?pks=abc")
    assert nonsense.status_code == 302
    assert "is not an entry id" in (await client.get(nonsense.headers["location"])).text
    # The list shows no edit button for what is not a draft, and the service says why.
    await client.get(f"/admin/article/action/submit?pks={entry_id}")
    assert (await client.get(f"/admin/article/edit/{entry_id}")).status_code == 403


async def test_the_workflow_through_the_admin_and_its_audit_trail(
    client: AsyncClient,
    session: AsyncSession,
    staff_user: Member,
    reviewer: Member,
    admin_user: Member,
) -> None:
    await sign_in(client, staff_user)
    await create_article(client, is_medical="y")
    entry_id = await article_id(session, "box-breathing-basics")
    submitted = await client.get(f"/admin/article/action/submit?pks={entry_id}")
    assert "is now in_review" in (await client.get(submitted.headers["location"])).text
    queue = await client.get("/admin/review-queue")
    assert queue.status_code == 200
    assert "box-breathing-basics" in queue.text and "awaiting approval" in queue.text
    await client.get("/admin/logout")
    await sign_in(client, reviewer)
    approved = await client.get(f"/admin/article/action/approve?pks={entry_id}")
    assert "is now approved" in (await client.get(approved.headers["location"])).text
    published = await client.get(f"/admin/article/action/publish?pks={entry_id}")
    assert "is now published" in (await client.get(published.headers["location"])).text
    assert "box-breathing-basics" in (await client.get("/v1/articles")).text
    rows = (
        await session.scalars(
            select(AuditEntry).where(AuditEntry.entity_id == str(entry_id)).order_by(AuditEntry.id)
        )
    ).all()
    assert [(row.action, row.actor_id) for row in rows] == [
        ("article.create", staff_user.id),
        ("article.submit", staff_user.id),
        ("article.approve", reviewer.id),
        ("article.publish", reviewer.id),
    ]
    # The audit log and the accounts are for admins only.
    assert (await client.get("/admin/audit-entry/list")).status_code == 403
    assert (await client.get("/admin/user/list")).status_code == 403
    assert "Audit log" not in (await client.get("/admin/article/list")).text
    await client.get("/admin/logout")
    await sign_in(client, admin_user)
    audit_page = await client.get("/admin/audit-entry/list")
    assert audit_page.status_code == 200
    assert "article.publish" in audit_page.text


async def test_reading_accounts_is_audited(
    client: AsyncClient, session: AsyncSession, admin_user: Member, member: Member
) -> None:
    await sign_in(client, admin_user)
    listing = await client.get("/admin/user/list")
    assert listing.status_code == 200
    assert member.email in listing.text
    assert "password_hash" not in listing.text and "$argon2" not in listing.text
    details = await client.get(f"/admin/user/details/{member.id}")
    assert details.status_code == 200
    assert "$argon2" not in details.text
    assert (await client.get(f"/admin/user/edit/{member.id}")).status_code == 403
    reads = (
        await session.scalars(
            select(AuditEntry).where(AuditEntry.action == "user.read").order_by(AuditEntry.id)
        )
    ).all()
    assert [(r.actor_id, r.entity_id) for r in reads] == [
        (admin_user.id, "list"),
        (admin_user.id, str(member.id)),
    ]
    assert str(member.id) in reads[0].detail


async def test_cross_site_requests_cannot_change_content(
    client: AsyncClient, session: AsyncSession, staff_user: Member
) -> None:
    await sign_in(client, staff_user)
    forged = await client.post(
        "/admin/article/create",
        data=article_form(),
        headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
    )
    assert forged.status_code == 403
    assert (
        await session.scalar(select(Article.id).where(Article.slug == "box-breathing-basics"))
        is None
    )
    step = await client.get(
        "/admin/article/action/publish?pks=1", headers={"Sec-Fetch-Site": "cross-site"}
    )
    assert step.status_code == 403
    same_site = await client.post(
        "/admin/article/create", data=article_form(), headers={"Origin": "http://testserver"}
    )
    assert same_site.status_code == 302


async def test_deleting_goes_through_the_service(
    client: AsyncClient, session: AsyncSession, staff_user: Member
) -> None:
    await sign_in(client, staff_user)
    await create_article(client)
    await create_article(client, slug="second-draft")
    draft_id = await article_id(session, "box-breathing-basics")
    submitted_id = await article_id(session, "second-draft")
    await client.get(f"/admin/article/action/submit?pks={submitted_id}")
    refused = await client.delete(f"/admin/article/delete?pks={submitted_id}")
    assert refused.status_code == 200
    assert "unpublish+or+archive+it" in refused.text  # the list URL carries the reason
    assert await session.get(Article, submitted_id) is not None
    deleted = await client.delete(f"/admin/article/delete?pks={draft_id}")
    assert "error" not in deleted.text
    assert await session.scalar(select(Article.id).where(Article.id == draft_id)) is None
    actions = await session.scalars(
        select(AuditEntry.action).where(AuditEntry.entity_id == str(draft_id))
    )
    assert "article.delete" in actions.all()


def test_the_admin_site_is_built_on_its_first_use() -> None:
    # A fresh interpreter: this one has imported sqladmin for the other tests.
    code = (
        "import sys\n"
        "from app.main import create_app\n"
        "app = create_app()\n"
        "print('sqladmin' in sys.modules)\n"
        "print(app.url_path_for('admin:index'))\n"
        "print('sqladmin' in sys.modules)\n"
    )
    assert printed_by_fresh_interpreter(code) == ["False", "/admin/", "True"]
