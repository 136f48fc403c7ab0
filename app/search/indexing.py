"""Keeping the search index current: one document per article, track and collection.

**Every write path that creates, changes or deletes an article, track or collection calls
`index_content` (or `remove_from_index`) in the same transaction as the change**, as it calls
`record_content_change`: the demo seed does so today, the editorial service must when it
comes. The document is rebuilt from the row whatever its status (drafts and scheduled items
included), because visibility is decided at search time by joining the content tables: a
scheduled item starts matching at its time without anyone re-indexing it.

Why a service call and not database triggers: the indexed text is derived in Python (an
article's sanitized HTML and a track's WebVTT transcripts become plain text) once, the same
way on SQLite and PostgreSQL, and the call is visible in the write path and in tests. The
cost is that a write path could forget it; `rebuild_search_index` (`python -m app.cli
search-reindex`) repairs the index from the content tables at any time, e.g. after a bulk
import that bypasses the services.
"""

import html
import re
from collections.abc import Iterable
from typing import Any, overload

from sqlalchemy import bindparam, case, delete, select, text, tuple_
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from app.articles.models import Article
from app.collections.models import Collection
from app.core.db import begin_write
from app.search.models import SearchKind, search_document
from app.tracks.models import Track, TrackVariant

# Highlight markers (private-use characters) put around matches by the database and turned
# into <mark> after escaping; they are removed from indexed text so content cannot fake one.
MATCH_START = "\ue000"
MATCH_END = "\ue001"

# On SQLite a document's rowid is derived from (kind, content_id): replacing one is a rowid
# lookup, not a scan of the FTS5 table's UNINDEXED columns.
_SQLITE_KIND_CODES = {SearchKind.article: 1, SearchKind.track: 2, SearchKind.collection: 3}
_KIND_SLOTS = 8
_CHUNK = 500

