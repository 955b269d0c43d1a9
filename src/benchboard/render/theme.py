"""The theme: jinja2's sandbox over templates/ and a site's overrides, bounded in time and memory.

Templates come from the theme in ``templates/`` and may be overridden per site by files in
``CONTENT/templates/``; an override comes from a pull request, so every template runs sandboxed.
"""

from __future__ import annotations

import os
import re
import string
import threading
import time
import traceback
import types
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

try:
    import resource
except ImportError:  # Windows: no RLIMIT_AS; the checks in _Sandbox remain
    resource = None

from benchboard import __version__
from benchboard.errors import Problem
from benchboard.load import paths
from benchboard.load.cache import cache_dir
from benchboard.render import sanitize
from benchboard.render.data import csv_safe
from benchboard.render.written import TemplateTooCostly, isolated, refused  # noqa: F401 (TemplateTooCostly: theme's name too)


def theme_dir() -> Path:
    """The default theme: inside the wheel, or the repo's templates/ in a source checkout."""
    packaged = resources.files("benchboard").joinpath("templates")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "templates"


THEME_PREFIX = "theme/"


class _ContainedLoader(jinja2.FileSystemLoader):
    """Site overrides first, then the theme; an override is read only if it is a regular file
    whose real path stays inside CONTENT (a link to /proc/self/environ is not a template).
    "theme/NAME" is always the theme's NAME, so an override can extend the page it replaces."""

    def __init__(self, overrides: Path | None, content: Path | None):
        super().__init__([str(p) for p in (overrides, theme_dir()) if p is not None])
        self.overrides, self.content = overrides, content

    def get_source(self, environment, template):
        if template.startswith(THEME_PREFIX):  # the theme's own page, for a site template to extend
            return jinja2.FileSystemLoader(str(theme_dir())).get_source(environment, template[len(THEME_PREFIX):])
        if self.overrides is not None:
            path = self.overrides.joinpath(*split_template_path(template))
            if path.exists() or path.is_symlink():
                problem = paths.problem(path, self.content)
                if problem:
                    raise jinja2.TemplateNotFound(template, f"{template}: {problem}")
                try:
                    text = paths.read_regular(path, MAX_TEMPLATE_BYTES).decode("utf-8")
                except paths.Unreadable as exc:
                    raise jinja2.TemplateNotFound(template, f"{template}: {exc}") from None
                mtime = path.stat().st_mtime
                return text, str(path), lambda: path.exists() and path.stat().st_mtime == mtime
        theme = jinja2.FileSystemLoader(str(theme_dir()))
        return theme.get_source(environment, template)


MAX_TEMPLATE_BYTES = 1024 * 1024


class TemplateBudgetSpent(TemplateTooCostly):
    """The site's templates used up the build's budget; ``template`` is the page template that
    took the most of it (named if no frame of an override is found)."""

    def __init__(self, message: str, template: str | None):
        super().__init__(message)
        self.template = template


class _Budget:
    """What one build process's templates have spent (only with site overrides)."""

    def __init__(self):
        self.seconds, self.chars, self.by_template = 0.0, 0, {}

    def heaviest(self) -> str | None:
        return max(self.by_template, key=self.by_template.get, default=None)

    def spent(self, what: str) -> TemplateBudgetSpent:
        return TemplateBudgetSpent(f"the site's templates took over {MAX_TEMPLATE_SECONDS} s of CPU time in all (the "
                                   f"theme's take seconds for the largest site), stopped at {what}", self.heaviest())


