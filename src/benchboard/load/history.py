"""The git history of CONTENT/results: which result files changed in which commit, each version
loaded like any result file. Read-only, bounded, and safe to run on a stranger's repository.

Content is untrusted, so git runs with a fixed environment: no system or user config (HOME is an
empty temporary folder), no hooks, no fsmonitor, no pager, no external diff or textconv, no
network (only log, rev-parse and cat-file run); the repository is trusted for reading only
(safe.directory on the command line). Every call has a time limit, the log a commit limit, the
blobs a size limit. Whatever goes wrong gives a note, never a failed build.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchboard.errors import Problems
from benchboard.load import benchmarks
from benchboard.load.results import MAX_SITE_SCORES, cached_load
from benchboard.load.validate import check_schema
from benchboard.model import Report, SiteConfig

TIME_LIMIT = 60.0  # seconds for all git calls of one build
MAX_BLOB_BYTES = 5 * 1024 * 1024  # one result file (the content limit)
MAX_TOTAL_BYTES = 512 * 1024 * 1024  # all versions read
MAX_HISTORY_SCORES = MAX_SITE_SCORES  # in all versions read: as many as the site may hold (5 MB versions took 10 s each)
_BATCH_BYTES = 64 * 1024 * 1024  # git's answer held at a time
_SEP_COMMIT, _SEP_FIELD = "\x1e", "\x1f"


@dataclass(frozen=True)
class Change:
    """One result file in one commit: its version before and after (None: absent or invalid)."""

    file: str  # the file name in results/ ("r.yaml")
    before: Report | None
    after: Report | None
    status: str  # "A" added, "M" modified, "D" deleted


@dataclass(frozen=True)
class Commit:
    sha: str
    date: str  # committer date, ISO 8601 with its zone, as git gives it
    subject: str
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class History:
    commits: tuple[Commit, ...] = ()  # oldest first
    note: str | None = None  # why there is no history, or why it is partial
    truncated: bool = False  # more commits than max_commits: the oldest are not read
    head: str | None = None


class _GitFailed(Exception):
    pass


class _Git:
    def __init__(self, cwd: Path, home: str, deadline: float):
        self.cwd, self.deadline = cwd, deadline
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "XDG_CONFIG_HOME": home,
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_TERMINAL_PROMPT": "0",
            "GIT_PAGER": "cat", "PAGER": "cat", "GIT_OPTIONAL_LOCKS": "0", "GIT_NO_REPLACE_OBJECTS": "1",
            "GIT_ATTR_NOSYSTEM": "1", "LC_ALL": "C", "TZ": "UTC",
        }

    def __call__(self, *args: str, stdin: bytes | None = None) -> bytes:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise _GitFailed("reading the git history took over the time limit")
        command = ["git", "-c", "core.fsmonitor=false", "-c", f"core.hooksPath={os.devnull}", "-c", "safe.directory=*",
                   "-c", "core.untrackedCache=false", "-c", "log.showSignature=false", "--no-pager", *args]
        try:
            done = subprocess.run(command, cwd=self.cwd, env=self.env, input=stdin, capture_output=True, timeout=left,
                                  stdin=None if stdin is not None else subprocess.DEVNULL)
        except FileNotFoundError:
            raise _GitFailed("git is not installed") from None
        except subprocess.TimeoutExpired:
            raise _GitFailed("reading the git history took over the time limit") from None
        if done.returncode != 0:
            raise _GitFailed(done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] and
                             done.stderr.decode("utf-8", "replace").strip().splitlines()[-1] or f"git {args[0]} failed")
        return done.stdout


def head(content: Path) -> str:
    """The last commit that changed CONTENT/results and whether the clone is shallow, for the
    build's fingerprint ("" outside git): what the changelog reads. A commit elsewhere (the
    code, or the committed build itself) leaves it as it was."""
    with tempfile.TemporaryDirectory(prefix="benchboard-git-") as home:
        git = _Git(content, home, time.monotonic() + 10)
        try:
            last = git("log", "-1", "--format=%H", "--", "results").decode().strip()
            shallow = git("rev-parse", "--is-shallow-repository").decode().strip()
            return f"{last} {shallow}"
        except _GitFailed:
            return ""


def read_history(content: Path, config: SiteConfig) -> History | None:
    """The history of CONTENT/results, or None when CONTENT is not in a git repository (or the
    site turned history off). Never raises for the repository's sake: a problem is a note."""
    if not config.history or not (content / "results").is_dir():
        return None
    with tempfile.TemporaryDirectory(prefix="benchboard-git-") as home:
        git = _Git(content, home, time.monotonic() + TIME_LIMIT)
        try:
            inside = git("rev-parse", "--is-inside-work-tree").strip() == b"true"
        except _GitFailed:
            return None  # not a repository (or no git): nothing to say
        if not inside:
            return None
        try:
            return _read(git, content, config)
        except _GitFailed as exc:
            return History(note=f"the git history could not be read ({exc}); the changelog is left out")


