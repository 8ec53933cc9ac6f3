"""The labelled set for near-duplicates and stories (docs/wire-similarity.md)."""
