"""search index

Full-text search over articles, tracks and collections: one document per item (drafts
included; visibility is applied when searching) with a title, a summary and a body.

* PostgreSQL: the text search configuration `search_english` (`english` after `unaccent`),
  the table `search_document` with a stored generated `tsvector` (title A, summary B, body
  C) and a GIN index on it.
* SQLite: the FTS5 virtual table `search_document` (porter stemming, diacritics removed),
  keyed by a rowid derived from (kind, content_id), so one document is replaced in place.

Both are filled from the existing content. The text extraction below is a frozen copy of
app/search/indexing.py at the time of writing, as a migration must not change later.

Revision ID: ddad876bf2b1
Revises: 2a7f3e148c39
Create Date: 2026-11-27 05:13:46.117392
"""

import html
import re
from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "ddad876bf2b1"
down_revision: str | None = "2a7f3e148c39"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DOCUMENT_EXPRESSION = (
    "setweight(to_tsvector('search_english'::regconfig, title), 'A') || "
    "setweight(to_tsvector('search_english'::regconfig, summary), 'B') || "
    "setweight(to_tsvector('search_english'::regconfig, body), 'C')"
)
SQLITE_KIND_CODES = {"article": 1, "track": 2, "collection": 3}
CHUNK = 500

_BLOCK_TAG = re.compile(
    r"</?(?:p|h[1-6]|li|ul|ol|br|hr|tr|td|th|thead|tbody|table|blockquote|pre|img)\b[^>]*>",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_MARKERS = re.compile("[\ue000\ue001]")


def _clean(value: str | None) -> str:
    return _SPACE.sub(" ", _MARKERS.sub("", value or "")).strip()


def _text_from_html(value: str | None) -> str:
    return _clean(html.unescape(_TAG.sub("", _BLOCK_TAG.sub(" ", value or ""))))


def _text_from_webvtt(value: str | None) -> str:
    spoken: list[str] = []
    normalized = (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    for block in re.split(r"\n\s*\n", normalized):
        lines = block.split("\n")
        timing = next((i for i, line in enumerate(lines) if "-->" in line), None)
        if timing is None or lines[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        spoken += lines[timing + 1 :]
    return _clean(html.unescape(_TAG.sub("", " ".join(spoken))))


def _joined(*parts: str | None) -> str:
    kept = [cleaned for cleaned in (_clean(part) for part in parts) if cleaned]
    return " ".join(
        part if part[-1] in ".!?:;…" or i == len(kept) - 1 else part + "."
        for i, part in enumerate(kept)
    )


article = sa.table(
    "article",
    sa.column("id", sa.Integer),
    sa.column("title", sa.Text),
    sa.column("subtitle", sa.Text),
    sa.column("summary", sa.Text),
    sa.column("body_html", sa.Text),
)
track = sa.table(
    "track", sa.column("id", sa.Integer), sa.column("title"), sa.column("description")
)
track_variant = sa.table(
    "track_variant",
    sa.column("id", sa.Integer),
    sa.column("track_id", sa.Integer),
    sa.column("position", sa.Integer),
    sa.column("transcript_vtt", sa.Text),
)
collection = sa.table(
    "collection", sa.column("id", sa.Integer), sa.column("title"), sa.column("description")
)


def _rows(bind: sa.Connection, table: Any) -> Iterator[list[Any]]:
    """Every row of `table`, CHUNK at a time in id order (keyset, so memory stays flat)."""
    last = 0
    while True:
        rows = list(
            bind.execute(
                sa.select(table).where(table.c.id > last).order_by(table.c.id).limit(CHUNK)
            )
        )
        if not rows:
            return
        yield rows
        last = rows[-1].id


def _documents(bind: sa.Connection) -> Iterator[list[dict[str, Any]]]:
    for rows in _rows(bind, article):
        yield [
            {
                "kind": "article",
                "content_id": row.id,
                "title": _clean(row.title),
                "summary": _joined(row.subtitle, row.summary),
                "body": _text_from_html(row.body_html),
            }
            for row in rows
        ]
    for rows in _rows(bind, track):
        transcripts: dict[int, list[str]] = {row.id: [] for row in rows}
        for variant in bind.execute(
            sa.select(track_variant.c.track_id, track_variant.c.transcript_vtt)
            .where(
                track_variant.c.track_id.in_(list(transcripts)),
                track_variant.c.transcript_vtt.is_not(None),
            )
            .order_by(track_variant.c.track_id, track_variant.c.position, track_variant.c.id)
        ):
            text = _text_from_webvtt(variant.transcript_vtt)
            if text and text not in transcripts[variant.track_id]:
                transcripts[variant.track_id].append(text)
        yield [
            {
                "kind": "track",
                "content_id": row.id,
                "title": _clean(row.title),
                "summary": _clean(row.description),
                "body": " ".join(transcripts[row.id]),
            }
            for row in rows
        ]
    for rows in _rows(bind, collection):
        yield [
            {
                "kind": "collection",
                "content_id": row.id,
                "title": _clean(row.title),
                "summary": _clean(row.description),
                "body": "",
            }
            for row in rows
        ]


def _backfill(bind: sa.Connection) -> None:
    if bind.dialect.name == "sqlite":
        statement: Any = sa.text(
            "INSERT INTO search_document (rowid, kind, content_id, title, summary, body) "
            "VALUES (:rowid, :kind, :content_id, :title, :summary, :body)"
        )
    else:
        statement = sa.table(
            "search_document",
            sa.column("kind"),
            sa.column("content_id"),
            sa.column("title"),
            sa.column("summary"),
            sa.column("body"),
        ).insert()
    for documents in _documents(bind):
        if bind.dialect.name == "sqlite":
            for document in documents:
                code = SQLITE_KIND_CODES[document["kind"]]
                document["rowid"] = document["content_id"] * 8 + code
        bind.execute(statement, documents)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        # unaccent is a trusted extension (PostgreSQL 13+): the database owner may create it.
        op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        op.execute("CREATE TEXT SEARCH CONFIGURATION search_english (COPY = english)")
        op.execute(
            "ALTER TEXT SEARCH CONFIGURATION search_english "
            "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem"
        )
        op.create_table(
            "search_document",
            sa.Column("kind", sa.String(length=20), nullable=False),
            sa.Column("content_id", sa.Integer(), nullable=False),
            sa.Column("title", sa.Text(), nullable=False),
            sa.Column("summary", sa.Text(), nullable=False),
            sa.Column("body", sa.Text(), nullable=False),
            sa.Column(
                "document",
                postgresql.TSVECTOR(),
                sa.Computed(DOCUMENT_EXPRESSION, persisted=True),
                nullable=True,
            ),
            sa.PrimaryKeyConstraint("kind", "content_id", name=op.f("pk_search_document")),
        )
        op.create_index(
            "ix_search_document_document",
            "search_document",
            ["document"],
            unique=False,
            postgresql_using="gin",
        )
    elif bind.dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE search_document USING fts5("
            "kind UNINDEXED, content_id UNINDEXED, title, summary, body, "
            "tokenize = 'porter unicode61 remove_diacritics 2')"
        )
    else:
        raise RuntimeError(f"search supports SQLite and PostgreSQL, not {bind.dialect.name}")
    _backfill(bind)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_search_document_document", table_name="search_document")
        op.drop_table("search_document")
        op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS search_english")
        # The unaccent extension stays: other objects may have come to depend on it, and
        # upgrading again creates it only if it is missing.
    else:
        # Drops FTS5's shadow tables with it.
        op.execute("DROP TABLE IF EXISTS search_document")
