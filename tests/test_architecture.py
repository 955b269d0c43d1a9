"""The shape the code promises in docs/architecture.md: no import cycles between modules, and
no module a newcomer cannot read in one sitting."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "benchboard"
MAX_LINES = 500


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
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
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
