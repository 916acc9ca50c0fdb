"""Notifications one way: imports run services → tasks → delivery → models, and
only the outbox's delivery modules touch django.core.mail.

Read from the source with `ast`, function-level imports included: a cycle
hidden inside a function is still a cycle.
"""

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("civic", "consultations", "entities", "home")
# The modules whose imports must form a graph without cycles.
SCOPE = [
    *sorted((ROOT / "civic/notifications").glob("*.py")),
    *sorted((ROOT / "civic/notifications/delivery").glob("*.py")),
    ROOT / "entities/notifications.py",
    ROOT / "entities/tasks.py",
    ROOT / "entities/services/reminders.py",
    ROOT / "entities/services/representatives.py",
]
# (importer prefix, imported prefix) that the layering forbids.
FORBIDDEN = [
    ("civic.notifications.delivery", "civic.notifications.tasks"),
    ("civic.notifications.delivery", "civic.notifications.services"),
    ("civic.notifications.tasks", "civic.notifications.services"),
    ("civic.notifications.models", "civic.notifications.services"),
    ("civic.notifications.models", "civic.notifications.tasks"),
    ("civic.notifications.models", "civic.notifications.delivery"),
    ("entities.notifications", "entities.tasks"),
    ("entities.services", "entities.tasks"),
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _import_nodes(tree: ast.AST):
    """Every import, at any depth, except those only for the type checker."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def imported_modules(path: Path) -> set[str]:
    """Dotted names a module imports (a `from x import y` yields x and x.y)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in _import_nodes(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
            continue
        base = package
        for _ in range(node.level - 1):
            base = base.rpartition(".")[0]
        module = ".".join(p for p in (base if node.level else "", node.module) if p)
        found.add(module)
        found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def import_graph() -> dict[str, set[str]]:
    """{module: the modules in SCOPE it imports}."""
    names = {module_name(path): path for path in SCOPE}
    return {
        name: {m for m in imported_modules(path) if m in names and m != name}
        for name, path in names.items()
    }


def test_the_scope_is_real():
    graph = import_graph()
    assert "civic.notifications.delivery.sending" in graph
    assert "civic.notifications.tasks" in graph["civic.notifications.services"]
    assert "entities.notifications" in graph["entities.services.reminders"]


def test_the_imports_have_no_cycle():
    try:
        order = list(TopologicalSorter(import_graph()).static_order())
    except CycleError as error:
        pytest.fail(f"Import cycle: {' → '.join(error.args[1])}")
    assert order.index("civic.notifications.models") < order.index(
        "civic.notifications.services"
    )


@pytest.mark.parametrize(("importer", "imported"), FORBIDDEN)
def test_the_layers_import_downwards_only(importer, imported):
    offending = {
        name: sorted(m for m in targets if m.startswith(imported))
        for name, targets in import_graph().items()
        if name.startswith(importer)
    }
    assert not {name: m for name, m in offending.items() if m}


def test_the_analysis_sees_imports_inside_functions(tmp_path, monkeypatch):
    package = tmp_path / "civic/notifications/delivery"
    package.mkdir(parents=True)
    module = package / "bad.py"
    module.write_text("def f():\n    from ..tasks import deliver_emails\n")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    assert "civic.notifications.tasks" in imported_modules(module)


def _product_modules():
    for top in PRODUCT:
        for path in sorted((ROOT / top).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_only_the_outbox_sends_email():
    """allauth's account emails go through allauth's own adapter, not ours."""
    mail_users = sorted(
        module_name(path)
        for path in _product_modules()
        if any(
            m == "django.core.mail" or m.startswith("django.core.mail.")
            for m in imported_modules(path)
        )
    )
    assert mail_users == [
        "civic.notifications.delivery.rendering",
        "civic.notifications.delivery.sending",
    ]
