"""The package layout reads as the data flow: imports run one way, with no cycles.

Every `import` of `pipeline` code is read with `ast` (also the ones inside functions): a
module imports only its own package and the packages before it in `LAYERS`, never a
private (`_name`) of another module, and the module graph has no cycle. Modules stay
under the ~300-line guide.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "pipeline"

# lowest first; a module of one layer may import its own layer and those before it
LAYERS = ["io", "normalize", "rules", "mentions", "facts", "nlp", "batch", "review", "report",
          "learn", "bench", "__main__"]
FACADES = {"pipeline.amounts": "normalize"}   # thin public re-exports, at their target's layer
MAX_LINES = 300


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> int:
    if module in FACADES:
        return LAYERS.index(FACADES[module])
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 else -1   # `pipeline` itself: below all


def imports_of(module: str) -> list[tuple[str, list[str], int]]:
    """(imported pipeline module, names taken from it, line) for every import in `module`."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, [], node.lineno) for a in node.names if a.name.startswith("pipeline")]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("pipeline"):
            names = [a.name for a in node.names]
            for name in names:   # `from pipeline.io import readers` imports a module
                if f"{node.module}.{name}" in MODULES:
                    out.append((f"{node.module}.{name}", [], node.lineno))
            rest = [n for n in names if f"{node.module}.{n}" not in MODULES]
            if rest or not names:
                out.append((node.module, rest, node.lineno))
    return out


def test_architecture_every_module_is_in_a_layer():
    unknown = [m for m in MODULES if m != "pipeline" and m not in FACADES and m.split(".")[1] not in LAYERS]
    assert not unknown, f"add their package to LAYERS: {unknown}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_architecture_imports_never_go_up(module):
    if module not in FACADES and module != "pipeline" and module.split(".")[1] not in LAYERS:
        pytest.skip("not in a layer (see the test above)")
    upward = [f"line {line}: {target}" for target, _, line in imports_of(module)
              if target in MODULES and layer_of(target) > layer_of(module)]
    assert not upward, f"{module} imports a higher stage: {upward}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_architecture_no_private_imports_across_modules(module):
    private = [f"line {line}: {target}.{name}" for target, names, line in imports_of(module)
               for name in names if name.startswith("_") and target != module]
    assert not private, f"{module} imports private names of another module: {private}"


def test_architecture_module_graph_has_no_cycle():
    graph = {m: {t for t, _, _ in imports_of(m) if t in MODULES and t != m} for m in MODULES}
    for module in graph:   # `import pipeline.x.y` also runs the packages' __init__: not an edge
        graph[module] = {t for t in graph[module] if not MODULES[t].name == "__init__.py"}
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, path: list[str]) -> bool:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle.extend(path[path.index(nxt):] + [node, nxt] if nxt in path else [node, nxt])
                return True
            if nxt not in state and visit(nxt, path + [node]):
                return True
        state[node] = 2
        return False

    assert not any(visit(m, []) for m in sorted(graph) if m not in state), f"import cycle: {' -> '.join(cycle)}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_architecture_modules_stay_under_the_line_guide(module):
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module}: {lines} lines; split it where the concern splits"
