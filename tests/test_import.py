"""Importing Markdown articles and YAML manifests: per-file errors, idempotent re-runs."""

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.core.db import utcnow
from app.editorial.importer import ImportReport, import_directory
from app.editorial.models import Transition
from app.editorial.service import transition
from tests.member_factories import Member

ARTICLE = """---
slug: grounding-5-4-3-2-1
title: The 5-4-3-2-1 grounding technique
summary: A way back to the present when anxiety spikes.
topics: [anxiety]
author: maren-okafor
citations:
  - text: NICE guideline CG113, generalised anxiety disorder and panic disorder in adults.
---
## Notice five things you can see

Then four you can touch.
"""


def write_corpus(root: Path) -> None:
    (root / "articles").mkdir(parents=True)
    (root / "people.yaml").write_text(
        "- slug: maren-okafor\n  name: Maren Okafor\n  credentials: DClinPsy\n"
    )
    (root / "topics.yaml").write_text("- slug: anxiety\n  name: Anxiety\n")
    (root / "articles" / "grounding.md").write_text(ARTICLE)
    (root / "articles" / "broken.md").write_text("---\ntitle: [unclosed\n---\nBody\n")
    (root / "articles" / "no-front-matter.md").write_text("# Just a body\n")
    (root / "articles" / "bad-field.md").write_text(
        "---\nslug: Bad Slug\ntitle: T\nsummary: S\n---\nBody\n"
    )
    (root / "tracks.yaml").write_text(
        "- slug: five-minute-breath\n"
        "  title: Five-minute breath\n"
        "  kind: breathing\n"
        "  narrator: maren-okafor\n"
        "  topics: [anxiety]\n"
        "  variants:\n"
        "    - duration_seconds: 300\n"
        "      audio_url: https://media.example/breath-5.mp3\n"
        "- slug: ghost-narrated\n"
        "  title: Ghost\n"
        "  kind: guided\n"
        "  narrator: nobody-here\n"
        "  variants: [{duration_seconds: 60}]\n"
    )
    (root / "collections.yaml").write_text(
        "- slug: anxiety-first-aid\n"
        "  title: Anxiety first aid\n"
        "  kind: playlist\n"
        "  items: [{article: grounding-5-4-3-2-1}, {track: five-minute-breath}]\n"
    )


async def run(session: AsyncSession, editor: Member, root: Path) -> ImportReport:
    sessions = async_sessionmaker(
        bind=session.bind, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    return await import_directory(sessionmaker=sessions, actor_email=editor.email, directory=root)


def outcomes(report: ImportReport) -> dict[str, tuple[str, str]]:
    return {r.source: (r.outcome, r.reason) for r in report.results}


async def test_import_reports_each_file_and_imports_the_rest(
    session: AsyncSession, staff_user: Member, tmp_path: Path
) -> None:
    write_corpus(tmp_path)
    report = await run(session, staff_user, tmp_path)
    found = outcomes(report)
    assert found["people.yaml #1"][0] == "created"
    assert found["topics.yaml #1"][0] == "created"
    assert found["articles/grounding.md"][0] == "created"
    assert found["tracks.yaml #1"][0] == "created"
    assert found["collections.yaml #1"][0] == "created"
    assert "not valid YAML" in found["articles/broken.md"][1]
    assert "front matter" in found["articles/no-front-matter.md"][1]
    assert "slug" in found["articles/bad-field.md"][1]
    assert "nobody-here" in found["tracks.yaml #2"][1]
    assert report.count("failed") == 4
    assert report.count("created") == 5


async def test_import_is_idempotent_and_protects_published_content(
    session: AsyncSession, staff_user: Member, tmp_path: Path, settings: Any
) -> None:
    write_corpus(tmp_path)
    await run(session, staff_user, tmp_path)
    again = await run(session, staff_user, tmp_path)
    assert again.count("created") == 0
    assert again.count("updated") == 0
    assert again.count("unchanged") == 5
    article = tmp_path / "articles" / "grounding.md"
    article.write_text(ARTICLE.replace("Then four", "Then, gently, four"))
    edited = await run(session, staff_user, tmp_path)
    assert outcomes(edited)["articles/grounding.md"][0] == "updated"
    # Once it is in review (or published), a changed file is refused rather than skipping review.
    from sqlalchemy import select

    from app.articles.models import Article

    entry = await session.scalar(select(Article).where(Article.slug == "grounding-5-4-3-2-1"))
    assert entry is not None
    await transition(
        session=session,
        actor=staff_user.user,
        kind_name="article",
        entry_id=entry.id,
        action="submit",
        data=Transition(),
        now=utcnow(),
    )
    article.write_text(ARTICLE.replace("Then four", "Then, slowly, four"))
    refused = await run(session, staff_user, tmp_path)
    outcome, reason = outcomes(refused)["articles/grounding.md"]
    assert outcome == "failed" and "Only drafts" in reason


async def test_import_needs_a_staff_account(
    session: AsyncSession, member: Member, tmp_path: Path
) -> None:
    write_corpus(tmp_path)
    with pytest.raises(ValueError, match="not a staff account"):
        await run(session, member, tmp_path)
    with pytest.raises(ValueError, match="not a directory"):
        await run(session, member, tmp_path / "missing")


@pytest.mark.skipif(
    bool(os.environ.get("TEST_DATABASE_URL")), reason="the CLI test uses its own SQLite file"
)
def test_the_command_line_imports_and_summarises(tmp_path: Path) -> None:
    write_corpus(tmp_path / "content")
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/cli.db",
        "NEW_USER_PASSWORD": "a-long-editor-passphrase",
    }

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603 - our own CLI with fixed arguments
            [sys.executable, "-m", "app.cli", *args],
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    assert cli("migrate").returncode == 0
    created = cli("create-user", "--email", "ed@example.org", "--name", "Ed", "--role", "editor")
    assert created.returncode == 0, created.stderr
    first = cli("import-content", str(tmp_path / "content"), "--as", "ed@example.org")
    assert first.returncode == 1, "some files failed"
    assert "imported 9 items: 5 created, 0 updated, 0 unchanged, 4 failed" in first.stdout
    assert "articles/broken.md" in first.stdout
    assert "importing" in first.stderr  # the progress bar
    second = cli("import-content", str(tmp_path / "content"), "--as", "ed@example.org")
    assert "0 created, 0 updated, 5 unchanged, 4 failed" in second.stdout
