"""Search over the published catalogue: articles, tracks and collections, best match first.

A query is reduced to plain words (letters, digits and marks; English stop words left out),
so no input can reach the full-text engine as syntax: on SQLite each word becomes an FTS5
string ("word"), on PostgreSQL a quoted lexeme in a `to_tsquery` built here ('word'). Every
word must match somewhere (title, summary or body), after stemming, with diacritics ignored.
PostgreSQL's `websearch_to_tsquery` would accept raw input safely too, but it gives user
syntax (quotes, `-`, `or`) a meaning that SQLite would not share and cannot group
alternatives; building the same boolean query for both keeps their results alike.

Ranking is the same rule on both databases: first the items whose title holds every word
(tier 2), then those whose title and summary hold them (tier 1), then the rest (tier 0);
within a tier, the engine's own relevance: FTS5's bm25 with column weights 10/4/1 on SQLite,
`ts_rank_cd` with weights A 1.0, B 0.4, C 0.2 on PostgreSQL. Without the tiers, an article
that says "sleep" thirty times in its body outranks a track called "Sleep" on both engines,
and they disagree with each other; with them, a fixed relevance test set passes on both.
`score` is tier + relevance / (1 + relevance): higher is better, and its integer part is the
tier.

Pagination: the cursor is a signed (search fingerprint, offset) and results stop at
MAX_RESULTS. Relevance order is not an index order: the database ranks every match whatever
the page, so a keyset on (score, kind, id) would save nothing but the skipped rows' output,
while depending on floating-point scores being recomputed bit for bit. An offset repeats or
skips an item only if the index changes between two pages, as a keyset on a score would
(every score moves when the corpus statistics do).

Visibility (published and live) is applied here, at query time: the index holds drafts and
scheduled items too, and they match when, and only when, the public may see them. PostgreSQL
joins each match to its entry; SQLite reads the few entries the public may not see once per
search and probes each match against them (`_sqlite_findable`). A document whose entry is
gone (deleted outside the services) finds no summary and is left out of the page.
"""