def _read(git: _Git, content: Path, config: SiteConfig) -> History:
    if git("rev-parse", "--is-shallow-repository").strip() == b"true":
        return History(note=("the repository is a shallow clone, so its history is cut off: fetch it in full "
                             "(actions/checkout with fetch-depth: 0) for the changelog"))
    try:
        head_sha = git("rev-parse", "--verify", "-q", "HEAD").decode().strip()
    except _GitFailed:
        return History(note="the repository has no commit yet")
    prefix = git("rev-parse", "--show-prefix").decode().strip()
    results = f"{prefix}results/"
    raw = git("log", f"-n{config.max_commits + 1}", "--first-parent", "--diff-merges=first-parent", "--no-renames",
              "--no-ext-diff", "--no-textconv", "--raw", "--no-abbrev", "-z",
              f"--format={_SEP_COMMIT}%H{_SEP_FIELD}%cI{_SEP_FIELD}%s", "HEAD", "--", "results/").decode("utf-8", "replace")
    entries = [e for e in raw.split(_SEP_COMMIT) if e.strip("\0\n")]
    truncated = len(entries) > config.max_commits
    entries = entries[: config.max_commits]
    parsed = []
    for entry in entries:
        header, _, body = entry.partition("\0")
        sha, date, subject = (header.split(_SEP_FIELD) + ["", ""])[:3]
        files = []
        parts = [p for p in body.strip("\n").split("\0")]
        i = 0
        while i < len(parts):
            meta = parts[i].strip("\n")
            if not meta.startswith(":"):
                i += 1
                continue
            path = parts[i + 1] if i + 1 < len(parts) else ""
            i += 2
            fields = meta[1:].split()
            if len(fields) < 5 or not path.startswith(results):
                continue
            name = path[len(results):]
            if "/" in name or not name.endswith((".yaml", ".yml")):
                continue
            old, new, status = fields[2], fields[3], fields[4][0]
            files.append((name, None if set(old) == {"0"} else old, None if set(new) == {"0"} else new, status))
        parsed.append((sha.strip(), date.strip(), subject, files))
    reports, kept, cut = _versions(git, parsed, content, config)
    commits = []
    for sha, date, subject, files in reversed(parsed[:kept]):  # oldest first
        changes = tuple(Change(name, reports.get(old) if old else None, reports.get(new) if new else None, status)
                        for name, old, new, status in sorted(files))
        commits.append(Commit(sha, date, subject, changes))
    latest = "the latest commit" if config.max_commits == 1 else f"the latest {config.max_commits} commits"
    verb = "is" if config.max_commits == 1 else "are"
    notes = [f"only {latest} that changed results/ {verb} read (history.max_commits in site.yaml)" if truncated and not cut else None,
             cut]
    return History(tuple(commits), "; ".join(n for n in notes if n) or None, truncated or cut is not None, head_sha)


