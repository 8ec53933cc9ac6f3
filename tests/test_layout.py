"""The app import graph has no cycles, and docs/architecture.md describes it.

Every module under newsdesk/ is parsed with ``ast``; every import counts, at
any depth (inside functions too, where a cycle likes to hide), relative
imports resolved. Each package directly under newsdesk/ is an app (with an
``apps.py``, or a plain package such as ``net``); the modules directly under
newsdesk/ (settings, urls, asgi, wsgi, cli) are the project, ``newsdesk``,
which may import any app and which no app imports. Migrations are generated
and left out.
"""

from __future__ import annotations

import ast
import re
from collections import deque
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "newsdesk"
PROJECT = "newsdesk"
ARCHITECTURE = ROOT / "docs" / "architecture.md"

Where = tuple[str, int]  # a file relative to the repository, and a line in it
Graph = dict[str, dict[str, list[Where]]]  # app -> imported app -> where


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def app_of(module: str) -> str:
    """``newsdesk.wire.fetch`` belongs to ``wire``; ``newsdesk.settings`` to the project."""
    parts = module.split(".")
    if len(parts) > 1 and (PACKAGE / parts[1]).is_dir():
        return parts[1]
    return PROJECT


def is_module(module: str) -> bool:
    path = ROOT.joinpath(*module.split("."))
    return path.is_dir() or path.with_suffix(".py").is_file()


def imported(node: ast.Import | ast.ImportFrom, importer: str, is_package: bool) -> list[str]:
    """The modules an import statement names, relative imports resolved."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        anchor = importer.split(".")
        if not is_package:
            anchor.pop()
        anchor = anchor[: len(anchor) - (node.level - 1)]
        base = ".".join([*anchor, base] if base else anchor)
    # ``from newsdesk import wire`` imports the app, not the project.
    found = [f"{base}.{alias.name}" for alias in node.names if is_module(f"{base}.{alias.name}")]
    return found or [base]


def app_graph() -> Graph:
    graph: Graph = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        importer = module_name(path)
        source = app_of(importer)
        graph.setdefault(source, {})
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            for target in imported(node, importer, path.name == "__init__.py"):
                if target != PROJECT and not target.startswith(PROJECT + "."):
                    continue
                app = app_of(target)
                if app != source:
                    where = (str(path.relative_to(ROOT)), node.lineno)
                    graph[source].setdefault(app, []).append(where)
    return graph


def shortest_cycle(graph: Graph, start: str) -> list[str] | None:
    """Breadth first from ``start`` until an import leads back to it."""
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        if start in graph[current]:
            path = [current]
            while path[-1] != start:
                path.append(came_from[path[-1]])
            return [start, *reversed(path[:-1]), start]
        for nxt in sorted(graph[current]):
            if nxt != start and nxt not in came_from:
                came_from[nxt] = current
                queue.append(nxt)
    return None


def cycles(graph: Graph) -> list[list[str]]:
    """Shortest cycles, ``["a", "b", "a"]``, until every app on a cycle is on one shown."""
    found: list[list[str]] = []
    shown: set[str] = set()
    for start in sorted(graph):
        cycle = None if start in shown else shortest_cycle(graph, start)
        if cycle:
            found.append(cycle)
            shown.update(cycle)
    return found


def spell(cycle: list[str], graph: Graph) -> str:
    """``a -> b -> a``, then the file and line of every import on the way."""
    lines = [" -> ".join(cycle)]
    for a, b in pairwise(cycle):
        places = sorted(set(graph[a][b]))
        lines += [f"  {a} -> {b}: {file}:{line}" for file, line in places[:3]]
        if len(places) > 3:
            lines.append(f"  {a} -> {b}: and {len(places) - 3} more")
    return "\n".join(lines)


def documented_order() -> list[str]:
    """The apps as docs/architecture.md's "Apps" section lists them, highest first."""
    text = ARCHITECTURE.read_text()
    assert "\n## Apps\n" in text, "docs/architecture.md has lost its Apps section"
    section = text.split("\n## Apps\n", 1)[1].split("\n## ", 1)[0]
    listing = section.split("```", 2)[1]
    return re.findall(r"^  (\w+)/ ", listing, re.MULTILINE)


