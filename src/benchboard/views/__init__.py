"""The views stage: page data (boards, lists, catalog pages) computed before any template runs."""