@contextmanager
def bounded(env: jinja2.Environment, what: str, template: str | None = None):
    """Rendering ``what`` under the page deadline (MAX_PAGE_SECONDS of CPU time) and the memory
    bound, and, when the site overrides templates, within what is left of MAX_TEMPLATE_SECONDS
    for the build process; the time is charged to ``template`` (a page's own)."""
    budget = getattr(env, "budget", None)
    seconds, error = MAX_PAGE_SECONDS, TemplateTooCostly(f"{what} took over {MAX_PAGE_SECONDS} s")
    if budget is not None and budget.seconds >= MAX_TEMPLATE_SECONDS:
        raise budget.spent(what)  # (template_problem names the override that spent most)
    if budget is not None and MAX_TEMPLATE_SECONDS - budget.seconds < seconds:
        seconds, error = max(MAX_TEMPLATE_SECONDS - budget.seconds, 0.001), budget.spent(what)
    start = time.thread_time()
    try:
        with sanitize.deadline(seconds, error), memory_bound(what):
            yield
    finally:
        if budget is not None:
            spent = time.thread_time() - start
            budget.seconds += spent
            if template is not None:
                budget.by_template[template] = budget.by_template.get(template, 0.0) + spent


def render_page(env: jinja2.Environment, template: str, **context) -> str:
    """A page template rendered as it streams, stopped inside the template (so the error names
    the override's line) once it writes more than MAX_PAGE_CHARS, or, with site overrides, once
    the build process's pages pass MAX_OUTPUT_CHARS. Call it within bounded()."""
    budget = getattr(env, "budget", None)
    if budget is None:  # the theme alone (environment(): no overrides): trusted, and one render() call is faster
        page = env.get_template(template).render(**context)
        if len(page) > MAX_PAGE_CHARS:
            raise TemplateTooCostly(f"{template} wrote over {MAX_PAGE_CHARS:,} characters, more than any page needs")
        return page
    done = budget.chars if budget is not None else 0
    parts, size = [], 0
    stream = env.get_template(template).generate(**context)
    for part in stream:
        size += len(part)
        if size > MAX_PAGE_CHARS or (budget is not None and done + size > MAX_OUTPUT_CHARS) or refused(template, part):
            too_long = (TemplateTooCostly(f"{template} wrote over {MAX_PAGE_CHARS:,} characters, more than any page needs")
                        if size > MAX_PAGE_CHARS else refused(template, part) or
                        TemplateBudgetSpent(f"the site's pages are over {MAX_OUTPUT_CHARS:,} characters in all, stopped "
                                            f"at {template}", template))
            stream.throw(too_long)
            raise too_long  # not reached: the template re-raises it with its own file and line
        parts.append(part)
    if budget is not None:
        budget.chars += size
    return "".join(parts)


MAX_REPEAT = 100_000  # 'x' * n and [..] * n in a template


MAX_PAGE_SECONDS = 20  # one page's templates; the theme's take milliseconds
# With site overrides, all the templates a build process renders (pages, the reports' and the
# frontier views' text) share a budget: 20 s a page times 10,000 model pages would be days, and
# 100 MB a page would fill a disk. The theme alone renders the largest sites measured (5,000
# models) in ~10 s of CPU and ~160 MB of pages.
MAX_TEMPLATE_SECONDS = 180  # CPU time of all templates of one build process
MAX_PAGE_CHARS = 64 * 2**20  # one page's output, stopped while it streams
MAX_OUTPUT_CHARS = 2 * 2**30  # all pages' output of one build process


