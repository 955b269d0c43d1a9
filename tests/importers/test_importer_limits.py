"""build-site import on hostile harness files (issue 23): every number finite or a clear
error (never exit 4), a zip's entry count bounded before its directory is read, and every
printed file name through errors.printable (a newline cannot start a "::" line)."""

from __future__ import annotations

import json
import shutil
import struct
import zipfile
from pathlib import Path

from helpers import cli

FIXTURES = Path(__file__).parents[1] / "fixtures/real-results"
LMEVAL = FIXTURES / "lmeval_csabakecskemeti_Llama-3.1-8B-Instruct_results_2025-01-25T04-48-43.622918.json"
BIG = 10**399  # 400 digits: float() overflows


def clean(result, *codes):
    output = result.stdout + result.stderr
    assert result.returncode in codes, output
    assert "Traceback" not in output and "internal error" not in output, output
    for line in output.splitlines():
        assert not line.lstrip().startswith("::"), line
    return result.stderr


def test_a_400_digit_number_is_not_an_internal_error(tmp_path):
    data = json.loads(LMEVAL.read_text())
    task = next(iter(data["results"]))
    data["results"][task]["acc,none"] = BIG
    data["results"][task]["acc_stderr,none"] = BIG
    count = next(iter(data["n-samples"]))
    data["n-samples"][count] = {"original": BIG, "effective": BIG}
    data["date"] = BIG
    source = tmp_path / "results.json"
    source.write_text(json.dumps(data))
    out = tmp_path / "r.yaml"
    stderr = clean(cli("import", "lm-eval", source, "-o", out), 0)
    assert "is over 10^12, not a number of items scored" in stderr
    text = out.read_text()
    assert str(BIG) not in text.replace(f"'{BIG}'", "")  # only as quoted text (a date), never as a number


def test_a_zip_of_600000_entries_is_refused_before_its_directory_is_read(tmp_path):
    """A real zip whose zip64 end record says 600,000 entries (the directory itself is not
    needed to refuse it; a real one of 51 MB took 10 s and 363 MB to refuse, now under 1 s)."""
    small = tmp_path / "small.zip"
    with zipfile.ZipFile(small, "w") as archive:
        archive.writestr("header.json", "{}")
    raw = small.read_bytes()[:-22]  # without its end record
    entries, cd_size, cd_offset = 600_000, 0, len(raw)
    zip64_end = struct.pack("<4sQHHIIQQQQ", b"PK\x06\x06", 44, 45, 45, 0, 0, entries, entries, cd_size, cd_offset)
    locator = struct.pack("<4sIQI", b"PK\x06\x07", 0, len(raw), 1)
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    huge = tmp_path / "huge.eval"
    huge.write_bytes(raw + zip64_end + locator + end)
    for args in (["inspect", huge], [huge]):
        stderr = clean(cli("import", *args, "-o", tmp_path / "r.yaml"), 1)
        assert "a zip of 600,000 entries, more than an inspect log holds" in stderr, stderr


def test_printed_file_names_cannot_start_a_workflow_command(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    evil = folder / "x\n::error::pwned by a file name.json"
    shutil.copy(LMEVAL, evil)
    out = tmp_path / "o\n::add-mask::x.yaml"
    result = cli("import", "lm-eval", evil, "-o", out)
    clean(result, 0)
    assert "o\\n::add-mask::x.yaml" in result.stdout, result.stdout  # "wrote FILE": the newline shown escaped
    broken = folder / "y\n::warning::broken.json"
    broken.write_text("{not json")
    stderr = clean(cli("import", "lm-eval", broken, "-o", tmp_path / "r.yaml"), 1)
    assert "y\\n::warning::broken.json" in stderr, stderr
