"""The render stage: the sandboxed theme, every sentence from a template, pages and data files as bytes."""
