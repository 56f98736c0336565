"""The package's import graph, read from the source with ``ast``: no import cycles, and no module
imports from a floor above its own (docs/architecture.md). Imports inside functions count too: a
lazy import that closes a circle is still a circle."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "newsgraph"
PKG = "newsgraph"

# the floors, lowest first: a module imports from its own floor or the ones below
FLOORS = [
    ("base", ["newsgraph.errors", "newsgraph.cache", "newsgraph.options", "newsgraph.settings", "newsgraph.languages", "newsgraph.model", "newsgraph.geo"]),
    ("reading and NLP", ["newsgraph.readers", "newsgraph.language", "newsgraph.nlp"]),
    ("stages", ["newsgraph.actors", "newsgraph.quotes", "newsgraph.events"]),
    ("store", ["newsgraph.store", "newsgraph.dedup"]),
    ("alerts", ["newsgraph.monitor.detect", "newsgraph.monitor.alerts"]),  # over the store's series; every ingest posts
    ("pipeline", ["newsgraph.pipeline", "newsgraph.component"]),
    ("ingest", ["newsgraph.shards", "newsgraph.parallel", "newsgraph.feeds", "newsgraph.ingestion"]),
    ("surfaces", ["newsgraph.monitor", "newsgraph.api", "newsgraph.cli", "newsgraph.cli_options", "newsgraph.cli_read",
                  "newsgraph.cli_scale", "newsgraph.eval", "newsgraph.__main__"]),
]
# known upward imports, each owned by another piece of work; remove an entry when it is fixed
KNOWN_UPWARD: set[tuple[str, str]] = set()  # none left (quotes/train_cues moved to eval/ in issue 18)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _targets(mod: str, is_pkg: bool, node: ast.AST, modules: set[str]) -> list[str]:
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names if a.name.split(".")[0] == PKG]
        return [n if n in modules else n.rsplit(".", 1)[0] for n in names]
    assert isinstance(node, ast.ImportFrom)
    if node.level:
        base = (mod if is_pkg else mod.rsplit(".", 1)[0]).split(".")
        base = base[: len(base) - (node.level - 1)]
        target = ".".join(base) + (f".{node.module}" if node.module else "")
    else:
        target = node.module or ""
        if target.split(".")[0] != PKG:
            return []
    return [f"{target}.{a.name}" if f"{target}.{a.name}" in modules else target for a in node.names]


def import_graph() -> tuple[dict[str, set[str]], int]:
    """Edges module -> own modules it imports (anywhere in the file), and the number of import
    statements of own modules inside functions."""
    paths = {module_name(p): p for p in SRC.rglob("*.py")}
    modules = set(paths)
    edges: dict[str, set[str]] = {}
    in_functions = 0
    for mod, path in paths.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        edges[mod] = set()
        stack: list[tuple[ast.AST, bool]] = [(tree, False)]
        while stack:
            node, inside = stack.pop()
            for child in ast.iter_child_nodes(node):
                if isinstance(child, (ast.Import, ast.ImportFrom)):
                    found = [t for t in _targets(mod, path.name == "__init__.py", child, modules) if t in modules]
                    edges[mod].update(t for t in found if t != mod)
                    in_functions += bool(found) and inside
                stack.append((child, inside or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))))
    return edges, in_functions


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(edges.get(w, ())))))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    x = stack.pop()
                    on.discard(x)
                    comp.append(x)
                    if x == v:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))
    return out


def floor_of(mod: str) -> int | None:
    for i, (_, prefixes) in enumerate(FLOORS):
        if any(mod == p or mod.startswith(p + ".") for p in prefixes):
            return i
    return None


def test_no_import_cycles():
    edges, _ = import_graph()
    assert cycles(edges) == []


def test_cycle_detection_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_upward_imports():
    edges, _ = import_graph()
    unplaced = sorted(m for m in edges if m != PKG and floor_of(m) is None)
    assert not unplaced, f"give these modules a floor in FLOORS: {unplaced}"
    upward = set()
    for mod, targets in edges.items():
        if mod == PKG:  # the package's top-level functions (analyze, ingest) import from the floors lazily
            continue
        for t in targets:
            if t == PKG:  # ``from . import __version__``: the package's own module imports nothing at load
                continue
            if floor_of(t) > floor_of(mod):
                upward.add((mod, t))
    known = {(m, t) for m, t in upward for km, kt in KNOWN_UPWARD if m == km and (t == kt or t.startswith(kt + "."))}
    assert upward - known == set()


def test_package_root_loads_nothing_above_the_base():
    """``import newsgraph`` stays light: its module-level imports are base modules only."""
    tree = ast.parse((SRC / "__init__.py").read_text(encoding="utf-8"))
    top = [n for n in tree.body if isinstance(n, ast.ImportFrom) and n.level]
    assert all(floor_of(f"{PKG}.{n.module}") == 0 for n in top)
