"""Reading input files within fixed limits, and saying what a file looks like when no reader takes it.

Every reader gets its text or JSON through here, so the limits hold for every format: a file
larger than ``MAX_FILE_BYTES`` is refused before it is read (no harness writes a results file
that large; lm-eval and inspect keep per-sample logs elsewhere), and each file is parsed once
per import however many readers look at it.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from benchboard.importers.common import ImportProblem

MAX_FILE_BYTES = 64 * 1024 * 1024  # results files are kilobytes; per-sample logs are not results
MAX_MEMBER_BYTES = 16 * 1024 * 1024  # one member of an inspect .eval zip (header.json)
MAX_FOLDER_LISTING = 2000  # entries looked at to suggest a glob for a folder
MAX_ZIP_ENTRIES = 100_000  # an inspect .eval holds a header and one entry per sample and epoch

_cache: dict[tuple[str, int, int], object] = {}


def _key(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return str(path), stat.st_size, stat.st_mtime_ns


def check_file(path: Path) -> None:
    """A clear error for what is not a readable file of a sane size."""
    if path.is_dir():
        raise ImportProblem(f"{path}: is a folder ({folder_hint(path)})")
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ImportProblem(f"{path}: no such file (check the path)") from None
    except OSError as exc:
        raise ImportProblem(f"{path}: cannot read it ({exc.strerror})") from None
    if size > MAX_FILE_BYTES:
        raise ImportProblem(
            f"{path}: {size / 1024 / 1024:.0f} MB, more than the {MAX_FILE_BYTES // 1024 // 1024} MB a results file can be "
            "(is this a per-sample log? give the harness's results/summary file; for a large inspect .json log, "
            "`inspect log convert --to eval` makes a .eval file whose header is read instead)"
        )
    if size == 0:
        raise ImportProblem(f"{path}: the file is empty (was the evaluation interrupted before it wrote its results?)")


def folder_hint(path: Path) -> str:
    """A glob that matches the result files in a folder, or where to look."""
    shown = str(path).rstrip("/")
    direct: dict[str, int] = {}
    nested: dict[str, int] = {}
    try:
        for i, entry in enumerate(path.iterdir()):
            if i >= MAX_FOLDER_LISTING:
                break
            if entry.is_file() and entry.suffix in (".json", ".csv", ".eval", ".txt", ".md"):
                direct[entry.suffix] = direct.get(entry.suffix, 0) + 1
            elif entry.is_dir():
                for j, inner in enumerate(entry.iterdir()):
                    if j >= 50:
                        break
                    if inner.is_file() and inner.suffix in (".json", ".csv", ".eval"):
                        nested[inner.suffix] = nested.get(inner.suffix, 0) + 1
    except OSError:
        pass
    if direct:
        suffix = max(direct, key=direct.get)
        return f"give the result files inside it, e.g. {shown}/*{suffix}"
    if nested:
        suffix = max(nested, key=nested.get)
        return f"give the result files inside it, e.g. {shown}/*/*{suffix}"
    return "give the result files themselves; this folder holds no .json, .csv or .eval file"


def read_bytes(path: Path) -> bytes:
    check_file(path)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImportProblem(f"{path}: cannot read it ({exc.strerror})") from None


def text(path: Path) -> str | None:
    """The file as UTF-8 text, or None when it is not text (a zip, say)."""
    key = ("text", *_key(path)) if path.exists() and not path.is_dir() else None
    if key in _cache:
        return _cache[key]
    data = read_bytes(path)
    try:
        result = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        result = None
    if result is not None and not result.strip():
        raise ImportProblem(f"{path}: the file is empty (was the evaluation interrupted before it wrote its results?)")
    _remember(key, result)
    return result


def json_data(path: Path):
    """The parsed JSON of a file, or None when it is not JSON text (never an error here)."""
    key = ("json", *_key(path)) if path.exists() and not path.is_dir() else None
    if key in _cache:
        return _cache[key]
    source = text(path)
    result = None
    if source is not None and source.lstrip()[:1] in ("{", "["):
        try:
            result = json.loads(source)
        except (ValueError, RecursionError):
            result = None
    _remember(key, result)
    return result


def json_object(path: Path) -> dict:
    """The parsed JSON object of a file; a clear error when it is not one."""
    data = json_data(path)
    if isinstance(data, dict):
        return data
    source = text(path)
    if source is None:
        raise ImportProblem(f"{path}: not JSON text ({describe(path)})")
    try:
        parsed = json.loads(source)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and _json_line(source):
            raise ImportProblem(f"{path}: not a results file: it is {describe(path)}") from None
        if exc.msg.startswith("Unterminated string") or (exc.msg.startswith("Expecting") and exc.pos >= len(source.rstrip())):
            raise ImportProblem(
                f"{path}:{exc.lineno}:{exc.colno}: the file is truncated: its JSON stops before it is complete "
                f"({exc.msg} at the end of the file; was the copy or the run cut short? give the whole file the harness wrote)"
            ) from None
        raise ImportProblem(
            f"{path}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg}; give the harness's results file as it wrote it)"
        ) from None
    except (ValueError, RecursionError) as exc:
        raise ImportProblem(f"{path}: not valid JSON ({exc})") from None
    raise ImportProblem(f"{path}: expected a JSON object at the top level, found a {type(parsed).__name__} (is this a results file?)")


def zip_member(path: Path, name: str):
    """The parsed JSON of one member of a zip file (inspect .eval), or None if it has none."""
    key = ("zip:" + name, *_key(path))
    if key in _cache:
        return _cache[key]
    check_file(path)
    check_zip_entries(path)
    result = None
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(name)
            if info.file_size > MAX_MEMBER_BYTES:
                raise ImportProblem(f"{path}: its {name} is {info.file_size} bytes, more than a log header can be (is the file damaged?)")
            result = json.loads(archive.read(info).decode("utf-8"))
    except KeyError:
        result = None
    except (zipfile.BadZipFile, OSError, ValueError, UnicodeDecodeError, RecursionError, NotImplementedError):
        result = None
    except RuntimeError as exc:  # zipfile's "is encrypted, password required"
        what = "is encrypted" if "encrypted" in str(exc) else f"cannot be read ({type(exc).__name__})"
        raise ImportProblem(f"{path}: its {name} {what}; import an unencrypted log") from None
    _remember(key, result)
    return result


def zip_entries(path: Path) -> int | None:
    """The entry count a zip's end record states (zip64 too), read without reading the central
    directory: zipfile.ZipFile reads all of it first, 51 s and 350 MB for 600,000 entries."""
    try:
        with open(path, "rb") as handle:
            end = zipfile._EndRecData(handle)  # the stdlib's own reader of the end records
    except (OSError, ValueError, zipfile.BadZipFile, AttributeError, OverflowError):
        return None
    return end[zipfile._ECD_ENTRIES_TOTAL] if end else None


def check_zip_entries(path: Path) -> None:
    entries = zip_entries(path)
    if entries is not None and entries > MAX_ZIP_ENTRIES:
        raise ImportProblem(f"{path}: a zip of {entries:,} entries, more than an inspect log holds ({MAX_ZIP_ENTRIES:,}); "
                            "is the file damaged? (give the .eval file inspect wrote)")


def is_zip(path: Path) -> bool:
    try:
        return path.is_file() and zipfile.is_zipfile(path)
    except OSError:
        return False


def _remember(key, value) -> None:
    if key is None:
        return
    if len(_cache) > 256:
        _cache.clear()
    _cache[key] = value


def describe(path: Path) -> str:
    """What a file looks like, in a few words, for an error that says no reader takes it."""
    if is_zip(path):
        if (zip_entries(path) or 0) > MAX_ZIP_ENTRIES:
            return f"a zip archive of {zip_entries(path):,} entries"
        try:
            with zipfile.ZipFile(path) as archive:
                names = archive.namelist()[:5]
        except (zipfile.BadZipFile, OSError):
            names = []
        return f"a zip archive holding {', '.join(names) or 'nothing readable'}"
    head = read_bytes(path)[:4]
    if head[:2] == b"\x1f\x8b":
        return "a gzip-compressed file; decompress it first (gunzip)"
    source = text(path)
    if source is None:
        return "binary data, not text"
    data = json_data(path)
    if isinstance(data, dict) and data and all(
        isinstance(v, dict) and any("," in str(k) for k in v) for v in data.values()
    ):
        return (f"a JSON object of lm-eval result rows ({', '.join(map(str, list(data)[:3]))}) without the rest of "
                "the file (model, config); import the whole results_*.json lm-eval wrote")
    if isinstance(data, dict):
        keys = list(data)[:8]
        return f"a JSON object with the keys {', '.join(map(str, keys))}{', ...' if len(data) > 8 else ''}"
    if isinstance(data, list):
        return f"a JSON list of {len(data)} item(s)"
    first = source.lstrip("\ufeff").strip().splitlines()[0][:80] if source.strip() else ""
    if first.startswith("version https://git-lfs.github.com/spec/"):
        return "a Git LFS pointer, not the file itself (fetch the file with git lfs pull, then import it)"
    if first.startswith("{") and len(source.strip().splitlines()) > 1 and _json_line(source):
        return ("JSON lines, one object per line, such as lm-eval's per-sample samples_TASK_DATE.jsonl "
                "(import the results file written beside it)")
    if "," in first:
        return f"a CSV file whose first line is {first!r}"
    return f"text whose first line is {first!r}"


def _json_line(source: str) -> bool:
    """Whether the first line of the text is a JSON object by itself (a .jsonl file)."""
    try:
        return isinstance(json.loads(source.lstrip("\ufeff").strip().splitlines()[0]), dict)
    except (ValueError, RecursionError):  # a first line nested past Python's recursion limit is no record either
        return False
