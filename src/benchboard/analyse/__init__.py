"""The analyse stage: pure functions from the loaded model to facts, intervals, verdicts, ranks and boards."""
