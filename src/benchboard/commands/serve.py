"""``build-site serve``: build, serve on 127.0.0.1, rebuild on change, reload the open page.

The served HTML gets a small script (never written to the site) that polls
``/__benchboard__/status`` and reloads when the build number changes. A content error keeps
the last good build online and shows the error as a banner in the page and in the terminal.
Each rebuild is a build in a child process, with a build's time and memory bounds; rebuilds are
incremental (see build.py), so only changed reports are redrawn.

The server is for one person's browser: it serves only a folder build-site made (never a
directory listing), answers only requests addressed to a localhost name (a DNS-rebinding page
cannot read it), drops idle connections, and survives any error in a rebuild.
"""

from __future__ import annotations

import argparse
import html
import re
import json
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from benchboard.errors import EXIT_CONTENT, EXIT_OK, EXIT_OUTPUT, printable
from benchboard.render.theme import theme_dir
from benchboard.output.write import MARKER

STATUS_PATH = "/__benchboard__/status"
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]", "::1"})
IDLE_SECONDS = 30
_BODY = re.compile(r"<body\b[^>]*>", re.I)
RELOAD_SCRIPT = """<script>
(function () {
  var seen = null;
  function poll() {
    fetch("%s", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
      if (seen !== null && s.build !== seen) { location.reload(); return; }
      seen = s.build;
    }).catch(function () {}).then(function () { setTimeout(poll, 500); });
  }
  poll();
})();
</script>""" % STATUS_PATH


class State:
    """What the server shows: the build number and the current error, if any."""

    def __init__(self) -> None:
        self.build = 0
        self.error: str | None = None
        self.child: subprocess.Popen | None = None  # the rebuild running now
        self.lock = threading.Lock()

    def snapshot(self) -> dict:
        with self.lock:
            return {"build": self.build, "error": self.error}


def rebuild(content: Path, out: Path, state: State, *, first: bool = False) -> None:
    """One build in a child process (``python -m benchboard build CONTENT OUT``): there, as in
    any build, the 20 s page and 10 s Markdown deadlines run in the main thread and the memory
    bound applies; a rebuild in one of serve's threads had neither, and a slow template hung the
    preview for good. The child's exit code says what happened; its output is passed on."""
    command = [sys.executable, "-m", "benchboard", "build", str(content), str(out)] + (["--force"] if first else [])
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             encoding="utf-8", errors="replace")
    with state.lock:
        state.child = child
    try:
        stdout, stderr = child.communicate()
    finally:
        with state.lock:
            state.child = None
    if child.returncode in (130, -signal.SIGINT, -signal.SIGTERM):
        return  # stopped with serve (Ctrl-C reaches the whole process group)
    lines = [printable(line) for line in stderr.splitlines() if line.strip()]
    if child.returncode == EXIT_OK:
        for line in lines:  # warnings
            print(line, file=sys.stderr)
        print("\n".join(printable(line) for line in stdout.splitlines()), flush=True)
        error = None
    elif child.returncode == EXIT_CONTENT:
        problems = [line for line in lines if not line.startswith("build-site: ")]
        errors = sum(1 for line in problems if ": warning: " not in line)
        print("\n".join(problems) + f"\nbuild-site serve: {errors} error(s); still serving the last good build",
              file=sys.stderr, flush=True)
        error = "\n".join(problems)
    elif child.returncode == EXIT_OUTPUT:
        error = "\n".join(line.removeprefix("build-site: ") for line in lines)
        print(printable(f"build-site serve: {error}"), file=sys.stderr, flush=True)
    else:  # a bug (exit 4) or a killed build: show it, keep serving and watching (the next save may build)
        print("\n".join(lines), file=sys.stderr)
        how = f"exit {child.returncode}" if child.returncode > 0 else f"killed by signal {-child.returncode}"
        error = f"build-site serve: internal error in the build ({how}); please report it with the traceback above"
        print(error + "; still serving the last good build", file=sys.stderr, flush=True)
    with state.lock:
        state.error = error
        state.build += 1