import hashlib
import html
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import (
    Integer,
    Select,
    and_,
    bindparam,
    case,
    column,
    func,
    literal_column,
    or_,
    select,
    text,
    tuple_,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from app.articles.models import Article, ArticleTopic
from app.articles.service import published_article_summaries
from app.collections.models import Collection, CollectionTopic
from app.collections.service import published_collection_summaries
from app.core.config import get_settings
from app.core.errors import FieldError, Invalid
from app.core.publishing import publicly_hidden, publicly_visible
from app.core.signing import BadToken, sign, unsign
from app.search.indexing import MATCH_END, MATCH_START, sqlite_kind_and_id, sqlite_rowid
from app.search.models import (
    POSTGRES_CONFIG,
    SEARCH_TABLE,
    SearchHit,
    SearchKind,
    SearchPage,
    search_document,
)
from app.taxonomy.models import Topic
from app.taxonomy.service import require_filter_target
from app.tracks.models import Track, TrackTopic
from app.tracks.service import published_track_summaries

MAX_QUERY_LENGTH = 200
DEFAULT_SEARCH_PAGE = 20
MAX_SEARCH_PAGE = 50
MAX_RESULTS = 300
SNIPPET_WORDS = 24
ELLIPSIS = "…"
_CURSOR = "search-cursor"
_ICK_FORM = re.compile(r"(\w{2,}ic)k(?:ing|ed|s)")

# bm25 weights of the FTS5 columns: kind and content_id (unindexed), title, summary, body.
_SQLITE_WEIGHTS = (0.0, 0.0, 10.0, 4.0, 1.0)
# ts_rank_cd weights of D, C (body), B (summary), A (title); normalization 1 divides by
# 1 + log(length), so long bodies do not win by bulk alone.
_POSTGRES_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
_HEADLINE = (
    f"StartSel={MATCH_START}, StopSel={MATCH_END}, MaxFragments=1, "
    f"MaxWords={SNIPPET_WORDS}, MinWords={SNIPPET_WORDS // 2}, ShortWord=2"
)
_TITLE_HEADLINE = f"StartSel={MATCH_START}, StopSel={MATCH_END}, HighlightAll=true"


# PostgreSQL's English stop words (tsearch_data/english.stop). They are dropped from every
# query, so "how to sleep" means `sleep` on both databases: FTS5 has no stop words and would
# otherwise require "how" and "to" to appear as well.
_STOP_WORDS = """i me my myself we our ours ourselves you your yours yourself yourselves he him his
himself she her hers herself it its itself they them their theirs themselves what which
who whom this that these those am is are was were be been being have has had having do
does did doing a an the and but if or because as until while of at by for with about
against between into through during before after above below to from up down in out on
off over under again further then once here there when where why how all any both each
few more most other some such no nor not only own same so than too very s t can will
just don should now"""
STOP_WORDS = frozenset(_STOP_WORDS.split())


@dataclass(frozen=True)
class SearchFilters:
    kinds: frozenset[SearchKind] = frozenset()  # empty: every kind
    topic: str | None = None
    locale: str | None = None


def _invalid(name: str, message: str, detail: str) -> Invalid:
    return Invalid(detail, errors=[FieldError("query", name, message)])


def search_terms(q: str) -> list[str]:
    """The words of a query, lower-cased, each once, stop words left out: runs of letters,
    digits and combining marks. Everything else (quotes, `*`, `-`, `:`, parentheses)
    separates words, so FTS syntax such as NEAR(...) or "unbalanced is searched as the plain
    words it contains, and AND, OR and NOT are stop words."""
    if len(q) > MAX_QUERY_LENGTH:
        raise _invalid(
            "q",
            f"at most {MAX_QUERY_LENGTH} characters",
            f"query parameter 'q' is longer than {MAX_QUERY_LENGTH} characters.",
        )
    if not q.strip():
        raise _invalid("q", "enter a word to search for", "query parameter 'q' is empty.")
    terms: list[str] = []
    word: list[str] = []
    for character in unicodedata.normalize("NFKC", q).lower() + " ":
        if unicodedata.category(character)[0] in "LNM":
            word.append(character)
        elif word:
            terms.append("".join(word))
            word = []
    return [term for term in dict.fromkeys(terms) if term not in STOP_WORDS]


def _fingerprint(terms: list[str], filters: SearchFilters) -> str:
    key = [terms, sorted(filters.kinds), filters.topic, filters.locale]
    return hashlib.sha256(orjson.dumps(key)).hexdigest()[:16]


def search_cursor(*, q: str, filters: SearchFilters, position: int) -> str:
    """The cursor that resumes this search after `position` results (GraphQL edges)."""
    fingerprint = _fingerprint(search_terms(q), filters)
    return sign(get_settings().secret_key, _CURSOR, [fingerprint, position])


def offset_of(cursor: str | None, *, q: str, filters: SearchFilters) -> int:
    """How many results come before the page this cursor starts (0 without one)."""
    return _offset(cursor, _fingerprint(search_terms(q), filters))


def _offset(cursor: str | None, fingerprint: str) -> int:
    if cursor is None:
        return 0

    def bad(message: str) -> Invalid:
        return _invalid(
            "cursor",
            message,
            f"The cursor is not valid: {message}. Use a next_cursor from a previous page of "
            "the same search, or omit it to start at the first page.",
        )

    try:
        issued_for, offset = unsign(get_settings().secret_key, _CURSOR, cursor)
    except BadToken as error:
        raise bad(str(error)) from None
    except (TypeError, ValueError):
        raise bad("it is malformed") from None
    if not isinstance(offset, int) or not 0 <= offset <= MAX_RESULTS:
        raise bad("it is malformed")
    if issued_for != fingerprint:
        raise bad("it belongs to a different search (q, kind, topic or locale changed)")
    return offset


@dataclass(frozen=True)
class _Ranking:
    """How one database matches and ranks: the WHERE clause, the tier and the relevance."""

    match: ColumnElement[bool]
    tier: ColumnElement[int]
    relevance: ColumnElement[float]


def word_forms(term: str) -> list[str]:
    """The word, and its other spelling when English adds a k to a word in -ic ("panic",
    "panicking"): both stemmers keep the k (panicking -> panick), so neither form would
    find the other. The forms are alternatives: either may match."""
    ick = _ICK_FORM.fullmatch(term)
    if ick:
        return [term, ick.group(1)]
    if len(term) >= 4 and term.endswith("ic"):
        return [term, term + "king"]
    return [term]


def _fts5_string(terms: list[str]) -> str:
    """Every word, each an FTS5 string: `"stop" AND ("panicking" OR "panic")` (FTS5 allows
    an implicit AND between strings, not next to parentheses)."""
    groups = []
    for term in terms:
        forms = [f'"{form}"' for form in word_forms(term)]
        groups.append(forms[0] if len(forms) == 1 else f"({' OR '.join(forms)})")
    return " AND ".join(groups)


def _tsquery_string(terms: list[str], *, weights: str = "", any_word: bool = False) -> str:
    """The same for PostgreSQL's to_tsquery: `'stop' & ('panicking' | 'panic')`, each
    lexeme limited to `weights` (A title, B summary) when given. The words hold only
    letters, digits and marks, so quoting them is enough to keep them words."""
    label = f":{weights}" if weights else ""
    groups = []
    for term in terms:
        forms = [f"'{form}'{label}" for form in word_forms(term)]
        groups.append(forms[0] if len(forms) == 1 else f"({' | '.join(forms)})")
    return (" | " if any_word else " & ").join(groups)


def _sqlite_ranking(terms: list[str]) -> _Ranking:
    table: Any = literal_column(SEARCH_TABLE)  # FTS5's hidden column named after the table
    phrase = _fts5_string(terms)

    def matches_within(columns: str) -> ColumnElement[bool]:
        # A separate FTS5 query restricted to these columns; uncorrelated, so SQLite runs it
        # once and probes its rowids.
        rowids = (
            text("SELECT rowid FROM search_document WHERE search_document MATCH :within")
            .bindparams(bindparam("within", f"{{{columns}}} : ({phrase})", unique=True))
            .columns(column("rowid"))
        )
        return literal_column(f"{SEARCH_TABLE}.rowid").in_(rowids)

    return _Ranking(
        match=table.op("MATCH")(bindparam("fts_query", phrase)),
        tier=case(
            (matches_within("title"), 2),
            (matches_within("title summary"), 1),
            else_=0,
        ),
        relevance=-func.bm25(table, *_SQLITE_WEIGHTS),
    )


def _regconfig() -> Any:
    return literal_column(f"'{POSTGRES_CONFIG}'::regconfig")


def _postgres_query(terms: list[str], **options: Any) -> Any:
    return func.to_tsquery(_regconfig(), _tsquery_string(terms, **options))


def _postgres_ranking(terms: list[str]) -> _Ranking:
    document = search_document.c.document

    def matches_within(weights: str) -> ColumnElement[bool]:
        return document.op("@@")(_postgres_query(terms, weights=weights))

    query = _postgres_query(terms)
    return _Ranking(
        match=document.op("@@")(query),
        tier=case((matches_within("A"), 2), (matches_within("AB"), 1), else_=0),
        relevance=func.ts_rank_cd(
            literal_column(f"'{_POSTGRES_WEIGHTS}'::float4[]"), document, query, 1
        ),
    )


# What can be found, with the column linking each to a topic.
_SEARCHED = (
    (SearchKind.article, Article, ArticleTopic.article_id),
    (SearchKind.track, Track, TrackTopic.track_id),
    (SearchKind.collection, Collection, CollectionTopic.collection_id),
)


def _topic_entries(topic_owner: Any, slug: str) -> Select[Any]:
    return (
        select(topic_owner)
        .join(Topic, Topic.id == topic_owner.table.c.topic_id)
        .where(Topic.slug == slug)
    )


def _sqlite_findable(
    filters: SearchFilters, now: datetime, kind: ColumnElement[str], content_id: ColumnElement[int]
) -> list[ColumnElement[bool]]:
    """The conditions a match meets when the public may find it now, in the filters' kinds,
    topic and locale, as tests of its rowid.

    Hidden entries (drafts, in review, approved, archived, scheduled) are a catalogue's
    few: their rowids are read once per search from the (status, published_at, id) indexes
    and each match is probed against them. Joining every match to its entry instead read
    each matching row, where an article's status is stored after its body (0.5 s of a 0.7 s
    search for a word in 100k articles); the opposite set, every findable entry, took 85 ms
    to build at 100k whatever the number of matches."""
    # The unary + keeps SQLite from driving the search by these sets (a full-text lookup
    # per entry in them) rather than by the full-text match.
    rowid = literal_column(f"+{SEARCH_TABLE}.rowid", Integer)
    searched = [entry for entry in _SEARCHED if not filters.kinds or entry[0] in filters.kinds]
    hidden = union_all(
        *(
            select(sqlite_rowid(searched_kind, table.id)).where(publicly_hidden(table, now))
            for searched_kind, table, _ in searched
        )
    )
    conditions: list[ColumnElement[bool]] = [rowid.not_in(hidden)]
    if filters.kinds:
        conditions.append(kind.in_([searched_kind.value for searched_kind, _, _ in searched]))
    if filters.topic is not None:
        topic = filters.topic
        conditions.append(
            rowid.in_(
                union_all(
                    *(
                        _topic_entries(owner, topic).with_only_columns(
                            sqlite_rowid(searched_kind, owner)
                        )
                        for searched_kind, _, owner in searched
                    )
                )
            )
        )
    if filters.locale is not None:
        # Per match: the locale is an entry's first column, read without its body.
        entry_locale = case(
            *(
                (
                    kind == searched_kind.value,
                    select(table.locale).where(table.id == content_id).scalar_subquery(),
                )
                for searched_kind, table, _ in searched
            )
        )
        conditions.append(entry_locale == filters.locale)
    return conditions


def _postgres_findable(
    statement: Select[Any], filters: SearchFilters, now: datetime
) -> Select[Any]:
    """The statement joined to each match's entry, which the public may find now, in the
    filters' kinds, topic and locale."""
    doc = search_document.c
    statement = (
        statement.outerjoin(
            Article, and_(doc.kind == SearchKind.article.value, Article.id == doc.content_id)
        )
        .outerjoin(Track, and_(doc.kind == SearchKind.track.value, Track.id == doc.content_id))
        .outerjoin(
            Collection,
            and_(doc.kind == SearchKind.collection.value, Collection.id == doc.content_id),
        )
        # Exactly one of the three joined rows exists; it must be public now.
        .where(or_(*(publicly_visible(table, now) for _, table, _ in _SEARCHED)))
    )
    if filters.kinds:
        statement = statement.where(doc.kind.in_(sorted(kind.value for kind in filters.kinds)))
    if filters.locale is not None:
        locale = func.coalesce(Article.locale, Track.locale, Collection.locale)
        statement = statement.where(locale == filters.locale)
    if filters.topic is not None:
        topic = filters.topic
        statement = statement.where(
            or_(*(table.id.in_(_topic_entries(owner, topic)) for _, table, owner in _SEARCHED))
        )
    return statement


def _ranked(terms: list[str], filters: SearchFilters, now: datetime, *, sqlite: bool) -> Any:
    """The matches the public may find, best first: (kind, content_id, tier, relevance)."""
    kind: ColumnElement[str]
    content_id: ColumnElement[int]
    if sqlite:
        ranking = _sqlite_ranking(terms)
        # The rowid holds both: reading the UNINDEXED kind and content_id of every match
        # cost as much as ranking them.
        kind, content_id = sqlite_kind_and_id(literal_column(f"{SEARCH_TABLE}.rowid", Integer))
    else:
        ranking = _postgres_ranking(terms)
        kind, content_id = search_document.c.kind, search_document.c.content_id
    statement = (
        select(
            kind.label("kind"),
            content_id.label("content_id"),
            ranking.tier.label("tier"),
            ranking.relevance.label("relevance"),
        )
        .select_from(search_document)
        .where(ranking.match)
    )
    if sqlite:
        statement = statement.where(*_sqlite_findable(filters, now, kind, content_id))
    else:
        statement = _postgres_findable(statement, filters, now)
    return statement.order_by(
        literal_column("tier").desc(),
        literal_column("relevance").desc(),
        literal_column("kind"),
        literal_column("content_id"),
    )


@dataclass
class _Fragment:
    """A field's fragment with highlight markers, and whether the field was cut around it."""

    marked: str
    cut_before: bool = False
    cut_after: bool = False

    def matched_words(self) -> int:
        words = set()
        for piece in self.marked.split(MATCH_START)[1:]:
            words.add(piece.split(MATCH_END, 1)[0].lower())
        return len(words)

    def html(self) -> str:
        escaped = html.escape(self.marked)
        escaped = escaped.replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>")
        return (
            (ELLIPSIS if self.cut_before else "") + escaped + (ELLIPSIS if self.cut_after else "")
        )


async def _sqlite_fragments(
    session: AsyncSession, terms: list[str], keys: list[tuple[SearchKind, int]]
) -> dict[tuple[str, int], list[_Fragment]]:
    statement = text(
        "SELECT kind, content_id, "
        "highlight(search_document, 2, :start, :stop) AS title, "
        "snippet(search_document, 3, :start, :stop, :ellipsis, :words) AS summary, "
        "snippet(search_document, 4, :start, :stop, :ellipsis, :words) AS body "
        "FROM search_document WHERE search_document MATCH :query AND rowid IN :rowids"
    ).bindparams(bindparam("rowids", expanding=True))
    rows = await session.execute(
        statement,
        {
            "start": MATCH_START,
            "stop": MATCH_END,
            "ellipsis": ELLIPSIS,
            "words": SNIPPET_WORDS,
            "query": _fts5_string(terms),
            "rowids": [sqlite_rowid(kind, content_id) for kind, content_id in keys],
        },
    )
    return {
        (row.kind, int(row.content_id)): [
            _Fragment(row.summary or ""),
            _Fragment(row.body or ""),
            _Fragment(row.title or ""),
        ]
        for row in rows
    }


async def _postgres_fragments(
    session: AsyncSession, terms: list[str], keys: list[tuple[SearchKind, int]]
) -> dict[tuple[str, int], list[_Fragment]]:
    doc = search_document.c
    # Any of the words: ts_headline looks for a passage holding the whole query, and shows
    # the field's first words unmarked when they are far apart, as they often are.
    query = _postgres_query(terms, any_word=True)
    headlines = (
        select(
            doc.kind,
            doc.content_id,
            doc.summary,
            doc.body,
            func.ts_headline(_regconfig(), doc.title, query, _TITLE_HEADLINE).label("title_h"),
            func.ts_headline(_regconfig(), doc.summary, query, _HEADLINE).label("summary_h"),
            func.ts_headline(_regconfig(), doc.body, query, _HEADLINE).label("body_h"),
        )
        .where(tuple_(doc.kind, doc.content_id).in_([(kind.value, i) for kind, i in keys]))
        .subquery()
    )

    def unmarked(headline: Any) -> Any:
        return func.replace(func.replace(headline, MATCH_START, ""), MATCH_END, "")

    # Where each fragment sits in its field, to mark the cuts as SQLite's snippet() does.
    statement = select(
        headlines.c.kind,
        headlines.c.content_id,
        headlines.c.title_h,
        headlines.c.summary_h,
        headlines.c.body_h,
        func.strpos(headlines.c.summary, unmarked(headlines.c.summary_h)).label("summary_at"),
        func.length(headlines.c.summary).label("summary_length"),
        func.strpos(headlines.c.body, unmarked(headlines.c.body_h)).label("body_at"),
        func.length(headlines.c.body).label("body_length"),
    )

    def fragment(marked: str | None, at: int, length: int) -> _Fragment:
        marked = marked or ""
        shown = len(marked.replace(MATCH_START, "").replace(MATCH_END, ""))
        if at < 1:  # not found verbatim: say nothing about cuts
            return _Fragment(marked)
        return _Fragment(marked, cut_before=at > 1, cut_after=at - 1 + shown < length)

    return {
        (row.kind, int(row.content_id)): [
            fragment(row.summary_h, row.summary_at, row.summary_length),
            fragment(row.body_h, row.body_at, row.body_length),
            _Fragment(row.title_h or ""),
        ]
        for row in await session.execute(statement)
    }


def _best_snippet(fragments: list[_Fragment]) -> str:
    """The fragment of the field matching the most distinct words; on a tie the summary,
    then the body, then the title (which the client shows anyway)."""
    best = max(enumerate(fragments), key=lambda entry: (entry[1].matched_words(), -entry[0]))
    return best[1].html()


async def search_content(
    *,
    session: AsyncSession,
    q: str,
    filters: SearchFilters,
    limit: int,
    cursor: str | None,
    now: datetime,
) -> SearchPage:
    """Published, live articles, tracks and collections matching every word of `q`."""
    terms = search_terms(q)
    if not 1 <= limit <= MAX_SEARCH_PAGE:
        raise _invalid(
            "limit",
            f"must be 1 to {MAX_SEARCH_PAGE}",
            f"query parameter 'limit' must be between 1 and {MAX_SEARCH_PAGE}.",
        )
    fingerprint = _fingerprint(terms, filters)
    offset = _offset(cursor, fingerprint)
    limit = min(limit, MAX_RESULTS - offset)
    sqlite = session.get_bind().dialect.name == "sqlite"
    rows: list[Any] = []
    if terms and limit > 0:
        statement = _ranked(terms, filters, now, sqlite=sqlite).offset(offset).limit(limit + 1)
        rows = list((await session.execute(statement)).all())
    if not rows:
        if filters.topic is not None:
            await require_filter_target(session, Topic, filters.topic, "topic")
        return SearchPage(items=[], next_cursor=None)

    has_more = len(rows) > limit and offset + limit < MAX_RESULTS
    rows = rows[:limit]
    keys = [(SearchKind(row.kind), int(row.content_id)) for row in rows]
    highlight = _sqlite_fragments if sqlite else _postgres_fragments
    fragments = await highlight(session, terms, keys)
    ids = {kind: [i for k, i in keys if k is kind] for kind in SearchKind}
    summaries: dict[SearchKind, dict[int, Any]] = {
        SearchKind.article: await published_article_summaries(
            session=session, ids=ids[SearchKind.article], now=now
        ),
        SearchKind.track: await published_track_summaries(
            session=session, ids=ids[SearchKind.track], now=now
        ),
        SearchKind.collection: await published_collection_summaries(
            session=session, ids=ids[SearchKind.collection], now=now
        ),
    }
    items = []
    for row, (kind, content_id) in zip(rows, keys, strict=True):
        summary = summaries[kind].get(content_id)
        found = fragments.get((kind.value, content_id))
        if summary is None or found is None:
            continue  # changed between the two statements
        relevance = max(float(row.relevance or 0.0), 0.0)
        items.append(
            SearchHit(
                kind=kind,
                slug=summary.slug,
                title=summary.title,
                snippet=_best_snippet(found),
                score=round(row.tier + relevance / (1 + relevance), 6),
                **{kind.value: summary},
            )
        )
    next_cursor = None
    if has_more:
        next_cursor = sign(get_settings().secret_key, _CURSOR, [fingerprint, offset + limit])
    return SearchPage(items=items, next_cursor=next_cursor)
