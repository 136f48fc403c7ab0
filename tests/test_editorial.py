"""The editorial workflow: drafts, clinical review, publishing, scheduling, revisions, slug
redirects, the review queue, the audit log, and sanitization of what editors write."""

from datetime import timedelta
from html.parser import HTMLParser
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.accounts.models import Role
from app.articles.models import Article
from app.articles.service import get_published_article
from app.core.config import Settings
from app.core.db import utcnow
from app.core.errors import NotFound
from app.editorial.models import AuditEntry
from app.sync.feed import sync_catalogue
from tests.factories import make_person, make_topic
from tests.helpers import assert_problem
from tests.member_factories import Member, make_member

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<iframe src='https://evil.example'></iframe>",
    "[click me](javascript:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="javascript:alert(1)">x</a>',
    "<style>body{display:none}</style>",
    '<div onclick="alert(1)">click</div>',
    "![x](javascript:alert(1))",
    "<form action='https://evil.example'><input name=p></form>",
    "<body onload=alert(1)>",
    "[x](JaVaScRiPt:alert(1))",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
]


@pytest.fixture
async def reviewer(session: AsyncSession, settings: Settings) -> Member:
    """A clinical reviewer: the reviewer role and a person record with credentials."""
    person = await make_person(session, name="Dr Lena Castellanos", credentials="MD, psychiatrist")
    member = await make_member(session, settings, display_name="Lena", role=Role.reviewer)
    member.user.person_id = person.id
    member.extra["person"] = person
    await session.flush()
    return member


@pytest.fixture
async def editor(staff_user: Member) -> Member:
    return staff_user


async def draft_article(
    client: AsyncClient, session: AsyncSession, editor: Member, **fields: Any
) -> dict[str, Any]:
    author = await make_person(session, name="Dr Amara Okafor")
    topic = await make_topic(session)
    body = {
        "slug": fields.pop("slug", f"lamotrigine-ketamine-{author.id}"),
        "title": "Lamotrigine and ketamine",
        "summary": "What the evidence says.",
        "body_markdown": "## What we know\n\nSmall studies, mixed findings.",
        "is_medical": True,
        "content_warnings": ["medication_change", "suicide"],
        "citations": [{"text": "Anand A, et al. Arch Gen Psychiatry. 2000;57(3):270-276."}],
        "topics": [topic.slug],
        "author": author.slug,
        **fields,
    }
    response = await client.post("/v1/editorial/articles", json=body, headers=editor.headers)
    assert response.status_code == 201, response.text
    entry: dict[str, Any] = response.json()
    return entry


async def step(
    client: AsyncClient, who: Member, entry: dict[str, Any], action: str, **body: Any
) -> Any:
    return await client.post(
        f"/v1/editorial/articles/{entry['id']}/{action}", json=body or None, headers=who.headers
    )


async def test_the_whole_clinical_flow(
    client: AsyncClient, session: AsyncSession, editor: Member, reviewer: Member
) -> None:
    entry = await draft_article(client, session, editor)
    assert entry["status"] == "draft"
    assert (await client.get(f"/v1/articles/{entry['slug']}")).status_code == 404
    assert (await step(client, editor, entry, "submit")).json()["status"] == "in_review"
    approved = await step(client, reviewer, entry, "approve")
    assert approved.status_code == 200, approved.text
    assert approved.json()["status"] == "approved"
    published = await step(client, editor, entry, "publish")
    assert published.json()["status"] == "published"
    public = (await client.get(f"/v1/articles/{entry['slug']}")).json()
    assert public["review"]["reviewer"]["name"] == "Dr Lena Castellanos"
    assert public["review"]["reviewer"]["credentials"] == "MD, psychiatrist"
    assert public["review"]["status"] == "current"
    due = utcnow().date() + timedelta(days=365)
    assert public["review"]["next_review_due"] == due.isoformat()
    listing = (await client.get("/v1/articles")).json()["items"]
    assert entry["slug"] in [a["slug"] for a in listing]


