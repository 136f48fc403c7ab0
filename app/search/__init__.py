"""Full-text search over the published catalogue: articles, tracks and collections."""
