"""Transparency portal generator: plan YAML → validated model → pages → site → search index."""