async def test_members_and_anonymous_never_reach_editorial_routes(
    client: AsyncClient, member: Member
) -> None:
    for method, path in (
        ("GET", "/v1/editorial/articles"),
        ("POST", "/v1/editorial/articles"),
        ("GET", "/v1/editorial/review-queue"),
        ("POST", "/v1/editorial/articles/1/publish"),
        ("GET", "/v1/editorial/audit"),
    ):
        anonymous = await client.request(method, path, json={})
        assert_problem(anonymous, 401, "unauthorized")
        as_member = await client.request(method, path, json={}, headers=member.headers)
        assert_problem(as_member, 403, "forbidden")


async def test_medical_approval_rules(
    client: AsyncClient, session: AsyncSession, editor: Member, reviewer: Member, settings: Settings
) -> None:
    entry = await draft_article(client, session, editor)
    # Publishing what was never approved.
    assert_problem(await step(client, editor, entry, "publish"), 409, "conflict")
    await step(client, editor, entry, "submit")
    # An editor is not a clinical reviewer.
    other_editor = await make_member(session, settings, role=Role.editor)
    response = await step(client, other_editor, entry, "approve")
    assert "clinical reviewer" in assert_problem(response, 409, "conflict")["detail"]
    # A reviewer without credentials on their person record is not either.
    bare = await make_member(session, settings, role=Role.reviewer)
    bare.user.person_id = (await make_person(session, credentials="")).id
    await session.flush()
    assert_problem(await step(client, bare, entry, "approve"), 409, "conflict")
    # Nobody approves what they created.
    creator_reviewer = reviewer
    own = await draft_article(client, session, creator_reviewer, slug="own-article")
    await step(client, creator_reviewer, own, "submit")
    response = await step(client, creator_reviewer, own, "approve")
    assert "created" in assert_problem(response, 409, "conflict")["detail"]


async def test_the_author_cannot_review_their_own_article(
    client: AsyncClient, session: AsyncSession, editor: Member, reviewer: Member
) -> None:
    person = reviewer.extra["person"]
    entry = await draft_article(client, session, editor, author=person.slug, slug="by-lena")
    await step(client, editor, entry, "submit")
    response = await step(client, reviewer, entry, "approve")
    assert "wrote" in assert_problem(response, 409, "conflict")["detail"]


async def test_medical_articles_need_a_citation_before_review(
    client: AsyncClient, session: AsyncSession, editor: Member
) -> None:
    entry = await draft_article(client, session, editor, citations=[])
    assert_problem(await step(client, editor, entry, "submit"), 409, "conflict")


async def test_invalid_transitions_name_the_rule(
    client: AsyncClient, session: AsyncSession, editor: Member, reviewer: Member
) -> None:
    entry = await draft_article(client, session, editor)
    for action in ("approve", "request-changes", "unpublish", "restore"):
        body = assert_problem(await step(client, editor, entry, action), 409, "conflict")
        assert "draft" in body["detail"]
    response = await step(client, editor, entry, "teleport")
    assert_problem(response, 422, "invalid-request", names=("action",))
    await step(client, editor, entry, "submit")
    assert_problem(await step(client, editor, entry, "submit"), 409, "conflict")
    changes = await step(client, reviewer, entry, "request-changes", note="Cite the trial.")
    assert changes.json()["status"] == "draft"


