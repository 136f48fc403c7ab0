"""GraphQL at /graphql: the same services as REST, through strawberry."""
