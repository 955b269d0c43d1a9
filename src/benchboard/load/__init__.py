"""The load stage: CONTENT/ -> a typed, validated model (positions, registries, units decided)."""