class _Sandbox(SandboxedEnvironment):
    """jinja2's sandbox blocks attribute tricks but not cost: ``'x' * 10**10`` or ``2 ** 10**9``
    would exhaust memory or time. Those operators are checked here, and so are the string
    methods and filters that pad or multiply text (``'x'.ljust(10**9)``, ``|center``,
    ``'%0999999999d' % 1``, ``'{:>999999999}'.format(1)``); memory_bound() is the backstop
    for what no check foresees (doubling a string in a loop)."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def call_binop(self, context, operator, left, right):
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > 100:
            raise TemplateTooCostly(f"exponent {right} is too large for a template")
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(count, int) and count * max(len(seq), 1) > MAX_REPEAT:
                    raise TemplateTooCostly(f"repeating a value {count:,} times is too much for a template")
        if operator == "%" and isinstance(left, str):
            _check_percent_format(left)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (jinja2's signature)
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str) and type(__obj) is types.BuiltinMethodType:
            _check_str_method(owner, __obj.__name__, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value):
        """jinja2 swaps str.format for its own sandboxed formatter when the attribute is read;
        the width check goes in front of that."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        text = value.__self__

        def checked(*args, **kwargs):
            _check_format_string(text)
            return wrapped(*args, **kwargs)

        return checked

    def getattr(self, obj, attribute):
        """jinja2's lookup with its answer for the common cases given at once: a key of a dict
        that names no dict method, and a data attribute (not a method: str.format needs
        jinja2's wrapper) of a plain object. Each template reads ~900 attributes a model page;
        the general path was a third of rendering 5,000 of them."""
        kind = type(obj)
        if kind is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except (KeyError, TypeError):
                return self.undefined(obj=obj, name=attribute)
        if attribute[:1] != "_" and type(attribute) is str:
            plain = _PLAIN.get(kind)
            if plain is None:
                plain = _PLAIN[kind] = not issubclass(kind, _SPECIAL)
            if plain:
                try:
                    value = getattr(obj, attribute)
                except AttributeError:
                    pass
                else:
                    if not isinstance(value, _METHODS):
                        return value
        return super().getattr(obj, attribute)

    def is_safe_attribute(self, obj, attr: str, value) -> bool:
        """jinja2's rule, decided once per type: for an object that is not a function, method,
        class, code, frame, traceback or generator, only a leading underscore makes an
        attribute unsafe. Asking per access was a quarter of rendering a large site's pages."""
        if attr.startswith("_"):
            return False
        kind = type(obj)
        plain = _PLAIN.get(kind)
        if plain is None:
            plain = _PLAIN[kind] = not issubclass(kind, _SPECIAL)
        return plain or super().is_safe_attribute(obj, attr, value)


def _too_wide(width, what: str) -> None:
    if isinstance(width, int) and width > MAX_REPEAT:
        raise TemplateTooCostly(f"{what} {width:,} characters wide is too much for a template (at most {MAX_REPEAT:,})")


_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-+ #0]*(\*|\d+)?(?:\.(\*|\d+))?")


def _check_percent_format(text: str) -> None:
    """'%0999999999d' % 1 pads in one C call the page timer cannot interrupt."""
    for match in _PERCENT_SPEC.finditer(text):
        for number in match.groups():
            if number == "*":
                raise TemplateTooCostly("a '*' width in a % format is not allowed in a template (write the width)")
            _too_wide(int(number) if number else 0, "a % format field")


def _check_format_string(text: str) -> None:
    """'{:>999999999}'.format(1): widths and precisions in str.format fields; nested fields
    ('{:{}}') would hide them and are refused."""
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError:
        return  # str.format will raise its own error
    for _literal, _field, spec, _conversion in fields:
        if spec and "{" in spec:
            raise TemplateTooCostly("a nested format field ('{:{}}') is not allowed in a template (write the width)")
        for number in re.findall(r"\d+", spec or ""):
            _too_wide(int(number), "a format field")


def _check_str_method(text: str, name: str, args: tuple, kwargs: dict) -> None:
    """Text methods whose result can be far larger than their inputs."""
    if name in ("ljust", "rjust", "center", "zfill") and args:
        _too_wide(args[0], f"{name}()")
    elif name == "expandtabs":
        tab = args[0] if args else kwargs.get("tabsize", 8)
        _too_wide(tab * text.count("\t") if isinstance(tab, int) else 0, "expandtabs()")
    elif name == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
        count = text.count(args[0]) if args[0] else len(text) + 1
        _too_wide(len(text) + count * len(args[1]), "replace()")
    elif name in ("format", "format_map"):
        _check_format_string(text)
    elif name == "join" and args and hasattr(args[0], "__len__"):
        _too_wide(len(text) * len(args[0]), "join()")


