"""Public reads of articles. Only published, live articles are ever returned here."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import Select, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from app.articles.models import (
    Article,
    ArticlePage,
    ArticlePublic,
    ArticleSummary,
    ArticleTopic,
    Citation,
    CitationPublic,
    ClinicalReview,
)
from app.core.caching import BuiltItem, FragmentCache
from app.core.errors import Moved, NotFound
from app.core.pagination import SortKey, keyset_params, keyset_select, next_cursor
from app.core.publishing import (
    PublicationStatus,
    publicly_visible,
    published_translations,
    review_status,
    visible_row,
)
from app.core.reads import PreparedReads
from app.crisis.service import crisis_resources_for_content
from app.taxonomy.models import Person, Topic
from app.taxonomy.service import (
    by_group_key,
    newest_in_each_topic,
    newest_per_group,
    person_summary,
    require_filter_target,
    topics_by_owner,
)

ARTICLE_SORTS = {
    sort.name: sort
    for sort in (
        SortKey("-published_at", Article.published_at, "datetime"),
        SortKey("published_at", Article.published_at, "datetime"),
        SortKey("-updated_at", Article.updated_at, "datetime"),
        SortKey("updated_at", Article.updated_at, "datetime"),
        SortKey("title", Article.title, "text"),
        SortKey("-title", Article.title, "text"),
    )
}


@dataclass(frozen=True)
class ArticleFilters:
    topic: str | None = None
    author: str | None = None
    locale: str | None = None
    medical: bool | None = None
    updated_since: datetime | None = None


class ContentVersion(Protocol):
    async def current(self) -> str: ...


@dataclass(frozen=True)
class SummaryCache:
    """Summaries built for the content version being served (app.state.article_summaries):
    the items, and where that version is read."""

    items: FragmentCache[BuiltItem[ArticleSummary]]
    version: ContentVersion

    def built_from(self, summary: Any) -> BuiltItem[ArticleSummary] | None:
        """The built item `summary` is the model of, if it is one (not a detail or a summary
        built for one request)."""
        built = self.items.peek(summary.id)
        return built if built is not None and built.model is summary else None


Author = aliased(Person, name="author")


def _summary_select(now: datetime) -> Select[Any]:
    return _summary_columns().where(publicly_visible(Article, now))


def _summary_columns() -> Select[Any]:
    """The columns a summary needs, and nothing more (no body)."""
    return select(
        Article.id,
        Article.slug,
        Article.locale,
        Article.title,
        Article.subtitle,
        Article.summary,
        Article.reading_time_minutes,
        Article.hero_image_url,
        Article.hero_image_alt,
        Article.is_medical,
        Article.content_warnings,
        Article.next_review_due,
        Article.published_at,
        Article.updated_at,
        Author.slug.label("author_slug"),
        Author.name.label("author_name"),
        Author.credentials.label("author_credentials"),
    ).outerjoin(Author, Author.id == Article.author_id)


async def _summaries(session: AsyncSession, rows: list[Any], now: datetime) -> list[ArticleSummary]:
    topics = await topics_by_owner(
        session, ArticleTopic, ArticleTopic.article_id, (row.id for row in rows)
    )
    today = now.date()
    return [
        ArticleSummary(
            id=row.id,
            slug=row.slug,
            locale=row.locale,
            title=row.title,
            subtitle=row.subtitle,
            summary=row.summary,
            reading_time_minutes=row.reading_time_minutes,
            hero_image_url=row.hero_image_url,
            hero_image_alt=row.hero_image_alt,
            is_medical=row.is_medical,
            content_warnings=row.content_warnings,
            review_status=review_status(row.next_review_due, today),
            author=person_summary(row.author_slug, row.author_name, row.author_credentials),
            topics=topics.get(row.id, []),
            published_at=row.published_at,
            updated_at=row.updated_at,
        )
        for row in rows
    ]


PAGE_READS = PreparedReads()


def topic_id_of(slug_parameter: str) -> Any:
    return select(Topic.id).where(Topic.slug == bindparam(slug_parameter)).scalar_subquery()


def _page_ids_select(sort: SortKey, filters: frozenset[str], after: bool) -> Select[Any]:
    """One page of visible article ids in `sort` order: one index range scan.

    Built once per shape; every value is a bound parameter. Newest-first pages after the
    first drop the `published_at <= now` bound: the cursor's value was live when served, so
    seeking below it implies the bound, and the index seek starts at the cursor instead of
    at now (which made deep pages cost their depth on SQLite). A topic's articles by date
    are read from the topic's links, which carry the article's published_at (see
    ArticleTopic.published_at), in the order of their index.
    """
    published_at: Any
    id_column: Any
    if "topic" in filters and sort.column is Article.published_at:
        published_at, id_column = ArticleTopic.published_at, ArticleTopic.article_id
        sort = SortKey(sort.name, published_at, sort.kind)
        statement = (
            select(id_column, published_at)
            .join(Article, Article.id == id_column)
            .where(ArticleTopic.topic_id == topic_id_of("topic"))
        )
    else:
        published_at, id_column = Article.published_at, Article.id
        statement = select(id_column, sort.column)
        if "topic" in filters:
            statement = statement.where(
                Article.id.in_(
                    select(ArticleTopic.article_id).where(
                        ArticleTopic.topic_id == topic_id_of("topic")
                    )
                )
            )
    statement = statement.where(Article.status == PublicationStatus.published.value)
    if not (after and sort.name == "-published_at"):
        statement = statement.where(
            published_at <= bindparam("now", type_=Article.published_at.type)
        )
    if "author" in filters:
        statement = statement.where(
            Article.author_id.in_(select(Person.id).where(Person.slug == bindparam("author")))
        )
    if "locale" in filters:
        statement = statement.where(Article.locale == bindparam("locale"))
    if "medical" in filters:
        statement = statement.where(Article.is_medical == bindparam("medical"))
    if "updated_since" in filters:
        statement = statement.where(
            Article.updated_at >= bindparam("updated_since", type_=Article.updated_at.type)
        )
    return keyset_select(statement, sort=sort, id_column=id_column, after=after)


async def published_article_page(
    *,
    session: AsyncSession,
    filters: ArticleFilters,
    sort: str,
    limit: int,
    cursor: str | None,
    now: datetime,
) -> tuple[list[int], str | None]:
    """The ids of one page of published articles, and the cursor to the next page."""
    sort_key = ARTICLE_SORTS[sort]
    params: dict[str, Any] = {
        name: value
        for name, value in (
            ("topic", filters.topic),
            ("author", filters.author),
            ("locale", filters.locale),
            ("medical", filters.medical),
            ("updated_since", filters.updated_since),
        )
        if value is not None
    }
    shape = frozenset(params)
    params |= keyset_params(sort_key, cursor, limit) | {"now": now}
    after = bool(cursor)  # an empty cursor is the first page, as keyset_params reads it
    rows = await PAGE_READS.rows(
        session,
        (sort, shape, after),
        lambda: _page_ids_select(sort_key, shape, after),
        params,
    )
    if not rows:
        if filters.topic is not None:
            await require_filter_target(session, Topic, filters.topic, "topic")
        if filters.author is not None:
            await require_filter_target(session, Person, filters.author, "author")
    ids = [row[0] for row in rows.raw[:limit]]
    return ids, next_cursor(sort_key, rows, limit)


async def list_published_articles(
    *,
    session: AsyncSession,
    summaries: SummaryCache,
    filters: ArticleFilters,
    sort: str,
    limit: int,
    cursor: str | None,
    now: datetime,
) -> ArticlePage:
    ids, next_page = await published_article_page(
        session=session, filters=filters, sort=sort, limit=limit, cursor=cursor, now=now
    )
    built = await cached_summaries(session=session, summaries=summaries, ids=ids, now=now)
    return ArticlePage(items=[item.model for item in built], next_cursor=next_page)


async def published_article_summaries(
    *, session: AsyncSession, ids: list[int], now: datetime
) -> dict[int, ArticleSummary]:
    """Summaries of the published articles among `ids` (for collections)."""
    if not ids:
        return {}
    statement = _summary_columns().add_columns(Article.status).where(Article.id.in_(ids))
    rows = [
        row
        for row in await session.execute(statement)
        if visible_row(row.status, row.published_at, now)
    ]
    return {summary.id: summary for summary in await _summaries(session, rows, now)}


async def cached_summaries(
    *, session: AsyncSession, summaries: SummaryCache, ids: list[int], now: datetime
) -> list[BuiltItem[ArticleSummary]]:
    """The summaries of `ids`, in order, from the cache where it has them; the rest are
    built (two queries) and kept for the rest of this content version. An article
    unpublished since its id was read is left out."""
    version = await summaries.version.current()
    found = summaries.items.get_many(version, ids)
    missing = [id_ for id_ in ids if id_ not in found]
    if missing:
        built = await published_article_summaries(session=session, ids=missing, now=now)
        fresh = {id_: BuiltItem(summary) for id_, summary in built.items()}
        summaries.items.put_many(version, fresh)
        found |= fresh
    return [found[id_] for id_ in ids if id_ in found]


async def published_articles_since(
    *, session: AsyncSession, since: datetime, limit: int, now: datetime
) -> list[ArticleSummary]:
    """Articles published from `since` until now, newest first, at most `limit`."""
    rows = (
        await session.execute(
            _summary_select(now)
            .where(Article.published_at >= since)
            .order_by(Article.published_at.desc(), Article.id.desc())
            .limit(limit)
        )
    ).all()
    return await _summaries(session, list(rows), now)


async def _newest_by_group(
    session: AsyncSession,
    statement: Select[Any],
    group_column: Any,
    groups: list[str],
    per_group: int,
    now: datetime,
) -> dict[str, list[ArticleSummary]]:
    if not groups:
        return {}
    statement = newest_per_group(
        statement, table=Article, group_column=group_column, groups=groups, per_group=per_group
    )
    rows = (await session.execute(statement)).all()
    return by_group_key(rows, await _summaries(session, list(rows), now), groups)


async def published_articles_by_topics(
    *, session: AsyncSession, topic_slugs: list[str], per_topic: int, now: datetime
) -> dict[str, list[ArticleSummary]]:
    """The newest `per_topic` published articles of each topic, in constant statements: a
    range scan of each topic's links (see newest_in_each_topic)."""
    if not topic_slugs:
        return {}
    newest, parameters = newest_in_each_topic(
        link=ArticleTopic,
        owner_column=ArticleTopic.article_id,
        topics=topic_slugs,
        per_topic=per_topic,
        now=now,
    )
    # Visibility came with the links (see published_tracks_by_topics).
    statement = (
        _summary_columns()
        .add_columns(newest.c.group_key)
        .join(newest, newest.c.id == Article.id)
        .order_by(Article.published_at.desc(), Article.id.desc())
    )
    rows = (await session.execute(statement, parameters)).all()
    return by_group_key(rows, await _summaries(session, list(rows), now), topic_slugs)


