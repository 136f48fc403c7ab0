"""GraphQL: people and topics, with their newest content as nested lists."""

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.experimental.pydantic import type as pydantic_type

from app.graphql.connections import MAX_NESTED, Connection, connection, page_size
from app.graphql.context import Info
from app.graphql.node import Node, global_id_of
from app.taxonomy import service
from app.taxonomy.models import PersonPublic, PersonSummary, TopicPublic, TopicSummary

if TYPE_CHECKING:
    from app.articles.graphql import Article
    from app.tracks.graphql import Track

ArticleRef = Annotated["Article", strawberry.lazy("app.articles.graphql")]
TrackRef = Annotated["Track", strawberry.lazy("app.tracks.graphql")]


async def _person(person: PersonSummary, info: Info) -> PersonPublic:
    """The whole person, when a byline (a summary) is all the parent carried."""
    if isinstance(person, PersonPublic):
        return person
    found = await info.context.loaders.person.load(person.slug)
    assert found is not None  # a byline always names an existing person
    return PersonPublic.model_validate(found)


@pydantic_type(model=PersonSummary, all_fields=True, description="An author, reviewer or narrator.")
class Person(Node):
    id: strawberry.ID = strawberry.field(resolver=global_id_of("Person"), description="Global id.")

    @strawberry.field(description="Professional registration, where one exists.")
    async def registration_number(self, info: Info) -> str | None:
        return (await _person(self, info)).registration_number

    @strawberry.field
    async def bio(self, info: Info) -> str:
        return (await _person(self, info)).bio

    @strawberry.field
    async def avatar_url(self, info: Info) -> str | None:
        return (await _person(self, info)).avatar_url

    @strawberry.field(description="Their newest published articles (at most 20).")
    async def articles(self, info: Info, first: int = 10) -> list[ArticleRef]:
        first = page_size(first, maximum=MAX_NESTED)
        return await info.context.loaders.author_articles.load((self.slug, first))

    @strawberry.field(description="The newest published tracks they narrate (at most 20).")
    async def tracks(self, info: Info, first: int = 10) -> list[TrackRef]:
        first = page_size(first, maximum=MAX_NESTED)
        return await info.context.loaders.narrator_tracks.load((self.slug, first))


@pydantic_type(model=TopicSummary, all_fields=True, description="A topic shared by all content.")
class Topic(Node):
    id: strawberry.ID = strawberry.field(resolver=global_id_of("Topic"), description="Global id.")

    @strawberry.field
    async def description(self, info: Info) -> str:
        known = getattr(self, "description", None)
        if known is not None:
            return str(known)
        topic = await info.context.loaders.topic.load(self.slug)
        return topic.description if topic else ""

    @strawberry.field(description="Its newest published articles (at most 20).")
    async def articles(self, info: Info, first: int = 10) -> list[ArticleRef]:
        first = page_size(first, maximum=MAX_NESTED)
        return await info.context.loaders.topic_articles.load((self.slug, first))

    @strawberry.field(description="Its newest published tracks (at most 20).")
    async def tracks(self, info: Info, first: int = 10) -> list[TrackRef]:
        first = page_size(first, maximum=MAX_NESTED)
        return await info.context.loaders.topic_tracks.load((self.slug, first))


@strawberry.type
class TaxonomyQuery:
    @strawberry.field(description="Every topic, by name.")
    async def topics(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> Connection[Topic]:
        page = await info.context.db(service.list_topics, limit=page_size(first), cursor=after)
        return connection(page, service.TOPIC_SORT, id_attribute="slug")

    @strawberry.field(description="A topic by slug; null when there is none.")
    async def topic(self, info: Info, slug: str) -> Topic | None:
        topic = await info.context.loaders.topic.load(slug)
        return TopicPublic.model_validate(topic) if topic else None

    @strawberry.field(description="An author, reviewer or narrator by slug; null when unknown.")
    async def person(self, info: Info, slug: str) -> Person | None:
        person = await info.context.loaders.person.load(slug)
        return PersonPublic.model_validate(person) if person else None