def _bounded_filters(filters: dict) -> None:
    """The same checks for jinja2's filters that pad or multiply text."""
    center, fmt, indent, replace = filters["center"], filters["format"], filters["indent"], filters["replace"]

    def do_center(value, width=80):
        _too_wide(width, "center")
        return center(value, width)

    def do_format(value, *args, **kwargs):
        _check_percent_format(str(value))
        return fmt(value, *args, **kwargs)

    def do_indent(value, width=4, *args, **kwargs):
        per_line = len(width) if isinstance(width, str) else width
        if isinstance(per_line, int):
            _too_wide(per_line * (str(value).count("\n") + 1), "indent")
        return indent(value, width, *args, **kwargs)

    def do_replace(eval_ctx, value, old, new, count=None):
        _check_str_method(str(value), "replace", (str(old), str(new)), {})
        return replace(eval_ctx, value, old, new, count)

    for name, function in (("center", do_center), ("format", do_format), ("indent", do_indent)):
        filters[name] = function
    filters["replace"] = jinja2.pass_eval_context(do_replace)


MAX_RENDER_BYTES = 512 * 1024 * 1024  # address space one page's rendering may add


@contextmanager
def memory_bound(what: str):
    """A real memory bound on rendering: RLIMIT_AS set to the process's size plus
    MAX_RENDER_BYTES while the block runs, restored after. A template that doubles a string
    in a loop (3.2 GB by the 32nd pass) gets MemoryError, reported as TemplateTooCostly at
    its line, before the machine swaps. Linux only (elsewhere the checks above remain)."""
    size = _address_space()
    if size is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = size + MAX_RENDER_BYTES
    if soft != resource.RLIM_INFINITY and soft <= limit:
        yield  # already bounded tighter (a test, a container)
        return
    resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))
    try:
        yield
    except MemoryError as exc:
        error = TemplateTooCostly(f"{what} needed more than {MAX_RENDER_BYTES // 2**20} MiB of memory")
        raise error.with_traceback(exc.__traceback__) from None  # keeps the template's frames for its line
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _address_space() -> int | None:
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError, AttributeError):
        return None


_SPECIAL = (types.FunctionType, types.MethodType, type, types.CodeType, types.TracebackType, types.FrameType,
            types.GeneratorType, types.CoroutineType, types.AsyncGeneratorType)  # is_internal_attribute's cases