async def published_articles_by_authors(
    *, session: AsyncSession, author_slugs: list[str], per_author: int, now: datetime
) -> dict[str, list[ArticleSummary]]:
    """The newest `per_author` published articles of each author, in constant statements."""
    return await _newest_by_group(
        session, _summary_select(now), Author.slug, author_slugs, per_author, now
    )


async def published_article_details(
    *,
    session: AsyncSession,
    ids: list[int] | None = None,
    slug: str | None = None,
    now: datetime,
    crisis_country: str | None = None,
) -> dict[int, ArticlePublic]:
    """Whole published articles by id (or one by slug), in five statements for any number,
    and one more when some carry the crisis services of `crisis_country` (None: the
    international list)."""
    statement = select(Article).where(publicly_visible(Article, now))
    if ids is not None:
        statement = statement.where(Article.id.in_(ids))
    if slug is not None:
        statement = statement.where(Article.slug == slug)
    articles = list((await session.scalars(statement)).all())
    if not articles:
        return {}
    article_ids = [article.id for article in articles]
    people_ids = {
        pid for article in articles for pid in (article.author_id, article.reviewer_id) if pid
    }
    people = {
        person.id: person
        for person in await session.scalars(select(Person).where(Person.id.in_(people_ids)))
    }
    topics = await topics_by_owner(session, ArticleTopic, ArticleTopic.article_id, article_ids)
    citations: dict[int, list[CitationPublic]] = {article_id: [] for article_id in article_ids}
    for citation in await session.scalars(
        select(Citation)
        .where(Citation.article_id.in_(article_ids))
        .order_by(Citation.article_id, Citation.position)
    ):
        citations[citation.article_id].append(CitationPublic.model_validate(citation))

    translations = await published_translations(
        session, Article, {a.id: a.translation_group for a in articles}, now
    )
    crisis = await crisis_resources_for_content(
        session=session,
        content_warnings={article.id: article.content_warnings for article in articles},
        country=crisis_country,
    )

    def byline(person_id: int | None) -> Any:
        person = people.get(person_id) if person_id is not None else None
        if person is None:
            return None
        return person_summary(person.slug, person.name, person.credentials)

    today = now.date()
    details: dict[int, ArticlePublic] = {}
    for article in articles:
        article_id = int(article.id or 0)  # loaded rows always have an id
        status = review_status(article.next_review_due, today)
        details[article_id] = ArticlePublic(
            id=article_id,
            slug=article.slug,
            locale=article.locale,
            title=article.title,
            subtitle=article.subtitle,
            summary=article.summary,
            reading_time_minutes=article.reading_time_minutes,
            hero_image_url=article.hero_image_url,
            hero_image_alt=article.hero_image_alt,
            is_medical=article.is_medical,
            content_warnings=article.content_warnings,
            review_status=status,
            author=byline(article.author_id),
            topics=topics.get(article.id, []),
            published_at=article.published_at,
            updated_at=article.updated_at,
            body_markdown=article.body_markdown,
            body_html=article.body_html,
            review=ClinicalReview(
                reviewer=byline(article.reviewer_id),
                reviewed_at=article.reviewed_at,
                next_review_due=article.next_review_due,
                status=status,
            ),
            citations=citations[article_id],
            seo_title=article.seo_title,
            seo_description=article.seo_description,
            licence=article.licence,
            attribution=article.attribution,
            crisis_resources=crisis[article.id],
            translations=translations[article_id],
        )
    return details


async def _follow_renamed(session: AsyncSession, slug: str) -> None:
    """An old slug of a published article answers with a move to its current slug."""
    from app.editorial.redirects import redirected_slug

    current = await redirected_slug(session, entity_type="article", table=Article, slug=slug)
    if current is not None:
        raise Moved(f"This article is now at '{current}'.", entity_type="article", slug=current)


async def get_published_article(
    *,
    session: AsyncSession,
    slug: str,
    now: datetime,
    crisis_country: str | None = None,
    locale: str | None = None,
) -> ArticlePublic:
    """The article, or its translation in `locale` when it has one (else as it is)."""
    details = await published_article_details(
        session=session, slug=slug, now=now, crisis_country=crisis_country
    )
    if not details:
        await _follow_renamed(session, slug)
        raise NotFound(f"No published article has the slug '{slug}'.")
    article = next(iter(details.values()))
    wanted = next((t.slug for t in article.translations if t.locale == locale), None)
    if wanted is None:
        return article
    translated = await published_article_details(
        session=session, slug=wanted, now=now, crisis_country=crisis_country
    )
    return next(iter(translated.values()), article)
