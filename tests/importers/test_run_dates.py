"""A run's date as imported: a Unix time, as a number (lm-eval's "date") or as a string of one
(Every Eval Ever's "evaluation_timestamp": "1770344141.0"), is written as a UTC date a reader
can read; any other text is kept as the file says it."""

from __future__ import annotations

from benchboard.importers import everyevalever
from benchboard.importers.common import Options, run_date
from helpers import REPO

SIMPLEQA = REPO / "tests/fixtures/every_eval_ever/SimpleQA-Verified_anthropic_claude-opus-4-6.json"


def test_unix_times_become_utc_dates_and_other_text_is_kept():
    assert run_date(1770344141.0) == run_date("1770344141.0") == run_date(" 1770344141 ") == "2026-02-06 02:15 UTC"
    assert run_date("2025-01-26T22-29-00") == "2025-01-26T22-29-00"
    assert run_date("20240324") == "20240324"  # eight digits: a date written without dashes, not a 1970 time
    assert run_date(None) == "" and run_date("") == ""
    assert run_date(10 ** 30) == str(10 ** 30)  # out of any calendar: kept as written


def test_a_real_every_eval_ever_log_gets_a_readable_date():
    (run,) = everyevalever.read(SIMPLEQA, Options())
    assert run.settings["date"] == "2026-02-06 02:15 UTC"
