"""Fabricated documents for tests and synthetic corpora: a small document model and renderers."""
