"""Import content from files: Markdown articles with YAML front matter, and YAML manifests.

    DIR/people.yaml       a list of people          (PersonIn fields)
    DIR/topics.yaml       a list of topics          (TopicIn fields)
    DIR/articles/*.md     one article per file:     front matter (ArticleDraft fields but
                                                    the body) between '---' lines, then the body
    DIR/tracks.yaml       a list of tracks          (TrackDraft fields, with variants)
    DIR/collections.yaml  a list of collections     (CollectionDraft fields)

Everything is imported in that order (so references resolve), each item in its own
transaction: one bad file is reported and the rest are imported. Idempotent on slug: a new
slug is created as a draft, an existing draft is updated, an unchanged item is left alone,
and a changed item that is no longer a draft is refused (unpublish it first), because only
reviewed content may go live.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio
import yaml
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.accounts.models import STAFF_ROLES, User
from app.core.errors import DomainError
from app.editorial import service
from app.editorial.content import KINDS, snapshot

MANIFESTS = (("person", "people.yaml"), ("topic", "topics.yaml"))
LATER_MANIFESTS = (("track", "tracks.yaml"), ("collection", "collections.yaml"))


@dataclass
class ItemResult:
    kind: str
    source: str
    slug: str | None
    outcome: str  # created, updated, unchanged, failed
    reason: str = ""


@dataclass
class ImportReport:
    results: list[ItemResult] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for result in self.results if result.outcome == outcome)

    @property
    def failed(self) -> list[ItemResult]:
        return [result for result in self.results if result.outcome == "failed"]


@dataclass(frozen=True)
class SourceItem:
    kind: str
    source: str
    data: dict[str, Any] | None
    problem: str = ""


def parse_article(path: Path) -> dict[str, Any]:
    """Front matter and body of one Markdown file; ValueError says what is wrong."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        raise ValueError("the file does not start with '---' front matter")
    try:
        _, front, body = text.split("---", 2)
    except ValueError:
        raise ValueError("the front matter has no closing '---' line") from None
    try:
        meta = yaml.safe_load(front)
    except yaml.YAMLError as error:
        raise ValueError(f"the front matter is not valid YAML: {error}") from None
    if not isinstance(meta, dict):
        raise ValueError("the front matter must be a mapping of field: value")
    if "body_markdown" in meta:
        raise ValueError("put the body after the front matter, not in a body_markdown field")
    return {**meta, "body_markdown": body.strip() + "\n"}


def _manifest(directory: Path, kind: str, name: str) -> Iterator[SourceItem]:
    path = directory / name
    if not path.exists():
        return
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as error:
        yield SourceItem(kind, name, None, f"not valid YAML: {error}")
        return
    if not isinstance(entries, list):
        yield SourceItem(kind, name, None, "must be a list of entries")
        return
    for n, entry in enumerate(entries, 1):
        if isinstance(entry, dict):
            yield SourceItem(kind, f"{name} #{n}", entry)
        else:
            yield SourceItem(kind, f"{name} #{n}", None, "each entry must be a mapping")


def source_items(directory: Path) -> list[SourceItem]:
    if not directory.is_dir():
        raise ValueError(f"{directory} is not a directory")
    items: list[SourceItem] = []
    for kind, name in MANIFESTS:
        items += _manifest(directory, kind, name)
    for path in sorted((directory / "articles").glob("*.md")):
        source = f"articles/{path.name}"
        try:
            items.append(SourceItem("article", source, parse_article(path)))
        except (ValueError, UnicodeDecodeError) as error:
            items.append(SourceItem("article", source, None, str(error)))
    for kind, name in LATER_MANIFESTS:
        items += _manifest(directory, kind, name)
    return items


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
    if isinstance(error, DomainError):
        fields = "; ".join(f"{e.name}: {e.message}" for e in error.errors)
        return error.detail + (f" ({fields})" if fields else "")
    return str(error)


async def import_item(session: AsyncSession, actor: User, item: SourceItem) -> ItemResult:
    if item.data is None:
        return ItemResult(item.kind, item.source, None, "failed", item.problem)
    slug = item.data.get("slug") if isinstance(item.data.get("slug"), str) else None
    kind = KINDS[item.kind]
    try:
        draft = kind.draft.model_validate(item.data)
        wanted = draft.model_dump(mode="json")
        entity = await session.scalar(select(kind.table).where(kind.table.slug == draft.slug))
        if entity is None:
            await service.create_entry(
                session=session, actor=actor, kind_name=kind.name, data=draft
            )
            return ItemResult(kind.name, item.source, draft.slug, "created")
        if await snapshot(session, kind.name, entity) == wanted:
            return ItemResult(kind.name, item.source, draft.slug, "unchanged")
        await service.update_entry(
            session=session,
            actor=actor,
            kind_name=kind.name,
            entry_id=entity.id,
            changes=wanted,
            note="imported",
        )
        return ItemResult(kind.name, item.source, draft.slug, "updated")
    except (ValidationError, DomainError) as error:
        await session.rollback()
        return ItemResult(kind.name, item.source, slug, "failed", _reason(error))


async def import_directory(
    *,
    sessionmaker: "async_sessionmaker[AsyncSession]",
    actor_email: str,
    directory: Path,
    on_item: Callable[[ItemResult], None] = lambda result: None,
) -> ImportReport:
    """Import every item under `directory` as `actor_email` (a staff account)."""
    report = ImportReport()
    items = await anyio.to_thread.run_sync(source_items, directory)
    async with sessionmaker() as session:
        actor = await session.scalar(select(User).where(User.email == actor_email.lower()))
        if actor is None or actor.role not in STAFF_ROLES:
            raise ValueError(f"{actor_email} is not a staff account (editor, reviewer, admin)")
    for item in items:
        async with sessionmaker() as session:
            actor = await session.merge(actor)
            result = await import_item(session, actor, item)
        report.results.append(result)
        on_item(result)
    return report
