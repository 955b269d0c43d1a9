"""The output stage: files into OUT through a temporary folder and an atomic swap."""
