"""Nothing imports upward (docs/architecture.md): every `jixiao` module imports only modules of
its own layer or the layers below, and the web and the CLI reach the library through `api`
alone. The imports are read with `ast`, function-level ones included."""

from __future__ import annotations

import ast
from pathlib import Path

import jixiao

PACKAGE = Path(jixiao.__file__).parent

# Layers from the bottom up; a module is placed by its first package component.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"model", "decimals", "catalog", "findings", "registry", "document", "declaration", "monitoring",
               "department", "prose"}),
    frozenset({"numbers", "formula", "profile", "soffice"}),
    frozenset({"rules"}),
    frozenset({"engine"}),
    frozenset({"targets", "monitor"}),
    frozenset({"audit"}),
    frozenset({"ingest", "render"}),
    frozenset({"batch", "api", "plans"}),
    frozenset({"store"}),
    frozenset({"web", "cli"}),
)
# Besides `api`, what the top layer may use directly: plain records and its own store.
TOP_MAY_USE = frozenset({"api", "model", "decimals", "catalog", "findings", "registry", "document", "store",
                         "profile", "web", "cli", "declaration", "monitoring", "department", "prose"})
# Sideways imports inside one layer that are allowed: none of ingest ↔ render, nor web → cli.
FORBIDDEN_SIDEWAYS = {("ingest", "render"), ("render", "ingest"), ("web", "cli"), ("batch", "api")}


def _component(module: str) -> str:
    return module.split(".", 1)[0]


def _rank(component: str) -> int:
    for rank, layer in enumerate(LAYERS):
        if component in layer:
            return rank
    raise AssertionError(f"jixiao.{component} is in no layer: add it to LAYERS and docs/architecture.md")


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, imported jixiao module relative to the package) for every import in the file."""
    module = path.relative_to(PACKAGE).with_suffix("")
    parts = list(module.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    package = parts if path.name == "__init__.py" else parts[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
                names = [target] if node.module else [".".join(base + [a.name]) for a in node.names]
            elif node.module and node.module.startswith("jixiao."):
                names = [node.module.removeprefix("jixiao.")]
            else:
                continue
            found += [(node.lineno, name) for name in names if name]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name.removeprefix("jixiao.")) for a in node.names if a.name.startswith("jixiao.")]
    return found


def _violations() -> list[str]:
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        own = _component(".".join(path.relative_to(PACKAGE).with_suffix("").parts))
        if own in ("__init__", "__main__"):
            continue
        for line, target in _imports(path):
            other = _component(target)
            if other == own or other in ("__init__", ""):
                continue
            where = f"{path.relative_to(PACKAGE.parent)}:{line} imports jixiao.{target}"
            if _rank(other) > _rank(own):
                problems.append(f"{where} (a layer above {own})")
            elif (own, other) in FORBIDDEN_SIDEWAYS:
                problems.append(f"{where} (sideways)")
            elif own in ("web", "cli") and other not in TOP_MAY_USE:
                problems.append(f"{where} (the web and the CLI go through jixiao.api)")
    return problems


def test_no_module_imports_a_layer_above_its_own():
    assert _violations() == []


def test_the_check_sees_an_upward_import(tmp_path, monkeypatch):
    # The check itself must fail on a violation: a rule module reaching into the audit.
    fake = tmp_path / "jixiao"
    (fake / "rules").mkdir(parents=True)
    (fake / "rules" / "bad.py").write_text("from ..audit import runner\n", encoding="utf-8")
    monkeypatch.setattr(__import__(__name__), "PACKAGE", fake)
    assert _violations() == ["jixiao/rules/bad.py:1 imports jixiao.audit (a layer above rules)"]