async def test_scheduled_publication_goes_live_at_its_time(
    client: AsyncClient, session: AsyncSession, editor: Member, reviewer: Member
) -> None:
    entry = await draft_article(client, session, editor)
    await step(client, editor, entry, "submit")
    await step(client, reviewer, entry, "approve")
    at = utcnow() + timedelta(hours=2)
    past = await step(
        client, editor, entry, "publish", publish_at=(utcnow() - timedelta(hours=1)).isoformat()
    )
    assert_problem(past, 422, "invalid-request", names=("publish_at",))
    scheduled = await step(client, editor, entry, "publish", publish_at=at.isoformat())
    assert scheduled.json()["status"] == "published"
    assert (await client.get(f"/v1/articles/{entry['slug']}")).status_code == 404
    with pytest.raises(NotFound):
        await get_published_article(session=session, slug=entry["slug"], now=utcnow())
    later = await get_published_article(
        session=session, slug=entry["slug"], now=at + timedelta(minutes=1)
    )
    assert later.slug == entry["slug"]
    # Sync sees it only once it is live.
    page = await sync_catalogue(session=session, token=None, limit=500, now=utcnow())
    while page.has_more:
        page = await sync_catalogue(
            session=session, token=page.next_sync_token, limit=500, now=utcnow()
        )
    assert entry["slug"] not in [i.slug for i in page.items]
    delta = await sync_catalogue(
        session=session, token=page.next_sync_token, limit=500, now=at + timedelta(minutes=1)
    )
    assert entry["slug"] in [i.slug for i in delta.items]


async def test_overdue_reviews_show_everywhere(
    client: AsyncClient, session: AsyncSession, editor: Member, reviewer: Member
) -> None:
    entry = await draft_article(client, session, editor)
    await step(client, editor, entry, "submit")
    soon = utcnow().date() + timedelta(days=10)
    await step(client, reviewer, entry, "approve", next_review_due=soon.isoformat())
    await step(client, editor, entry, "publish")
    queue = (await client.get("/v1/editorial/review-queue", headers=editor.headers)).json()
    assert [(q["slug"], q["review_status"]) for q in queue] == [(entry["slug"], "due_soon")]
    article = await session.get(Article, entry["id"])
    assert article is not None
    article.next_review_due = utcnow().date() - timedelta(days=1)
    await session.commit()
    queue = (await client.get("/v1/editorial/review-queue", headers=editor.headers)).json()
    assert queue[0]["review_status"] == "overdue"
    detail = await get_published_article(session=session, slug=entry["slug"], now=utcnow())
    assert detail.review_status == "overdue"
    assert detail.review.status == "overdue"


async def test_only_drafts_are_edited_and_every_save_is_a_revision(
    client: AsyncClient, session: AsyncSession, editor: Member, reviewer: Member
) -> None:
    entry = await draft_article(client, session, editor)
    url = f"/v1/editorial/articles/{entry['id']}"
    edited = await client.patch(url, json={"title": "Second title"}, headers=editor.headers)
    assert edited.json()["content"]["title"] == "Second title"
    await client.patch(url, json={"summary": "Shorter."}, headers=editor.headers)
    revisions = (await client.get(f"{url}/revisions", headers=editor.headers)).json()
    assert [(r["number"], r["changed_fields"]) for r in revisions] == [
        (3, ["summary"]),
        (2, ["title"]),
        (1, revisions[2]["changed_fields"]),
    ]
    first = (await client.get(f"{url}/revisions/1", headers=editor.headers)).json()
    assert first["snapshot"]["title"] == "Lamotrigine and ketamine"
    restored = await client.post(f"{url}/revisions/1/restore", headers=editor.headers)
    assert restored.json()["content"]["title"] == "Lamotrigine and ketamine"
    assert restored.json()["status"] == "draft"
    revisions = (await client.get(f"{url}/revisions", headers=editor.headers)).json()
    assert revisions[0]["note"] == "restored revision 1"
    assert_problem(
        await client.get(f"{url}/revisions/99", headers=editor.headers), 404, "not-found"
    )
    await step(client, editor, entry, "submit")
    response = await client.patch(url, json={"title": "Sneaky"}, headers=editor.headers)
    assert "Only drafts" in assert_problem(response, 409, "conflict")["detail"]
    bad = await client.patch(url, json={"titel": "x"}, headers=editor.headers)
    assert bad.status_code in (409, 422)