def test_the_app_import_graph_has_no_cycles() -> None:
    graph = app_graph()
    found = cycles(graph)
    assert not found, (
        "apps import each other; move the shared code down to the lower app, or the "
        "registration up into the higher app's ready():\n"
        + "\n".join(spell(cycle, graph) for cycle in found)
    )


def test_no_app_imports_the_project() -> None:
    graph = app_graph()
    back = [f"{app}: {file}:{line}" for app in graph for file, line in graph[app].get(PROJECT, [])]
    assert not back, "use django.conf.settings, not the project's modules:\n" + "\n".join(back)


def test_net_imports_nothing_of_ours() -> None:
    assert app_graph()["net"] == {}


def test_the_graph_is_read_from_the_code() -> None:
    graph = app_graph()
    edges = sum(len(targets) for targets in graph.values())
    assert 25 <= edges <= 80, f"{edges} edges: the walk misses imports, or the apps are tangled"
    assert set(graph) == {*(p.parent.name for p in PACKAGE.glob("*/__init__.py")), PROJECT}
    assert {"news", "desk", "net"} <= set(graph["wire"])
    assert {"hooks", "news", "wire"} <= set(graph["worker"])
    # server -> worker is only an import inside a function (serve's worker
    # thread, and /readyz reading the worker's heartbeat).
    serve = "newsdesk/server/management/commands/serve.py"
    health = "newsdesk/server/health.py"
    assert sorted({file for file, _ in graph["server"]["worker"]}) == [health, serve]


def test_the_cycle_finder_spells_out_cycles() -> None:
    def graph(*edges: str) -> Graph:
        made: Graph = {}
        for edge in edges:
            a, b = edge.split()
            made.setdefault(a, {})[b] = [(f"{a}.py", 1)]
            made.setdefault(b, {})
        return made

    assert cycles(graph("a b", "b c", "a c")) == []
    assert cycles(graph("a b", "b c", "c a", "c d")) == [["a", "b", "c", "a"]]
    # Every app on a cycle shows on one: c is on a -> b -> c -> a, not on a -> b -> a.
    assert cycles(graph("a b", "b c", "c a", "b a")) == [["a", "b", "a"], ["c", "a", "b", "c"]]
    assert cycles(graph("x y", "y x", "p q", "q p", "y p")) == [["p", "q", "p"], ["x", "y", "x"]]
    two = graph("a b", "b a")
    assert spell(cycles(two)[0], two) == "a -> b -> a\n  a -> b: a.py:1\n  b -> a: b.py:1"


def test_relative_imports_resolve_to_their_app() -> None:
    def first(source: str) -> ast.ImportFrom:
        node = ast.parse(source).body[0]
        assert isinstance(node, ast.ImportFrom)
        return node

    found = imported(first("from ..news.outbox import emit"), "newsdesk.wire.fetch", False)
    assert found == ["newsdesk.news.outbox"]
    assert imported(first("from . import models"), "newsdesk.wire", True) == [
        "newsdesk.wire.models"
    ]
    assert imported(first("from newsdesk import wire"), "newsdesk.urls", False) == ["newsdesk.wire"]
    assert app_of("newsdesk.settings") == PROJECT
    assert app_of("newsdesk.wire.fetch") == "wire"


def test_the_architecture_lists_every_app() -> None:
    documented = documented_order()
    apps = sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))
    assert len(apps) >= 10
    assert sorted(documented) == apps, "docs/architecture.md's Apps section is out of date"


def test_each_app_imports_only_apps_listed_below_it() -> None:
    """The Apps section's order is the layering: the doc and the code agree."""
    rank = {app: n for n, app in enumerate(documented_order())}
    graph = app_graph()
    upward = [
        f"{app} imports {target}, listed above it: {file}:{line}"
        for app, targets in graph.items()
        if app != PROJECT
        for target, places in targets.items()
        if rank[target] <= rank[app]
        for file, line in places
    ]
    assert not upward, "docs/architecture.md, Apps:\n" + "\n".join(upward)
