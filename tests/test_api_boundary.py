"""The front ends (the command line, its batch runner, the web app) call drafter.api and nothing
below it: a front end added or changed cannot reach into the library, the composer or a writer
unseen. Imports are read with ast, TYPE_CHECKING and function-level ones included."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

FRONT_ENDS = ("drafter/cli", "drafter/web")
# What a front end may import besides drafter.api and the front ends' own modules; each is shared
# by every layer, not a layer below the API.
SHARED = {
    "drafter.api": "the library API itself",
    "drafter.errors": "the problems every front end shows (DrafterError, Issue; api re-exports them)",
    "drafter.i18n": "the language a front end chooses per process, thread or request, and _()",
    "drafter.output": "atomic files and output-name checks: how a front end writes what it renders",
    "drafter.limits": "the caps on untrusted input a front end applies before reading (batch size)",
    "drafter.records": "how every layer declares its data classes (dataclasses, methods shared)",
}
OWN = ("drafter.cli", "drafter.web")  # serve starts the web app; each package's own modules


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(source: str, module: str, is_package: bool = False) -> list[tuple[int, str]]:
    """(line, module) of every drafter module ``source`` imports, relative imports resolved."""
    package = module if is_package else module.rpartition(".")[0]
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target == "drafter":  # from drafter import api / from .. import library
                out += [(node.lineno, f"drafter.{a.name}") for a in node.names]
            else:
                out.append((node.lineno, target))
    return sorted((line, name) for line, name in out if name.startswith("drafter."))


def below_api(source: str, module: str, is_package: bool = False) -> list[str]:
    return [
        f"{module}:{line}: {name}"
        for line, name in imported(source, module, is_package)
        if name not in SHARED
        and not name.startswith(tuple(o + "." for o in OWN))
        and name not in OWN
    ]


def test_front_ends_import_nothing_below_the_api():
    found = []
    files = [p for folder in FRONT_ENDS for p in sorted((ROOT / folder).rglob("*.py"))]
    assert len(files) > 30  # the walk found the front ends
    for path in files:
        source = path.read_text(encoding="utf-8")
        found += below_api(source, _module(path), path.name == "__init__.py")
    assert not found, "front ends reach below drafter.api (route each through it):\n" + "\n".join(
        found
    )


def test_the_check_sees_every_form_of_import():
    """Relative (to any depth), absolute, `from drafter import x`, in a function or TYPE_CHECKING;
    the shared modules and the front ends' own pass."""
    source = (
        "from typing import TYPE_CHECKING\n"
        "from ... import api, library\n"
        "from ...compose import plan\n"
        "from ...errors import DrafterError\n"
        "import drafter.writers.docx\n"
        "from drafter import i18n, words\n"
        "from . import jobs\n"
        "from ..common import say_issues\n"
        "if TYPE_CHECKING:\n"
        "    from ...model import Document\n"
        "def f():\n"
        "    from ...profile.yamlread import parse\n"
    )
    assert below_api(source, "drafter.cli.batch.worker") == [
        "drafter.cli.batch.worker:2: drafter.library",
        "drafter.cli.batch.worker:3: drafter.compose",
        "drafter.cli.batch.worker:5: drafter.writers.docx",
        "drafter.cli.batch.worker:6: drafter.words",
        "drafter.cli.batch.worker:10: drafter.model",
        "drafter.cli.batch.worker:12: drafter.profile.yamlread",
    ]
    assert below_api("from .. import api\nfrom . import batch\n", "drafter.web", True) == []