async def test_bad_drafts_are_422_naming_the_field(
    client: AsyncClient, session: AsyncSession, editor: Member
) -> None:
    base = {"slug": "ok-slug", "title": "T", "summary": "S", "body_markdown": "B"}
    for change, name in (
        ({"slug": "Not A Slug"}, "slug"),
        ({"title": ""}, "title"),
        ({"content_warnings": ["boredom"]}, "content_warnings.0"),
        ({"author": "nobody-at-all"}, "author"),
        ({"topics": ["no-such-topic"]}, "topics"),
        ({"role": "admin"}, "role"),
    ):
        response = await client.post(
            "/v1/editorial/articles", json=base | change, headers=editor.headers
        )
        assert_problem(response, 422, "invalid-request", names=(name,))
    await client.post("/v1/editorial/articles", json=base, headers=editor.headers)
    duplicate = await client.post("/v1/editorial/articles", json=base, headers=editor.headers)
    assert_problem(duplicate, 409, "conflict", names=("slug",))


async def test_renamed_published_slugs_redirect(
    client: AsyncClient, session: AsyncSession, editor: Member, reviewer: Member
) -> None:
    entry = await draft_article(client, session, editor, slug="old-name")
    for who, action in ((editor, "submit"), (reviewer, "approve"), (editor, "publish")):
        await step(client, who, entry, action)
    await step(client, editor, entry, "unpublish")
    url = f"/v1/editorial/articles/{entry['id']}"
    await client.patch(url, json={"slug": "new-name"}, headers=editor.headers)
    for who, action in ((editor, "submit"), (reviewer, "approve"), (editor, "publish")):
        response = await step(client, who, entry, action)
        assert response.status_code == 200, response.text
    moved = await client.get("/v1/articles/old-name", follow_redirects=False)
    assert moved.status_code == 301
    assert moved.headers["location"] == "/v1/articles/new-name"
    assert (await client.get("/v1/articles/new-name")).status_code == 200


async def test_every_action_is_audited(
    client: AsyncClient, session: AsyncSession, editor: Member, reviewer: Member, admin_user: Member
) -> None:
    entry = await draft_article(client, session, editor)
    await step(client, editor, entry, "submit")
    await step(client, reviewer, entry, "approve")
    rows = (
        await session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity_id == str(entry["id"]))
            .order_by(AuditEntry.id)
        )
    ).all()
    assert [(r.action, r.actor_id) for r in rows] == [
        ("article.create", editor.id),
        ("article.submit", editor.id),
        ("article.approve", reviewer.id),
    ]
    assert rows[0].after_revision == 1
    log = await client.get(
        "/v1/editorial/audit",
        params={"entity_type": "article", "entity_id": str(entry["id"])},
        headers=admin_user.headers,
    )
    assert log.status_code == 200, log.text
    assert [e["action"] for e in log.json()["items"]] == [
        "article.approve",
        "article.submit",
        "article.create",
    ]
    assert_problem(
        await client.get("/v1/editorial/audit", headers=editor.headers), 403, "forbidden"
    )


async def test_markdown_is_sanitized_on_save(
    client: AsyncClient, session: AsyncSession, editor: Member
) -> None:
    body = "\n\n".join(XSS_PAYLOADS)
    entry = await draft_article(client, session, editor, body_markdown=body, slug="xss-test")
    article = await session.get(Article, entry["id"])
    assert article is not None
    tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            tags.append((tag, attrs))

    Collect().feed(article.body_html)
    assert tags, "the payloads are kept as visible text, not dropped"
    for tag, attrs in tags:
        assert tag not in {"script", "iframe", "style", "form", "svg", "math", "input", "body"}
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src"):
                assert not (value or "").strip().lower().startswith(("javascript:", "data:"))