_PLAIN: dict[type, bool] = {}
_DICT_ATTRIBUTES = frozenset(dir(dict))  # d.items is the method, as in jinja2; any other name is a key
_METHODS = (types.MethodType, types.BuiltinMethodType)  # str.format and its kin go through jinja2's wrapper


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates in the user's cache (keyed by each template's source): compiling the
    theme took 0.38 s of every build. An unwritable cache only costs that time again."""
    folder = cache_dir() / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder), f"benchboard-{__version__}-%s.cache")


def environment(content: Path | None = None) -> jinja2.Environment:
    """Templates render in jinja2's sandbox: a site's override comes from a pull request, and
    unsandboxed jinja2 reaches os.popen through any object's __globals__."""
    overrides = content / "templates" if content is not None and paths.is_folder(content / "templates", content) else None
    env = _Sandbox(
        loader=_ContainedLoader(overrides, content),
        bytecode_cache=_bytecode_cache(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.pop("lipsum", None)  # lipsum(10**9) would never finish
    env.budget = _Budget() if overrides is not None else None  # the theme alone needs no budget (bounded())
    _bounded_filters(env.filters)
    env.filters["csv_safe"] = csv_safe
    env.filters["groupby_report"] = _group_columns
    env.filters["model_links"] = _model_links
    env.filters["with_gap_word"] = with_gap_word
    return env


def with_gap_word(gap, word: str) -> str:
    """A gap as the text says it: "2 points", "1 point", "20 Elo" (``word``: the unit's gap word,
    " points" for percent). One rule for the comparison table, the mean and pair sentences and
    the tolerance note."""
    return f"{gap}{' point' if word == ' points' and str(gap) == '1' else word}"


def check_overrides(env: jinja2.Environment, content: Path) -> list[Problem]:
    """Compile every site template override up front, so a syntax error is reported as the
    user's file and line, not as a crash halfway through rendering."""
    folder = content / "templates"
    if not paths.is_folder(folder, content):
        return []
    problems = []
    for path, problem in paths.walk(folder, content):
        if problem:
            problems.append(Problem(_override_display(content, path), 0, 0, problem))
            continue
        if path.name.startswith("."):
            continue
        name = path.relative_to(folder).as_posix()
        try:
            env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            problems.append(Problem(_override_display(content, path), exc.lineno or 0, 1 if exc.lineno else 0,
                                    f"template syntax error: {exc.message} (fix the template or delete it to use the theme's)"))
        except UnicodeDecodeError:
            problems.append(Problem(_override_display(content, path), 0, 0, "template is not UTF-8 text (save it as UTF-8)"))
    return problems


def template_problem(exc: BaseException, content: Path | None) -> Problem | None:
    """A rendering error raised inside a site's own template override, as a content problem."""
    if content is None or not (content / "templates").is_dir():
        return None
    root = (content / "templates").resolve()
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        path = Path(frame.filename)
        if path.resolve().is_relative_to(root):  # jinja rewrites frames to the template's file and line
            if isinstance(exc, jinja2.TemplateNotFound) and not str(exc.message or "").startswith(f"{exc.name}: "):
                # jinja's own text is the bare name ("../../etc/passwd") or names the theme's folder
                # on this machine: say what a template may load instead
                message = (f"no template {exc.name!r}: a template includes, imports or extends only the theme's "
                           "templates and the site's own in templates/, by a name such as '_share.html'")
            else:
                message = exc.message if isinstance(exc, jinja2.TemplateError) and exc.message else (
                    str(exc) if isinstance(exc, TemplateTooCostly) else f"{type(exc).__name__}: {exc}")
            message = message.rstrip(".")
            return Problem(_override_display(content, path), frame.lineno or 0, 1 if frame.lineno else 0,
                           f"template error: {message} (fix the template or delete it to use the theme's)")
    if isinstance(exc, TemplateBudgetSpent):  # spent while a theme template ran: the override that spent most is named
        name = exc.template if exc.template and (content / "templates" / exc.template).is_file() else None
        return Problem(_override_display(content, content / "templates" / (name or "")).rstrip("/"), 0, 0,
                       f"template error: {exc} (make {'this template' if name else 'the templates'} cheaper, or delete "
                       f"{'it' if name else 'them'} to use the theme's)")
    return None


def _override_display(content: Path, path: Path) -> str:
    """The file as the user sees it, named by its own (unresolved) path: a link is named as
    the link, never as what it points at."""
    try:
        rel = Path(path).relative_to(content)
    except ValueError:
        rel = Path(os.path.abspath(path)).relative_to(Path(os.path.abspath(content)))
    return (Path(content.resolve().name) / rel).as_posix()


def _model_links(text: str, models, root: str) -> Markup:
    """A generated sentence with each model name linked to its page: whole names found in the
    escaped text, longest first in one pass ("A-70B" never links inside "A-70B-Instruct", a
    model called "A" never inside "AIME")."""
    escaped = str(escape(text))
    links = {str(escape(m.name)): f'<a href="{escape(root)}models/{escape(m.slug)}/">{isolated(m.name)}</a>'
             for m in models if getattr(m, "slug", None)}
    if not links:
        return Markup(escaped)
    alternatives = "|".join(re.escape(name) for name in sorted(links, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w&#-])(?:{alternatives})(?![\w-])")  # whole names only, never inside an entity
    return Markup(pattern.sub(lambda match: links[match.group(0)], escaped))


def _group_columns(columns) -> list[tuple]:
    """Leaderboard columns grouped under their report, in order."""
    groups: list[tuple] = []
    for column in columns:
        if groups and groups[-1][0].slug == column.report.slug:
            groups[-1][1].append(column)
        else:
            groups.append((column.report, [column]))
    return groups
