"""The search index and the search API models.

One document per article, track and collection (drafts included: visibility is decided when
searching, by joining the content tables), with three weighted fields: `title`, `summary`
(an article's subtitle and summary, a track's or collection's description) and `body` (an
article's text, a track's transcripts).

The index has one shape per database, both made by the same migration:

* PostgreSQL: the table below, with `document`, a stored generated `tsvector` (title A,
  summary B, body C) under the `search_english` configuration (English stemming after
  `unaccent`), and a GIN index on it.
* SQLite: an FTS5 virtual table with the same name and text columns (`porter unicode61
  remove_diacritics 2`), which SQLAlchemy cannot describe: it and FTS5's shadow tables are
  left out of schema comparisons on SQLite (`schema_comparison_filters`).
"""

from collections.abc import Callable
from enum import StrEnum
from typing import Any

from sqlalchemy import Column, Computed, Index, Integer, String, Table, Text
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlmodel import Field, SQLModel

from app.articles.models import ArticleSummary
from app.collections.models import CollectionSummary
from app.core.pagination import Page
from app.tracks.models import TrackSummary


class SearchKind(StrEnum):
    article = "article"
    track = "track"
    collection = "collection"


SEARCH_TABLE = "search_document"
# PostgreSQL's text search configuration, made by the migration: `english` with `unaccent`.
POSTGRES_CONFIG = "search_english"
# Kept in step with the migration that creates the column (migrations are frozen copies).
DOCUMENT_EXPRESSION = (
    "setweight(to_tsvector('search_english'::regconfig, title), 'A') || "
    "setweight(to_tsvector('search_english'::regconfig, summary), 'B') || "
    "setweight(to_tsvector('search_english'::regconfig, body), 'C')"
)

search_document = Table(
    SEARCH_TABLE,
    SQLModel.metadata,
    Column("kind", String(20), primary_key=True),
    Column("content_id", Integer, primary_key=True),
    Column("title", Text, nullable=False),
    Column("summary", Text, nullable=False),
    Column("body", Text, nullable=False),
    # PostgreSQL only; on SQLite the FTS5 table indexes the text columns itself.
    Column("document", TSVECTOR, Computed(DOCUMENT_EXPRESSION, persisted=True)),
    Index("ix_search_document_document", "document", postgresql_using="gin"),
)

# The tables FTS5 keeps behind a virtual table on SQLite.
SQLITE_SHADOW_TABLES = frozenset(
    f"{SEARCH_TABLE}_{suffix}" for suffix in ("data", "idx", "content", "docsize", "config")
)


def schema_comparison_filters(dialect_name: str) -> dict[str, Callable[..., bool]]:
    """`include_name` and `include_object` for alembic's model/database comparison
    (autogenerate and the drift test). On SQLite the search index is an FTS5 virtual table
    made by hand in its migration: it and its shadow tables are skipped, and so is the
    PostgreSQL form in the models. On PostgreSQL everything is compared."""
    skipped = SQLITE_SHADOW_TABLES | {SEARCH_TABLE} if dialect_name == "sqlite" else frozenset()

    def include_name(name: str | None, type_: str, _parent_names: Any) -> bool:
        return not (type_ == "table" and name in skipped)

    def include_object(_object: Any, name: str | None, type_: str, *_args: Any) -> bool:
        return not (type_ == "table" and name in skipped)

    return {"include_name": include_name, "include_object": include_object}


class SearchHit(SQLModel):
    """One result: what it is, where it matched, and its summary for rendering a card."""

    kind: SearchKind
    slug: str
    title: str
    snippet: str = Field(
        description="HTML: a fragment of the best-matching field (summary or description, "
        "body or transcript, else the title) with each match in `<mark>…</mark>`; "
        "everything else is escaped text. `…` marks where the field was cut."
    )
    score: float = Field(
        description="Relevance, higher first. Its integer part is 2 when the title holds "
        "every word, 1 when the title and summary do, 0 when the body was needed; the "
        "fraction is the text relevance. Comparable only within one result list."
    )
    article: ArticleSummary | None = Field(None, description="Set when kind is `article`.")
    track: TrackSummary | None = Field(None, description="Set when kind is `track`.")
    collection: CollectionSummary | None = Field(None, description="Set when kind is `collection`.")


class SearchPage(Page[SearchHit]):
    """A page of search results, best first: pass `next_cursor` as `cursor` for the next."""
