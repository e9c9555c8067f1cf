"""The layers of docs/architecture.md, checked on the source: imports run one way, and none hides in a function.

    portal  ←  search  ←  practices  ←  home

A module may import the modules of its own app and of the apps below it, never above. The composition
root (portal/urls.py, portal/settings/, portal/wsgi.py) names every app, and the development tools
(portal/devtools/, installed by the dev and test settings only) use every app: both stand above the
layers. Migrations are history and are not checked.

An import of the project's own modules inside a function is refused too, except in an AppConfig's
ready() (where Django wants signal receivers and registrations made): one inside a function is how a
cycle hides.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["portal", "search", "practices", "home"]
ABOVE_THE_LAYERS = ("portal.urls", "portal.settings", "portal.wsgi", "portal.devtools")


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules():
    for app in LAYERS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield module_name(path), path


def imports_of(module, path):
    """(imported module, line, inside a function other than ready()) for every import of `path`."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []

    def visit(node, function=None):
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else function
            if isinstance(child, ast.Import):
                found.extend((alias.name, child.lineno, function) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")
                    base = base[: len(base) - (child.level - 1)]
                    target = ".".join(base + ([child.module] if child.module else []))
                else:
                    target = child.module
                names = [f"{target}.{alias.name}" for alias in child.names] if not child.module or child.level else [target]
                found.extend((name, child.lineno, function) for name in names)
            visit(child, inner)

    visit(tree)
    return found


def layer_of(module):
    if module.startswith(ABOVE_THE_LAYERS):
        return len(LAYERS)
    top = module.split(".")[0]
    return LAYERS.index(top) if top in LAYERS else None


ALL = list(project_modules())


def test_the_walk_sees_every_app():
    apps = {module.split(".")[0] for module, _path in ALL}
    assert apps == set(LAYERS)
    assert len(ALL) > 50


@pytest.mark.parametrize(("module", "path"), ALL, ids=[module for module, _path in ALL])
def test_imports_run_down_the_layers(module, path):
    own = layer_of(module)
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {target}"
        for target, line, _function in imports_of(module, path)
        if (layer := layer_of(target)) is not None and layer > own
    ]
    assert wrong == [], "an import goes up the layers (portal ← search ← practices ← home)"


@pytest.mark.parametrize(("module", "path"), ALL, ids=[module for module, _path in ALL])
def test_no_project_import_hides_in_a_function(module, path):
    hidden = [
        f"{path.relative_to(ROOT)}:{line} imports {target} inside {function}()"
        for target, line, function in imports_of(module, path)
        if function not in (None, "ready") and layer_of(target) is not None
    ]
    assert hidden == [], "an import of the project's own modules inside a function (a cycle dodged?)"


def test_the_guard_catches_an_upward_and_a_hidden_import(tmp_path):
    """The checks above would fail on the mistakes they exist for."""
    bad = tmp_path / "search" / "bad.py"
    bad.parent.mkdir()
    bad.write_text("from practices.models import PracticeSheetPage\n\ndef f():\n    from home import sections\n")
    found = imports_of("search.bad", bad)
    assert [(target, function) for target, _line, function in found] == [
        ("practices.models", None),
        ("home", "f"),
    ]
    assert layer_of("practices.models") > layer_of("search.bad")
    assert layer_of("portal.urls") > layer_of("home.models")
