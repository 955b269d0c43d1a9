"""The shape the code promises in docs/architecture.md: stages in one order (no module imports a
later stage), no import cycles, a shallow import graph, and no module a newcomer cannot read in
one sitting."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "benchboard"
MAX_LINES = 500
# The stages, earliest first. A module may import its own stage and earlier ones, never a later
# one. Top-level modules: the shared model and errors (earliest), the package and __main__ (last).
STAGES = ["model", "errors", "load", "analyse", "views", "chart", "render", "output", "importers", "commands", "__main__"]
MAX_LAYERS = 8  # the longest chain of imports, in modules (package __init__ files and __main__ aside)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """benchboard modules imported at module level or in functions (a cycle through a
    function-level import is still a cycle a reader has to untangle)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for block in ast.walk(tree) if isinstance(block, ast.If) and _is_type_checking(block.test)
                   for stmt in block.body for n in ast.walk(stmt)}
    for node in ast.walk(tree):
        if id(node) in typing_only:  # annotations only: never imported when the code runs
            continue
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        if isinstance(node, ast.ImportFrom) and getattr(node, "module", None) == "__future__":
            continue
        found.update(t for t in targets if t in modules and t != name)
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _graph() -> dict[str, set[str]]:
    files = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = {name: _imports(path, set(files)) for name, path in files.items()}
    for name in graph:  # importing a.b imports package a first; that edge is not a design choice
        graph[name] = {t for t in graph[name] if not name.startswith(t + ".")}
    return graph


def test_no_import_cycles():
    graph = _graph()
    assert len(graph) > 10, "the walk found too few modules to mean anything"
    cycles, state, stack = [], {}, []

    def visit(node: str) -> None:
        state[node] = "open"
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == "open":
                cycles.append(stack[stack.index(target):] + [target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert cycles == [], "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_the_cycle_finder_finds_a_cycle(monkeypatch):
    """The check above must be able to fail: a made-up cycle is reported."""
    fake = {"benchboard.a": {"benchboard.b"}, "benchboard.b": {"benchboard.a"}, **{f"benchboard.m{i}": set() for i in range(10)}}
    monkeypatch.setitem(globals(), "_graph", lambda: fake)
    try:
        test_no_import_cycles()
    except AssertionError as error:
        assert "benchboard.a -> benchboard.b -> benchboard.a" in str(error)
    else:
        raise AssertionError("a cycle went unnoticed")


def test_no_module_over_the_size_a_newcomer_reads_in_one_sitting():
    sizes = {p.relative_to(PACKAGE).as_posix(): len(p.read_text(encoding="utf-8").splitlines()) for p in PACKAGE.rglob("*.py")}
    assert len(sizes) > 10
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}


def _stage(module: str) -> int:
    parts = module.split(".")
    name = parts[1] if len(parts) > 1 else "__main__"  # the package itself imports nothing
    return STAGES.index(name)


def _later_stage_imports(graph: dict[str, set[str]]) -> list[str]:
    return sorted(f"{a} -> {b}" for a, targets in graph.items() for b in targets if _stage(b) > _stage(a))


def test_every_module_belongs_to_a_stage():
    unplaced = [m for m in _graph() if len(m.split(".")) > 1 and m.split(".")[1] not in STAGES]
    assert unplaced == [], f"modules outside the stages of docs/architecture.md: {unplaced}"


def test_no_module_imports_a_later_stage():
    assert _later_stage_imports(_graph()) == []


def test_the_stage_check_finds_a_backward_import():
    fake = {"benchboard.load.results": {"benchboard.render.site"}, "benchboard.render.site": set()}
    assert _later_stage_imports(fake) == ["benchboard.load.results -> benchboard.render.site"]


def _packages() -> set[str]:
    return {_module_name(p) for p in PACKAGE.rglob("__init__.py")}


def _longest_chain(graph: dict[str, set[str]], skip: set[str] = frozenset()) -> list[str]:
    """Package __init__ files (a docstring, or a subpackage's public names) and the one-line
    __main__ are not layers a reader walks through."""
    graph = {k: {t for t in v if t not in skip} for k, v in graph.items() if k not in skip}
    best: dict[str, list[str]] = {}

    def chain(node: str) -> list[str]:
        if node not in best:
            best[node] = [node]  # guards a cycle (test_no_import_cycles reports it)
            best[node] = [node] + max((chain(t) for t in sorted(graph.get(node, ()))), key=len, default=[])
        return best[node]

    return max((chain(n) for n in sorted(graph)), key=len)


def test_the_import_graph_is_shallow():
    """A newcomer follows any import chain to its end in a few steps."""
    longest = _longest_chain(_graph(), _packages() | {"benchboard.__main__"})
    assert len(longest) <= MAX_LAYERS, " -> ".join(longest)


def test_the_depth_check_measures_a_chain():
    fake = {f"benchboard.m{i}": {f"benchboard.m{i + 1}"} for i in range(9)} | {"benchboard.m9": set()}
    assert len(_longest_chain(fake)) == 10