_BLOCK_TAG = re.compile(
    r"</?(?:p|h[1-6]|li|ul|ol|br|hr|tr|td|th|thead|tbody|table|blockquote|pre|img)\b[^>]*>",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_MARKERS = re.compile(f"[{MATCH_START}{MATCH_END}]")


@overload
def sqlite_rowid(kind: SearchKind, content_id: int) -> int: ...
@overload
def sqlite_rowid(kind: SearchKind, content_id: ColumnElement[int]) -> ColumnElement[int]: ...
def sqlite_rowid(kind: SearchKind, content_id: Any) -> Any:
    """A document's rowid on SQLite, in Python or (given a column) in SQL."""
    return content_id * _KIND_SLOTS + _SQLITE_KIND_CODES[kind]


def sqlite_kind_and_id(rowid: ColumnElement[int]) -> tuple[ColumnElement[str], ColumnElement[int]]:
    """The kind and content id held in a document's rowid, in SQL."""
    kinds = {code: kind.value for kind, code in _SQLITE_KIND_CODES.items()}
    return case(kinds, value=rowid % _KIND_SLOTS), rowid // _KIND_SLOTS


def clean_text(value: str | None) -> str:
    """One line of plain text, without highlight markers."""
    return _SPACE.sub(" ", _MARKERS.sub("", value or "")).strip()


def text_from_html(value: str | None) -> str:
    """The words of sanitized HTML: block elements become spaces, entities characters."""
    return clean_text(html.unescape(_TAG.sub("", _BLOCK_TAG.sub(" ", value or ""))))


def text_from_webvtt(value: str | None) -> str:
    """The spoken text of a WebVTT transcript: cue payloads only, without voice tags."""
    spoken: list[str] = []
    normalized = (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    for block in re.split(r"\n\s*\n", normalized):
        lines = block.split("\n")
        timing = next((i for i, line in enumerate(lines) if "-->" in line), None)
        if timing is None or lines[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        spoken += lines[timing + 1 :]
    return clean_text(html.unescape(_TAG.sub("", " ".join(spoken))))


def _joined(*parts: str | None) -> str:
    """Fields read as one, with a full stop after a part that has no closing punctuation
    (a subtitle), so snippets do not run two sentences together."""
    kept = [cleaned for cleaned in (clean_text(part) for part in parts) if cleaned]
    return " ".join(
        part if part[-1] in ".!?:;…" or i == len(kept) - 1 else part + "."
        for i, part in enumerate(kept)
    )


async def _documents(
    session: AsyncSession, kind: SearchKind, ids: list[int]
) -> list[dict[str, Any]]:
    """The search documents of the rows among `ids` that exist, whatever their status."""
    if kind is SearchKind.article:
        rows = await session.execute(
            select(
                Article.id, Article.title, Article.subtitle, Article.summary, Article.body_html
            ).where(Article.id.in_(ids))
        )
        return [
            {
                "kind": kind.value,
                "content_id": row.id,
                "title": clean_text(row.title),
                "summary": _joined(row.subtitle, row.summary),
                "body": text_from_html(row.body_html),
            }
            for row in rows
        ]
    if kind is SearchKind.track:
        tracks = list(
            await session.execute(
                select(Track.id, Track.title, Track.description).where(Track.id.in_(ids))
            )
        )
        transcripts: dict[int, list[str]] = {row.id: [] for row in tracks}
        variants = await session.execute(
            select(TrackVariant.track_id, TrackVariant.transcript_vtt)
            .where(TrackVariant.track_id.in_(ids), TrackVariant.transcript_vtt.is_not(None))
            .order_by(TrackVariant.track_id, TrackVariant.position, TrackVariant.id)
        )
        for track_id, transcript in variants:
            spoken = text_from_webvtt(transcript)
            # Variants (narrator x length) often share a script: index it once.
            if spoken and track_id in transcripts and spoken not in transcripts[track_id]:
                transcripts[track_id].append(spoken)
        return [
            {
                "kind": kind.value,
                "content_id": row.id,
                "title": clean_text(row.title),
                "summary": clean_text(row.description),
                "body": " ".join(transcripts[row.id]),
            }
            for row in tracks
        ]
    collections = await session.execute(
        select(Collection.id, Collection.title, Collection.description).where(
            Collection.id.in_(ids)
        )
    )
    return [
        {
            "kind": kind.value,
            "content_id": row.id,
            "title": clean_text(row.title),
            "summary": clean_text(row.description),
            "body": "",
        }
        for row in collections
    ]


async def _remove(session: AsyncSession, kind: SearchKind, ids: list[int]) -> None:
    if not ids:
        return
    if session.get_bind().dialect.name == "sqlite":
        rowids = [sqlite_rowid(kind, i) for i in ids]
        await session.execute(
            text("DELETE FROM search_document WHERE rowid IN :rowids").bindparams(
                bindparam("rowids", rowids, expanding=True)
            )
        )
        return
    await session.execute(
        delete(search_document).where(
            tuple_(search_document.c.kind, search_document.c.content_id).in_(
                [(kind.value, i) for i in ids]
            )
        )
    )


async def index_contents(
    session: AsyncSession, *, kind: SearchKind, content_ids: Iterable[int]
) -> None:
    """(Re)index these items from their rows, in the caller's transaction (no commit); ids
    whose row no longer exists are removed from the index."""
    ids = list(dict.fromkeys(int(i) for i in content_ids))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        documents = await _documents(session, kind, chunk)
        if session.get_bind().dialect.name == "sqlite":
            await _remove(session, kind, chunk)
            if documents:
                await session.execute(
                    text(
                        "INSERT INTO search_document (rowid, kind, content_id, title, summary, "
                        "body) VALUES (:rowid, :kind, :content_id, :title, :summary, :body)"
                    ),
                    [{**doc, "rowid": sqlite_rowid(kind, doc["content_id"])} for doc in documents],
                )
            continue
        found = {doc["content_id"] for doc in documents}
        await _remove(session, kind, [i for i in chunk if i not in found])
        if documents:
            statement = postgresql_insert(search_document)
            await session.execute(
                statement.on_conflict_do_update(
                    index_elements=[search_document.c.kind, search_document.c.content_id],
                    set_={name: statement.excluded[name] for name in ("title", "summary", "body")},
                ),
                documents,
            )


async def index_content(session: AsyncSession, *, kind: SearchKind, content_id: int) -> None:
    """(Re)index one article, track or collection from its row, in the caller's transaction.
    Call after every change to the item (or to its variants' transcripts), published or not."""
    await index_contents(session, kind=kind, content_ids=[content_id])


async def remove_from_index(session: AsyncSession, *, kind: SearchKind, content_id: int) -> None:
    """Take a deleted item out of the index, in the caller's transaction."""
    await _remove(session, kind, [content_id])


async def rebuild_search_index(*, session: AsyncSession) -> dict[str, int]:
    """Rebuild every document from the content tables, in one transaction."""
    await begin_write(session)
    await session.execute(delete(search_document))
    counts: dict[str, int] = {}
    for kind, table in (
        (SearchKind.article, Article),
        (SearchKind.track, Track),
        (SearchKind.collection, Collection),
    ):
        ids = list(await session.scalars(select(table.id).order_by(table.id)))
        await index_contents(session, kind=kind, content_ids=ids)
        counts[f"{kind.value}s"] = len(ids)
    await session.commit()
    return counts