def stop_child(state: State) -> None:
    """Ctrl-C or SIGTERM while a rebuild runs: end that build too."""
    with state.lock:
        child = state.child
    if child is not None and child.poll() is None:
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def make_handler(out: Path, state: State, check_host: bool = True):
    class Handler(SimpleHTTPRequestHandler):
        timeout = IDLE_SECONDS  # an idle or slow connection is dropped instead of held forever

        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(out), **kwargs)

        def log_message(self, format, *args):  # noqa: A002 (the stdlib's name)
            pass  # keep the terminal for build output

        def list_directory(self, path):
            self.send_error(404, "Not found")  # never a listing, even of a folder without index.html
            return None

        def _host_ok(self) -> bool:
            """DNS rebinding: a page on evil.example whose name now resolves to 127.0.0.1 sends
            Host: evil.example. Only localhost names are answered."""
            host = self.headers.get("Host")
            if not check_host or host is None:
                return True
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            return name.lower() in LOCAL_HOSTS

        def do_HEAD(self):  # noqa: N802 (the stdlib's name)
            if not self._host_ok():
                return self.send_error(403, "Host not allowed")
            return super().do_HEAD()

        def do_GET(self):  # noqa: N802 (the stdlib's name)
            if not self._host_ok():
                return self._send(b"build-site serve answers only requests to localhost\n", "text/plain; charset=utf-8", 403)
            if self.path.split("?")[0] == STATUS_PATH:
                return self._send(json.dumps(state.snapshot()).encode(), "application/json")
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                if not self.path.split("?")[0].endswith("/"):
                    return super().do_GET()  # the stdlib redirects to the slash form
                path = path / "index.html"
            if path.suffix == ".html" and path.is_file():
                return self._send(self._inject(path.read_bytes()), "text/html; charset=utf-8")
            if not path.exists() and (out / "404.html").is_file():
                return self._send(self._inject((out / "404.html").read_bytes()), "text/html; charset=utf-8", 404)
            return super().do_GET()

        def _inject(self, page: bytes) -> bytes:
            """The reload script before </body>; a failed build's banner first in <body>, so
            that the first screen of any page says the content has errors (at the end of a
            long report page it was 2,400 px down, and a reload keeps the scroll position)."""
            snapshot = state.snapshot()
            text = page.decode("utf-8", "replace")
            if snapshot["error"]:
                banner = ('<div class="build-error" role="alert" data-benchboard-error>'
                          "<strong>build-site: the content has errors; this is the last good build.</strong>\n"
                          f"{html.escape(snapshot['error'])}</div>")
                opening = _BODY.search(text)
                text = text[:opening.end()] + banner + text[opening.end():] if opening else banner + text
            marker = "</body>"
            text = text.replace(marker, RELOAD_SCRIPT + marker, 1) if marker in text else text + RELOAD_SCRIPT
            return text.encode()

        def _send(self, body: bytes, content_type: str, code: int = 200) -> None:
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

    return Handler


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="build, serve on 127.0.0.1 and rebuild on change",
        description="Build CONTENT, serve it on http://127.0.0.1:PORT/, rebuild when CONTENT or the theme "
        "changes and reload the open page. A content error keeps the last good build online and shows "
        "the error in the page. Ctrl-C stops.",
    )
    parser.add_argument("content", type=Path, metavar="CONTENT")
    parser.add_argument("--port", type=_port, default=8000, help="port on 127.0.0.1 (0 picks a free one; default 8000)")
    parser.add_argument("--host", default=None, help="address to listen on (default 127.0.0.1); when given, requests "
                        "to any host name are answered, so give it only on a trusted network")
    parser.add_argument("--out", type=Path, default=None, help="where to build (default: a temporary directory); "
                        "must be empty, new or a previous build")


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0 to 65535)")
    return port


def _stop(signum, frame):
    raise KeyboardInterrupt  # SIGTERM stops like Ctrl-C: the finally block removes the temp folder


def run(args: argparse.Namespace) -> int:
    temporary = args.out is None
    out = Path(tempfile.mkdtemp(prefix="benchboard-serve-")) / "site" if temporary else args.out
    # SIGINT too: started from a script in the background (`cmd &`), a process inherits SIGINT
    # ignored and Python then never raises KeyboardInterrupt, so Ctrl-C or `kill -INT` did nothing.
    previous = {number: signal.signal(number, _stop) for number in (signal.SIGTERM, signal.SIGINT)}
    try:
        return _serve(args, out, temporary)
    except KeyboardInterrupt:
        return 130
    finally:  # Ctrl-C, SIGTERM or an error: no temporary folder is left behind
        if temporary:
            shutil.rmtree(out.parent, ignore_errors=True)
        for number, handler in previous.items():
            signal.signal(number, handler)


def _serve(args: argparse.Namespace, out: Path, temporary: bool) -> int:
    import watchfiles

    state = State()
    host = args.host or "127.0.0.1"
    try:
        rebuild(args.content, out, state, first=temporary)
    finally:
        stop_child(state)
    if out.exists() and not (out / MARKER).exists() and any(out.iterdir()):
        print(printable(f"build-site serve: {out} was not built by build-site; refusing to serve it "
                        "(choose an empty or new --out)"), file=sys.stderr)
        return EXIT_OUTPUT
    if not out.exists():
        out.mkdir(parents=True)  # nothing built yet: serve the banner on an empty site
    try:
        server = ThreadingHTTPServer((host, args.port), make_handler(out, state, check_host=args.host is None))
    except OSError as exc:
        print(printable(f"build-site serve: cannot listen on {host}:{args.port} ({exc.strerror}); try --port 0"), file=sys.stderr)
        return 1
    stop = threading.Event()
    watched = [str(args.content)] + [str(p) for p in (theme_dir(),) if p.is_dir()]

    def watch() -> None:
        for _changes in watchfiles.watch(*watched, stop_event=stop, debounce=200, step=50, raise_interrupt=False):
            rebuild(args.content, out, state)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    print(f"Serving on http://{host}:{server.server_address[1]}/ (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        stop_child(state)
        server.server_close()
    print("stopped", flush=True)
    return 0
