"""A proportion of n items shown at its precision is a whole count when exactly one k/n shows
as it: 66.7% of 6 items is 4 of 6, so Fisher's exact test decides, as the Methods text says
(review: leads were claimed at n = 6, 7, 9 where Fisher's test finds none, because 66.7 x 6 is
4.002, not a whole number)."""

from __future__ import annotations

from benchboard.analyse import report as analyse
from benchboard.analyse.stats import whole_count
from benchboard.analyse.verdicts import LEAD, WITHIN
from helpers import load_tree


def test_the_one_count_that_shows_as_the_score_is_taken():
    assert whole_count(0.667, 6, 0.001) == 4
    assert whole_count(0.714, 7, 0.001) == 5
    assert whole_count(0.778, 9, 0.001) == 7
    assert whole_count(0.97, 100, 0.001) == 97 and whole_count(0.97, 100, 0.01) == 97
    assert whole_count(0.0, 5, 0.001) == 0 and whole_count(1.0, 5, 0.001) == 5


def test_no_count_when_none_or_two_show_as_the_score():
    assert whole_count(0.67, 200, 0.01) is None  # 133/200 and 134/200 both show as 67%
    assert whole_count(0.6675, 6, 0.0001) is None  # an average over samples: no k/6 shows as 66.75
    assert whole_count(0.667, 6) is None  # without the precision, only an exact product counts


def test_small_n_scores_at_one_decimal_are_decided_by_fishers_test(tmp_path):
    site, _ = load_tree(tmp_path, {"results/small.yaml": """
title: Small n
y_title: Accuracy (%)
benchmarks:
  - {name: Six, n: 6}
  - {name: Seven, n: 7}
  - {name: Nine, n: 9}
  - {name: Five, n: 5}
models:
  - {name: A, scores: {Six: 66.7, Seven: 71.4, Nine: 77.8, Five: 100.0}}
  - {name: B, scores: {Six: 0.0, Seven: 14.3, Nine: 22.2, Five: 0.0}}
"""})
    analysis = analyse.analyse(site.reports[0])
    verdicts = {v.benchmark: v for v in analysis.comparisons}
    for name, p in (("Six", "0.061"), ("Seven", "0.10"), ("Nine", "0.057")):
        assert verdicts[name].method == "fisher" and verdicts[name].p == p, verdicts[name]
        assert verdicts[name].outcome == WITHIN  # 4/6 vs 0/6 is p = 0.061: no lead
    assert verdicts["Five"].method == "fisher" and verdicts["Five"].outcome == LEAD  # 5/5 vs 0/5: p = 0.0079
