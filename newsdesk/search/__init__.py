"""Full-text search: an index kept in step with the articles, and queries on it."""
