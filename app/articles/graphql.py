"""GraphQL: articles, as connections with the same filters and sort as REST."""

from datetime import datetime

import strawberry
from strawberry.experimental.pydantic import type as pydantic_type

from app.articles import service
from app.articles.models import ArticlePublic, ArticleSummary, CitationPublic, ClinicalReview
from app.core.errors import Moved, NotFound
from app.crisis.graphql import CountryArgument, CrisisResources, crisis_resources_of_content
from app.graphql.completions import keep_completions_of
from app.graphql.connections import Connection, ContentSort, aware, connection, page_size
from app.graphql.context import Info, content_locale, entry_locale
from app.graphql.node import Node, database_id_of, global_id_of
from app.taxonomy.graphql import Person, Topic  # noqa: F401 - registers the nested types


@pydantic_type(model=CitationPublic, all_fields=True)
class Citation:
    pass


@pydantic_type(model=ClinicalReview, all_fields=True, description=ClinicalReview.__doc__)
class Review:
    pass


async def _detail(article: ArticleSummary, info: Info) -> ArticlePublic:
    if isinstance(article, ArticlePublic):
        return article
    detail = await info.context.loaders.article_detail.load(article.id)
    assert detail is not None  # the summary came from the same published set
    return detail


@pydantic_type(
    model=ArticleSummary,
    all_fields=True,
    description="A clinically reviewed article.",
)
class Article(Node):
    id: strawberry.ID = strawberry.field(resolver=global_id_of("Article"), description="Global id.")
    database_id: int = strawberry.field(
        resolver=database_id_of, description="The numeric id used in REST payloads."
    )

    @strawberry.field
    async def body_markdown(self, info: Info) -> str:
        return (await _detail(self, info)).body_markdown

    @strawberry.field(description="The body rendered from Markdown and sanitized.")
    async def body_html(self, info: Info) -> str:
        return (await _detail(self, info)).body_html

    @strawberry.field(description="Who reviewed it clinically, when, and when it is next due.")
    async def review(self, info: Info) -> Review:
        return (await _detail(self, info)).review

    @strawberry.field
    async def citations(self, info: Info) -> list[Citation]:
        return (await _detail(self, info)).citations

    @strawberry.field
    async def seo_title(self, info: Info) -> str | None:
        return (await _detail(self, info)).seo_title

    @strawberry.field
    async def seo_description(self, info: Info) -> str | None:
        return (await _detail(self, info)).seo_description

    @strawberry.field
    async def licence(self, info: Info) -> str:
        return (await _detail(self, info)).licence

    @strawberry.field
    async def attribution(self, info: Info) -> str:
        return (await _detail(self, info)).attribution

    @strawberry.field(
        description="Crisis helplines for the caller's country when the content warnings "
        "include `suicide` or `self_harm`; null otherwise."
    )
    async def crisis_resources(
        self, info: Info, country: CountryArgument = None
    ) -> CrisisResources | None:
        return await crisis_resources_of_content(info, self.content_warnings, country)


# Pages of articles are resolved from the summaries built for the content version; GraphQL's
# completions of them, and of the edges that hold them, are kept there too.
keep_completions_of(
    "Article", lambda context, article: context.article_summaries.built_from(article)
)
keep_completions_of(
    "ArticleEdge", lambda context, edge: context.article_summaries.built_from(edge.node)
)


@strawberry.input(description="Filters, as REST's query parameters.")
class ArticleFilter:
    topic: str | None = None
    author: str | None = None
    locale: str | None = None
    medical: bool | None = None
    updated_since: datetime | None = None


@strawberry.type
class ArticleQuery:
    @strawberry.field(description="Published articles, newest first by default.")
    async def articles(
        self,
        info: Info,
        first: int = 20,
        after: str | None = None,
        sort: ContentSort = ContentSort.PUBLISHED_AT_DESC,
        filter: ArticleFilter | None = None,
    ) -> Connection[Article]:
        filters = filter or ArticleFilter()
        page = await info.context.db(
            service.list_published_articles,
            summaries=info.context.article_summaries,
            filters=service.ArticleFilters(
                topic=filters.topic,
                author=filters.author,
                locale=content_locale(info, filters.locale),
                medical=filters.medical,
                updated_since=aware(filters.updated_since, "filter.updatedSince"),
            ),
            sort=sort.value,
            limit=page_size(first),
            cursor=after,
            now=info.context.now,
        )
        return connection(page, service.ARTICLE_SORTS[sort.value])

    @strawberry.field(
        description="A published article by slug (its translation in `locale`, else "
        "Accept-Language, when it has one); null when there is none."
    )
    async def article(self, info: Info, slug: str, locale: str | None = None) -> Article | None:
        try:
            return await info.context.db(
                service.get_published_article,
                slug=slug,
                now=info.context.now,
                locale=entry_locale(info, locale),
            )
        except Moved as moved:
            return await self.article(info, moved.slug, locale)
        except NotFound:
            return None
