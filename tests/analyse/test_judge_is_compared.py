"""Scores of one column graded by different judges (an inspect model-graded scorer's ``judge``
setting, e.g. two result files appended into one column) are not one measurement: the column's
differences name the judges, so the table marks it as mixed settings."""

from benchboard.analyse.provenance import Provenance, differences


def test_different_judges_in_one_column_are_a_difference():
    runs = [Provenance("r.yaml", settings=(("scorer", "model_graded_qa"), ("judge", "openai/gpt-4o"))),
            Provenance("r.yaml", settings=(("scorer", "model_graded_qa"), ("judge", "anthropic/claude-3-5-sonnet")))]
    assert differences(runs) == ("judge: anthropic/claude-3-5-sonnet / openai/gpt-4o",)
    assert differences(runs[:1] * 2) == ()