def _versions(git: _Git, parsed: list, content: Path, config: SiteConfig) -> tuple[dict[str, Report], int, str | None]:
    """The versions the commits (newest first) need, read newest first within the bounds: bytes
    (each version, all versions: sizes asked first, so a blob past them is never read) and
    scores (MAX_HISTORY_SCORES in all, as on the site) and the time limit. Returns the loaded
    versions, how many commits (newest first) have all theirs read, and a note when the rest
    are left out."""
    order: dict[str, None] = {}  # blob ids in the order first needed
    ends = []  # after commit i, the versions it and the newer ones need: the first ends[i] of order
    for _sha, _date, _subject, files in parsed:
        for _name, old, new, _status in files:
            order.update((b, None) for b in (new, old) if b)
        ends.append(len(order))
    order = list(order)
    sizes = _sizes(git, order)
    wanted, total, read = [], 0, len(order)
    for at, blob in enumerate(order):
        size = sizes.get(blob)
        if size is None or size > MAX_BLOB_BYTES:
            continue  # missing, or over one file's limit: that version is left out, as one that does not validate
        total += size
        if total > MAX_TOTAL_BYTES:
            read = at
            break
        wanted.append(blob)
    reports, loaded = _load_versions(_blobs(git, wanted, sizes), content, config, git.deadline)
    why = None
    if read < len(order):
        why = f"the older versions of the result files are over {MAX_TOTAL_BYTES / 2**20:g} MiB in all"
    if loaded is not None:  # stopped at the score or time budget
        read = min(read, order.index(loaded) + 1)
        why = (f"the versions read hold over {MAX_HISTORY_SCORES:,} scores in all (the limit of one site)"
               if time.monotonic() < git.deadline else "reading the older versions took over the time limit")
    kept = sum(1 for end in ends if end <= read)
    commits = "commit" if kept == 1 else "commits"
    note = None if why is None else f"the changelog covers only the latest {kept:,} {commits} that changed results/: {why}"
    return reports, kept, note


def _sizes(git: _Git, ids: list[str]) -> dict[str, int]:
    """Blob id -> its size, from `git cat-file --batch-check` (no content is read)."""
    if not ids:
        return {}
    found = {}
    for line in git("cat-file", "--batch-check", stdin=("\n".join(ids) + "\n").encode()).decode("ascii", "replace").splitlines():
        fields = line.split()
        if len(fields) == 3 and fields[1] == "blob" and fields[2].isdigit():
            found[fields[0]] = int(fields[2])
    return found


def _blobs(git: _Git, ids: list[str], sizes: dict[str, int]) -> dict[str, bytes]:
    """Blob id -> bytes, by `git cat-file --batch` (no filters, no textconv), for blobs whose
    ``sizes`` _sizes gave; asked for in groups of about _BATCH_BYTES, so git's answer is held
    (and briefly doubled) a group at a time. A blob over MAX_BLOB_BYTES is never kept."""
    found: dict[str, bytes] = {}
    group: list[str] = []
    held = 0
    for at, blob in enumerate(ids):
        group.append(blob)
        held += sizes.get(blob, 0)
        if at + 1 == len(ids) or held >= _BATCH_BYTES:
            held = 0
            out = git("cat-file", "--batch", stdin=("\n".join(group) + "\n").encode())
            group = []
            at_byte = 0
            while at_byte < len(out):
                end = out.index(b"\n", at_byte)
                header = out[at_byte:end].decode().split()
                at_byte = end + 1
                if len(header) < 3 or header[1] != "blob":
                    continue  # "<id> missing"
                size = int(header[2])
                if size <= MAX_BLOB_BYTES:
                    found[header[0]] = out[at_byte:at_byte + size]
                at_byte += size + 1
    return found


def _load_versions(texts: dict[str, bytes], content: Path, config: SiteConfig,
                   deadline: float = float("inf")) -> tuple[dict[str, Report], str | None]:
    """Each version loaded by the real loader (and its cache, keyed by the bytes), in the order
    given (newest first): a version that does not validate is left out of the history, quietly
    (it was fixed since). Loading stops after the version that takes the scores read past
    MAX_HISTORY_SCORES, or at ``deadline``; that version's id is returned with the versions
    (None: all were read). Their benchmarks are named as today's benchmarks.yaml (and the
    shipped table) name them, as the site's reports are: the changelog, the feed, "new" marks
    and score histories speak of "Arena Elo" where an old file wrote "arena", and a board's
    columns find their benchmark."""
    found: dict[str, Report] = {}
    stopped, scores = None, 0
    with tempfile.TemporaryDirectory(prefix="benchboard-versions-") as folder:
        root = Path(folder) / content.resolve().name
        (root / "results").mkdir(parents=True)
        for blob, data in texts.items():
            path = root / "results" / f"{blob}.yaml"
            path.write_bytes(data)
            report = cached_load(path, root, Problems(), config)
            if report is not None:
                found[blob] = report
                scores += sum(len(m.scores) for m in report.models)
            path.unlink()
            if scores > MAX_HISTORY_SCORES or time.monotonic() > deadline:
                stopped = blob
                break
    named = benchmarks.resolve(content, list(found.values()), Problems(), check_schema)  # (its contradictions are today's to report)
    return dict(zip(found, named)), stopped