async def test_tracks_collections_topics_and_people(
    client: AsyncClient, session: AsyncSession, editor: Member, reviewer: Member
) -> None:
    headers = editor.headers
    topic = await client.post(
        "/v1/editorial/topics", json={"slug": "grief", "name": "Grief"}, headers=headers
    )
    assert topic.status_code == 201
    assert (await client.get("/v1/topics/grief")).status_code == 200, "topics are live at once"
    narrator = await client.post(
        "/v1/editorial/people", json={"slug": "sam-narrator", "name": "Sam"}, headers=headers
    )
    assert narrator.status_code == 201
    track = await client.post(
        "/v1/editorial/tracks",
        json={
            "slug": "grief-body-scan",
            "title": "A body scan for grief",
            "kind": "guided",
            "narrator": "sam-narrator",
            "topics": ["grief"],
            "variants": [
                {
                    "duration_seconds": 300,
                    "audio_url": "https://cdn.example/a.mp3",
                    "transcript_vtt": "WEBVTT\n\n00:00.000 --> 00:05.000\nWelcome.",
                },
                {"duration_seconds": 600, "narrator": "sam-narrator"},
            ],
        },
        headers=headers,
    )
    assert track.status_code == 201, track.text
    bad_vtt = await client.post(
        "/v1/editorial/tracks",
        json={
            "slug": "x",
            "title": "X",
            "kind": "guided",
            "variants": [{"duration_seconds": 1, "transcript_vtt": "not vtt"}],
        },
        headers=headers,
    )
    assert_problem(bad_vtt, 422, "invalid-request")
    collection = await client.post(
        "/v1/editorial/collections",
        json={
            "slug": "grief-course",
            "title": "Grief course",
            "kind": "course",
            "items": [{"track": "grief-body-scan"}],
        },
        headers=headers,
    )
    assert collection.status_code == 201, collection.text
    for kind, entry in (("tracks", track.json()), ("collections", collection.json())):
        for who, action in ((editor, "submit"), (reviewer, "approve"), (editor, "publish")):
            response = await client.post(
                f"/v1/editorial/{kind}/{entry['id']}/{action}", headers=who.headers
            )
            assert response.status_code == 200, response.text
    public = (await client.get("/v1/collections/grief-course")).json()
    assert [i["track"]["slug"] for i in public["items"]] == ["grief-body-scan"]
    in_use = await client.delete(f"/v1/editorial/people/{narrator.json()['id']}", headers=headers)
    assert in_use.status_code in (204, 409)


async def test_deleting_needs_unpublishing_first(
    client: AsyncClient, session: AsyncSession, editor: Member, reviewer: Member
) -> None:
    entry = await draft_article(client, session, editor)
    for who, action in ((editor, "submit"), (reviewer, "approve"), (editor, "publish")):
        await step(client, who, entry, action)
    url = f"/v1/editorial/articles/{entry['id']}"
    assert_problem(await client.delete(url, headers=editor.headers), 409, "conflict")
    await step(client, editor, entry, "archive")
    assert (await client.get(f"/v1/articles/{entry['slug']}")).status_code == 404
    assert (await client.delete(url, headers=editor.headers)).status_code == 204
    assert_problem(await client.get(url, headers=editor.headers), 404, "not-found")


async def test_editorial_saves_keep_search_current(
    client: AsyncClient, session: AsyncSession, editor: Member, reviewer: Member
) -> None:
    entry = await draft_article(client, session, editor, title="Lithium and kidney checks")
    for who, action in ((editor, "submit"), (reviewer, "approve"), (editor, "publish")):
        await step(client, who, entry, action)
    found = (await client.get("/v1/search", params={"q": "lithium"})).json()["items"]
    assert [hit["slug"] for hit in found] == [entry["slug"]]
    await step(client, editor, entry, "unpublish")
    url = f"/v1/editorial/articles/{entry['id']}"
    await client.patch(url, json={"title": "Lithium and thyroid checks"}, headers=editor.headers)
    for who, action in ((editor, "submit"), (reviewer, "approve"), (editor, "publish")):
        await step(client, who, entry, action)
    found = (await client.get("/v1/search", params={"q": "thyroid"})).json()["items"]
    assert [hit["slug"] for hit in found] == [entry["slug"]]
    await step(client, editor, entry, "archive")
    await client.delete(url, headers=editor.headers)
    assert (await client.get("/v1/search", params={"q": "thyroid"})).json()["items"] == []
