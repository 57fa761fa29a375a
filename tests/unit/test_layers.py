"""The packages of mentoring/ are layers: each imports only the layers below it, and none
imports MkDocs (hooks/site.py is the one MkDocs entry; MkDocs 1.x is unmaintained)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "mentoring"
# The rank of each part of the core; a module may import its own rank and those below.
RANKS = {
    "core": 0,
    "schemas": 0,
    "html": 1,
    "kinds": 2,
    "content": 3,
    "search": 3,
    "views": 4,
    "build": 5,
    "__main__": 5,
    "editor": 5,
    "publish": 5,
}
FRAMEWORKS = ("mkdocs", "material", "properdocs")


def module_name(path: Path) -> str:
    return ".".join(("mentoring", *path.relative_to(PACKAGE).with_suffix("").parts))


def part_of(module: str) -> str:
    """``mentoring.kinds.plan.progress`` → ``kinds``."""
    return module.split(".")[1]


def imports(tree: ast.Module, *, at_runtime: bool) -> set[str]:
    """Modules a file imports; with ``at_runtime`` those under ``if TYPE_CHECKING`` left out."""
    names: set[str] = set()

    def visit(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            if (
                isinstance(node, ast.If)
                and at_runtime
                and "TYPE_CHECKING" in ast.unparse(node.test)
            ):
                visit(node.orelse)
                continue
            for child in ast.walk(node):
                if isinstance(child, ast.Import):
                    names.update(alias.name for alias in child.names)
                elif isinstance(child, ast.ImportFrom) and child.module and not child.level:
                    names.add(child.module)
                    if child.module == "mentoring":
                        names.update(f"mentoring.{alias.name}" for alias in child.names)

    visit(tree.body)
    return names


MODULES = sorted(path for path in PACKAGE.rglob("*.py") if path != PACKAGE / "__init__.py")


def test_every_part_of_the_core_has_a_rank() -> None:
    assert {part_of(module_name(path)) for path in MODULES} <= RANKS.keys()


@pytest.mark.parametrize("path", MODULES, ids=module_name)
def test_imports_follow_the_layers(path: Path) -> None:
    module = module_name(path)
    tree = ast.parse(path.read_text("utf-8"))
    rank = RANKS[part_of(module)]
    above = sorted(
        name
        for name in imports(tree, at_runtime=True)
        if name.startswith("mentoring.") and RANKS[part_of(name)] > rank
    )
    assert above == [], f"{module} imports a higher layer"


@pytest.mark.parametrize("path", MODULES, ids=module_name)
def test_the_core_does_not_import_mkdocs(path: Path) -> None:
    tree = ast.parse(path.read_text("utf-8"))
    frameworks = sorted(
        name for name in imports(tree, at_runtime=False) if name.split(".")[0] in FRAMEWORKS
    )
    assert frameworks == []


def test_a_higher_import_is_found() -> None:
    tree = ast.parse("from mentoring.views.render import Renderer\nimport mkdocs.config\n")
    assert imports(tree, at_runtime=True) == {"mentoring.views.render", "mkdocs.config"}
    guarded = ast.parse("if TYPE_CHECKING:\n    from mentoring.views.render import Renderer\n")
    assert imports(guarded, at_runtime=True) == set()
    assert imports(guarded, at_runtime=False) == {"mentoring.views.render"}
