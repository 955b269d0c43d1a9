"""Damaged harness files found by the security review: a JSON-lines file whose first line nests
past Python's recursion limit, and an inspect .eval whose header is encrypted, are clear import
errors (exit 1), never exit 4."""

from __future__ import annotations

import zipfile

import pytest

from benchboard.importers import files
from benchboard.importers.common import ImportProblem


def test_a_first_line_nested_2000_deep_is_no_json_line():
    deep = '{"a":' + "[" * 2000 + "]" * 2000 + '}\n{"b": 1}\n'
    assert files._json_line(deep) is False


def test_an_encrypted_eval_header_is_a_clear_import_problem(tmp_path):
    path = tmp_path / "enc.eval"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("header.json", '{"version": 2, "status": "success"}')
    data = bytearray(path.read_bytes())  # set the "encrypted" flag bit of its local and central headers
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        data[data.index(signature) + offset] |= 0x1
    path.write_bytes(bytes(data))
    with pytest.raises(ImportProblem, match="its header.json is encrypted; import an unencrypted log"):
        files.zip_member(path, "header.json")
